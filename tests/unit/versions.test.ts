/**
 * Two officers on one database (two workspaces on one file: two connections, as two PCs or two processes
 * would be): each save names the version it was made on, and a save over a version someone else saved
 * since is refused, with who and when, what they saved at each field, and nothing written.
 */
import { describe, expect, it } from 'vitest';
import { EDITOR, fixtures, apiError, openTestApp } from './helpers';
import { formatDateTime } from '../../src/shared/dates';

async function twoOfficers() {
  const first = await openTestApp();
  const second = await openTestApp({ dataDir: first.dir });
  return { first, second, ...(await fixtures(first)) };
}

describe('two officers editing one record', () => {
  it('refuses a save made on an older version of a person, shows what the other saved, and writes nothing', async () => {
    const { first, second, subject, wardId } = await twoOfficers();
    const created = await first.call('subjects.create', subject());
    expect(created.version).toBe(1);

    // Both open the record; the editor on the other PC saves first.
    const openedByFirst = (await first.call('subjects.get', { id: created.id })).subject;
    const savedBySecond = await second.call('subjects.update', { id: created.id, version: 1, values: subject({ currentAddress: '45 Lò Gốm', wardId: wardId('Phường Bình Tây') }) }, EDITOR);
    expect(savedBySecond.version).toBe(2);

    const audit = await first.rows('audit_log');
    const refused = await apiError(first.call('subjects.update', { id: created.id, version: openedByFirst.version, values: subject({ phone: '0909 000 111' }) }));
    expect(refused.code).toBe('conflict');
    expect(refused.reason).toBe('version');
    expect(refused.message).toBe(`Hồ sơ đã được Cán bộ nhập liệu sửa lúc ${formatDateTime(savedBySecond.updatedAt)} — xem và nhập lại.`);
    expect(refused.stale).toEqual({ id: created.id, version: 2 });
    // What the other officer saved, at each field where it differs from this save (the ward by its name).
    expect(refused.fields).toEqual([
      { field: 'phone', message: 'Cán bộ nhập liệu đã lưu: 0903123456' },
      { field: 'currentAddress', message: 'Cán bộ nhập liệu đã lưu: 45 Lò Gốm' },
      { field: 'wardId', message: 'Cán bộ nhập liệu đã lưu: Phường Bình Tây' },
    ]);
    expect(await first.rows('audit_log')).toBe(audit);
    const stored = (await first.call('subjects.get', { id: created.id })).subject;
    expect(stored).toMatchObject({ version: 2, phone: '0903123456', currentAddress: '45 Lò Gốm' });

    // Having read it, the officer enters it again on the version now: saved, one more.
    const again = await first.call('subjects.update', { id: created.id, version: refused.stale!.version, values: subject({ phone: '0909 000 111', currentAddress: '45 Lò Gốm', wardId: wardId('Phường Bình Tây') }) });
    expect(again).toMatchObject({ version: 3, phone: '0909000111', currentAddress: '45 Lò Gốm' });
  });

  it('counts every change of a record, a status change and the trash too, and a save on that version goes through', async () => {
    const { first, second, subject } = await twoOfficers();
    const created = await first.call('subjects.create', subject());
    await second.call('subjects.changeStatus', { id: created.id, status: 'da_tien_bo', changedOn: '01/03/2025', reason: null }, EDITOR);
    expect((await apiError(first.call('subjects.update', { id: created.id, version: 1, values: subject() }))).reason).toBe('version');
    const afterStatus = (await first.call('subjects.get', { id: created.id })).subject;
    expect(afterStatus.version).toBe(2);
    // A review added is not an edit of the record: its version stays.
    await second.call('reviews.create', { subjectId: created.id, reviewedOn: '01/04/2025', result: 'tien_bo' }, EDITOR);
    expect((await first.call('subjects.get', { id: created.id })).subject.version).toBe(2);
    expect((await first.call('subjects.update', { id: created.id, version: 2, values: subject({ alias: 'Bình Đen' }) })).version).toBe(3);
  });

  it('guards reviews, models and their members, nominations and catalogue entries the same way', async () => {
    const { first, second, subject, model, wardId } = await twoOfficers();
    const person = await first.call('subjects.create', subject());
    const review = await first.call('reviews.create', { subjectId: person.id, reviewedOn: '01/04/2025', result: 'tien_bo', notes: 'Có việc làm ổn định' });
    await second.call('reviews.update', { id: review.id, version: 1, values: { subjectId: person.id, reviewedOn: '01/04/2025', result: 'chua_tien_bo', notes: 'Có việc làm ổn định' } }, EDITOR);
    const reviewRefused = await apiError(first.call('reviews.update', { id: review.id, version: 1, values: { subjectId: person.id, reviewedOn: '01/04/2025', result: 'tien_bo', notes: 'Đã đi làm' } }));
    expect(reviewRefused.fields).toEqual([
      { field: 'result', message: 'Cán bộ nhập liệu đã lưu: Chưa tiến bộ' },
      { field: 'notes', message: 'Cán bộ nhập liệu đã lưu: Có việc làm ổn định' },
    ]);

    const created = await first.call('models.create', model());
    await second.call('models.update', { id: created.id, version: 1, values: model({ leaderName: 'Lê Thị Hoa' }) }, EDITOR);
    const modelRefused = await apiError(first.call('models.update', { id: created.id, version: 1, values: model({ address: '14 Bà Hom' }) }));
    expect(modelRefused.fields).toEqual([
      { field: 'address', message: 'Cán bộ nhập liệu đã lưu: 12 Bà Hom, Phường Bình Tiên' },
      { field: 'leaderName', message: 'Cán bộ nhập liệu đã lưu: Lê Thị Hoa' },
    ]);
    const member = await first.call('members.create', { modelId: created.id, fullName: 'Trần Thị Hoa', role: 'Tổ viên' });
    await second.call('members.update', { id: member.id, version: 1, values: { modelId: created.id, fullName: 'Trần Thị Hoa', role: 'Tổ phó' } }, EDITOR);
    expect((await apiError(first.call('members.update', { id: member.id, version: 1, values: { modelId: created.id, fullName: 'Trần Thị Hòa', role: 'Tổ viên' } }))).reason).toBe('version');
    expect((await first.call('models.get', { id: created.id })).members.map((one) => one.fullName)).toEqual(['Trần Thị Hoa']);

    const round = await first.call('rounds.create', { name: 'Sơ kết 05 năm', periodFrom: 2013, periodTo: 2018 });
    const formId = (await first.call('catalogues.get', {})).awardForms[0]!.id;
    const nominee = { roundId: round.id, kind: 'ca_nhan' as const, nomineeName: 'Lê Văn Tám', birthYear: 1965, formId, achievement: 'Cung cấp 12 tin có giá trị' };
    const nomination = await first.call('nominations.create', nominee);
    await second.call('nominations.update', { id: nomination.id, version: 1, values: { ...nominee, achievement: 'Cung cấp 15 tin có giá trị' } }, EDITOR);
    const nominationRefused = await apiError(first.call('nominations.update', { id: nomination.id, version: 1, values: nominee }));
    expect(nominationRefused.fields).toEqual([{ field: 'achievement', message: 'Cán bộ nhập liệu đã lưu: Cung cấp 15 tin có giá trị' }]);
    expect((await first.call('nominations.get', { id: nomination.id })).nomination.achievement).toBe('Cung cấp 15 tin có giá trị');

    // Catalogue entries (an administrator's) say who and when; the entry keeps the other's name.
    const ward = wardId('Phường Bình Tây');
    await second.call('wards.update', { id: ward, version: 1, values: { name: 'Phường Bình Tây (cũ)' } });
    const wardRefused = await apiError(first.call('wards.update', { id: ward, version: 1, values: { name: 'Phường Bình Tây mới' } }));
    expect(wardRefused).toMatchObject({ code: 'conflict', reason: 'version', stale: { id: ward, version: 2 } });
    expect((await first.call('catalogues.get', {})).wards.find((one) => one.id === ward)?.name).toBe('Phường Bình Tây (cũ)');
  });

  it('refuses an edit that names no version', async () => {
    const { first, subject } = await twoOfficers();
    const created = await first.call('subjects.create', subject());
    const response = await first.request('subjects.update', { id: created.id, values: subject({ alias: 'Bình' }) });
    expect(response).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect((await first.call('subjects.get', { id: created.id })).subject.alias).toBeNull();
  });
});
