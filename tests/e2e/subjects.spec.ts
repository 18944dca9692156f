import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { api, ARTIFACTS, expect, openRow, screenshot, test } from './host';

/** Test set-up through the same HTTP API the page uses. */
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
  // The question is gone before the drawer's "Đóng" is pressed (its own × is named "Đóng" too).
  await expect(warning).toBeHidden();
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
  await expect(panel.getByText('Nguyễn Văn Bình (12/03/1985)', { exact: true })).toBeVisible();
  await expect(panel.getByText('Hồ sơ Nguyễn Văn Bình (12/03/1985) đã được gộp vào hồ sơ này.')).toBeVisible(); // with "Hoàn tác gộp" beside it
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

test('merging look-alike records: both side by side before, marked in the Trash after, and undone', async ({ app }) => {
  await app.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' }).click();
  const catalogues = await api(app, 'catalogues.get', {});
  const person = {
    fullName: 'Phạm Văn Đức',
    gender: 'nam',
    wardId: catalogues.wards.find((ward: { name: string }) => ward.name === 'Phường Bình Tiên').id,
    categoryId: catalogues.subjectCategories[0].id,
    startDate: '01/02/2025',
  };
  // Two records of what may be one man: the same name, birth year and ward, and little else alike.
  const kept = await api(app, 'subjects.create', { ...person, birth: '15/04/1990', idNumber: '079090001234', currentAddress: '12 Bà Hom, Khu phố 3' });
  const other = await api(app, 'subjects.create', { ...person, birth: '1990', idNumber: '079090005678', currentAddress: '45 Lò Gốm, Khu phố 1', helperName: 'Lê Thị Thanh Thảo' });
  await api(app, 'reviews.create', { subjectId: other.id, reviewedOn: '01/03/2025', result: 'tien_bo' });
  await api(app, 'reviews.create', { subjectId: other.id, reviewedOn: '01/04/2025', result: 'chua_tien_bo' });

  await app.getByRole('link', { name: 'Hồ sơ trùng lặp' }).click();
  await app.getByRole('button', { name: 'Giữ hồ sơ này: Phạm Văn Đức 15/04/1990' }).click();
  const confirm = app.getByRole('dialog', { name: 'Gộp hồ sơ' });
  const table = confirm.getByRole('table', { name: 'Gộp hồ sơ' });
  await expect(table.getByRole('columnheader')).toHaveText(['Mục', 'Hồ sơ giữ lại', 'Hồ sơ gộp vào (chuyển vào Thùng rác)']);
  const row = (label: string) => table.getByRole('row').filter({ has: app.getByRole('cell', { name: label }) });
  await expect(row('Họ và tên').getByRole('cell')).toHaveText(['Họ và tên', 'Phạm Văn Đức', 'Phạm Văn Đức']);
  await expect(row('Họ và tên')).not.toHaveAttribute('data-differs');
  for (const [label, kept, merged] of [
    ['Ngày sinh / Năm sinh', '15/04/1990', '1990'],
    ['Số CCCD/CMND (4 số cuối)', '…1234', '…5678'],
    ['Nơi ở hiện nay', '12 Bà Hom, Khu phố 3', '45 Lò Gốm, Khu phố 1'],
    ['Số lần đánh giá', '0', '2 (gần nhất 01/04/2025)'],
  ]) {
    await expect(row(label!)).toHaveAttribute('data-differs', 'true');
    await expect(row(label!).getByRole('cell')).toHaveText([`${label} (khác nhau)`, kept!, merged!]);
  }
  await expect(row('Phường / Khu phố')).not.toHaveAttribute('data-differs');
  await expect(confirm.getByRole('button', { name: 'Hủy' })).toBeFocused();
  await screenshot(app, '37-merge-compare');
  await confirm.getByRole('button', { name: 'Gộp hồ sơ' }).click();
  await expect(app.getByText('Đã gộp hai hồ sơ.')).toBeVisible();

  // The register shows one; the Trash shows the other, marked with the record it went into.
  await app.getByRole('link', { name: 'Đối tượng giúp đỡ' }).click();
  await expect(app.getByTestId('subjects-count')).toHaveText('Hiển thị 1 / 1 đối tượng');
  await app.getByText('Thùng rác', { exact: true }).click();
  await expect(app.getByTestId('subjects-count')).toHaveText('Hiển thị 1 / 1 đối tượng');
  const note = app.getByRole('gridcell', { name: 'Đã gộp vào Phạm Văn Đức (15/04/1990)' });
  await screenshot(app, '38-trash-merged');
  await openRow(app, note);
  let panel = app.getByRole('dialog');
  await expect(panel.getByText('Hồ sơ này đã được gộp vào hồ sơ Phạm Văn Đức (15/04/1990).')).toBeVisible();
  await expect(panel.getByRole('tab', { name: 'Đánh giá định kỳ (0)' })).toBeVisible();
  await screenshot(app, '39-merged-record-panel');
  await panel.getByRole('button', { name: 'Hoàn tác gộp' }).click();
  const undo = app.getByRole('dialog', { name: 'Hoàn tác gộp' });
  await expect(undo).toContainText('Tách hồ sơ Phạm Văn Đức (1990) ra khỏi hồ sơ Phạm Văn Đức (15/04/1990)');
  await undo.getByRole('button', { name: 'Hoàn tác gộp' }).click();
  await expect(app.getByText('Đã hoàn tác gộp: hai hồ sơ đã trở lại như trước khi gộp.')).toBeVisible();
  // Its reviews are back on it, and it is out of the Trash.
  await expect(panel.getByRole('tab', { name: 'Đánh giá định kỳ (2)' })).toBeVisible();
  await expect(panel.getByText('Hồ sơ này đã được gộp vào')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Đóng' }).click();
  await expect(app.getByTestId('subjects-count')).toHaveText('Hiển thị 0 / 0 đối tượng');

  await app.getByRole('main').getByText('Đối tượng giúp đỡ', { exact: true }).click(); // the register, beside "Thùng rác"
  await expect(app.getByTestId('subjects-count')).toHaveText('Hiển thị 2 / 2 đối tượng');
  await expect(app.getByRole('gridcell', { name: '15/04/1990' })).toBeVisible();
  await expect(app.getByRole('gridcell', { name: '1990', exact: true })).toBeVisible();
  await openRow(app, app.getByRole('gridcell', { name: '45 Lò Gốm, Khu phố 1' }));
  panel = app.getByRole('dialog');
  await expect(panel.getByText('Phạm Văn Đức (1990)')).toBeVisible();
  await expect(panel.getByRole('tab', { name: 'Đánh giá định kỳ (2)' })).toBeVisible();
  await panel.getByRole('button', { name: 'Đóng' }).click();

  // Merged again (the other way round), and undone from the kept record's own panel.
  await api(app, 'subjects.merge', { keepId: other.id, mergeId: kept.id });
  await app.getByLabel('Tìm kiếm').fill('pham van duc');
  await expect(app.getByTestId('subjects-count')).toHaveText('Hiển thị 1 / 1 đối tượng');
  await openRow(app, app.getByRole('gridcell', { name: '45 Lò Gốm, Khu phố 1' }));
  panel = app.getByRole('dialog');
  await expect(panel.getByText('Hồ sơ Phạm Văn Đức (15/04/1990) đã được gộp vào hồ sơ này.')).toBeVisible();
  await panel.getByRole('button', { name: 'Hoàn tác gộp: Phạm Văn Đức (15/04/1990)' }).click();
  await app.getByRole('dialog', { name: 'Hoàn tác gộp' }).getByRole('button', { name: 'Hoàn tác gộp' }).click();
  await expect(panel.getByText('đã được gộp vào hồ sơ này')).toHaveCount(0);
  await expect(panel.getByText('Phạm Văn Đức (1990)', { exact: true })).toBeVisible(); // its birth as before the merge
  await panel.getByRole('button', { name: 'Đóng' }).click();
  await expect(app.getByTestId('subjects-count')).toHaveText('Hiển thị 2 / 2 đối tượng');
});

test('an administrator deletes a person for good from the Trash: gone from the register, the log keeps only who and when', async ({ app }) => {
  await app.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' }).click();
  const catalogues = await api(app, 'catalogues.get', {});
  const person = await api(app, 'subjects.create', {
    fullName: 'Quách Thị Ngọc Lan',
    gender: 'nu',
    birth: '1992',
    idNumber: '079192007777',
    history: 'Đã chấp hành xong án phạt về tội đánh bạc.',
    wardId: catalogues.wards[0].id,
    categoryId: catalogues.subjectCategories[0].id,
    startDate: '01/02/2025',
  });
  await api(app, 'reviews.create', { subjectId: person.id, reviewedOn: '01/03/2025', result: 'tien_bo' });
  await api(app, 'subjects.trash', { id: person.id });

  await app.getByRole('link', { name: 'Đối tượng giúp đỡ' }).click();
  await app.getByText('Thùng rác', { exact: true }).click();
  await openRow(app, app.getByRole('gridcell', { name: 'Quách Thị Ngọc Lan' }));
  const panel = app.getByRole('dialog');
  await panel.getByRole('button', { name: 'Xóa hẳn' }).click();
  const ask = app.getByRole('dialog', { name: 'Xóa hẳn' });
  await expect(ask).toContainText('Không thể hoàn tác');
  await expect(ask.getByRole('button', { name: 'Hủy' })).toBeFocused();
  await screenshot(app, '93-purge-confirm');
  await ask.getByRole('button', { name: 'Xóa hẳn' }).click();
  await expect(app.getByText('Đã xóa hẳn 1 hồ sơ và 1 lần đánh giá.')).toBeVisible();
  await expect(app.getByTestId('subjects-count')).toHaveText('Hiển thị 0 / 0 đối tượng');
  expect(await app.evaluate(async (id) => (await fetch('/api/subjects.get', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id }) })).status, person.id)).toBe(404);

  // The log: the deletion named, and the earlier entries without their values.
  await app.getByRole('link', { name: 'Nhật ký' }).click();
  const log = app.getByRole('table', { name: 'Nhật ký' });
  await expect(log.getByRole('row', { name: /Đối tượng.*Xóa hẳn/ })).toBeVisible();
  await expect(log.getByTestId('history-purged').first()).toContainText('Nội dung đã xóa hẳn lúc');
  await expect(log).not.toContainText('Quách Thị Ngọc Lan');
  await screenshot(app, '94-audit-after-purge');

  // The log, filtered to the individuals, exported and printed as shown.
  await app.getByRole('combobox', { name: 'Loại hồ sơ' }).click();
  await app.getByRole('option', { name: 'Đối tượng', exact: true }).click();
  await expect(app.getByTestId('audit-count')).toHaveText('Hiển thị 4 / 4 mục');
  await app.getByRole('button', { name: 'Xuất Excel' }).click();
  const [xlsx] = await Promise.all([app.waitForEvent('download'), app.getByRole('menuitem', { name: 'Bảng tính Excel (.xlsx)' }).click()]);
  expect(xlsx.suggestedFilename()).toMatch(/^nhat-ky-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const xlsxFile = join(ARTIFACTS, 'nhat-ky.xlsx');
  await xlsx.saveAs(xlsxFile);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsxFile);
  const cells = workbook.worksheets[0]!.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.slice(1).map((value) => String(value ?? '')) : []));
  expect(cells).toEqual(expect.arrayContaining(['NHẬT KÝ SỬ DỤNG PHẦN MỀM', 'Loại hồ sơ: Đối tượng', 'Xóa hẳn', 'Xóa (vào Thùng rác)']));
  expect(cells.join(' ')).not.toContain('Quách');
  await app.getByRole('link', { name: 'In', exact: true }).click();
  await expect(app.getByText('4 dòng', { exact: true })).toBeVisible();
  const pdf = join(ARTIFACTS, 'nhat-ky.pdf');
  const downloading = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Lưu PDF' }).click();
  await (await downloading).saveAs(pdf);
  const printed = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(printed).toContain('NHẬT KÝ SỬ DỤNG PHẦN MỀM');
  expect(printed).toContain('Loại hồ sơ: Đối tượng');
  expect(printed).toContain('Nội dung đã xóa hẳn lúc');
  expect(printed).not.toContain('Quách');
});

test('two officers on one person: a save over the other officer’s save is refused with what they saved, then entered again', async ({ app }) => {
  await app.setViewportSize({ width: 1366, height: 768 });
  await app.getByRole('button', { name: 'Bắt đầu nhập dữ liệu thật' }).click();
  const catalogues = await api(app, 'catalogues.get', {});
  const values = {
    fullName: 'Trịnh Văn Sang',
    gender: 'nam',
    birth: '1988',
    currentAddress: '12 Bà Hom, Khu phố 3',
    wardId: catalogues.wards.find((ward: { name: string }) => ward.name === 'Phường Bình Tiên').id,
    categoryId: catalogues.subjectCategories[0].id,
    startDate: '01/02/2025',
  };
  const person = await api(app, 'subjects.create', values);

  await app.getByRole('link', { name: 'Đối tượng giúp đỡ' }).click();
  await openRow(app, app.getByRole('gridcell', { name: 'Trịnh Văn Sang' }));
  const panel = app.getByRole('dialog');
  await panel.getByLabel('Điện thoại', { exact: true }).fill('0909 111 222');

  // Meanwhile the other PC saves the person (through the API, as its window does) with a new address.
  await api(app, 'subjects.update', { id: person.id, version: person.version, values: { ...values, currentAddress: '45 Lò Gốm, Khu phố 1' } });

  await panel.getByRole('button', { name: 'Lưu' }).click();
  const notice = app.getByRole('alert').filter({ hasText: 'Hồ sơ đã có người khác sửa: chưa lưu' });
  await expect(notice).toContainText(/Hồ sơ đã được Cán bộ kiểm thử sửa lúc \d\d\/\d\d\/\d{4} \d\d:\d\d — xem và nhập lại\./);
  // What the other saved is shown at the address; what this officer typed stays in the form.
  await expect(panel.getByText('Cán bộ kiểm thử đã lưu: 45 Lò Gốm, Khu phố 1')).toBeVisible();
  await expect(panel.getByLabel('Nơi ở hiện nay')).toHaveValue('12 Bà Hom, Khu phố 3');
  await expect(panel.getByLabel('Điện thoại', { exact: true })).toHaveValue('0909 111 222');
  await screenshot(app, '98-version-conflict');
  let stored = (await api(app, 'subjects.get', { id: person.id })).subject;
  expect(stored).toMatchObject({ currentAddress: '45 Lò Gốm, Khu phố 1', phone: null, version: 2 });

  // Saving again on the version opened is refused again: the form never takes the other's version by itself.
  await panel.getByRole('button', { name: 'Lưu' }).click();
  await expect(notice).toHaveCount(2);
  expect((await api(app, 'subjects.get', { id: person.id })).subject).toMatchObject({ phone: null, version: 2 });

  // The officer closes the record (dropping what was typed), opens it again on the new version, sees the
  // other's address and enters the phone again: both changes are kept.
  await app.keyboard.press('Escape');
  await app.getByRole('dialog', { name: 'Bỏ các thay đổi chưa lưu?' }).getByRole('button', { name: 'Bỏ thay đổi' }).click();
  await openRow(app, app.getByRole('gridcell', { name: 'Trịnh Văn Sang' }));
  await expect(panel.getByLabel('Nơi ở hiện nay')).toHaveValue('45 Lò Gốm, Khu phố 1');
  await panel.getByLabel('Điện thoại', { exact: true }).fill('0909 111 222');
  await panel.getByRole('button', { name: 'Lưu' }).click();
  await expect(app.getByText('Đã lưu.')).toBeVisible();
  stored = (await api(app, 'subjects.get', { id: person.id })).subject;
  expect(stored).toMatchObject({ currentAddress: '45 Lò Gốm, Khu phố 1', phone: '0909111222', version: 3 });
});
