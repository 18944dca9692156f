/**
 * Gathering ward files ("Gộp dữ liệu từ tệp"): a ward's backup file, encrypted, merged into the district's
 * data (two installs, two real SQLite files). Ids kept, catalogues matched by name, a second merge adds
 * nothing, a record changed on one side only follows that side, and one changed on both is left for the
 * officer, field by field.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { mergeFromFile } from '../../src/main/services/merge/merge';
import { apiError, cli, EDITOR, fixtures, openTestApp, tempDir, type TestApp } from './helpers';

const PASSWORD = 'mat-khau-phuong-1';

async function backupOf(app: TestApp): Promise<string> {
  return (await app.call('backup.create', { target: { path: tempDir() }, password: PASSWORD })).record.file;
}

// Each test backs up and merges several encrypted files (a key derivation each, a worker thread each on the file).
describe('merging a ward’s file into the district’s data', { timeout: 120_000 }, () => {
  it('adds the ward’s records with their ids, matches catalogues by name, and a second merge adds nothing', async () => {
    const district = await openTestApp();
    const ward = await openTestApp();
    const wardFixtures = await fixtures(ward);
    const districtFixtures = await fixtures(district);
    await district.call('subjects.create', districtFixtures.subject({ fullName: 'Đặng Văn Lực', idNumber: '079085009999' }));

    // The ward's own data: two people (one with a review), a model with a member, and a helper organisation the district lacks.
    const org = await ward.call('helperOrgs.create', { name: 'Hội Cựu chiến binh phường' });
    const binh = await ward.call('subjects.create', wardFixtures.subject({ helperOrgId: org.id }));
    const hoa = await ward.call('subjects.create', wardFixtures.subject({ fullName: 'Trần Thị Hoa', gender: 'nu', idNumber: '079185001111' }));
    await ward.call('reviews.create', { subjectId: hoa.id, reviewedOn: '01/04/2025', result: 'tien_bo' });
    const model = await ward.call('models.create', wardFixtures.model());
    await ward.call('members.create', { modelId: model.id, fullName: 'Lê Văn Tám', role: 'Tổ trưởng' });
    const file = await backupOf(ward);

    const report = await district.call('backup.merge', { file: { path: file }, password: PASSWORD });
    expect(report.added).toMatchObject({ subjects: 2, reviews: 1, models: 1, members: 1 });
    expect(report.conflicts).toEqual([]);
    expect(report.cataloguesAdded).toEqual([{ catalogue: 'helper_orgs', name: 'Hội Cựu chiến binh phường' }]);
    const merged = (await district.call('subjects.get', { id: binh.id })).subject;
    // Same id; the ward named by the district's own entry (matched by name), the new organisation by the ward's id.
    expect(merged).toMatchObject({ fullName: 'Nguyễn Văn Bình', wardId: districtFixtures.wardId('Phường Bình Tiên'), helperOrgId: org.id, helperOrgName: 'Hội Cựu chiến binh phường' });
    expect((await district.call('subjects.list', { search: 'tran thi hoa' })).rows.map((row) => row.id)).toEqual([hoa.id]);
    expect((await district.call('subjects.list', {})).total).toBe(3);

    const counts = { subjects: await district.rows('subjects'), audit: await district.rows('audit_log'), history: await district.rows('subject_status_changes') };
    const again = await district.call('backup.merge', { file: { path: file }, password: PASSWORD });
    expect(Object.values(again.added).every((count) => count === 0)).toBe(true);
    expect(Object.values(again.updated).every((count) => count === 0)).toBe(true);
    expect(again).toMatchObject({ historyAdded: 0, cataloguesAdded: [], conflicts: [] });
    expect({ subjects: await district.rows('subjects'), audit: await district.rows('audit_log'), history: await district.rows('subject_status_changes') }).toEqual(counts);
  });

  it('takes a change made on one side only, and lists a record changed on both sides field by field, keeping ours', async () => {
    const district = await openTestApp();
    const ward = await openTestApp();
    const { subject } = await fixtures(ward);
    const ours = (await fixtures(district)).subject;
    const binh = await ward.call('subjects.create', subject());
    const hoa = await ward.call('subjects.create', subject({ fullName: 'Trần Thị Hoa', gender: 'nu', idNumber: '079185001111' }));
    const lan = await ward.call('subjects.create', subject({ fullName: 'Phạm Thị Lan', gender: 'nu', idNumber: '079185002222' }));
    await district.call('backup.merge', { file: { path: await backupOf(ward) }, password: PASSWORD });

    // Since: the ward moves Bình; both sides change Hoa's phone; the district alone corrects Lan's address.
    await ward.edit('subjects.update', { id: binh.id, values: subject({ currentAddress: '45 Lò Gốm' }) });
    await ward.edit('subjects.update', { id: hoa.id, values: subject({ fullName: 'Trần Thị Hoa', gender: 'nu', idNumber: '079185001111', phone: '0909 000 111' }) });
    await district.edit('subjects.update', { id: hoa.id, values: ours({ fullName: 'Trần Thị Hoa', gender: 'nu', idNumber: '079185001111', phone: '0909 222 333' }) }, EDITOR);
    await district.edit('subjects.update', { id: lan.id, values: ours({ fullName: 'Phạm Thị Lan', gender: 'nu', idNumber: '079185002222', currentAddress: '7 Hậu Giang' }) });

    const report = await district.call('backup.merge', { file: { path: await backupOf(ward) }, password: PASSWORD });
    expect(report.updated.subjects).toBe(1);
    expect(report.conflicts).toEqual([
      expect.objectContaining({ register: 'subjects', id: hoa.id, label: 'Trần Thị Hoa', fields: [{ field: 'phone', ours: '0909222333', theirs: '0909000111' }] }),
    ]);
    const read = async (id: string) => (await district.call('subjects.get', { id })).subject;
    expect(await read(binh.id)).toMatchObject({ currentAddress: '45 Lò Gốm', version: 2 });
    expect(await read(hoa.id)).toMatchObject({ phone: '0909222333' });
    expect(await read(lan.id)).toMatchObject({ currentAddress: '7 Hậu Giang' });

    // The same file again: Hoa still waits (listed once), nothing else moves.
    const file = await backupOf(ward);
    const again = await district.call('backup.merge', { file: { path: file }, password: PASSWORD });
    expect(again.updated.subjects).toBe(0);
    expect(again.conflicts.map((conflict) => conflict.id)).toEqual([hoa.id]);
    expect((await district.call('backup.mergeConflicts', {})).map((conflict) => conflict.id)).toEqual([hoa.id]);

    // The officer takes the file's version, on the version they were shown: saved, and no longer waiting.
    const [conflict] = again.conflicts;
    const stale = await apiError(district.call('backup.decideConflict', { source: conflict!.source, register: 'subjects', id: hoa.id, version: conflict!.ours.version - 1, keep: 'theirs' }));
    expect(stale.reason).toBe('version');
    await district.call('backup.decideConflict', { source: conflict!.source, register: 'subjects', id: hoa.id, version: conflict!.ours.version, keep: 'theirs' });
    expect(await read(hoa.id)).toMatchObject({ phone: '0909000111', version: conflict!.ours.version + 1 });
    expect(await district.call('backup.mergeConflicts', {})).toEqual([]);
    const history = await district.call('audit.forEntity', { entity: 'subject', entityId: hoa.id });
    expect(history.find((entry) => entry.action === 'update')).toMatchObject({ changes: [{ field: 'phone', before: '0909222333', after: '0909000111' }] });
    const last = await district.call('backup.merge', { file: { path: file }, password: PASSWORD });
    expect(last).toMatchObject({ conflicts: [], updated: { subjects: 0 }, added: { subjects: 0 } });
  });

  it('keeps ours when the officer says so, and the record is not asked about again until the ward changes it', async () => {
    const district = await openTestApp();
    const ward = await openTestApp();
    const { subject } = await fixtures(ward);
    const ours = (await fixtures(district)).subject;
    const hoa = await ward.call('subjects.create', subject({ fullName: 'Trần Thị Hoa', gender: 'nu', idNumber: '079185001111' }));
    await district.call('backup.merge', { file: { path: await backupOf(ward) }, password: PASSWORD });
    await ward.edit('subjects.update', { id: hoa.id, values: subject({ fullName: 'Trần Thị Hoa', gender: 'nu', idNumber: '079185001111', phone: '0909 000 111' }) });
    await district.edit('subjects.update', { id: hoa.id, values: ours({ fullName: 'Trần Thị Hoa', gender: 'nu', idNumber: '079185001111', phone: '0909 222 333' }) });
    const file = await backupOf(ward);
    const [conflict] = (await district.call('backup.merge', { file: { path: file }, password: PASSWORD })).conflicts;
    await district.call('backup.decideConflict', { source: conflict!.source, register: 'subjects', id: hoa.id, version: conflict!.ours.version, keep: 'ours' });
    expect((await district.call('subjects.get', { id: hoa.id })).subject).toMatchObject({ phone: '0909222333', version: conflict!.ours.version });
    expect((await district.call('backup.merge', { file: { path: file }, password: PASSWORD })).conflicts).toEqual([]);

    // The ward changes her again: that change is taken (ours has not changed since the decision).
    await ward.edit('subjects.update', { id: hoa.id, values: subject({ fullName: 'Trần Thị Hoa', gender: 'nu', idNumber: '079185001111', phone: '0909 000 111', currentAddress: '9 Hậu Giang' }) });
    const taken = await district.call('backup.merge', { file: { path: await backupOf(ward) }, password: PASSWORD });
    expect(taken.updated.subjects).toBe(1);
    expect((await district.call('subjects.get', { id: hoa.id })).subject).toMatchObject({ currentAddress: '9 Hậu Giang', phone: '0909000111' });
  });

  it('refuses a wrong password and changes nothing', async () => {
    const district = await openTestApp();
    const ward = await openTestApp();
    await ward.call('subjects.create', (await fixtures(ward)).subject());
    const file = await backupOf(ward);
    const before = await district.rows('subjects');
    const refused = await apiError(district.call('backup.merge', { file: { path: file }, password: 'mat-khau-sai-123' }));
    expect(refused.reason).toBe('password');
    expect(await district.rows('subjects')).toBe(before);
  });

  it('merge-from on the command line: the report, nothing new the second time, exit 15 while records wait for a decision', async () => {
    const district = await openTestApp();
    const ward = await openTestApp();
    const { subject } = await fixtures(ward);
    const ours = (await fixtures(district)).subject;
    const hoa = await ward.call('subjects.create', subject({ fullName: 'Trần Thị Hoa', gender: 'nu', idNumber: '079185001111' }));
    const passwordFile = join(tempDir(), 'mat-khau.txt');
    writeFileSync(passwordFile, PASSWORD);

    const first = await cli('merge-from', await backupOf(ward), '--password-file', passwordFile, '--data-dir', district.dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Thêm mới:\n  Đối tượng giáo dục, giúp đỡ: 1');
    expect(await district.rows('subjects')).toBe(1);

    await ward.edit('subjects.update', { id: hoa.id, values: subject({ fullName: 'Trần Thị Hoa', gender: 'nu', idNumber: '079185001111', phone: '0909 000 111' }) });
    await district.edit('subjects.update', { id: hoa.id, values: ours({ fullName: 'Trần Thị Hoa', gender: 'nu', idNumber: '079185001111', phone: '0909 222 333' }) });
    const second = await cli('merge-from', await backupOf(ward), '--password-file', passwordFile, '--data-dir', district.dir, '--json');
    expect(second.code).toBe(15);
    const report = JSON.parse(second.stdout).merge;
    expect(report.added.subjects).toBe(0);
    expect(report.conflicts).toEqual([expect.objectContaining({ id: hoa.id, fields: [{ field: 'phone', ours: '0909222333', theirs: '0909000111' }] })]);
    expect(await district.rows('subjects')).toBe(1);
  });

  it('counts a person’s last review again here, leaves a person deleted for good gone, and reports a score sheet that clashes', async () => {
    const district = await openTestApp();
    const ward = await openTestApp();
    const wardSide = await fixtures(ward);
    const districtSide = await fixtures(district);
    const binh = await ward.call('subjects.create', wardSide.subject());
    const hoa = await ward.call('subjects.create', wardSide.subject({ fullName: 'Trần Thị Hoa', gender: 'nu', idNumber: '079185001111' }));
    await district.call('scores.create', { year: 2026, level: 'phuong', wardId: districtSide.wardId('Phường Bình Tiên'), score: 90 });
    await ward.call('scores.create', { year: 2026, level: 'phuong', wardId: wardSide.wardId('Phường Bình Tiên'), score: 85 });
    const first = await district.call('backup.merge', { file: { path: await backupOf(ward) }, password: PASSWORD });
    expect(first.added).toMatchObject({ subjects: 2, scores: 0 });
    expect(first.notAdded).toEqual([{ register: 'scores', label: '2026', reason: expect.stringContaining('cùng đơn vị và thời gian') }]);

    // The ward reviews Bình (his record's version stays: a review is not an edit of it); the district deletes Hoa for good.
    await ward.call('reviews.create', { subjectId: binh.id, reviewedOn: '01/06/2026', result: 'tien_bo' });
    await district.call('subjects.trash', { id: hoa.id });
    await district.call('subjects.purge', { id: hoa.id });
    const second = await district.call('backup.merge', { file: { path: await backupOf(ward) }, password: PASSWORD });
    expect(second.added).toMatchObject({ subjects: 0, reviews: 1 });
    expect((await district.call('subjects.get', { id: binh.id })).subject.lastReviewOn).toBe('2026-06-01');
    expect(await apiError(district.call('subjects.get', { id: hoa.id }))).toMatchObject({ code: 'not_found' });
    expect(await district.rows('subjects')).toBe(1);
  });

  it('adds a ward of 1.100 people in chunks (several statements on a server), with the progress moving from table to table', async () => {
    const district = await openTestApp();
    const ward = await openTestApp();
    const { subject } = await fixtures(ward);
    const [families, middles, givens] = [['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'], ['Văn', 'Thị', 'Minh', 'Quốc', 'Ngọc'], 'An Bình Cường Dũng Em Giang Hà Hải Khoa Lan Long Mai Nam Oanh Phúc Quân Sơn Tâm Thảo Uyên Vinh Xuân Yến Tú Hòa'.split(' ')];
    for (let index = 0; index < 1100; index++) {
      const fullName = `${families[index % 10]} ${middles[Math.floor(index / 10) % 5]} ${givens[Math.floor(index / 50) % 25]}`;
      await ward.call('subjects.create', subject({ fullName, birth: `01/01/${1950 + (index % 50)}`, idNumber: `0790${String(index).padStart(8, '0')}` }));
    }
    const file = await backupOf(ward);

    const fractions: number[] = [];
    const merging = mergeFromFile(district.workspace, district.workspace.context(), { path: file, name: basename(file) }, PASSWORD, (progress) => {
      if (progress.phase === 'Đang gộp dữ liệu…') fractions.push(progress.fraction ?? -1);
    });
    // The progress bar's polls are answered while the merge runs: on the file, it runs in a worker thread.
    let settled = false;
    void merging.finally(() => (settled = true));
    const polled: number[] = [];
    while (!settled) {
      const progress = await district.call('backup.progress', {});
      if (progress?.phase === 'Đang gộp dữ liệu…') polled.push(progress.fraction ?? -1);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const report = await merging;
    expect(polled.some((fraction) => fraction > 0.6 && fraction < 1)).toBe(true);
    expect(report.added.subjects).toBe(1100);
    expect(report.notAdded).toEqual([]);
    expect(await district.rows('subjects')).toBe(1100);
    expect((await district.call('subjects.list', { search: 'vo quoc giang' })).total).toBe(1);
    expect(fractions[0]).toBe(0.6);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(new Set(fractions).size).toBeGreaterThan(5);

    const again = await district.call('backup.merge', { file: { path: file }, password: PASSWORD });
    expect(again.added.subjects).toBe(0);
    expect(again.unchanged).toBe(1100);
    expect(await district.rows('subjects')).toBe(1100);
  });
});
