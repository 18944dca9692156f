/**
 * The standard "An toàn về an ninh, trật tự" and the movement's 100-point scoring (issue 17 point 3):
 * entries by year with their rules, one a unit a year, the dossier deadlines near today, and what the
 * period report counts of them.
 */
import { describe, expect, it } from 'vitest';
import { dossierDeadlines } from '../../src/main/services/standards';
import { draftText, reportDraft } from '../../src/shared/report-text';
import { movementGrade } from '../../src/shared/standards';
import { apiError, EDITOR, fixtures, openTestApp, VIEWER } from './helpers';

async function setUp() {
  const app = await openTestApp();
  const f = await fixtures(app);
  const binhTien = f.wardId('Phường Bình Tiên');
  const kp3 = await app.call('neighbourhoods.create', { wardId: binhTien, name: 'Khu phố 3' });
  return { app, f, binhTien, kp3 };
}

describe('standards and movement scoring', () => {
  it('keeps who registered, was assessed and met the standard, one entry a unit a year, with clear refusals', async () => {
    const { app, binhTien, kp3 } = await setUp();
    const fields = async (input: Record<string, unknown>) => (await apiError(app.call('standards.create', input as never, EDITOR))).fields?.map((field) => `${field.field}: ${field.message}`);
    expect(await fields({ year: 2018, unitKind: 'khu_pho', wardId: binhTien, result: 'dang_ky' })).toEqual(['neighbourhoodId: Hãy chọn khu phố.']);
    expect(await fields({ year: 2018, unitKind: 'truong_hoc', wardId: binhTien, result: 'dat' })).toEqual([
      'unitName: Hãy nhập tên cơ quan, doanh nghiệp, trường học.',
      'decisionNumber: Đơn vị đạt chuẩn cần số quyết định công nhận.',
    ]);
    expect(await fields({ year: 1999, unitKind: 'phuong', wardId: binhTien, result: 'dang_ky' })).toEqual(['year: Năm phải từ 2000 đến 2100.']);
    expect(await app.rows('security_standards')).toBe(0);

    await app.call('standards.create', { year: 2018, unitKind: 'phuong', wardId: binhTien, result: 'khong_dat' }, EDITOR);
    const street = await app.call('standards.create', { year: '2018', unitKind: 'khu_pho', wardId: binhTien, neighbourhoodId: kp3.id, result: 'dat', decisionNumber: '15/QĐ-UBND', decisionDate: '20/12/2018' }, EDITOR);
    expect(street).toMatchObject({ displayName: 'Khu phố 3, Phường Bình Tiên', decisionDate: '2018-12-20' });
    await app.call('standards.create', { year: 2018, unitKind: 'truong_hoc', wardId: binhTien, unitName: 'Trường THCS Bình Tiên', result: 'dang_ky' }, EDITOR);
    const again = await apiError(app.call('standards.create', { year: 2018, unitKind: 'khu_pho', wardId: binhTien, neighbourhoodId: kp3.id, result: 'dang_ky' }, EDITOR));
    expect(again.message).toBe('Đơn vị này đã có trong danh sách đăng ký tiêu chuẩn năm 2018.');
    // The same khu phố may register again the next year.
    await app.call('standards.create', { year: 2019, unitKind: 'khu_pho', wardId: binhTien, neighbourhoodId: kp3.id, result: 'dang_ky' }, EDITOR);

    expect((await app.call('standards.list', { year: 2018 }, VIEWER)).map((row) => [row.unitKind, row.result])).toEqual([
      ['khu_pho', 'dat'],
      ['phuong', 'khong_dat'],
      ['truong_hoc', 'dang_ky'],
    ]);
    await app.call('standards.trash', { id: street.id }, EDITOR);
    expect((await app.call('standards.list', { year: 2018 })).length).toBe(2);
    expect((await app.call('standards.list', { year: 2018, trashed: true })).map((row) => row.id)).toEqual([street.id]);
    // Restored only while no other entry took its place.
    const replacement = await app.call('standards.create', { year: 2018, unitKind: 'khu_pho', wardId: binhTien, neighbourhoodId: kp3.id, result: 'dang_ky' }, EDITOR);
    expect((await apiError(app.call('standards.restore', { id: street.id }, EDITOR))).message).toBe('Đơn vị này đã có trong danh sách đăng ký tiêu chuẩn năm 2018.');
    await app.call('standards.trash', { id: replacement.id }, EDITOR);
    await app.call('standards.restore', { id: street.id }, EDITOR);
    expect((await apiError(app.call('standards.create', { year: 2018, unitKind: 'phuong', wardId: binhTien, result: 'dat', decisionNumber: '1' }, VIEWER))).code).toBe('forbidden');
  });

  it('grades a 100-point sheet, one a ward or khu phố a year, and shows the dossier deadlines when near', async () => {
    const { app, binhTien, kp3 } = await setUp();
    expect([95, 90, 89.5, 70, 69.9, 50, 49.5, 0].map(movementGrade)).toEqual(['xuat_sac', 'xuat_sac', 'kha', 'kha', 'trung_binh', 'trung_binh', 'yeu', 'yeu']);
    const sheet = await app.call('scores.create', { year: 2026, level: 'khu_pho', wardId: binhTien, neighbourhoodId: kp3.id, score: '87,5', submittedOn: '15/11/2026' }, EDITOR);
    expect(sheet).toMatchObject({ score: 87.5, grade: 'kha', neighbourhoodName: 'Khu phố 3' });
    const wrong = await apiError(app.call('scores.create', { year: 2026, level: 'phuong', wardId: binhTien, score: '101' }, EDITOR));
    expect(wrong.fields?.[0]?.message).toBe('Điểm là số từ 0 đến 100, lẻ đến một chữ số (ví dụ 87,5).');
    expect((await apiError(app.call('scores.create', { year: 2026, level: 'khu_pho', wardId: binhTien, neighbourhoodId: kp3.id, score: 60 }, EDITOR))).message).toBe(
      'Khu phố này đã có phiếu chấm điểm năm 2026: hãy mở phiếu đó để sửa.',
    );
    expect((await app.edit('scores.update', { id: sheet.id, values: { year: 2026, level: 'khu_pho', wardId: binhTien, neighbourhoodId: kp3.id, score: 92 } }, EDITOR)).grade).toBe('xuat_sac');

    const ctx = app.workspace.context();
    const wards = (await app.call('catalogues.get', {})).wards.filter((ward) => ward.active).length;
    expect(await dossierDeadlines(ctx, '2026-10-01')).toEqual([]); // more than 30 days ahead
    expect(await dossierDeadlines(ctx, '2026-11-05')).toEqual([
      { level: 'phuong', due: '2026-11-30', daysLeft: 25, missing: wards, of: wards },
      { level: 'khu_pho', due: '2026-11-20', daysLeft: 15, missing: 0, of: 1 },
    ]);
    expect((await dossierDeadlines(ctx, '2026-11-25')).map((deadline) => deadline.level)).toEqual(['phuong']); // the khu phố one has passed
    await app.call('scores.create', { year: 2026, level: 'phuong', wardId: binhTien, score: 75 }, EDITOR);
    expect((await dossierDeadlines(ctx, '2026-11-25'))[0]).toMatchObject({ missing: wards - 1 });
  });

  it('is counted in the period report of its years, each figure opening its entries', async () => {
    const { app, binhTien, kp3 } = await setUp();
    await app.call('standards.create', { year: 2018, unitKind: 'phuong', wardId: binhTien, result: 'khong_dat' }, EDITOR);
    await app.call('standards.create', { year: 2018, unitKind: 'khu_pho', wardId: binhTien, neighbourhoodId: kp3.id, result: 'dat', decisionNumber: '15/QĐ-UBND' }, EDITOR);
    await app.call('standards.create', { year: 2018, unitKind: 'truong_hoc', wardId: binhTien, unitName: 'Trường THCS Bình Tiên', result: 'dang_ky' }, EDITOR);
    await app.call('standards.create', { year: 2019, unitKind: 'co_quan', wardId: binhTien, unitName: 'Chi cục Thuế', result: 'dat', decisionNumber: '2' }, EDITOR);
    await app.call('scores.create', { year: 2018, level: 'phuong', wardId: binhTien, score: 75 }, EDITOR);
    await app.call('scores.create', { year: 2018, level: 'khu_pho', wardId: binhTien, neighbourhoodId: kp3.id, score: 93 }, EDITOR);

    const figures = await app.call('report.figures', { from: '01/01/2018', to: '31/12/2018' }, VIEWER);
    expect(figures.standards).toEqual([
      { unitKind: 'phuong', registered: 1, assessed: 1, met: 0 },
      { unitKind: 'khu_pho', registered: 1, assessed: 1, met: 1 },
      { unitKind: 'truong_hoc', registered: 1, assessed: 0, met: 0 },
    ]);
    expect(figures.scores.map((level) => [level.level, level.total, level.grades.kha, level.grades.xuat_sac])).toEqual([
      ['phuong', 1, 1, 0],
      ['khu_pho', 1, 0, 1],
    ]);
    const text = draftText(reportDraft(figures));
    expect(text).toContain('Xây dựng tiêu chuẩn “An toàn về an ninh, trật tự”: 1 phường, 1 khu phố, 1 trường học đăng ký; qua kiểm tra, công nhận 1 khu phố đạt chuẩn.');
    expect(text).toContain('Chấm điểm phong trào 1 phường: 1 Khá. Chấm điểm phong trào 1 khu phố: 1 Xuất sắc.');
    const met = await app.call('report.records', { query: { from: '01/01/2018', to: '31/12/2018' }, figure: { figure: 'standards', result: 'dat' } }, VIEWER);
    expect(met.rows.map((row) => [row.title, row.status, row.date])).toEqual([['Khu phố 3', 'dat', '2018']]);
    const excellent = await app.call('report.records', { query: { from: '01/01/2018', to: '31/12/2018' }, figure: { figure: 'scores', grade: 'xuat_sac' } }, VIEWER);
    expect(excellent.rows.map((row) => [row.title, row.score, row.status])).toEqual([['Khu phố 3', 93, 'xuat_sac']]);
    // Both years: the 2019 agency too, and a unit of both years once, by its latest year.
    await app.call('standards.create', { year: 2019, unitKind: 'phuong', wardId: binhTien, result: 'dat', decisionNumber: '7/QĐ-UBND' }, EDITOR);
    await app.call('scores.create', { year: 2019, level: 'phuong', wardId: binhTien, score: 95 }, EDITOR);
    const both = await app.call('report.figures', { from: '01/01/2018', to: '31/12/2019' });
    expect(both.standards.find((entry) => entry.unitKind === 'co_quan')).toEqual({ unitKind: 'co_quan', registered: 1, assessed: 1, met: 1 });
    expect(both.standards.find((entry) => entry.unitKind === 'phuong')).toEqual({ unitKind: 'phuong', registered: 1, assessed: 1, met: 1 });
    expect(both.scores.find((level) => level.level === 'phuong')).toMatchObject({ total: 1, grades: { xuat_sac: 1, kha: 0 } });
  });
});
