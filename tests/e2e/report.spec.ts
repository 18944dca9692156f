/**
 * The period report (issue 17) as an officer makes it: figures that follow what is entered, a figure
 * opened to its records, the text edited and kept, printed to PDF with the edit, saved as Word and Excel.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { api, ARTIFACTS, expect, screenshot, test } from './host';

const pdfWords = (file: string) => execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

test('report: the year’s figures follow the registers, open to their records, and print with the officer’s edits', async ({ app }) => {
  await app.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' }).click();
  // A tip entered in the Tin báo register.
  await app.getByRole('link', { name: 'Tin báo', exact: true }).click();
  await app.getByRole('button', { name: 'Thêm mới' }).click();
  const tipDialog = app.getByRole('dialog', { name: 'Thêm tin báo' });
  await tipDialog.getByRole('textbox', { name: 'Ngày nhận tin' }).fill('12/03/2018');
  await tipDialog.getByRole('combobox', { name: 'Phường' }).fill('binh tien');
  await app.getByRole('option', { name: 'Phường Bình Tiên' }).click();
  await tipDialog.getByRole('textbox', { name: 'Nội dung tin' }).fill('Xe lạ đậu lâu trước chợ');
  await tipDialog.getByRole('checkbox', { name: 'Tin có giá trị' }).check();
  await tipDialog.getByRole('button', { name: /^Lưu/ }).click();
  await expect(tipDialog).toBeHidden();

  const openYear2018 = async () => {
    await app.getByRole('link', { name: 'Báo cáo sơ kết, tổng kết' }).click();
    await app.getByRole('combobox', { name: 'Năm', exact: true }).click();
    await app.getByRole('option', { name: '2018', exact: true }).click();
  };
  await openYear2018();
  const figures = app.getByRole('table', { name: 'Số liệu' });
  const body = app.getByRole('textbox', { name: 'Nội dung (mỗi đoạn một dòng)' });
  await expect(figures.getByRole('row', { name: /Tin có giá trị/ })).toContainText('1');
  await expect(body).toHaveValue(/năm 2018, trên toàn địa bàn/);
  await expect(body).toHaveValue(/Trong kỳ chưa ghi nhận buổi sinh hoạt tuyên truyền nào; người dân đã cung cấp 1 tin có liên quan đến an ninh trật tự, trong đó có 1 tin có giá trị\./);

  // A month's sessions entered in the activities register change the report.
  await app.getByRole('link', { name: 'Hoạt động phong trào' }).click();
  await app.getByRole('button', { name: 'Thêm mới' }).click();
  const dialog = app.getByRole('dialog', { name: 'Thêm hoạt động' });
  await dialog.getByRole('textbox', { name: 'Thời gian' }).fill('10/2018');
  await dialog.getByRole('textbox', { name: 'Số buổi' }).fill('12');
  await dialog.getByRole('textbox', { name: 'Số người tham gia' }).fill('3.602');
  await dialog.getByRole('combobox', { name: 'Phường' }).fill('binh tien');
  await app.getByRole('option', { name: 'Phường Bình Tiên' }).click();
  await dialog.getByRole('textbox', { name: 'Chủ đề, nội dung' }).fill('Phòng, chống trộm cắp tài sản');
  await dialog.getByRole('button', { name: /^Lưu/ }).click();
  await expect(dialog).toBeHidden();

  await openYear2018();
  await expect(body).toHaveValue(/Tổ chức 12 buổi với 3\.602 lượt người tham gia sinh hoạt tuyên truyền/);
  await figures.getByRole('button', { name: 'Xem 12 hồ sơ của chỉ tiêu "Buổi sinh hoạt tuyên truyền (lượt người tham gia)"' }).click();
  const records = app.getByRole('dialog', { name: /Hồ sơ của chỉ tiêu/ });
  await expect(records.getByRole('row')).toHaveCount(2);
  await expect(records.getByRole('row').nth(1)).toContainText('10/2018');
  await expect(records.getByRole('row').nth(1)).toContainText('12 buổi, cuộc; 3.602 người');
  await records.getByRole('button', { name: 'Đóng' }).click();
  await expect(records).toBeHidden();

  // The officer's edit stays when the scope changes; the page says the figures moved on.
  await body.press('End');
  await body.pressSequentially('\nĐoạn cán bộ viết thêm về phương hướng quý tới.');
  await app.getByRole('combobox', { name: 'Phường' }).fill('phu lam');
  await app.getByRole('option', { name: 'Phường Phú Lâm' }).click();
  await app.keyboard.press('Escape');
  await expect(app.getByText('Số liệu đã thay đổi theo kỳ hoặc địa bàn mới')).toBeVisible();
  await expect(body).toHaveValue(/Đoạn cán bộ viết thêm về phương hướng quý tới\./);
  await expect(figures.getByRole('row', { name: /Tin người dân cung cấp/ })).toContainText('0');
  await screenshot(app, '90-report');

  // Word and Excel files of the report.
  const docxDownload = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Lưu Word (.docx)' }).click();
  const docx = await docxDownload;
  expect(docx.suggestedFilename()).toBe('Báo cáo năm 2018.docx');
  await docx.saveAs(join(ARTIFACTS, 'bao-cao-nam-2018.docx'));
  const xlsxDownload = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Xuất số liệu Excel' }).click();
  const xlsxFile = join(ARTIFACTS, 'so-lieu-bao-cao-2018.xlsx');
  await (await xlsxDownload).saveAs(xlsxFile);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsxFile);
  const sheet = workbook.getWorksheet('Số liệu báo cáo')!;
  const sessionsRow = sheet.getRows(1, sheet.rowCount)!.find((row) => String(row.getCell(2).value).startsWith('Buổi sinh hoạt'))!;
  // Phú Lâm only now: no sessions there.
  expect(sessionsRow.getCell(3).value).toBe(0);

  // Printed as the officer left it, over all wards again, with the chart of the year's months.
  await app.getByRole('combobox', { name: 'Phường' }).press('Backspace');
  await expect(figures.getByRole('row', { name: /Tin người dân cung cấp/ })).toContainText('1');
  await app.getByRole('button', { name: 'In, lưu PDF' }).click();
  await expect(app.getByTestId('print-pages')).toHaveText(/\d+ trang/);
  await screenshot(app, '91-report-print');
  const downloading = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Lưu PDF' }).click();
  const pdf = join(ARTIFACTS, 'bao-cao-nam-2018.pdf');
  await (await downloading).saveAs(pdf);
  const text = pdfWords(pdf);
  expect(text).toContain('Tổ chức 12 buổi với 3.602 lượt người tham gia sinh hoạt tuyên truyền');
  expect(text).toContain('Đoạn cán bộ viết thêm về phương hướng quý tới.');
  expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  expect(text).toContain('BÁO CÁO');
  expect(text).toContain('Biểu đồ 1. Buổi tuyên truyền, cuộc vận động và tin báo theo tháng');
  expect(text).toContain('10/2018');
});

test('dashboard: a month’s sessions entered make this month’s bar, and the bar opens the month’s activities', async ({ app }) => {
  await app.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' }).click();
  const catalogues = await api(app, 'catalogues.get', {});
  const ward = catalogues.wards.find((entry: { name: string }) => entry.name === 'Phường Bình Tiên');
  const now = new Date();
  const month = `${String(now.getMonth() + 1).padStart(2, '0')}/${now.getFullYear()}`;
  await api(app, 'tips.create', { receivedOn: `01/${month}`, wardId: ward.id, channel: 'zalo', summary: 'Tin trong tháng', valuable: true });
  await app.getByRole('link', { name: 'Tổng quan' }).click();
  const chart = app.getByRole('img', { name: 'Hoạt động và tin báo 12 tháng gần đây' });
  const bars = chart.locator('path[fill="#1c5fa8"]');
  const tallest = async () => Math.max(...(await bars.evaluateAll((paths) => paths.map((path) => path.getBoundingClientRect().height))));
  await expect.poll(() => bars.count()).toBeGreaterThan(1);
  const before = await tallest(); // the legend's mark; the bars are flat

  // A month's sessions entered in the register make this month's bar.
  await app.getByRole('link', { name: 'Hoạt động phong trào' }).click();
  await app.getByRole('button', { name: 'Thêm mới' }).click();
  const dialog = app.getByRole('dialog', { name: 'Thêm hoạt động' });
  await dialog.getByRole('textbox', { name: 'Thời gian' }).fill(month);
  await dialog.getByRole('textbox', { name: 'Số buổi' }).fill('12');
  await dialog.getByRole('textbox', { name: 'Số người tham gia' }).fill('400');
  await dialog.getByRole('combobox', { name: 'Phường' }).fill('binh tien');
  await app.getByRole('option', { name: 'Phường Bình Tiên' }).click();
  await dialog.getByRole('textbox', { name: 'Chủ đề, nội dung' }).fill('Tổng hợp tháng');
  await dialog.getByRole('button', { name: /^Lưu/ }).click();
  await expect(dialog).toBeHidden();
  await app.getByRole('link', { name: 'Tổng quan' }).click();
  await expect(chart.locator('svg')).toBeVisible();
  await screenshot(app, '93-dashboard');
  // The tallest bar of the sessions' colour is this month's: a click opens the activities of that month.
  await expect.poll(tallest).toBeGreaterThan(before + 50);
  const boxes = await bars.evaluateAll((paths) => paths.map((path) => path.getBoundingClientRect()).map((box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2, height: box.height })));
  const bar = boxes.reduce((best, box) => (box.height > best.height ? box : best));
  await app.mouse.click(bar.x, bar.y);
  await expect(app).toHaveURL(/#\/activities\?/);
  await expect(app.getByTestId('activities-totals')).toHaveText('1 dòng: 12 buổi, cuộc với 400 lượt người tham gia.');
  await expect(app.getByRole('textbox', { name: 'Từ ngày' })).toHaveValue(`01/${month}`);
});
