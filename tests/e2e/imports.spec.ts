import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ARTIFACTS, cli, expect, openApp, screenshot, startHost, test } from './host';

type Cell = string | number | null;

const HEADER = ['STT', 'HỌ VÀ TÊN', 'Năm sinh', 'Giới tính', 'Số CCCD', 'Nơi ở hiện nay', 'Phường', 'Diện đối tượng', 'Ngày bắt đầu giúp đỡ'];
const CATEGORY = 'Người chấp hành xong án phạt tù về địa phương';

/** Family names the demo data never uses, so no imported person looks like a demo record. */
const ROSTER: Cell[][] = [
  [1, 'Tạ Minh Khôi', 1986, 'Nam', '079086001101', '14 Bà Hom', 'Phường Bình Tiên', CATEGORY, '05/03/2024'], // row 5
  [2, 'Kiều Thị Ngân', 1991, 'Nữ', '079191001102', '22 Hậu Giang', 'Phường Bình Tây', CATEGORY, '12/04/2024'],
  [3, 'Mạc Văn Thịnh', 1979, 'Nam', '079079001103', '7 Lò Gốm', 'Phường Bình Phú', 'Người sau cai nghiện ma túy', '01/06/2024'],
  [4, 'Châu Ngọc Hân', 1995, 'Nữ', null, '30 Tân Hóa', 'Phường Phú Lâm', CATEGORY, '20/07/2024'], // row 8
  [5, 'Thái Văn Lộc', 1988, 'Nam', '079088001105', '5 Văn Thân', 'Phường Không Có', CATEGORY, '01/08/2024'], // row 9: unknown ward
  [6, 'La Văn Tường', '31/02/1990', 'Nam', '079090001106', '9 Minh Phụng', 'Phường Bình Tiên', CATEGORY, '15/08/2024'], // row 10: no such date
];

/** A roster as officers keep them: unit and title above the header (row 4), the people, a total line. */
async function rosterFile(file: string, rows: Cell[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.addRow(['CÔNG AN PHƯỜNG BÌNH TIÊN']);
  sheet.addRow(['DANH SÁCH ĐỐI TƯỢNG ĐƯỢC GIÁO DỤC, GIÚP ĐỠ']);
  sheet.addRow([]);
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  sheet.addRow(['Tổng cộng', `${rows.length} người`]);
  await workbook.xlsx.writeFile(file);
  return file;
}

const importButton = (page: Page) => page.getByRole('main').getByRole('link', { name: 'Nhập từ Excel' });
const resultFilter = (page: Page) => page.getByRole('group', { name: 'Lọc theo kết quả' });
/** A chip as the officer sees it: its label (the radio under it is drawn hidden). */
const chip = (page: Page, name: string) => resultFilter(page).getByText(name, { exact: true });
const chipRadio = (page: Page, name: string) => resultFilter(page).getByRole('radio', { name, exact: true });
const registerTotal = async (page: Page) => Number((await page.getByTestId('subjects-count').textContent())?.match(/\/ ([\d.]+)/)?.[1]?.replace(/\./g, ''));

/** Step 1 with a file: uploads it and goes on to the mapping. */
async function chooseFile(page: Page, file: string, sheetLabel: string) {
  await expect(page.getByRole('heading', { name: 'Chọn tệp' })).toBeVisible();
  await page.locator('input[type="file"]').setInputFiles(file);
  await expect(page.getByRole('combobox', { name: 'Trang tính' })).toHaveValue(sheetLabel);
}

test('the import wizard: a roster uploaded, mapped, checked, fixed and skipped, committed once, and nothing doubled the second time', async ({ page, dataDir }) => {
  cli('demo', '--scale', '1', '--data-dir', dataDir);
  const roster = await rosterFile(join(dataDir, 'danh-sach-doi-tuong.xlsx'), ROSTER);
  const longRows = Array.from({ length: 5000 }, (_value, index): Cell[] => [index + 1, `Phùng Văn Số ${index + 1}`, 1970 + (index % 30), 'Nam', null, 'x', 'Phường Bình Tiên', CATEGORY, '01/01/2024']);
  const longRoster = await rosterFile(join(dataDir, 'danh-sach-dai.xlsx'), longRows);
  const host = await startHost(dataDir, ['--demo']);
  await openApp(page, host);

  await page.getByRole('link', { name: 'Đối tượng giúp đỡ' }).click();
  await expect(page.getByTestId('subjects-count')).toContainText('Hiển thị');
  const before = await registerTotal(page);
  await importButton(page).click();
  await expect(page).toHaveURL(/#\/import\?register=subjects$/);
  await expect(page.getByRole('radio', { name: 'Đối tượng giáo dục, giúp đỡ' })).toBeChecked();

  // A long file is checked in chunks with progress; "Dừng" leaves the register as it was.
  await chooseFile(page, longRoster, 'Danh sách (5.005 dòng)');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  // A slow server, made deterministic: the first chunk is answered, the second is held until "Dừng" is
  // clicked, so the check is caught half-way on any machine.
  let releaseSecondChunk = () => {};
  const secondChunkReleased = new Promise<void>((resolve) => (releaseSecondChunk = resolve));
  let analyseCalls = 0;
  await page.route('**/api/imports.analyse', async (route) => {
    analyseCalls += 1;
    if (analyseCalls > 1) await secondChunkReleased;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Kiểm tra dữ liệu' }).click();
  await expect(page.getByTestId('import-progress')).toHaveText('Đã kiểm tra 2.000 / 5.000 dòng');
  await expect(page.getByText('Chưa có gì được ghi vào sổ')).toBeVisible();
  await screenshot(page, '72-import-checking');
  await expect.poll(() => analyseCalls, { message: 'the second chunk is being checked (held) when Dừng is clicked' }).toBe(2);
  await page.getByRole('button', { name: 'Dừng' }).click();
  await expect(page.getByText('Đã dừng kiểm tra. Chưa có dữ liệu nào được ghi vào sổ.')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Trang tính' })).toHaveCount(0);
  releaseSecondChunk();
  await page.unrouteAll({ behavior: 'wait' });

  // Step 1: the roster, its sheet.
  await chooseFile(page, roster, 'Danh sách (11 dòng)');
  await screenshot(page, '70-import-choose');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();

  // Step 2: the header found below the title, the columns mapped by their names; a field twice is refused.
  await expect(page.getByText('Dòng tiêu đề: 4')).toBeVisible();
  await expect(page.getByTestId('samples-B')).toHaveText('Tạ Minh Khôi · Kiều Thị Ngân · Mạc Văn Thịnh');
  const fieldOf = (column: string, header: string) => page.getByRole('combobox', { name: `Trường nhập cho cột ${column} (${header})` });
  await expect(fieldOf('B', 'HỌ VÀ TÊN')).toHaveValue('Họ và tên');
  await expect(fieldOf('C', 'Năm sinh')).toHaveValue('Ngày sinh');
  await expect(fieldOf('E', 'Số CCCD')).toHaveValue('Số CCCD/CMND');
  await expect(fieldOf('G', 'Phường')).toHaveValue('Phường');
  await fieldOf('C', 'Năm sinh').click();
  await page.getByRole('option', { name: 'Họ và tên', exact: true }).click();
  await expect(page.getByText('Trường "Họ và tên" đã chọn cho cột B. Mỗi trường chỉ lấy từ một cột.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Kiểm tra dữ liệu' })).toBeDisabled();
  await screenshot(page, '71-import-mapping');
  await fieldOf('C', 'Năm sinh').click();
  await page.getByRole('option', { name: 'Ngày sinh', exact: true }).click();
  await page.getByRole('button', { name: 'Kiểm tra dữ liệu' }).click();

  // Step 4: counts, the total row left out, each row's problems.
  await expect(page.getByRole('heading', { name: 'Xem trước' })).toBeVisible();
  await expect(chip(page, 'Thêm mới: 4')).toBeVisible();
  await expect(chip(page, 'Lỗi: 2')).toBeVisible();
  await expect(page.getByText('Không nhập dòng 11 (dòng tổng cộng): Tổng cộng | 6 người')).toBeVisible();
  const rows = page.getByTestId('import-preview-rows');
  await expect(rows.getByRole('row').filter({ hasText: 'Thái Văn Lộc' })).toContainText('Phường "Phường Không Có" chưa có trong danh mục');
  await expect(rows.getByRole('row').filter({ hasText: 'La Văn Tường' })).toContainText('31/02/1990');
  await screenshot(page, '73-import-preview');

  // The officer fixes the date (the rows are checked again) and skips the unknown ward.
  await chip(page, 'Lỗi: 2').click();
  await expect(rows.getByRole('row')).toHaveCount(3);
  await page.getByRole('button', { name: 'Sửa dòng 10' }).click();
  const fix = page.getByRole('dialog', { name: 'Sửa dòng 10' });
  await fix.getByLabel('Cột C — Năm sinh').fill('28/02/1990');
  await screenshot(page, '74-import-fix');
  await fix.getByRole('button', { name: 'Lưu (Ctrl+S)' }).click();
  await expect(chip(page, 'Thêm mới: 5')).toBeVisible();
  await expect(chipRadio(page, 'Lỗi: 1')).toBeChecked();
  await page.getByRole('button', { name: 'Bỏ qua dòng 9' }).click();
  await expect(chip(page, 'Bỏ qua: 1')).toBeVisible();
  await expect(chip(page, 'Lỗi: 0')).toBeVisible();
  await chip(page, 'Tất cả: 6').click();
  await expect(rows.getByRole('row').filter({ hasText: 'Thái Văn Lộc' })).toContainText('Bỏ qua');
  await screenshot(page, '75-import-decided');

  // One commit, confirmed.
  await page.getByRole('button', { name: 'Nhập 5 dòng' }).click();
  const confirmation = page.getByRole('dialog', { name: 'Nhập vào sổ Đối tượng giáo dục, giúp đỡ?' });
  await expect(confirmation).toContainText('Thêm mới 5 và cập nhật 0 hồ sơ; 1 dòng còn lại không ghi');
  // Written in short steps: what was written stays if it stops, and the whole import can be undone.
  await expect(confirmation).toContainText('Dữ liệu được ghi theo từng đợt ngắn để người khác vẫn lưu được trong lúc nhập. Nếu việc nhập dừng giữa chừng, các dòng đã ghi được giữ lại, và có thể hoàn tác cả lần nhập bằng nút "Hoàn tác lần nhập".');
  await expect(confirmation).toHaveCSS('opacity', '1');
  await screenshot(page, '76-import-confirm');
  await confirmation.getByRole('button', { name: 'Nhập 5 dòng' }).click();

  // Step 5: the summary, its report.
  await expect(page.getByRole('heading', { name: 'Kết quả' })).toBeVisible();
  await expect(page.getByTestId('import-summary')).toHaveText(/Thêm mới\s*5\s*Cập nhật\s*0\s*Đã có, không đổi\s*0\s*Bỏ qua\s*1/);
  await expect(page.getByRole('row').filter({ hasText: /^9/ })).toContainText('Cán bộ chọn bỏ qua.');
  await screenshot(page, '77-import-summary');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Lưu báo cáo' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^bao-cao-nhap-\d{4}-\d{2}-\d{2}\.csv$/);
  const reportFile = join(ARTIFACTS, 'bao-cao-nhap.csv');
  await download.saveAs(reportFile);
  const report = readFileSync(reportFile, 'utf8').split('\r\n');
  expect(report).toEqual(expect.arrayContaining(['\uFEFFTệp,danh-sach-doi-tuong.xlsx', 'Thêm mới,5', 'Bỏ qua,1', '9,Cán bộ chọn bỏ qua.']));

  // The people are in the register, found by an unaccented search.
  await page.getByRole('link', { name: 'Mở sổ Đối tượng giáo dục, giúp đỡ' }).click();
  await page.getByLabel('Tìm kiếm').fill('ta minh khoi');
  await expect(page.getByRole('gridcell', { name: 'Tạ Minh Khôi' })).toBeVisible();
  await page.getByLabel('Tìm kiếm').fill('la van tuong');
  await expect(page.getByRole('gridcell', { name: 'La Văn Tường' })).toBeVisible();
  await expect(page.getByRole('gridcell', { name: '28/02/1990' })).toBeVisible();
  await screenshot(page, '78-import-found');
  await page.getByLabel('Tìm kiếm').fill('');
  // The five rows committed, none of the long file that was stopped.
  await expect.poll(() => registerTotal(page)).toBe(before + 5);

  // The same file again: the mapping is remembered, every imported row is already there, nothing is added.
  await importButton(page).click();
  await chooseFile(page, roster, 'Danh sách (11 dòng)');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(page.getByText('Dùng lại cách ghép cột đã chọn cho mẫu tệp này.')).toBeVisible();
  await page.getByRole('button', { name: 'Kiểm tra dữ liệu' }).click();
  await expect(chip(page, 'Đã có, không đổi: 4')).toBeVisible();
  await expect(chip(page, 'Thêm mới: 0')).toBeVisible();
  await expect(chip(page, 'Cập nhật: 0')).toBeVisible();
  // The two rows that were fixed or skipped the first time read as they are in the file again.
  await expect(chip(page, 'Lỗi: 2')).toBeVisible();
  await screenshot(page, '79-import-again');
  await page.getByRole('button', { name: 'Nhập 0 dòng' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Nhập 0 dòng' }).click();
  await expect(page.getByTestId('import-summary')).toHaveText(/Thêm mới\s*0\s*Cập nhật\s*0\s*Đã có, không đổi\s*4\s*Bỏ qua\s*2/);
  await host.stop();
});

test('skipping a row another row repeats checks the rows again, and the repeat can be imported instead', async ({ page, dataDir }) => {
  cli('demo', '--scale', '0.1', '--data-dir', dataDir);
  // Row 6 repeats row 5's ID number: the officer knows row 6 is the right one.
  const roster = await rosterFile(join(dataDir, 'trung-cccd.xlsx'), [
    [1, 'Tạ Minh Khoa', 1986, 'Nam', '079086002201', '14 Bà Hom', 'Phường Bình Tiên', CATEGORY, '05/03/2024'],
    [2, 'Tạ Minh Khôi', 1986, 'Nam', '079086002201', '14 Bà Hom', 'Phường Bình Tiên', CATEGORY, '05/03/2024'],
  ]);
  const host = await startHost(dataDir, ['--demo']);
  await openApp(page, host);
  await page.getByRole('navigation').getByRole('link', { name: 'Nhập từ Excel' }).click();
  await page.getByRole('radio', { name: 'Đối tượng giáo dục, giúp đỡ' }).check();
  await chooseFile(page, roster, 'Danh sách (7 dòng)');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('button', { name: 'Kiểm tra dữ liệu' }).click();
  await expect(chip(page, 'Lỗi: 1')).toBeVisible();
  const rows = page.getByTestId('import-preview-rows');
  await expect(rows.getByRole('row').filter({ hasText: 'Tạ Minh Khôi' })).toContainText('Trùng với dòng 5 của tệp');

  await page.getByRole('button', { name: 'Bỏ qua dòng 5' }).click();
  await expect(chip(page, 'Thêm mới: 1')).toBeVisible();
  await expect(chip(page, 'Bỏ qua: 1')).toBeVisible();
  await expect(chip(page, 'Lỗi: 0')).toBeVisible();
  // Taking the skip back checks again: the repeat is refused again.
  await page.getByRole('button', { name: 'Không bỏ qua dòng 5' }).click();
  await expect(chip(page, 'Lỗi: 1')).toBeVisible();
  await page.getByRole('button', { name: 'Bỏ qua dòng 5' }).click();
  await expect(chip(page, 'Thêm mới: 1')).toBeVisible();
  await page.getByRole('button', { name: 'Nhập 1 dòng' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Nhập 1 dòng' }).click();
  await expect(page.getByTestId('import-summary')).toHaveText(/Thêm mới\s*1\s*Cập nhật\s*0\s*Đã có, không đổi\s*0\s*Bỏ qua\s*1/);
  // The officer sees it was the wrong file after all: the import is undone as one, into the Trash.
  await page.getByRole('button', { name: 'Hoàn tác lần nhập' }).click();
  const undo = page.getByRole('dialog', { name: 'Hoàn tác lần nhập này?' });
  await expect(undo).toContainText('1 hồ sơ vừa thêm mới sẽ được chuyển vào Thùng rác');
  await undo.getByRole('button', { name: 'Hoàn tác lần nhập' }).click();
  await expect(page.getByTestId('import-undone')).toHaveText('Đã hoàn tác: 1 hồ sơ vừa nhập đã chuyển vào Thùng rác; 0 mục đã ở Thùng rác hoặc đã bị xóa từ trước; 0 hồ sơ được cập nhật giữ nguyên.');
  await expect(page.getByRole('button', { name: 'Hoàn tác lần nhập' })).toHaveCount(0);
  await screenshot(page, '79-import-undone');
  await page.getByRole('link', { name: 'Mở sổ Đối tượng giáo dục, giúp đỡ' }).click();
  await page.getByLabel('Tìm kiếm').fill('079086002201');
  await expect(page.getByTestId('subjects-count')).toContainText('Hiển thị 0 /');
  await page.getByText('Thùng rác', { exact: true }).click();
  await expect(page.getByRole('gridcell', { name: 'Tạ Minh Khôi' })).toBeVisible();
  await expect(page.getByRole('gridcell', { name: 'Tạ Minh Khoa' })).toHaveCount(0);
  await host.stop();
});

test('a fresh install takes a messy roster: unknown catalogue values asked once, an ID typed wrong imported without it, likely duplicates sent to review', async ({ page, dataDir }) => {
  const roster = await rosterFile(join(dataDir, 'danh-sach-phuong-15.xlsx'), [
    [1, 'Lê Văn Tám', 1980, 'Nam', '079080003301', '12 Bà Hom', 'P15', 'Sau cai nghiện', '01/01/2024'], // row 5
    [2, 'Lê Văn Tám', 1980, 'Nam', null, '12 Bà Hom', 'p.15', 'Sau cai nghiện', '01/03/2024'], // a likely duplicate of row 5
    [3, 'Ngô Thị Hai', 1982, 'Nữ', '79182003302', '3 Tân Hóa', 'Phường 15', CATEGORY, '01/01/2024'], // an ID as text, 11 digits
    [4, 'Vũ Văn Bốn', 1990, 'Nam', '079090003304', '8 Lò Gốm', '15', 'Người chưa thành niên vi phạm', '01/01/2024'],
  ]);
  const host = await startHost(dataDir);
  await openApp(page, host);
  await page.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Nhập từ Excel' }).click();
  await page.getByRole('radio', { name: 'Đối tượng giáo dục, giúp đỡ' }).check();
  await chooseFile(page, roster, 'Danh sách (9 dòng)');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('button', { name: 'Kiểm tra dữ liệu' }).click();

  // Each unknown value once, with its rows; a guess offered, not applied.
  const unknown = page.getByTestId('import-unknown-values');
  await expect(page.getByText('Giá trị chưa có trong danh mục (3)')).toBeVisible();
  await expect(unknown.getByRole('row').filter({ hasText: 'P15' })).toContainText('4');
  await expect(unknown.getByRole('row').filter({ hasText: 'Sau cai nghiện' })).toContainText('Có thể là: Người sau cai nghiện ma túy');
  await expect(chip(page, 'Lỗi: 4')).toBeVisible();
  await screenshot(page, '80-import-unknown-values');

  // The officer takes the guess for the category (typing without accents)...
  const categoryChoice = unknown.getByRole('combobox', { name: 'Cách xử lý Diện đối tượng "Sau cai nghiện"' });
  await categoryChoice.fill('cai nghien');
  await page.getByRole('option', { name: 'Người sau cai nghiện ma túy (gợi ý)' }).click();
  // ...cannot import before applying it...
  await page.getByRole('button', { name: 'Nhập 0 dòng' }).click();
  await expect(page.getByText('Còn lựa chọn ở phần "Giá trị chưa có trong danh mục" chưa áp dụng.', { exact: false })).toBeVisible();
  // ...takes the row with a wrong ID number without it (the wrong ID is not repaired; the rows are checked again, the pick kept)...
  const rows = page.getByTestId('import-preview-rows');
  await expect(rows.getByRole('row').filter({ hasText: 'Ngô Thị Hai' })).toContainText('Số CCCD/CMND có 11 chữ số');
  await expect(page.getByText('Có 1 dòng có số CCCD/CMND sai (sai độ dài hoặc có chữ).')).toBeVisible();
  await page.getByRole('button', { name: 'Nhập cả 1 dòng không có số CCCD' }).click();
  await expect(page.getByText('Có 1 dòng có số CCCD/CMND sai', { exact: false })).toHaveCount(0);
  await expect(categoryChoice).toHaveValue('Người sau cai nghiện ma túy (gợi ý)');
  // ...adds the rest and applies.
  await page.getByRole('button', { name: 'Thêm mới tất cả giá trị chưa chọn (2)' }).click();
  await page.getByRole('button', { name: 'Áp dụng và kiểm tra lại' }).click();
  await expect(chip(page, 'Lỗi: 0')).toBeVisible();
  await expect(chip(page, 'Có thể trùng (vẫn nhập): 1')).toBeVisible();
  await expect(rows.getByRole('row').filter({ hasText: 'Lê Văn Tám' }).last()).toContainText('Có thể trùng với dòng 5 của tệp: cùng họ tên, năm sinh, phường.');
  await expect(rows.getByRole('row').filter({ hasText: 'Ngô Thị Hai' })).toContainText('Số CCCD/CMND có 11 chữ số (CCCD có 12, CMND cũ có 9): nhập không có số này');
  await screenshot(page, '81-import-decided-fresh');
  await page.getByRole('button', { name: 'Nhập 4 dòng' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Nhập 4 dòng' }).click();
  await expect(page.getByTestId('import-summary')).toHaveText(/Thêm mới\s*4\s*Cập nhật\s*0\s*Đã có, không đổi\s*0\s*Bỏ qua\s*0/);
  await expect(page.getByTestId('import-catalogue-added')).toHaveText('Đã thêm vào danh mục: phường "Phường 15", diện đối tượng "Người chưa thành niên vi phạm".');

  // The likely duplicates wait on the duplicates page; the new ward is in the catalogue.
  await page.getByRole('navigation').getByRole('link', { name: 'Hồ sơ trùng lặp' }).click();
  await expect(page.getByTestId('duplicate-pair')).toHaveCount(1);
  await expect(page.getByTestId('duplicate-pair')).toContainText('Lê Văn Tám');
  await screenshot(page, '83-import-duplicates');
  await page.getByRole('button', { name: 'Không phải cùng người: Lê Văn Tám' }).click();
  await expect(page.getByTestId('duplicate-pair')).toHaveCount(0);
  await page.getByRole('navigation').getByRole('link', { name: 'Danh mục' }).click();
  await expect(page.getByText('Phường 15', { exact: true }).first()).toBeVisible();
  // The wording mapped to a category is kept as its other name, and can be removed.
  await page.getByRole('tab', { name: 'Diện đối tượng' }).click();
  const rehab = page.getByRole('row').filter({ hasText: 'Người sau cai nghiện ma túy' });
  await expect(rehab).toContainText('Tên gọi khác:Sau cai nghiện');
  await screenshot(page, '84-catalogue-aliases');
  await rehab.getByRole('button', { name: 'Bỏ tên gọi khác "Sau cai nghiện"' }).click();
  await expect(rehab).not.toContainText('Tên gọi khác');
  await host.stop();
});

test('names typed with an old font are decoded cell by cell, listed, and one kept as written; a sheet with no data rows says so', async ({ page, dataDir }) => {
  cli('demo', '--scale', '0.1', '--data-dir', dataDir);
  // TCVN3 bytes as a Unicode workbook shows them: "Tạ Văn Bình" in .VnTime, "KIỀU THỊ NGÂN" in .VnTimeH.
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.addRow(['DANH SÁCH ĐỐI TƯỢNG ĐƯỢC GIÁO DỤC, GIÚP ĐỠ']);
  sheet.addRow([]);
  sheet.addRow([]);
  sheet.addRow(HEADER);
  sheet.addRow([1, 'T¹ V¨n B×nh', 1986, 'Nam', '079086003301', '14 Bà Hom', 'Phường Bình Tiên', CATEGORY, '05/03/2024']);
  sheet.addRow([2, 'KIÒU THÞ NG¢N', 1991, 'Nữ', '079191003302', '22 Hậu Giang', 'Phường Bình Tây', CATEGORY, '12/04/2024']);
  sheet.addRow([3, 'Mạc Văn Thịnh', 1979, 'Nam', '079079003303', 'Hoàng Hoa Thám', 'Phường Bình Phú', CATEGORY, '01/06/2024']);
  sheet.getCell('B5').font = { name: '.VnTime' };
  sheet.getCell('B6').font = { name: '.VnTimeH' };
  workbook.addWorksheet('Trống').addRows([['DANH SÁCH'], HEADER]);
  const file = join(dataDir, 'phong-cu.xlsx');
  await workbook.xlsx.writeFile(file);
  const host = await startHost(dataDir, ['--demo']);
  await openApp(page, host);
  await page.getByRole('navigation').getByRole('link', { name: 'Nhập từ Excel' }).click();
  await page.getByRole('radio', { name: 'Đối tượng giáo dục, giúp đỡ' }).check();
  await chooseFile(page, file, 'Danh sách (7 dòng)');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('button', { name: 'Kiểm tra dữ liệu' }).click();

  await expect(chip(page, 'Thêm mới: 3')).toBeVisible();
  const decoded = page.getByRole('table', { name: 'Chữ gõ bằng phông chữ cũ đã chuyển sang Unicode: 2 ô' });
  await expect(decoded.getByRole('row')).toHaveCount(3);
  await expect(decoded.getByRole('row').filter({ hasText: 'T¹ V¨n B×nh' })).toContainText('Tạ Văn Bình');
  await expect(decoded.getByRole('row').filter({ hasText: 'KIÒU THÞ NG¢N' })).toContainText('Kiều Thị Ngân');
  await expect(decoded.getByRole('row').filter({ hasText: 'KIÒU THÞ NG¢N' })).toContainText('Phông chữ của ô là mã TCVN3 (ABC)');
  const rows = page.getByTestId('import-preview-rows');
  await expect(rows.getByRole('row').filter({ hasText: 'Kiều Thị Ngân' })).toHaveCount(1);
  await screenshot(page, '80-import-decoded');

  // The officer keeps one cell as it is in the file: the rows are checked again with it.
  const keep = page.getByRole('checkbox', { name: 'Giữ nguyên ô dòng 5, cột B (HỌ VÀ TÊN) như trong tệp' });
  await keep.check();
  await expect(page.getByRole('checkbox', { name: 'Giữ nguyên ô dòng 5, cột B (HỌ VÀ TÊN) như trong tệp' })).toBeChecked();
  await expect(rows.getByRole('row').filter({ hasText: 'T¹ V¨n B×nh' })).toHaveCount(1);
  await expect(page.getByText('Đã chuyển sang Unicode 1 ô gõ bằng phông chữ cũ (1 ô mã TCVN3 (ABC)); giữ nguyên như trong tệp 1 ô gõ bằng phông chữ cũ.')).toBeVisible();
  await screenshot(page, '81-import-kept');
  await page.getByRole('checkbox', { name: 'Giữ nguyên ô dòng 5, cột B (HỌ VÀ TÊN) như trong tệp' }).uncheck();
  await expect(rows.getByRole('row').filter({ hasText: 'Tạ Văn Bình' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Nhập 3 dòng' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Nhập 3 dòng' }).click();
  await expect(page.getByTestId('import-summary')).toHaveText(/Thêm mới\s*3/);
  await page.getByRole('link', { name: 'Mở sổ Đối tượng giáo dục, giúp đỡ' }).click();
  await page.getByLabel('Tìm kiếm').fill('kieu thi ngan');
  await expect(page.getByRole('gridcell', { name: 'Kiều Thị Ngân' })).toBeVisible();

  // The second sheet has a header and nothing under it.
  await page.getByRole('main').getByRole('link', { name: 'Nhập từ Excel' }).click();
  await page.locator('input[type="file"]').setInputFiles(file);
  await page.getByRole('combobox', { name: 'Trang tính' }).click();
  await page.getByRole('option', { name: 'Trống (2 dòng)' }).click();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('button', { name: 'Kiểm tra dữ liệu' }).click();
  await expect(page.getByText('Không có dòng dữ liệu nào dưới dòng tiêu đề (dòng 2) của trang tính "Trống".', { exact: false })).toBeVisible();
  await screenshot(page, '82-import-no-rows');
  await host.stop();
});
