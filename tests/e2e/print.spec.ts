import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ARTIFACTS, expect, startHost, test } from './host';

/** Runs the CLI to (re)create the demo database of a data dir at a given scale. */
function makeDemo(dataDir: string, scale: number) {
  execFileSync(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', 'demo', '--scale', String(scale), '--data-dir', dataDir], { stdio: 'pipe' });
}

const pdftotext = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
/** Text in content order (cell by cell), with line breaks inside cells folded to spaces. */
const pdfWords = (file: string) => execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const pdfinfo = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });
const pdffonts = (file: string) => execFileSync('pdffonts', [file], { encoding: 'utf8' });

test('the models roster prints as an official A4 landscape document with the serif font embedded', async ({ page, dataDir }) => {
  makeDemo(dataDir, 1);
  const host = await startHost(dataDir, ['--demo']);
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Mô hình tự quản' }).click();
  await page.getByRole('combobox', { name: 'Loại mô hình' }).click();
  await page.getByRole('option', { name: 'Nhà trọ tự quản' }).click();
  await page.getByRole('link', { name: 'In' }).click();
  const document = page.getByTestId('print-document');
  await expect(document).toContainText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  await expect(page.getByText('20 dòng')).toBeVisible();
  await page.screenshot({ path: join(ARTIFACTS, '50-print-preview.png') });

  const file = join(ARTIFACTS, 'danh-sach-mo-hinh.pdf');
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  const info = pdfinfo(file);
  expect(info).toMatch(/Page size:\s+841\.\d+ x 59\d\.\d+ pts \(A4\)/); // A4 landscape: wider than tall
  const fonts = pdffonts(file);
  expect(fonts).toMatch(/Tinos.*yes/); // embedded
  const text = pdftotext(file);
  for (const line of ['CÔNG AN THÀNH PHỐ HỒ CHÍ MINH', 'CÔNG AN PHƯỜNG BÌNH TIÊN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'DANH SÁCH MÔ HÌNH TỰ QUẢN, TỰ PHÒNG', 'TRƯỞNG CÔNG AN PHƯỜNG']) {
    expect(text).toContain(line);
  }
  expect(text).toMatch(/Thành phố Hồ Chí Minh, ngày \d{2} tháng \d{2} năm \d{4}/);
  const names = await document.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(names).toHaveLength(20);
  const words = pdfWords(file);
  for (const name of names) expect(words).toContain(name);
  await host.stop();
});

test('a 2.000-row roster repeats the header row on every page and numbers pages from page 2', async ({ page, dataDir }) => {
  test.setTimeout(120_000);
  makeDemo(dataDir, 20);
  const host = await startHost(dataDir, ['--demo']);
  await page.goto(host.url);
  await page.goto(`${new URL(host.url).origin}/#/print/models?filter=%7B%7D`);
  await expect(page.getByText('2000 dòng')).toBeVisible({ timeout: 60_000 });
  const file = join(ARTIFACTS, 'danh-sach-mo-hinh-2000.pdf');
  await page.pdf({ path: file, preferCSSPageSize: true });
  const pages = Number(/Pages:\s+(\d+)/.exec(pdfinfo(file))?.[1]);
  expect(pages).toBeGreaterThan(20);
  const text = pdftotext(file).split('\f').filter((pageText) => pageText.trim());
  expect(text).toHaveLength(pages);
  text.forEach((pageText, index) => {
    expect(pageText, `header row on page ${index + 1}`).toContain('Tên mô hình');
    if (index > 0) expect(pageText.trimStart().split('\n')[0]?.trim(), `page number on page ${index + 1}`).toBe(String(index + 1));
  });
  expect(text[0]?.trimStart().startsWith('1\n')).toBe(false);
  await host.stop();
});
