/** The import service on real SQLite: open a workbook, map, analyse, preview, decide, commit; again without duplicates. */
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ImportRegister, ResolvedMapping } from '../../src/shared/imports';
import { generateDemoData } from '../../src/main/demo';
import { exportRegister } from '../../src/main/services/exports';
import { allColumnKeys, exportInput } from '../../src/shared/exports';
import { cli, inTurn, libreOffice, ON_SERVER, openTestApp, type TestApp } from './helpers';
import { actions, rosterFile, runImport, type Cell } from './import-helpers';

const SUBJECT_HEADER = ['STT', 'HỌ VÀ TÊN', 'Năm sinh', 'Giới tính', 'Số CCCD', 'Nơi ở hiện nay', 'Phường', 'Diện đối tượng', 'Ngày bắt đầu giúp đỡ', 'Ngày đánh giá', 'Kết quả đánh giá'];
const CATEGORY = 'Người chấp hành xong án phạt tù về địa phương';

// Batches of 1.000 rows, ended by their count, never by time: a real batch is about a second of writing,
// which would take in the whole of these rosters, and progress is reported batch by batch.
vi.mock('../../src/main/services/imports/batches', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/main/services/imports/batches')>()),
  BATCH_ROWS: 1000,
  BATCH_MS: 3_600_000,
}));

describe('importing individuals', () => {
  it('finds the header below the title, maps the columns by their Vietnamese names, and adds the people with their latest review', async () => {
    const app = await openTestApp();
    const file = await rosterFile(app.dir, 'doi-tuong.xlsx', SUBJECT_HEADER, [
      [1, 'NGUYỄN  VĂN AN', 1985, 'Nam', '079085000001', '12 Bà Hom', 'Phường Bình Tiên', CATEGORY, '12/3/2024', '15-06-2025', 'Tiến bộ'],
      [2, 'Đặng Văn Ướt'.normalize('NFD'), '20/11/1990', 'Nam', '079090000002', '3 Hậu Giang', 'P. Bình Tiên', CATEGORY, new Date(Date.UTC(2024, 0, 5)), null, null],
    ]);
    const run = await runImport(app, file, 'subjects');
    expect(run.layout.headerRow).toBe(4);
    const mapped = (label: string) => run.layout.mapping[run.layout.labels.indexOf(label)];
    expect([mapped('HỌ VÀ TÊN'), mapped('Năm sinh'), mapped('Số CCCD'), mapped('Phường'), mapped('Kết quả đánh giá')]).toEqual(['fullName', 'birth', 'idNumber', 'ward', 'reviewResult']);
    // What each column holds, for the officer choosing its field: as written, dates shown dd/mm/yyyy.
    const samples = (label: string) => run.layout.samples[run.layout.labels.indexOf(label)];
    expect(samples('Năm sinh')).toEqual(['1985', '20/11/1990']);
    expect(samples('Ngày bắt đầu giúp đỡ')).toEqual(['12/3/2024', '05/01/2024']);
    expect(samples('HỌ VÀ TÊN')?.slice(0, 2)).toEqual(['NGUYỄN VĂN AN', 'Đặng Văn Ướt']);
    expect(run.preview.counts).toMatchObject({ add: 2, error: 0 });
    expect(run.preview.dropped.map((row) => row.reason)).toEqual(['total']);
    expect(run.preview.rows[0]?.values.fullName).toBe('Nguyễn Văn An');

    const summary = await run.commit();
    expect(summary).toMatchObject({ added: 2, updated: 0, unchanged: 0, skipped: [] });
    const people = await app.call('subjects.list', { sort: { field: 'rosterName', direction: 'asc' } });
    expect(people.rows.map((row) => [row.fullName, row.birthYear, row.startDate])).toEqual([
      ['Nguyễn Văn An', 1985, '2024-03-12'],
      ['Đặng Văn Ướt', 1990, '2024-01-05'],
    ]);
    expect(people.rows[1]?.fullName).toBe('Đặng Văn Ướt'.normalize('NFC'));
    const an = await app.call('subjects.get', { id: people.rows[0]?.id as string });
    expect(an.reviews.map((review) => [review.reviewedOn, review.result])).toEqual([['2025-06-15', 'tien_bo']]);
  });

  it('imports the same file twice without duplicates: the second time every row is already there', async () => {
    const app = await openTestApp();
    const file = await rosterFile(app.dir, 'doi-tuong.xlsx', SUBJECT_HEADER, [
      [1, 'Lê Thị Thanh Thảo', 1992, 'Nữ', '079192000003', '5 Tân Hóa', 'Phường Bình Tiên', CATEGORY, '01/02/2024', '01/03/2025', 'Tiến bộ'],
      [2, 'Nguyễn Thị Huỳnh Ngọc Quỳnh', 1988, 'Nữ', null, '7 Lò Gốm', 'Phường Bình Tiên', CATEGORY, '01/02/2024', null, null],
    ]);
    await (await runImport(app, file, 'subjects')).commit();
    const audit = await app.rows('audit_log');
    const again = await runImport(app, file, 'subjects');
    expect(again.layout.remembered).toBe(true);
    expect(again.preview.counts).toMatchObject({ add: 0, update: 0, same: 2 });
    expect(await again.commit()).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
    expect(await app.rows('subjects')).toBe(2);
    expect(await app.rows('subject_reviews')).toBe(1);
    expect(await app.rows('audit_log')).toBe(audit);
  });

  it('shows every problem next to its row, and writes only what the officer fixed or left valid', async () => {
    const app = await openTestApp();
    const existing = await runImport(app, await rosterFile(app.dir, 'co-san.xlsx', SUBJECT_HEADER, [[1, 'Trần Văn Bình', 1980, 'Nam', '079080000009', '1 Bà Hom', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null]]), 'subjects');
    await existing.commit();
    const file = await rosterFile(app.dir, 'loi.xlsx', SUBJECT_HEADER, [
      [1, '', 1990, 'Nam', null, 'x', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null], // row 5: no name
      [2, 'Phạm Văn Cường', '31/02/1990', 'Nam', null, 'x', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null], // 6: bad date
      [3, 'Võ Văn Dũng', 1991, 'Nam', null, 'x', 'Phường Không Có', CATEGORY, '01/01/2024', null, null], // 7: unknown ward
      [4, 'Hồ Văn Em', 1992, 'Nam', '079092000010', 'x', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null], // 8
      [5, 'Lý Văn Phát', 1993, 'Nam', '079092000010', 'x', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null], // 9: same ID as row 8
      [6, 'Trần Văn Bình', 1975, 'Nam', null, 'x', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null], // 10: namesake of a record, another birth year
      [7, 'Trần Văn Bình', 1980, 'Nam', null, 'y', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null], // 11: the record itself, new address
    ]);
    const run = await runImport(app, file, 'subjects');
    expect(actions(run.preview.rows)).toEqual({ 5: 'error', 6: 'error', 7: 'error', 8: 'add', 9: 'error', 10: 'add', 11: 'update' });
    const problems = Object.fromEntries(run.preview.rows.map((row) => [row.rowNumber, [...row.problems, ...row.warnings].map((problem) => problem.message).join(' ')]));
    expect(problems[5]).toMatch(/Họ và tên/);
    expect(problems[6]).toMatch(/31\/02\/1990/);
    // "Sửa" starts from the cell as written in the file.
    expect(run.preview.rows.find((row) => row.rowNumber === 6)?.cells[String(SUBJECT_HEADER.indexOf('Năm sinh'))]).toBe('31/02/1990');
    expect(problems[7]).toMatch(/Phường Không Có.*chưa có trong danh mục/);
    expect(problems[9]).toMatch(/Trùng với dòng 8/);
    // Skipping row 8 changes how row 9 reads; skipping row 9 changes nothing else.
    expect(run.preview.rows.filter((row) => row.recheckOnSkip).map((row) => row.rowNumber)).toEqual([8]);
    // A namesake born another year is someone else: nothing to say.
    expect(problems[10]).toBe('');
    await run.close();

    // The officer fixes the date and skips row 8 (so row 9, checked again without it, is the one with that ID number).
    const column = String(SUBJECT_HEADER.indexOf('Năm sinh'));
    const decided = await runImport(app, file, 'subjects', { fixes: { 6: { [column]: '28/02/1990' } }, skipped: [8] });
    expect(actions(decided.preview.rows)).toMatchObject({ 6: 'add', 8: 'skip', 9: 'add', 10: 'add', 11: 'update' });
    // Row 8 was left out of the check: taking the skip back means checking again.
    expect(decided.preview.rows.filter((row) => row.recheckOnSkip).map((row) => row.rowNumber)).toEqual([8]);
    const summary = await decided.commit();
    expect(summary).toMatchObject({ added: 3, updated: 1 });
    expect(summary.skipped.map((row) => row.rowNumber)).toEqual([5, 7, 8]);
    const report = join(app.dir, 'bao-cao.csv');
    await app.call('imports.saveReport', { sessionId: decided.opened.sessionId, target: { path: report } });
    const lines = readFileSync(report, 'utf8').split('\r\n');
    expect(lines[0]).toBe('\uFEFFTệp,loi.xlsx');
    expect(lines).toContain('Thêm mới,3');
    expect(lines).toContain('8,Cán bộ chọn bỏ qua.');
    expect(lines.find((line) => line.startsWith('7,'))).toMatch(/Phường Không Có/);
    const people = (await app.call('subjects.list', {})).rows;
    expect(people.map((row) => `${row.fullName} ${row.birthDate ?? row.birthYear} ${row.currentAddress}`).sort()).toEqual(['Lý Văn Phát 1993 x', 'Phạm Văn Cường 1990-02-28 x', 'Trần Văn Bình 1975 x', 'Trần Văn Bình 1980 y']);
  });

  it('takes the decision date as the start of help when the roster has no start date', async () => {
    const app = await openTestApp();
    const file = await rosterFile(app.dir, 'qd.xlsx', ['STT', 'Họ tên', 'Năm sinh', 'Giới tính', 'Phường', 'Loại đối tượng', 'Số quyết định', 'Ngày quyết định'], [[1, 'Mai Văn Hùng', 1990, 'Nam', 'Phường Bình Tiên', CATEGORY, '12/QĐ-UBND', '05/03/2024']]);
    const run = await runImport(app, file, 'subjects');
    expect(run.preview.rows[0]).toMatchObject({ action: 'add', warnings: [{ field: 'startDate', message: 'Không có ngày bắt đầu giúp đỡ: lấy ngày quyết định 05/03/2024.' }] });
    await run.commit();
    expect((await app.call('subjects.list', {})).rows[0]?.startDate).toBe('2024-03-05');
  });

  it('changes nothing when the officer closes the import before committing', async () => {
    const app = await openTestApp();
    const file = await rosterFile(app.dir, 'huy.xlsx', SUBJECT_HEADER, [[1, 'Mai Văn Hùng', 1990, 'Nam', null, 'x', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null]]);
    const run = await runImport(app, file, 'subjects');
    const audit = await app.rows('audit_log');
    await run.close();
    await expect(run.commit()).rejects.toMatchObject({ code: 'not_found' });
    expect(await app.rows('subjects')).toBe(0);
    expect(await app.rows('audit_log')).toBe(audit);
  });

  it('analyses a long sheet in chunks and reports the commit as it writes, so the wizard can show progress', async () => {
    const app = await openTestApp();
    const rows = Array.from({ length: 4500 }, (_v, index): Cell[] => [index + 1, `Nguyễn Văn Số ${index + 1}`, 1980 + (index % 20), 'Nam', null, 'x', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null]);
    const run = await runImport(app, await rosterFile(app.dir, 'dai.xlsx', SUBJECT_HEADER, rows), 'subjects');
    expect(run.progress).toEqual([2000, 4000, 4500]);
    expect(run.preview.counts.add).toBe(4500);
    // The commit writes in batches and answers the progress bar between them.
    const committing = run.commit();
    let settled = false;
    void committing.finally(() => (settled = true));
    const written: number[] = [];
    while (!settled) {
      const progress = await app.call('imports.progress', { sessionId: run.opened.sessionId });
      if (progress) written.push(progress.done);
      // One turn of the event loop: the commit yields to the host between its steps, the poll comes in between.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await committing).toMatchObject({ added: 4500 });
    expect(written.length).toBeGreaterThan(1);
    expect(written.every((done, index) => done <= 4500 && done >= (written[index - 1] ?? 0))).toBe(true);
    expect(written.some((done) => done > 0 && done < 4500)).toBe(true);
    expect(await app.call('imports.progress', { sessionId: run.opened.sessionId })).toBeNull();
    expect(await app.rows('subjects')).toBe(4500);
    // On a server, the commit ends with a VACUUM (db/checkpoint.ts): the new rows' pages are all-visible at once.
    if (ON_SERVER) expect((await app.query<{ visible: number }>("select relallvisible as visible from pg_class where relname = 'subjects'"))[0]?.visible).toBeGreaterThan(0);
  });
});

describe('updating records already in the register', () => {
  it('keeps what the file does not say: the history (a note is added to it), the start date, the status', async () => {
    const app = await openTestApp();
    const first = await rosterFile(app.dir, 'goc.xlsx', ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số CCCD', 'Phường', 'Diện đối tượng', 'Ngày bắt đầu giúp đỡ', 'Lý do, quá trình vi phạm'], [[1, 'Mai Văn Hùng', 1990, 'Nam', '079090000021', 'Phường Bình Tiên', CATEGORY, '01/02/2024', '- 2015: trộm cắp tài sản']]);
    await (await runImport(app, first, 'subjects')).commit();
    const later = await rosterFile(app.dir, 'sau.xlsx', ['STT', 'Họ và tên', 'Năm sinh', 'Số CCCD', 'Ngày quyết định', 'Ghi chú'], [[1, 'MAI VĂN HÙNG', 1990, '079090000021', '05/03/2024', 'Đã có việc làm']]);
    const run = await runImport(app, later, 'subjects');
    expect(run.preview.rows[0]).toMatchObject({ action: 'update', warnings: [] });
    await run.commit();
    const [person] = (await app.call('subjects.list', {})).rows;
    const { subject } = await app.call('subjects.get', { id: person?.id as string });
    expect(subject).toMatchObject({ startDate: '2024-02-01', decisionDate: '2024-03-05', history: '- 2015: trộm cắp tài sản; Đã có việc làm', gender: 'nam' });
  });

  it('finds a record whatever the case of its name, and imports as a likely duplicate when only the year or an accent agrees', async () => {
    const app = await openTestApp();
    await (await runImport(app, await rosterFile(app.dir, 'a.xlsx', SUBJECT_HEADER, [
      [1, 'Nguyễn Văn An', '12/03/1985', 'Nam', null, 'x', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null],
      [2, 'Trần Văn Hòa', 1980, 'Nam', null, 'x', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null],
    ]), 'subjects')).commit();
    const run = await runImport(app, await rosterFile(app.dir, 'b.xlsx', SUBJECT_HEADER, [
      [1, 'nguyễn văn an', '12/03/1985', 'Nam', null, 'x', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null],
      [2, 'Nguyễn Văn An', 1985, 'Nam', null, 'x', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null],
      [3, 'Trần Văn Hoà', 1980, 'Nam', null, 'x', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null],
    ]), 'subjects');
    expect(actions(run.preview.rows)).toEqual({ 5: 'same', 6: 'check', 7: 'check' });
    // Row 6 resembles the record row 5 already updates: it can only be another person.
    expect(run.preview.rows.map((row) => row.canBeSame)).toEqual([false, false, true]);
    await run.close();

    // The officer says the year-only row is the same person (it updates that record); the other is imported as its own record.
    const decided = await runImport(app, await rosterFile(app.dir, 'c.xlsx', SUBJECT_HEADER, [
      [1, 'Nguyễn Văn An', 1985, 'Nam', null, '9 Tân Hóa', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null],
      [2, 'Trần Văn Hoà', 1980, 'Nam', null, 'x', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null],
    ]), 'subjects', { sameAs: [5] });
    expect(actions(decided.preview.rows)).toEqual({ 5: 'update', 6: 'check' });
    expect(decided.preview.rows[1]?.warnings[0]?.message).toMatch(/Có thể trùng với hồ sơ Trần Văn Hòa \(sinh 1980\): cùng họ tên, năm sinh, phường/);
    expect(await decided.commit()).toMatchObject({ added: 1, updated: 1 });
    const people = (await app.call('subjects.list', {})).rows.map((row) => `${row.fullName} ${row.birthDate ?? row.birthYear} ${row.currentAddress}`).sort();
    expect(people).toEqual(['Nguyễn Văn An 1985-03-12 9 Tân Hóa', 'Trần Văn Hoà 1980 x', 'Trần Văn Hòa 1980 x']);
  });

  it('takes the same ID number as the same person, even with the name\'s accents written otherwise', async () => {
    const app = await openTestApp();
    const header = ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số CCCD', 'Phường', 'Diện đối tượng', 'Ngày bắt đầu giúp đỡ'];
    await (await runImport(app, await rosterFile(app.dir, 'a.xlsx', header, [[1, 'Trần Văn Hòa', 1980, 'Nam', '079080000031', 'Phường Bình Tiên', CATEGORY, '01/01/2024']]), 'subjects')).commit();
    const run = await runImport(app, await rosterFile(app.dir, 'b.xlsx', header, [[1, 'Trần Văn Hoà', 1980, 'Nam', '079080000031', 'Phường Bình Tiên', CATEGORY, '01/01/2024']]), 'subjects');
    expect(actions(run.preview.rows)).toEqual({ 5: 'update' });
    await run.commit();
    expect(await app.rows('subjects')).toBe(1);
  });

  it('keeps a model\'s status when the roster has no status column', async () => {
    const app = await openTestApp();
    const header = ['STT', 'Tên mô hình', 'Loại mô hình', 'Phường'];
    const file = await rosterFile(app.dir, 'mh.xlsx', header, [[1, 'Tổ xe ôm tự quản Bình Tiên', 'Tổ xe ôm tự quản', 'Phường Bình Tiên']]);
    await (await runImport(app, file, 'models')).commit();
    const [model] = (await app.call('models.list', {})).rows;
    await app.call('models.changeStatus', { id: model?.id as string, status: 'tam_ngung', changedOn: '01/06/2025', reason: 'Tạm nghỉ' });
    const again = await runImport(app, file, 'models');
    expect(again.preview.counts).toMatchObject({ same: 1, update: 0 });
    await again.commit();
    expect((await app.call('models.list', {})).rows[0]?.status).toBe('tam_ngung');
  });

  it('refuses a commit when the register changed after the check, and writes nothing', async () => {
    const app = await openTestApp();
    const file = await rosterFile(app.dir, 'c.xlsx', SUBJECT_HEADER, [[1, 'Lý Văn Phát', 1993, 'Nam', null, 'x', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null]]);
    const one = await runImport(app, file, 'subjects');
    const two = await runImport(app, file, 'subjects');
    await one.commit();
    await expect(two.commit()).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('hãy kiểm tra lại') });
    expect(await app.rows('subjects')).toBe(1);
  });
});

describe('importing models with their members', () => {
  const HEADER = ['STT', 'Tên mô hình', 'Loại mô hình', 'Phường', 'Địa chỉ', 'Ngày thành lập', 'Họ tên thành viên', 'Chức vụ'];
  it('reads one member per row, the model filled down, and adds nothing twice', async () => {
    const app = await openTestApp();
    const file = await rosterFile(app.dir, 'mo-hinh.xlsx', HEADER, [
      [1, 'Nhà trọ tự quản số 12 Bà Hom', 'Nhà trọ tự quản', 'Phường Bình Tiên', '12 Bà Hom', 43398, 'Nguyễn Văn Bình', 'Tổ trưởng'],
      [null, null, null, null, null, null, 'Lê Thị Thanh Thảo', 'Tổ viên'],
      [2, 'Tổ xe ôm tự quản Bình Tiên', 'Tổ xe ôm tự quản', 'Phường Bình Tiên', null, null, 'Đặng Văn Ướt', 'Tổ trưởng'],
    ]);
    const run = await runImport(app, file, 'models');
    expect(run.preview.counts).toMatchObject({ add: 3, error: 0 });
    expect(await run.commit()).toMatchObject({ added: 3 });
    const models = (await app.call('models.list', { sort: { field: 'name', direction: 'asc' } })).rows;
    expect(models.map((model) => [model.name, model.memberCount, model.foundedOn])).toEqual([
      ['Nhà trọ tự quản số 12 Bà Hom', 2, '2018-10-25'],
      ['Tổ xe ôm tự quản Bình Tiên', 1, null],
    ]);

    const again = await runImport(app, file, 'models');
    expect(again.preview.counts).toMatchObject({ add: 0, update: 0, same: 3 });
    await again.commit();
    expect(await app.rows('models')).toBe(2);
    expect(await app.rows('model_members')).toBe(3);
  });

  it('keeps the member count the sheet declares and the founding date to the precision it gives', async () => {
    const app = await openTestApp();
    const header = ['STT', 'Tên mô hình', 'Loại mô hình', 'Phường', 'Ngày thành lập', 'Số thành viên'];
    const file = await rosterFile(app.dir, 'so-thanh-vien.xlsx', header, [
      [1, 'Tổ A', 'Nhà trọ tự quản', 'Phường Bình Tiên', '03/2016', '18 người'],
      [2, 'Tổ B', 'Nhà trọ tự quản', 'Phường Bình Tiên', 2014, '20'],
      [3, 'Tổ C', 'Nhà trọ tự quản', 'Phường Bình Tiên', new Date(Date.UTC(2016, 2, 5)), 24],
      [4, 'Tổ D', 'Nhà trọ tự quản', 'Phường Bình Tiên', 'năm 2012', '12 TV'],
      [5, 'Tổ E', 'Nhà trọ tự quản', 'Phường Bình Tiên', null, null],
    ]);
    const run = await runImport(app, file, 'models');
    expect(run.layout.mapping[5]).toBe('memberCount');
    expect(run.preview.counts).toMatchObject({ add: 5, error: 0 });
    expect(run.preview.rows.flatMap((row) => row.warnings.map((warning) => warning.message))).toEqual([]);
    expect(run.preview.rows.map((row) => row.values.foundedOn ?? '')).toEqual(['03/2016', '2014', '05/03/2016', '2012', '']);
    await run.commit();
    const models = (await app.call('models.list', { sort: { field: 'name', direction: 'asc' } })).rows;
    expect(models.map((model) => [model.name, model.foundedOn, model.declaredMemberCount, model.memberCount])).toEqual([
      ['Tổ A', '2016-03', 18, 0],
      ['Tổ B', '2014', 20, 0],
      ['Tổ C', '2016-03-05', 24, 0],
      ['Tổ D', '2012', 12, 0],
      ['Tổ E', null, null, 0],
    ]);
    // The same file again finds every model as it is.
    expect((await runImport(app, file, 'models')).preview.counts).toMatchObject({ add: 0, update: 0, same: 5 });
  });

  it('keeps a founding date typed into a date cell formatted to show only the month or the year at that precision', async () => {
    const app = await openTestApp();
    const header = ['STT', 'Tên mô hình', 'Loại mô hình', 'Phường', 'Ngày thành lập'];
    const founded = new Date(Date.UTC(2016, 2, 5));
    const file = await rosterFile(app.dir, 'ngay-thanh-lap.xlsx', header, [
      [1, 'Tổ A', 'Nhà trọ tự quản', 'Phường Bình Tiên', founded],
      [2, 'Tổ B', 'Nhà trọ tự quản', 'Phường Bình Tiên', new Date(Date.UTC(2014, 0, 1))],
      [3, 'Tổ C', 'Nhà trọ tự quản', 'Phường Bình Tiên', founded],
    ]);
    // As Excel keeps them: the same kind of date cell, formatted mm/yyyy, yyyy and dd/mm/yyyy (rows 5 to 7).
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    // exceljs shares one style object between cells read with the same style: each gets its own.
    const format = (address: string, numFmt: string) => (sheet.getCell(address).style = { ...sheet.getCell(address).style, numFmt });
    format('E5', 'mm/yyyy');
    format('E6', 'yyyy');
    format('E7', 'dd/mm/yyyy');
    await workbook.xlsx.writeFile(file);

    const run = await runImport(app, file, 'models');
    expect(run.preview.counts).toMatchObject({ add: 3, error: 0 });
    expect(run.preview.rows.map((row) => row.values.foundedOn)).toEqual(['03/2016', '2014', '05/03/2016']);
    await run.commit();
    const models = (await app.call('models.list', { sort: { field: 'name', direction: 'asc' } })).rows;
    expect(models.map((model) => [model.name, model.foundedOn])).toEqual([
      ['Tổ A', '2016-03'],
      ['Tổ B', '2014'],
      ['Tổ C', '2016-03-05'],
    ]);
    expect((await runImport(app, file, 'models')).preview.counts).toMatchObject({ add: 0, update: 0, same: 3 });
  });
});

describe('files that cannot be imported', () => {
  it('refuses an unreadable file with a Vietnamese message and keeps nothing', async () => {
    const app = await openTestApp();
    const file = join(app.dir, 'hong.xlsx');
    writeFileSync(file, 'không phải bảng tính');
    await expect(app.call('imports.open', { file: { path: file } })).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/[ạảãáàăâđêôơư]/) });
  });

  it('refuses a mapping to a field twice or to an unknown field', async () => {
    const app = await openTestApp();
    const file = await rosterFile(app.dir, 'x.xlsx', SUBJECT_HEADER, [[1, 'Mai Văn Hùng', 1990, 'Nam', null, 'x', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null]]);
    const opened = await app.call('imports.open', { file: { path: file } });
    const sheet = opened.sheets[0]?.name as string;
    const bad: ResolvedMapping = { 1: 'khongco' };
    await expect(app.call('imports.analyse', { sessionId: opened.sessionId, sheet, register: 'subjects', mapping: bad, fixes: {}, from: 0 })).rejects.toMatchObject({ code: 'validation' });
  });
});

describe('round trips', { timeout: 120_000 }, () => {
  /** Exports a register with the app, imports the file again: every row is found, nothing changes. */
  async function expectRoundTrip(app: TestApp, register: ImportRegister, file: string) {
    const audit = await app.rows('audit_log');
    const run = await runImport(app, file, register);
    const unexpected = run.preview.rows.filter((row) => row.action !== 'same');
    expect(unexpected.map((row) => [row.rowNumber, row.action, row.problems, row.warnings]), `${file}: every row already there`).toEqual([]);
    expect(await run.commit()).toMatchObject({ added: 0, updated: 0 });
    expect(await app.rows('audit_log')).toBe(audit);
  }

  it('an exported register imports back unchanged: .xlsx, and CSV converted to .xlsx by LibreOffice', async () => {
    const app = await openTestApp();
    await generateDemoData(app.workspace.context(), { scale: 0.2, people: 60, seed: 11 });
    const ctx = app.workspace.context();
    for (const register of ['models', 'subjects'] as const) {
      const xlsx = join(app.dir, `${register}.xlsx`);
      writeFileSync(xlsx, (await exportRegister(ctx, exportInput.parse({ register, format: 'xlsx' }))).data);
      await expectRoundTrip(app, register, xlsx);
      const csv = join(app.dir, `${register}-lo.csv`);
      writeFileSync(csv, (await exportRegister(ctx, exportInput.parse({ register, format: 'csv' }))).data);
      const [converted] = (await libreOffice([csv], 'xlsx', join(app.dir, 'lo'), 'CSV:44,34,76,1,,1066')) as [string];
      await expectRoundTrip(app, register, converted);
    }
    // Every column (one row per member): still every row already there. (Not the individuals: the demo
    // holds unmerged duplicates sharing an ID number, and a file listing one ID number twice is refused.)
    const full = join(app.dir, 'models-all.xlsx');
    writeFileSync(full, (await exportRegister(ctx, exportInput.parse({ register: 'models', format: 'xlsx', columns: allColumnKeys('models') }))).data);
    await expectRoundTrip(app, 'models', full);
  });
});

describe('import on the command line', { timeout: 120_000 }, () => {
  it('--dry-run lists each row\'s problems and writes nothing; without it the valid rows are imported', async () => {
    const app = await openTestApp();
    const file = await rosterFile(app.dir, 'doi-tuong.xlsx', SUBJECT_HEADER, [
      [1, 'Mai Văn Hùng', 1990, 'Nam', null, 'x', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null],
      [2, 'Tô Văn Lâm', 1991, 'Nam', null, 'x', 'Phường Không Có', CATEGORY, '01/01/2024', null, null],
    ]);
    await app.workspace.close();
    const [dry, dryJson] = await inTurn([() => cli('import', 'subjects', file, '--dry-run', '--data-dir', app.dir), () => cli('import', 'subjects', file, '--dry-run', '--json', '--data-dir', app.dir)]);
    expect(dry.code, dry.stderr).toBe(12); // rows left out
    expect(dry.stdout).toContain('Dòng 6: Lỗi — Phường "Phường Không Có" chưa có trong danh mục.');
    expect(dry.stdout).toContain('Kiểm tra xong (chưa ghi gì): Thêm mới: 1; Lỗi: 1.');
    expect(JSON.parse(dryJson.stdout)).toMatchObject({ ok: true, dryRun: true, headerRow: 4, counts: { add: 1, error: 1 }, rows: [{ rowNumber: 6, action: 'error' }] });

    const real = await cli('import', 'subjects', file, '--json', '--data-dir', app.dir);
    expect(real.code, real.stderr).toBe(12);
    expect(JSON.parse(real.stdout)).toMatchObject({ dryRun: false, summary: { added: 1, skipped: [{ rowNumber: 6 }] } });
    const again = await cli('import', 'subjects', file, '--data-dir', app.dir);
    expect(again.stdout).toContain('Đã nhập: thêm mới 0, cập nhật 0, đã có không đổi 1, bỏ qua 1.');
  });

  it('prints the run id of an import, which undo-import takes to undo it as one', async () => {
    const app = await openTestApp();
    const file = await rosterFile(app.dir, 'doi-tuong.xlsx', SUBJECT_HEADER, [
      [1, 'Mai Văn Hùng', 1990, 'Nam', null, 'x', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null],
      [2, 'Tô Văn Lâm', 1991, 'Nam', null, 'x', 'Phường Bình Tiên', CATEGORY, '01/01/2024', null, null],
    ]);
    await app.workspace.close();
    const imported = await cli('import', 'subjects', file, '--data-dir', app.dir);
    expect(imported.code, imported.stderr).toBe(0);
    // The printed command names the same data folder, so it can be run as printed.
    const printed = /^Mã lần nhập: ([0-9a-f-]{36}) — hoàn tác bằng: npm run cli -- undo-import \1 --data-dir (".*")$/m.exec(imported.stdout);
    expect(printed, imported.stdout).toBeTruthy();
    const runId = printed?.[1] as string;
    expect(JSON.parse(printed?.[2] as string)).toBe(app.dir);
    const counts = async () => (JSON.parse((await cli('info', '--json', '--data-dir', app.dir)).stdout) as { counts: Record<string, number> }).counts;
    expect((await counts()).subjects).toBe(2);

    const undone = await cli('undo-import', runId.toUpperCase(), '--data-dir', app.dir); // as typed from a printout
    expect(undone.code, undone.stderr).toBe(0);
    expect(undone.stdout).toContain(`Đã hoàn tác lần nhập ${runId}: 2 hồ sơ đã chuyển vào Thùng rác (khôi phục lại được từ đó); 0 mục đã ở Thùng rác hoặc đã bị xóa từ trước; 0 hồ sơ được cập nhật giữ nguyên.`);
    expect((await counts()).subjects).toBe(0);
    const [again, unknown, malformed, missing] = await inTurn([
      () => cli('undo-import', runId, '--json', '--data-dir', app.dir),
      () => cli('undo-import', '0b6c5a5e-3f0a-4d7e-9a53-2f1f0c9b8a71', '--data-dir', app.dir),
      () => cli('undo-import', 'abc', '--data-dir', app.dir),
      () => cli('undo-import', '--data-dir', app.dir),
    ]);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, error: { message: 'Lần nhập này đã được hoàn tác rồi.' } });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Không tìm thấy lần nhập này');
    expect([malformed.code, missing.code]).toEqual([2, 2]);
    expect(malformed.stderr).toContain('Mã lần nhập không hợp lệ.');
    expect(missing.stderr).toContain('cần mã lần nhập');
  });

  it('reads a mapping file, and exits 2 on a bad register, sheet or mapping', async () => {
    const app = await openTestApp();
    const file = await rosterFile(app.dir, 'ds.xlsx', ['Cột A', 'Tên người', 'Sinh năm', 'Phái', 'Chỗ ở', 'Phường', 'Diện', 'Bắt đầu'], [[1, 'Mai Văn Hùng', 1990, 'Nam', 'x', 'Phường Bình Tiên', CATEGORY, '01/01/2024']]);
    const mapping = join(app.dir, 'ghep-cot.json');
    writeFileSync(mapping, JSON.stringify({ register: 'subjects', columns: { B: 'fullName', 'Sinh năm': 'birth', Phái: 'gender', 'Chỗ ở': 'currentAddress', F: 'ward', G: 'category', H: 'startDate' } }));
    const badMapping = join(app.dir, 'sai.json');
    writeFileSync(badMapping, JSON.stringify({ register: 'subjects', columns: { 'Không có cột này': 'fullName' } }));
    await app.workspace.close();
    const [mapped, badRegister, badSheet, unknownColumn] = await inTurn([
      () => cli('import', 'subjects', file, '--mapping', mapping, '--dry-run', '--json', '--data-dir', app.dir),
      () => cli('import', 'awards', file, '--data-dir', app.dir),
      () => cli('import', 'subjects', file, '--sheet', 'Trang 9', '--data-dir', app.dir),
      () => cli('import', 'subjects', file, '--mapping', badMapping, '--data-dir', app.dir),
    ]);
    expect(mapped.code, mapped.stderr).toBe(0);
    expect(JSON.parse(mapped.stdout)).toMatchObject({ counts: { add: 1, error: 0 } });
    expect([badRegister.code, badSheet.code, unknownColumn.code]).toEqual([2, 2, 2]);
    expect(badRegister.stderr).toContain('Lệnh import cần tên sổ');
    expect(badSheet.stderr).toContain('Tệp không có trang tính "Trang 9"');
    expect(unknownColumn.stderr).toContain('không có cột "Không có cột này"');
  });
});
