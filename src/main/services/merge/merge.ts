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
 * the file, in a worker thread on a connection of its own (mergeIntoFile: a ward's file of 10.000 people
 * takes seconds); on a server, in a write transaction the other PCs wait for.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { MergeReport } from '../../../shared/merge';
import { foldForSearch } from '../../../shared/text';
import { BackupError, discardFile } from '../../db/backup';
import { checkpointAfter } from '../../db/checkpoint';
import { openDatabase } from '../../db/open';
import { plainSql, type PlainSql } from '../../db/plain-sql';
import { runInWorker } from '../../platform/worker-thread';
import type { ReportProgress } from '../../platform/worker-tasks';
import type { Workspace } from '../../workspace';
import type { Context } from '../context';
import { describe, migrateCopy, refuseUnfinished } from '../backup/inspect';
import { slice, startOperation, type ProgressListener } from '../backup/operation';
import { stageSource, type SourceFile } from '../backup/staging';
import { differingColumns, pendingConflicts } from './conflicts';
import { recordsPerStatement, rememberMerged, settle, type MergedVersions } from './merged-records';
import { APPENDED_TABLES, CATALOGUE_COLUMNS, CATALOGUE_TABLES, MERGED_REGISTERS, RECORD_TABLES, type RecordTable } from './plan';

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
    const merging = slice(operation, MERGING, 0.6, 1);
    merging(0);
    const from = { file: source.name, unit: info.unit };
    if (workspace.engine === 'sqlite') {
      return await runInWorker('mergeIntoFile', { liveFile: workspace.file, stagedFile: staged.file, from, nativeBinding: workspace.nativeBinding }, { onProgress: (_phase, fraction) => merging(fraction) });
    }
    // On a server, a VACUUM after the commit (db/checkpoint.ts).
    return await checkpointAfter(ctx.db, () => withIncoming(staged.file, workspace.nativeBinding, (incoming) => ctx.db.transaction().execute((trx) => mergeDatabase(plainSql(ctx.db, trx), incoming, from, merging))));
  } finally {
    if (stagedFile) discardFile(stagedFile);
    operation.end();
  }
}

const MERGING = 'Đang gộp dữ liệu…';

/**
 * The merge into the data file, in a worker thread (platform/worker-tasks.ts) on a connection of its own: the
 * main thread meanwhile answers the app (the progress bar; reads, as the file is in WAL mode), and a save
 * waits for the merge's commit as for another process's.
 */
export async function mergeIntoFile(input: { liveFile: string; stagedFile: string; from: { file: string; unit: string | null }; nativeBinding?: string }, report: ReportProgress): Promise<MergeReport> {
  const live = await openDatabase(input.liveFile, { mustExist: true, nativeBinding: input.nativeBinding });
  try {
    return await withIncoming(input.stagedFile, input.nativeBinding, (incoming) =>
      live.db.transaction().execute((trx) => mergeDatabase(plainSql(live.db, trx), incoming, input.from, (fraction) => report(MERGING, fraction))),
    );
  } finally {
    await live.close();
  }
}

async function withIncoming<T>(stagedFile: string, nativeBinding: string | undefined, work: (incoming: BetterSqlite3.Database) => Promise<T>): Promise<T> {
  const incoming = new BetterSqlite3(stagedFile, { readonly: true, nativeBinding });
  try {
    return await work(incoming);
  } finally {
    incoming.close();
  }
}

/** The merge itself, from an open file into the data here, inside the caller's write transaction; `progress` the fraction of the file's rows done. */
async function mergeDatabase(local: PlainSql, incoming: BetterSqlite3.Database, from: { file: string; unit: string | null }, progress: (fraction: number) => void): Promise<MergeReport> {
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
  const tables = [...RECORD_TABLES.map((plan) => plan.table), ...APPENDED_TABLES];
  const total = tables.reduce((sum, table) => sum + (incoming.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n, 0);
  let done = 0;
  const rowsDone = (rows: number) => progress(total === 0 ? 1 : (done += rows) / total);
  for (const table of RECORD_TABLES) await mergeRecords(local, incoming, table, mapped, { source, file: from.file }, report, touched, rowsDone);
  for (const table of APPENDED_TABLES) report.historyAdded += await appendMissing(local, incoming, table, rowsDone);
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

/** Inserts a catalogue entry (its `seq` numbered here). */
async function insertRow(local: PlainSql, table: string, row: Row): Promise<void> {
  const columns = Object.keys(row).filter((column) => column !== 'seq');
  await local.run(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`, ...columns.map((column) => row[column]));
  notePresent(local, table, row);
}

/**
 * Inserts rows of one table (the same columns each, their `seq` numbered here), many a statement on a server, a
 * clash with a row of the same key here skipped; returns the `returning` expression of the rows inserted.
 * `on conflict do nothing` rather than a caught error: on a server, a refused statement would end the whole transaction.
 */
async function insertRows<Returned>(local: PlainSql, table: string, rows: Row[], returning: string): Promise<Returned[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0] as Row).filter((column) => column !== 'seq');
  const perStatement = recordsPerStatement(local, columns.length);
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const inserted: Returned[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const part = rows.slice(start, start + perStatement);
    const text = `insert into ${table} (${columns.join(', ')}) values ${part.map(() => tuple).join(', ')} on conflict do nothing returning ${returning}`;
    inserted.push(...(await local.all<Returned>(text, ...part.flatMap((row) => columns.map((column) => row[column])))));
  }
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

function notePresent(local: PlainSql, table: string, row: Row, present = true) {
  for (const { table: keyed, column, keys } of presentKeys.get(local)?.values() ?? []) {
    if (keyed !== table || row[column] == null) continue;
    if (present) keys.add(String(row[column]));
    else keys.delete(String(row[column]));
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
  for (const ids of chunks(touched.subjects, LOOKUP_CHUNK)) {
    const marks = ids.map(() => '?').join(', ');
    await local.run(`update subjects set last_review_on = (select max(reviewed_on) from subject_reviews where subject_id = subjects.id and deleted_at is null) where id in (${marks})`, ...ids);
    await local.run(`update subjects set review_anchor = coalesce(last_review_on, start_date) where id in (${marks})`, ...ids);
  }
  for (const ids of chunks(touched.models, LOOKUP_CHUNK)) {
    await local.run(`update models set member_count = (select count(*) from model_members where model_id = models.id and deleted_at is null) where id in (${ids.map(() => '?').join(', ')})`, ...ids);
  }
}

/** What a chunk of records leaves to write in a few statements at its end (on a server, a round trip each). */
interface ChunkWrites {
  /** The file's records missing here, as the file has them. */
  added: Row[];
  remembered: MergedVersions;
  settled: string[];
}

async function mergeRecords(
  local: PlainSql,
  incoming: BetterSqlite3.Database,
  plan: RecordTable,
  mapped: (row: Row) => Row,
  from: { source: string; file: string },
  report: MergeReport,
  touched: Touched,
  rowsDone: (rows: number) => void,
) {
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
    const writes: ChunkWrites = { added: [], remembered: new Map(), settled: [] };
    for (const theirs of rows) await mergeRecord(theirs, oursById.get(String(theirs.id)), lastById.get(String(theirs.id)), writes);
    await addRecords(writes);
    await rememberMerged(local, source, table, writes.remembered);
    await settle(local, source, table, writes.settled);
    rowsDone(chunk.length);
  }

  /** Adds the chunk's new records; one that clashes with another record here (one score sheet per ward and year…) is reported, not added. */
  async function addRecords(writes: ChunkWrites) {
    const firstVersions = writes.added.map((row) => ({ ...row, version: 1 }));
    const inserted = new Set((await insertRows<{ id: string }>(local, table, firstVersions, 'id')).map((row) => String(row.id)));
    for (const row of writes.added) {
      const id = String(row.id);
      if (inserted.has(id)) {
        writes.remembered.set(id, [row.version, 1]);
        report.added[plan.register] += 1;
        noteTouched(touched, table, row);
      } else {
        notePresent(local, table, row, false);
        report.notAdded.push({ register: plan.register, label: String(row[plan.label] ?? id), reason: 'Ở đây đã có một hồ sơ khác cho cùng đơn vị và thời gian (hoặc cùng người): không thêm, hãy đối chiếu hai hồ sơ.' });
      }
    }
  }

  async function mergeRecord(theirs: Row, ours: Row | undefined, last: { theirs: number; ours: number } | undefined, writes: ChunkWrites) {
    const id = String(theirs.id);
    if (!ours) {
      // Merged before and gone since (deleted for good here): it stays gone, and so do its own records.
      if (last) return;
      if (await missingParent(local, table, theirs)) {
        report.notAdded.push({ register: plan.register, label: String(theirs[plan.label] ?? id), reason: 'Hồ sơ mà nó thuộc về đã bị xóa hẳn ở đây.' });
        return;
      }
      // Its counted columns come as the file has them, and are counted again here (recount). Present from now
      // on for the records after it (added at the chunk's end, in the same transaction).
      writes.added.push(theirs);
      notePresent(local, table, theirs);
      return;
    }
    const differing = differingColumns(ours, theirs);
    if (differing.length === 0) {
      report.unchanged += 1;
      // Alike as at the last merge, and not waiting for the officer: nothing to write (a second merge of a file writes nothing).
      if (last && last.theirs === Number(theirs.version) && last.ours === Number(ours.version) && !waiting.has(id)) return;
      writes.remembered.set(id, [theirs.version, ours.version]);
      writes.settled.push(id);
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
    writes.remembered.set(id, [theirs.version, Number(ours.version) + 1]);
    writes.settled.push(id);
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
async function appendMissing(local: PlainSql, incoming: BetterSqlite3.Database, table: string, rowsDone: (rows: number) => void): Promise<number> {
  let added = 0;
  for (const chunk of chunks(incoming.prepare(`select * from ${table}`).iterate() as IterableIterator<Row>, LOOKUP_CHUNK)) {
    const kept: Row[] = [];
    // The history of a record deleted for good here goes with it.
    for (const row of chunk) if (!(await missingParent(local, table, row))) kept.push(row);
    added += (await insertRows(local, table, kept, '1 as one')).length;
    rowsDone(chunk.length);
  }
  return added;
}
