/**
 * Is a database file's schema the one the app made? Every table (with its columns and constraints),
 * index, trigger and view of a file is compared with a reference database migrated in memory to the
 * same schema version, and `PRAGMA foreign_key_check` must find nothing. Used on files offered for
 * restore: a backup missing a table, or with one altered, would open and then break every page.
 */
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrations } from './migrations';

type Sqlite = BetterSqlite3.Database;
type ObjectType = 'table' | 'index' | 'trigger' | 'view';

interface SchemaObject {
  type: ObjectType;
  name: string;
  table: string;
  /** The statement that made it, with spacing normalised ('' for a table SQLite makes itself). */
  sql: string;
  /** For tables: "name type notnull default pk hidden" per column, in order (null: unreadable). */
  columns: string[] | null;
}

/** Every object of a schema by name (SQLite's own `sqlite_*` objects left out: statistics, sequences, autoindexes). */
export type SchemaShape = ReadonlyMap<string, SchemaObject>;

/** Statement text compared without its layout: runs of spaces collapsed, none around brackets and commas. */
const normalise = (sql: string | null) => (sql ?? '').replace(/\s+/g, ' ').replace(/ ?([(),;]) ?/g, '$1').trim();

const columnName = (column: string) => column.split(' ')[0]!;

/** A table's columns, or null when SQLite cannot read them (an FTS5 table whose shadow tables are gone). */
function tableColumns(sqlite: Sqlite, table: string): string[] | null {
  try {
    return (sqlite.pragma(`table_xinfo(${JSON.stringify(table)})`) as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number; hidden: number }[]).map(
      (column) => `${column.name} ${column.type.toLowerCase()} ${column.notnull} ${column.dflt_value ?? '-'} ${column.pk} ${column.hidden}`,
    );
  } catch {
    return null;
  }
}

export function readSchema(sqlite: Sqlite): SchemaShape {
  const rows = sqlite
    .prepare("select type, name, tbl_name as tableName, sql from sqlite_master where name not like 'sqlite\\_%' escape '\\' and type in ('table', 'index', 'trigger', 'view')")
    .all() as { type: ObjectType; name: string; tableName: string; sql: string | null }[];
  const shape = new Map<string, SchemaObject>();
  for (const row of rows) {
    const columns = row.type === 'table' ? tableColumns(sqlite, row.name) : [];
    shape.set(row.name, { type: row.type, name: row.name, table: row.tableName, sql: normalise(row.sql), columns });
  }
  return shape;
}

/**
 * Tables whose statement SQLite or Kysely write, not our migrations (FTS5's shadow tables, the
 * migration log): a newer SQLite or Kysely may word it differently, so only their column names count.
 */
function isLoose(object: SchemaObject, shape: SchemaShape): boolean {
  if (object.name.startsWith('kysely_migration')) return true;
  const owner = [...shape.values()].find((other) => other.type === 'table' && /^create virtual table/i.test(other.sql) && object.name.startsWith(`${other.name}_`));
  return owner !== undefined;
}

const KIND: Record<ObjectType, string> = { table: 'bảng', index: 'chỉ mục', trigger: 'trigger', view: 'view' };

/** What differs between a file's schema and the reference, in words, missing tables first. */
export function schemaProblems(actual: SchemaShape, reference: SchemaShape): string[] {
  const missing: string[] = [];
  const problems: string[] = [];
  const missingTables = new Set<string>();
  const order: ObjectType[] = ['table', 'index', 'trigger', 'view'];
  for (const type of order) {
    for (const expected of [...reference.values()].filter((object) => object.type === type)) {
      const found = actual.get(expected.name);
      if (type !== 'table' && missingTables.has(expected.table)) continue; // already said: its table is missing
      if (!found || found.type !== type) {
        if (type === 'table') missingTables.add(expected.name);
        (type === 'table' ? missing : problems).push(type === 'table' ? `thiếu bảng "${expected.name}"` : `thiếu ${KIND[type]} "${expected.name}" của bảng "${expected.table}"`);
        continue;
      }
      if (type === 'table') {
        problems.push(...tableProblems(found, expected, isLoose(expected, reference)));
      } else if (found.sql !== expected.sql || found.table !== expected.table) {
        problems.push(`${KIND[type]} "${expected.name}" của bảng "${expected.table}" đã bị thay đổi`);
      }
    }
  }
  for (const extra of actual.values()) {
    if (!reference.has(extra.name)) problems.push(`có thêm ${KIND[extra.type]} "${extra.name}" không thuộc ứng dụng`);
  }
  return [...missing, ...problems];
}

function tableProblems(found: SchemaObject, expected: SchemaObject, loose: boolean): string[] {
  if (found.columns === null || expected.columns === null) return [`bảng "${expected.name}" không đọc được`];
  const problems: string[] = [];
  const foundByName = new Map(found.columns.map((column) => [columnName(column), column]));
  const expectedNames = new Set(expected.columns.map(columnName));
  for (const column of expected.columns) {
    const actual = foundByName.get(columnName(column));
    if (actual === undefined) problems.push(`bảng "${expected.name}" thiếu cột "${columnName(column)}"`);
    else if (!loose && actual !== column) problems.push(`bảng "${expected.name}" có cột "${columnName(column)}" đã bị thay đổi`);
  }
  for (const column of found.columns) {
    if (!expectedNames.has(columnName(column))) problems.push(`bảng "${expected.name}" có thêm cột "${columnName(column)}"`);
  }
  // Same columns, yet a different statement: a constraint (check, foreign key, unique, primary key) differs.
  if (problems.length === 0 && !loose && found.sql !== expected.sql) problems.push(`bảng "${expected.name}" có ràng buộc khác với ứng dụng`);
  return problems;
}

/** Rows whose foreign key points at nothing, counted per table and the table they should point into. */
export function foreignKeyProblems(sqlite: Sqlite): string[] {
  const counts = new Map<string, number>();
  for (const row of sqlite.prepare('pragma foreign_key_check').iterate() as IterableIterator<{ table: string; parent: string }>) {
    const key = JSON.stringify([row.table, row.parent]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => {
    const [table, parent] = JSON.parse(key) as [string, string];
    return `${count} dòng trong bảng "${table}" trỏ tới dữ liệu không có trong bảng "${parent}"`;
  });
}

/** The last migration a file of schema version `version` has run (the version is their count; openDatabase writes it). */
function migrationAt(version: number): string {
  const names = Object.keys(migrations).sort();
  const name = names[version - 1];
  if (version < 1 || name === undefined) throw new Error(`No schema version ${version} (this app knows 1 to ${names.length}).`);
  return name;
}

const references = new Map<number, Promise<SchemaShape>>();

async function buildReference(version: number, nativeBinding: string | undefined): Promise<SchemaShape> {
  const sqlite = new BetterSqlite3(':memory:', { nativeBinding });
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] });
  try {
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(migrationAt(version));
    if (error) throw error;
    return readSchema(sqlite);
  } finally {
    await db.destroy();
  }
}

/** The schema a fresh database of `version` has; built once per version (a migration run in memory). */
export function referenceSchema(version: number, nativeBinding?: string): Promise<SchemaShape> {
  let reference = references.get(version);
  if (!reference) {
    reference = buildReference(version, nativeBinding);
    references.set(version, reference);
    reference.catch(() => references.delete(version));
  }
  return reference;
}

/** Everything wrong with the schema and the foreign keys of an open database, compared with `version`'s. */
export async function checkSchema(sqlite: Sqlite, version: number, nativeBinding?: string): Promise<string[]> {
  const problems = schemaProblems(readSchema(sqlite), await referenceSchema(version, nativeBinding));
  return problems.length > 0 ? problems : foreignKeyProblems(sqlite);
}

/** "a; b; c và 4 chỗ khác": the first few problems, for a message. */
export function listProblems(problems: string[], shown = 3): string {
  const rest = problems.length - shown;
  return problems.slice(0, shown).join('; ') + (rest > 0 ? ` và ${rest} chỗ khác` : '');
}
