/**
 * Bulk inserts for generated data (the demo generator writes a million rows) and imports: one prepared
 * better-sqlite3 statement per table, run row by row. Kysely compiles every statement anew, which is
 * the slow part at that size. Run it inside a transaction `trx` of `db` (on the file the dialect holds one
 * connection, so the rows land in that transaction), and call `finish()` at the end, inside the same
 * transaction (a rollback takes everything back, the dropped trigger and indexes too: SQLite's schema
 * changes are transactional). On a PostgreSQL server the rows go through `trx` with Kysely, a chunk at a
 * time (serverRowWriter).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Insertable, type Transaction } from 'kysely';
import { onPostgres } from './engine';
import { sqliteHandle, type Db } from './open';
import type { Database } from './schema';

/** The column name as Kysely's CamelCasePlugin writes it: reviewedOn -> reviewed_on. */
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (char) => `_${char.toLowerCase()}`);

export interface RowWriter {
  /**
   * Adds one row; every row of a table must have the columns of its first. Rows are held and written
   * CHUNK at a time by one multi-row statement (the prepared statement's fixed cost paid once per chunk):
   * a failure may surface at a later insert() or at flush(), as a BulkRowError naming the row's `source`.
   * A row may refer to rows of tables first written to before its own table (a status change to its
   * subject), not the other way round: held rows are written table by table in that order.
   */
  insert<T extends keyof Database & string>(table: T, row: Insertable<Database[T]>, source?: number): void;
  /** Writes the rows held so far (before other writes to the same tables, so their order stays as called). */
  flush(): Promise<void>;
  /** Completes what was deferred: the search index of the subjects table's new rows and its indexes. */
  finish(): Promise<void>;
}

/** A row the database refused, with the `source` given to insert() (e.g. the row of an imported file). */
export class BulkRowError extends Error {
  constructor(
    readonly source: number | undefined,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'BulkRowError';
  }
}

/**
 * Rows per multi-row INSERT. Measured on 50.000 people with their history and audit entries: the rows'
 * inserts take about a fifth less CPU time at 25 to 200 rows per statement than one by one (the commit
 * of 50.000 new people about 0,1 s less, of 3,3 s).
 */
const CHUNK = 50;

export interface RowWriterOptions {
  /**
   * Set the secondary indexes of subjects aside too while writing (rebuilt by finish(), over the whole
   * table): worth it when the new rows are many beside the rows already there. The search index is
   * always built at the end, for the new rows only.
   */
  deferIndexes?: boolean;
}

interface HeldRows {
  columns: string[];
  single: BetterSqlite3.Statement;
  chunk: BetterSqlite3.Statement;
  /** The held rows' values, one after the other. */
  values: unknown[];
  sources: (number | undefined)[];
}

/**
 * The statements of each connection by their text, kept from one use to the next: an import writes in
 * batches, a writer each, and preparing a statement of 50 rows of 40 columns costs about as much as running
 * it; a merge writes some 100.000 rows through a handful. SQLite prepares a kept statement again by itself
 * after a schema change.
 */
const statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

export function prepared(sqlite: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = sqlite.prepare(sql)));
  return statement;
}

export function rowWriter(db: Db, trx: Transaction<Database>, options: RowWriterOptions = {}): RowWriter {
  if (onPostgres(db)) return serverRowWriter(trx);
  const deferIndexes = options.deferIndexes ?? true;
  const sqlite = sqliteHandle(db);
  if (!sqlite.inTransaction) throw new Error('rowWriter must run inside a transaction.');
  // At 100.000 people, row-by-row inserts into the FTS5 trigram index cost ~10 times the row itself, and
  // a dozen wide indexes several times more. While writing subjects, the search trigger stands aside (a row
  // in search_deferred, migration 0013: no schema change, so the statements kept here and other
  // connections' stay prepared) and, when deferIndexes, the indexes are dropped (their definitions read
  // from the schema, so they stay as the migrations made them); finish() indexes the new rows in one
  // statement and rebuilds the indexes in one pass each. All inside the caller's transaction, so no other
  // connection ever sees the search deferred or an index missing. Rows already there may be updated
  // meanwhile (their search entries are kept up by the update trigger), but a subject inserted here must
  // not have its search_text or deleted_at changed before finish(): it is not in the search index yet,
  // and the update trigger would remove an entry that is not there.
  let deferred: { indexes: { name: string; sql: string }[]; fromSeq: number } | null = null;
  const deferSubjectIndexes = () => {
    const indexes = deferIndexes
      ? (sqlite.prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = 'subjects' and sql is not null").all() as { name: string; sql: string }[])
      : [];
    const fromSeq = (prepared(sqlite, 'select coalesce(max(seq), 0) + 1 as seq from subjects').get() as { seq: number }).seq;
    prepared(sqlite, 'insert into search_deferred (from_seq) values (?)').run(fromSeq);
    for (const index of indexes) sqlite.exec(`drop index ${index.name}`);
    deferred = { indexes, fromSeq };
  };
  const tables = new Map<string, HeldRows>();
  const prepareTable = (table: string, columns: string[]): HeldRows => {
    if (table === 'subjects') deferSubjectIndexes();
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const head = `insert into ${snakeCase(table)} (${columns.map(snakeCase).join(', ')}) values `;
    return { columns, single: prepared(sqlite, head + tuple), chunk: prepared(sqlite, head + Array.from({ length: CHUNK }, () => tuple).join(', ')), values: [], sources: [] };
  };
  const run = (statement: BetterSqlite3.Statement, values: unknown[], source: number | undefined) => {
    try {
      statement.run(values);
    } catch (error) {
      throw new BulkRowError(source, error);
    }
  };
  /** Writes a table's held rows by whole chunks, and the rest one by one when `all`. */
  const write = (held: HeldRows, all: boolean) => {
    const width = held.columns.length;
    const count = held.sources.length;
    let row = 0;
    for (; row + CHUNK <= count; row += CHUNK) {
      const values = held.values.slice(row * width, (row + CHUNK) * width);
      try {
        held.chunk.run(values);
      } catch {
        // The statement took none of its rows back into the table (SQLite undoes a failed statement
        // within the transaction): the chunk again row by row, to name the row refused.
        for (let one = row; one < row + CHUNK; one += 1) run(held.single, held.values.slice(one * width, (one + 1) * width), held.sources[one]);
      }
    }
    if (all) for (; row < count; row += 1) run(held.single, held.values.slice(row * width, (row + 1) * width), held.sources[row]);
    held.values.splice(0, row * width);
    held.sources.splice(0, row);
  };
  const flush = (all: boolean) => {
    for (const held of tables.values()) write(held, all);
  };
  return {
    insert(table, row, source) {
      const values = row as Record<string, unknown>;
      let held = tables.get(table);
      if (!held) {
        held = prepareTable(table, Object.keys(values));
        tables.set(table, held);
      }
      for (const column of held.columns) {
        const value = values[column];
        if (value === undefined) throw new Error(`Rows for ${table} must all have the columns of the first (${column} is missing).`);
        held.values.push(value);
      }
      held.sources.push(source);
      // The first table's rows are written whole, so the rows of later tables held back refer only to rows written.
      if (held.sources.length >= CHUNK && tables.values().next().value === held) flush(false);
    },
    async flush() {
      flush(true);
    },
    async finish() {
      flush(true);
      const done = deferred;
      if (!done) return;
      deferred = null;
      // The search index of the new live rows (the trash is never indexed), then the indexes: the search
      // index reads the new rows while they are still in the page cache, probably, before twelve index builds
      // have gone through the table (measured on 50.000 new people: 0,75 s in the other order, 0,63 s in this).
      prepared(sqlite, 'insert into subjects_search (rowid, search_text) select seq, search_text from subjects where seq >= ? and deleted_at is null').run(done.fromSeq);
      prepared(sqlite, 'delete from search_deferred').run();
      for (const index of done.indexes) sqlite.exec(index.sql);
    },
  };
}

/** Rows per INSERT on a server, where each statement is a round trip: within PostgreSQL's 65.535 parameters. */
const SERVER_CHUNK = 500;

/**
 * The same writer on a PostgreSQL server: rows held, then written through the transaction a chunk per
 * statement. A statement that fails aborts a PostgreSQL transaction, so each chunk runs in a savepoint, and a
 * refused chunk again row by row (each in its savepoint) to name the row refused. Nothing is deferred: the
 * trigram index keeps itself up to date.
 */
function serverRowWriter(trx: Transaction<Database>): RowWriter {
  const tables = new Map<keyof Database & string, { rows: Record<string, unknown>[]; sources: (number | undefined)[] }>();
  const inSavepoint = async (write: () => Promise<unknown>) => {
    await sql`savepoint bulk_rows`.execute(trx);
    try {
      await write();
    } catch (error) {
      await sql`rollback to savepoint bulk_rows`.execute(trx);
      throw error;
    }
    await sql`release savepoint bulk_rows`.execute(trx);
  };
  const flush = async () => {
    for (const [table, held] of tables) {
      for (let start = 0; start < held.rows.length; start += SERVER_CHUNK) {
        const rows = held.rows.slice(start, start + SERVER_CHUNK);
        try {
          await inSavepoint(() => trx.insertInto(table).values(rows as never).execute());
        } catch {
          for (const [offset, row] of rows.entries()) {
            try {
              await inSavepoint(() => trx.insertInto(table).values(row as never).execute());
            } catch (error) {
              throw new BulkRowError(held.sources[start + offset], error);
            }
          }
        }
      }
      held.rows = [];
      held.sources = [];
    }
  };
  let written = 0;
  return {
    insert(table, row, source) {
      let held = tables.get(table);
      if (!held) tables.set(table, (held = { rows: [], sources: [] }));
      held.rows.push(row as Record<string, unknown>);
      held.sources.push(source);
      written += 1;
    },
    flush,
    async finish() {
      await flush();
      // Many new rows: the planner's statistics of their tables are refreshed now, inside the transaction (the
      // server's autovacuum would, minutes later), so the next lists are planned for the register as it is.
      if (written >= ANALYZE_AFTER_ROWS) for (const table of tables.keys()) await sql`analyze ${sql.table(table)}`.execute(trx);
    },
  };
}

/** New rows from which a bulk write on a server refreshes the statistics of the tables it wrote. */
const ANALYZE_AFTER_ROWS = 1000;
