import { expect, test } from './host';

// Issue 13, "keyboard first": after opening a form, the keyboard alone enters and saves it; Esc closes one
// layer at a time and asks before typed data is thrown away; confirms focus the safe choice.
test('keyboard-only entry, Esc one layer at a time, confirms focus the safe choice', async ({ app: page }) => {
  await page.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' }).click();
  await page.getByRole('button', { name: 'Thêm mới' }).click();

  // The caret starts in the first field: typing right away lands there, letter for letter.
  const modelName = 'Tổ tự quản Nguyễn Trãi';
  await page.keyboard.type(modelName);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Nhà trọ');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab'); // Tình trạng
  await page.keyboard.press('Tab');
  await page.keyboard.type('Bình Tiên');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+s');
  await expect(page.getByText('Đã thêm mô hình.')).toBeVisible();
  const drawer = page.getByRole('dialog', { name: modelName });
  await expect(drawer.getByLabel('Tên mô hình')).toHaveValue(modelName);

  // A member typed straight after opening the dialog keeps its first letters; Enter in a dialog's field saves it.
  await drawer.getByRole('tab', { name: /Thành viên/ }).click();
  await drawer.getByRole('button', { name: 'Thêm thành viên' }).click();
  const memberDialog = page.getByRole('dialog', { name: 'Thêm thành viên' });
  await page.keyboard.type('Nguyễn Văn Tư');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Tổ viên');
  await page.keyboard.press('Enter');
  await expect(memberDialog).toBeHidden();
  await expect(drawer.getByRole('cell', { name: 'Nguyễn Văn Tư', exact: true })).toBeVisible();
  await expect(drawer.getByRole('cell', { name: 'Tổ viên', exact: true })).toBeVisible();

  // Esc in a sub-dialog with typed data asks first; Esc in the question closes only the question.
  await drawer.getByRole('button', { name: 'Thêm thành viên' }).click();
  await page.keyboard.type('Trần Thị Lan');
  await page.keyboard.press('Escape');
  const discard = page.getByRole('dialog', { name: 'Bỏ các thay đổi chưa lưu?' });
  await expect(discard.getByRole('button', { name: 'Tiếp tục sửa' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(discard).toBeHidden();
  await expect(memberDialog.getByLabel('Họ và tên')).toHaveValue('Trần Thị Lan');
  // Discarding (one Tab to the red button) closes the sub-dialog only; the record drawer stays.
  await page.keyboard.press('Escape');
  await expect(discard.getByRole('button', { name: 'Tiếp tục sửa' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(discard.getByRole('button', { name: 'Bỏ thay đổi' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(memberDialog).toBeHidden();
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('tab', { name: 'Thành viên (1)' })).toBeVisible();

  // A remove confirm focuses "Hủy": Enter keeps the member.
  await drawer.getByRole('button', { name: 'Xóa Nguyễn Văn Tư' }).click();
  const removeConfirm = page.getByRole('dialog', { name: 'Xóa' });
  await expect(removeConfirm.getByRole('button', { name: 'Hủy' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(removeConfirm).toBeHidden();
  await expect(drawer.getByRole('cell', { name: 'Nguyễn Văn Tư', exact: true })).toBeVisible();

  // The status dialog also starts in its first field, and Esc (nothing typed) closes only that dialog.
  await drawer.getByRole('button', { name: 'Đổi tình trạng' }).click();
  const statusDialog = page.getByRole('dialog', { name: 'Đổi tình trạng' });
  await expect(statusDialog.getByRole('combobox', { name: 'Tình trạng' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(statusDialog).toBeHidden();
  await expect(drawer).toBeVisible();

  // With nothing typed, one Esc closes the drawer itself.
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
});

test('a catalogue dialog asks before Esc drops what was typed', async ({ app: page }) => {
  await page.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' }).click();
  await page.getByRole('link', { name: 'Danh mục' }).click();
  await page.getByRole('button', { name: 'Thêm phường' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thêm phường' });
  await page.keyboard.type('Phường Chợ Lớn');
  await page.keyboard.press('Escape');
  const discard = page.getByRole('dialog', { name: 'Bỏ các thay đổi chưa lưu?' });
  await expect(discard.getByRole('button', { name: 'Tiếp tục sửa' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(discard.getByRole('button', { name: 'Bỏ thay đổi' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('cell', { name: 'Phường Chợ Lớn' })).toHaveCount(0);
});
