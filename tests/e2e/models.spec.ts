import { expect, openApp, openRow, screenshot, startHost, test } from './host';

test('first run, add a model with members, find, edit, trash, restore, reopen', async ({ page, dataDir }) => {
  let host = await startHost(dataDir);
  await openApp(page, host);

  // First run: the welcome screen names the data file; start with real (empty) data.
  await expect(page.getByRole('heading', { name: 'Chào mừng đồng chí đến với Sổ theo dõi phong trào' })).toBeVisible();
  await expect(page.getByText(`${dataDir}/so-theo-doi.sqlite`)).toBeVisible();
  await screenshot(page, '01-welcome');
  await page.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' }).click();
  await expect(page.getByRole('heading', { name: 'Mô hình tự quản, tự phòng' })).toBeVisible();
  await expect(page.getByTestId('models-count')).toHaveText('Hiển thị 0 / 0 mô hình');

  // Bad input is refused with the message next to the field, and nothing is saved.
  await page.getByRole('button', { name: 'Thêm mới' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('Tên mô hình').fill('   ');
  await form.getByLabel('Ngày thành lập').fill('31/02/1990');
  await form.getByRole('button', { name: /^Lưu/ }).click();
  await expect(form.getByText('Tên mô hình không được để trống.')).toBeVisible();
  await expect(form.getByText('Tháng 2 không có ngày 31.')).toBeVisible();
  await expect(form.getByText('Vui lòng chọn loại mô hình.')).toBeVisible();
  await screenshot(page, '02-form-validation');

  // Add the model.
  await form.getByLabel('Tên mô hình').fill('Nhà trọ tự quản số 12 Bà Hom');
  await form.getByRole('combobox', { name: 'Loại mô hình' }).click();
  await page.getByRole('option', { name: 'Nhà trọ tự quản' }).click();
  await form.getByRole('combobox', { name: 'Phường' }).click();
  await page.getByRole('option', { name: 'Phường Bình Tiên' }).click();
  await form.getByLabel('Địa chỉ').fill('12 Bà Hom, Phường Bình Tiên');
  // Founded in a month only, and its papers declare 18 members (none listed yet).
  await form.getByLabel('Ngày thành lập').fill('10/2018');
  await form.getByLabel('Số thành viên theo khai báo').fill('18');
  await form.getByLabel('Tổ trưởng / Người phụ trách').fill('Nguyễn Thị Huỳnh Ngọc Quỳnh');
  await form.getByLabel('Điện thoại liên hệ').fill('0903 123 456');
  await expect(form.getByText('Tên mô hình không được để trống.')).toBeHidden();
  await screenshot(page, '03-form-filled');
  await form.getByRole('button', { name: /^Lưu/ }).click();
  await expect(page.getByText('Đã thêm mô hình.')).toBeVisible();
  await expect(form.getByLabel('Ngày thành lập')).toHaveValue('10/2018');
  await expect(form.getByText('Số ghi trên giấy tờ của mô hình; danh sách thành viên hiện có 0 người.')).toBeVisible();

  // The panel now shows the saved model: add two members.
  await form.getByRole('tab', { name: /Thành viên/ }).click();
  for (const [name, role] of [
    ['Đặng Văn Ướt', 'Tổ phó'],
    ['Lê Thị Thanh Thảo', 'Tổ viên'],
  ] as const) {
    await form.getByRole('button', { name: 'Thêm thành viên' }).click();
    const memberForm = page.getByRole('dialog', { name: 'Thêm thành viên' });
    await memberForm.getByLabel('Họ và tên').fill(name);
    await memberForm.getByLabel('Chức vụ trong mô hình').fill(role);
    await memberForm.getByLabel('Điện thoại').fill('0912345678');
    await memberForm.getByRole('button', { name: 'Lưu' }).click();
    await expect(memberForm).toBeHidden();
  }
  await expect(form.getByRole('tab', { name: 'Thành viên (2)' })).toBeVisible();
  // Vietnamese roster order: by given name (Thảo before Ướt).
  const memberRows = form.getByRole('table', { name: 'Thành viên' }).getByRole('row');
  await expect(memberRows.nth(1)).toContainText('Lê Thị Thanh Thảo');
  await expect(memberRows.nth(2)).toContainText('Đặng Văn Ướt');
  await screenshot(page, '04-members');
  await form.getByRole('button', { name: 'Đóng' }).click();

  // Find it with an unaccented, upper-case query.
  await expect(page.getByTestId('models-count')).toHaveText('Hiển thị 1 / 1 mô hình');
  await page.getByLabel('Tìm kiếm').fill('NHA TRO TU QUAN');
  await expect(page.getByRole('gridcell', { name: 'Nhà trọ tự quản số 12 Bà Hom' })).toBeVisible();
  await page.getByLabel('Tìm kiếm').fill('khong co mo hinh nay');
  await expect(page.getByTestId('models-count')).toHaveText('Hiển thị 0 / 1 mô hình');
  await page.getByLabel('Tìm kiếm').fill('huynh ngoc quynh');
  await expect(page.getByTestId('models-count')).toHaveText('Hiển thị 1 / 1 mô hình');
  // The members listed beside the number declared; the founding month as the officer typed it.
  await expect(page.getByRole('gridcell', { name: '2 (khai báo 18)', exact: true })).toBeVisible();
  await expect(page.getByRole('gridcell', { name: '10/2018', exact: true })).toBeVisible();
  await screenshot(page, '05-list-search');

  // Edit it; leaving with unsaved changes asks first.
  await openRow(page, page.getByRole('gridcell', { name: 'Nhà trọ tự quản số 12 Bà Hom' }));
  await form.getByLabel('Tên mô hình').fill('Nhà trọ tự quản số 12 Bà Hom (khu A)');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Bỏ các thay đổi chưa lưu?' })).toBeVisible();
  await page.getByRole('button', { name: 'Tiếp tục sửa' }).click();
  await form.getByRole('button', { name: /^Lưu/ }).click();
  await expect(page.getByText('Đã lưu.').first()).toBeVisible();
  await form.getByRole('button', { name: 'Đóng' }).click();
  await page.getByLabel('Tìm kiếm').fill('');
  await expect(page.getByRole('gridcell', { name: 'Nhà trọ tự quản số 12 Bà Hom (khu A)' })).toBeVisible();

  // Trash it, see it in the Trash, restore it.
  await openRow(page, page.getByRole('gridcell', { name: 'Nhà trọ tự quản số 12 Bà Hom (khu A)' }));
  await form.getByRole('button', { name: 'Xóa (chuyển vào Thùng rác)' }).click();
  await page.getByRole('dialog', { name: 'Xóa (chuyển vào Thùng rác)' }).getByRole('button', { name: 'Xóa (chuyển vào Thùng rác)' }).click();
  await expect(page.getByTestId('models-count')).toHaveText('Hiển thị 0 / 0 mô hình');
  await page.getByText('Thùng rác', { exact: true }).click();
  await openRow(page, page.getByRole('gridcell', { name: 'Nhà trọ tự quản số 12 Bà Hom (khu A)' }));
  await expect(page.getByText('Mô hình này đang ở Thùng rác.')).toBeVisible();
  await screenshot(page, '06-trash');
  await page.getByRole('dialog').getByRole('button', { name: 'Khôi phục' }).click();
  await expect(page.getByText('Đã khôi phục mô hình.')).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Đóng' }).click();
  await page.getByText('Mô hình tự quản', { exact: true }).first().click();

  // Reopen the app on the same data dir: everything is still there.
  await host.stop();
  host = await startHost(dataDir);
  await openApp(page, host);
  await expect(page.getByRole('heading', { name: 'Mô hình tự quản, tự phòng' })).toBeVisible();
  await expect(page.getByTestId('models-count')).toHaveText('Hiển thị 1 / 1 mô hình');
  await openRow(page, page.getByRole('gridcell', { name: 'Nhà trọ tự quản số 12 Bà Hom (khu A)' }));
  await page.getByRole('dialog').getByRole('tab', { name: /Thành viên/ }).click();
  await expect(page.getByRole('dialog').getByText('Đặng Văn Ướt')).toBeVisible();
  await page.getByRole('dialog').getByRole('tab', { name: 'Lịch sử' }).click();
  await expect(page.getByRole('table', { name: 'Lịch sử' }).getByText('Khôi phục')).toBeVisible();
  await screenshot(page, '07-history-after-reopen');
  await host.stop();
});
