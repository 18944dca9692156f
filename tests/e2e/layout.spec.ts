/**
 * An ordinary office screen (1366×768, the viewport of every spec): each page once, with its drawers and
 * dialogs open, saved as screenshots to look at; and every button named for a screen reader.
 */
import type { Page } from '@playwright/test';
import { api, expect, openApp, openRow, screenshot, startHost, test } from './host';

async function openDemo(page: Page, dataDir: string) {
  const host = await startHost(dataDir, ['--demo']);
  await openApp(page, host);
  await expect(page.getByTestId('models-count')).toHaveText('Hiển thị 100 / 100 mô hình');
  return host;
}

/** Set-up through the same HTTP API the page uses. */
const goTo = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true }).click();

/** Badges whose words do not fit them ("ĐANG SỬ DỤ…"). */
async function cutBadges(page: Page): Promise<string[]> {
  return page.locator('.mantine-Badge-label').evaluateAll((labels) =>
    labels.filter((label) => label.getClientRects().length > 0 && label.scrollWidth > label.clientWidth + 1).map((label) => label.textContent ?? ''),
  );
}

test('every page at 1366×768, screenshots to look at', async ({ page, dataDir }) => {
  await openDemo(page, dataDir);
  expect.soft(await cutBadges(page), 'badges cut on the models page').toEqual([]);
  await screenshot(page, 'layout-models');
  // A long model name wraps instead of ending in "…" after the words every model of its type shares.
  const firstName = page.locator('.ag-row[row-index="0"] [col-id="name"]');
  await expect(firstName).toHaveText(/^Đội công tác xã hội tình nguyện số \d+ khu phố \d+, Phường /);
  const name = (await firstName.textContent()) ?? '';
  await expect(firstName).toHaveAttribute('title', name);
  expect(await firstName.locator('.grid-two-lines').evaluate((cell) => cell.scrollHeight <= cell.clientHeight + 1)).toBe(true);

  // A model's members, the Tổ trưởng first; a saved member's toast beside the drawer, not over its buttons.
  await openRow(page, firstName);
  const drawer = page.getByRole('dialog');
  await drawer.getByRole('tab', { name: /Thành viên/ }).click();
  await expect(drawer.getByRole('table', { name: 'Thành viên' }).getByRole('row').nth(1)).toContainText('Tổ trưởng');
  await screenshot(page, 'layout-model-members');
  await drawer.getByRole('button', { name: 'Thêm thành viên' }).click();
  const memberDialog = page.getByRole('dialog', { name: 'Thêm thành viên' });
  await memberDialog.getByLabel('Họ và tên').fill('Trần Văn Kiểm');
  await memberDialog.getByRole('button', { name: 'Lưu' }).click();
  const toast = page.locator('.mantine-Notification-root').filter({ hasText: 'Đã lưu.' });
  await expect(toast).toBeVisible();
  const toastBox = await toast.boundingBox();
  const drawerBox = await page.locator('.mantine-Drawer-content').boundingBox();
  expect(toastBox && drawerBox && toastBox.x + toastBox.width <= drawerBox.x, 'the toast stays left of the drawer').toBe(true);
  await screenshot(page, 'layout-drawer-toast');
  // The model's history tells of its members too.
  await drawer.getByRole('tab', { name: 'Lịch sử' }).click();
  await expect(drawer.getByRole('table', { name: 'Lịch sử', exact: true })).toContainText('Thành viên Trần Văn Kiểm: Thêm mới');
  await screenshot(page, 'layout-model-history');
  await drawer.getByRole('tab', { name: /Thông tin chung/ }).click();
  await screenshot(page, 'layout-model-general');
  await drawer.getByRole('button', { name: 'Đóng' }).first().click();

  await goTo(page, 'Tổng quan');
  await screenshot(page, 'layout-home');

  // The individuals' filters fold into one row; "Bộ lọc" says how many are set.
  await goTo(page, 'Đối tượng giúp đỡ');
  await expect(page.getByTestId('subjects-count')).toContainText('Hiển thị 100 / 100');
  await expect(page.getByRole('combobox', { name: 'Diện đối tượng' })).toBeHidden();
  const gridBox = await page.getByRole('region', { name: 'Đối tượng giáo dục, giúp đỡ' }).boundingBox();
  expect(gridBox?.height ?? 0, 'the grid has most of the height').toBeGreaterThan(500);
  await screenshot(page, 'layout-subjects');
  await page.getByRole('button', { name: 'Bộ lọc' }).click();
  await page.getByRole('combobox', { name: 'Nhóm' }).click();
  await page.getByRole('option', { name: 'Nhóm A' }).click();
  await page.getByRole('combobox', { name: 'Tình trạng' }).click();
  await page.getByRole('option', { name: 'Đang giúp đỡ' }).click();
  await expect(page.getByRole('button', { name: 'Bộ lọc (2)' })).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByLabel('Theo tình trạng')).toContainText('Đang giúp đỡ');
  expect.soft(await cutBadges(page), 'badges cut on the subjects page').toEqual([]);
  await screenshot(page, 'layout-subjects-filters');
  await page.getByRole('button', { name: 'Bộ lọc (2)' }).click();
  await expect(page.getByRole('combobox', { name: 'Nhóm' })).toBeHidden();
  await page.getByRole('button', { name: 'Bỏ lọc' }).click();
  await expect(page.getByRole('button', { name: 'Bộ lọc', exact: true })).toBeVisible();
  await expect(page.getByTestId('subjects-count')).toContainText('Hiển thị 100 / 100');
  await openRow(page, page.locator('.ag-row[row-index="0"] [col-id="rosterName"]'));
  await screenshot(page, 'layout-subject-drawer');
  await page.keyboard.press('Escape');

  // An award round with a long collective's and a person's nominations.
  const catalogues = await api(page, 'catalogues.get', {});
  const round = await api(page, 'rounds.create', { name: 'Sơ kết 05 năm Chương trình 09', periodFrom: 2013, periodTo: 2018 });
  for (const [kind, nomineeName, unit] of [
    ['tap_the', 'Đội công tác xã hội tình nguyện số 1 khu phố 7, Phường Bình Phú', '337 An Dương Vương, Khu phố 7, Phường Bình Phú'],
    ['ca_nhan', 'Huỳnh Minh Khoa', 'Tổ trưởng Đội công tác xã hội tình nguyện số 1 khu phố 7, Phường Bình Phú'],
  ]) {
    await api(page, 'nominations.create', { roundId: round.id, kind, nomineeName, unit, formId: catalogues.awardForms[0].id });
  }
  for (const [link, file] of [
    ['Đến hạn đánh giá', 'due'],
    ['Hồ sơ trùng lặp', 'duplicates'],
    ['Khen thưởng', 'awards'],
    ['Nhập từ Excel', 'import'],
    ['Sao lưu dữ liệu', 'backup'],
    ['Danh mục', 'catalogues'],
    ['Cài đặt', 'settings'],
  ] as const) {
    await goTo(page, link);
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    if (link === 'Khen thưởng') await expect(page.getByRole('gridcell', { name: 'Huỳnh Minh Khoa' })).toBeVisible();
    expect.soft(await cutBadges(page), `badges cut on ${link}`).toEqual([]);
    await screenshot(page, `layout-${file}`);
  }
  await goTo(page, 'Danh mục');
  for (const tab of ['Khu phố', 'Loại mô hình', 'Diện đối tượng', 'Tổ chức phụ trách', 'Hình thức khen thưởng']) {
    await page.getByRole('tab', { name: tab }).click();
    expect.soft(await cutBadges(page), `badges cut on Danh mục, ${tab}`).toEqual([]);
  }
  await screenshot(page, 'layout-catalogues-forms');
});

/**
 * The buttons on screen that a screen reader would announce with no name (an icon alone, a close "×"),
 * each as a short piece of its markup. Hidden ones and those inside aria-hidden subtrees are not heard.
 */
async function unnamedButtons(page: Page): Promise<string[]> {
  return page.locator('button, [role="button"]').evaluateAll((elements) =>
    elements
      .filter((element) => element.getClientRects().length > 0 && !element.closest('[aria-hidden="true"], [inert]'))
      .filter((element) => {
        const labelledBy = (element.getAttribute('aria-labelledby') ?? '')
          .split(/\s+/)
          .map((id) => (id ? (document.getElementById(id)?.textContent ?? '') : ''))
          .join(' ');
        const named = [labelledBy, element.getAttribute('aria-label') ?? '', (element as HTMLElement).innerText ?? '', element.getAttribute('title') ?? ''];
        return named.every((text) => text.trim() === '');
      })
      .map((element) => element.outerHTML.slice(0, 200)),
  );
}

async function expectNamedButtons(page: Page, where: string) {
  expect.soft(await unnamedButtons(page), `buttons without an accessible name on ${where}`).toEqual([]);
}

test('every button on the main pages and in open drawers and dialogs has an accessible name', async ({ page, dataDir }) => {
  await openDemo(page, dataDir);
  await expectNamedButtons(page, 'models');
  // A filter chosen shows its clear button.
  await page.getByRole('button', { name: 'Bộ lọc' }).click();
  await page.getByRole('combobox', { name: 'Loại mô hình' }).click();
  await page.getByRole('option', { name: 'Nhà trọ tự quản' }).click();
  await expect(page.getByTestId('models-count')).toHaveText('Hiển thị 20 / 100 mô hình');
  await expectNamedButtons(page, 'models, filtered');

  // A model's drawer, each tab, a sub-dialog, the status dialog, and a toast.
  await openRow(page, page.locator('.ag-row[row-index="0"] [col-id="name"]'));
  const drawer = page.getByRole('dialog');
  await expectNamedButtons(page, 'model drawer');
  for (const tab of [/Thành viên/, /Đánh giá năm/, /Khen thưởng/, /Lịch sử/]) {
    await drawer.getByRole('tab', { name: tab }).click();
    await expectNamedButtons(page, `model drawer, tab ${tab.source}`);
  }
  await drawer.getByRole('tab', { name: /Thành viên/ }).click();
  await drawer.getByRole('button', { name: 'Thêm thành viên' }).click();
  const memberDialog = page.getByRole('dialog', { name: 'Thêm thành viên' });
  await expectNamedButtons(page, 'add member dialog');
  await memberDialog.getByLabel('Họ và tên').fill('Trần Văn Kiểm');
  await memberDialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(memberDialog).toBeHidden();
  await expect(page.getByText('Đã lưu.')).toBeVisible();
  await expectNamedButtons(page, 'model drawer with a toast');
  await drawer.getByRole('button', { name: 'Đổi tình trạng' }).click();
  await expectNamedButtons(page, 'status dialog');
  await page.keyboard.press('Escape');
  await drawer.getByRole('button', { name: 'Xóa (chuyển vào Thùng rác)' }).click();
  await expect(page.getByRole('dialog', { name: 'Xóa (chuyển vào Thùng rác)' })).toBeVisible();
  await expectNamedButtons(page, 'confirm dialog');
  await page.getByRole('button', { name: 'Hủy' }).click();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // The printable list and the export menu.
  await page.getByRole('link', { name: 'In', exact: true }).click();
  await expect(page.getByRole('button', { name: /In|Xuất PDF/ }).first()).toBeVisible();
  await expectNamedButtons(page, 'print preview');
  await page.goBack();
  await expect(page.getByTestId('models-count')).toBeVisible();
  await page.getByRole('button', { name: 'Xuất Excel' }).click();
  await expectNamedButtons(page, 'export menu');
  await page.keyboard.press('Escape');

  // The individuals register, a record's drawer and its tabs.
  await goTo(page, 'Đối tượng giúp đỡ');
  await expect(page.getByTestId('subjects-count')).toContainText('Hiển thị');
  await expectNamedButtons(page, 'subjects');
  await openRow(page, page.locator('.ag-row[row-index="0"] [col-id="rosterName"]'));
  await expectNamedButtons(page, 'subject drawer');
  for (const tab of [/Đánh giá định kỳ/, /Lịch sử/]) {
    await page.getByRole('dialog').getByRole('tab', { name: tab }).click();
    await expectNamedButtons(page, `subject drawer, tab ${tab.source}`);
  }
  await page.keyboard.press('Escape');

  for (const name of ['Tổng quan', 'Đến hạn đánh giá', 'Hồ sơ trùng lặp', 'Khen thưởng', 'Nhập từ Excel', 'Sao lưu dữ liệu', 'Danh mục', 'Cài đặt']) {
    await goTo(page, name);
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    await expectNamedButtons(page, name);
  }
  await goTo(page, 'Khen thưởng');
  await page.getByRole('button', { name: 'Thêm đợt khen thưởng' }).click();
  await expectNamedButtons(page, 'award round dialog');
  await page.keyboard.press('Escape');
  await goTo(page, 'Danh mục');
  await page.getByRole('button', { name: /^Sửa / }).first().click();
  await expectNamedButtons(page, 'catalogue dialog');
});
