/** The activities register (issue 17): sessions and campaigns, one event or a month's total, with the filter's totals. */
import { describe, expect, it } from 'vitest';
import { apiError, EDITOR, fixtures, openTestApp, VIEWER } from './helpers';

async function setUp() {
  const app = await openTestApp();
  const f = await fixtures(app);
  const catalogues = await app.call('catalogues.get', {});
  const binhTien = f.wardId('Phường Bình Tiên');
  const phuLam = f.wardId('Phường Phú Lâm');
  const model = await app.call('models.create', f.model({ name: 'Tiếng chuông báo trộm khu phố 2' }));
  const programme = (start: string) => catalogues.programmes.find((entry) => entry.name.startsWith(start))!.id;
  return { app, f, catalogues, binhTien, phuLam, model, programme };
}

describe('activities', () => {
  it('keeps sessions and campaigns, one event or a month total, and totals what a filter matches', async () => {
    const { app, binhTien, phuLam, model, programme, catalogues } = await setUp();
    expect(catalogues.programmes.map((entry) => entry.name)).toEqual([
      'Phòng, chống tội phạm xâm hại trẻ em, tội phạm trong lứa tuổi vị thành niên',
      'Chương trình quốc gia phòng, chống ma túy',
      'Chương trình mục tiêu 3 giảm',
    ]);
    const one = await app.call('activities.create', { kind: 'tuyen_truyen', period: '25/10/2018', wardId: binhTien, topic: 'Phòng chống trộm cắp tài sản', organiser: 'Công an phường', modelId: model.id, participants: '45' }, EDITOR);
    expect(one).toMatchObject({ period: '2018-10-25', events: 1, participants: 45, wardName: 'Phường Bình Tiên', modelName: 'Tiếng chuông báo trộm khu phố 2', programmeId: null });
    await app.call('activities.create', { kind: 'tuyen_truyen', period: '11/2018', events: '12', wardId: phuLam, topic: 'Tổng hợp các buổi sinh hoạt tổ dân phố', participants: '3.602' }, EDITOR);
    await app.call('activities.create', { kind: 'van_dong', period: '10/2018', events: 3, wardId: binhTien, programmeId: programme('Chương trình quốc gia'), participants: 700 }, EDITOR);

    const all = await app.call('activities.list', {}, VIEWER);
    expect(all).toMatchObject({ total: 3, totals: { events: 16, participants: 4347 } });
    expect(all.rows.map((row) => row.period)).toEqual(['2018-11', '2018-10-25', '2018-10']);
    expect(await app.call('activities.list', { kind: 'tuyen_truyen' })).toMatchObject({ total: 2, totals: { events: 13, participants: 3647 } });
    expect(await app.call('activities.list', { wardId: binhTien })).toMatchObject({ total: 2, totals: { events: 4 } });
    // A month's total counts in a range that touches its month.
    expect(await app.call('activities.list', { from: '20/10/2018', to: '31/10/2018' })).toMatchObject({ total: 2, totals: { events: 4 } });
    expect(await app.call('activities.list', { from: '26/10/2018', to: '15/11/2018' })).toMatchObject({ total: 2, totals: { events: 15 } });
    expect(await app.call('activities.list', { to: '30/09/2018' })).toMatchObject({ total: 0, totals: { events: 0, participants: 0 } });
    // Searched without accents over topic, programme, model and ward.
    expect((await app.call('activities.list', { search: 'chuong bao trom' })).rows.map((row) => row.id)).toEqual([one.id]);
    expect((await app.call('activities.list', { search: 'ma tuy' })).total).toBe(1);
    expect((await app.call('activities.list', { search: 'phu lam' })).totals.participants).toBe(3602);
  });

  it('says in Vietnamese what is wrong with an entry and writes nothing', async () => {
    const { app, binhTien, phuLam, f } = await setUp();
    const neighbourhood = await app.call('neighbourhoods.create', { wardId: phuLam, name: 'Khu phố 9' });
    const fields = async (input: Record<string, unknown>) => (await apiError(app.call('activities.create', input as never))).fields?.map((field) => `${field.field}: ${field.message}`);
    expect(await fields({ kind: 'tuyen_truyen', period: '2018', wardId: binhTien, topic: 'x', participants: 1 })).toEqual(['period: Một năm là quá dài: hãy nhập tổng theo từng tháng (tháng/năm).']);
    expect(await fields({ kind: 'van_dong', period: '10/2018', wardId: binhTien, participants: 1 })).toEqual(['programmeId: Hãy chọn chương trình của cuộc vận động.']);
    expect(await fields({ kind: 'tuyen_truyen', period: '05/10/2018', events: 4, wardId: binhTien, participants: 1 })).toEqual([
      'topic: Hãy nhập chủ đề buổi sinh hoạt.',
      'events: Một ngày là một buổi: tổng của nhiều buổi thì nhập theo tháng (tháng/năm).',
    ]);
    expect(await fields({ kind: 'tuyen_truyen', period: '31/02/2018', wardId: binhTien, topic: 'x', participants: -3 })).toEqual(expect.arrayContaining([expect.stringMatching(/^period: .*Tháng 2/), 'participants: Số người tham gia không được âm.']));
    expect(await fields({ kind: 'tuyen_truyen', period: '05/10/2018', wardId: binhTien, neighbourhoodId: neighbourhood.id, topic: 'x', participants: 1 })).toEqual(['neighbourhoodId: Khu phố này không thuộc phường đã chọn.']);
    expect(await fields({ kind: 'tuyen_truyen', period: '05/10/2018', wardId: f.wardId('Phường Bình Tiên'), modelId: '00000000-0000-4000-8000-00000000dead', topic: 'x', participants: 1 })).toEqual(['modelId: Mô hình này không có trong sổ (có thể đã bị xóa).']);
    expect(await app.rows('activities')).toBe(0);
    expect((await apiError(app.call('activities.create', { kind: 'tuyen_truyen', period: '05/10/2018', wardId: binhTien, topic: 'x', participants: 1 }, VIEWER))).code).toBe('forbidden');
  });

  it('edits with the change audited, and trashes and restores', async () => {
    const { app, binhTien, programme } = await setUp();
    const campaign = await app.call('activities.create', { kind: 'van_dong', period: '03/2017', events: 2, wardId: binhTien, programmeId: programme('Chương trình mục tiêu'), topic: 'Vận động hiến kế', participants: 120 });
    const edited = await app.edit('activities.update', { id: campaign.id, values: { kind: 'van_dong', period: '03/2017', events: 2, wardId: binhTien, programmeId: programme('Chương trình mục tiêu'), topic: 'Vận động hiến kế', participants: 150 } }, EDITOR);
    expect(edited.participants).toBe(150);
    const history = await app.call('audit.forEntity', { entity: 'activity', entityId: campaign.id });
    expect(history.map((entry) => entry.action)).toEqual(['update', 'create']);
    expect(history[0]?.changes).toEqual([{ field: 'participants', before: 120, after: 150 }]);
    await app.call('activities.trash', { id: campaign.id }, EDITOR);
    expect((await app.call('activities.list', {})).total).toBe(0);
    expect((await app.call('activities.list', { trashed: true })).rows.map((row) => row.id)).toEqual([campaign.id]);
    expect((await apiError(app.edit('activities.update', { id: campaign.id, values: { kind: 'van_dong', period: '03/2017', wardId: binhTien, programmeId: programme('Chương trình mục tiêu'), participants: 1 } }))).code).toBe('not_found');
    await app.call('activities.restore', { id: campaign.id }, EDITOR);
    expect((await app.call('activities.list', {})).totals).toEqual({ events: 2, participants: 150 });
  });

  it('lets an administrator add a programme to the catalogue', async () => {
    const { app } = await setUp();
    const added = await app.call('programmes.create', { name: 'Phòng, chống tội phạm sử dụng công nghệ cao' });
    expect((await app.call('catalogues.get', {})).programmes.at(-1)?.id).toBe(added.id);
    expect((await apiError(app.call('programmes.create', { name: 'Chương trình mục tiêu 3 giảm' }))).code).toBe('conflict');
    expect((await apiError(app.call('programmes.create', { name: 'Khác' }, EDITOR))).code).toBe('forbidden');
  });
});

describe('tips from the public', () => {
  it('keeps each tip with its channel (a model linked), counts those of value and those that led to a case, by filter', async () => {
    const { app, binhTien, phuLam, model } = await setUp();
    const byModel = await app.call('tips.create', { receivedOn: '02/03/2018', wardId: binhTien, channel: 'mo_hinh', modelId: model.id, summary: 'Có người lạ dò xét nhà số 12', valuable: true, caseHandled: true, caseReference: 'Vụ trộm xe máy 03/2018' }, EDITOR);
    expect(byModel).toMatchObject({ receivedOn: '2018-03-02', valuable: true, caseHandled: true, modelName: 'Tiếng chuông báo trộm khu phố 2' });
    await app.call('tips.create', { receivedOn: '15/03/2018', wardId: binhTien, channel: 'zalo', summary: 'Nhóm thanh niên tụ tập khuya', valuable: true }, EDITOR);
    // A model given with another channel is not kept; nor is a case reference without a case.
    const direct = await app.call('tips.create', { receivedOn: '20/04/2018', wardId: phuLam, channel: 'truc_tiep', modelId: model.id, summary: 'Mất trộm điện thoại', caseReference: 'không có' }, EDITOR);
    expect(direct).toMatchObject({ modelId: null, caseReference: null, valuable: false });

    expect((await app.call('tips.list', {}, VIEWER)).counts).toEqual({ tips: 3, valuable: 2, cases: 1 });
    expect((await app.call('tips.list', { modelId: model.id })).rows.map((row) => row.id)).toEqual([byModel.id]);
    expect((await app.call('tips.list', { from: '01/03/2018', to: '31/03/2018' })).counts).toEqual({ tips: 2, valuable: 2, cases: 1 });
    expect((await app.call('tips.list', { valuable: false })).counts.tips).toBe(1);
    expect((await app.call('tips.list', { search: 'thanh nien' })).total).toBe(1);

    const fields = async (input: Record<string, unknown>) => (await apiError(app.call('tips.create', input as never))).fields?.map((field) => `${field.field}: ${field.message}`);
    expect(await fields({ receivedOn: '', wardId: binhTien, channel: 'mo_hinh', summary: 'x', caseHandled: true })).toEqual([
      'receivedOn: Hãy nhập ngày nhận tin.',
      'modelId: Hãy chọn mô hình đã báo tin.',
      'valuable: Tin giúp xử lý vụ việc là tin có giá trị: hãy đánh dấu cả ô này.',
    ]);
    await app.call('tips.trash', { id: direct.id });
    expect((await app.call('tips.list', {})).counts.tips).toBe(2);
    const history = await app.call('audit.forEntity', { entity: 'tip', entityId: direct.id });
    expect(history.map((entry) => entry.action)).toEqual(['trash', 'create']);
  });
});
