/**
 * The raw floor of an import's commit, for bench/import.bench.ts: the very rows a commit wrote (its
 * subjects, status history, reviews and audit entries, read back from the imported file) inserted again
 * with raw better-sqlite3 (one prepared statement per table, one transaction) into a fresh database of
 * the same schema, one row per statement, in one transaction. Three ways: the search trigger indexing
 * each row, the search index built once at the end (as db/bulk.ts does, through search_deferred), and no
 * secondary index on subjects either (indexes and search built at the end). It measures only.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/main/db/open';

export type FloorVariant = 'search indexed row by row' | 'search index built at the end' | 'no secondary indexes either';
export const FLOOR_VARIANTS: FloorVariant[] = ['search indexed row by row', 'search index built at the end', 'no secondary indexes either'];

type Row = Record<string, unknown>;

/** The catalogues the rows refer to, copied before the timing (a fresh database seeds its own ids). */
const CATALOGUES = ['users', 'wards', 'neighbourhoods', 'subject_categories', 'helper_orgs'];

/** The rows an import wrote, read from its database (audit entries from `sinceAuditRowid` on). */
export function writtenRows(sqlite: BetterSqlite3.Database, sinceAuditRowid: number, sinceSeq: number): Record<string, Row[]> {
  const subjects = sqlite.prepare('select * from subjects where seq >= ? order by seq').all(sinceSeq) as Row[];
  const ids = new Set(subjects.map((row) => row.id));
  const of = (table: string) => (sqlite.prepare(`select * from ${table}`).all() as Row[]).filter((row) => ids.has(row.subject_id));
  return {
    ...Object.fromEntries(CATALOGUES.map((table) => [table, sqlite.prepare(`select * from ${table}`).all() as Row[]])),
    subjects: subjects.map(({ seq: _seq, ...row }) => row),
    subject_status_changes: of('subject_status_changes'),
    subject_reviews: of('subject_reviews'),
    audit_log: sqlite.prepare('select * from audit_log where rowid > ? order by rowid').all(sinceAuditRowid) as Row[],
  };
}

/** Seconds to insert `tables` into a fresh database of today's schema, one way. */
export async function rawFloor(tables: Record<string, Row[]>, variant: FloorVariant): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'antq-floor-'));
  try {
    const database = await openDatabase(join(dir, 'floor.sqlite'));
    const { sqlite } = database;
    const indexes =
      variant === 'no secondary indexes either'
        ? (sqlite.prepare("select name, sql from sqlite_master where tbl_name = 'subjects' and sql is not null and type = 'index'").all() as { name: string; sql: string }[])
        : [];
    const deferSearch = variant !== 'search indexed row by row';
    const insertAll = (table: string, rows: Row[]) => {
      const columns = Object.keys(rows[0] ?? {});
      if (columns.length === 0) return;
      const insert = sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
      for (const row of rows) insert.run(columns.map((column) => row[column]));
    };
    sqlite.transaction(() => {
      for (const table of [...CATALOGUES].reverse()) sqlite.exec(`delete from ${table}`);
      for (const table of CATALOGUES) insertAll(table, tables[table] ?? []);
    })();
    const started = performance.now();
    sqlite.exec('begin immediate');
    if (deferSearch) sqlite.exec('insert into search_deferred (from_seq) values (1)');
    for (const index of indexes) sqlite.exec(`drop index ${index.name}`);
    for (const [table, rows] of Object.entries(tables)) if (!CATALOGUES.includes(table)) insertAll(table, rows);
    for (const index of indexes) sqlite.exec(index.sql);
    if (deferSearch) {
      sqlite.exec('insert into subjects_search (rowid, search_text) select seq, search_text from subjects where deleted_at is null');
      sqlite.exec('delete from search_deferred');
    }
    sqlite.exec('commit');
    const seconds = (performance.now() - started) / 1000;
    await database.close();
    return seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
