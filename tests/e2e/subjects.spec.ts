import type { Page } from '@playwright/test';
import { expect, openRow, screenshot, test } from './host';

async function pick(page: Page, scope: ReturnType<Page['getByRole']>, label: string, option: string) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function addPerson(page: Page, values: { name: string; birth: string; idNumber?: string }) {
  await page.getByRole('button', { name: 'Thêm mới' }).click();
  const panel = page.getByRole('dialog');
  await panel.getByLabel('Họ và tên').fill(values.name);
  await pick(page, panel, 'Giới tính', 'Nam');
  await panel.getByLabel('Ngày sinh / Năm sinh').fill(values.birth);
  if (values.idNumber) await panel.getByLabel('Số CCCD/CMND').fill(values.idNumber);
  await pick(page, panel, 'Phường', 'Phường Bình Tiên');
  await pick(page, panel, 'Diện đối tượng', 'Người chấp hành xong án phạt tù về địa phương');
  await pick(page, panel, 'Nhóm', 'Nhóm B');
  await panel.getByLabel('Ngày bắt đầu giúp đỡ').fill('01/01/2026');
  await panel.getByLabel('Lý do, quá trình vi phạm').fill('Chấp hành xong án phạt tù về tội trộm cắp tài sản.');
  await panel.getByLabel('Người được phân công giúp đỡ').fill('Lê Thị Thanh Thảo');
  return panel;
}

test('individuals: birth year only, unaccented search, reviews, due view, progress, duplicates caught and merged', async ({ app }) => {
  await app.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' }).click();
  await app.getByRole('link', { name: 'Đối tượng giúp đỡ' }).click();
  await expect(app.getByRole('heading', { name: 'Đối tượng giáo dục, giúp đỡ' })).toBeVisible();

  // A person known only by birth year; a bad ID number is explained first.
  let panel = await addPerson(app, { name: 'Nguyễn Văn Bình', birth: '1985', idNumber: '07908500' });
  await expect(panel.getByText('Số CCCD phải gồm 12 chữ số (CMND cũ: 9 chữ số).')).toBeVisible();
  await panel.getByLabel('Số CCCD/CMND').fill('079 085 001 234');
  await screenshot(app, '30-subject-form');
  await panel.getByRole('button', { name: /^Lưu/ }).click();
  await expect(app.getByText('Đã thêm hồ sơ đối tượng.')).toBeVisible();
  await expect(panel.getByText('Nguyễn Văn Bình (1985)')).toBeVisible();

  // Two periodic reviews on the timeline.
  await panel.getByRole('tab', { name: /Đánh giá định kỳ/ }).click();
  for (const [date, result] of [
    ['01/02/2026', 'Tiến bộ'],
    ['01/03/2026', 'Chưa tiến bộ'],
  ] as const) {
    await panel.getByRole('button', { name: 'Thêm lần đánh giá' }).click();
    const review = app.getByRole('dialog', { name: 'Thêm lần đánh giá' });
    await review.getByLabel('Ngày đánh giá').fill(date);
    await pick(app, review, 'Kết quả', result);
    await review.getByLabel('Tình hình việc làm').fill('Làm phụ hồ, thu nhập ổn định');
    await review.getByRole('button', { name: 'Lưu' }).click();
    await expect(review).toBeHidden();
  }
  await expect(panel.getByTestId('review-item')).toHaveCount(2);
  await expect(panel.getByTestId('review-item').first()).toContainText('01/03/2026');
  await expect(panel.getByText('Hạn đánh giá tiếp theo: 01/04/2026')).toBeVisible();
  await screenshot(app, '31-review-timeline');
  await panel.getByRole('button', { name: 'Đóng' }).click();

  // Found by an unaccented, upper-case query; the ID number stays hidden until asked for.
  await app.getByLabel('Tìm kiếm').fill('NGUYEN VAN BINH');
  await expect(app.getByTestId('subjects-count')).toHaveText('Hiển thị 1 / 1 đối tượng');
  await expect(app.getByRole('gridcell', { name: 'Nguyễn Văn Bình' })).toBeVisible();
  await expect(app.getByRole('gridcell', { name: '1985', exact: true })).toBeVisible();
  await expect(app.getByRole('gridcell', { name: '079085001234' })).toHaveCount(0);
  await app.getByRole('switch', { name: 'Hiện số CCCD và lý do vi phạm' }).check({ force: true });
  await expect(app.getByRole('gridcell', { name: '079085001234' })).toBeVisible();
  await screenshot(app, '32-subjects-list');
  await app.getByRole('switch', { name: 'Hiện số CCCD và lý do vi phạm' }).uncheck({ force: true });
  await app.getByLabel('Tìm kiếm').fill('');

  // Overdue: the last review was 01/03/2026 and the interval is one month.
  await app.getByRole('link', { name: 'Đến hạn đánh giá' }).click();
  const overdue = app.getByRole('table', { name: 'Quá hạn đánh giá' });
  await expect(overdue).toContainText('Nguyễn Văn Bình');
  await expect(overdue).toContainText('01/04/2026');
  await screenshot(app, '33-due-view');

  // A likely duplicate is caught on entry: cancelling saves nothing, confirming saves.
  await app.getByRole('link', { name: 'Đối tượng giúp đỡ' }).click();
  panel = await addPerson(app, { name: 'NGUYỄN VĂN BÌNH', birth: '12/03/1985' });
  await panel.getByRole('button', { name: /^Lưu/ }).click();
  const warning = app.getByRole('dialog', { name: 'Có thể trùng hồ sơ đã có' });
  await expect(warning).toContainText('Nguyễn Văn Bình — 1985 — Phường Bình Tiên (cùng họ tên, năm sinh, phường)');
  await screenshot(app, '34-duplicate-warning');
  await warning.getByRole('button', { name: 'Hủy' }).click();
  await expect(app.getByTestId('subjects-count')).toHaveText('Hiển thị 1 / 1 đối tượng');
  await panel.getByRole('button', { name: /^Lưu/ }).click();
  await warning.getByRole('button', { name: 'Vẫn lưu (người khác)' }).click();
  await expect(app.getByText('Đã thêm hồ sơ đối tượng.')).toBeVisible();
  await panel.getByRole('button', { name: 'Đóng' }).click();
  await expect(app.getByTestId('subjects-count')).toHaveText('Hiển thị 2 / 2 đối tượng');

  // The duplicates tool pairs them; merging keeps one, with both reviews and the full birth date.
  await app.getByRole('link', { name: 'Hồ sơ trùng lặp' }).click();
  await expect(app.getByTestId('duplicate-pair')).toHaveCount(1);
  await screenshot(app, '35-duplicates');
  await app.getByRole('button', { name: 'Giữ hồ sơ này: Nguyễn Văn Bình 1985' }).click();
  await app.getByRole('dialog', { name: 'Gộp hồ sơ' }).getByRole('button', { name: 'Gộp hồ sơ' }).click();
  await expect(app.getByText('Đã gộp hai hồ sơ.')).toBeVisible();
  await expect(app.getByText('Không tìm thấy hồ sơ trùng lặp.')).toBeVisible();

  await app.getByRole('link', { name: 'Đối tượng giúp đỡ' }).click();
  await expect(app.getByTestId('subjects-count')).toHaveText('Hiển thị 1 / 1 đối tượng');
  await openRow(app, app.getByRole('gridcell', { name: 'Nguyễn Văn Bình' }));
  panel = app.getByRole('dialog');
  await expect(panel.getByText('Nguyễn Văn Bình (12/03/1985)')).toBeVisible();
  await expect(panel.getByRole('tab', { name: 'Đánh giá định kỳ (2)' })).toBeVisible();

  // Marked as progressed: out of the due view, with the change kept in the history.
  await panel.getByRole('button', { name: 'Đổi tình trạng' }).click();
  const status = app.getByRole('dialog', { name: 'Đổi tình trạng' });
  await pick(app, status, 'Tình trạng', 'Đã tiến bộ');
  await status.getByLabel('Lý do').fill('Chấp hành tốt, có việc làm ổn định');
  await status.getByRole('button', { name: 'Lưu' }).click();
  await expect(panel.getByTestId('subject-status')).toHaveText('Đã tiến bộ');
  await panel.getByRole('tab', { name: 'Lịch sử' }).click();
  await expect(panel.getByRole('table', { name: 'Lịch sử tình trạng' })).toContainText('Đang giúp đỡ → Đã tiến bộ');
  await expect(panel.getByRole('table', { name: 'Lịch sử', exact: true })).toContainText('Gộp hồ sơ');
  await screenshot(app, '36-subject-history');
  await panel.getByRole('button', { name: 'Đóng' }).click();
  await app.getByRole('link', { name: 'Đến hạn đánh giá' }).click();
  await expect(app.getByRole('table', { name: 'Quá hạn đánh giá' })).toHaveCount(0);
  await expect(app.getByText('Không có ai.').first()).toBeVisible();
});
