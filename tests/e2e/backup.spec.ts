import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { ARTIFACTS, api, expect, screenshot, test } from './host';

async function addModel(page: Page, name: string) {
  const catalogues = await api(page, 'catalogues.get', {});
  await api(page, 'models.create', { name, typeId: catalogues.modelTypes[0].id, wardId: catalogues.wards[0].id });
}

/** Picks a file the way an officer does: the file chooser opened by the field. */
async function chooseFile(page: Page, file: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByLabel('Chọn tệp sao lưu').click()]);
  await chooser.setFiles(file);
}

async function modelsCount(page: Page) {
  await page.getByRole('link', { name: 'Mô hình tự quản' }).click();
  return page.getByTestId('models-count');
}

test('back up, change the data, restore the backup and see the old data, then undo the restore', async ({ app }) => {
  await app.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' }).click();
  await addModel(app, 'Nhà trọ tự quản số 12 Bà Hom');

  // Back up: in a browser the verified backup comes as a download.
  await app.getByRole('link', { name: 'Sao lưu dữ liệu' }).click();
  const [download] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Sao lưu và tải tệp về' }).click()]);
  const backupFile = join(ARTIFACTS, download.suggestedFilename());
  await download.saveAs(backupFile);
  expect(download.suggestedFilename()).toMatch(/^so-theo-doi_.*\.sqlite$/);
  await expect(app.getByTestId('backup-last')).toContainText('1 mô hình');
  await expect(app.getByRole('switch', { name: 'Tự động sao lưu khi mở ứng dụng và định kỳ' })).toBeChecked();
  await expect(app.getByTestId('backup-second-folder-prompt')).toBeVisible();
  await screenshot(app, '60-backup');

  // A password-protected copy too.
  await app.getByText('Đặt mật khẩu cho bản sao lưu').click();
  await app.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('matkhau-antq-2026');
  const [protectedDownload] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Sao lưu và tải tệp về' }).click()]);
  const protectedFile = join(ARTIFACTS, protectedDownload.suggestedFilename());
  await protectedDownload.saveAs(protectedFile);
  expect(protectedDownload.suggestedFilename()).toMatch(/\.antqbak$/);

  // Change the data after the backup.
  await addModel(app, 'Tổ xe ôm tự quản chợ Bình Tây');
  await expect(await modelsCount(app)).toHaveText('Hiển thị 2 / 2 mô hình');

  // The protected file refuses a wrong password and changes nothing.
  await app.getByRole('link', { name: 'Sao lưu dữ liệu' }).click();
  await chooseFile(app, protectedFile);
  await app.getByLabel('Mật khẩu (nếu tệp có mật khẩu)').fill('sai-mat-khau');
  await app.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(app.getByText('Mật khẩu không đúng. Hãy nhập đúng mật khẩu đã dùng khi sao lưu.')).toBeVisible();
  await expect(app.getByTestId('backup-inspected')).toHaveCount(0);

  // Restore the plain backup: first see what it holds, then confirm.
  await chooseFile(app, backupFile);
  await app.getByLabel('Mật khẩu (nếu tệp có mật khẩu)').fill('');
  await app.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(app.getByTestId('backup-inspected')).toContainText('1 mô hình');
  await screenshot(app, '61-restore-check');
  await app.getByRole('button', { name: 'Khôi phục từ tệp này' }).click();
  // The app reloads itself on the restored data once the restore is done.
  await Promise.all([
    app.waitForEvent('load', { timeout: 90_000 }),
    app.getByRole('dialog', { name: 'Khôi phục dữ liệu' }).getByRole('button', { name: 'Khôi phục từ tệp này' }).click(),
  ]);
  await expect(await modelsCount(app)).toHaveText('Hiển thị 1 / 1 mô hình');
  await expect(app.getByRole('gridcell', { name: 'Nhà trọ tự quản số 12 Bà Hom' })).toBeVisible();

  // Undo the restore: the data is back as it was just before.
  await app.getByRole('link', { name: 'Sao lưu dữ liệu' }).click();
  await app.getByRole('button', { name: 'Hoàn tác lần khôi phục gần nhất' }).click();
  await Promise.all([
    app.waitForEvent('load', { timeout: 90_000 }),
    app.getByRole('dialog', { name: 'Hoàn tác lần khôi phục gần nhất' }).getByRole('button', { name: 'Hoàn tác lần khôi phục gần nhất' }).click(),
  ]);
  await expect(await modelsCount(app)).toHaveText('Hiển thị 2 / 2 mô hình');
  await app.getByRole('link', { name: 'Sao lưu dữ liệu' }).click();
  await expect(app.getByRole('table', { name: 'Lịch sử sao lưu' })).toContainText('Trước khi khôi phục');
  await screenshot(app, '62-backup-history');
});
