/**
 * The period report (issue 17): every figure counted from the records, the draft written as the seed
 * document writes it, the records behind each figure, and the CLI's `report` and `demo --scenario`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateScenario, QUAN6_FIGURES } from '../../src/main/demo';
import { monthlyFigures } from '../../src/main/services/report/monthly';
import type { ReportFigure, ReportFigures, ReportQueryInput } from '../../src/shared/report';
import { draftText, periodLabel, reportDraft } from '../../src/shared/report-text';
import { cli, EDITOR, fixtures, inTurn, libreOffice, openTestApp, tempDir, VIEWER, type TestApp } from './helpers';

/** The seed document's sentences with their figures, exactly as it writes them. */
const DOCUMENT_FIGURES = [
  'Tổ chức 3.602 buổi với 141.174 lượt người tham gia sinh hoạt tuyên truyền phòng, chống tội phạm và tệ nạn xã hội',
  'người dân đã cung cấp 7.149 tin có liên quan đến an ninh trật tự, trong đó có 3.564 tin có giá trị giúp Công an xử lý, giải quyết 724 vụ',
  'Phối hợp giáo dục, giúp đỡ tiến bộ 834 đối tượng các loại',
  '1.279 cuộc vận động nhân dân',
  '74.169',
  '701 cuộc vận động nhân dân tham gia “Chương trình quốc gia phòng, chống ma túy” với 52.433 lượt người tham dự',
  '615 cuộc vận động nhân dân tham gia “Chương trình mục tiêu 3 giảm” với 75.570',
  '19 tập thể, 18 cá nhân',
  '“Đội công tác xã hội tình nguyện”',
  '“Tiếng chuông báo trộm”',
];

async function scenarioApp(): Promise<TestApp> {
  const app = await openTestApp();
  await generateScenario(app.workspace.context(), 'quan6-2013-2018');
  return app;
}

/** Every record behind a figure, page by page. */
async function allRecords(app: TestApp, query: ReportQueryInput, figure: ReportFigure) {
  const rows = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await app.call('report.records', { query, figure, offset, limit: 1000 }, VIEWER);
    rows.push(...page.rows);
    if (rows.length >= page.total) return { total: page.total, rows };
  }
}

const sum = (values: (number | null)[]) => values.reduce<number>((total, value) => total + (value ?? 0), 0);

describe('period report', () => {
  it('counts the scenario to the seed document’s figures, and a year to that year’s smaller share', async () => {
    const app = await scenarioApp();
    const whole = await app.call('report.figures', { from: '01/01/2013', to: '30/09/2018' }, VIEWER);
    expect(whole.sessions).toEqual(QUAN6_FIGURES.sessions);
    expect(whole.tips).toEqual(QUAN6_FIGURES.tips);
    expect(whole.subjects.total).toBe(834);
    expect(whole.campaigns.map(({ name, events, participants }) => ({ programme: name, events, participants }))).toEqual(QUAN6_FIGURES.campaigns);
    expect(whole.awards).toEqual([expect.objectContaining({ name: 'Giấy khen', collectives: 19, individuals: 18 })]);
    expect(whole.models.byType.map((type) => type.name).sort()).toEqual(['Nghiệp đoàn bốc xếp tự quản', 'Nhà trọ tự quản', 'Tiếng chuông báo trộm', 'Tổ xe ôm tự quản', 'Đội công tác xã hội tình nguyện'].sort());

    const text = draftText(reportDraft(whole));
    for (const phrase of DOCUMENT_FIGURES) expect(text).toContain(phrase);
    expect(text).toContain('từ ngày 01/01/2013 đến ngày 30/09/2018');

    // Each year is a smaller share, and the years add up to the whole where records fall in one year only.
    const years = await Promise.all([2013, 2014, 2015, 2016, 2017, 2018].map((year) => app.call('report.figures', { from: `01/01/${year}`, to: year === 2018 ? '30/09/2018' : `31/12/${year}` })));
    for (const year of years) {
      expect(year.sessions.events).toBeGreaterThan(0);
      expect(year.sessions.events).toBeLessThan(3602);
      expect(year.tips.tips).toBeLessThan(7149);
      expect(year.subjects.total).toBeLessThan(834);
    }
    expect(sum(years.map((year) => year.sessions.events))).toBe(3602);
    expect(sum(years.map((year) => year.sessions.participants))).toBe(141_174);
    expect(sum(years.map((year) => year.tips.cases))).toBe(724);
    const year2016 = draftText(reportDraft(years[3] as ReportFigures));
    expect(year2016).toContain('năm 2016');
    expect(year2016).not.toContain('3.602');
    expect(year2016).not.toContain('19 tập thể'); // the 2013–2018 round is not a one-year round
  });

  it('opens each figure to the records behind it, the same records it counts', async () => {
    const app = await scenarioApp();
    const query = { from: '01/01/2017', to: '31/12/2017' };
    const figures = await app.call('report.figures', query, VIEWER);
    const sessions = await allRecords(app, query, { figure: 'sessions' });
    expect(sum(sessions.rows.map((row) => row.events))).toBe(figures.sessions.events);
    expect(sum(sessions.rows.map((row) => row.participants))).toBe(figures.sessions.participants);
    expect(sessions.rows.every((row) => row.register === 'activity' && row.date?.startsWith('2017'))).toBe(true);
    expect((await allRecords(app, query, { figure: 'tips', only: 'valuable' })).total).toBe(figures.tips.valuable);
    const cases = await allRecords(app, query, { figure: 'tips', only: 'cases' });
    expect(cases.total).toBe(figures.tips.cases);
    expect(new Set(cases.rows.map((row) => row.status))).toEqual(new Set(['case']));
    const drugs = figures.campaigns.find((campaign) => campaign.name.includes('ma túy'))!;
    expect(sum((await allRecords(app, query, { figure: 'campaigns', programmeId: drugs.programmeId })).rows.map((row) => row.participants))).toBe(drugs.participants);
    const category = figures.subjects.byCategory[0]!;
    expect((await allRecords(app, query, { figure: 'subjects', categoryId: category.categoryId })).total).toBe(category.count);
    const type = figures.models.byType[0]!;
    const models = await allRecords(app, query, { figure: 'models', typeId: type.typeId });
    expect(models.total).toBe(type.count);
    expect(sum(models.rows.map((row) => row.members))).toBe(type.members);
    const individuals = await allRecords(app, { from: '01/01/2013', to: '30/09/2018' }, { figure: 'awards', kind: 'ca_nhan' });
    expect(individuals.total).toBe(18);
  });

  it('counts by the rules: a month touching the period, the people still helped, the wards chosen, nothing trashed', async () => {
    const app = await openTestApp();
    const f = await fixtures(app);
    const binhTien = f.wardId('Phường Bình Tiên');
    const phuLam = f.wardId('Phường Phú Lâm');
    const { programmes } = await app.call('catalogues.get', {});
    const session = (period: string, wardId: string, events: number, participants: number) =>
      app.call('activities.create', { kind: 'tuyen_truyen', period, events, wardId, topic: 'Phòng chống trộm cắp', participants }, EDITOR);
    await session('09/2018', binhTien, 5, 100); // a month's total touching 15/09 – 31/12
    await session('14/09/2018', binhTien, 1, 40); // the day before: outside
    await session('10/2018', phuLam, 2, 30);
    const trashed = await session('11/2018', binhTien, 9, 900);
    await app.call('activities.trash', { id: trashed.id }, EDITOR);
    await app.call('activities.create', { kind: 'van_dong', period: '12/2018', events: 3, wardId: binhTien, programmeId: programmes[2]!.id, participants: 70 }, EDITOR);
    await app.call('tips.create', { receivedOn: '20/09/2018', wardId: binhTien, channel: 'zalo', summary: 'Tin A', valuable: true, caseHandled: true }, EDITOR);
    await app.call('tips.create', { receivedOn: '01/01/2019', wardId: binhTien, channel: 'zalo', summary: 'Tin năm sau' }, EDITOR);
    const helped = await app.call('subjects.create', f.subject({ fullName: 'Nguyễn Văn Bình', startDate: '01/03/2018' }), EDITOR);
    const ended = await app.call('subjects.create', f.subject({ fullName: 'Trần Văn Cường', startDate: '01/01/2017', idNumber: '079085001235' }), EDITOR);
    await app.call('subjects.changeStatus', { id: ended.id, status: 'da_tien_bo', changedOn: '01/06/2018' }, EDITOR);
    const later = await app.call('subjects.create', f.subject({ fullName: 'Lê Văn Dũng', startDate: '01/02/2017', idNumber: '079085001236' }), EDITOR);
    await app.call('subjects.changeStatus', { id: later.id, status: 'da_tien_bo', changedOn: '01/10/2018' }, EDITOR);

    // A change after the period does not rewrite it: Dũng was still being helped at its end.
    const dung = await app.call('subjects.create', f.subject({ fullName: 'Phạm Văn Dũng', startDate: '01/02/2017', idNumber: '079085001237' }), EDITOR);
    await app.call('subjects.changeStatus', { id: dung.id, status: 'ket_thuc', changedOn: '01/03/2019' }, EDITOR);
    // Ended before the period, taken up again in it.
    const again = await app.call('subjects.create', f.subject({ fullName: 'Võ Văn Em', startDate: '01/01/2016', idNumber: '079085001238' }), EDITOR);
    await app.call('subjects.changeStatus', { id: again.id, status: 'ket_thuc', changedOn: '01/01/2017' }, EDITOR);
    await app.call('subjects.changeStatus', { id: again.id, status: 'dang_giup_do', changedOn: '01/11/2018' }, EDITOR);

    const figures = await app.call('report.figures', { from: '15/09/2018', to: '31/12/2018' }, VIEWER);
    expect(figures.sessions).toEqual({ events: 7, participants: 130 });
    expect(figures.campaigns.find((campaign) => campaign.programmeId === programmes[2]!.id)).toMatchObject({ events: 3, participants: 70 });
    expect(figures.tips).toEqual({ tips: 1, valuable: 1, cases: 1 });
    // Helped in the period: still helped, or ended in it; not the one who ended before it.
    const people = await allRecords(app, { from: '15/09/2018', to: '31/12/2018' }, { figure: 'subjects' });
    expect(people.rows.map((row) => row.id).sort()).toEqual([helped.id, later.id, dung.id, again.id].sort());
    expect(Object.fromEntries(people.rows.map((row) => [row.title, row.status]))).toEqual({
      'Nguyễn Văn Bình': 'dang_giup_do',
      'Lê Văn Dũng': 'da_tien_bo',
      'Phạm Văn Dũng': 'dang_giup_do',
      'Võ Văn Em': 'dang_giup_do',
    });
    expect(figures.subjects.byStatus).toEqual([{ status: 'dang_giup_do', count: 3 }, { status: 'da_tien_bo', count: 1 }]);
    // Not helped in an earlier period when the history says they had ended (Võ Văn Em from 2017 until November 2018).
    const earlier = await allRecords(app, { from: '01/02/2017', to: '30/06/2018' }, { figure: 'subjects' });
    expect(earlier.rows.map((row) => row.title).sort()).toEqual(['Lê Văn Dũng', 'Nguyễn Văn Bình', 'Phạm Văn Dũng', 'Trần Văn Cường'].sort());

    const oneWard = await app.call('report.figures', { from: '15/09/2018', to: '31/12/2018', wardIds: [phuLam] });
    expect(oneWard.wardNames).toEqual(['Phường Phú Lâm']);
    expect(oneWard.sessions).toEqual({ events: 2, participants: 30 });
    expect(oneWard.tips.tips).toBe(0);
    expect(draftText(reportDraft(oneWard))).toContain('trên địa bàn Phường Phú Lâm');
    expect(draftText(reportDraft(oneWard))).toContain('chưa ghi nhận tin báo của nhân dân');
  });

  it('gives the dashboard its months: sessions, campaigns and tips per month, empty months as zero', async () => {
    const app = await openTestApp();
    const f = await fixtures(app);
    const ward = f.wardId('Phường Bình Tiên');
    const { programmes } = await app.call('catalogues.get', {});
    await app.call('activities.create', { kind: 'tuyen_truyen', period: '08/2018', events: 4, wardId: ward, topic: 'Tổng hợp', participants: 120 }, EDITOR);
    await app.call('activities.create', { kind: 'tuyen_truyen', period: '05/10/2018', wardId: ward, topic: 'Một buổi', participants: 30 }, EDITOR);
    await app.call('activities.create', { kind: 'van_dong', period: '10/2018', events: 2, wardId: ward, programmeId: programmes[0]!.id, participants: 80 }, EDITOR);
    await app.call('activities.create', { kind: 'tuyen_truyen', period: '06/2018', events: 9, wardId: ward, topic: 'Trước kỳ', participants: 900 }, EDITOR);
    await app.call('tips.create', { receivedOn: '02/10/2018', wardId: ward, channel: 'zalo', summary: 'Tin', valuable: true }, EDITOR);
    await app.call('tips.create', { receivedOn: '20/10/2018', wardId: ward, channel: 'zalo', summary: 'Tin khác' }, EDITOR);
    expect(await monthlyFigures(app.workspace.context(), { months: 3 }, '2018-10-15')).toEqual([
      { key: '2018-08', sessions: 4, participants: 120, campaigns: 0, tips: 0, valuable: 0 },
      { key: '2018-09', sessions: 0, participants: 0, campaigns: 0, tips: 0, valuable: 0 },
      { key: '2018-10', sessions: 1, participants: 30, campaigns: 2, tips: 2, valuable: 1 },
    ]);
  });

  it('names the period as officers do, and refuses a period that ends before it starts', async () => {
    expect(periodLabel({ from: '2018-07-01', to: '2018-09-30' })).toBe('quý III năm 2018');
    expect(periodLabel({ from: '2017-01-01', to: '2017-12-31' })).toBe('năm 2017');
    expect(periodLabel({ from: '2018-01-01', to: '2018-06-30' })).toBe('6 tháng đầu năm 2018');
    expect(periodLabel({ from: '2013-01-01', to: '2018-09-30' })).toBe('từ ngày 01/01/2013 đến ngày 30/09/2018');
    const app = await openTestApp();
    await expect(app.call('report.figures', { from: '01/10/2018', to: '30/09/2018' })).rejects.toThrow('Ngày kết thúc phải từ ngày bắt đầu trở đi.');
    await expect(app.call('report.figures', { from: '', to: '30/09/2018' })).rejects.toThrow('Hãy nhập từ ngày.');
  });

  // Ten runs of the command line (each a Node process compiling TypeScript) and LibreOffice: longer than a unit test.
  it('CLI: demo --scenario writes the document’s period, and report prints it or writes it for some wards', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const file = join(dir, 'bao-cao.json');
    const [made, printed, written, badWard] = await inTurn([
      () => cli('demo', '--scenario', 'quan6-2013-2018', '--data-dir', dir),
      () => cli('report', '--demo', '--from', '01/01/2013', '--to', '30/09/2018', '--data-dir', dir),
      () => cli('report', '--demo', '--from', '01/07/2018', '--to', '30/09/2018', '--ward', '11', '--ward', 'P.3', '--format', 'json', '--to', file, '--data-dir', dir),
      () => cli('report', '--demo', '--from', '01/01/2018', '--to', '30/09/2018', '--ward', 'Phường 99', '--data-dir', dir),
    ]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain('7.149 tin báo');
    expect(printed.code, printed.stderr).toBe(0);
    for (const phrase of DOCUMENT_FIGURES) expect(printed.stdout).toContain(phrase);
    expect(written.code, written.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { figures: ReportFigures; text: string };
    expect(saved.figures.wardNames).toEqual(['Phường 3', 'Phường 11']);
    expect(saved.figures.sessions.events).toBeGreaterThan(0);
    expect(saved.figures.sessions.events).toBeLessThan(100);
    expect(saved.text).toContain('quý III năm 2018, trên địa bàn Phường 3, Phường 11');
    expect(badWard.code).toBe(2);
    expect(badWard.stderr).toContain('Không có phường "Phường 99" trong danh mục.');

    // The same report as a PDF from the print engine (Tinos embedded) and as a .docx that LibreOffice opens.
    const pdf = join(dir, 'bao-cao.pdf');
    const docx = join(dir, 'bao-cao.docx');
    const [asPdf, asDocx, noFile] = await inTurn([
      () => cli('report', '--demo', '--from', '01/01/2013', '--to', '30/09/2018', '--format', 'pdf', '--to', pdf, '--data-dir', dir),
      () => cli('report', '--demo', '--from', '01/01/2013', '--to', '30/09/2018', '--format', 'docx', '--to', docx, '--data-dir', dir),
      () => cli('report', '--demo', '--from', '01/01/2013', '--to', '30/09/2018', '--format', 'pdf', '--data-dir', dir),
    ]);
    expect(asPdf.code, asPdf.stderr).toBe(0);
    expect(asDocx.code, asDocx.stderr).toBe(0);
    expect(noFile.code).toBe(2);
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    const pdfText = flat(execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }));
    for (const phrase of DOCUMENT_FIGURES) expect(pdfText).toContain(phrase);
    expect(pdfText).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    // The charts after the text: the years of the period, the five model types.
    expect(pdfText).toContain('Biểu đồ 1. Buổi tuyên truyền, cuộc vận động và tin báo theo năm');
    expect(pdfText).toContain('Biểu đồ 2. Mô hình tự quản, tự phòng theo loại');
    expect(pdfText).toMatch(/2013 2014 2015 2016 2017 2018/);
    expect(pdfText).toContain('Tiếng chuông báo trộm');
    expect(execFileSync('pdffonts', [pdf], { encoding: 'utf8' })).toMatch(/Tinos-Regular\s+CID TrueType\s+Identity-H\s+yes/);
    const [converted] = await libreOffice([docx], 'pdf', dir);
    const docxText = flat(execFileSync('pdftotext', ['-raw', converted as string, '-'], { encoding: 'utf8' }));
    for (const phrase of DOCUMENT_FIGURES) expect(docxText).toContain(phrase);
    expect(docxText).toContain('BÁO CÁO');
  });
});
