/**
 * The later batches of an import's commit, and an undo in several transactions. The batches are made two
 * rows long (and an undo's two records) and the pause between them runs the test's step, so what happens
 * "between batches" happens there every time: another save, a catalogue entry gone, a failing disk.
 */
import BetterSqlite3 from 'better-sqlite3';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANGED_MEANWHILE } from '../../src/main/services/imports/batches';
import { STOPPED_RUN_FIELD } from '../../src/shared/imports';
import { apiError, ON_SERVER, openTestApp, type TestApp } from './helpers';
import { rosterFile, runImport, type Cell } from './import-helpers';

/** What runs in the next pause between two batches (once), instead of nothing. */
const between = vi.hoisted(() => ({ next: null as null | (() => unknown) }));

vi.mock('../../src/main/services/imports/batches', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/main/services/imports/batches')>();
  return {
    ...actual,
    BATCH_ROWS: 2,
    // Batches end by their row count here, never by time, however slow the machine.
    BATCH_MS: 3_600_000,
    UNDO_BATCH_RECORDS: 2,
    pauseBetweenBatches: async () => {
      const step = between.next;
      between.next = null;
      await step?.();
      await actual.pauseBetweenBatches();
    },
  };
});

beforeEach(() => {
  between.next = null;
});

const HEADER = ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Nơi ở hiện nay', 'Phường', 'Diện đối tượng', 'Ngày bắt đầu giúp đỡ', 'Tổ chức phụ trách'];
const WARD = 'Phường Bình Tiên';
const CATEGORY = 'Người chấp hành xong án phạt tù về địa phương';
const ORG = 'Đoàn Thanh niên';
const NAMES = ['Mai Văn Hùng', 'Tô Văn Lâm', 'Võ Thị Sáu', 'Hồ Văn Cường', 'Lý Văn Phát'];
/** Row 5 of the file is the first person (a title, a unit line and a blank line above the header). */
const person = (index: number, address: string, org: string | null = null): Cell[] => [index + 1, NAMES[index] as string, 1980 + index, 'Nam', address, WARD, CATEGORY, '01/01/2024', org];

/** The register's indexes and triggers, to compare what an import leaves with a fresh database. */
const schemaOfSubjects = (app: TestApp) => app.workspace.sqlite.prepare("select name, sql from sqlite_master where tbl_name = 'subjects' and type in ('index', 'trigger') order by name").all();

const liveNames = async (app: TestApp) => (await app.query<{ name: string }>('select full_name as name from subjects where deleted_at is null')).map((row) => row.name).sort();
const address = async (app: TestApp, name: string) => (await app.query<{ address: string }>('select current_address as address from subjects where full_name = ?', name))[0]?.address;

describe('the later batches of an import', () => {
  it('leaves a record someone changed between batches as they left it, and lists its row with the reason', async () => {
    const app = await openTestApp();
    await (await runImport(app, await rosterFile(app.dir, 'a.xlsx', HEADER, [0, 1, 2, 3].map((index) => person(index, 'cũ'))), 'subjects')).commit();
    const run = await runImport(app, await rosterFile(app.dir, 'b.xlsx', HEADER, [0, 1, 2, 3].map((index) => person(index, 'mới'))), 'subjects');
    expect(run.preview.counts).toMatchObject({ update: 4 });
    // After the first batch (rows 5 and 6), an officer moves Võ Thị Sáu (row 7) to another address in the app.
    between.next = async () => {
      const [{ id }] = (await app.query<{ id: string }>('select id from subjects where full_name = ?', NAMES[2])) as [{ id: string }];
      const record = await app.call('subjects.get', { id });
      await app.edit('subjects.update', { id, values: { ...record.subject, currentAddress: 'do cán bộ sửa', confirmedDistinct: true } });
    };
    const summary = await run.commit();
    expect(between.next).toBeNull(); // the step ran, between two batches
    expect(summary).toMatchObject({ updated: 3, skipped: [{ rowNumber: 7, reason: CHANGED_MEANWHILE }] });
    expect(await Promise.all(NAMES.slice(0, 4).map((name) => address(app, name)))).toEqual(['mới', 'mới', 'do cán bộ sửa', 'mới']);
  });

  it('leaves out just the row the database refuses in a later batch, with the reason, and writes the others', async () => {
    const app = await openTestApp();
    const run = await runImport(app, await rosterFile(app.dir, 'a.xlsx', HEADER, [person(0, 'x'), person(1, 'x'), person(2, 'x', ORG), person(3, 'x')]), 'subjects');
    expect(run.preview.counts).toMatchObject({ add: 4, error: 0 });
    // After the first batch, the helper organisation row 7 names disappears (its foreign key then refuses the row).
    between.next = async () => void (await app.query("update helper_orgs set id = 'gone' where name = ?", ORG));
    const summary = await run.commit();
    expect(summary).toMatchObject({
      added: 3,
      skipped: [{ rowNumber: 7, reason: 'Dòng này không được ghi vì dữ liệu đã thay đổi trong lúc nhập: Một mục mà dòng này dùng (phường, khu phố, diện, tổ chức phụ trách, loại mô hình hoặc mô hình) không còn trong sổ.' }],
    });
    expect(await liveNames(app)).toEqual([NAMES[0], NAMES[1], NAMES[3]].sort());
    expect((await app.call('subjects.list', { offset: 0, limit: 10, search: 'lam' })).total).toBe(1);
    if (ON_SERVER) return; // the rest is the file's deferred search index and rebuilt indexes
    // The refused batch's retry left the search index and the register's indexes whole (they were rebuilt: the register was empty).
    const sqlite = app.workspace.sqlite;
    expect(sqlite.prepare('select count(*) from search_deferred').pluck().get()).toBe(0);
    expect(sqlite.prepare('select id from subjects_search_docsize order by id').pluck().all()).toEqual(sqlite.prepare('select seq from subjects where deleted_at is null order by seq').pluck().all());
    expect(schemaOfSubjects(app)).toEqual(schemaOfSubjects(await openTestApp()));
    expect(sqlite.prepare("select count(*) from subjects_search where subjects_search match 'lam'").pluck().get()).toBe(1);
  });

  // SQLite's own full-disk error, raised from a temporary trigger on the file.
  it.skipIf(ON_SERVER)('stops at an error that is not the row\'s (the disk full), names the rows kept and the run, which undo then removes', async () => {
    const app = await openTestApp();
    const run = await runImport(app, await rosterFile(app.dir, 'a.xlsx', HEADER, [0, 1, 2, 3, 4].map((index) => person(index, 'x'))), 'subjects');
    // After the first batch, every new subject meets a full disk (SQLite's own error, raised from a trigger).
    between.next = () => {
      const sqlite = app.workspace.sqlite;
      sqlite.function('disk_full', () => {
        throw new BetterSqlite3.SqliteError('database or disk is full', 'SQLITE_FULL');
      });
      sqlite.exec('create temp trigger full_disk before insert on main.subjects begin select disk_full(); end');
    };
    const error = await apiError(run.commit());
    app.workspace.sqlite.exec('drop trigger temp.full_disk');
    const runId = error.fields?.find((field) => field.field === STOPPED_RUN_FIELD)?.message as string;
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message).toBe(
      `Đã nhập các dòng đến dòng 6 thì dừng vì lỗi: Ổ đĩa đã đầy. Các dòng đã nhập được giữ lại. Có thể xử lý lỗi rồi nhập lại tệp (các dòng đã có sẽ được nhận ra, không nhập hai lần), hoặc hoàn tác phần đã nhập (mã lần nhập: ${runId}).`,
    );
    expect(await liveNames(app)).toEqual([NAMES[0], NAMES[1]].sort());
    expect(await app.call('imports.undo', { runId })).toMatchObject({ trashed: 2, alreadyGone: 0 });
    expect(await liveNames(app)).toEqual([]);
  });
});

describe('an undo in several transactions', () => {
  it('is finished by undoing again after it was interrupted, and refused once nothing is left', async () => {
    const app = await openTestApp();
    const summary = await (await runImport(app, await rosterFile(app.dir, 'a.xlsx', HEADER, [0, 1, 2, 3, 4].map((index) => person(index, 'x'))), 'subjects')).commit();
    expect(summary.added).toBe(5);
    // The undo stops after its first transaction (two records), as if the app were closed then.
    between.next = () => {
      throw new Error('interrupted');
    };
    await expect(app.call('imports.undo', { runId: summary.runId })).rejects.toThrow();
    expect(await liveNames(app)).toHaveLength(3);
    expect(await app.call('imports.undo', { runId: summary.runId })).toEqual({ trashed: 3, membersRemoved: 0, alreadyGone: 0, updatesKept: 0, undoneEarlier: 2 });
    expect(await liveNames(app)).toEqual([]);
    expect(await apiError(app.call('imports.undo', { runId: summary.runId }))).toMatchObject({ code: 'conflict', message: 'Lần nhập này đã được hoàn tác rồi.' });
  });
});
