/**
 * Real data has every trap at once: one roster of individuals and one of models, as a ward keeps them,
 * imported into a fresh install with no catalogue set-up, once as written by ExcelJS and once saved
 * again by LibreOffice. Every row's outcome and every stored value is checked.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TCVN3_TABLE, VNI_TABLE } from '../../src/main/import/legacy-encodings';
import type { ImportPreview } from '../../src/shared/imports';
import { libreOffice, openTestApp, type TestApp } from './helpers';
import { actions, runImport, toLegacy } from './import-helpers';

const RELEASED = 'Người chấp hành xong án phạt tù về địa phương';
const AFTER_REHAB = 'Người sau cai nghiện ma túy';

/** The individuals' roster: title rows, a header broken over lines, blank rows inside, a total row, and the traps row by row. */
async function peopleRoster(file: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('DS doi tuong');
  sheet.addRow(['CÔNG AN QUẬN 6']);
  sheet.addRow(['CÔNG AN PHƯỜNG 15']);
  sheet.addRow(['DANH SÁCH ĐỐI TƯỢNG ĐƯỢC GIÁO DỤC, GIÚP ĐỠ NĂM 2024']);
  sheet.addRow([]);
  sheet.addRow(['STT', 'Họ và tên\nđối tượng', 'Ngày, tháng,\nnăm sinh', 'Giới\ntính', 'Số CCCD/\nCMND', 'Phường', 'Khu phố', 'Diện\nđối tượng', 'Ngày bắt đầu\ngiúp đỡ']); // row 5
  const rows: (string | number | Date | null)[][] = [
    [1, 'Nguyễn Văn Bình', 1985, 'Nam', 79085000123, 'P15', 'KP3', RELEASED, '01/02/2024'], // 6: year as a number, ID lost its zero
    [2, toLegacy('Trần Thị Lan', TCVN3_TABLE), '12/03/1990', 'Nữ', '079190000124', 'P.15', 'kp 03', 'Sau cai nghiện', '01/02/2024'], // 7: .VnTime
    [3, toLegacy('Lê Văn Tư', VNI_TABLE), new Date(Date.UTC(1978, 5, 5)), 'Nam', '7908500012', 'Phường 15', 'Khu phố 3', RELEASED, '01/02/2024'], // 8: VNI-Times, an ID of 10 digits
    [],
    [4, '  PHẠM   VĂN  ĐỨC ', '5-6-88', 'Nam', null, '15', 'KP.4', 'NGƯỜI CHẤP HÀNH XONG ÁN PHẠT TÙ VỀ ĐỊA PHƯƠNG', '01/02/2024'], // 10: capitals, spaces, d-m-yy
    [5, 'Hoàng Thị Mai'.normalize('NFD'), 'ngày 7 tháng 8 năm 1992', 'Nữ', null, 'p15', 'Khu phố 4', 'Sau cai nghiện', '01/02/2024'], // 11: NFD, written date
    [6, 'Phạm Văn Đức', '1988', 'Nam', null, 'Phường 15', 'KP4', RELEASED, '01/03/2024'], // 12: a likely duplicate of row 10
    [7, 'Vũ Thị Hồng', 1995, 'Nữ', '079195000127', 'P15', 'KP3', RELEASED, '01/02/2024'], // 13
    [8, 'Vũ Thị Hồng', 1995, 'Nữ', '079195000127', 'P15', 'KP3', RELEASED, '01/02/2024'], // 14: the same ID again
    [],
  ];
  for (const row of rows) sheet.addRow(row);
  sheet.addRow(['Tổng cộng', '8 người']);
  sheet.getCell('B7').font = { name: '.VnTime' };
  sheet.getCell('B8').font = { name: 'VNI-Times' };
  await workbook.xlsx.writeFile(file);
  return file;
}

/** The models' roster: one member per row, member counts written as text, founding dates to the month or year. */
async function modelsRoster(file: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Mo hinh');
  sheet.addRow(['DANH SÁCH MÔ HÌNH TỰ QUẢN']);
  sheet.addRow(['STT', 'Tên mô hình', 'Loại mô hình', 'Phường', 'Khu phố', 'Năm thành lập', 'Số thành viên', 'Họ và tên thành viên', 'Chức vụ']); // row 2
  sheet.addRow([1, 'Tổ xe ôm tự quản chợ Bình Tiên', 'Tổ xe ôm tự quản', 'P15', 'KP3', '03/2016', '18 người', 'Trần Văn Tài', 'Tổ trưởng']);
  sheet.addRow([null, null, null, null, null, null, null, 'Lý Văn Sơn', 'Tổ viên']);
  sheet.addRow([2, 'Nhà trọ tự quản khu phố 4', 'nhà trọ tự quản', 'p.15', 'KP.04', 2014, '20', 'Đỗ Thị Thu', 'Tổ trưởng']);
  sheet.addRow([3, 'Tổ an ninh tự quản hẻm 12', 'Tổ an ninh tự quản', 'Phường 15', 'KP 3', '05/03/2016', 24, 'Mai Văn Lộc', 'Tổ trưởng']);
  await workbook.xlsx.writeFile(file);
  return file;
}

const keysOf = (preview: ImportPreview) => Object.fromEntries(preview.unknownValues.map((value) => [`${value.catalogue}:${value.text}`, value]));

async function importPeople(app: TestApp, file: string) {
  const first = await runImport(app, file, 'subjects');
  expect(first.layout.headerRow).toBe(5);
  const unknown = keysOf(first.preview);
  // Each value once, whatever its spelling: phường 15 (8 rows), khu phố 3 and 4 of it, one category wording.
  expect(Object.keys(unknown).sort()).toEqual(['neighbourhoods:KP.4', 'neighbourhoods:KP3', 'subjectCategories:Sau cai nghiện', 'wards:P15']);
  expect(unknown['wards:P15']?.rows).toBe(8);
  expect(unknown['neighbourhoods:KP3']?.rows).toBe(5);
  expect(unknown['neighbourhoods:KP.4']?.rows).toBe(3);
  expect(unknown['subjectCategories:Sau cai nghiện']?.suggestion?.name).toBe(AFTER_REHAB);
  await first.close();

  const category = unknown['subjectCategories:Sau cai nghiện'];
  const catalogueChoices = [
    ...['wards:P15', 'neighbourhoods:KP3', 'neighbourhoods:KP.4'].map((name) => ({ key: unknown[name]?.key as string, action: 'add' as const })),
    { key: category?.key as string, action: 'map' as const, entryId: category?.suggestion?.id as string },
  ];
  const decided = await runImport(app, file, 'subjects', { catalogueChoices, withoutId: [8] });
  expect(actions(decided.preview.rows)).toEqual({ 6: 'add', 7: 'add', 8: 'add', 10: 'add', 11: 'add', 12: 'check', 13: 'add', 14: 'error' });
  expect(decided.preview.dropped.map((row) => `${row.rowNumber} ${row.reason}`)).toEqual(['9 blank', '15 blank', '16 total']);
  const warnings = Object.fromEntries(decided.preview.rows.map((row) => [row.rowNumber, row.warnings.map((warning) => warning.message).join(' ')]));
  expect(warnings[6]).toContain('Thêm số 0 đầu mà Excel đã bỏ (79085000123 -> 079085000123).');
  expect(warnings[8]).toContain('Số CCCD/CMND có 10 chữ số');
  expect(warnings[12]).toContain('Có thể trùng với dòng 10 của tệp: cùng họ tên, năm sinh, phường.');
  expect(decided.preview.rows.find((row) => row.rowNumber === 14)?.problems[0]?.message).toBe('Trùng với dòng 13 của tệp.');
  const decoded = decided.preview.decoded.cells.map((cell) => `${cell.rowNumber}:${cell.decoded}`);
  expect(decoded).toEqual(expect.arrayContaining(['7:Trần Thị Lan', '8:Lê Văn Tư']));
  expect(await decided.commit()).toMatchObject({ added: 7, updated: 0, skipped: [{ rowNumber: 14 }] });
}

async function storedPeople(app: TestApp) {
  const catalogues = await app.call('catalogues.get', {});
  const name = (id: string | null) => [...catalogues.wards, ...catalogues.neighbourhoods, ...catalogues.subjectCategories].find((entry) => entry.id === id)?.name ?? null;
  const rows = (await app.call('subjects.list', {})).rows;
  const people = await Promise.all(rows.map(async (row) => (await app.call('subjects.get', { id: row.id })).subject));
  return people.map((person) => [person.fullName, person.birthDate ?? person.birthYear, person.gender, person.idNumber, name(person.wardId), name(person.neighbourhoodId), name(person.categoryId)].join(' | ')).sort();
}

const PEOPLE = [
  'Hoàng Thị Mai | 1992-08-07 | nu |  | Phường 15 | Khu phố 4 | Người sau cai nghiện ma túy',
  'Lê Văn Tư | 1978-06-05 | nam |  | Phường 15 | Khu phố 3 | Người chấp hành xong án phạt tù về địa phương',
  'Nguyễn Văn Bình | 1985 | nam | 079085000123 | Phường 15 | Khu phố 3 | Người chấp hành xong án phạt tù về địa phương',
  'Phạm Văn Đức | 1988 | nam |  | Phường 15 | Khu phố 4 | Người chấp hành xong án phạt tù về địa phương',
  'Phạm Văn Đức | 1988-06-05 | nam |  | Phường 15 | Khu phố 4 | Người chấp hành xong án phạt tù về địa phương',
  'Trần Thị Lan | 1990-03-12 | nu | 079190000124 | Phường 15 | Khu phố 3 | Người sau cai nghiện ma túy',
  'Vũ Thị Hồng | 1995 | nu | 079195000127 | Phường 15 | Khu phố 3 | Người chấp hành xong án phạt tù về địa phương',
];

describe('a ward\'s real roster on a fresh install', { timeout: 120_000 }, () => {
  it('takes every trap at once, from ExcelJS and from LibreOffice, and adds nothing the second time', async () => {
    const source = await peopleRoster(join((await openTestApp()).dir, 'danh-sach.xlsx'));
    const [savedByLibreOffice] = (await libreOffice([source], 'xlsx', join(source, '..', 'lo'))) as [string];
    for (const file of [source, savedByLibreOffice]) {
      const app = await openTestApp();
      await importPeople(app, file);
      expect(await storedPeople(app)).toEqual(PEOPLE);
      // The NFD name is stored in NFC, and found without accents.
      expect((await app.call('subjects.list', { search: 'hoang thi mai' })).rows.map((row) => row.fullName)).toEqual(['Hoàng Thị Mai'.normalize('NFC')]);
      expect((await app.call('subjects.duplicatePairs', {})).map((pair) => pair.a.fullName)).toEqual(['Phạm Văn Đức']);
      // The same roster again: every value known now, every person found once.
      const again = await runImport(app, file, 'subjects', { withoutId: [8] });
      expect(again.preview.unknownValues).toEqual([]);
      expect(actions(again.preview.rows)).toEqual({ 6: 'same', 7: 'same', 8: 'same', 10: 'same', 11: 'same', 12: 'same', 13: 'same', 14: 'error' });
    }
  });

  it('keeps a models sheet\'s member counts written as text and its founding dates to the month or year', async () => {
    const app = await openTestApp();
    const file = await modelsRoster(join(app.dir, 'mo-hinh.xlsx'));
    const first = await runImport(app, file, 'models');
    const unknown = keysOf(first.preview);
    expect(Object.keys(unknown).sort()).toEqual(['modelTypes:Tổ an ninh tự quản', 'neighbourhoods:KP.04', 'neighbourhoods:KP3', 'wards:P15']);
    await first.close();
    const decided = await runImport(app, file, 'models', { catalogueChoices: first.preview.unknownValues.map((value) => ({ key: value.key, action: 'add' as const })) });
    expect(actions(decided.preview.rows)).toEqual({ 3: 'add', 4: 'add', 5: 'add', 6: 'add' });
    expect(await decided.commit()).toMatchObject({ added: 4, skipped: [] });
    const models = (await app.call('models.list', {})).rows;
    const details = await Promise.all(models.map(async (row) => (await app.call('models.get', { id: row.id })).model));
    expect(details.map((model) => `${model.name} | ${model.foundedOn} | ${model.declaredMemberCount}`).sort()).toEqual([
      'Nhà trọ tự quản khu phố 4 | 2014 | 20',
      'Tổ an ninh tự quản hẻm 12 | 2016-03-05 | 24',
      'Tổ xe ôm tự quản chợ Bình Tiên | 2016-03 | 18',
    ]);
    expect(models.map((row) => row.memberCount).sort()).toEqual([1, 1, 2]);
  });
});
