/** Award rounds and nominations through the handler table (createHandlers + handleRequest), on real SQLite. */
import { describe, expect, it } from 'vitest';
import type { NominationInput, RoundInput } from '../../src/shared/awards';
import { apiError, EDITOR, fixtures, openTestApp, VIEWER, type TestApp } from './helpers';

const ROUND_2013_2018: RoundInput = {
  name: 'Sơ kết 05 năm Chương trình 09',
  occasion: 'Sơ kết 05 năm thực hiện Chương trình số 09/CTr-BCA-MTTW, giai đoạn 2013–2018',
  periodFrom: 2013,
  periodTo: 2018,
  deadline: '30/06/2018',
  authority: 'UBND Quận 6',
};

async function setup() {
  const app = await openTestApp();
  const base = await fixtures(app);
  const formId = (name: string) => {
    const form = base.catalogues.awardForms.find((candidate) => candidate.name === name);
    if (!form) throw new Error(`No award form named ${name}`);
    return form.id;
  };
  const round = (overrides: Partial<RoundInput> = {}) => app.call('rounds.create', { ...ROUND_2013_2018, ...overrides });
  /** A model with two members (Nguyễn Văn Bình leads it). */
  const modelWithMembers = async (overrides: Parameters<typeof base.model>[0] = {}) => {
    const model = await app.call('models.create', base.model(overrides));
    const leader = await app.call('members.create', { modelId: model.id, fullName: 'Nguyễn Văn Bình', role: 'Tổ trưởng' });
    const member = await app.call('members.create', { modelId: model.id, fullName: 'Trần Thị Hoa', role: 'Tổ viên' });
    return { model, leader, member };
  };
  const giayKhen = formId('Giấy khen');
  /** A typed individual nominated for a Giấy khen. */
  const person = (roundId: string, overrides: Partial<NominationInput> = {}): NominationInput => ({
    roundId,
    kind: 'ca_nhan',
    nomineeName: 'Lê Văn Tám',
    gender: 'nam',
    birthYear: 1965,
    position: 'Tổ trưởng tổ dân phố',
    unit: 'Khu phố 3, Phường Bình Tiên',
    formId: giayKhen,
    ...overrides,
  });
  return { app, ...base, formId, giayKhen, round, modelWithMembers, person };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** Walks a nomination to được duyệt with a decision. */
async function approve(app: TestApp, id: string, decisionNumber = '1234/QĐ-UBND') {
  await app.call('nominations.changeStatus', { id, status: 'da_trinh', changedOn: '01/07/2018' });
  return app.call('nominations.changeStatus', { id, status: 'duoc_duyet', changedOn: '15/08/2018', decisionNumber, decisionDate: '15/08/2018' });
}

describe('award forms', () => {
  it('are seeded with the forms of the Law on Emulation and Commendation, Giấy khen first', async () => {
    const { catalogues } = await setup();
    expect(catalogues.awardForms.map((form) => form.name)).toEqual(['Giấy khen', 'Bằng khen', 'Kỷ niệm chương', 'Huy chương', 'Huân chương']);
    expect(catalogues.awardForms.every((form) => form.active)).toBe(true);
  });

  it('can be added and edited by an admin, refusing a duplicate name', async () => {
    const { app } = await setup();
    const created = await app.call('awardForms.create', { name: '  Cờ thi đua  ' });
    expect(created).toMatchObject({ name: 'Cờ thi đua', active: true });
    const updated = await app.edit('awardForms.update', { id: created.id, values: { name: 'Cờ thi đua của UBND', active: false } });
    expect(updated).toMatchObject({ name: 'Cờ thi đua của UBND', active: false });
    const forms = (await app.call('catalogues.get', {})).awardForms;
    expect(forms.slice(0, 2).map((form) => form.name)).toEqual(['Giấy khen', 'Bằng khen']);
    expect(forms.find((form) => form.id === created.id)).toMatchObject({ name: 'Cờ thi đua của UBND', active: false });

    const duplicate = await apiError(app.call('awardForms.create', { name: 'GIẤY KHEN' }));
    expect(duplicate.code).toBe('conflict');
    expect(duplicate.fields?.[0]?.field).toBe('name');
    const renamedToDuplicate = await apiError(app.edit('awardForms.update', { id: created.id, values: { name: 'bang khen' } }));
    expect(renamedToDuplicate.code).toBe('conflict');
    expect((await apiError(app.call('awardForms.create', { name: '' }))).fields).toContainEqual({
      field: 'name',
      message: 'Tên hình thức khen thưởng không được để trống.',
    });

    expect((await apiError(app.call('awardForms.create', { name: 'Bằng khen của Bộ' }, EDITOR))).code).toBe('forbidden');
    expect((await apiError(app.call('awardForms.create', { name: 'Bằng khen của Bộ' }, VIEWER))).code).toBe('forbidden');
  });
});

describe('rounds', () => {
  it('are created with validation and updated', async () => {
    const { app, round } = await setup();
    const before = { rounds: await app.rows('award_rounds'), audit: await app.rows('audit_log') };
    const backwards = await apiError(round({ periodFrom: 2018, periodTo: 2013 }));
    expect(backwards.code).toBe('validation');
    expect(backwards.fields).toContainEqual({ field: 'periodTo', message: 'Năm kết thúc phải từ năm bắt đầu trở đi.' });
    expect((await apiError(round({ name: '  ' }))).fields).toContainEqual({ field: 'name', message: 'Tên đợt khen thưởng không được để trống.' });
    expect((await apiError(round({ periodFrom: 'abc' as unknown as number }))).fields?.[0]?.field).toBe('periodFrom');
    expect((await apiError(round({ deadline: '31/02/2018' }))).fields?.[0]?.field).toBe('deadline');
    expect((await apiError(app.call('rounds.create', ROUND_2013_2018, VIEWER))).code).toBe('forbidden');
    expect({ rounds: await app.rows('award_rounds'), audit: await app.rows('audit_log') }).toEqual(before);

    const created = await round();
    expect(created).toMatchObject({ ...ROUND_2013_2018, deadline: '2018-06-30', status: 'open', closedAt: null, deletedAt: null });
    const sameYear = await round({ name: 'Tổng kết năm 2019', periodFrom: 2019, periodTo: 2019, deadline: '' });
    expect(sameYear).toMatchObject({ periodFrom: 2019, periodTo: 2019, deadline: null });

    const updated = await app.edit('rounds.update', { id: created.id, values: { ...ROUND_2013_2018, authority: 'UBND Quận 6, TP. Hồ Chí Minh' } }, EDITOR);
    expect(updated).toMatchObject({ authority: 'UBND Quận 6, TP. Hồ Chí Minh', updatedBy: EDITOR.id });
    const badUpdate = await apiError(app.edit('rounds.update', { id: created.id, values: { ...ROUND_2013_2018, periodTo: 2010 } }));
    expect(badUpdate.fields).toContainEqual({ field: 'periodTo', message: 'Năm kết thúc phải từ năm bắt đầu trở đi.' });

    const all = await app.call('rounds.all', {});
    expect(all.map((row) => row.name)).toEqual(['Tổng kết năm 2019', 'Sơ kết 05 năm Chương trình 09']);
    expect(all[1]?.counts).toEqual({ total: 0, byKind: [], byForm: [], byStatus: [] });
  });
});

describe('nominating', () => {
  it('nominates a model as a collective and its member as an individual, with the ward taken from the model', async () => {
    const { app, round, modelWithMembers, giayKhen, formId, wardId } = await setup();
    const created = await round();
    const { model, leader } = await modelWithMembers({ wardId: wardId('Phường Phú Lâm') });

    const collective = await app.call('nominations.create', {
      roundId: created.id,
      kind: 'tap_the',
      modelId: model.id,
      nomineeName: model.name,
      unit: model.address,
      formId: giayKhen,
      achievement: 'Cung cấp nhiều tin có giá trị giúp lực lượng Công an.',
      tipsProvided: 12,
      casesHelped: '3' as unknown as number,
      yearsActive: 5,
    });
    expect(collective).toMatchObject({
      roundId: created.id,
      roundName: created.name,
      roundStatus: 'open',
      kind: 'tap_the',
      modelId: model.id,
      memberId: null,
      nomineeName: model.name,
      wardId: wardId('Phường Phú Lâm'),
      wardName: 'Phường Phú Lâm',
      formId: giayKhen,
      formName: 'Giấy khen',
      status: 'du_thao',
      decisionNumber: null,
      decisionDate: null,
      tipsProvided: 12,
      casesHelped: 3,
      yearsActive: 5,
      deletedAt: null,
    });

    const individual = await app.call('nominations.create', {
      roundId: created.id,
      kind: 'ca_nhan',
      memberId: leader.id,
      modelId: '',
      nomineeName: leader.fullName,
      position: 'Tổ trưởng',
      formId: formId('Bằng khen'),
    });
    expect(individual).toMatchObject({ kind: 'ca_nhan', memberId: leader.id, modelId: null, wardId: wardId('Phường Phú Lâm'), formName: 'Bằng khen' });

    const [summary] = await app.call('rounds.all', {});
    expect(summary?.counts.total).toBe(2);
    expect(summary?.counts.byKind).toEqual([
      { kind: 'tap_the', count: 1 },
      { kind: 'ca_nhan', count: 1 },
    ]);
  });

  it('stores a typed individual, writing a name typed in capitals as a name', async () => {
    const { app, round, person, wardId } = await setup();
    const created = await round();
    const typed = await app.call('nominations.create', person(created.id, { nomineeName: '  NGUYỄN   THỊ ĐÀO ', gender: 'nu', birthYear: '1972' as unknown as number, wardId: wardId('Phường Bình Tây') }));
    expect(typed).toMatchObject({
      kind: 'ca_nhan',
      modelId: null,
      memberId: null,
      nomineeName: 'Nguyễn Thị Đào',
      gender: 'nu',
      birthYear: 1972,
      position: 'Tổ trưởng tổ dân phố',
      unit: 'Khu phố 3, Phường Bình Tiên',
      wardName: 'Phường Bình Tây',
      tipsProvided: 0,
      casesHelped: 0,
      yearsActive: 0,
    });
    expect((await app.call('nominations.get', { id: typed.id })).nomination.nomineeName).toBe('Nguyễn Thị Đào');

    const noBirthYear = await app.call('nominations.create', person(created.id, { nomineeName: 'Phạm Văn Út', birthYear: '' as unknown as number, gender: '' as never }));
    expect(noBirthYear).toMatchObject({ birthYear: null, gender: null, wardId: null });
  });

  it('refuses invalid nominations with field messages and writes nothing', async () => {
    const { app, round, person, modelWithMembers } = await setup();
    const created = await round();
    const { model, leader } = await modelWithMembers();
    const before = { nominations: await app.rows('nominations'), history: await app.rows('nomination_status_changes'), audit: await app.rows('audit_log') };

    expect((await apiError(app.call('nominations.create', person(created.id, { nomineeName: ' ' })))).fields).toContainEqual({
      field: 'nomineeName',
      message: 'Tên tập thể / cá nhân được đề nghị không được để trống.',
    });
    expect((await apiError(app.call('nominations.create', person(created.id, { formId: '' })))).fields).toContainEqual({
      field: 'formId',
      message: 'Vui lòng chọn hình thức khen thưởng.',
    });
    expect((await apiError(app.call('nominations.create', person(created.id, { kind: 'x' as never })))).fields).toContainEqual({
      field: 'kind',
      message: 'Vui lòng chọn tập thể hoặc cá nhân.',
    });
    expect((await apiError(app.call('nominations.create', person(created.id, { modelId: model.id })))).fields).toContainEqual({
      field: 'modelId',
      message: 'Chỉ tập thể mới chọn từ sổ mô hình.',
    });
    expect((await apiError(app.call('nominations.create', person(created.id, { kind: 'tap_the', memberId: leader.id })))).fields).toContainEqual({
      field: 'memberId',
      message: 'Chỉ cá nhân mới chọn từ thành viên mô hình.',
    });
    expect((await apiError(app.call('nominations.create', person(created.id, { birthYear: 1800 })))).fields?.[0]).toEqual({ field: 'birthYear', message: 'Năm sinh phải từ 1900 đến nay.' });
    expect((await apiError(app.call('nominations.create', person(created.id, { birthYear: 2099 })))).fields).toEqual([{ field: 'birthYear', message: 'Năm sinh phải từ 1900 đến nay.' }]);
    expect((await apiError(app.call('nominations.create', person(created.id, { tipsProvided: -1 })))).fields?.[0]?.field).toBe('tipsProvided');

    const unknownForm = await apiError(app.call('nominations.create', person(created.id, { formId: crypto.randomUUID() })));
    expect(unknownForm.code).toBe('validation');
    expect(unknownForm.fields?.[0]?.field).toBe('formId');
    const unknownModel = await apiError(app.call('nominations.create', person(created.id, { kind: 'tap_the', modelId: crypto.randomUUID() })));
    expect(unknownModel.fields?.[0]?.field).toBe('modelId');
    const unknownMember = await apiError(app.call('nominations.create', person(created.id, { memberId: crypto.randomUUID() })));
    expect(unknownMember.fields?.[0]?.field).toBe('memberId');
    expect((await apiError(app.call('nominations.create', person(crypto.randomUUID())))).code).toBe('not_found');
    expect((await apiError(app.call('nominations.create', person(created.id), VIEWER))).code).toBe('forbidden');

    expect({ nominations: await app.rows('nominations'), history: await app.rows('nomination_status_changes'), audit: await app.rows('audit_log') }).toEqual(before);
  });

  it('refuses the same nominee twice in one round: a model, a member, a typed name', async () => {
    const { app, round, person, modelWithMembers, giayKhen, formId } = await setup();
    const created = await round();
    const other = await round({ name: 'Tổng kết năm 2019', periodFrom: 2019, periodTo: 2019 });
    const { model, leader } = await modelWithMembers();
    const collective = { roundId: created.id, kind: 'tap_the' as const, modelId: model.id, nomineeName: model.name, formId: giayKhen };
    const member = { roundId: created.id, kind: 'ca_nhan' as const, memberId: leader.id, nomineeName: leader.fullName, formId: giayKhen };
    await app.call('nominations.create', collective);
    await app.call('nominations.create', member);
    const typed = await app.call('nominations.create', person(created.id, { nomineeName: 'Nguyễn Văn Bình', birthYear: 1970 }));
    const before = { nominations: await app.rows('nominations'), audit: await app.rows('audit_log') };

    const twiceModel = await apiError(app.call('nominations.create', { ...collective, nomineeName: 'Tên khác', formId: formId('Bằng khen') }));
    expect(twiceModel.code).toBe('conflict');
    expect(twiceModel.fields?.[0]?.field).toBe('nomineeName');
    expect(twiceModel.message).toContain('đã có trong đợt khen thưởng này');
    expect((await apiError(app.call('nominations.create', member))).code).toBe('conflict');
    const twiceTyped = await apiError(app.call('nominations.create', person(created.id, { nomineeName: 'NGUYEN VAN BINH', birthYear: 1970, unit: 'Khác' })));
    expect(twiceTyped.code).toBe('conflict');
    expect(twiceTyped.fields?.[0]?.field).toBe('nomineeName');
    expect((await apiError(app.call('nominations.create', person(created.id, { nomineeName: 'nguyễn văn bình', birthYear: 1970 })))).code).toBe('conflict');
    expect({ nominations: await app.rows('nominations'), audit: await app.rows('audit_log') }).toEqual(before);

    // A namesake born another year, the same name as a collective, and the same nominees in another round are fine.
    await app.call('nominations.create', person(created.id, { nomineeName: 'Nguyễn Văn Bình', birthYear: 1985 }));
    await app.call('nominations.create', { roundId: created.id, kind: 'tap_the', nomineeName: 'Nguyễn Văn Bình', formId: giayKhen });
    await app.call('nominations.create', { ...collective, roundId: other.id });
    await app.call('nominations.create', { ...member, roundId: other.id });
    await app.call('nominations.create', person(other.id, { nomineeName: 'Nguyễn Văn Bình', birthYear: 1970 }));

    // Editing a nomination into a duplicate is refused too; editing it in place is not.
    const renamed = await app.edit('nominations.update', { id: typed.id, values: person(created.id, { nomineeName: 'Nguyễn Văn Bình', birthYear: 1970, unit: 'Khu phố 5' }) });
    expect(renamed.unit).toBe('Khu phố 5');
    const intoDuplicate = await apiError(app.edit('nominations.update', { id: typed.id, values: person(created.id, { nomineeName: 'Nguyễn Văn Bình', birthYear: 1985 }) }));
    expect(intoDuplicate.code).toBe('conflict');
    const moved = await apiError(app.edit('nominations.update', { id: typed.id, values: person(other.id, { nomineeName: 'Lê Văn Tám' }) }));
    expect(moved.code).toBe('validation');
  });
});

describe('earlier awards for the same period', () => {
  it('warns when an individual was approved in another round covering an overlapping period', async () => {
    const { app, round, person } = await setup();
    const first = await round();
    const overlapping = await round({ name: 'Tổng kết 2016–2020', periodFrom: 2016, periodTo: 2020 });
    const later = await round({ name: 'Tổng kết 2019–2023', periodFrom: 2019, periodTo: 2023 });
    const earlier = await app.call('nominations.create', person(first.id));

    // A nomination not (yet) approved is no earlier award.
    expect(await app.call('nominations.check', { values: person(overlapping.id) })).toEqual([]);
    await approve(app, earlier.id);

    const values = person(overlapping.id, { nomineeName: 'LÊ VĂN TÁM' });
    const warnings = await app.call('nominations.check', { values });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ reason: 'earlier_award_same_period', nomination: { id: earlier.id, roundName: first.name, status: 'duoc_duyet', decisionNumber: '1234/QĐ-UBND' } });

    const before = await app.rows('nominations');
    const refused = await apiError(app.call('nominations.create', values));
    expect(refused.code).toBe('conflict');
    expect(refused.fields?.[0]?.field).toBe('acknowledgedEarlierAward');
    expect(refused.message).toContain(first.name);
    expect(await app.rows('nominations')).toBe(before);

    const acknowledged = await app.call('nominations.create', { ...values, acknowledgedEarlierAward: true });
    expect(acknowledged).toMatchObject({ roundId: overlapping.id, nomineeName: 'Lê Văn Tám' });
    expect(acknowledged).not.toHaveProperty('acknowledgedEarlierAward');
    // Editing it again needs the acknowledgement again; the check leaves the nomination itself out.
    expect((await apiError(app.edit('nominations.update', { id: acknowledged.id, values }))).fields?.[0]?.field).toBe('acknowledgedEarlierAward');
    expect(await app.call('nominations.check', { id: acknowledged.id, values })).toHaveLength(1);

    // A period that does not overlap 2013–2018 gives no warning; nor does a namesake born another year.
    expect(await app.call('nominations.check', { values: person(later.id) })).toEqual([]);
    await app.call('nominations.create', person(later.id));
    expect(await app.call('nominations.check', { values: person(overlapping.id, { nomineeName: 'Lê Văn Tám', birthYear: 1990 }) })).toEqual([]);
  });

  it('warns about a model awarded in an overlapping round, and counts đã trao as an award', async () => {
    const { app, round, modelWithMembers, giayKhen } = await setup();
    const first = await round();
    const overlapping = await round({ name: 'Tổng kết 2018', periodFrom: 2018, periodTo: 2018 });
    const { model } = await modelWithMembers();
    const collective = (roundId: string) => ({ roundId, kind: 'tap_the' as const, modelId: model.id, nomineeName: model.name, formId: giayKhen });
    const earlier = await app.call('nominations.create', collective(first.id));
    await approve(app, earlier.id);
    await app.call('nominations.changeStatus', { id: earlier.id, status: 'da_trao', changedOn: '01/09/2018', decisionNumber: '1234/QĐ-UBND', decisionDate: '15/08/2018' });
    expect(await app.call('nominations.check', { values: collective(overlapping.id) })).toHaveLength(1);
    expect((await apiError(app.call('nominations.create', collective(overlapping.id)))).code).toBe('conflict');
  });
});

describe('the status workflow', () => {
  it('walks dự thảo → đã trình → được duyệt → đã trao with the decision, keeping every change', async () => {
    const { app, round, person } = await setup();
    const created = await round();
    const nomination = await app.call('nominations.create', person(created.id));

    const noDate = await apiError(app.call('nominations.changeStatus', { id: nomination.id, status: 'da_trinh' }));
    expect(noDate.fields).toContainEqual({ field: 'changedOn', message: 'Vui lòng nhập ngày thay đổi.' });
    await app.call('nominations.changeStatus', { id: nomination.id, status: 'da_trinh', changedOn: '01/07/2018', note: 'Trình UBND Quận' });

    const undecided = await apiError(app.call('nominations.changeStatus', { id: nomination.id, status: 'duoc_duyet', changedOn: '15/08/2018' }));
    expect(undecided.code).toBe('validation');
    expect(undecided.fields).toEqual(
      expect.arrayContaining([
        { field: 'decisionNumber', message: 'Vui lòng nhập số quyết định khen thưởng.' },
        { field: 'decisionDate', message: 'Vui lòng nhập ngày quyết định khen thưởng.' },
      ]),
    );
    const approved = await app.call('nominations.changeStatus', {
      id: nomination.id,
      status: 'duoc_duyet',
      changedOn: '15/08/2018',
      decisionNumber: ' 1234/QĐ-UBND ',
      decisionDate: '15/08/2018',
    });
    expect(approved).toMatchObject({ status: 'duoc_duyet', decisionNumber: '1234/QĐ-UBND', decisionDate: '2018-08-15' });

    const noNumber = await apiError(app.call('nominations.changeStatus', { id: nomination.id, status: 'da_trao', changedOn: '01/09/2018', decisionDate: '15/08/2018' }));
    expect(noNumber.fields).toEqual([{ field: 'decisionNumber', message: 'Vui lòng nhập số quyết định khen thưởng.' }]);
    const awarded = await app.call('nominations.changeStatus', {
      id: nomination.id,
      status: 'da_trao',
      changedOn: '01/09/2018',
      decisionNumber: '1234/QĐ-UBND',
      decisionDate: '15/08/2018',
      note: 'Trao tại hội nghị sơ kết',
    });
    expect(awarded.status).toBe('da_trao');

    const detail = await app.call('nominations.get', { id: nomination.id });
    expect(detail.nomination.status).toBe('da_trao');
    const history = [...detail.statusChanges].reverse();
    expect(history.map((change) => [change.fromStatus, change.toStatus])).toEqual([
      [null, 'du_thao'],
      ['du_thao', 'da_trinh'],
      ['da_trinh', 'duoc_duyet'],
      ['duoc_duyet', 'da_trao'],
    ]);
    expect(history[1]).toMatchObject({ changedOn: '2018-07-01', reason: 'Trình UBND Quận', decisionNumber: null, decisionDate: null });
    expect(history[2]).toMatchObject({ changedOn: '2018-08-15', decisionNumber: '1234/QĐ-UBND', decisionDate: '2018-08-15' });
    expect(history[3]).toMatchObject({ changedOn: '2018-09-01', reason: 'Trao tại hội nghị sơ kết', decisionNumber: '1234/QĐ-UBND', decisionDate: '2018-08-15' });

    // đã trao is final.
    expect((await apiError(app.call('nominations.changeStatus', { id: nomination.id, status: 'du_thao', changedOn: '02/09/2018' }))).fields?.[0]?.field).toBe('status');
  });

  it('refuses forbidden jumps and keeps không duyệt final', async () => {
    const { app, round, person } = await setup();
    const created = await round();
    const nomination = await app.call('nominations.create', person(created.id));
    const before = await app.rows('nomination_status_changes');

    const jump = await apiError(
      app.call('nominations.changeStatus', { id: nomination.id, status: 'da_trao', changedOn: '01/09/2018', decisionNumber: '1/QĐ', decisionDate: '01/09/2018' }),
    );
    expect(jump.code).toBe('validation');
    expect(jump.fields).toEqual([{ field: 'status', message: 'Không thể chuyển sang trạng thái này từ trạng thái hiện tại.' }]);
    expect((await apiError(app.call('nominations.changeStatus', { id: nomination.id, status: 'khong_duyet', changedOn: '01/09/2018' }))).code).toBe('validation');
    expect(await app.rows('nomination_status_changes')).toBe(before);

    // A submitted nomination may be withdrawn to draft and submitted again.
    await app.call('nominations.changeStatus', { id: nomination.id, status: 'da_trinh', changedOn: '01/07/2018' });
    await app.call('nominations.changeStatus', { id: nomination.id, status: 'du_thao', changedOn: '02/07/2018', note: 'Bổ sung hồ sơ' });
    await app.call('nominations.changeStatus', { id: nomination.id, status: 'da_trinh', changedOn: '05/07/2018' });
    const refused = await app.call('nominations.changeStatus', { id: nomination.id, status: 'khong_duyet', changedOn: '15/08/2018', note: 'Chưa đủ tiêu chuẩn' });
    expect(refused).toMatchObject({ status: 'khong_duyet', decisionNumber: null });
    for (const status of ['du_thao', 'da_trinh', 'duoc_duyet', 'da_trao'] as const) {
      const error = await apiError(
        app.call('nominations.changeStatus', { id: nomination.id, status, changedOn: '16/08/2018', decisionNumber: '1/QĐ', decisionDate: '16/08/2018' }),
      );
      expect(error.fields?.[0]?.field).toBe('status');
    }
    expect((await app.call('nominations.get', { id: nomination.id })).statusChanges).toHaveLength(5);
    expect((await apiError(app.call('nominations.changeStatus', { id: crypto.randomUUID(), status: 'da_trinh', changedOn: '01/07/2018' }))).code).toBe('not_found');
    expect((await apiError(app.call('nominations.changeStatus', { id: nomination.id, status: 'da_trinh', changedOn: '01/07/2018' }, VIEWER))).code).toBe('forbidden');
  });
});

describe('counts', () => {
  async function nominateSome({ app, round, modelWithMembers, person, giayKhen, formId, wardId }: Setup) {
    const created = await round();
    const other = await round({ name: 'Tổng kết năm 2019', periodFrom: 2019, periodTo: 2019 });
    const { model, leader } = await modelWithMembers();
    const xeOm = await app.call('models.create', {
      name: 'Tổ xe ôm tự quản chợ Bình Tây',
      typeId: (await fixtures(app)).typeId('Tổ xe ôm tự quản'),
      wardId: wardId('Phường Bình Tây'),
      leaderName: 'Phạm Văn Hùng',
    });
    const first = await app.call('nominations.create', { roundId: created.id, kind: 'tap_the', modelId: model.id, nomineeName: model.name, formId: giayKhen });
    const second = await app.call('nominations.create', { roundId: created.id, kind: 'tap_the', modelId: xeOm.id, nomineeName: xeOm.name, formId: formId('Bằng khen') });
    const third = await app.call('nominations.create', { roundId: created.id, kind: 'ca_nhan', memberId: leader.id, nomineeName: leader.fullName, formId: giayKhen });
    await app.call('nominations.changeStatus', { id: second.id, status: 'da_trinh', changedOn: '01/07/2018' });
    const elsewhere = await app.call('nominations.create', person(other.id));
    return { created, other, model, xeOm, leader, first, second, third, elsewhere };
  }

  it('counts a round by kind, form and status, and nominations under a filter', async () => {
    const setupResult = await setup();
    const { app, giayKhen, formId, wardId } = setupResult;
    const { created, other, third } = await nominateSome(setupResult);

    const all = await app.call('rounds.all', {});
    expect(all.map((row) => row.name)).toEqual(['Tổng kết năm 2019', created.name]);
    const summary = all.find((row) => row.id === created.id);
    expect(summary?.counts).toEqual({
      total: 3,
      byKind: [
        { kind: 'tap_the', count: 2 },
        { kind: 'ca_nhan', count: 1 },
      ],
      byForm: [
        { id: giayKhen, name: 'Giấy khen', count: 2 },
        { id: formId('Bằng khen'), name: 'Bằng khen', count: 1 },
      ],
      byStatus: expect.arrayContaining([
        { status: 'du_thao', count: 2 },
        { status: 'da_trinh', count: 1 },
      ]),
    });
    expect(summary?.counts.byStatus).toHaveLength(2);
    expect(all.find((row) => row.id === other.id)?.counts).toMatchObject({ total: 1, byKind: [{ kind: 'ca_nhan', count: 1 }] });

    expect((await app.call('nominations.counts', {})).total).toBe(4);
    expect((await app.call('nominations.counts', { roundId: created.id })).total).toBe(3);
    expect((await app.call('nominations.counts', { roundId: created.id, kind: 'ca_nhan' })).byKind).toEqual([{ kind: 'ca_nhan', count: 1 }]);
    expect((await app.call('nominations.counts', { formId: giayKhen })).total).toBe(3);
    expect((await app.call('nominations.counts', { status: 'da_trinh' })).byForm).toEqual([{ id: formId('Bằng khen'), name: 'Bằng khen', count: 1 }]);
    expect((await app.call('nominations.counts', { wardId: wardId('Phường Bình Tây') })).total).toBe(1);
    expect((await app.call('nominations.counts', { search: 'binh' })).total).toBe(3);

    await app.call('nominations.trash', { id: third.id });
    expect((await app.call('rounds.all', {})).find((row) => row.id === created.id)?.counts.byKind).toEqual([{ kind: 'tap_the', count: 2 }]);
    expect((await app.call('nominations.counts', { trashed: true })).total).toBe(1);
  });

  it('lists nominations with accent-insensitive search, filters and sorting', async () => {
    const setupResult = await setup();
    const { app, giayKhen, formId, wardId } = setupResult;
    const { created, other, first, second, third, elsewhere } = await nominateSome(setupResult);
    const names = async (query: Parameters<TestApp['call']>[1] & object) => (await app.call('nominations.list', query as never)).rows.map((row) => row.id);

    const found = await app.call('nominations.list', { search: 'xe om' });
    expect(found.total).toBe(1);
    expect(found.rows[0]).toMatchObject({ id: second.id, nomineeName: 'Tổ xe ôm tự quản chợ Bình Tây', wardName: 'Phường Bình Tây', roundName: created.name });
    expect(await names({ search: 'TỔ XE ÔM' })).toEqual([second.id]);
    expect(await names({ search: 'to truong tdp' })).toEqual([]);
    expect(await names({ search: 'khu pho 3' })).toEqual([elsewhere.id]);
    expect(await names({ search: '100%' })).toEqual([]);

    expect((await names({ roundId: created.id })).sort()).toEqual([first.id, second.id, third.id].sort());
    expect(await names({ roundId: other.id })).toEqual([elsewhere.id]);
    expect((await names({ kind: 'ca_nhan' })).sort()).toEqual([third.id, elsewhere.id].sort());
    expect(await names({ formId: formId('Bằng khen') })).toEqual([second.id]);
    expect(await names({ status: 'da_trinh' })).toEqual([second.id]);
    expect(await names({ wardId: wardId('Phường Bình Tây') })).toEqual([second.id]);
    expect(await names({ roundId: created.id, kind: 'tap_the', formId: giayKhen })).toEqual([first.id]);

    // Sorted by name by default (individuals by given name), and by any sort field asked for.
    const page = await app.call('nominations.list', { roundId: created.id, sort: { field: 'kind', direction: 'asc' } });
    expect(page.rows.map((row) => row.kind)).toEqual(['ca_nhan', 'tap_the', 'tap_the']);
    const paged = await app.call('nominations.list', { offset: 1, limit: 2 });
    expect(paged.total).toBe(4);
    expect(paged.rows).toHaveLength(2);
  });
});

describe('closing a round', () => {
  it('freezes its nominations until an admin reopens it', async () => {
    const { app, round, person } = await setup();
    const created = await round();
    const nomination = await app.call('nominations.create', person(created.id));
    const trashed = await app.call('nominations.create', person(created.id, { nomineeName: 'Phạm Văn Út' }));
    await app.call('nominations.trash', { id: trashed.id });

    expect((await apiError(app.call('rounds.close', { id: created.id }, VIEWER))).code).toBe('forbidden');
    const closed = await app.call('rounds.close', { id: created.id }, EDITOR);
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    expect((await apiError(app.call('rounds.close', { id: created.id }))).code).toBe('conflict');
    expect((await app.call('nominations.get', { id: nomination.id })).nomination.roundStatus).toBe('closed');

    const before = { nominations: await app.rows('nominations'), history: await app.rows('nomination_status_changes'), audit: await app.rows('audit_log') };
    // Sent together, as several officers would; each is awaited at once so none is left unhandled while another is checked.
    const frozen = [
      app.call('nominations.create', person(created.id, { nomineeName: 'Võ Thị Sáu' })),
      app.edit('nominations.update', { id: nomination.id, values: person(created.id, { unit: 'Khu phố 9' }) }),
      app.call('nominations.changeStatus', { id: nomination.id, status: 'da_trinh', changedOn: '01/07/2018' }),
      app.call('nominations.trash', { id: nomination.id }),
      app.call('nominations.restore', { id: trashed.id }),
      app.edit('rounds.update', { id: created.id, values: { ...ROUND_2013_2018, authority: 'UBND TP' } }),
    ].map((call) => apiError(call));
    for (const refused of frozen) expect((await refused).code).toBe('conflict');
    expect((await frozen[0]!).message).toContain('đã khóa');
    expect({ nominations: await app.rows('nominations'), history: await app.rows('nomination_status_changes'), audit: await app.rows('audit_log') }).toEqual(before);
    // Reading still works.
    expect((await app.call('rounds.list', { id: created.id })).individuals).toHaveLength(1);

    expect((await apiError(app.call('rounds.reopen', { id: created.id }, EDITOR))).code).toBe('forbidden');
    const reopened = await app.call('rounds.reopen', { id: created.id });
    expect(reopened).toMatchObject({ status: 'open', closedAt: null });
    expect((await apiError(app.call('rounds.reopen', { id: created.id }))).code).toBe('conflict');

    await app.edit('nominations.update', { id: nomination.id, values: person(created.id, { unit: 'Khu phố 9' }) });
    await app.call('nominations.changeStatus', { id: nomination.id, status: 'da_trinh', changedOn: '01/07/2018' });
    await app.call('nominations.create', person(created.id, { nomineeName: 'Võ Thị Sáu' }));
    await app.call('nominations.restore', { id: trashed.id });
    await app.edit('rounds.update', { id: created.id, values: { ...ROUND_2013_2018, authority: 'UBND TP' } });
    expect((await app.call('rounds.all', {}))[0]?.counts.total).toBe(3);
  });
});

describe("the round's list", () => {
  it('gives collectives and individuals separately, sorted, leaving out refused nominations', async () => {
    const { app, round, person, giayKhen, modelWithMembers } = await setup();
    const created = await round();
    const { model } = await modelWithMembers({ name: 'Nhà trọ tự quản số 12 Bà Hom' });
    const collective = (nomineeName: string) => ({ roundId: created.id, kind: 'tap_the' as const, nomineeName, formId: giayKhen });
    await app.call('nominations.create', collective('Tổ xe ôm tự quản chợ Bình Tây'));
    await app.call('nominations.create', { ...collective(model.name), modelId: model.id });
    await app.call('nominations.create', collective('Đội công tác xã hội tình nguyện'));
    await app.call('nominations.create', collective('Chi hội phụ nữ khu phố 2'));
    for (const nomineeName of ['Nguyễn Văn Cường', 'Trần Văn An', 'Lê Thị Bình', 'Đặng Văn Ánh']) await app.call('nominations.create', person(created.id, { nomineeName }));
    const refused = await app.call('nominations.create', person(created.id, { nomineeName: 'Hồ Văn Bảo' }));
    await app.call('nominations.changeStatus', { id: refused.id, status: 'da_trinh', changedOn: '01/07/2018' });
    await app.call('nominations.changeStatus', { id: refused.id, status: 'khong_duyet', changedOn: '15/08/2018' });
    const trashed = await app.call('nominations.create', person(created.id, { nomineeName: 'Bùi Văn Ba' }));
    await app.call('nominations.trash', { id: trashed.id });
    const elsewhere = await round({ name: 'Tổng kết năm 2019', periodFrom: 2019, periodTo: 2019 });
    await app.call('nominations.create', person(elsewhere.id, { nomineeName: 'Mai Văn A' }));

    const list = await app.call('rounds.list', { id: created.id });
    expect(list.round).toMatchObject({ id: created.id, name: created.name });
    expect(list.collectives.map((row) => row.nomineeName)).toEqual([
      'Chi hội phụ nữ khu phố 2',
      'Đội công tác xã hội tình nguyện',
      'Nhà trọ tự quản số 12 Bà Hom',
      'Tổ xe ôm tự quản chợ Bình Tây',
    ]);
    expect(list.individuals.map((row) => row.nomineeName)).toEqual(['Trần Văn An', 'Đặng Văn Ánh', 'Lê Thị Bình', 'Nguyễn Văn Cường']);
    expect(list.individuals.every((row) => row.formName === 'Giấy khen' && row.unit === 'Khu phố 3, Phường Bình Tiên')).toBe(true);
    expect((await apiError(app.call('rounds.list', { id: crypto.randomUUID() }))).code).toBe('not_found');
  });
});

describe("a nominee's history", () => {
  it("gives a model's and its members' nominations across rounds", async () => {
    const { app, round, person, giayKhen, formId, modelWithMembers } = await setup();
    const first = await round();
    const second = await round({ name: 'Tổng kết năm 2019', periodFrom: 2019, periodTo: 2019 });
    const { model, leader, member } = await modelWithMembers();
    const { model: otherModel, leader: otherLeader } = await modelWithMembers({ name: 'Tổ xe ôm tự quản chợ Bình Tây' });
    const ids = [
      await app.call('nominations.create', { roundId: first.id, kind: 'tap_the', modelId: model.id, nomineeName: model.name, formId: giayKhen }),
      await app.call('nominations.create', { roundId: first.id, kind: 'ca_nhan', memberId: leader.id, nomineeName: leader.fullName, formId: giayKhen }),
      await app.call('nominations.create', { roundId: second.id, kind: 'tap_the', modelId: model.id, nomineeName: model.name, formId: formId('Bằng khen') }),
      await app.call('nominations.create', { roundId: second.id, kind: 'ca_nhan', memberId: member.id, nomineeName: member.fullName, formId: giayKhen }),
    ].map((row) => row.id);
    await app.call('nominations.create', { roundId: first.id, kind: 'tap_the', modelId: otherModel.id, nomineeName: otherModel.name, formId: giayKhen });
    await app.call('nominations.create', { roundId: first.id, kind: 'ca_nhan', memberId: otherLeader.id, nomineeName: otherLeader.fullName, formId: giayKhen });
    const typed = await app.call('nominations.create', person(first.id, { nomineeName: 'Nguyễn Văn Bình', birthYear: 1970 }));

    const history = await app.call('nominations.nomineeHistory', { modelId: model.id });
    expect(history.map((row) => row.id).sort()).toEqual([...ids].sort());
    // Latest round first.
    expect(history.slice(0, 2).every((row) => row.roundId === second.id)).toBe(true);

    const leaderHistory = await app.call('nominations.nomineeHistory', { memberId: leader.id });
    expect(leaderHistory.map((row) => row.id)).toEqual([ids[1]]);

    await app.call('nominations.create', person(second.id, { nomineeName: 'NGUYEN VAN BINH', birthYear: 1970, acknowledgedEarlierAward: true }));
    const typedHistory = await app.call('nominations.nomineeHistory', { kind: 'ca_nhan', nomineeName: 'nguyễn văn bình', birthYear: 1970 });
    expect(typedHistory).toHaveLength(2);
    expect(typedHistory[1]?.id).toBe(typed.id);

    await app.call('nominations.trash', { id: ids[0]! });
    expect(await app.call('nominations.nomineeHistory', { modelId: model.id })).toHaveLength(3);
  });
});

describe('trash and restore', () => {
  it('trashes and restores, refusing to restore a nominee nominated again meanwhile', async () => {
    const { app, round, person } = await setup();
    const created = await round();
    const nomination = await app.call('nominations.create', person(created.id));

    const trashed = await app.call('nominations.trash', { id: nomination.id });
    expect(trashed.deletedAt).not.toBeNull();
    expect((await app.call('nominations.list', {})).total).toBe(0);
    expect((await app.call('nominations.list', { trashed: true })).rows.map((row) => row.id)).toEqual([nomination.id]);
    expect((await app.call('nominations.get', { id: nomination.id })).nomination.deletedAt).not.toBeNull();
    expect((await apiError(app.call('nominations.trash', { id: nomination.id }))).code).toBe('conflict');
    expect((await apiError(app.edit('nominations.update', { id: nomination.id, values: person(created.id) }))).code).toBe('not_found');
    expect((await apiError(app.call('nominations.changeStatus', { id: nomination.id, status: 'da_trinh', changedOn: '01/07/2018' }))).code).toBe('not_found');

    const restored = await app.call('nominations.restore', { id: nomination.id });
    expect(restored.deletedAt).toBeNull();
    expect((await apiError(app.call('nominations.restore', { id: nomination.id }))).code).toBe('conflict');

    // Trashed, the nominee may be nominated again; then the old one cannot come back.
    await app.call('nominations.trash', { id: nomination.id });
    const again = await app.call('nominations.create', person(created.id, { nomineeName: 'LÊ VĂN TÁM' }));
    const refused = await apiError(app.call('nominations.restore', { id: nomination.id }));
    expect(refused.code).toBe('conflict');
    expect(refused.fields?.[0]?.field).toBe('nomineeName');
    expect((await app.call('nominations.list', {})).rows.map((row) => row.id)).toEqual([again.id]);
    expect((await apiError(app.call('nominations.trash', { id: crypto.randomUUID() }))).code).toBe('not_found');
  });
});

describe('audit trail', () => {
  it('appends one audit_log row for every write on rounds and nominations', async () => {
    const { app, person } = await setup();
    const audited = async <T>(write: () => Promise<T>): Promise<T> => {
      const before = await app.rows('audit_log');
      const result = await write();
      expect(await app.rows('audit_log')).toBe(before + 1);
      return result;
    };
    const created = await audited(() => app.call('rounds.create', ROUND_2013_2018));
    await audited(() => app.edit('rounds.update', { id: created.id, values: { ...ROUND_2013_2018, authority: 'UBND TP' } }));
    const nomination = await audited(() => app.call('nominations.create', person(created.id), EDITOR));
    await audited(() => app.edit('nominations.update', { id: nomination.id, values: person(created.id, { unit: 'Khu phố 9' }) }));
    await audited(() => app.call('nominations.changeStatus', { id: nomination.id, status: 'da_trinh', changedOn: '01/07/2018' }));
    await audited(() => app.call('nominations.trash', { id: nomination.id }));
    await audited(() => app.call('nominations.restore', { id: nomination.id }));
    await audited(() => app.call('rounds.close', { id: created.id }));
    await audited(() => app.call('rounds.reopen', { id: created.id }));
    const form = await audited(() => app.call('awardForms.create', { name: 'Cờ thi đua' }));
    await audited(() => app.edit('awardForms.update', { id: form.id, values: { name: 'Cờ thi đua của UBND' } }));

    const roundEntries = await app.call('audit.forEntity', { entity: 'round', entityId: created.id });
    expect(roundEntries.map((entry) => entry.action).sort()).toEqual(['close', 'create', 'reopen', 'update']);
    const nominationEntries = await app.call('audit.forEntity', { entity: 'nomination', entityId: nomination.id });
    expect(nominationEntries.map((entry) => entry.action).sort()).toEqual(['create', 'restore', 'status', 'trash', 'update']);
    const [creator] = await app.query(`select user_id as "userId" from audit_log where entity = 'nomination' and action = 'create'`);
    expect(creator).toEqual({ userId: EDITOR.id });
    const update = nominationEntries.find((entry) => entry.action === 'update');
    expect(update?.before).toMatchObject({ unit: 'Khu phố 3, Phường Bình Tiên' });
    expect(update?.after).toMatchObject({ unit: 'Khu phố 9' });
    expect(nominationEntries.find((entry) => entry.action === 'status')?.after).toMatchObject({ status: 'da_trinh' });
    expect((await app.call('audit.forEntity', { entity: 'award_form', entityId: form.id })).map((entry) => entry.action).sort()).toEqual(['create', 'update']);

    // A refused write leaves no row.
    const before = await app.rows('audit_log');
    await apiError(app.call('nominations.create', person(created.id)));
    await apiError(app.call('rounds.create', { ...ROUND_2013_2018, periodTo: 2000 }));
    expect(await app.rows('audit_log')).toBe(before);
  });
});
