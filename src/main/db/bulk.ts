/**
 * Bulk inserts for generated data (the demo generator writes a million rows) and imports: one prepared
 * better-sqlite3 statement per table, run row by row. Kysely compiles every statement anew, which is
 * the slow part at that size. Run it inside a transaction on the same database (e.g. a Kysely
 * transaction of `db`: the dialect holds one connection, so the rows land in that transaction), and
 * call `finish()` at the end, inside the same transaction (a rollback takes everything back, the
 * dropped trigger and indexes too: SQLite's schema changes are transactional).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Insertable } from 'kysely';
import { sqliteHandle, type Db } from './open';
import type { Database } from './schema';

/** The column name as Kysely's CamelCasePlugin writes it: reviewedOn -> reviewed_on. */
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (char) => `_${char.toLowerCase()}`);

/** The trigger that adds each new live subject to the search index (migration 0004). */
const SEARCH_TRIGGER = 'subjects_search_insert';

export interface RowWriter {
  /** Inserts one row; every row of a table must have the columns of its first. */
  insert<T extends keyof Database & string>(table: T, row: Insertable<Database[T]>): void;
  /** Completes what was deferred: the indexes of the subjects table and the search index of its new rows. */
  finish(): void;
  /**
   * finish() one step at a time (each index, then the search index by chunks of new rows), so the caller
   * can let other work in between steps (all still inside its transaction).
   */
  finishSteps(): Generator<void>;
}

/** New rows added to the search index per step of finishSteps(). */
const SEARCH_CHUNK = 10_000;

export interface RowWriterOptions {
  /**
   * Set the secondary indexes of subjects aside too while writing (rebuilt by finish(), over the whole
   * table): worth it when the new rows are many beside the rows already there. The search index is
   * always built at the end, for the new rows only.
   */
  deferIndexes?: boolean;
}

export function rowWriter(db: Db, options: RowWriterOptions = {}): RowWriter {
  const deferIndexes = options.deferIndexes ?? true;
  const sqlite = sqliteHandle(db);
  if (!sqlite.inTransaction) throw new Error('rowWriter must run inside a transaction.');
  const statements = new Map<string, { statement: BetterSqlite3.Statement; columns: string[] }>();
  // At 100.000 people, row-by-row inserts into the FTS5 trigram index cost ~10 times the row itself, and
  // a dozen wide indexes several times more: while writing subjects, the search trigger and the indexes
  // are set aside (their definitions read from the schema, so they stay as the migrations made them),
  // and are rebuilt in one pass each by finish(). All inside the caller's transaction. Rows already there
  // may be updated meanwhile (their search entries are kept up by the update trigger), but a subject
  // inserted here must not have its search_text or deleted_at changed before finish(): it is not in the
  // search index yet, and the update trigger would remove an entry that is not there.
  let deferred: { trigger: string | undefined; indexes: { name: string; sql: string }[]; fromSeq: number } | null = null;
  const deferSubjectIndexes = () => {
    const definition = (type: string) =>
      sqlite.prepare("select name, sql from sqlite_master where type = ? and tbl_name = 'subjects' and sql is not null").all(type) as { name: string; sql: string }[];
    const trigger = definition('trigger').find((item) => item.name === SEARCH_TRIGGER)?.sql;
    const indexes = deferIndexes ? definition('index') : [];
    const fromSeq = (sqlite.prepare('select coalesce(max(seq), 0) + 1 as seq from subjects').get() as { seq: number }).seq;
    if (trigger) sqlite.exec(`drop trigger ${SEARCH_TRIGGER}`);
    for (const index of indexes) sqlite.exec(`drop index ${index.name}`);
    deferred = { trigger, indexes, fromSeq };
  };
  return {
    insert(table, row) {
      const values = row as Record<string, unknown>;
      let prepared = statements.get(table);
      if (!prepared) {
        if (table === 'subjects') deferSubjectIndexes();
        const columns = Object.keys(values);
        const sql = `insert into ${snakeCase(table)} (${columns.map(snakeCase).join(', ')}) values (${columns.map(() => '?').join(', ')})`;
        prepared = { statement: sqlite.prepare(sql), columns };
        statements.set(table, prepared);
      }
      const { columns, statement } = prepared;
      const parameters = new Array<unknown>(columns.length);
      for (let index = 0; index < columns.length; index += 1) {
        const value = values[columns[index]!];
        if (value === undefined) throw new Error(`Rows for ${table} must all have the columns of the first (${columns[index]} is missing).`);
        parameters[index] = value;
      }
      statement.run(parameters);
    },
    finish() {
      for (const _step of this.finishSteps());
    },
    *finishSteps() {
      const done = deferred;
      if (!done) return;
      deferred = null;
      for (const index of done.indexes) {
        sqlite.exec(index.sql);
        yield;
      }
      if (done.trigger) {
        // The new live rows only (the trash is never indexed), by ranges of seq.
        const lastSeq = (sqlite.prepare('select coalesce(max(seq), 0) as seq from subjects').get() as { seq: number }).seq;
        const index = sqlite.prepare('insert into subjects_search (rowid, search_text) select seq, search_text from subjects where seq >= ? and seq < ? and deleted_at is null');
        for (let from = done.fromSeq; from <= lastSeq; from += SEARCH_CHUNK) {
          index.run(from, from + SEARCH_CHUNK);
          yield;
        }
        sqlite.exec(done.trigger);
      }
    },
  };
}
