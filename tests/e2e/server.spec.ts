/**
 * The app on a shared PostgreSQL server (issue 18): two PCs (two web hosts, each with its own data folder)
 * open one server database of a throwaway cluster (tests/postgres/cluster.ts). A person entered on one is
 * found without accents on the other, and a save over the other's save is refused with what they saved.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../postgres/cluster';
import { createDatabase } from '../postgres/databases';
import { api, E2E_ACCOUNT, expect, openApp, openRow, screenshot, startHost, test } from './host';

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
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'src/main/cli.ts', 'users', 'add', '--username', E2E_ACCOUNT.username, '--name', E2E_ACCOUNT.displayName, '--role', 'quan_tri', '--password-file', accountPassword, '--keep-password', '--data-dir', join(folder, 'cli'), ...serverArgs],
    { stdio: 'pipe' },
  );
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
});
