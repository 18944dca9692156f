/**
 * "Gộp dữ liệu từ tệp": a ward's backup file (plain or encrypted) merged into the data open here. The
 * file is checked and migrated on a private copy (as a restore does), then, in one write transaction:
 * - catalogue entries matched by name (folded), those missing added;
 * - records by id: a record missing here is added with its id; one held on both sides and alike is left;
 *   one changed since the last merge of that ward's file on one side only is taken from the side that
 *   changed; one changed on both sides (or met for the first time and different) is left as it is here
 *   and waits, with the file's version, for the officer to decide (services/merge/conflicts.ts);
 * - histories and audit entries missing here added.
 * A second merge of the same file adds nothing. Into the local file or a server alike (db/plain-sql.ts): on
 * the file, statement by statement on the one connection (a ward's file of 10.000 people takes seconds,
 * during which this process answers nothing else); on a server, in a write transaction the other PCs wait for.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { MergeReport } from '../../../shared/merge';
import { foldForSearch } from '../../../shared/text';
import { BackupError, discardFile } from '../../db/backup';
import { plainSql, type PlainSql } from '../../db/plain-sql';
import type { Workspace } from '../../workspace';
import type { Context } from '../context';
import { describe, migrateCopy, refuseUnfinished } from '../backup/inspect';
import { slice, startOperation, type ProgressListener } from '../backup/operation';
import { stageSource, type SourceFile } from '../backup/staging';
import { differingColumns, pendingConflicts } from './conflicts';
import { APPENDED_TABLES, CATALOGUE_COLUMNS, CATALOGUE_TABLES, MERGED_REGISTERS, RECORD_TABLES, REMEMBER_MERGED, SETTLED, type RecordTable } from './plan';

type Row = Record<string, unknown>;

export async function mergeFromFile(workspace: Workspace, ctx: Context, source: SourceFile, password?: string | null, onProgress?: ProgressListener): Promise<MergeReport> {
  const operation = await startOperation(workspace, 'merge', onProgress);
  let stagedFile: string | null = null;
  try {
    refuseUnfinished(source);
    const staged = await stageSource(workspace.dataDir, source, password, slice(operation, 'Đang đọc tệp…', 0, 0.4));
    stagedFile = staged.file;
    operation.report('Đang kiểm tra tệp…', 0.5);
    const info = await describe(staged, source, workspace.nativeBinding);
    refuseUnfinished(source, info);
    if (info.mode === 'demo') {
      throw new BackupError('bad_file', `Tệp "${info.file}" là bản sao lưu của DỮ LIỆU MẪU (thử nghiệm), không phải dữ liệu thật của một phường, nên không được gộp vào dữ liệu thật. Dữ liệu hiện tại không bị thay đổi.`);
    }
    if (info.needsMigration) await (await migrateCopy(staged, source, workspace.nativeBinding)).close();
    operation.report('Đang gộp dữ liệu…', 0.7);
    const incoming = new BetterSqlite3(staged.file, { readonly: true, nativeBinding: workspace.nativeBinding });
    try {
      return await ctx.db.transaction().execute((trx) => mergeDatabase(plainSql(ctx.db, trx), incoming, { file: source.name, unit: info.unit }));
    } finally {
      incoming.close();
    }
  } finally {
    if (stagedFile) discardFile(stagedFile);
    operation.end();
  }
}

/** The merge itself, from an open file into the data here, inside the caller's write transaction. */
async function mergeDatabase(local: PlainSql, incoming: BetterSqlite3.Database, from: { file: string; unit: string | null }): Promise<MergeReport> {
  const source = sourceOf(incoming);
  const report: MergeReport = {
    file: from.file,
    unit: from.unit,
    added: Object.fromEntries(MERGED_REGISTERS.map((register) => [register, 0])) as MergeReport['added'],
    updated: Object.fromEntries(MERGED_REGISTERS.map((register) => [register, 0])) as MergeReport['updated'],
    unchanged: 0,
    historyAdded: 0,
    cataloguesAdded: [],
    notAdded: [],
    conflicts: [],
  };
  const touched: Touched = { subjects: new Set(), models: new Set() };
  // Records may point to records later in their table (a person merged into another): checked at the commit.
  await local.deferForeignKeys();
  const ids = await mergeCatalogues(local, incoming, report);
  const mapped = (row: Row): Row => {
    const copy = { ...row };
    for (const [column, catalogue] of Object.entries(CATALOGUE_COLUMNS)) {
      const value = copy[column];
      if (typeof value === 'string' && column in copy) copy[column] = ids.get(catalogue)?.get(value) ?? value;
    }
    return copy;
  };
  for (const table of RECORD_TABLES) await mergeRecords(local, incoming, table, mapped, { source, file: from.file }, report, touched);
  for (const table of APPENDED_TABLES) report.historyAdded += await appendMissing(local, incoming, table);
  await recount(local, touched);
  report.conflicts = await pendingConflicts(local, source);
  return report;
}

/**
 * Which install a file comes from, the same in every backup of it: the id of the first ward its first
 * start seeded (random per install). Not the unit's name, which an officer may change or leave unset,
 * nor the file's name, new at every backup.
 */
function sourceOf(incoming: BetterSqlite3.Database): string {
  const first = incoming.prepare('select id from wards order by rowid limit 1').get() as { id: string } | undefined;
  return `cai-dat:${first?.id ?? 'khong-ro'}`;
}

/** Catalogue entries matched by folded name (a khu phố within its phường); the missing ones added. Returns incoming id → local id per catalogue. */
async function mergeCatalogues(local: PlainSql, incoming: BetterSqlite3.Database, report: MergeReport): Promise<Map<string, Map<string, string>>> {
  const ids = new Map<string, Map<string, string>>();
  for (const { table, parent } of CATALOGUE_TABLES) {
    const map = new Map<string, string>();
    ids.set(table, map);
    const key = (row: Row) => `${parent ? String(row[parent.column]) : ''}|${foldForSearch(String(row.name))}`;
    const here = new Map<string, string>();
    for (const row of await local.all<Row>(`select * from ${table} where deleted_at is null`)) here.set(key(row), String(row.id));
    const localIds = new Set((await local.all<Row>(`select id from ${table}`)).map((row) => String(row.id)));
    for (const row of incoming.prepare(`select * from ${table}`).all() as Row[]) {
      const entry = parent ? { ...row, [parent.column]: ids.get(parent.catalogue)?.get(String(row[parent.column])) ?? row[parent.column] } : row;
      const match = here.get(key(entry));
      if (match) {
        map.set(String(row.id), match);
        continue;
      }
      if (!localIds.has(String(row.id))) {
        await insertRow(local, table, entry);
        report.cataloguesAdded.push({ catalogue: table, name: String(row.name) });
      }
      map.set(String(row.id), String(row.id));
    }
  }
  return ids;
}

/** Inserts a row (its `seq` numbered here); with `onConflict`, 0 when a row of the same key is here already. */
async function insertRow(local: PlainSql, table: string, row: Row, onConflict = ''): Promise<number> {
  const columns = Object.keys(row).filter((column) => column !== 'seq');
  const inserted = await local.run(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')}) ${onConflict}`, ...columns.map((column) => row[column]));
  if (inserted) notePresent(local, table, row);
  return inserted;
}

/**
 * Per merge (one PlainSql each): the keys present here of the tables that rows point to, read once and
 * kept up to date as rows are added, instead of a query per row and key (on a server, a round trip each).
 */
const presentKeys = new WeakMap<PlainSql, Map<string, { table: string; column: string; keys: Set<string> }>>();

async function isPresent(local: PlainSql, table: string, column: string, value: unknown): Promise<boolean> {
  let tables = presentKeys.get(local);
  if (!tables) presentKeys.set(local, (tables = new Map()));
  let present = tables.get(`${table}.${column}`);
  if (!present) {
    const keys = new Set((await local.all<{ key: unknown }>(`select ${column} as key from ${table}`)).map((row) => String(row.key)));
    tables.set(`${table}.${column}`, (present = { table, column, keys }));
  }
  return present.keys.has(String(value));
}

function notePresent(local: PlainSql, table: string, row: Row) {
  for (const present of presentKeys.get(local)?.values() ?? []) {
    if (present.table === table && row[present.column] != null) present.keys.add(String(row[present.column]));
  }
}

/** The people and models whose counted columns (last review, member count) a merge may have changed. */
interface Touched {
  subjects: Set<string>;
  models: Set<string>;
}

function noteTouched(touched: Touched, table: string, row: Row) {
  if (table === 'subjects') touched.subjects.add(String(row.id));
  if (table === 'subject_reviews') touched.subjects.add(String(row.subject_id));
  if (table === 'models') touched.models.add(String(row.id));
  if (table === 'model_members') touched.models.add(String(row.model_id));
}

/** Counts again what comes from other rows, for the records a merge touched (as services/subjects/reviews.ts and services/models.ts keep them). */
async function recount(local: PlainSql, touched: Touched) {
  for (const id of touched.subjects) {
    await local.run('update subjects set last_review_on = (select max(reviewed_on) from subject_reviews where subject_id = ? and deleted_at is null) where id = ?', id, id);
    await local.run('update subjects set review_anchor = coalesce(last_review_on, start_date) where id = ?', id);
  }
  for (const id of touched.models) await local.run('update models set member_count = (select count(*) from model_members where model_id = ? and deleted_at is null) where id = ?', id, id);
}

async function mergeRecords(local: PlainSql, incoming: BetterSqlite3.Database, plan: RecordTable, mapped: (row: Row) => Row, from: { source: string; file: string }, report: MergeReport, touched: Touched) {
  const { table } = plan;
  const { source } = from;
  const now = new Date().toISOString();
  const waiting = new Set((await local.all<{ id: string }>('select record_id as id from merge_conflicts where source = ? and table_name = ?', source, table)).map((row) => row.id));
  for (const chunk of chunks(incoming.prepare(`select * from ${table}`).iterate() as IterableIterator<Row>, LOOKUP_CHUNK)) {
    const rows = chunk.map(mapped);
    const ids = rows.map((row) => String(row.id));
    const marks = ids.map(() => '?').join(', ');
    const oursById = new Map((await local.all<Row>(`select * from ${table} where id in (${marks})`, ...ids)).map((row) => [String(row.id), row]));
    const lastById = new Map(
      (await local.all<{ id: string; theirs: number; ours: number }>(`select record_id as id, source_version as theirs, local_version as ours from merged_records where source = ? and table_name = ? and record_id in (${marks})`, source, table, ...ids)).map((row) => [row.id, row]),
    );
    for (const theirs of rows) await mergeRecord(theirs, oursById.get(String(theirs.id)), lastById.get(String(theirs.id)));
  }

  async function mergeRecord(theirs: Row, ours: Row | undefined, last: { theirs: number; ours: number } | undefined) {
    const id = String(theirs.id);
    if (!ours) {
      // Merged before and gone since (deleted for good here): it stays gone, and so do its own records.
      if (last) return;
      if (await missingParent(local, table, theirs)) {
        report.notAdded.push({ register: plan.register, label: String(theirs[plan.label] ?? id), reason: 'Hồ sơ mà nó thuộc về đã bị xóa hẳn ở đây.' });
        return;
      }
      // Its counted columns come as the file has them, and are counted again here (recount).
      const added = { ...theirs, version: 1 };
      const refusal = await tryInsert(local, table, added);
      if (refusal) report.notAdded.push({ register: plan.register, label: String(theirs[plan.label] ?? id), reason: refusal });
      else {
        await local.run(REMEMBER_MERGED, source, table, id, theirs.version, 1);
        report.added[plan.register] += 1;
        noteTouched(touched, table, theirs);
      }
      return;
    }
    const differing = differingColumns(ours, theirs);
    if (differing.length === 0) {
      report.unchanged += 1;
      // Alike as at the last merge, and not waiting for the officer: nothing to write (a second merge of a file writes nothing).
      if (last && last.theirs === Number(theirs.version) && last.ours === Number(ours.version) && !waiting.has(id)) return;
      await local.run(REMEMBER_MERGED, source, table, id, theirs.version, ours.version);
      await local.run(SETTLED, source, table, id);
      return;
    }
    const theyChanged = !last || Number(theirs.version) > last.theirs;
    const weChanged = !last || Number(ours.version) > last.ours;
    if (!theyChanged) return; // changed here only since the last merge: ours stands
    if (weChanged) {
      await local.run(
        `insert into merge_conflicts (source, table_name, record_id, source_file, theirs_json, found_at) values (?, ?, ?, ?, ?, ?)
          on conflict (source, table_name, record_id) do update set source_file = excluded.source_file, theirs_json = excluded.theirs_json, found_at = excluded.found_at`,
        source, table, id, from.file, JSON.stringify(theirs), now,
      );
      return;
    }
    const columns = [...differing, 'updated_at', 'updated_by'];
    await local.run(`update ${table} set ${columns.map((column) => `${column} = ?`).join(', ')}, version = version + 1 where id = ?`, ...columns.map((column) => theirs[column]), id);
    await local.run(REMEMBER_MERGED, source, table, id, theirs.version, Number(ours.version) + 1);
    await local.run(SETTLED, source, table, id);
    report.updated[plan.register] += 1;
    noteTouched(touched, table, theirs);
  }
}

interface ForeignKey {
  parent: string;
  child: string;
  key: string | null;
}
/** The schema's foreign keys by table and engine (the same on every connection: one schema). */
const foreignKeys = new Map<string, ForeignKey[]>();

const FOREIGN_KEYS_ON_SERVER = `select parent.relname as parent, child_column.attname as child, key_column.attname as key
  from pg_constraint c
  join pg_class child on child.oid = c.conrelid
  join pg_class parent on parent.oid = c.confrelid
  join pg_attribute child_column on child_column.attrelid = c.conrelid and child_column.attnum = c.conkey[1]
  join pg_attribute key_column on key_column.attrelid = c.confrelid and key_column.attnum = c.confkey[1]
  where c.contype = 'f' and child.relname = ? and child.relnamespace = to_regnamespace(current_schema())::oid`;

/**
 * Whether a row points at a record (its foreign keys, as the schema declares them) that is not here: a
 * person deleted for good here since an earlier merge. Catalogue entries are mapped and present.
 */
async function missingParent(local: PlainSql, table: string, row: Row): Promise<boolean> {
  const cacheKey = `${local.onServer ? 'server' : 'file'}:${table}`;
  let keys = foreignKeys.get(cacheKey);
  if (!keys) {
    keys = local.onServer ? await local.all<ForeignKey>(FOREIGN_KEYS_ON_SERVER, table) : await local.all<ForeignKey>('select "table" as parent, "from" as child, "to" as key from pragma_foreign_key_list(?)', table);
    foreignKeys.set(cacheKey, keys);
  }
  for (const { parent, child, key } of keys) {
    if (row[child] != null && !(await isPresent(local, parent, key ?? 'id', row[child]))) return true;
  }
  return false;
}

/**
 * Inserts a record whose id is not here; a clash with another record of the same key here (one score sheet
 * per ward and year…) is the reason returned, nothing written. `on conflict do nothing` rather than a caught
 * error: on a server, a refused statement would end the whole transaction.
 */
async function tryInsert(local: PlainSql, table: string, row: Row): Promise<string | null> {
  if (await insertRow(local, table, row, 'on conflict do nothing')) return null;
  return 'Ở đây đã có một hồ sơ khác cho cùng đơn vị và thời gian (hoặc cùng người): không thêm, hãy đối chiếu hai hồ sơ.';
}

/** Rows at a time whose records here are read in one query. */
const LOOKUP_CHUNK = 500;

function* chunks<T>(rows: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Rows missing here added as they are; returns how many. */
async function appendMissing(local: PlainSql, incoming: BetterSqlite3.Database, table: string): Promise<number> {
  let added = 0;
  for (const row of incoming.prepare(`select * from ${table}`).iterate() as IterableIterator<Row>) {
    if (await missingParent(local, table, row)) continue; // the history of a record deleted for good here goes with it
    added += await insertRow(local, table, row, 'on conflict do nothing');
  }
  return added;
}
