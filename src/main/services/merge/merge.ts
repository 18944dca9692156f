/**
 * "Gộp dữ liệu từ tệp": a ward's backup file (plain or encrypted) merged into the data open here. The
 * file is checked and migrated on a private copy (as a restore does), then, in one write transaction:
 * - catalogue entries matched by name (folded), those missing added;
 * - records by id: a record missing here is added with its id; one held on both sides and alike is left;
 *   one changed since the last merge of that ward's file on one side only is taken from the side that
 *   changed; one changed on both sides (or met for the first time and different) is left as it is here
 *   and waits, with the file's version, for the officer to decide (services/merge/conflicts.ts);
 * - histories and audit entries missing here added.
 * A second merge of the same file adds nothing. Runs synchronously on the connection (better-sqlite3): a
 * ward's file of 10.000 people takes a few seconds, during which this process answers nothing else.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { MergeReport } from '../../../shared/merge';
import { foldForSearch } from '../../../shared/text';
import { BackupError, discardFile } from '../../db/backup';
import { prepared } from '../../db/bulk';
import { sqliteHandle } from '../../db/open';
import type { Workspace } from '../../workspace';
import type { Context } from '../context';
import { describe, migrateCopy, refuseUnfinished } from '../backup/inspect';
import { slice, startOperation, type ProgressListener } from '../backup/operation';
import { stageSource, type SourceFile } from '../backup/staging';
import { differingColumns, pendingConflicts } from './conflicts';
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
    operation.report('Đang gộp dữ liệu…', 0.7);
    const incoming = new BetterSqlite3(staged.file, { readonly: true, nativeBinding: workspace.nativeBinding });
    try {
      // Held for the merge, so no other request's transaction is open around it on this connection.
      return await ctx.db.connection().execute(async () => mergeDatabase(sqliteHandle(ctx.db), incoming, { file: source.name, unit: info.unit }));
    } finally {
      incoming.close();
    }
  } finally {
    if (stagedFile) discardFile(stagedFile);
    operation.end();
  }
}

/** The merge itself, from one open database into another, in one write transaction. */
export function mergeDatabase(local: BetterSqlite3.Database, incoming: BetterSqlite3.Database, from: { file: string; unit: string | null }): MergeReport {
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
  const merge = local.transaction(() => {
    // Records may point to records later in their table (a person merged into another): checked at the commit.
    local.pragma('defer_foreign_keys = on');
    const ids = mergeCatalogues(local, incoming, report);
    const mapped = (row: Row): Row => {
      const copy = { ...row };
      for (const [column, catalogue] of Object.entries(CATALOGUE_COLUMNS)) {
        const value = copy[column];
        if (typeof value === 'string' && column in copy) copy[column] = ids.get(catalogue)?.get(value) ?? value;
      }
      return copy;
    };
    for (const table of RECORD_TABLES) mergeRecords(local, incoming, table, mapped, { source, file: from.file }, report, touched);
    for (const table of APPENDED_TABLES) report.historyAdded += appendMissing(local, incoming, table);
    recount(local, touched);
    report.conflicts = pendingConflicts(local, source);
  });
  merge.immediate();
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
function mergeCatalogues(local: BetterSqlite3.Database, incoming: BetterSqlite3.Database, report: MergeReport): Map<string, Map<string, string>> {
  const ids = new Map<string, Map<string, string>>();
  for (const { table, parent } of CATALOGUE_TABLES) {
    const map = new Map<string, string>();
    ids.set(table, map);
    const key = (row: Row) => `${parent ? String(row[parent.column]) : ''}|${foldForSearch(String(row.name))}`;
    const here = new Map<string, string>();
    for (const row of local.prepare(`select * from ${table} where deleted_at is null`).all() as Row[]) here.set(key(row), String(row.id));
    const localIds = new Set((local.prepare(`select id from ${table}`).all() as Row[]).map((row) => String(row.id)));
    for (const row of incoming.prepare(`select * from ${table}`).all() as Row[]) {
      const entry = parent ? { ...row, [parent.column]: ids.get(parent.catalogue)?.get(String(row[parent.column])) ?? row[parent.column] } : row;
      const match = here.get(key(entry));
      if (match) {
        map.set(String(row.id), match);
        continue;
      }
      if (!localIds.has(String(row.id))) {
        insertRow(local, table, entry);
        report.cataloguesAdded.push({ catalogue: table, name: String(row.name) });
      }
      map.set(String(row.id), String(row.id));
    }
  }
  return ids;
}

function insertRow(db: BetterSqlite3.Database, table: string, row: Row) {
  const columns = Object.keys(row).filter((column) => column !== 'seq');
  prepared(db, `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`).run(columns.map((column) => row[column]));
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
function recount(local: BetterSqlite3.Database, touched: Touched) {
  const lastReview = prepared(local, 'update subjects set last_review_on = (select max(reviewed_on) from subject_reviews where subject_id = @id and deleted_at is null) where id = @id');
  const anchor = prepared(local, 'update subjects set review_anchor = coalesce(last_review_on, start_date) where id = ?');
  for (const id of touched.subjects) {
    lastReview.run({ id });
    anchor.run(id);
  }
  const members = prepared(local, 'update models set member_count = (select count(*) from model_members where model_id = @id and deleted_at is null) where id = @id');
  for (const id of touched.models) members.run({ id });
}

function mergeRecords(local: BetterSqlite3.Database, incoming: BetterSqlite3.Database, plan: RecordTable, mapped: (row: Row) => Row, from: { source: string; file: string }, report: MergeReport, touched: Touched) {
  const { table } = plan;
  const { source } = from;
  const find = prepared(local, `select * from ${table} where id = ?`);
  const base = prepared(local, 'select source_version as theirs, local_version as ours from merged_records where source = ? and table_name = ? and record_id = ?');
  const remember = prepared(
    local,
    `insert into merged_records (source, table_name, record_id, source_version, local_version) values (?, ?, ?, ?, ?)
      on conflict (source, table_name, record_id) do update set source_version = excluded.source_version, local_version = excluded.local_version`,
  );
  const leaveForOfficer = prepared(
    local,
    `insert into merge_conflicts (source, table_name, record_id, source_file, theirs_json, found_at) values (?, ?, ?, ?, ?, ?)
      on conflict (source, table_name, record_id) do update set source_file = excluded.source_file, theirs_json = excluded.theirs_json, found_at = excluded.found_at`,
  );
  const settled = prepared(local, 'delete from merge_conflicts where source = ? and table_name = ? and record_id = ?');
  const now = new Date().toISOString();
  for (const raw of incoming.prepare(`select * from ${table}`).iterate() as IterableIterator<Row>) {
    const theirs = mapped(raw);
    const id = String(theirs.id);
    const ours = find.get(id) as Row | undefined;
    const last = base.get(source, table, id) as { theirs: number; ours: number } | undefined;
    if (!ours) {
      // Merged before and gone since (deleted for good here): it stays gone, and so do its own records.
      if (last) continue;
      if (missingParent(local, table, theirs)) {
        report.notAdded.push({ register: plan.register, label: String(theirs[plan.label] ?? id), reason: 'Hồ sơ mà nó thuộc về đã bị xóa hẳn ở đây.' });
        continue;
      }
      // Its counted columns come as the file has them, and are counted again here (recount).
      const added = { ...theirs, version: 1 };
      const refusal = tryInsert(local, table, added);
      if (refusal) report.notAdded.push({ register: plan.register, label: String(theirs[plan.label] ?? id), reason: refusal });
      else {
        remember.run(source, table, id, theirs.version, 1);
        report.added[plan.register] += 1;
        noteTouched(touched, table, theirs);
      }
      continue;
    }
    const differing = differingColumns(ours, theirs);
    if (differing.length === 0) {
      report.unchanged += 1;
      remember.run(source, table, id, theirs.version, ours.version);
      settled.run(source, table, id);
      continue;
    }
    const theyChanged = !last || Number(theirs.version) > last.theirs;
    const weChanged = !last || Number(ours.version) > last.ours;
    if (!theyChanged) continue; // changed here only since the last merge: ours stands
    if (weChanged) {
      leaveForOfficer.run(source, table, id, from.file, JSON.stringify(theirs), now);
      continue;
    }
    const columns = [...differing, 'updated_at', 'updated_by'];
    prepared(local, `update ${table} set ${columns.map((column) => `${column} = ?`).join(', ')}, version = version + 1 where id = ?`).run([...columns.map((column) => theirs[column]), id]);
    remember.run(source, table, id, theirs.version, Number(ours.version) + 1);
    settled.run(source, table, id);
    report.updated[plan.register] += 1;
    noteTouched(touched, table, theirs);
  }
}

interface ForeignKey {
  parent: string;
  child: string;
  key: string | null;
}
/** The schema's foreign keys by table (the same on every connection: one schema). */
const foreignKeys = new Map<string, ForeignKey[]>();

/**
 * Whether a row points at a record (its foreign keys, as the schema declares them) that is not here: a
 * person deleted for good here since an earlier merge. Catalogue entries are mapped and present.
 */
function missingParent(db: BetterSqlite3.Database, table: string, row: Row): boolean {
  let keys = foreignKeys.get(table);
  if (!keys) foreignKeys.set(table, (keys = db.prepare('select "table" as parent, "from" as child, "to" as key from pragma_foreign_key_list(?)').all(table) as ForeignKey[]));
  return keys.some(({ parent, child, key }) => row[child] != null && !prepared(db, `select 1 from ${parent} where ${key ?? 'id'} = ?`).get(row[child]));
}

/** Inserts a row; a clash with a record of the same key here (one score sheet per ward and year…) is the reason returned, nothing written. */
function tryInsert(db: BetterSqlite3.Database, table: string, row: Row): string | null {
  try {
    insertRow(db, table, row);
    return null;
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
    return 'Ở đây đã có một hồ sơ khác cho cùng đơn vị và thời gian (hoặc cùng người): không thêm, hãy đối chiếu hai hồ sơ.';
  }
}

/** Rows missing here added as they are; returns how many. */
function appendMissing(local: BetterSqlite3.Database, incoming: BetterSqlite3.Database, table: string): number {
  let added = 0;
  let insert: BetterSqlite3.Statement | null = null;
  for (const row of incoming.prepare(`select * from ${table}`).iterate() as IterableIterator<Row>) {
    if (missingParent(local, table, row)) continue; // the history of a record deleted for good here goes with it
    const columns = Object.keys(row);
    insert ??= local.prepare(`insert or ignore into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
    added += insert.run(columns.map((column) => row[column])).changes;
  }
  return added;
}
