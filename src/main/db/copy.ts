/**
 * The whole data of a PostgreSQL server written into a new SQLite file of the same schema version: what a
 * backup of a server starts from (services/backup/create.ts), so the backup has the app's own format and
 * restores into a local file too.
 */
import { sql, type Kysely } from 'kysely';
import { openDatabase } from './open';
import type { Database } from './schema';

/** Rows read from the server per statement, each table in the order of its key. */
const PAGE = 5000;

/** Tables that are not the data: each database keeps its own migration bookkeeping. */
const OWN_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

export interface CopiedTables {
  /** Rows written, by table. */
  rows: Record<string, number>;
}

/**
 * Writes every table of `server` into the new file `file`: one read-only snapshot of the server (repeatable
 * read), so the copy is one moment of the data however long it takes. The file's migrations seed catalogue
 * rows; they give way to the server's. The search index is filled by the file's own triggers as the people
 * are written. Foreign keys are checked once at the end.
 */
export async function copyServerToFile(server: Kysely<Database>, file: string): Promise<CopiedTables> {
  const target = await openDatabase(file);
  const sqlite = target.sqlite;
  const rows: Record<string, number> = {};
  try {
    const tables = dataTables(sqlite);
    sqlite.pragma('foreign_keys = OFF');
    sqlite.exec('begin');
    for (const table of tables) sqlite.exec(`delete from ${table}`);
    await server
      .withoutPlugins()
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        for (const table of tables) {
          const columns = (sqlite.pragma(`table_info(${table})`) as { name: string; pk: number }[]).map((column) => column.name);
          const keyed = columns.includes('id');
          const insert = sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
          let count = 0;
          for (let after: string | null = null; ; ) {
            const list = sql.join(columns.map((column) => sql.ref(column)));
            const page: Record<string, unknown>[] = keyed
              ? (await sql<Record<string, unknown>>`select ${list} from ${sql.table(table)} ${after === null ? sql`` : sql`where id > ${after}`} order by id limit ${PAGE}`.execute(trx)).rows
              : (await sql<Record<string, unknown>>`select ${list} from ${sql.table(table)}`.execute(trx)).rows;
            for (const row of page) insert.run(columns.map((column) => row[column] ?? null));
            count += page.length;
            if (!keyed || page.length < PAGE) break;
            after = String(page.at(-1)?.id);
          }
          rows[table] = count;
        }
      });
    const broken = sqlite.prepare('pragma foreign_key_check').all();
    if (broken.length > 0) throw new Error(`The server's data broke ${broken.length} foreign keys when copied.`);
    sqlite.exec('commit');
    sqlite.pragma('foreign_keys = ON');
    return { rows };
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('rollback');
    throw error;
  } finally {
    await target.close();
  }
}

/** The registers a server must hold none of to take a file's data (catalogues, accounts and settings are replaced). */
const REGISTERS = ['subjects', 'models', 'award_rounds', 'activities', 'tips', 'security_standards', 'movement_scores'];

/** Rows per INSERT into the server. */
const SERVER_ROWS = 500;

/** The server already holds records: nothing was copied. */
export class ServerNotEmptyError extends Error {}

/**
 * The reverse: every table of the data file `file` into a server that has the schema and no records yet
 * (its seeded catalogues, accounts and settings give way to the file's), in one transaction. Tables go in
 * the order of their foreign keys, which are checked at the commit (a person may be merged into one later in
 * the file); the server's own order of people (`seq`) and of the logs (`rowid`) follows the file's.
 */
export async function copyFileToServer(file: string, server: Kysely<Database>): Promise<CopiedTables> {
  const source = await openDatabase(file, { mustExist: true });
  const sqlite = source.sqlite;
  const rows: Record<string, number> = {};
  try {
    const tables = dataTables(sqlite);
    const ordered = inForeignKeyOrder(sqlite, tables);
    sqlite.exec('begin'); // one moment of the file, however long the copy
    await server
      .withoutPlugins()
      .transaction()
      .execute(async (trx) => {
        await sql`set constraints all deferred`.execute(trx);
        for (const table of REGISTERS) {
          const { rows: found } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(trx);
          if (Number(found[0]?.n) > 0) throw new ServerNotEmptyError(table);
        }
        for (const table of [...ordered].reverse()) await sql`delete from ${sql.table(table)}`.execute(trx);
        for (const table of ordered) {
          const columns = (sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name);
          let batch: Record<string, unknown>[] = [];
          const flush = async () => {
            if (batch.length > 0) await trx.insertInto(table as never).values(batch as never).execute();
            batch = [];
          };
          let count = 0;
          // In the file's own order (rowid), so the server's identity columns number the rows alike.
          for (const row of sqlite.prepare(`select * from ${table} order by rowid`).iterate() as IterableIterator<Record<string, unknown>>) {
            batch.push(pick(row, columns));
            count += 1;
            if (batch.length >= SERVER_ROWS) await flush();
          }
          await flush();
          rows[table] = count;
        }
        await sql`select setval(pg_get_serial_sequence('subjects', 'seq'), greatest(coalesce(max(seq), 0), 1)) from subjects`.execute(trx);
      });
    return { rows };
  } finally {
    if (sqlite.inTransaction) sqlite.exec('rollback');
    await source.close();
  }
}

/** The file's tables of data: not SQLite's own, nor the search index (filled by triggers), nor the migration bookkeeping. */
function dataTables(sqlite: OpenFileHandle): string[] {
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' and name not like 'subjects\\_search%' escape '\\'").all() as { name: string }[];
  return tables.map((table) => table.name).filter((name) => !OWN_TABLES.has(name));
}

const pick = (row: Record<string, unknown>, columns: string[]) => Object.fromEntries(columns.map((column) => [column, row[column] ?? null]));

/** Tables ordered so each comes after the tables its foreign keys name (a table naming itself aside). */
function inForeignKeyOrder(sqlite: OpenFileHandle, tables: string[]): string[] {
  const parents = new Map(tables.map((table) => [table, (sqlite.pragma(`foreign_key_list(${table})`) as { table: string }[]).map((key) => key.table).filter((parent) => parent !== table)]));
  const ordered: string[] = [];
  const visit = (table: string) => {
    if (ordered.includes(table)) return;
    for (const parent of parents.get(table) ?? []) visit(parent);
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered;
}

type OpenFileHandle = Awaited<ReturnType<typeof openDatabase>>['sqlite'];
