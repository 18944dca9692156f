/**
 * The import's commit writes new records in bulk (db/bulk.ts): what it leaves must be what the services
 * leave when records are added one by one: the search index (accent-insensitive, live rows only), the
 * audit trail, the register's indexes and triggers; a failed first batch leaves nothing at all; a long
 * import commits in batches others see land.
 */
import BetterSqlite3 from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BATCH_ROWS } from '../../src/main/services/imports/batches';
import { apiError, openTestApp, type TestApp } from './helpers';
import { rosterFile, runImport } from './import-helpers';
import { localToday } from '../../src/shared/dates';

type Cell = string | number | Date | null;

// Batches of 1.000 rows, ended by their count, never by time (a real batch is about a second of writing):
// a roster of 5.000 lands in five, the first ones with the register's indexes set aside and rebuilt (their
// new records outnumber those there), the last ones keeping them up row by row.
vi.mock('../../src/main/services/imports/batches', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/main/services/imports/batches')>()),
  BATCH_ROWS: 1000,
  BATCH_MS: 3_600_000,
}));

const HEADER = ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số CCCD', 'Nơi ở hiện nay', 'Phường', 'Diện đối tượng', 'Ngày bắt đầu giúp đỡ', 'Tổ chức phụ trách', 'Tình trạng', 'Ngày đánh giá', 'Kết quả đánh giá'];
const WARD = 'Phường Bình Tiên';
const CATEGORY = 'Người chấp hành xong án phạt tù về địa phương';
const ORG = 'Đoàn Thanh niên';

/** People as a roster lists them: some with a helper organisation, a status other than the first, a review. */
const PEOPLE: Cell[][] = [
  [1, 'Nguyễn Văn Ướt', 1985, 'Nam', '079085000101', '12 Bà Hom', WARD, CATEGORY, '12/03/2024', null, null, '15/06/2025', 'Tiến bộ'],
  [2, 'Trần Thị Huỳnh Như', 1990, 'Nữ', null, '3 Hậu Giang', WARD, CATEGORY, '05/01/2024', ORG, 'Đã tiến bộ', null, null],
  [3, 'ĐẶNG QUỐC BẢO', 1978, 'Nam', '079078000103', '7 Lò Gốm', WARD, CATEGORY, '01/02/2024', null, 'Chuyển đi', '01/03/2025', 'Chưa tiến bộ'],
  [4, 'Lê Thị Ánh Tuyết', 2001, 'Nữ', '079301000104', '22 Tân Hóa', WARD, CATEGORY, '20/04/2024', ORG, null, null, null],
];

async function roster(app: TestApp, name: string, rows: Cell[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.addRow(['DANH SÁCH ĐỐI TƯỢNG ĐƯỢC GIÁO DỤC, GIÚP ĐỠ']);
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  const file = join(app.dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

/** The wizard's calls up to the commit, which is returned to be run. */
async function prepareImport(app: TestApp, file: string) {
  const opened = await app.call('imports.open', { file: { path: file } });
  const sheet = opened.sheets[0]?.name as string;
  const layout = await app.call('imports.inspect', { sessionId: opened.sessionId, sheet, register: 'subjects' });
  for (let from = 0; ; ) {
    const step = await app.call('imports.analyse', { sessionId: opened.sessionId, sheet, register: 'subjects', mapping: layout.mapping, fixes: {}, from });
    if (step.done >= step.total) break;
    from = step.done;
  }
  const decisions = { sessionId: opened.sessionId, skipped: [], accepted: [], sameAs: [] };
  const preview = await app.call('imports.preview', { ...decisions, show: 'all', offset: 0, limit: 1000 });
  return { preview, commit: () => app.call('imports.commit', decisions) };
}

const importRows = async (app: TestApp, name: string, rows: Cell[][]) => (await prepareImport(app, await roster(app, name, rows))).commit();

/** The rows the search index holds (its docsize table has one row per indexed record). */
const indexedSeqs = (app: TestApp) => (app.workspace.sqlite.prepare('select id from subjects_search_docsize order by id').all() as { id: number }[]).map((row) => row.id);
const liveSeqs = (app: TestApp) => (app.workspace.sqlite.prepare('select seq from subjects where deleted_at is null order by seq').all() as { seq: number }[]).map((row) => row.seq);
/** Indexes and triggers of the database, as the migrations made them. */
const schemaObjects = (app: TestApp) => app.workspace.sqlite.prepare("select type, name, sql from sqlite_master where type in ('index', 'trigger') order by name").all();
const names = async (app: TestApp, search: string) => (await app.call('subjects.list', { search, limit: 100 })).rows.map((row) => row.fullName).sort();

const SEARCHES = ['nguyen', 'NGUYỄN', 'uot', 'ướt', 'huynh nhu', 'dang quoc', 'bảo', 'anh tuyet', 'tan hoa', '079078000103', 'hau giang', 'thi', 'zzz'];

describe('the bulk commit of new records', () => {
  it('gives the search index the services give: accent-insensitive, live rows only', async () => {
    const imported = await openTestApp();
    expect(await importRows(imported, 'a.xlsx', PEOPLE)).toMatchObject({ added: 4, skipped: [] });

    // The same people added one by one through the services (the form, then the status, then a review).
    const typed = await openTestApp();
    const catalogues = await typed.call('catalogues.get', {});
    const wardId = catalogues.wards.find((ward) => ward.name === WARD)?.id as string;
    const categoryId = catalogues.subjectCategories.find((category) => category.name === CATEGORY)?.id as string;
    const orgId = catalogues.helperOrgs.find((org) => org.name === ORG)?.id as string;
    for (const row of PEOPLE) {
      const [, fullName, year, gender, idNumber, address, , , start, org, status, reviewed, result] = row as string[];
      const [d, m, y] = (start as string).split('/');
      const subject = await typed.call('subjects.create', {
        fullName: fullName === 'ĐẶNG QUỐC BẢO' ? 'Đặng Quốc Bảo' : (fullName as string),
        birth: String(year),
        gender: gender === 'Nam' ? 'nam' : 'nu',
        idNumber: idNumber ?? null,
        currentAddress: address as string,
        wardId,
        categoryId,
        helperOrgId: org ? orgId : null,
        startDate: `${y}-${m}-${d}`,
        confirmedDistinct: true,
      });
      if (status) await typed.call('subjects.changeStatus', { id: subject.id, status: status === 'Đã tiến bộ' ? 'da_tien_bo' : 'chuyen_di', changedOn: localToday(), reason: 'Nhập từ tệp Excel' });
      if (reviewed) {
        const [rd, rm, ry] = reviewed.split('/');
        await typed.call('reviews.create', { subjectId: subject.id, reviewedOn: `${ry}-${rm}-${rd}`, result: result === 'Tiến bộ' ? 'tien_bo' : 'chua_tien_bo' });
      }
    }
    for (const search of SEARCHES) expect({ search, names: await names(imported, search) }).toEqual({ search, names: await names(typed, search) });
    expect(await names(imported, 'ướt')).toEqual(['Nguyễn Văn Ướt']);
    expect(await names(imported, 'DANG QUOC')).toEqual(['Đặng Quốc Bảo']);
    // Every live record is in the index once, and nothing else; FTS5's own check agrees (no trash yet).
    expect(indexedSeqs(imported)).toEqual(liveSeqs(imported));
    expect(() => imported.workspace.sqlite.exec("insert into subjects_search (subjects_search, rank) values ('integrity-check', 1)")).not.toThrow();
    const stored = (app: TestApp) => app.workspace.sqlite.prepare('select full_name, search_text, name_fold, sort_key, birth_sort, status, last_review_on, review_anchor from subjects order by full_name').all();
    expect(stored(imported)).toEqual(stored(typed));

    // A trashed record leaves the index; a later import indexes its own new rows only, not the trash.
    const tuyet = (await imported.call('subjects.list', { search: 'anh tuyet' })).rows[0]?.id as string;
    await imported.call('subjects.trash', { id: tuyet });
    expect(await names(imported, 'tuyet')).toEqual([]);
    await importRows(imported, 'b.xlsx', [[1, 'Phạm Thị Tuyết Mai', 1999, 'Nữ', null, '9 Phú Lâm', WARD, CATEGORY, '01/05/2024', null, null, null, null]]);
    expect(await names(imported, 'tuyet')).toEqual(['Phạm Thị Tuyết Mai']);
    expect(indexedSeqs(imported)).toEqual(liveSeqs(imported));
    const trashedSeq = (imported.workspace.sqlite.prepare('select seq from subjects where id = ?').get(tuyet) as { seq: number }).seq;
    expect(indexedSeqs(imported)).not.toContain(trashedSeq);
  });

  it('writes the audit trail of every imported record: its creation, its status, its review', async () => {
    const app = await openTestApp();
    await importRows(app, 'a.xlsx', PEOPLE);
    const sqlite = app.workspace.sqlite;
    const subjects = sqlite.prepare('select id, full_name as fullName, status from subjects').all() as { id: string; fullName: string; status: string }[];
    const entries = sqlite.prepare("select entity, entity_id as entityId, action, user_id as userId, at, before_json as beforeJson, after_json as afterJson from audit_log where entity in ('subject', 'review') and action != 'view'").all() as {
      entity: string;
      entityId: string;
      action: string;
      userId: string;
      at: string;
      beforeJson: string | null;
      afterJson: string | null;
    }[];
    for (const subject of subjects) {
      const own = entries.filter((entry) => entry.entityId === subject.id);
      const created = own.find((entry) => entry.action === 'create');
      expect(JSON.parse(created?.afterJson ?? 'null')).toMatchObject({ fullName: subject.fullName });
      expect(created?.userId).toBeTruthy();
      expect(created?.at).toMatch(/^\d{4}-\d\d-\d\dT/);
      const status = own.filter((entry) => entry.action === 'status');
      expect(status.map((entry) => [JSON.parse(entry.beforeJson ?? 'null'), JSON.parse(entry.afterJson ?? 'null').status])).toEqual(
        subject.status === 'dang_giup_do' ? [] : [[{ status: 'dang_giup_do' }, subject.status]],
      );
    }
    const reviews = sqlite.prepare('select id, subject_id as subjectId from subject_reviews').all() as { id: string; subjectId: string }[];
    expect(reviews).toHaveLength(2);
    for (const review of reviews) {
      const created = entries.filter((entry) => entry.entity === 'review' && entry.entityId === review.id);
      expect(created.map((entry) => [entry.action, JSON.parse(entry.afterJson ?? 'null').subjectId])).toEqual([['create', review.subjectId]]);
    }
    // Status history as the services keep it: the start, then the change the file gave.
    const history = sqlite.prepare('select subject_id as subjectId, from_status as fromStatus, to_status as toStatus, reason from subject_status_changes order by rowid').all() as { subjectId: string; fromStatus: string | null; toStatus: string }[];
    for (const subject of subjects) {
      const own = history.filter((row) => row.subjectId === subject.id);
      expect(own[0]).toMatchObject({ fromStatus: null, toStatus: 'dang_giup_do', reason: 'Bắt đầu giúp đỡ' });
      expect(own.at(-1)?.toStatus).toBe(subject.status);
    }
  });

  it('keeps the indexes and triggers as the migrations made them, whether they were rebuilt or kept up row by row', async () => {
    const app = await openTestApp();
    const before = schemaObjects(app);
    await importRows(app, 'many.xlsx', PEOPLE); // the search trigger set aside and put back by the batch
    expect(schemaObjects(app)).toEqual(before);
    await importRows(app, 'one.xlsx', [[1, 'Võ Thị Sáu', 1995, 'Nữ', null, '1 Minh Phụng', WARD, CATEGORY, '01/06/2024', null, null, null, null]]);
    expect(schemaObjects(app)).toEqual(before);
    expect(indexedSeqs(app)).toEqual(liveSeqs(app));
    expect(app.workspace.sqlite.prepare('pragma integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
    // The search trigger is back: a record added by the form is indexed.
    const catalogues = await app.call('catalogues.get', {});
    await app.call('subjects.create', {
      fullName: 'Hồ Văn Cường',
      birth: '1970',
      gender: 'nam',
      wardId: catalogues.wards.find((ward) => ward.name === WARD)?.id as string,
      categoryId: catalogues.subjectCategories.find((category) => category.name === CATEGORY)?.id as string,
      startDate: '2024-01-01',
      confirmedDistinct: true,
    });
    expect(await names(app, 'cuong')).toEqual(['Hồ Văn Cường']);
  });

  it('commits a long import in several short transactions that other connections see land, as one import run', async () => {
    const app = await openTestApp();
    const total = 5000;
    const people = Array.from({ length: total }, (_, index) => [index + 1, `Phạm Văn Số ${index + 1}`, 1950 + (index % 50), 'Nam', null, `${index} Hậu Giang`, WARD, CATEGORY, '12/03/2024', null, null, null, null] as Cell[]);
    const run = await prepareImport(app, await roster(app, 'long.xlsx', people));
    // Another connection to the file (as the app is to the CLI) counts the records on each turn of the event loop.
    const other = new BetterSqlite3(app.workspace.file, { readonly: true });
    const seen: number[] = [];
    let settled = false;
    const look = () => {
      if (settled) return;
      seen.push((other.prepare('select count(*) as n from subjects').get() as { n: number }).n);
      setImmediate(look);
    };
    setImmediate(look);
    const summary = await run.commit().finally(() => (settled = true));
    other.close();
    expect(summary.added).toBe(total);
    // Batches committed before the end: visible to others while the import still ran, one after the other
    // (a batch holds BATCH_ROWS rows at most however fast the machine, so there are at least total / BATCH_ROWS).
    expect(total / BATCH_ROWS).toBeGreaterThanOrEqual(4);
    const between = new Set(seen.filter((count) => count > 0 && count < total));
    expect(between.size).toBeGreaterThanOrEqual(total / BATCH_ROWS - 1);
    expect(await app.rows('subjects')).toBe(total);
    // Every audit entry of the import names the same run, and only this import's entries do.
    const runs = app.workspace.sqlite.prepare("select json_extract(after_json, '$.importRun') as run, count(*) as n from audit_log where entity = 'subject' and action = 'create' group by run").all();
    expect(runs).toEqual([{ run: expect.stringMatching(/^[0-9a-f-]{36}$/), n: total }]);
    expect(indexedSeqs(app)).toEqual(liveSeqs(app));
    expect(app.workspace.sqlite.prepare('select count(*) from search_deferred').pluck().get()).toBe(0); // the trigger indexes the next record again
    expect(await names(app, 'pham van so 4999')).toEqual(['Phạm Văn Số 4999', 'Phạm Văn Số 5000']); // the second lives at number 4999
  });

  it('leaves nothing when a row fails: no record, history, review, audit entry or search row, and the schema as it was', async () => {
    const app = await openTestApp();
    await importRows(app, 'first.xlsx', PEOPLE.slice(0, 1));
    const tables = ['subjects', 'subject_status_changes', 'subject_reviews', 'audit_log', 'subjects_search_docsize'];
    const counts = async () => Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await app.rows(table)])));
    const before = { counts: await counts(), schema: schemaObjects(app), indexed: indexedSeqs(app) };
    // The last row names a helper organisation that disappears (without a trace in the audit log) after the check.
    const run = await prepareImport(app, await roster(app, 'b.xlsx', [PEOPLE[2], PEOPLE[1], PEOPLE[3]] as Cell[][]));
    expect(run.preview.counts).toMatchObject({ add: 3, error: 0 });
    app.workspace.sqlite.prepare("update helper_orgs set id = 'gone' where name = ?").run(ORG);
    await expect(run.commit()).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('Dòng 4') });
    expect({ counts: await counts(), schema: schemaObjects(app), indexed: indexedSeqs(app) }).toEqual(before);
    expect(await names(app, 'huynh')).toEqual([]);
    expect(await names(app, 'uot')).toEqual(['Nguyễn Văn Ướt']);
  });

  it('copies the WAL back into the file only after the commit has returned, and restores the connection settings', async () => {
    const app = await openTestApp();
    const sqlite = app.workspace.sqlite;
    const settings = () => ({ autocheckpoint: sqlite.pragma('wal_autocheckpoint', { simple: true }), cache: sqlite.pragma('cache_size', { simple: true }) });
    const before = settings();
    const fileSize = () => statSync(sqlite.name).size;
    const run = await prepareImport(app, await roster(app, 'wal.xlsx', PEOPLE));
    const sizeBefore = fileSize();
    await run.commit();
    expect(settings()).toEqual(before);
    expect(fileSize()).toBe(sizeBefore); // the new pages are in the WAL only
    await new Promise((resolve) => setImmediate(resolve));
    expect(fileSize()).toBeGreaterThan(sizeBefore); // the deferred checkpoint copied them back
    // A failed commit restores them too (a fresh register: the helper organisation is not used yet).
    const other = await openTestApp();
    const failing = await prepareImport(other, await roster(other, 'wal-2.xlsx', PEOPLE));
    other.workspace.sqlite.prepare("update helper_orgs set id = 'gone' where name = ?").run(ORG);
    await expect(failing.commit()).rejects.toMatchObject({ code: 'validation' });
    expect({ autocheckpoint: other.workspace.sqlite.pragma('wal_autocheckpoint', { simple: true }), cache: other.workspace.sqlite.pragma('cache_size', { simple: true }) }).toEqual(before);
  });

  it('names the refused row when it was written in a chunk of many (the chunk again row by row), and leaves nothing', async () => {
    const app = await openTestApp();
    const tables = ['subjects', 'subject_status_changes', 'subject_reviews', 'audit_log', 'subjects_search_docsize'];
    const counts = async () => Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await app.rows(table)])));
    const before = { counts: await counts(), schema: schemaObjects(app) };
    // 130 people; only the 77th (file row 79, after the title and header) names the helper organisation.
    const people = Array.from({ length: 130 }, (_, index) => [index + 1, `Phạm Văn Số ${index + 1}`, 1980 + (index % 20), 'Nam', null, `${index} Hậu Giang`, WARD, CATEGORY, '12/03/2024', index === 76 ? ORG : null, null, null, null] as Cell[]);
    const run = await prepareImport(app, await roster(app, 'many.xlsx', people));
    expect(run.preview.counts).toMatchObject({ add: 130, error: 0 });
    app.workspace.sqlite.prepare("update helper_orgs set id = 'gone' where name = ?").run(ORG);
    await expect(run.commit()).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('Dòng 79:') });
    expect({ counts: await counts(), schema: schemaObjects(app) }).toEqual(before);
  });
});

describe('undoing an import', () => {
  it('moves the records the run added to the Trash as one, keeps what it updated, and refuses a second undo', async () => {
    const app = await openTestApp();
    const first = await importRows(app, 'a.xlsx', PEOPLE.slice(0, 2));
    // The second file updates Ướt (a new address) and adds two people.
    const moved: Cell[] = [...(PEOPLE[0] as Cell[])];
    moved[5] = '99 Phan Văn Khỏe';
    const second = await importRows(app, 'b.xlsx', [moved, PEOPLE[2] as Cell[], PEOPLE[3] as Cell[]]);
    expect(second).toMatchObject({ added: 2, updated: 1 });
    expect(second.runId).not.toBe(first.runId);
    // Someone trashes one of the new people before the undo: it is counted as already gone.
    const tuyet = (await app.call('subjects.list', { search: 'anh tuyet' })).rows[0]!.id;
    await app.call('subjects.trash', { id: tuyet });

    expect(await app.call('imports.undo', { runId: second.runId })).toEqual({ trashed: 1, membersRemoved: 0, alreadyGone: 1, updatesKept: 1, undoneEarlier: 0 });
    expect(await names(app, '')).toEqual(['Nguyễn Văn Ướt', 'Trần Thị Huỳnh Như']);
    expect((await app.call('subjects.list', { search: 'uot' })).rows[0]?.currentAddress).toBe('99 Phan Văn Khỏe');
    expect(indexedSeqs(app)).toEqual(liveSeqs(app));
    const bao = app.workspace.sqlite.prepare("select id from subjects where full_name = 'Đặng Quốc Bảo'").get() as { id: string };
    expect((await app.call('audit.forEntity', { entity: 'subject', entityId: bao.id })).map((entry) => entry.action)).toContain('trash');
    // Each record can still come back from the Trash.
    await app.call('subjects.restore', { id: bao.id });
    expect(await names(app, 'dang quoc')).toEqual(['Đặng Quốc Bảo']);

    expect(await apiError(app.call('imports.undo', { runId: second.runId }))).toMatchObject({ code: 'conflict' });
    expect(await apiError(app.call('imports.undo', { runId: '0b6c5a5e-3f0a-4d7e-9a53-2f1f0c9b8a71' }))).toMatchObject({ code: 'not_found' });
    expect(await apiError(app.call('imports.undo', { runId: 'not-a-run' }))).toMatchObject({ code: 'validation' });
  });

  it('removes the members it added to models that existed before, as members.remove does, and trashes the models it created', async () => {
    const app = await openTestApp();
    const header = ['STT', 'Tên mô hình', 'Loại mô hình', 'Phường', 'Họ tên thành viên', 'Chức vụ'];
    const NHA_TRO = ['Nhà trọ tự quản số 12 Bà Hom', 'Nhà trọ tự quản', 'Phường Bình Tiên'];
    await (await runImport(app, await rosterFile(app.dir, 'a.xlsx', header, [[1, ...NHA_TRO, 'Nguyễn Văn Bình', 'Tổ trưởng']]), 'models')).commit();
    // The second file adds a member to that model, and a new model with its member.
    const second = await (
      await runImport(app, await rosterFile(app.dir, 'b.xlsx', header, [[1, ...NHA_TRO, 'Lê Thị Thanh Thảo', 'Tổ viên'], [2, 'Tổ xe ôm tự quản Bình Tiên', 'Tổ xe ôm tự quản', 'Phường Bình Tiên', 'Đặng Văn Ướt', 'Tổ trưởng']]), 'models')
    ).commit();
    expect(second).toMatchObject({ added: 2, updated: 0 });
    const nhaTro = () => app.workspace.sqlite.prepare('select id, member_count as memberCount from models where name = ?').get(NHA_TRO[0]) as { id: string; memberCount: number };
    expect(nhaTro().memberCount).toBe(2);
    const thao = app.workspace.sqlite.prepare("select id from model_members where full_name = 'Lê Thị Thanh Thảo'").get() as { id: string };

    expect(await app.call('imports.undo', { runId: second.runId })).toEqual({ trashed: 1, membersRemoved: 1, alreadyGone: 0, updatesKept: 0, undoneEarlier: 0 });
    expect(nhaTro().memberCount).toBe(1);
    const detail = await app.call('models.get', { id: nhaTro().id });
    expect(detail.members.map((member) => member.fullName)).toEqual(['Nguyễn Văn Bình']);
    expect((await app.call('audit.forEntity', { entity: 'member', entityId: thao.id })).map((entry) => entry.action)).toContain('trash');
    expect((await app.call('models.list', {})).rows.map((model) => model.name)).toEqual([NHA_TRO[0]]);
    // The new model is in the Trash with its member, and comes back with it.
    const xeOm = app.workspace.sqlite.prepare("select id from models where name = 'Tổ xe ôm tự quản Bình Tiên'").get() as { id: string };
    await app.call('models.restore', { id: xeOm.id });
    expect((await app.call('models.get', { id: xeOm.id })).members.map((member) => member.fullName)).toEqual(['Đặng Văn Ướt']);
    expect(await apiError(app.call('imports.undo', { runId: second.runId }))).toMatchObject({ code: 'conflict' });
  });
});
