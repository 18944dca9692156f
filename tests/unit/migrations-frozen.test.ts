/**
 * Migrations are frozen: what they make of a fresh database is compared with a committed snapshot
 * (tests/unit/fixtures/migrations-snapshot.json), so editing a released migration, or a constant or
 * helper one still reached, fails here. The snapshot holds every schema object (`sqlite_master`:
 * type, name, table and statement, spacing normalised) and every row the migrations write, with the
 * values generated per install (random ids, timestamps) replaced by placeholders.
 *
 * The fixture is compared with toEqual and never written by a plain run (nor by `vitest -u`): a
 * missing fixture fails. After adding a migration, rewrite it on purpose and review the diff (only
 * the new migration's effect may appear):
 *   WRITE_MIGRATION_SNAPSHOT=1 npx vitest run tests/unit/migrations-frozen.test.ts
 */
import type BetterSqlite3 from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/open';
import { SYSTEM_USER } from '../../src/main/db/system-user';
import { tempDir } from './helpers';

const SNAPSHOT_FILE = join(import.meta.dirname, 'fixtures', 'migrations-snapshot.json');

type Cell = string | number | null;
type Row = Record<string, Cell>;

interface SchemaRow {
  type: string;
  name: string;
  table: string;
  sql: string | null;
}

interface MigrationsSnapshot {
  /** The migrations a fresh database ran, in order. */
  migrations: string[];
  schema: SchemaRow[];
  /** Each table's rows in insertion (rowid) order; tables left empty are listed with []. */
  rows: Record<string, Row[]>;
}

/** Statement text compared without its layout: runs of spaces collapsed, none around brackets and commas. */
const normalise = (sql: string | null) => (sql === null ? null : sql.replace(/\s+/g, ' ').replace(/ ?([(),;]) ?/g, '$1').trim());

/** Kysely's own bookkeeping (its statements are Kysely's, not ours): only the migration names are kept. */
const isKysely = (name: string) => name.startsWith('kysely_migration');

/**
 * FTS5's shadow tables (`subjects_search_data`, …) are written by SQLite itself: a newer SQLite may word
 * them differently, so only their names and tables are kept.
 */
function shadowOf(name: string, virtualTables: string[]): boolean {
  return virtualTables.some((table) => name.startsWith(`${table}_`));
}

function readEffect(sqlite: BetterSqlite3.Database): MigrationsSnapshot {
  const master = sqlite.prepare('select type, name, tbl_name as "table", sql from sqlite_master order by type, name').all() as SchemaRow[];
  const virtualTables = master.filter((row) => row.type === 'table' && /^create virtual table/i.test(row.sql ?? '')).map((row) => row.name);
  const schema = master
    .filter((row) => !isKysely(row.name))
    .map((row) => ({ ...row, sql: shadowOf(row.name, virtualTables) ? '(written by SQLite)' : normalise(row.sql) }));
  const tables = master
    .filter((row) => row.type === 'table' && !isKysely(row.name) && !virtualTables.includes(row.name) && !shadowOf(row.name, virtualTables))
    .map((row) => row.name);
  const rows: Record<string, Row[]> = {};
  for (const table of tables) rows[table] = sqlite.prepare(`select * from "${table}" order by rowid`).all() as Row[];
  const migrations = sqlite.prepare('select name from kysely_migration order by name').pluck().all() as string[];
  return { migrations, schema, rows };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The rows of `first` with each value that is generated per install replaced: a cell that differs
 * between two fresh databases must be a UUID in an `id` column or a timestamp in an `*_at` column (else
 * the test fails: a migration writes something else that is not the same on every install), and
 * timestamps are replaced whether or not the two runs happened to write the same one.
 */
function withPlaceholders(first: Record<string, Row[]>, second: Record<string, Row[]>): Record<string, Row[]> {
  const result: Record<string, Row[]> = {};
  for (const [table, rows] of Object.entries(first)) {
    expect(second[table]?.length, `rows of ${table}`).toBe(rows.length);
    result[table] = rows.map((row, index) => {
      const other = second[table]![index]!;
      const placed: Row = {};
      for (const [column, value] of Object.entries(row)) {
        if (column.endsWith('_at') && value !== null) {
          expect(value, `${table}.${column}`).toMatch(ISO_TIME);
          placed[column] = '<timestamp>';
        } else if (value !== other[column]) {
          expect(column, `${table}.${column} differs between two fresh databases`).toBe('id');
          expect(value, `${table}.${column}`).toMatch(UUID);
          placed[column] = '<uuid>';
        } else {
          placed[column] = value;
        }
      }
      return placed;
    });
  }
  return result;
}

async function freshEffect(): Promise<MigrationsSnapshot> {
  const database = await openDatabase(join(tempDir(), 'so.sqlite'));
  try {
    return readEffect(database.sqlite);
  } finally {
    await database.close();
  }
}

describe('migrations are frozen', () => {
  it('a fresh database is exactly the committed snapshot: schema objects and seeded rows', async () => {
    const first = await freshEffect();
    const second = await freshEffect();
    expect(second.schema).toEqual(first.schema);
    const actual: MigrationsSnapshot = { ...first, rows: withPlaceholders(first.rows, second.rows) };

    if (process.env.WRITE_MIGRATION_SNAPSHOT === '1') {
      writeFileSync(SNAPSHOT_FILE, `${JSON.stringify(actual, null, 2)}\n`);
      console.warn(`Wrote ${SNAPSHOT_FILE}: review its diff before committing.`);
    }
    expect(existsSync(SNAPSHOT_FILE), `${SNAPSHOT_FILE} is missing (see this test's header)`).toBe(true);
    const expected = JSON.parse(readFileSync(SNAPSHOT_FILE, 'utf8')) as MigrationsSnapshot;
    expect(actual.migrations).toEqual(expected.migrations);
    expect(actual.schema).toEqual(expected.schema);
    expect(actual.rows).toEqual(expected.rows);
  });

  it("the app's account is the one the migrations seed (its id is a literal in both places)", async () => {
    const { rows } = await freshEffect();
    expect(rows.users).toEqual([expect.objectContaining({ id: SYSTEM_USER.id, username: SYSTEM_USER.username, display_name: SYSTEM_USER.displayName, role: SYSTEM_USER.role })]);
  });
});
