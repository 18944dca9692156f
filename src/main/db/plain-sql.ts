/**
 * Plain SQL with `?` parameters on either engine, for the work that goes table by table over every column
 * (the merge of ward files, services/merge): on the local file through better-sqlite3's cached statements
 * (a merge runs hundreds of thousands of them), on a server through the transaction's connection.
 * Column names come back as the tables spell them (snake_case).
 */
import { CompiledQuery, type Transaction } from 'kysely';
import { prepared } from './bulk';
import { onPostgres } from './engine';
import { sqliteHandle, type Db } from './open';
import type { Database } from './schema';

export interface PlainSql {
  readonly onServer: boolean;
  get<Row>(text: string, ...params: unknown[]): Promise<Row | undefined>;
  all<Row>(text: string, ...params: unknown[]): Promise<Row[]>;
  /** Runs a statement; the number of rows it changed. */
  run(text: string, ...params: unknown[]): Promise<number>;
  /** Foreign keys are checked at the commit (records may point to records later in their table). */
  deferForeignKeys(): Promise<void>;
}

/** `?` parameters as PostgreSQL numbers them ($1, $2…): the texts here hold no `?` of their own (in a string or a name). */
export function numberedParameters(text: string): string {
  let index = 0;
  return text.replace(/\?/g, () => `$${++index}`);
}

/** `db` the app's database; `trx` the transaction to run in (on the file, the one connection holds it already). */
export function plainSql(db: Db, trx?: Transaction<Database>): PlainSql {
  if (!onPostgres(db)) {
    const sqlite = sqliteHandle(db);
    return {
      onServer: false,
      get: async <Row>(text: string, ...params: unknown[]) => prepared(sqlite, text).get(params) as Row | undefined,
      all: async <Row>(text: string, ...params: unknown[]) => prepared(sqlite, text).all(params) as Row[],
      run: async (text, ...params) => prepared(sqlite, text).run(params).changes,
      deferForeignKeys: async () => void sqlite.pragma('defer_foreign_keys = on'),
    };
  }
  const executor = (trx ?? db).withoutPlugins();
  const query = <Row>(text: string, params: unknown[]) => executor.executeQuery<Row>(CompiledQuery.raw(numberedParameters(text), params));
  return {
    onServer: true,
    get: async <Row>(text: string, ...params: unknown[]) => (await query<Row>(text, params)).rows[0],
    all: async <Row>(text: string, ...params: unknown[]) => (await query<Row>(text, params)).rows,
    run: async (text, ...params) => Number((await query(text, params)).numAffectedRows ?? 0),
    deferForeignKeys: async () => void (await query('set constraints all deferred', [])),
  };
}
