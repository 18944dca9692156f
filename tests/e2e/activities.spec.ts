/**
 * The activities register (issue 17) as an officer enters it: one session on a day, a month's total of
 * campaigns, the totals line following the filter, and an entry refused with the reason by its field.
 */
import { api, expect, openRow, screenshot, test } from './host';

test('activities: a session and a month of campaigns entered, totals by filter, a wrong entry explained', async ({ app }) => {
  await app.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' }).click();
  const catalogues = await api(app, 'catalogues.get', {});
  const ward = catalogues.wards.find((entry: { name: string }) => entry.name === 'Phường Bình Tiên');
  await api(app, 'models.create', { name: 'Tiếng chuông báo trộm khu phố 2', typeId: catalogues.modelTypes[0].id, wardId: ward.id });
  await app.getByRole('link', { name: 'Hoạt động phong trào' }).click();
  await expect(app.getByText('Chưa có hoạt động nào.')).toBeVisible();

  // One session, typed in the way officers write.
  await app.getByRole('button', { name: 'Thêm mới' }).click();
  let dialog = app.getByRole('dialog', { name: 'Thêm hoạt động' });
  await expect(dialog.getByRole('textbox', { name: 'Thời gian' })).toBeFocused();
  await dialog.getByRole('textbox', { name: 'Thời gian' }).fill('25/10/2018');
  await dialog.getByRole('textbox', { name: 'Số người tham gia' }).fill('45');
  await dialog.getByRole('combobox', { name: 'Phường' }).fill('binh tien');
  await app.getByRole('option', { name: 'Phường Bình Tiên' }).click();
  await dialog.getByRole('textbox', { name: 'Chủ đề, nội dung' }).fill('Phòng chống trộm cắp tài sản');
  await dialog.getByRole('combobox', { name: 'Mô hình tổ chức (nếu có)' }).fill('chuong bao trom');
  await app.getByRole('option', { name: /Tiếng chuông báo trộm khu phố 2/ }).click();
  await dialog.getByRole('button', { name: /^Lưu/ }).click();
  await expect(dialog).toBeHidden();

  // A month's total of campaigns: a day with 3 is refused, the month is taken.
  await app.getByRole('button', { name: 'Thêm mới' }).click();
  dialog = app.getByRole('dialog', { name: 'Thêm hoạt động' });
  await dialog.getByText('Cuộc vận động', { exact: true }).click();
  await expect(dialog.getByRole('radio', { name: 'Cuộc vận động' })).toBeChecked();
  await dialog.getByRole('textbox', { name: 'Thời gian' }).fill('05/10/2018');
  await dialog.getByRole('textbox', { name: 'Số cuộc' }).fill('3');
  await dialog.getByRole('textbox', { name: 'Số người tham gia' }).fill('3.602');
  await dialog.getByRole('combobox', { name: 'Phường' }).fill('binh tien');
  await app.getByRole('option', { name: 'Phường Bình Tiên' }).click();
  await dialog.getByRole('button', { name: /^Lưu/ }).click();
  await expect(dialog.getByText('Hãy chọn chương trình của cuộc vận động.')).toBeVisible();
  await expect(dialog.getByText('Một ngày là một buổi: tổng của nhiều buổi thì nhập theo tháng (tháng/năm).')).toBeVisible();
  await screenshot(app, '88-activity-refused');
  await dialog.getByRole('textbox', { name: 'Thời gian' }).fill('10/2018');
  await dialog.getByRole('combobox', { name: 'Chương trình' }).fill('ma tuy');
  await app.getByRole('option', { name: 'Chương trình quốc gia phòng, chống ma túy' }).click();
  await dialog.getByRole('button', { name: /^Lưu/ }).click();
  await expect(dialog).toBeHidden();

  const totals = app.getByTestId('activities-totals');
  await expect(totals).toHaveText('2 dòng: 4 buổi, cuộc với 3.647 lượt người tham gia.');
  const table = app.getByRole('table', { name: 'Hoạt động phong trào' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row').nth(1)).toContainText('25/10/2018');
  await expect(table.getByRole('row').nth(2)).toContainText('10/2018');
  await screenshot(app, '89-activities');
  // The list prints as filtered, in the official layout.
  await app.getByRole('link', { name: 'In', exact: true }).click();
  await expect(app.getByTestId('print-pages')).toHaveText('1 trang');
  await expect(app.getByText('DANH SÁCH HOẠT ĐỘNG PHONG TRÀO')).toBeVisible();
  await expect(app.getByText('Phòng chống trộm cắp tài sản')).toBeVisible();
  await screenshot(app, '89b-activities-print');
  await app.getByRole('button', { name: 'Đóng', exact: true }).click();
  await app.getByRole('textbox', { name: 'Tìm kiếm' }).fill('ma tuy');
  await expect(totals).toHaveText('1 dòng: 3 buổi, cuộc với 3.602 lượt người tham gia.');
  await app.getByRole('textbox', { name: 'Tìm kiếm' }).fill('');
  await app.getByRole('textbox', { name: 'Đến ngày' }).fill('30/09/2018');
  await expect(totals).toHaveText('0 dòng: 0 buổi, cuộc với 0 lượt người tham gia.');

  // What the register holds, read back through the API.
  const { rows } = await api(app, 'activities.list', {});
  expect(rows.map((row: { period: string; events: number; participants: number; modelName: string | null }) => [row.period, row.events, row.participants, row.modelName])).toEqual([
    ['2018-10-25', 1, 45, 'Tiếng chuông báo trộm khu phố 2'],
    ['2018-10', 3, 3602, null],
  ]);
});

test('tips: one through a model, of value and leading to a case; the counts, and the model shows its tips', async ({ app }) => {
  await app.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' }).click();
  const catalogues = await api(app, 'catalogues.get', {});
  const ward = catalogues.wards.find((entry: { name: string }) => entry.name === 'Phường Bình Tiên');
  await api(app, 'models.create', { name: 'Nhà trọ tự quản số 12 Bà Hom', typeId: catalogues.modelTypes[0].id, wardId: ward.id });
  await api(app, 'tips.create', { receivedOn: '01/02/2018', wardId: ward.id, channel: 'zalo', summary: 'Xe lạ đậu lâu trước chợ' });
  await app.getByRole('link', { name: 'Tin báo', exact: true }).click();
  await expect(app.getByTestId('tips-counts')).toHaveText('1 tin, trong đó 0 tin có giá trị, giúp xử lý, giải quyết 0 vụ việc.');

  await app.getByRole('button', { name: 'Thêm mới' }).click();
  const dialog = app.getByRole('dialog', { name: 'Thêm tin báo' });
  await dialog.getByRole('textbox', { name: 'Ngày nhận tin' }).fill('12/03/2018');
  await dialog.getByRole('combobox', { name: 'Nguồn tin' }).click();
  await app.getByRole('option', { name: 'Qua mô hình tự quản' }).click();
  await dialog.getByRole('combobox', { name: 'Mô hình đã báo tin' }).fill('ba hom');
  await app.getByRole('option', { name: /Nhà trọ tự quản số 12 Bà Hom/ }).click();
  await dialog.getByRole('combobox', { name: 'Phường' }).fill('binh tien');
  await app.getByRole('option', { name: 'Phường Bình Tiên' }).click();
  await dialog.getByRole('textbox', { name: 'Nội dung tin' }).fill('Người thuê phòng 5 mang nhiều xe máy không rõ nguồn gốc');
  await dialog.getByRole('checkbox', { name: 'Đã giúp xử lý, giải quyết vụ việc' }).check();
  await dialog.getByRole('textbox', { name: 'Số, tên vụ việc' }).fill('Vụ tiêu thụ tài sản trộm cắp 03/2018');
  await dialog.getByRole('button', { name: /^Lưu/ }).click();
  await expect(dialog.getByText('Tin giúp xử lý vụ việc là tin có giá trị: hãy đánh dấu cả ô này.')).toBeVisible();
  await dialog.getByRole('checkbox', { name: 'Tin có giá trị' }).check();
  await dialog.getByRole('button', { name: /^Lưu/ }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByTestId('tips-counts')).toHaveText('2 tin, trong đó 1 tin có giá trị, giúp xử lý, giải quyết 1 vụ việc.');
  await screenshot(app, '87-tips');

  await app.getByRole('link', { name: 'Mô hình tự quản' }).click();
  await openRow(app, app.getByRole('gridcell', { name: 'Nhà trọ tự quản số 12 Bà Hom' }));
  const panel = app.getByRole('dialog');
  await panel.getByRole('tab', { name: 'Tin báo' }).click();
  await expect(panel.getByTestId('model-tips-counts')).toHaveText('1 tin, trong đó 1 tin có giá trị, giúp xử lý, giải quyết 1 vụ việc.');
  await expect(panel.getByText('Người thuê phòng 5 mang nhiều xe máy không rõ nguồn gốc')).toBeVisible();

  // Its yearly evaluation offers the register's count of tips for the year.
  await panel.getByRole('tab', { name: /Đánh giá năm/ }).click();
  await panel.getByRole('button', { name: 'Thêm đánh giá năm' }).click();
  const evaluation = app.getByRole('dialog', { name: 'Thêm đánh giá năm' });
  await evaluation.getByRole('textbox', { name: 'Năm' }).fill('2018');
  await expect(evaluation.getByText('Sổ tin báo: 1 tin qua mô hình trong năm (1 tin có giá trị).')).toBeVisible();
  await evaluation.getByRole('button', { name: 'Dùng số này' }).click();
  await expect(evaluation.getByRole('textbox', { name: 'Tin báo cung cấp' })).toHaveValue('1');
});
