import type { Page } from '@playwright/test';
import { api, expect, openRow, screenshot, test } from './host';

/** Test set-up through the same HTTP API the page uses (the models register has its own e2e spec). */
async function pick(page: Page, scope: ReturnType<Page['getByRole']>, label: string, option: string | RegExp) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
}

test('award round 2013–2018: nominate a model and a member, walk to đã trao, refuse a duplicate, close and freeze', async ({ app }) => {
  await app.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' }).click();
  const catalogues = await api(app, 'catalogues.get', {});
  const model = await api(app, 'models.create', { name: 'Tổ xe ôm tự quản chợ Bình Tây', typeId: catalogues.modelTypes[0].id, wardId: catalogues.wards[0].id, address: '57A Tháp Mười' });
  await api(app, 'members.create', { modelId: model.id, fullName: 'Đặng Văn Ướt', role: 'Tổ trưởng' });

  await app.getByRole('link', { name: 'Khen thưởng' }).click();
  await app.getByRole('button', { name: 'Thêm đợt khen thưởng' }).click();
  const roundDialog = app.getByRole('dialog', { name: 'Thêm đợt khen thưởng' });
  await roundDialog.getByLabel('Tên đợt').fill('Sơ kết 05 năm Chương trình 09');
  await roundDialog.getByLabel('Dịp khen thưởng').fill('Sơ kết 05 năm thực hiện Chương trình số 09/CTr-BCA-MTTW, giai đoạn 2013–2018');
  await roundDialog.getByLabel('Từ năm').fill('2018');
  await roundDialog.getByLabel('Đến năm').fill('2013');
  await roundDialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(roundDialog.getByText('Năm kết thúc phải từ năm bắt đầu trở đi.')).toBeVisible();
  await roundDialog.getByLabel('Từ năm').fill('2013');
  await roundDialog.getByLabel('Đến năm').fill('2018');
  await roundDialog.getByLabel('Cấp khen thưởng').fill('Ủy ban nhân dân Quận 6');
  await roundDialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(app.getByTestId('round-counts')).toHaveText('0 tập thể, 0 cá nhân');

  // The model as a collective, picked from the register.
  await app.getByRole('button', { name: 'Thêm đề nghị' }).click();
  const panel = app.getByRole('dialog');
  await panel.getByRole('combobox', { name: 'Chọn từ sổ mô hình' }).fill('xe om');
  await app.getByRole('option', { name: /Tổ xe ôm tự quản chợ Bình Tây/ }).click();
  await expect(panel.getByLabel('Tên tập thể / cá nhân')).toHaveValue('Tổ xe ôm tự quản chợ Bình Tây');
  await pick(app, panel, 'Hình thức khen thưởng', 'Giấy khen');
  await panel.getByLabel('Tóm tắt thành tích').fill('Cung cấp 45 tin có giá trị, giúp Công an phường bắt 12 đối tượng cướp giật.');
  await panel.getByLabel('Số tin cung cấp').fill('45');
  await screenshot(app, '40-nomination-form');
  await panel.getByRole('button', { name: 'Lưu' }).click();
  await expect(app.getByText('Đã thêm đề nghị.')).toBeVisible();
  await panel.getByRole('button', { name: 'Đóng' }).click();

  // A member of the model as an individual.
  await app.getByRole('button', { name: 'Thêm đề nghị' }).click();
  await panel.getByText('Cá nhân', { exact: true }).click();
  await panel.getByRole('combobox', { name: 'Chọn từ sổ mô hình' }).fill('xe om');
  await app.getByRole('option', { name: /Tổ xe ôm tự quản chợ Bình Tây/ }).click();
  await pick(app, panel, 'Chọn thành viên mô hình', /Đặng Văn Ướt/);
  await expect(panel.getByLabel('Chức vụ')).toHaveValue('Tổ trưởng');
  await panel.getByLabel('Năm sinh').fill('1968');
  await pick(app, panel, 'Hình thức khen thưởng', 'Giấy khen');
  await panel.getByRole('button', { name: 'Lưu' }).click();
  // The first toast may still be showing: the toasts no longer cover the drawer's buttons, so nothing waits for it to go.
  await expect(app.getByText('Đã thêm đề nghị.').last()).toBeVisible();
  await panel.getByRole('button', { name: 'Đóng' }).click();
  await expect(app.getByTestId('round-counts')).toHaveText('1 tập thể, 1 cá nhân');

  // The same collective twice in one round is refused.
  await app.getByRole('button', { name: 'Thêm đề nghị' }).click();
  await panel.getByRole('combobox', { name: 'Chọn từ sổ mô hình' }).fill('xe om');
  await app.getByRole('option', { name: /Tổ xe ôm tự quản chợ Bình Tây/ }).click();
  await pick(app, panel, 'Hình thức khen thưởng', 'Bằng khen');
  await panel.getByRole('button', { name: 'Lưu' }).click();
  await expect(panel.getByText('"Tổ xe ôm tự quản chợ Bình Tây" đã có trong đợt khen thưởng này. Mỗi tập thể, cá nhân chỉ được đề nghị một lần trong một đợt.')).toBeVisible();
  await screenshot(app, '41-duplicate-nominee');
  await panel.getByRole('button', { name: 'Đóng' }).click();
  await app.getByRole('button', { name: 'Bỏ thay đổi' }).click();

  // Walk the collective through the workflow; the decision is required when approved.
  await openRow(app, app.getByRole('gridcell', { name: 'Tổ xe ôm tự quản chợ Bình Tây' }).first());
  for (const step of ['Đã trình', 'Được duyệt', 'Đã trao']) {
    await panel.getByRole('button', { name: 'Chuyển trạng thái' }).click();
    const status = app.getByRole('dialog', { name: 'Chuyển trạng thái' });
    await pick(app, status, 'Trạng thái', step);
    if (step === 'Được duyệt') {
      await status.getByRole('button', { name: 'Lưu' }).click();
      await expect(status.getByText('Vui lòng nhập số quyết định khen thưởng.')).toBeVisible();
      await status.getByLabel('Số quyết định').fill('1234/QĐ-UBND');
      await status.getByLabel('Ngày quyết định').fill('25/10/2018');
    }
    await status.getByRole('button', { name: 'Lưu' }).click();
    await expect(panel.getByTestId('nomination-status')).toHaveText(step);
  }
  await expect(panel.getByText('QĐ số 1234/QĐ-UBND ngày 25/10/2018')).toBeVisible();
  await panel.getByRole('tab', { name: 'Lịch sử' }).click();
  await expect(panel.getByRole('table', { name: 'Lịch sử tình trạng' })).toContainText('Được duyệt → Đã trao1234/QĐ-UBND, 25/10/2018');
  await screenshot(app, '42-nomination-awarded');
  await panel.getByRole('button', { name: 'Đóng' }).click();

  // The official list: collectives and individuals in separate numbered tables.
  await app.getByRole('tab', { name: 'Danh sách đề nghị khen thưởng' }).click();
  await expect(app.getByRole('table', { name: 'I. TẬP THỂ (1)' })).toContainText('1Tổ xe ôm tự quản chợ Bình Tây57A Tháp Mười');
  await expect(app.getByRole('table', { name: 'II. CÁ NHÂN (1)' })).toContainText('Đặng Văn Ướt, 1968Tổ trưởngTổ xe ôm tự quản chợ Bình Tây');
  await screenshot(app, '43-round-list');
  await app.getByRole('tab', { name: 'Đề nghị khen thưởng', exact: true }).click();

  // Closing the round freezes it.
  await app.getByRole('button', { name: 'Khóa đợt' }).click();
  await app.getByRole('dialog', { name: 'Khóa đợt' }).getByRole('button', { name: 'Khóa đợt' }).click();
  await expect(app.getByText('Đã khóa', { exact: true })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Thêm đề nghị' })).toBeDisabled();
  await openRow(app, app.getByRole('gridcell', { name: 'Đặng Văn Ướt' }));
  await expect(panel.getByText('Đợt đã khóa: các đề nghị chỉ xem, không sửa.')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Chuyển trạng thái' })).toHaveCount(0);
  await expect(panel.getByLabel('Tên tập thể / cá nhân')).toBeDisabled();
  await screenshot(app, '44-round-closed');
  await panel.getByRole('button', { name: 'Đóng' }).click();

  // The model's page shows its awards.
  await app.getByRole('link', { name: 'Mô hình tự quản' }).click();
  await openRow(app, app.getByRole('gridcell', { name: 'Tổ xe ôm tự quản chợ Bình Tây' }));
  await app.getByRole('dialog').getByRole('tab', { name: 'Khen thưởng' }).click();
  await expect(app.getByRole('dialog').getByRole('table', { name: 'Quá trình khen thưởng' })).toContainText('Đã trao');
});
