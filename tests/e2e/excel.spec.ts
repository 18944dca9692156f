import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, expect, screenshot, startHost, test } from './host';

test('the models register exports what the officer sees (filter, columns) to .xlsx and CSV', async ({ page, dataDir }) => {
  execFileSync(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', 'demo', '--scale', '1', '--data-dir', dataDir], { stdio: 'pipe' });
  const host = await startHost(dataDir, ['--demo']);
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Mô hình tự quản' }).click();
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
  await host.stop();
});
