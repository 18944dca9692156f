/** The models register through the handler table (createHandlers + handleRequest), so validation and access are covered. */
import { describe, expect, it } from 'vitest';
import type { ModelListQuery } from '../../src/shared/models';
import { compareVietnamese } from '../../src/shared/text';
import { apiError, EDITOR, fixtures, openTestApp, VIEWER, type TestApp } from './helpers';

async function setup() {
  const app = await openTestApp();
  return { app, ...(await fixtures(app)) };
}

/** Names on the first page of a list query. */
async function names(app: TestApp, query: ModelListQuery = {}) {
  const page = await app.call('models.list', query);
  return page.rows.map((row) => row.name);
}

describe('creating models', () => {
  it('refuses invalid input with field messages and writes nothing', async () => {
    const { app, model } = await setup();
    const before = { models: await app.rows('models'), audit: await app.rows('audit_log'), history: await app.rows('model_status_changes') };

    const empty = await apiError(app.call('models.create', model({ name: '   ' })));
    expect(empty.code).toBe('validation');
    expect(empty.fields).toContainEqual({ field: 'name', message: 'Tên mô hình không được để trống.' });
    expect(empty.message).toBe('Dữ liệu chưa hợp lệ: Tên mô hình không được để trống.');

    const noType = await apiError(app.call('models.create', model({ typeId: undefined as unknown as string })));
    expect(noType.fields).toContainEqual({ field: 'typeId', message: 'Vui lòng chọn loại mô hình.' });
    const blankType = await apiError(app.call('models.create', model({ typeId: '' })));
    expect(blankType.fields).toContainEqual({ field: 'typeId', message: 'Vui lòng chọn loại mô hình.' });

    const badDate = await apiError(app.call('models.create', model({ foundedOn: '31/02/2020' })));
    expect(badDate.fields).toContainEqual({ field: 'foundedOn', message: 'Tháng 2 không có ngày 31.' });
    const notADate = await apiError(app.call('models.create', model({ foundedOn: 'mùa xuân 2016' })));
    expect(notADate.fields).toContainEqual({ field: 'foundedOn', message: 'Ngày thành lập phải có dạng ngày/tháng/năm, tháng/năm hoặc năm, ví dụ 25/10/2018, 10/2018 hoặc 2018.' });
    const future = await apiError(app.call('models.create', model({ foundedOn: '01/01/2099' })));
    expect(future.fields).toContainEqual({ field: 'foundedOn', message: 'Ngày thành lập không được sau hôm nay.' });
    const badMonth = await apiError(app.call('models.create', model({ foundedOn: '13/2016' })));
    expect(badMonth.fields?.map((issue) => issue.field)).toEqual(['foundedOn']);
    const badCount = await apiError(app.call('models.create', model({ declaredMemberCount: '-3' })));
    expect(badCount.fields).toContainEqual({ field: 'declaredMemberCount', message: 'Số thành viên theo khai báo không được âm.' });
    const fraction = await apiError(app.call('models.create', model({ declaredMemberCount: '3,5' })));
    expect(fraction.fields).toContainEqual({ field: 'declaredMemberCount', message: 'Số thành viên theo khai báo phải là số nguyên, không có phần lẻ (ví dụ 3 hoặc 3.602).' });

    const badPhone = await apiError(app.call('models.create', model({ leaderPhone: '12345' })));
    expect(badPhone.fields).toContainEqual({ field: 'leaderPhone', message: 'Số điện thoại gồm 8 đến 12 chữ số.' });

    const unknownType = await apiError(app.call('models.create', model({ typeId: crypto.randomUUID() })));
    expect(unknownType.code).toBe('validation');
    expect(unknownType.fields).toContainEqual({ field: 'typeId', message: 'Vui lòng chọn loại mô hình.' });

    expect({ models: await app.rows('models'), audit: await app.rows('audit_log'), history: await app.rows('model_status_changes') }).toEqual(before);
  });

  it('creates, updates and lists a model with cleaned values', async () => {
    const { app, model, typeId } = await setup();
    const created = await app.call('models.create', model({ name: '  Nhà trọ tự quản   số 12 Bà Hom '.normalize('NFD') }));
    expect(created).toMatchObject({
      name: 'Nhà trọ tự quản số 12 Bà Hom',
      typeName: 'Nhà trọ tự quản',
      wardName: 'Phường Bình Tiên',
      foundedOn: '2018-10-25',
      leaderPhone: '0903123456',
      status: 'hoat_dong',
      memberCount: 0,
      latestRating: null,
      deletedAt: null,
    });
    expect(created.name).toBe(created.name.normalize('NFC'));

    const updated = await app.edit('models.update', {
      id: created.id,
      values: model({ name: 'Tổ xe ôm tự quản chợ Bình Tây', typeId: typeId('Tổ xe ôm tự quản'), leaderPhone: '' }),
    });
    expect(updated).toMatchObject({ name: 'Tổ xe ôm tự quản chợ Bình Tây', typeName: 'Tổ xe ôm tự quản', leaderPhone: null });

    const page = await app.call('models.list', {});
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({ id: created.id, name: 'Tổ xe ôm tự quản chợ Bình Tây' });
    expect((await app.call('models.get', { id: created.id })).model.name).toBe('Tổ xe ôm tự quản chợ Bình Tây');
  });

  it('keeps the founding date to the precision typed and the declared member count beside the listed members', async () => {
    const { app, model } = await setup();
    const year = await app.call('models.create', model({ name: 'Tổ A', foundedOn: '2014', declaredMemberCount: '18' }));
    const month = await app.call('models.create', model({ name: 'Tổ B', foundedOn: '03/2016', declaredMemberCount: 20 }));
    const day = await app.call('models.create', model({ name: 'Tổ C', foundedOn: '05/03/2016', declaredMemberCount: '' }));
    expect([year, month, day].map((row) => [row.foundedOn, row.declaredMemberCount, row.memberCount])).toEqual([
      ['2014', 18, 0],
      ['2016-03', 20, 0],
      ['2016-03-05', null, 0],
    ]);
    await app.call('members.create', { modelId: year.id, fullName: 'Lê Văn Cường' });
    const detail = await app.call('models.get', { id: year.id });
    expect([detail.model.memberCount, detail.model.declaredMemberCount]).toEqual([1, 18]);
    // Text order is time order: a year alone before the dates within it.
    const sorted = await app.call('models.list', { sort: { field: 'foundedOn', direction: 'asc' } });
    expect(sorted.rows.map((row) => row.name)).toEqual(['Tổ A', 'Tổ B', 'Tổ C']);
    const updated = await app.edit('models.update', { id: day.id, values: model({ name: 'Tổ C', foundedOn: '2016-03', declaredMemberCount: null }) });
    expect([updated.foundedOn, updated.declaredMemberCount]).toEqual(['2016-03', null]);
  });

  it('answers not_found for an unknown id and validation for a malformed one', async () => {
    const { app } = await setup();
    expect((await apiError(app.call('models.get', { id: crypto.randomUUID() }))).code).toBe('not_found');
    expect((await apiError(app.call('models.get', { id: 'abc' }))).code).toBe('validation');
  });
});

describe('searching, filtering, sorting and paging', () => {
  it('finds models without accents, in any normal form, by leader name', async () => {
    const { app, model, typeId } = await setup();
    await app.call('models.create', model());
    await app.call('models.create', model({ name: 'Tổ xe ôm tự quản bến xe Chợ Lớn', typeId: typeId('Tổ xe ôm tự quản'), leaderName: 'Trần Thị Lan', address: null }));

    expect(await names(app, { search: 'nha tro tu quan' })).toEqual(['Nhà trọ tự quản số 12 Bà Hom']);
    expect(await names(app, { search: 'NHÀ TRỌ TỰ QUẢN'.normalize('NFD') })).toEqual(['Nhà trọ tự quản số 12 Bà Hom']);
    expect(await names(app, { search: 'Bà Hom'.normalize('NFD') })).toEqual(['Nhà trọ tự quản số 12 Bà Hom']);
    expect(await names(app, { search: 'nguyen van binh' })).toEqual(['Nhà trọ tự quản số 12 Bà Hom']);
    expect(await names(app, { search: 'binh  nguyen' })).toEqual(['Nhà trọ tự quản số 12 Bà Hom']);
    expect(await names(app, { search: 'tran thi lan' })).toEqual(['Tổ xe ôm tự quản bến xe Chợ Lớn']);
    expect(await names(app, { search: 'tu quan' })).toHaveLength(2);
    expect(await names(app, { search: 'cho lon nguyen' })).toEqual([]);
    expect(await names(app, { search: '100%' })).toEqual([]); // LIKE wildcards are escaped
    expect(await names(app, { search: '_' })).toEqual([]);
  });

  it('filters by type, ward and status', async () => {
    const { app, model, typeId, wardId } = await setup();
    await app.call('models.create', model({ name: 'A' }));
    await app.call('models.create', model({ name: 'B', typeId: typeId('Tiếng chuông báo trộm') }));
    await app.call('models.create', model({ name: 'C', wardId: wardId('Phường Phú Lâm'), status: 'tam_ngung' }));

    expect(await names(app, { typeId: typeId('Tiếng chuông báo trộm') })).toEqual(['B']);
    expect(await names(app, { wardId: wardId('Phường Phú Lâm') })).toEqual(['C']);
    expect(await names(app, { status: 'tam_ngung' })).toEqual(['C']);
    expect(await names(app, { typeId: typeId('Nhà trọ tự quản'), status: 'hoat_dong' })).toEqual(['A']);
  });

  it('sorts names in Vietnamese order and pages with a total', async () => {
    const { app, model } = await setup();
    const expected = ['An Phú', 'Ăn uống', 'Ấp Chiến Lược', 'Dân phòng', 'Đội tuần tra', 'Em Nhỏ', 'Tổ 2', 'Tổ 10'];
    for (const name of [...expected].reverse()) await app.call('models.create', model({ name }));
    expect([...expected].sort(compareVietnamese)).toEqual(expected);

    expect(await names(app)).toEqual(expected);
    expect(await names(app, { sort: { field: 'name', direction: 'desc' } })).toEqual([...expected].reverse());

    const pages = [];
    for (let offset = 0; offset < expected.length; offset += 3) {
      const page = await app.call('models.list', { offset, limit: 3 });
      expect(page.total).toBe(expected.length);
      pages.push(...page.rows.map((row) => row.name));
    }
    expect(pages).toEqual(expected);
    expect((await app.call('models.list', { offset: 6, limit: 3 })).rows).toHaveLength(2);
    expect((await app.call('models.list', { offset: 100 })).rows).toEqual([]);
  });

  it('counts by type, ward and status, with members, under the same filter', async () => {
    const { app, model, typeId, wardId } = await setup();
    const first = await app.call('models.create', model({ name: 'Nhà trọ 1' }));
    await app.call('models.create', model({ name: 'Nhà trọ 2', wardId: wardId('Phường Phú Lâm'), status: 'giai_the' }));
    await app.call('models.create', model({ name: 'Chuông 1', typeId: typeId('Tiếng chuông báo trộm'), leaderName: 'Lê Thị Hoa' }));
    for (const fullName of ['Nguyễn Văn An', 'Trần Thị Bình']) await app.call('members.create', { modelId: first.id, fullName });

    const counts = await app.call('models.counts', {});
    expect(counts.total).toBe(3);
    expect(counts.members).toBe(2);
    expect(counts.byType).toEqual([
      { id: typeId('Nhà trọ tự quản'), name: 'Nhà trọ tự quản', count: 2 },
      { id: typeId('Tiếng chuông báo trộm'), name: 'Tiếng chuông báo trộm', count: 1 },
    ]);
    expect(counts.byWard).toEqual([
      { id: wardId('Phường Bình Tiên'), name: 'Phường Bình Tiên', count: 2 },
      { id: wardId('Phường Phú Lâm'), name: 'Phường Phú Lâm', count: 1 },
    ]);
    expect(counts.byStatus).toEqual(
      expect.arrayContaining([
        { status: 'hoat_dong', count: 2 },
        { status: 'giai_the', count: 1 },
      ]),
    );
    expect(counts.byStatus).toHaveLength(2);

    const filtered = await app.call('models.counts', { search: 'nguyen van binh' });
    expect(filtered.total).toBe(2);
    expect(filtered.members).toBe(2);
  });
});

describe('members, evaluations and status', () => {
  it('keeps memberCount in step as members are added, changed and removed', async () => {
    const { app, model } = await setup();
    const created = await app.call('models.create', model());
    const members = [];
    for (const fullName of ['Lê Văn Bình', 'Nguyễn Văn An', 'Trần Thị Bình']) {
      members.push(await app.call('members.create', { modelId: created.id, fullName, role: 'Tổ viên', phone: '0903 000 111' }));
    }
    expect(members[0]).toMatchObject({ fullName: 'Lê Văn Bình', phone: '0903000111' });
    let detail = await app.call('models.get', { id: created.id });
    expect(detail.model.memberCount).toBe(3);
    expect(detail.members.map((member) => member.fullName)).toEqual(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Bình']);

    await app.edit('members.update', { id: members[0]!.id, values: { modelId: created.id, fullName: 'Lê Văn Anh', role: 'Tổ phó' } });
    await app.call('members.remove', { id: members[1]!.id });
    detail = await app.call('models.get', { id: created.id });
    expect(detail.model.memberCount).toBe(2);
    expect(detail.members.map((member) => member.fullName)).toEqual(['Lê Văn Anh', 'Trần Thị Bình']);
    expect((await app.call('models.list', {})).rows[0]?.memberCount).toBe(2);

    expect((await apiError(app.call('members.remove', { id: members[1]!.id }))).code).toBe('not_found');
    expect((await apiError(app.call('members.create', { modelId: created.id, fullName: '' }))).fields).toContainEqual({
      field: 'fullName',
      message: 'Họ và tên không được để trống.',
    });
  });

  it('keeps one evaluation per year', async () => {
    const { app, model } = await setup();
    const created = await app.call('models.create', model());
    const evaluation = await app.call('evaluations.create', { modelId: created.id, year: 2022, rating: 'tot', tipsPassed: 4 });
    expect((await app.call('models.list', {})).rows[0]).toMatchObject({ latestRating: 'tot', latestRatingYear: 2022 });

    const duplicate = await apiError(app.call('evaluations.create', { modelId: created.id, year: 2022, rating: 'kha' }));
    expect(duplicate.code).toBe('conflict');
    expect(duplicate.fields?.[0]?.field).toBe('year');

    await app.edit('evaluations.update', { id: evaluation.id, values: { modelId: created.id, year: 2023, rating: 'kha' } });
    const second = await app.call('evaluations.create', { modelId: created.id, year: 2022, rating: 'trung_binh' });
    expect((await apiError(app.edit('evaluations.update', { id: second.id, values: { modelId: created.id, year: 2023, rating: 'yeu' } }))).code).toBe('conflict');
    expect((await app.call('models.list', {})).rows[0]).toMatchObject({ latestRating: 'kha', latestRatingYear: 2023 });

    await app.call('evaluations.remove', { id: evaluation.id });
    expect((await app.call('models.get', { id: created.id })).evaluations.map((row) => row.year)).toEqual([2022]);
    await app.call('evaluations.create', { modelId: created.id, year: 2023, rating: 'tot' }); // the removed year is free again

    const future = await apiError(app.call('evaluations.create', { modelId: created.id, year: new Date().getFullYear() + 1, rating: 'tot' }));
    expect(future.fields).toContainEqual({ field: 'year', message: 'Năm đánh giá không được sau năm hiện tại.' });
  });

  it('records status changes and refuses the status the model already has', async () => {
    const { app, model } = await setup();
    const created = await app.call('models.create', model());
    const changed = await app.call('models.changeStatus', { id: created.id, status: 'tam_ngung', changedOn: '01/03/2024', reason: 'Tổ trưởng chuyển nơi ở' });
    expect(changed.status).toBe('tam_ngung');

    const { statusChanges } = await app.call('models.get', { id: created.id });
    expect(statusChanges.map(({ fromStatus, toStatus, changedOn, reason }) => ({ fromStatus, toStatus, changedOn, reason }))).toEqual([
      { fromStatus: 'hoat_dong', toStatus: 'tam_ngung', changedOn: '2024-03-01', reason: 'Tổ trưởng chuyển nơi ở' },
      { fromStatus: null, toStatus: 'hoat_dong', changedOn: '2018-10-25', reason: 'Thêm mới' },
    ]);

    const same = await apiError(app.call('models.changeStatus', { id: created.id, status: 'tam_ngung', changedOn: '02/03/2024' }));
    expect(same.fields?.[0]?.field).toBe('status');
    const noDate = await apiError(app.call('models.changeStatus', { id: created.id, status: 'hoat_dong' }));
    expect(noDate.fields).toContainEqual({ field: 'changedOn', message: 'Vui lòng nhập ngày thay đổi.' });
    expect((await app.call('models.get', { id: created.id })).statusChanges).toHaveLength(2);
  });
});

describe('trash', () => {
  it('hides trashed models, shows them with trashed: true, and restores them', async () => {
    const { app, model } = await setup();
    const created = await app.call('models.create', model());
    await app.call('models.create', model({ name: 'Còn lại' }));

    const trashed = await app.call('models.trash', { id: created.id });
    expect(trashed.deletedAt).not.toBeNull();
    expect(await names(app)).toEqual(['Còn lại']);
    expect(await names(app, { trashed: true })).toEqual(['Nhà trọ tự quản số 12 Bà Hom']);
    expect((await app.call('app.info', {})).counts).toMatchObject({ models: 1, trashedModels: 1 });
    expect((await apiError(app.call('models.trash', { id: created.id }))).code).toBe('conflict');
    expect((await apiError(app.call('members.create', { modelId: created.id, fullName: 'Võ Văn Tài' }))).code).toBe('not_found');

    await app.call('models.restore', { id: created.id });
    expect(await names(app)).toEqual(['Còn lại', 'Nhà trọ tự quản số 12 Bà Hom']);
    expect((await apiError(app.call('models.restore', { id: created.id }))).code).toBe('conflict');
  });
});

describe('audit trail', () => {
  it('appends one audit_log row for every write', async () => {
    const { app, model } = await setup();
    const audited = async <T>(write: () => Promise<T>): Promise<T> => {
      const before = await app.rows('audit_log');
      const result = await write();
      expect(await app.rows('audit_log')).toBe(before + 1);
      return result;
    };
    const created = await audited(() => app.call('models.create', model()));
    await audited(() => app.edit('models.update', { id: created.id, values: model({ note: 'Sinh hoạt hằng tháng' }) }));
    await audited(() => app.call('models.changeStatus', { id: created.id, status: 'tam_ngung', changedOn: '01/03/2024' }));
    await audited(() => app.call('models.trash', { id: created.id }));
    await audited(() => app.call('models.restore', { id: created.id }));
    const member = await audited(() => app.call('members.create', { modelId: created.id, fullName: 'Nguyễn Văn An' }));
    await audited(() => app.edit('members.update', { id: member.id, values: { modelId: created.id, fullName: 'Nguyễn Văn Ân' } }));
    await audited(() => app.call('members.remove', { id: member.id }));
    const evaluation = await audited(() => app.call('evaluations.create', { modelId: created.id, year: 2022, rating: 'tot' }));
    await audited(() => app.edit('evaluations.update', { id: evaluation.id, values: { modelId: created.id, year: 2022, rating: 'kha' } }));
    await audited(() => app.call('evaluations.remove', { id: evaluation.id }));
    const type = await audited(() => app.call('modelTypes.create', { name: 'Tổ bảo vệ dân phố' }));
    await audited(() => app.edit('modelTypes.update', { id: type.id, values: { name: 'Tổ bảo vệ dân phố kiểu mẫu' } }));
    const ward = await audited(() => app.call('wards.create', { name: 'Phường Chợ Lớn' }));
    await audited(() => app.call('neighbourhoods.create', { wardId: ward.id, name: 'Khu phố 1' }));

    const entries = await app.call('audit.forEntity', { entity: 'model', entityId: created.id });
    expect(entries.map((entry) => entry.action).sort()).toEqual(['create', 'restore', 'status', 'trash', 'update']);
    expect(entries.every((entry) => entry.userName === 'Quản trị' && entry.entityId === created.id)).toBe(true);
    const update = entries.find((entry) => entry.action === 'update');
    expect(update?.before).toMatchObject({ note: null });
    expect(update?.after).toMatchObject({ note: 'Sinh hoạt hằng tháng' });
    expect((await app.call('audit.forEntity', { entity: 'member', entityId: member.id })).map((entry) => entry.action).sort()).toEqual(['create', 'trash', 'update']);
  });

  it('writes no audit row for a refused write', async () => {
    const { app, model } = await setup();
    const created = await app.call('models.create', model());
    const before = await app.rows('audit_log');
    await apiError(app.call('models.restore', { id: created.id }));
    await apiError(app.call('models.changeStatus', { id: created.id, status: 'hoat_dong', changedOn: '01/01/2024' }));
    expect(await app.rows('audit_log')).toBe(before);
  });
});

describe('catalogues', () => {
  it('refuses duplicate names, ignoring accents and case', async () => {
    const { app, typeId, wardId } = await setup();
    const created = await app.call('modelTypes.create', { name: 'Tổ bảo vệ dân phố' });
    expect((await apiError(app.call('modelTypes.create', { name: 'to bao ve dan pho' }))).code).toBe('conflict');
    expect((await apiError(app.call('modelTypes.create', { name: 'NHÀ TRỌ TỰ QUẢN' }))).fields).toContainEqual({ field: 'name', message: 'Tên loại mô hình này đã có.' });
    expect((await apiError(app.edit('modelTypes.update', { id: created.id, values: { name: 'Nha tro tu quan' } }))).code).toBe('conflict');
    await app.edit('modelTypes.update', { id: created.id, values: { name: 'TỔ BẢO VỆ DÂN PHỐ' } }); // its own name, in capitals
    expect((await apiError(app.edit('modelTypes.update', { id: typeId('Nhà trọ tự quản'), values: { name: 'Tiếng chuông báo trộm' } }))).code).toBe('conflict');

    expect((await apiError(app.call('wards.create', { name: 'phuong binh tien' }))).code).toBe('conflict');
    await app.call('neighbourhoods.create', { wardId: wardId('Phường Bình Tiên'), name: 'Khu phố 1' });
    await app.call('neighbourhoods.create', { wardId: wardId('Phường Phú Lâm'), name: 'Khu phố 1' }); // another ward: allowed
    expect((await apiError(app.call('neighbourhoods.create', { wardId: wardId('Phường Bình Tiên'), name: 'khu pho 1' }))).code).toBe('conflict');
    expect((await app.call('catalogues.get', {})).modelTypes).toHaveLength(6);
  });

  it('renaming a model type or ward updates the models search', async () => {
    const { app, model, typeId, wardId } = await setup();
    await app.call('models.create', model());
    expect(await names(app, { search: 'van minh' })).toEqual([]);
    await app.edit('modelTypes.update', { id: typeId('Nhà trọ tự quản'), values: { name: 'Nhà trọ văn minh' } });
    expect(await names(app, { search: 'văn minh' })).toEqual(['Nhà trọ tự quản số 12 Bà Hom']);
    expect((await app.call('models.list', {})).rows[0]?.typeName).toBe('Nhà trọ văn minh');

    await app.edit('wards.update', { id: wardId('Phường Bình Tiên'), values: { name: 'Phường Bình Tiên Mới', parentUnit: 'TP. Hồ Chí Minh' } });
    expect(await names(app, { search: 'tien moi' })).toEqual(['Nhà trọ tự quản số 12 Bà Hom']);
  });
});

describe('access and dispatch', () => {
  it('lets a viewer read but not write', async () => {
    const { app, model } = await setup();
    const before = await app.rows('models');
    const response = await app.request('models.create', model(), VIEWER);
    expect(response).toEqual({ ok: false, error: { code: 'forbidden', message: 'Tài khoản của bạn không có quyền thực hiện thao tác này.' } });
    expect(await app.rows('models')).toBe(before);
    expect((await app.call('models.list', {}, VIEWER)).total).toBe(0);
    expect((await app.call('catalogues.get', {}, VIEWER)).modelTypes).toHaveLength(5);
  });

  it('lets an editor write records but not catalogues', async () => {
    const { app, model } = await setup();
    await app.call('models.create', model(), EDITOR);
    expect((await apiError(app.call('modelTypes.create', { name: 'Loại mới' }, EDITOR))).code).toBe('forbidden');
  });

  it('answers unknown_method for names outside the contract', async () => {
    const { app } = await setup();
    for (const method of ['models.destroyAll', 'toString', '__proto__', 'constructor']) {
      const response = await app.request(method, {});
      expect(response.ok).toBe(false);
      if (!response.ok) expect(response.error.code).toBe('unknown_method');
    }
  });
});
