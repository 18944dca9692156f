import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { api, ARTIFACTS, cli, expect, openApp, startHost, test } from './host';

/** Runs the CLI to (re)create the demo database of a data dir at a given scale. */
function makeDemo(dataDir: string, scale: number) {
  cli('demo', '--scale', String(scale), '--data-dir', dataDir);
}

const pdftotext = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
/** Text in content order (cell by cell), with line breaks inside cells folded to spaces. */
const pdfWords = (file: string) => execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const pdfinfo = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });
const pdffonts = (file: string) => execFileSync('pdffonts', [file], { encoding: 'utf8' });
const pdfPages = (file: string) => Number(/Pages:\s+(\d+)/.exec(pdfinfo(file))?.[1]);
/** How many sheets the on-screen preview shows. */
const previewPages = async (page: Page) => Number(await page.getByTestId('print-document').getAttribute('data-pages'));

/** "Lưu PDF" on a list's print view: the web host's download, saved among the artifacts. */
async function savePdf(page: Page, name: string): Promise<string> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Lưu PDF' }).click();
  const file = join(ARTIFACTS, name);
  await (await downloading).saveAs(file);
  return file;
}

/** The first STT of each page of a roster PDF: the difference to the next page's is that page's row count. */
function rowsPerPage(file: string): number[] {
  const pages = pdftotext(file).split('\f').filter((pageText) => pageText.trim());
  const firstRows = pages.map((pageText) => Number(/^\s{0,12}(\d+)\s+\S/m.exec(pageText.slice(pageText.indexOf('STT')))?.[1]));
  return firstRows.slice(1, -1).map((first, index) => (firstRows[index + 2] as number) - first);
}

test('the models roster prints as an official A4 landscape document with the serif font embedded', async ({ page, dataDir }) => {
  makeDemo(dataDir, 1);
  const host = await startHost(dataDir, ['--demo']);
  await openApp(page, host);
  await page.getByRole('link', { name: 'Mô hình tự quản' }).click();
  await page.getByRole('button', { name: 'Bộ lọc' }).click();
  await page.getByRole('combobox', { name: 'Loại mô hình' }).click();
  await page.getByRole('option', { name: 'Nhà trọ tự quản' }).click();
  // Sorted on screen by members, most first: the printout keeps that order and says what was filtered.
  await page.getByRole('columnheader', { name: 'Số thành viên' }).click();
  await page.getByRole('columnheader', { name: 'Số thành viên' }).click();
  await expect(page.getByRole('columnheader', { name: 'Số thành viên' })).toHaveAttribute('aria-sort', 'descending');
  await page.getByRole('link', { name: 'In', exact: true }).click();
  const document = page.getByTestId('print-document');
  await expect(document).toContainText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  await expect(page.getByText('20 dòng')).toBeVisible();
  await expect(document).toContainText('Lọc theo: Loại mô hình: Nhà trọ tự quản');
  // The preview shows the sheets as they print: page 2 starts with the header row again, numbered "2".
  const sheet2 = page.getByRole('region', { name: 'Trang 2' });
  await sheet2.scrollIntoViewIfNeeded();
  await expect(sheet2.locator('text').first()).toHaveText('2');
  await expect(sheet2).toContainText('Tên mô hình');
  await page.mouse.wheel(0, -200);
  await page.screenshot({ path: join(ARTIFACTS, '51-print-preview-page-break.png') });
  await page.getByRole('region', { name: 'Trang 1' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, '50-print-preview.png') });

  const file = await savePdf(page, 'danh-sach-mo-hinh.pdf');
  expect(pdfPages(file), 'the PDF has the pages the preview showed').toBe(await previewPages(page));
  expect(pdfinfo(file)).toMatch(/Page size:\s+841\.\d+ x 59\d\.\d+ pts \(A4\)/); // A4 landscape: wider than tall
  expect(pdffonts(file)).toMatch(/Tinos.*yes/); // embedded
  const text = pdftotext(file);
  for (const line of ['CÔNG AN THÀNH PHỐ HỒ CHÍ MINH', 'CÔNG AN PHƯỜNG BÌNH TIÊN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'DANH SÁCH MÔ HÌNH TỰ QUẢN, TỰ PHÒNG', 'TRƯỞNG CÔNG AN PHƯỜNG']) {
    expect(text).toContain(line);
  }
  expect(text).toMatch(/Thành phố Hồ Chí Minh, ngày \d{2} tháng (0[12]|[3-9]|1[012]) năm \d{4}/);
  // The rows in the order of the screen (most members first), every name whole.
  const filter = JSON.parse(new URLSearchParams(page.url().split('?')[1]).get('filter') ?? '{}');
  const listed = await api(page, 'models.list', { ...filter, offset: 0, limit: 100 });
  expect(listed.rows).toHaveLength(20);
  const counts = listed.rows.map((row: { memberCount: number }) => row.memberCount);
  expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
  expect(new Set(counts).size).toBeGreaterThan(1);
  const words = pdfWords(file);
  const positions = listed.rows.map((row: { name: string }) => words.indexOf(row.name));
  expect(positions.every((position: number) => position >= 0), 'every name in the PDF').toBe(true);
  expect(positions).toEqual([...positions].sort((a: number, b: number) => a - b));

  // "In" (and Ctrl+P, from the keyboard) makes the same PDF to print: in a browser it comes as a download to open and print.
  const printing = page.waitForEvent('download');
  await page.keyboard.press('Control+P');
  const printFile = join(ARTIFACTS, 'danh-sach-mo-hinh-in.pdf');
  await (await printing).saveAs(printFile);
  await expect(page.getByText(/Mở tệp và bấm In \(Ctrl\+P\)/)).toBeVisible();
  expect(pdfWords(printFile)).toBe(words);

  // Portrait and 11 pt, chosen on the toolbar: a portrait A4 PDF, and the choice is there the next time.
  await page.getByText('Khổ dọc', { exact: true }).click();
  await page.getByText('11 pt', { exact: true }).click();
  await expect(page.getByRole('region', { name: 'Trang 1' })).toHaveClass(/portrait/);
  const portraitFile = await savePdf(page, 'danh-sach-mo-hinh-doc-11pt.pdf');
  expect(pdfinfo(portraitFile)).toMatch(/Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)/); // A4 portrait
  expect(pdfPages(portraitFile), 'the PDF has the pages the preview showed').toBe(await previewPages(page));
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Khổ dọc' })).toBeChecked();
  await expect(page.getByRole('radio', { name: '11 pt' })).toBeChecked();
  await host.stop();
});

test('a 2.000-row roster: the header row on every page, pages numbered from 2, some 20 rows a page, a preview that stays light', async ({ page, dataDir }) => {
  test.setTimeout(120_000);
  makeDemo(dataDir, 20);
  const host = await startHost(dataDir, ['--demo']);
  await openApp(page, host);
  await page.goto(`${new URL(host.url).origin}/#/print/models?filter=%7B%7D`);
  await expect(page.getByText('2000 dòng')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('print-document')).toBeVisible({ timeout: 60_000 }); // laid out as pages
  const file = await savePdf(page, 'danh-sach-mo-hinh-2000.pdf');
  const pages = pdfPages(file);
  expect(pages).toBeGreaterThan(20);
  expect(pages, 'the PDF has the pages the preview showed').toBe(await previewPages(page));
  await expect(page.getByTestId('print-pages')).toHaveText(`${pages} trang`);
  const text = pdftotext(file).split('\f').filter((pageText) => pageText.trim());
  expect(text).toHaveLength(pages);
  text.forEach((pageText, index) => {
    expect(pageText, `header row on page ${index + 1}`).toContain('Tên mô hình');
    if (index > 0) expect(pageText.trimStart().split('\n')[0]?.trim(), `page number on page ${index + 1}`).toBe(String(index + 1));
  });
  expect(text[0]?.trimStart().startsWith('1\n')).toBe(false);
  // Rows per page, as an officer counts them on paper: every page but the first (heading) and the last (signatures).
  const rows = rowsPerPage(file);
  const mean = rows.reduce((sum, count) => sum + count, 0) / rows.length;
  test.info().annotations.push({ type: 'rows per page', description: `${pages} pages, rows per page ${Math.min(...rows)}–${Math.max(...rows)}, mean ${mean.toFixed(1)}` });
  // Before the columns followed the content: 284 pages, about 7 rows a page (names in 3–4 lines).
  // (A page of the longest names, "Đội công tác xã hội tình nguyện số 103 khu phố 5, Phường Bình Tiên", holds 14.)
  expect(mean, 'rows a landscape page of 12 pt').toBeGreaterThanOrEqual(18);

  // The preview's "go to page" and zoom: page 50 comes into view, drawn; pages far from view are not drawn at all.
  const sheetWidth = async () => (await page.getByRole('region', { name: 'Trang 1', exact: true }).boundingBox())?.width ?? 0;
  const fullWidth = await sheetWidth();
  await page.getByRole('textbox', { name: 'Đến trang…' }).fill('50');
  await page.getByRole('textbox', { name: 'Đến trang…' }).press('Enter');
  await expect(page.getByRole('region', { name: 'Trang 50', exact: true })).toBeInViewport();
  await expect(page.getByRole('region', { name: 'Trang 50', exact: true }).locator('svg')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Trang 50', exact: true })).toContainText('Tên mô hình');
  expect(await page.locator('.printed-sheet svg').count(), 'only the pages near the view are drawn').toBeLessThan(12);
  await page.getByRole('combobox', { name: 'Thu phóng' }).click();
  await page.getByRole('option', { name: '50%' }).click();
  await expect.poll(sheetWidth).toBeLessThan(fullWidth * 0.6);
  await host.stop();
});

test('a 20.000-row roster becomes a PDF of every row, the header on each page (the bench run of the suite: timed, not asserted)', async ({ page, dataDir }) => {
  test.setTimeout(300_000);
  makeDemo(dataDir, 200);
  const host = await startHost(dataDir, ['--demo']);
  await openApp(page, host);
  const opened = Date.now();
  await page.goto(`${new URL(host.url).origin}/#/print/models?filter=%7B%7D`);
  await expect(page.getByText('20000 dòng')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('print-pages')).toHaveText(/^\d+ trang$/, { timeout: 120_000 });
  const laidOut = Date.now();
  const file = await savePdf(page, 'danh-sach-mo-hinh-20000.pdf');
  const pages = pdfPages(file);
  test.info().annotations.push({ type: '20.000 rows', description: `${pages} pages; print view to laid-out pages ${((laidOut - opened) / 1000).toFixed(1)} s, to the PDF ${((Date.now() - opened) / 1000).toFixed(1)} s` });
  expect(pages, 'the PDF has the pages the preview showed').toBe(await previewPages(page));
  const rows = rowsPerPage(file);
  expect(rows.reduce((sum, count) => sum + count, 0) / rows.length).toBeGreaterThanOrEqual(18);
  const last = pdftotext(file).split('\f').filter((pageText) => pageText.trim()).at(-1) ?? '';
  expect(last).toMatch(/^\s*20000\s/m);
  expect(last).toContain('TRƯỞNG CÔNG AN PHƯỜNG');
  // The first and the last page as pictures, to be looked at.
  execFileSync('pdftoppm', ['-r', '70', '-png', '-f', '1', '-l', '1', file, join(ARTIFACTS, '55-roster-20000-first')]);
  execFileSync('pdftoppm', ['-r', '70', '-png', '-f', String(pages), '-l', String(pages), file, join(ARTIFACTS, '56-roster-20000-last')]);
  await host.stop();
});

test('every printable document comes out as a PDF with its title, names and Vietnamese text intact', async ({ page, dataDir }) => {
  test.setTimeout(120_000);
  makeDemo(dataDir, 1);
  const host = await startHost(dataDir, ['--demo']);
  await openApp(page, host);
  const origin = new URL(host.url).origin;
  // A round with the names of the diacritics test, so the PDF shows they survive.
  const catalogues = await api(page, 'catalogues.get', {});
  const model = (await api(page, 'models.list', { limit: 1 })).rows[0];
  const round = await api(page, 'rounds.create', { name: 'Sơ kết 05 năm Chương trình 09', occasion: 'Sơ kết 05 năm thực hiện Chương trình số 09/CTr-BCA-MTTW, giai đoạn 2013–2018', periodFrom: 2013, periodTo: 2018 });
  await api(page, 'nominations.create', { roundId: round.id, kind: 'tap_the', modelId: model.id, nomineeName: model.name, formId: catalogues.awardForms[0].id, achievement: 'Cung cấp 141.174 lượt tin' });
  for (const name of ['Nguyễn Thị Huỳnh Ngọc Quỳnh', 'Đặng Văn Ướt', 'Lê Thị Thanh Thảo']) {
    await api(page, 'nominations.create', { roundId: round.id, kind: 'ca_nhan', nomineeName: name, birthYear: 1975, formId: catalogues.awardForms[0].id });
  }
  // A table row taller than a page: cut between its lines over the pages it needs.
  const achievement = `${'Tham gia tuần tra, phát hiện và báo tin về tội phạm trộm cắp trên địa bàn khu phố. '.repeat(70)}HẾT THÀNH TÍCH.`;
  await api(page, 'nominations.create', { roundId: round.id, kind: 'ca_nhan', nomineeName: 'Trương Văn Dài', birthYear: 1970, formId: catalogues.awardForms[0].id, achievement });
  const person = (await api(page, 'subjects.list', { limit: 1 })).rows[0];
  // A history longer than a page: split between its lines onto the next page, each page numbered.
  const history = `${'Năm 2015 trộm cắp tài sản, bị xử phạt hành chính; tái phạm năm 2016, bị phạt tù 18 tháng. '.repeat(40)}HẾT PHẦN LÝ LỊCH.`;
  const longRecord = await api(page, 'subjects.create', { fullName: 'Lê Thị Thanh Thảo', gender: 'nu', birth: '1990', wardId: catalogues.wards[0].id, categoryId: catalogues.subjectCategories[0].id, startDate: '01/01/2024', history });

  const documents: { route: string; file: string; expect: string[] }[] = [
    { route: `#/print/round?filter=${encodeURIComponent(JSON.stringify({ id: round.id }))}`, file: 'danh-sach-de-nghi-khen-thuong.pdf', expect: ['DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG', 'I. TẬP THỂ (1)', 'II. CÁ NHÂN (4)', 'HẾT THÀNH TÍCH.', model.name, 'Nguyễn Thị Huỳnh Ngọc Quỳnh', 'Đặng Văn Ướt', 'Lê Thị Thanh Thảo', '141.174'] },
    { route: `#/print/model?filter=${encodeURIComponent(JSON.stringify({ id: model.id }))}`, file: 'phieu-mo-hinh.pdf', expect: ['PHIẾU THÔNG TIN MÔ HÌNH TỰ QUẢN', model.name, 'Danh sách thành viên'] },
    { route: `#/print/subject?filter=${encodeURIComponent(JSON.stringify({ id: person.id }))}`, file: 'phieu-doi-tuong.pdf', expect: ['PHIẾU THEO DÕI ĐỐI TƯỢNG', person.fullName, 'Quá trình đánh giá định kỳ'] },
    { route: `#/print/subject?filter=${encodeURIComponent(JSON.stringify({ id: longRecord.id }))}`, file: 'phieu-doi-tuong-ly-lich-dai.pdf', expect: ['Lê Thị Thanh Thảo', 'HẾT PHẦN LÝ LỊCH.', 'Ngày bắt đầu giúp đỡ: 01/01/2024', 'Quá trình đánh giá định kỳ'] },
    { route: '#/print/due?filter=%7B%7D', file: 'danh-sach-den-han.pdf', expect: ['DANH SÁCH ĐỐI TƯỢNG ĐẾN HẠN ĐÁNH GIÁ', 'I. QUÁ HẠN ĐÁNH GIÁ'] },
  ];
  for (const document of documents) {
    await page.goto(`${origin}/${document.route}`);
    await expect(page.getByTestId('print-document')).toBeVisible({ timeout: 30_000 });
    const file = join(ARTIFACTS, document.file);
    await page.pdf({ path: file, preferCSSPageSize: true });
    // The unit's names and the national title each stay on one line, portrait pages too.
    const headerLines = await page.locator('[data-testid="print-document"] .print-header').first().evaluate((header) =>
      Array.from(header.querySelectorAll('.unit-parent, .unit-name, .nation, .motto'), (line) => {
        const range = line.ownerDocument.createRange();
        range.selectNodeContents(line);
        return new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top))).size;
      }),
    );
    expect(headerLines, `${document.file}: header lines`).toEqual([1, 1, 1, 1]);
    // Nothing is taller than its sheet: a long fact or table row is cut between lines, so the PDF has the preview's pages.
    await expect(page.locator('.print-sheet.overfull')).toHaveCount(0);
    expect(pdfPages(file), `${document.file} has the pages the preview showed`).toBe(await previewPages(page));
    const words = pdfWords(file);
    for (const text of document.expect) expect(words, `${document.file} shows "${text}"`).toContain(text);
    expect(pdffonts(file)).toMatch(/Tinos.*yes/);
  }
  // The row too tall for a page: every line once over the pages, each numbered; its title is on the page it starts.
  const roundFile = join(ARTIFACTS, 'danh-sach-de-nghi-khen-thuong.pdf');
  expect(pdfWords(roundFile).split(' ').filter((word) => word === 'tuần')).toHaveLength(70); // once in each of its 70 sentences
  const roundPages = pdftotext(roundFile).split('\f').filter((pageText) => pageText.trim());
  expect(roundPages.length).toBeGreaterThan(2);
  roundPages.slice(1).forEach((pageText, index) => expect(pageText.trimStart().split('\n')[0]?.trim()).toBe(String(index + 2)));
  expect(roundPages.find((pageText) => pageText.includes('II. CÁ NHÂN (4)'))).toContain('Trương Văn Dài');
  // The long history, cut between lines: every sentence once, the next page numbered.
  const longSheet = join(ARTIFACTS, 'phieu-doi-tuong-ly-lich-dai.pdf');
  expect(pdfWords(longSheet).split(' ').filter((word) => word === '2015')).toHaveLength(40); // once in each of its 40 sentences
  const secondPage = pdftotext(longSheet).split('\f')[1] ?? '';
  expect(secondPage.trimStart().split('\n')[0]?.trim()).toBe('2');
  // The individuals roster (a list: its PDF is painted from the laid-out pages) leaves ID numbers out unless the officer chooses that column.
  await page.goto(`${origin}/#/print/subjects?filter=%7B%7D`);
  await expect(page.getByTestId('print-document')).toBeVisible({ timeout: 30_000 });
  const roster = await savePdf(page, 'danh-sach-doi-tuong.pdf');
  for (const text of ['DANH SÁCH ĐỐI TƯỢNG ĐƯỢC GIÁO DỤC, GIÚP ĐỠ TIẾN BỘ', person.fullName]) expect(pdfWords(roster)).toContain(text);
  expect(pdffonts(roster)).toMatch(/Tinos.*yes/);
  const { subject } = await api(page, 'subjects.get', { id: person.id });
  expect(subject.idNumber).toBeTruthy();
  expect(pdfWords(roster)).not.toContain(subject.idNumber);
  await page.getByRole('button', { name: 'Chọn cột' }).click();
  await page.getByRole('checkbox', { name: 'Số CCCD/CMND' }).check();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('print-document')).toContainText(subject.idNumber);
  const withIds = await savePdf(page, 'danh-sach-doi-tuong-co-cccd.pdf');
  expect(pdfWords(withIds)).toContain(subject.idNumber);

  expect(pdfinfo(join(ARTIFACTS, 'phieu-doi-tuong.pdf'))).toMatch(/Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)/); // portrait

  // The due lists' columns are picked and ordered too, for all three tables, and the choice is remembered.
  await page.goto(`${origin}/#/print/due?filter=%7B%7D`);
  const dueDocument = page.getByTestId('print-document');
  await expect(dueDocument.locator('table').first().locator('th')).toContainText(['STT', 'Họ và tên', 'Ngày sinh / Năm sinh', 'Nơi ở hiện nay', 'Đánh giá gần nhất', 'Hạn đánh giá', 'Người được phân công giúp đỡ']);
  await page.getByRole('button', { name: 'Chọn cột' }).click();
  await page.getByRole('checkbox', { name: 'Người được phân công giúp đỡ' }).uncheck();
  await page.getByRole('button', { name: 'Đưa lên Hạn đánh giá / Ngày dự kiến kết thúc' }).click();
  const dueHeaders = ['STT', 'Họ và tên', 'Ngày sinh / Năm sinh', 'Nơi ở hiện nay', 'Hạn đánh giá', 'Đánh giá gần nhất'];
  await expect(dueDocument.locator('table').first().locator('th')).toHaveText(dueHeaders);
  await expect(dueDocument.locator('table').last().locator('th')).toHaveText([...dueHeaders.slice(0, 4), 'Ngày dự kiến kết thúc', 'Đánh giá gần nhất']);
  await page.reload();
  await expect(page.getByTestId('print-document').locator('table').first().locator('th')).toHaveText(dueHeaders);
  await host.stop();
});
