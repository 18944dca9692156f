import { expect, openApp, screenshot, startHost, test } from './host';

test('demo data opens from the first-run screen, is marked, and never touches the real file', async ({ app, dataDir }) => {
  await app.getByRole('button', { name: 'Xem thử với dữ liệu mẫu' }).click();
  await expect(app.getByText('DỮ LIỆU MẪU (THỬ NGHIỆM) — không phải dữ liệu thật')).toBeVisible();
  await expect(app.getByText(`${dataDir}/du-lieu-mau.sqlite`)).toBeVisible();
  await expect(app.getByTestId('models-count')).toHaveText('Hiển thị 100 / 100 mô hình');
  // The filters and the counts that go with them fold away under "Bộ lọc".
  await app.getByRole('button', { name: 'Bộ lọc' }).click();
  await expect(app.getByLabel('Theo loại mô hình').getByText('Nhà trọ tự quản: 20')).toBeVisible();

  // Filters narrow the grid and the counts together.
  await app.getByRole('combobox', { name: 'Loại mô hình' }).click();
  await app.getByRole('option', { name: 'Tiếng chuông báo trộm' }).click();
  await expect(app.getByTestId('models-count')).toHaveText('Hiển thị 20 / 100 mô hình');
  await expect(app.getByRole('gridcell', { name: /^Tiếng chuông báo trộm khu phố/ }).first()).toBeVisible();
  await screenshot(app, '10-demo-filtered');

  // Column layout is remembered: sort by name descending, reload, still descending.
  await app.getByRole('combobox', { name: 'Loại mô hình' }).click();
  await app.getByRole('option', { name: 'Tiếng chuông báo trộm' }).click();
  await expect(app.getByTestId('models-count')).toHaveText('Hiển thị 100 / 100 mô hình');
  const firstName = app.locator('.ag-row[row-index="0"] [col-id="name"]');
  await expect(firstName).toHaveText(/^Đội công tác xã hội tình nguyện/);
  await app.getByRole('columnheader', { name: 'Tên mô hình' }).click();
  // The layout is saved after a short pause: wait for the save of the descending sort, not for a time.
  const savedDescending = app.waitForResponse((response) => response.url().endsWith('/api/ui.setState') && /"sort":"desc"/.test(response.request().postData() ?? ''));
  await app.getByRole('columnheader', { name: 'Tên mô hình' }).click();
  await expect(firstName).toHaveText(/^Tổ xe ôm tự quản/);
  await savedDescending;
  await app.reload();
  await expect(firstName).toHaveText(/^Tổ xe ôm tự quản/);

  // Back to real data: the real register is still empty.
  await app.getByRole('button', { name: 'Về dữ liệu thật' }).click();
  await expect(app.getByText('DỮ LIỆU MẪU (THỬ NGHIỆM) — không phải dữ liệu thật')).toBeHidden();
  await expect(app.getByRole('heading', { name: 'Chào mừng đồng chí đến với Sổ theo dõi phong trào' })).toBeVisible();
});

test('npm run web -- --demo opens the demo database directly', async ({ page, dataDir }) => {
  const host = await startHost(dataDir, ['--demo']);
  await openApp(page, host);
  await expect(page.getByText('DỮ LIỆU MẪU (THỬ NGHIỆM) — không phải dữ liệu thật')).toBeVisible();
  await page.getByRole('link', { name: 'Tổng quan' }).click();
  await expect(page.getByRole('table', { name: 'Mô hình theo loại' })).toContainText('Nhà trọ tự quản20');
  await screenshot(page, '11-overview-demo');
  // Restore is off while the demo data is open, and the page says so before any file is chosen.
  await page.getByRole('link', { name: 'Sao lưu dữ liệu' }).click();
  const reason = 'Đang mở dữ liệu mẫu nên chưa khôi phục được. Hãy bấm "Về dữ liệu thật" rồi khôi phục.';
  await expect(page.getByText(reason)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Kiểm tra tệp' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Kiểm tra tệp' })).toHaveAccessibleDescription(reason);
  await host.stop();
});

test('catalogues: add a khu phố, rename a model type, and use them on a model with an evaluation and a status change', async ({ app }) => {
  await app.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' }).click();
  await app.getByRole('link', { name: 'Danh mục' }).click();
  await expect(app.getByRole('cell', { name: 'Phường Bình Tiên', exact: true })).toBeVisible();
  await expect(app.getByRole('cell', { name: 'Quận 6 (trước 01/07/2025)' }).first()).toBeVisible();
  await screenshot(app, '20-catalogue-wards');

  await app.getByRole('tab', { name: 'Khu phố' }).click();
  await app.getByRole('combobox', { name: 'Phường' }).click();
  await app.getByRole('option', { name: 'Phường Bình Tiên' }).click();
  await app.getByRole('button', { name: 'Thêm khu phố' }).click();
  const dialog = app.getByRole('dialog');
  await dialog.getByLabel('Tên').fill('Khu phố 3');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(app.getByRole('cell', { name: 'Khu phố 3', exact: true })).toBeVisible();
  // The same name twice in one ward is refused, whatever the accents and case.
  await app.getByRole('button', { name: 'Thêm khu phố' }).click();
  await dialog.getByLabel('Tên').fill('khu pho 3');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog.getByText('Tên khu phố này đã có.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Đóng' }).or(app.locator('.mantine-Modal-close')).first().click();
  // What was typed is not saved: closing asks first, and the officer throws it away.
  await app.getByRole('dialog', { name: 'Bỏ các thay đổi chưa lưu?' }).getByRole('button', { name: 'Bỏ thay đổi' }).click();

  await app.getByRole('tab', { name: 'Loại mô hình' }).click();
  await app.getByRole('button', { name: 'Sửa Tổ xe ôm tự quản' }).click();
  await expect(dialog.getByRole('checkbox', { name: 'Đang sử dụng' })).toBeChecked();
  await dialog.getByLabel('Tên').fill('Tổ xe ôm, xe công nghệ tự quản');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(app.getByRole('cell', { name: 'Tổ xe ôm, xe công nghệ tự quản', exact: true })).toBeVisible();

  // A model of the renamed type in the new khu phố.
  await app.getByRole('link', { name: 'Mô hình tự quản' }).click();
  await app.getByRole('button', { name: 'Thêm mới' }).click();
  const panel = app.getByRole('dialog');
  await panel.getByLabel('Tên mô hình').fill('Tổ xe ôm tự quản chợ Bình Tây');
  await panel.getByRole('combobox', { name: 'Loại mô hình' }).click();
  await app.getByRole('option', { name: 'Tổ xe ôm, xe công nghệ tự quản' }).click();
  await panel.getByRole('combobox', { name: 'Phường' }).click();
  await app.getByRole('option', { name: 'Phường Bình Tiên' }).click();
  await panel.getByRole('combobox', { name: 'Khu phố' }).click();
  await app.getByRole('option', { name: 'Khu phố 3' }).click();
  await panel.getByRole('button', { name: /^Lưu/ }).click();
  await expect(app.getByText('Đã thêm mô hình.')).toBeVisible();

  await panel.getByRole('tab', { name: /Đánh giá năm/ }).click();
  await panel.getByRole('button', { name: 'Thêm đánh giá năm' }).click();
  const evaluation = app.getByRole('dialog', { name: 'Thêm đánh giá năm' });
  await evaluation.getByLabel('Năm').fill('2018');
  await evaluation.getByRole('combobox', { name: 'Xếp loại' }).click();
  await app.getByRole('option', { name: 'Tốt' }).click();
  await evaluation.getByLabel('Tin báo cung cấp').fill('-3');
  await expect(evaluation.getByText('Số tin báo cung cấp không được âm.')).toBeVisible();
  await evaluation.getByLabel('Tin báo cung cấp').fill('12');
  await evaluation.getByLabel('Đối tượng bắt giữ').fill('3');
  await evaluation.getByLabel('Kết quả đạt được').fill('Phối hợp Công an phường bắt 03 đối tượng cướp giật.');
  await evaluation.getByRole('button', { name: 'Lưu' }).click();
  await expect(panel.getByRole('table', { name: 'Đánh giá năm' })).toContainText('2018Tốt1230');
  await screenshot(app, '21-evaluations');

  await panel.getByRole('button', { name: 'Đổi tình trạng' }).click();
  const status = app.getByRole('dialog', { name: 'Đổi tình trạng' });
  await status.getByRole('combobox', { name: 'Tình trạng' }).click();
  await app.getByRole('option', { name: 'Tạm ngưng' }).click();
  await status.getByLabel('Ngày thay đổi').fill('15/3/2019');
  await status.getByLabel('Lý do').fill('Tổ trưởng chuyển nơi ở');
  await status.getByRole('button', { name: 'Lưu' }).click();
  await expect(app.getByText('Đã đổi tình trạng.')).toBeVisible();
  await panel.getByRole('tab', { name: 'Lịch sử' }).click();
  await expect(panel.getByRole('table', { name: 'Lịch sử tình trạng' })).toContainText('15/03/2019Hoạt động → Tạm ngưngTổ trưởng chuyển nơi ở');
  await panel.getByRole('button', { name: 'Đóng' }).click();

  // Searching by the new type name finds the model; the status filter sees the change.
  await app.getByLabel('Tìm kiếm').fill('xe cong nghe');
  await expect(app.getByRole('gridcell', { name: 'Tổ xe ôm tự quản chợ Bình Tây' })).toBeVisible();
  await expect(app.getByRole('gridcell', { name: 'Tạm ngưng' })).toBeVisible();
  await expect(app.getByRole('gridcell', { name: 'Tốt (2018)' })).toBeVisible();
});

test('the English locale translates the shell', async ({ app }) => {
  await app.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' }).click();
  await app.getByText('English', { exact: true }).click();
  await expect(app.getByRole('heading', { name: 'Self-governance models' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Add' })).toBeVisible();
  await app.getByText('Tiếng Việt', { exact: true }).click();
  await expect(app.getByRole('heading', { name: 'Mô hình tự quản, tự phòng' })).toBeVisible();
});
