/**
 * The standard "An toàn về an ninh, trật tự" and the movement's scoring (issue 17 point 3) as an officer
 * enters them: a school registered, a khu phố's sheet graded, a wrong score explained, and the year's
 * report counting both.
 */
import { api, expect, screenshot, test } from './host';

test('standards: a school registered and a khu phố scored, a wrong score explained, counted in the year’s report', async ({ app }) => {
  await app.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' }).click();
  const catalogues = await api(app, 'catalogues.get', {});
  const ward = catalogues.wards.find((entry: { name: string }) => entry.name === 'Phường Bình Tiên');
  await api(app, 'neighbourhoods.create', { wardId: ward.id, name: 'Khu phố 3' });
  await app.reload();
  await app.getByRole('link', { name: 'Tiêu chuẩn ANTT, chấm điểm' }).click();
  await app.getByRole('combobox', { name: 'Năm', exact: true }).click();
  await app.getByRole('option', { name: '2018', exact: true }).click();

  await app.getByRole('button', { name: 'Thêm mới' }).click();
  let dialog = app.getByRole('dialog', { name: 'Thêm đơn vị đăng ký' });
  await expect(dialog.getByRole('textbox', { name: 'Năm' })).toHaveValue('2018');
  await dialog.getByRole('combobox', { name: 'Loại đơn vị' }).fill('truong');
  await app.getByRole('option', { name: 'Trường học' }).click();
  await dialog.getByRole('combobox', { name: 'Phường' }).fill('binh tien');
  await app.getByRole('option', { name: 'Phường Bình Tiên' }).click();
  await dialog.getByRole('textbox', { name: 'Tên cơ quan, doanh nghiệp, trường học' }).fill('Trường THCS Bình Tiên');
  await dialog.getByRole('combobox', { name: 'Kết quả' }).fill('dat chuan');
  await app.getByRole('option', { name: 'Đạt chuẩn' }).click();
  await dialog.getByRole('button', { name: /^Lưu/ }).click();
  await expect(dialog.getByText('Đơn vị đạt chuẩn cần số quyết định công nhận.')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Số quyết định công nhận' }).fill('15/QĐ-UBND');
  await dialog.getByRole('button', { name: /^Lưu/ }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByTestId('standards-counts')).toHaveText('1 đơn vị đăng ký, 1 được kiểm tra, 1 đạt chuẩn.');

  await app.getByText('Chấm điểm phong trào (100 điểm)', { exact: true }).click();
  await app.getByRole('button', { name: 'Thêm mới' }).click();
  dialog = app.getByRole('dialog', { name: 'Thêm phiếu chấm điểm' });
  await dialog.getByRole('textbox', { name: 'Điểm (trên 100)' }).fill('105');
  await dialog.getByRole('combobox', { name: 'Phường' }).fill('binh tien');
  await app.getByRole('option', { name: 'Phường Bình Tiên' }).click();
  await dialog.getByRole('combobox', { name: 'Khu phố' }).fill('3');
  await app.getByRole('option', { name: 'Khu phố 3' }).click();
  await dialog.getByRole('button', { name: /^Lưu/ }).click();
  await expect(dialog.getByText('Điểm là số từ 0 đến 100, lẻ đến một chữ số (ví dụ 87,5).')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Điểm (trên 100)' }).fill('91,5');
  await dialog.getByRole('button', { name: /^Lưu/ }).click();
  await expect(dialog).toBeHidden();
  const sheets = app.getByRole('table', { name: 'Chấm điểm phong trào (100 điểm)' });
  await expect(sheets.getByRole('row').nth(1)).toContainText('Khu phố 3, Phường Bình Tiên');
  await expect(sheets.getByRole('row').nth(1)).toContainText('91,5');
  await expect(sheets.getByRole('row').nth(1)).toContainText('Xuất sắc');
  await screenshot(app, '92-standards');

  await app.getByRole('link', { name: 'Báo cáo sơ kết, tổng kết' }).click();
  await app.getByRole('combobox', { name: 'Năm', exact: true }).click();
  await app.getByRole('option', { name: '2018', exact: true }).click();
  const body = app.getByRole('textbox', { name: 'Nội dung (mỗi đoạn một dòng)' });
  await expect(body).toHaveValue(/Xây dựng tiêu chuẩn “An toàn về an ninh, trật tự”: 1 trường học đăng ký; qua kiểm tra, công nhận 1 trường học đạt chuẩn\./);
  await expect(body).toHaveValue(/Chấm điểm phong trào 1 khu phố: 1 Xuất sắc\./);
});
