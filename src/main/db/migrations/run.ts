/**
 * What the migrations (db/migrations/) share: the stamp columns, the seed account and its rows, and `run`,
 * which runs a statement on either engine. Frozen like the migrations: a different need is a new helper.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { forPostgres } from './postgres';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export type AnyDb = Kysely<any>;

export const stamped = `
  created_at text not null,
  updated_at text not null,
  created_by text not null,
  updated_by text not null,
  deleted_at text`;

/**
 * The one account migration 0002 creates, which every seeded row names as its author. A literal (not
 * db/system-user.ts's SYSTEM_USER, which must keep this id): a migration never reads today's code.
 */
export const SEED_USER = { id: '00000000-0000-4000-8000-000000000001', username: 'quantri', display_name: 'Quản trị', role: 'admin' };

export type SeedRow = Record<string, string | number | null>;

/** The stamps of a seeded row: written now, by the seed account. */
export const seedStamps = (now: string): SeedRow => ({ created_at: now, updated_at: now, created_by: SEED_USER.id, updated_by: SEED_USER.id });

/**
 * Inserts rows given with the table's own column names, in order. Plain SQL, not Kysely's query
 * builder, whose identifiers pass through the plugins of whichever instance runs the migration.
 * Frozen like the migrations that call it: a different need is a new helper.
 */
export async function insertSeedRows(db: AnyDb, table: string, rows: SeedRow[]): Promise<void> {
  for (const row of rows) {
    const columns = Object.keys(row);
    await sql`insert into ${sql.raw(table)} (${sql.raw(columns.join(', '))}) values (${sql.join(columns.map((column) => row[column]))})`.execute(db);
  }
}

/**
 * Runs one statement of a migration. On a PostgreSQL server (db/postgres.ts) the same statements are
 * translated, added when PostgreSQL arrived and leaving what SQLite runs unchanged (the frozen snapshot
 * proves it): text compares byte by byte as in SQLite (collate "C", so sort keys order alike), `real` is a
 * double, the rowid alias is an identity column, the two logs read in the order they were written (the audit
 * log and the award status history) get a `rowid` as on SQLite, and the FTS5 search index and its triggers give way to a
 * pg_trgm index over the same folded text of the live rows. Frozen like insertSeedRows.
 */
export async function run(db: AnyDb, statement: string): Promise<void> {
  const statements = db.getExecutor().adapter instanceof PostgresAdapter ? forPostgres(statement) : [statement];
  for (const each of statements) await sql.raw(each).execute(db);
}
/** Catalogue rows: each with a new id and the seed's stamps. Frozen like insertSeedRows. */
export const insertCatalogueRows = (db: AnyDb, table: string, rows: SeedRow[], now: string) => insertSeedRows(db, table, rows.map((row) => ({ id: crypto.randomUUID(), ...row, ...seedStamps(now) })));
