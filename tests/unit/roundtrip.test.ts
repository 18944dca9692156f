/**
 * "Export everything, round-trip exactly": both registers, every field filled, exported to .xlsx with
 * every column, and that file once more after LibreOffice has opened and saved it; each file imported
 * into a fresh install gives the same records, field for field (members and latest review included).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportRegister } from '../../src/main/services/exports';
import { allColumnKeys, exportInput } from '../../src/shared/exports';
import type { ImportRegister } from '../../src/shared/imports';
import { fixtures, libreOffice, openTestApp, type TestApp } from './helpers';

type Flat = Record<string, unknown>;

/** Every stored field of every model, keyed "model name › field", members by their name. */
async function modelFields(app: TestApp): Promise<Flat> {
  const flat: Flat = {};
  const { rows } = await app.call('models.list', { limit: 1000 });
  for (const row of rows) {
    const { model, members } = await app.call('models.get', { id: row.id });
    const fields = {
      name: model.name,
      typeName: model.typeName,
      wardName: model.wardName,
      neighbourhoodName: model.neighbourhoodName,
      address: model.address,
      foundedOn: model.foundedOn,
      foundingDecision: model.foundingDecision,
      leaderName: model.leaderName,
      leaderPhone: model.leaderPhone,
      status: model.status,
      note: model.note,
      memberCount: model.memberCount,
      declaredMemberCount: model.declaredMemberCount,
    };
    for (const [field, value] of Object.entries(fields)) flat[`${model.name} › ${field}`] = value;
    for (const member of members) {
      for (const field of ['fullName', 'role', 'phone', 'address'] as const) flat[`${model.name} › thành viên ${member.fullName} › ${field}`] = member[field];
    }
  }
  return flat;
}

/** Every stored field of every individual, and their latest review, keyed "full name › field". */
async function subjectFields(app: TestApp): Promise<Flat> {
  const flat: Flat = {};
  const { rows } = await app.call('subjects.list', { limit: 1000 });
  for (const row of rows) {
    const { subject, reviews } = await app.call('subjects.get', { id: row.id });
    const fields = {
      fullName: subject.fullName,
      alias: subject.alias,
      gender: subject.gender,
      birthDate: subject.birthDate,
      birthYear: subject.birthYear,
      idNumber: subject.idNumber,
      phone: subject.phone,
      permanentAddress: subject.permanentAddress,
      currentAddress: subject.currentAddress,
      wardName: subject.wardName,
      neighbourhoodName: subject.neighbourhoodName,
      categoryName: subject.categoryName,
      reintegrationGroup: subject.reintegrationGroup,
      history: subject.history,
      startDate: subject.startDate,
      plannedEndDate: subject.plannedEndDate,
      decisionNumber: subject.decisionNumber,
      decisionDate: subject.decisionDate,
      decisionIssuer: subject.decisionIssuer,
      helperName: subject.helperName,
      helperOrgName: subject.helperOrgName,
      helperPhone: subject.helperPhone,
      status: subject.status,
      lastReviewOn: subject.lastReviewOn,
    };
    for (const [field, value] of Object.entries(fields)) flat[`${subject.fullName} › ${field}`] = value;
    const latest = reviews[0];
    for (const field of ['reviewedOn', 'period', 'result', 'jobSituation', 'notes', 'reviewer'] as const) flat[`${subject.fullName} › đánh giá gần nhất › ${field}`] = latest?.[field] ?? null;
  }
  return flat;
}

/** The fields that differ (or exist on one side only), as "key: expected -> actual". */
function differences(expected: Flat, actual: Flat): string[] {
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...keys].filter((key) => !Object.is(expected[key] ?? null, actual[key] ?? null)).map((key) => `${key}: ${JSON.stringify(expected[key])} -> ${JSON.stringify(actual[key])}`);
}

/** Fills the source register: every field of one model and one person, and the other forms a field can take. */
async function fillRegisters(app: TestApp) {
  const base = await fixtures(app);
  const binhTien = base.wardId('Phường Bình Tiên');
  const { id: khuPho3 } = await app.call('neighbourhoods.create', { wardId: binhTien, name: 'Khu phố 3' });
  const { id: tinhNguyen } = await app.call('helperOrgs.create', { name: 'Chi hội Cựu chiến binh khu phố 3' });

  const full = await app.call(
    'models.create',
    base.model({
      name: 'Nhà trọ tự quản số 12 Bà Hom',
      neighbourhoodId: khuPho3,
      address: '12 Bà Hom, Khu phố 3',
      foundedOn: '03/2016',
      foundingDecision: '12/QĐ-UBND',
      leaderName: 'Đặng Văn Ướt',
      leaderPhone: '0903123456',
      status: 'tam_ngung',
      declaredMemberCount: '18',
      note: 'Sinh hoạt tối thứ Bảy; "điểm sáng" năm 2023',
    }),
  );
  await app.call('members.create', { modelId: full.id, fullName: 'Đặng Văn Ướt', role: 'Tổ trưởng', phone: '0903123456', address: '12 Bà Hom, Phường Bình Tiên' });
  await app.call('members.create', { modelId: full.id, fullName: 'Nguyễn Thị Quỳnh', role: 'Thành viên', phone: '0281234567', address: '14/2 Hậu Giang' });
  await app.call('members.create', { modelId: full.id, fullName: 'Lê Văn An', role: null, phone: null, address: null });
  await app.call('models.create', base.model({ name: 'Tổ xe ôm tự quản chợ Bình Tây', typeId: base.typeId('Tổ xe ôm tự quản'), foundedOn: '2014', status: 'giai_the', leaderPhone: null }));
  const dated = await app.call('models.create', base.model({ name: 'Tiếng chuông báo trộm Phú Lâm', typeId: base.typeId('Tiếng chuông báo trộm'), wardId: base.wardId('Phường Phú Lâm'), foundedOn: '05/03/2016', declaredMemberCount: 0 }));
  await app.call('members.create', { modelId: dated.id, fullName: 'Trần Văn Bình' });

  const person = await app.call(
    'subjects.create',
    base.subject({
      fullName: 'Nguyễn Thị Bích',
      alias: 'Bích "Bông"',
      gender: 'nu',
      birth: '05/03/1985',
      idNumber: '001085001234',
      phone: '0912345678',
      permanentAddress: '45 Phạm Văn Chí, Phường Bình Tây',
      currentAddress: '12 Bà Hom, Khu phố 3, Phường Bình Tiên',
      wardId: binhTien,
      neighbourhoodId: khuPho3,
      reintegrationGroup: 'B',
      history: 'Năm 2019 bị xử phạt 3 năm tù về tội "Trộm cắp tài sản".\nChấp hành xong án tháng 01/2024.',
      startDate: '01/02/2024',
      plannedEndDate: '31/01/2027',
      decisionNumber: '15/QĐ-UBND',
      decisionDate: '25/01/2024',
      decisionIssuer: 'UBND Phường Bình Tiên',
      helperName: 'Trần Văn Hùng',
      helperOrgId: tinhNguyen,
      helperPhone: '0987654321',
    }),
  );
  await app.call('reviews.create', { subjectId: person.id, reviewedOn: '30/06/2024', period: '6 tháng đầu năm 2024', result: 'chua_tien_bo', jobSituation: 'Chưa có việc làm', notes: 'Còn giao du với bạn xấu', reviewer: 'Trần Văn Hùng' });
  await app.call('reviews.create', { subjectId: person.id, reviewedOn: '20/12/2024', period: '6 tháng cuối năm 2024', result: 'tien_bo', jobSituation: 'Bán hàng ở chợ Bình Tây', notes: 'Chấp hành tốt; tích cực tham gia sinh hoạt khu phố', reviewer: 'Trần Văn Hùng' });
  await app.call('subjects.changeStatus', { id: person.id, status: 'da_tien_bo', changedOn: '25/12/2024', reason: null });
  await app.call(
    'subjects.create',
    base.subject({ fullName: 'Lê Văn Tám', birth: '1990', idNumber: '012345678', categoryId: base.categoryId('Người sau cai nghiện ma túy'), reintegrationGroup: null, history: null, helperOrgId: base.helperOrgId('Công an khu vực') }),
  );
}

/** The catalogue entries of the source that a fresh install lacks, created there by name (the import only matches names). */
async function copyMissingCatalogues(source: TestApp, target: TestApp) {
  const [from, to] = [await source.call('catalogues.get', {}), await target.call('catalogues.get', {})];
  const has = (entries: { name: string }[], name: string) => entries.some((entry) => entry.name === name);
  for (const ward of from.wards) if (!has(to.wards, ward.name)) await target.call('wards.create', { name: ward.name, parentUnit: ward.parentUnit, note: ward.note });
  const wards = (await target.call('catalogues.get', {})).wards;
  for (const neighbourhood of from.neighbourhoods) {
    const wardName = from.wards.find((ward) => ward.id === neighbourhood.wardId)?.name;
    const wardId = wards.find((ward) => ward.name === wardName)?.id as string;
    if (!to.neighbourhoods.some((entry) => entry.name === neighbourhood.name && entry.wardId === wardId)) await target.call('neighbourhoods.create', { wardId, name: neighbourhood.name });
  }
  for (const type of from.modelTypes) if (!has(to.modelTypes, type.name)) await target.call('modelTypes.create', { name: type.name, description: type.description });
  for (const category of from.subjectCategories) if (!has(to.subjectCategories, category.name)) await target.call('subjectCategories.create', { name: category.name, usesGroups: category.usesGroups });
  for (const org of from.helperOrgs) if (!has(to.helperOrgs, org.name)) await target.call('helperOrgs.create', { name: org.name });
}

/** Imports every row of the file as the wizard would, with the mapping it proposes; every row must be new and clean. */
async function importAll(app: TestApp, file: string, register: ImportRegister) {
  const opened = await app.call('imports.open', { file: { path: file } });
  const sheet = opened.sheets[0]?.name as string;
  const layout = await app.call('imports.inspect', { sessionId: opened.sessionId, sheet, register });
  for (let from = 0; ; ) {
    const step = await app.call('imports.analyse', { sessionId: opened.sessionId, sheet, register, mapping: layout.mapping, fixes: {}, skipped: [], from });
    if (step.done >= step.total) break;
    from = step.done;
  }
  const decisions = { sessionId: opened.sessionId, skipped: [], accepted: [], sameAs: [] };
  const preview = await app.call('imports.preview', { ...decisions, show: 'all', offset: 0, limit: 1000 });
  // A member's row says which model row it belongs to; nothing else may be said of a row.
  const warnings = (row: (typeof preview.rows)[number]) => row.warnings.filter((warning) => !/^Thuộc mô hình ở dòng \d+\.$/.test(warning.message));
  const notAdded = preview.rows.filter((row) => row.action !== 'add' || row.problems.length > 0 || warnings(row).length > 0);
  expect(notAdded.map((row) => [row.rowNumber, row.action, row.problems, row.warnings]), `${file}: every row added as it is`).toEqual([]);
  await app.call('imports.commit', decisions);
  return layout;
}

describe('a full export imported into a fresh install', { timeout: 180_000 }, () => {
  it('gives the same records with 0 differing fields, for both registers, as written and after LibreOffice saved the file', async () => {
    const source = await openTestApp();
    await fillRegisters(source);
    const expected = { models: await modelFields(source), subjects: await subjectFields(source) };
    // The records to compare are really filled: every field of the first model and person has a value.
    const filled = (flat: Flat, record: string) => Object.entries(flat).filter(([key, value]) => key.startsWith(`${record} › `) && (value === null || value === ''));
    expect(filled(expected.models, 'Nhà trọ tự quản số 12 Bà Hom').filter(([key]) => !key.includes('Lê Văn An'))).toEqual([]);
    expect(filled(expected.subjects, 'Nguyễn Thị Bích')).toEqual([]);
    expect(expected.models['Nhà trọ tự quản số 12 Bà Hom › foundedOn']).toBe('2016-03');
    expect(expected.models['Tổ xe ôm tự quản chợ Bình Tây › foundedOn']).toBe('2014');

    const ctx = source.workspace.context();
    const lo = join(source.dir, 'lo');
    mkdirSync(lo);
    for (const register of ['models', 'subjects'] as const) {
      const written = join(source.dir, `${register}.xlsx`);
      writeFileSync(written, (await exportRegister(ctx, exportInput.parse({ register, format: 'xlsx', columns: allColumnKeys(register) }))).data);
      const [resaved] = (await libreOffice([written], 'xlsx', lo)) as [string];
      for (const file of [written, resaved]) {
        const fresh = await openTestApp();
        await copyMissingCatalogues(source, fresh);
        const layout = await importAll(fresh, file, register);
        // Every column of the export is recognised by its header (the STT and the listed count are read, not stored).
        expect(
          layout.labels.filter((_label, column) => !layout.mapping[column]),
          `${file}: columns left unmapped`,
        ).toEqual(register === 'models' ? ['Xếp loại gần nhất', 'Năm đánh giá'] : []);
        const actual = register === 'models' ? await modelFields(fresh) : await subjectFields(fresh);
        expect(differences(expected[register], actual), `${file}: differing fields`).toEqual([]);
      }
    }
  });
});
