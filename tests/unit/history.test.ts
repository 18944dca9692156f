/** A record's history lists its changes field by field (before → after), catalogue ids as names, views apart. */
import { describe, expect, it } from 'vitest';
import { auditRow } from '../../src/main/services/context';
import { fieldChanges } from '../../src/shared/history';
import { fixtures, openTestApp } from './helpers';

describe('the fields an entry changed', () => {
  const before = { id: 'x', name: 'Nhà trọ số 12', address: '12 Bà Hom', note: null, foundedOn: '2018-10', typeName: 'Nhà trọ tự quản', updatedAt: '2026-01-01T00:00:00Z', memberCount: 3 };

  it('are the saved fields whose value differs, in the form’s order, with no stamps or derived columns', () => {
    const after = { note: 'Họp hằng tháng', address: '45 Lò Gốm', name: 'Nhà trọ số 12', foundedOn: '2018-10-25', leaderPhone: '' };
    expect(fieldChanges('model', 'update', { ...before, leaderPhone: null }, { ...after, updatedAt: 'later', memberCount: 9 })).toEqual([
      { field: 'address', before: '12 Bà Hom', after: '45 Lò Gốm' },
      { field: 'foundedOn', before: '2018-10', after: '2018-10-25' },
      { field: 'note', before: null, after: 'Họp hằng tháng' },
    ]);
  });

  it('count empty text, null and a missing value as the same: no value', () => {
    expect(fieldChanges('model', 'update', { address: '' }, { address: null, note: '' })).toEqual([]);
    expect(fieldChanges('model', 'update', null, { address: 'A' })).toEqual([{ field: 'address', before: null, after: 'A' }]);
  });

  it('are none for a creation, a view, a merge, or a register the history does not compare', () => {
    expect(fieldChanges('model', 'create', null, { name: 'A' })).toEqual([]);
    expect(fieldChanges('subject', 'view', null, { fields: ['idNumber'] })).toEqual([]);
    expect(fieldChanges('subject', 'merge', { fullName: 'A' }, { keepId: 'k' })).toEqual([]);
    expect(fieldChanges('setting', 'update', 1, 3)).toEqual([]);
  });

  it('include a status change', () => {
    expect(fieldChanges('model', 'status', { status: 'hoat_dong' }, { status: 'tam_ngung', changedOn: '2026-03-01', reason: null })).toEqual([
      { field: 'status', before: 'hoat_dong', after: 'tam_ngung' },
    ]);
  });
});

describe('audit.forEntity', () => {
  it('gives each edit’s changes with catalogue entries by name, and keeps the changes however many views there are', async () => {
    const app = await openTestApp();
    const { model, wardId } = await fixtures(app);
    const created = await app.call('models.create', model({ address: '12 Bà Hom', note: null }));
    await app.edit('models.update', { id: created.id, values: model({ address: '45 Lò Gốm', wardId: wardId('Phường Phú Lâm'), foundedOn: '01/02/2015', note: null }) });
    await app.call('models.changeStatus', { id: created.id, status: 'tam_ngung', changedOn: '01/03/2026', reason: 'Tổ trưởng chuyển đi' });

    // A record opened six hundred times: its views never push its changes out of the history.
    const ctx = app.workspace.context();
    const views = Array.from({ length: 600 }, () => auditRow(ctx, { entity: 'model', entityId: created.id, action: 'view' }, '2099-01-01T00:00:00.000Z'));
    await ctx.db.insertInto('auditLog').values(views).execute();

    const entries = await app.call('audit.forEntity', { entity: 'model', entityId: created.id });
    const changes = entries.filter((entry) => entry.action !== 'view');
    expect(changes.map((entry) => entry.action)).toEqual(['status', 'update', 'create']);
    expect(changes[1]?.changes).toEqual([
      { field: 'wardId', before: 'Phường Bình Tiên', after: 'Phường Phú Lâm' },
      { field: 'address', before: '12 Bà Hom', after: '45 Lò Gốm' },
      { field: 'foundedOn', before: '2018-10-25', after: '2015-02-01' },
    ]);
    expect(changes[0]?.changes).toEqual([{ field: 'status', before: 'hoat_dong', after: 'tam_ngung' }]);
    expect(changes[2]?.changes).toEqual([]);
    expect(entries.filter((entry) => entry.action === 'view').length).toBe(500);
  });

  it('shows a person’s ID number change in the person’s own history, as the record shows the number', async () => {
    const app = await openTestApp();
    const { subject, categoryId } = await fixtures(app);
    const person = await app.call('subjects.create', subject({ idNumber: '079085001234' }));
    await app.edit('subjects.update', { id: person.id, values: subject({ idNumber: '079085009999', birth: '1985', categoryId: categoryId('Người sau cai nghiện ma túy'), reintegrationGroup: null }) });
    const [update] = (await app.call('audit.forEntity', { entity: 'subject', entityId: person.id })).filter((entry) => entry.action === 'update');
    expect(update?.changes.map((change) => change.field)).toEqual(['birthDate', 'idNumber', 'categoryId', 'reintegrationGroup']);
    expect(update?.changes[1]).toEqual({ field: 'idNumber', before: '079085001234', after: '079085009999' });
    expect(update?.changes[2]?.after).toBe('Người sau cai nghiện ma túy');
  });

  it('with related: true, lists the changes to the record’s own lists too (members, evaluations, reviews)', async () => {
    const app = await openTestApp();
    const { model, subject } = await fixtures(app);
    const created = await app.call('models.create', model());
    const member = await app.call('members.create', { modelId: created.id, fullName: 'Trần Văn Kiểm', role: 'Tổ viên' });
    await app.edit('members.update', { id: member.id, values: { modelId: created.id, fullName: 'Trần Văn Kiểm', role: 'Tổ phó' } });
    const evaluation = await app.call('evaluations.create', { modelId: created.id, year: 2022, rating: 'kha' });
    await app.call('evaluations.remove', { id: evaluation.id });
    const other = await app.call('models.create', model({ name: 'Tổ xe ôm tự quản' }));
    await app.call('members.create', { modelId: other.id, fullName: 'Lê Văn Tám' });

    expect((await app.call('audit.forEntity', { entity: 'model', entityId: created.id })).map((entry) => entry.entity)).toEqual(['model']);
    const entries = await app.call('audit.forEntity', { entity: 'model', entityId: created.id, related: true });
    expect(entries.map((entry) => `${entry.entity} ${entry.action}`)).toEqual(['evaluation trash', 'evaluation create', 'member update', 'member create', 'model create']);
    expect(entries.find((entry) => entry.entity === 'member' && entry.action === 'update')?.changes).toEqual([{ field: 'role', before: 'Tổ viên', after: 'Tổ phó' }]);

    const person = await app.call('subjects.create', subject());
    const review = await app.call('reviews.create', { subjectId: person.id, reviewedOn: '01/03/2026', result: 'tien_bo' });
    await app.edit('reviews.update', { id: review.id, values: { subjectId: person.id, reviewedOn: '01/03/2026', result: 'chua_tien_bo' } });
    const personal = await app.call('audit.forEntity', { entity: 'subject', entityId: person.id, related: true });
    expect(personal.find((entry) => entry.entity === 'review' && entry.action === 'update')?.changes).toEqual([{ field: 'result', before: 'tien_bo', after: 'chua_tien_bo' }]);
  });
});
