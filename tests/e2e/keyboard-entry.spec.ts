import type { Page } from '@playwright/test';
import { api, expect, screenshot, test } from './host';

// Issue 13, "how it is checked": a day of entry with the keyboard alone once each form is open (buttons
// that open forms are clicked; nothing inside a form is), then every name read back letter for letter.

/** Types into the focused dropdown (without accents) and takes the first match with Enter at once, as a fast typist does. */
async function choose(page: Page, text: string) {
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Enter moves on in a drawer's form, as on paper. */
async function next(page: Page, times = 1) {
  for (let press = 0; press < times; press++) await page.keyboard.press('Enter');
}

const MODEL = 'Tổ xe ôm tự quản Hậu Giang';
const MEMBERS: [string, string][] = [
  ['Ưng Thị Ánh', 'Tổ viên'],
  ['Đỗ Văn Ửng', 'Tổ trưởng'],
  ['Ông Thị Ỷ', 'Tổ phó'],
];
const PERSON = 'Ứng Văn Đạt';

test('a model with members and an evaluation, a person with reviews and a nomination, all from the keyboard', async ({ app: page }) => {
  test.setTimeout(240_000);
  await page.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' }).click();
  // A register of more than 100 models, so the one to link is far beyond any first page.
  const catalogues = await api(page, 'catalogues.get', {});
  await page.evaluate(
    async ({ typeId, wardId }) => {
      for (let index = 1; index <= 110; index++) {
        const name = `Mô hình tự quản số ${String(index).padStart(3, '0')}`;
        await fetch('/api/models.create', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, typeId, wardId }) });
      }
    },
    { typeId: catalogues.modelTypes[0].id, wardId: catalogues.wards[0].id },
  );
  await api(page, 'rounds.create', { name: 'Sơ kết năm 2026', periodFrom: 2026, periodTo: 2026 });

  // The model: the caret starts in its name; Tab and typing pick the type and the ward; Ctrl+S saves.
  await page.getByRole('link', { name: 'Mô hình tự quản' }).click();
  await page.getByRole('button', { name: 'Thêm mới' }).click();
  await page.keyboard.type(MODEL);
  await page.keyboard.press('Tab');
  await choose(page, 'xe om');
  await page.keyboard.press('Tab'); // Tình trạng keeps "Đang hoạt động"
  await page.keyboard.press('Tab');
  await choose(page, 'binh tien');
  await page.keyboard.press('Control+s');
  await expect(page.getByText('Đã thêm mô hình.')).toBeVisible();
  const drawer = page.getByRole('dialog', { name: MODEL });

  // Three members: name, Tab, role, Enter saves each dialog.
  await drawer.getByRole('tab', { name: /Thành viên/ }).click();
  for (const [name, role] of MEMBERS) {
    await drawer.getByRole('button', { name: 'Thêm thành viên' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm thành viên' });
    await expect(dialog.getByLabel('Họ và tên')).toBeFocused();
    await page.keyboard.type(name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(role);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
  }
  await expect(drawer.getByRole('tab', { name: 'Thành viên (3)' })).toBeVisible();

  // A yearly evaluation: year, Tab, the rating typed without accents, Ctrl+S.
  await drawer.getByRole('tab', { name: /Đánh giá năm/ }).click();
  await drawer.getByRole('button', { name: 'Thêm đánh giá năm' }).click();
  const evaluation = page.getByRole('dialog', { name: 'Thêm đánh giá năm' });
  await page.keyboard.type('2025');
  await page.keyboard.press('Tab');
  await choose(page, 'tot');
  await page.keyboard.press('Control+s');
  await expect(evaluation).toBeHidden();
  await expect(drawer.getByRole('cell', { name: 'Tốt', exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // A person known only by birth year, every field reached with Enter.
  await page.getByRole('link', { name: 'Đối tượng giúp đỡ' }).click();
  await page.getByRole('button', { name: 'Thêm mới' }).click();
  // The drawer puts the caret in its first field once open: typing before that went to no field (seen on a busy machine).
  await expect(page.getByRole('dialog').getByLabel('Họ và tên')).toBeFocused();
  await page.keyboard.type(PERSON);
  await next(page, 2); // Bí danh
  await choose(page, 'nam');
  await next(page);
  await page.keyboard.type('1987');
  await next(page, 3); // Số CCCD, Số điện thoại
  await choose(page, 'binh tien');
  await next(page, 2); // Khu phố
  await page.keyboard.type('12 Bà Hom, Phường Bình Tiên');
  await next(page, 2); // Nơi ở hiện nay
  await choose(page, 'chap hanh xong an');
  await next(page, 2); // Nhóm
  await page.keyboard.type('01/02/2026');
  await page.keyboard.press('Control+s');
  await expect(page.getByText('Đã thêm hồ sơ đối tượng.')).toBeVisible();
  const personDrawer = page.getByRole('dialog', { name: new RegExp(PERSON) });
  await expect(personDrawer.getByText(`${PERSON} (1987)`)).toBeVisible();

  // Two reviews: date, Tab Tab, the result typed, Enter saves.
  await personDrawer.getByRole('tab', { name: /Đánh giá định kỳ/ }).click();
  for (const [date, result] of [
    ['01/03/2026', 'chua tien bo'],
    ['01/04/2026', 'tien bo'],
  ] as const) {
    await personDrawer.getByRole('button', { name: 'Thêm lần đánh giá' }).click();
    const review = page.getByRole('dialog', { name: 'Thêm lần đánh giá' });
    await page.keyboard.type(date);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await choose(page, result);
    await page.keyboard.press('Enter');
    await expect(review).toBeHidden();
  }
  await expect(personDrawer.getByTestId('review-item')).toHaveCount(2);
  await page.keyboard.press('Escape');

  // A nomination: the caret starts in the model picker, which finds the 111th model typed without accents.
  await page.getByRole('link', { name: 'Khen thưởng' }).click();
  await page.getByRole('button', { name: 'Thêm đề nghị' }).click();
  const nomination = page.getByRole('dialog', { name: 'Thêm đề nghị' });
  await expect(nomination.getByRole('combobox', { name: 'Chọn từ sổ mô hình' })).toBeFocused();
  // Opened empty, it pages through the register; the last choice loads the next page.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('option', { name: 'Xem thêm (đang hiện 20 / 111)' })).toBeVisible();
  await page.keyboard.press('ArrowUp'); // from the first row, which is chosen already, up wraps round to "Xem thêm"
  await page.keyboard.press('Enter');
  await expect(page.getByRole('option', { name: 'Xem thêm (đang hiện 40 / 111)' })).toBeVisible();
  await page.keyboard.type('xe om hau giang');
  await expect(page.getByRole('option', { name: new RegExp(MODEL) })).toBeVisible();
  await screenshot(page, '45-nomination-picker');
  await page.keyboard.press('Enter');
  await expect(nomination.getByLabel('Tên tập thể / cá nhân')).toHaveValue(MODEL);
  await next(page, 4); // Tên, Đơn vị, Phường, then Hình thức khen thưởng
  await choose(page, 'giay khen');
  await page.keyboard.press('Control+s');
  await expect(page.getByText('Đã thêm đề nghị.')).toBeVisible();

  // Read back: every name letter for letter, and the nomination linked to the model.
  const models = await api(page, 'models.list', { search: 'hau giang' });
  expect(models.rows.map((row: { name: string }) => row.name)).toEqual([MODEL]);
  const detail = await api(page, 'models.get', { id: models.rows[0].id });
  expect(detail.members.map((member: { fullName: string; role: string }) => [member.fullName, member.role]).sort()).toEqual([...MEMBERS].sort());
  expect(detail.evaluations.map((row: { year: number; rating: string }) => [row.year, row.rating])).toEqual([[2025, 'tot']]);
  const people = await api(page, 'subjects.list', { search: 'ung van dat' });
  expect(people.rows.map((row: { fullName: string; birthYear: number; birthDate: string | null }) => [row.fullName, row.birthYear, row.birthDate])).toEqual([[PERSON, 1987, null]]);
  const awarded = await api(page, 'nominations.nomineeHistory', { modelId: models.rows[0].id });
  expect(awarded.map((row: { nomineeName: string; formName: string }) => [row.nomineeName, row.formName])).toEqual([[MODEL, 'Giấy khen']]);
});
