/**
 * The SQL that differs between the two engines (the local SQLite file and a PostgreSQL server, issue 18),
 * kept here so services stay one text for both. Everything else is plain Kysely and runs on either.
 */
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a transaction or the database, of any schema
type AnyDb = Kysely<any>;

export const onPostgres = (db: AnyDb): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** A top-level text field of a JSON text column (`key` a literal of ours, never user input). */
export function jsonField(db: AnyDb, column: string, key: string): RawBuilder<string> {
  return onPostgres(db) ? sql<string>`(${sql.ref(column)}::jsonb ->> ${key})` : sql<string>`json_extract(${sql.ref(column)}, ${`$.${key}`})`;
}

/**
 * `date` (yyyy-mm-dd text) plus `months`, kept within the target month (31/01 + 1 month = 28/02).
 * SQLite's date(…, '+N months') runs over into the next month (03/03), so it is capped at the month's last
 * day; PostgreSQL's interval arithmetic caps by itself.
 */
export function addMonthsSql(db: AnyDb, date: string, months: number): RawBuilder<string> {
  const column = sql.ref(date);
  return onPostgres(db)
    ? sql<string>`to_char(${column}::date + make_interval(months => ${months}), 'YYYY-MM-DD')`
    : sql<string>`min(date(${column}, ${`+${months} months`}), date(${column}, 'start of month', ${`+${months + 1} months`}, '-1 day'))`;
}

export type ConstraintKind = 'foreign_key' | 'unique' | 'other';

/** Which rule of the schema refused a write, from either engine's error; null when no rule did. */
export function refusedBy(error: unknown): ConstraintKind | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') return 'foreign_key';
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505') return 'unique';
  // SQLite's other constraints; PostgreSQL's class 23, integrity constraint violations.
  return code.startsWith('SQLITE_CONSTRAINT') || /^23[0-9A-Z]{3}$/.test(code) ? 'other' : null;
}
