/**
 * What a browser shows at the web host's edges: an upload over the ceiling is answered 413 before the
 * host reads it, and the page says so; the printed address opens the app once, then explains itself.
 * The host runs in-process here, so the ceiling can be set small (the real one is 2 GB).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHost, type WebHost } from '../../src/main/host/server';
import { Workspace } from '../../src/main/workspace';
import { addE2eAccount, expect, openApp, screenshot, test } from './host';

let workspace: Workspace;
let host: WebHost;
let dataDir: string;

test.beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'antq-e2e-host-'));
  addE2eAccount(dataDir);
  workspace = await Workspace.open({ dataDir });
  host = await startWebHost({ workspace, rendererDir: join(process.cwd(), 'out', 'renderer'), maxUploadBytes: 1024 * 1024 });
});

test.afterEach(async () => {
  await host.close();
  await workspace.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('an upload over the ceiling is refused with a message, and the printed address opens the app only once', async ({ page, browser }) => {
  await openApp(page, host);
  await page.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' }).click();
  await page.getByRole('link', { name: 'Sao lưu dữ liệu' }).click();
  const tooLarge = join(dataDir, 'qua-lon.sqlite');
  writeFileSync(tooLarge, Buffer.alloc(8 * 1024 * 1024));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByLabel('Chọn tệp sao lưu').click()]);
  await chooser.setFiles(tooLarge);
  const answer = page.waitForResponse((response) => response.url().endsWith('/upload'));
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  expect((await answer).status()).toBe(413);
  await expect(page.getByText('Tệp quá lớn để tải lên.')).toBeVisible();
  await screenshot(page, '90-upload-too-large');

  // Another browser (or the address found later in a history) gets a page saying what to do.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const refused = await otherPage.goto(host.url);
  expect(refused?.status()).toBe(403);
  await expect(otherPage.getByRole('heading', { name: 'Địa chỉ này đã được dùng' })).toBeVisible();
  await expect(otherPage.getByText(/quay lại thẻ trình duyệt đang mở ứng dụng/)).toBeVisible();
  await screenshot(otherPage, '91-token-spent');
  await other.close();

  // The browser that opened it keeps working, and may open the printed address again.
  await page.goto(host.url);
  await expect(page.getByRole('link', { name: 'Sao lưu dữ liệu' })).toBeVisible();
});
