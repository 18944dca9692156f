/**
 * Accounts (issue 16) as officers meet them: the first run creates the administrator, who adds a
 * read-only officer; that officer signs in, does not see ID numbers and cannot add records.
 */
import { api, expect, screenshot, signIn, startHost, test } from './host';

const ADMIN = { username: 'truong.ca', password: 'Phường Phú Lâm 2026' };
const BACKUP_PASSWORD = 'sao lưu Phú Lâm';
const VIEWER = { username: 'canbo.xem', password: 'chỉ xem thôi nhé', own: 'mật khẩu riêng của Xem' };

test('first run creates the administrator; a read-only officer they add sees no ID number and cannot add records', async ({ page, dataDir }) => {
  const host = await startHost(dataDir, [], { account: false });
  // The page's clock can be moved on, for the idle lock (it runs as usual until then).
  await page.clock.install();
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Thiết lập lần đầu' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Tên đơn vị' }).fill('Công an phường Phú Lâm');
  await page.getByRole('textbox', { name: 'Cơ quan cấp trên' }).fill('Công an Thành phố Hồ Chí Minh');
  await page.getByRole('textbox', { name: 'Địa danh (dòng ngày tháng)' }).fill('Thành phố Hồ Chí Minh');
  await page.getByRole('textbox', { name: 'Họ và tên' }).fill('Nguyễn Văn Trưởng');
  await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(ADMIN.username);
  await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('ngắn');
  await page.getByRole('textbox', { name: 'Nhập lại mật khẩu', exact: true }).fill('ngắn');
  await page.getByRole('button', { name: 'Tạo tài khoản quản trị' }).click();
  await expect(page.getByText('Mật khẩu cần ít nhất 10 ký tự.')).toBeVisible();
  await screenshot(page, '95-first-run-setup');
  await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(ADMIN.password);
  await page.getByRole('textbox', { name: 'Nhập lại mật khẩu', exact: true }).fill(ADMIN.password);
  // Encrypted backups are offered (ticked): the backup password, twice.
  await expect(page.getByRole('checkbox', { name: /Mã hóa bản sao lưu/ })).toBeChecked();
  await page.getByRole('button', { name: 'Tạo tài khoản quản trị' }).click();
  await expect(page.getByText('Hãy nhập mật khẩu sao lưu, hoặc bỏ chọn mã hóa.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Mật khẩu sao lưu', exact: true }).fill(BACKUP_PASSWORD);
  await page.getByRole('textbox', { name: 'Nhập lại mật khẩu sao lưu' }).fill(BACKUP_PASSWORD);
  await page.getByRole('button', { name: 'Tạo tài khoản quản trị' }).click();
  await page.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' }).click();
  await expect(page.getByTestId('signed-in-user')).toHaveText('Nguyễn Văn Trưởng');
  expect((await api(page, 'print.settings', {})).unitName).toBe('Công an phường Phú Lâm');
  // In the browser the backup password is held for this run only (no key store to seal it with).
  expect(await api(page, 'backup.status', {})).toMatchObject({ hasAutomaticPassword: true, passwordKeeping: 'this-run', settings: { encryptAutomatic: true } });

  // A person with an ID number, entered by the administrator.
  const catalogues = await api(page, 'catalogues.get', {});
  const person = await api(page, 'subjects.create', { fullName: 'Trần Văn Bảo', gender: 'nam', birth: '1980', idNumber: '079080001111', wardId: catalogues.wards[0].id, categoryId: catalogues.subjectCategories[0].id, startDate: '01/01/2025', history: 'Trộm cắp tài sản năm 2019.' });

  // The administrator adds a read-only officer.
  await page.getByRole('link', { name: 'Tài khoản' }).click();
  await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thêm tài khoản' });
  await dialog.getByRole('textbox', { name: 'Họ và tên' }).fill('Lê Thị Xem');
  await dialog.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(VIEWER.username);
  await dialog.getByRole('combobox', { name: 'Vai trò' }).click();
  await page.getByRole('option', { name: /^Chỉ xem/ }).click();
  await dialog.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(VIEWER.password);
  await dialog.getByRole('textbox', { name: 'Nhập lại mật khẩu' }).fill(VIEWER.password);
  await dialog.getByRole('button', { name: /^Lưu/ }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row', { name: /canbo\.xem/ });
  await expect(row).toContainText('Chỉ xem');
  await expect(row).toContainText('Đang dùng');
  // The administrator chose this password, so its owner must choose their own at the first sign-in.
  await expect(row).toContainText('Phải đổi mật khẩu');
  await screenshot(page, '96-accounts');

  // The audit log: who did what; filtered to the individuals, the one person entered.
  await page.getByRole('link', { name: 'Nhật ký' }).click();
  const log = page.getByRole('table', { name: 'Nhật ký' });
  await expect(log.getByRole('row', { name: /Tài khoản.*Thêm mới/ }).first()).toContainText('Nguyễn Văn Trưởng');
  await page.getByRole('combobox', { name: 'Loại hồ sơ' }).click();
  await page.getByRole('option', { name: 'Đối tượng', exact: true }).click();
  await expect(page.getByTestId('audit-count')).toHaveText('Hiển thị 1 / 1 mục');
  await expect(log).toContainText('Thêm mới');
  await screenshot(page, '99-audit-log');

  // The officer signs in: no accounts page, no ID number, no new records.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  await screenshot(page, '97-sign-in');
  await signIn(page, VIEWER);
  await expect(page.getByText('Mật khẩu này do người quản trị đặt')).toBeVisible();
  await page.getByRole('textbox', { name: 'Mật khẩu hiện tại' }).fill(VIEWER.password);
  await page.getByRole('textbox', { name: 'Mật khẩu mới' }).fill(VIEWER.own);
  await page.getByRole('textbox', { name: 'Nhập lại mật khẩu' }).fill(VIEWER.own);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByTestId('signed-in-user')).toHaveText('Lê Thị Xem');
  await expect(page.getByRole('link', { name: 'Tài khoản' })).toHaveCount(0);
  const seen = await api(page, 'subjects.get', { id: person.id });
  expect(seen.subject.fullName).toBe('Trần Văn Bảo');
  expect(seen.subject.idNumber).toBeNull();
  expect(seen.subject.history).toBeNull();
  const create = await page.evaluate(async () => (await fetch('/api/subjects.create', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status);
  expect(create).toBe(403);

  // Ten minutes without a key press: the screen locks, the data is hidden and refused, the password opens it again.
  await page.getByRole('link', { name: 'Đối tượng giúp đỡ' }).click();
  await expect(page.getByText('Trần Văn Bảo')).toBeVisible();
  await page.clock.fastForward('10:05');
  const lock = page.getByRole('dialog', { name: 'Màn hình đã khóa' });
  await expect(lock).toBeVisible();
  await expect(page.getByText('Trần Văn Bảo')).toBeHidden();
  const whileLocked = await page.evaluate(async () => (await fetch('/api/subjects.list', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status);
  expect(whileLocked).toBe(401);
  await screenshot(page, '98-idle-lock');
  await lock.getByRole('textbox', { name: 'Mật khẩu' }).fill('không phải mật khẩu');
  await lock.getByRole('button', { name: 'Mở khóa' }).click();
  await expect(lock.getByText('Tên đăng nhập hoặc mật khẩu không đúng.')).toBeVisible();
  await lock.getByRole('textbox', { name: 'Mật khẩu' }).fill(VIEWER.own);
  await lock.getByRole('button', { name: 'Mở khóa' }).click();
  await expect(lock).toBeHidden();
  await expect(page.getByText('Trần Văn Bảo')).toBeVisible();
  // Signed out, nothing is answered but the sign-in.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  const afterSignOut = await page.evaluate(async () => (await fetch('/api/subjects.list', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status);
  expect(afterSignOut).toBe(401);
  await host.stop();
});
