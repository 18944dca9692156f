/**
 * The app on a shared PostgreSQL server (issue 18): two PCs (two web hosts, each with its own data folder)
 * open one server database of a throwaway cluster (tests/postgres/cluster.ts). A person entered on one is
 * found without accents on the other, and a save over the other's save is refused with what they saved.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../postgres/cluster';
import { createDatabase } from '../postgres/databases';
import { api, cli, E2E_ACCOUNT, expect, openApp, openRow, screenshot, startHost, test } from './host';

let cluster: Cluster;
let folder: string;
let serverArgs: string[];

test.beforeAll(async () => {
  cluster = await startCluster();
  await createDatabase(cluster, 'phuong');
  folder = mkdtempSync(join(tmpdir(), 'antq-e2e-server-'));
  const passwordFile = join(folder, 'mat-khau-may-chu.txt');
  writeFileSync(passwordFile, cluster.password, { mode: 0o600 });
  serverArgs = ['--database', `${cluster.url}phuong`, '--database-password-file', passwordFile];
  // The officers' account, made on the server with the CLI as the server's administrator would.
  const accountPassword = join(folder, 'mat-khau-can-bo.txt');
  writeFileSync(accountPassword, E2E_ACCOUNT.password);
  cli('users', 'add', '--username', E2E_ACCOUNT.username, '--name', E2E_ACCOUNT.displayName, '--role', 'quan_tri', '--password-file', accountPassword, '--keep-password', '--data-dir', join(folder, 'cli'), ...serverArgs);
});

test.afterAll(() => {
  cluster?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('two PCs on one PostgreSQL server: a person entered on one is found on the other, and a save over the other’s is refused', async ({ browser }) => {
  const first = await startHost(join(folder, 'may-1'), serverArgs, { account: false });
  const second = await startHost(join(folder, 'may-2'), serverArgs, { account: false });
  const one = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const two = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await openApp(one, first);
  await openApp(two, second);
  for (const page of [one, two]) {
    const start = page.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' });
    if (await start.isVisible()) await start.click();
  }
  expect((await api(one, 'app.info', {})).dataFile).toBe(`${cluster.url}phuong`);

  const catalogues = await api(one, 'catalogues.get', {});
  const values = {
    fullName: 'Đặng Thị Ánh Tuyết',
    gender: 'nu',
    birth: '1990',
    currentAddress: '12 Bà Hom, Khu phố 3',
    wardId: catalogues.wards.find((ward: { name: string }) => ward.name === 'Phường Bình Tiên').id,
    categoryId: catalogues.subjectCategories[0].id,
    startDate: '01/02/2025',
  };
  const person = await api(one, 'subjects.create', values);

  // The second PC finds her without accents, and opens her record.
  await two.getByRole('link', { name: 'Đối tượng giúp đỡ' }).click();
  await two.getByLabel('Tìm kiếm').fill('dang thi anh tuyet');
  await openRow(two, two.getByRole('gridcell', { name: 'Đặng Thị Ánh Tuyết' }));
  const panel = two.getByRole('dialog');
  await panel.getByLabel('Điện thoại', { exact: true }).fill('0909 222 333');

  // Meanwhile the first PC saves her with a new address.
  await api(one, 'subjects.update', { id: person.id, version: person.version, values: { ...values, currentAddress: '45 Lò Gốm, Khu phố 1' } });
  await panel.getByRole('button', { name: 'Lưu' }).click();
  await expect(two.getByRole('alert').filter({ hasText: 'Hồ sơ đã có người khác sửa: chưa lưu' })).toContainText(/Hồ sơ đã được Cán bộ kiểm thử sửa lúc \d\d\/\d\d\/\d{4} \d\d:\d\d — xem và nhập lại\./);
  await expect(panel.getByText('Cán bộ kiểm thử đã lưu: 45 Lò Gốm, Khu phố 1')).toBeVisible();
  await screenshot(two, '97-server-version-conflict');
  expect((await api(one, 'subjects.get', { id: person.id })).subject).toMatchObject({ currentAddress: '45 Lò Gốm, Khu phố 1', phone: null, version: 2 });

  // The Backup page on a server: the app's own backup and the merge, no automatic backups, no restore into it.
  await one.getByRole('link', { name: 'Sao lưu dữ liệu' }).click();
  await expect(one.getByTestId('backup-on-server')).toContainText('sao lưu tự động không chạy trên từng máy');
  await expect(one.getByText(/^Chưa khôi phục được vào máy chủ\./)).toBeVisible();
  await expect(one.getByRole('heading', { name: 'Gộp dữ liệu từ tệp' })).toBeVisible();
  await screenshot(one, '99-server-backup');
});

test('an administrator chooses the server in Settings: checked first, applied at the next start', async ({ browser }) => {
  const dataDir = join(folder, 'may-3');
  const onFile = await startHost(dataDir);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await openApp(page, onFile);
  const start = page.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' });
  if (await start.isVisible()) await start.click();
  await page.getByRole('link', { name: 'Cài đặt' }).click();
  const section = page.locator('form').filter({ has: page.getByRole('radiogroup') });
  await section.getByRole('radio', { name: 'Máy chủ PostgreSQL (dùng chung nhiều máy)' }).check();
  const address = new URL(cluster.url);
  await section.getByLabel('Máy chủ (tên hoặc địa chỉ IP)').fill(address.hostname);
  await section.getByLabel('Cổng').fill(address.port);
  await section.getByLabel('Cơ sở dữ liệu').fill('phuong');
  await section.getByLabel('Người dùng').fill('sai ten');
  await section.getByRole('button', { name: 'Kiểm tra kết nối' }).click();
  await expect(section.getByText('Tên người dùng chỉ gồm chữ không dấu')).toBeVisible();
  await section.getByLabel('Người dùng').fill(decodeURIComponent(address.username));
  await section.getByLabel('Mật khẩu', { exact: true }).fill('sai-mat-khau');
  await section.getByRole('button', { name: 'Kiểm tra kết nối' }).click();
  await expect(section.getByRole('alert')).toContainText('sai tên người dùng hoặc mật khẩu');
  await section.getByLabel('Mật khẩu', { exact: true }).fill(cluster.password);
  await section.getByRole('button', { name: 'Kiểm tra kết nối' }).click();
  await expect(section.getByRole('status')).toContainText(/Đây là dữ liệu của ứng dụng: \d+ đối tượng, phiên bản dữ liệu \d+\. Kết nối không mã hóa\./);
  await section.getByLabel('Máy chủ (tên hoặc địa chỉ IP)').press('Control+s');
  await expect(page.getByText('Đã lưu nguồn dữ liệu.')).toBeVisible();
  await expect(page.getByText(/Từ lần khởi động sau: .*@127\.0\.0\.1:\d+\/phuong/)).toBeVisible();
  await screenshot(page, '98-data-source-saved');

  // The next start of this PC's host, with the password in a file (a browser has no key store to keep it).
  await onFile.stop();
  const onServer = await startHost(dataDir, ['--database-password-file', join(folder, 'mat-khau-may-chu.txt')], { account: false });
  await openApp(page, onServer);
  expect((await api(page, 'app.info', {})).dataFile).toBe(`${cluster.url}phuong?sslmode=disable`);
  // Its first run there (unless the other test began the data): the server's words, no restore of a file.
  if (await start.isVisible()) {
    await expect(page.getByText('Dữ liệu nằm trên máy chủ PostgreSQL dùng chung của đơn vị')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Chọn bản sao lưu…' })).toHaveCount(0);
    await start.click();
  }
  await page.getByRole('link', { name: 'Cài đặt' }).click();
  await expect(page.getByText(`Đang dùng: Máy chủ PostgreSQL (dùng chung nhiều máy) — ${cluster.url}phuong?sslmode=disable`)).toBeVisible();
  await expect(page.getByText(/^Từ lần khởi động sau:/)).toHaveCount(0);
});
