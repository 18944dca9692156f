/** A record's "Lịch sử": the changes first, field by field; the views ("Xem hồ sơ") only when asked for. */
import { expect, openApp, openRow, screenshot, startHost, test } from './host';

test('an edited record’s history shows "Nơi ở hiện nay: A → B", and its views only with the switch on', async ({ page, dataDir }) => {
  const host = await startHost(dataDir, ['--demo']);
  await openApp(page, host);
  await page.getByRole('navigation').getByRole('link', { name: 'Đối tượng giúp đỡ', exact: true }).click();
  await openRow(page, page.locator('.ag-row[row-index="0"] [col-id="rosterName"]'));
  const panel = page.getByRole('dialog');
  const address = panel.getByLabel('Nơi ở hiện nay');
  await expect(address).not.toHaveValue('');
  const before = await address.inputValue();
  await address.fill('45 Lò Gốm, Khu phố 1, Phường Bình Tiên');
  await panel.getByLabel('Ngày dự kiến kết thúc').fill('31/12/2030');
  await panel.getByRole('button', { name: /^Lưu/ }).click();
  await expect(page.getByText('Đã lưu.')).toBeVisible();

  // Closed and opened again: a second view.
  await panel.getByRole('button', { name: 'Đóng' }).first().click();
  await expect(panel).toBeHidden();
  await openRow(page, page.locator('.ag-row[row-index="0"] [col-id="rosterName"]'));
  await panel.getByRole('tab', { name: 'Lịch sử' }).click();
  const history = panel.getByRole('table', { name: 'Lịch sử', exact: true });
  await expect(history.getByTestId('history-change').filter({ hasText: 'Nơi ở hiện nay' })).toHaveText(`Nơi ở hiện nay: ${before} → 45 Lò Gốm, Khu phố 1, Phường Bình Tiên`);
  await expect(history.getByTestId('history-change').filter({ hasText: 'Ngày dự kiến kết thúc' })).toContainText('→ 31/12/2030');
  await expect(history).not.toContainText('Xem hồ sơ');
  await expect(history.getByRole('row').nth(1)).toContainText('Sửa');
  await screenshot(page, 'history-changes');

  const views = panel.getByRole('switch', { name: /^Hiện cả lượt xem \(\d+\)$/ });
  // Each opening is a view (and so is the reload after saving): at least the two openings.
  const viewCount = Number(/\((\d+)\)/.exec((await views.getAttribute('aria-label')) ?? (await panel.getByText(/^Hiện cả lượt xem/).textContent()) ?? '')?.[1]);
  expect(viewCount).toBeGreaterThanOrEqual(2);
  await views.check({ force: true });
  await expect(history.getByRole('row').filter({ hasText: 'Xem hồ sơ' })).toHaveCount(viewCount);
  await screenshot(page, 'history-with-views');
  await views.uncheck({ force: true });
  await expect(history).not.toContainText('Xem hồ sơ');
});
