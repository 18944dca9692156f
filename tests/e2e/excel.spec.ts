import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, cli, expect, openApp, screenshot, startHost, test } from './host';

test('the models register exports what the officer sees (filter, columns) to .xlsx and CSV', async ({ page, dataDir }) => {
  cli('demo', '--scale', '1', '--data-dir', dataDir);
  const host = await startHost(dataDir, ['--demo']);
  await openApp(page, host);
  await page.getByRole('link', { name: 'Mô hình tự quản' }).click();
  await page.getByRole('button', { name: 'Bộ lọc' }).click();
  await page.getByRole('combobox', { name: 'Loại mô hình' }).click();
  await page.getByRole('option', { name: 'Nhà trọ tự quản' }).click();
  await expect(page.getByTestId('models-count')).toContainText('Hiển thị 20 /');
  const shownNames = await page.locator('.ag-center-cols-container [col-id="name"]').allTextContents();

  await page.getByRole('button', { name: 'Xuất Excel' }).click();
  await screenshot(page, '60-export-menu');
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Bảng tính Excel (.xlsx)' }).click()]);
  expect(xlsx.suggestedFilename()).toMatch(/^danh-sach-mo-hinh-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = join(ARTIFACTS, 'danh-sach-mo-hinh.xlsx');
  await xlsx.saveAs(file);
  await expect(page.getByText(/Đã xuất 20 dòng/)).toBeVisible();

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  const header = sheet?.views[0]?.state === 'frozen' ? (sheet.views[0].ySplit ?? 0) : 0;
  expect(header).toBeGreaterThan(1); // title rows above the header
  const headers = (sheet?.getRow(header).values as unknown[]).slice(1);
  expect(headers.slice(0, 3)).toEqual(['STT', 'Tên mô hình', 'Loại mô hình']);
  expect(headers).not.toContain('Địa chỉ'); // hidden in the grid, so not exported
  const names = Array.from({ length: 20 }, (_value, index) => sheet?.getRow(header + 1 + index).getCell(2).value);
  expect(names.slice(0, shownNames.length)).toEqual(shownNames.map((name) => name.trim()));
  expect(sheet?.getRow(header + 21).getCell(2).value ?? null).toBeNull();

  await page.getByRole('button', { name: 'Xuất Excel' }).click();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /Tệp CSV/ }).click()]);
  const csvFile = join(ARTIFACTS, 'danh-sach-mo-hinh.csv');
  await csv.saveAs(csvFile);
  const text = readFileSync(csvFile, 'utf8');
  expect(text.startsWith('\uFEFFSTT,Tên mô hình,Loại mô hình')).toBe(true);
  expect(text.trimEnd().split('\r\n')).toHaveLength(21);

  // Every column, for moving the records to another computer: one row per member, both member counts.
  await page.getByRole('button', { name: 'Xuất Excel' }).click();
  const [full] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /Bảng tính Excel, đủ mọi cột/ }).click()]);
  const fullFile = join(ARTIFACTS, 'danh-sach-mo-hinh-du-cot.xlsx');
  await full.saveAs(fullFile);
  const fullBook = new ExcelJS.Workbook();
  await fullBook.xlsx.readFile(fullFile);
  const fullSheet = fullBook.worksheets[0];
  const fullHeader = fullSheet?.views[0]?.state === 'frozen' ? (fullSheet.views[0].ySplit ?? 0) : 0;
  const fullHeaders = (fullSheet?.getRow(fullHeader).values as unknown[]).slice(1);
  expect(fullHeaders).toEqual(expect.arrayContaining(['Địa chỉ', 'Số thành viên (theo danh sách)', 'Số thành viên (theo khai báo)', 'Quyết định thành lập', 'Họ và tên thành viên', 'Chức vụ trong mô hình', 'Điện thoại thành viên', 'Địa chỉ thành viên']));
  const listedColumn = fullHeaders.indexOf('Số thành viên (theo danh sách)') + 1;
  const dataRows: ExcelJS.Row[] = [];
  fullSheet?.eachRow((row, rowNumber) => {
    if (rowNumber > fullHeader) dataRows.push(row);
  });
  // The STT is on each model's first row; a model has as many rows as members listed (one when none).
  const firstRows = dataRows.filter((row) => row.getCell(1).value !== null);
  expect(firstRows).toHaveLength(20);
  const expectedRows = firstRows.reduce((sum, row) => sum + Math.max(1, Number(row.getCell(listedColumn).value)), 0);
  expect(dataRows).toHaveLength(expectedRows);
  expect(expectedRows).toBeGreaterThan(20);

  // The printed roster shows the members listed and, where the papers say otherwise, the number declared.
  await page.getByRole('link', { name: 'In', exact: true }).click();
  const document = page.getByTestId('print-document');
  await expect(document).toContainText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  await expect(document.locator('text', { hasText: /^\d+ \(khai báo \d+\)$/ }).first()).toBeVisible();
  await screenshot(page, '61-print-declared-members');
  await host.stop();
});
