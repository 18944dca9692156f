/**
 * Import, reading half: workbooks (.xlsx by exceljs, .xls and .xlsx written by LibreOffice, .csv in
 * several encodings) into rows, the header found below title rows and across a merged two-row header,
 * and header labels matched to the registers' fields.
 */
import ExcelJS from 'exceljs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHeader, headerAt } from '../../src/main/import/header';
import { TCVN3_TABLE, VNI_TABLE } from '../../src/main/import/legacy-encodings';
import { normaliseSheet } from '../../src/main/import/normalise';
import { ImportFileError, MAX_IMPORT_BYTES, MAX_UNPACKED_BYTES, readWorkbook, unpackedZipSize, type CellValue, type Workbook } from '../../src/main/import/read';
import {
  autoMap,
  columnIndex,
  columnLetters,
  columnMapping,
  IMPORT_FIELDS,
  IMPORT_REGISTERS,
  layoutKey,
  resolveColumnMapping,
  SUBJECT_IMPORT_FIELDS,
  type ImportField,
} from '../../src/shared/imports';
import { memberInput, modelInput } from '../../src/shared/models';
import { reviewInput, subjectInput, subjectStatusInput } from '../../src/shared/subjects';
import { apiError, libreOffice, openTestApp, tempDir, type TestApp } from './helpers';
import { toLegacy } from './import-helpers';

const xlsxBuffer = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());
const firstSheet = (workbook: Workbook) => {
  const sheet = workbook.sheets[0];
  if (!sheet) throw new Error('The workbook has no sheet.');
  return sheet;
};

const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));

/** The columns with cells converted from a legacy encoding, and the encoding. */
const decodedColumns = (sheet: { decoded: { column: number; encoding: string }[] }) => Object.fromEntries(sheet.decoded.map((cell) => [cell.column, cell.encoding]));

/**
 * A roster of individuals as a ward writes it: the unit and a title above the table, a merged two-row
 * header ("Ngày sinh" over "Nam | Nữ"), the birth date under the gender's column, numbers and dates as
 * Excel keeps them, names in capitals with double spaces, NFD text, a helper column typed in TCVN3 and
 * a history column in VNI, then a blank row, a total row and blank rows.
 */
async function subjectRoster(): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Đối tượng');
  sheet.getCell('A1').value = 'CÔNG AN PHƯỜNG BÌNH TIÊN';
  sheet.mergeCells('A1:D1');
  sheet.getCell('A2').value = 'DANH SÁCH ĐỐI TƯỢNG ĐƯỢC GIÁO DỤC, GIÚP ĐỠ TẠI PHƯỜNG';
  sheet.mergeCells('A2:M2');
  const header: [string, string][] = [
    ['A', 'STT'],
    ['B', 'Họ và tên'],
    ['E', 'Số CCCD'],
    ['F', 'Điện thoại'],
    ['G', 'Nơi ở hiện nay'],
    ['H', 'Khu phố'],
    ['I', 'Phường'],
    ['J', 'Diện đối tượng'],
    ['K', 'Ngày bắt đầu'],
    ['L', 'Người giúp đỡ'],
    ['M', 'Quá trình vi phạm'],
  ];
  for (const [column, label] of header) {
    sheet.getCell(`${column}4`).value = label;
    sheet.mergeCells(`${column}4:${column}5`);
  }
  sheet.getCell('C4').value = 'Ngày sinh';
  sheet.mergeCells('C4:D4');
  sheet.getCell('C5').value = 'Nam';
  sheet.getCell('D5').value = 'Nữ';
  const tcvn3 = (text: string) => toLegacy(text, TCVN3_TABLE);
  const vni = (text: string) => toLegacy(text, VNI_TABLE);
  const rows: CellValue[][] = [
    [1, 'NGUYỄN  VĂN   AN', 31118, null, 79085012345, 912345678, 'Số 12 đường Hậu Giang'.normalize('NFD'), 'Khu phố 3', 'Phường Bình Tiên', 'Người sau cai nghiện ma túy', utc(2023, 1, 15), tcvn3('Nguyễn Văn Bình'), vni('Nghiện ma túy')],
    [2, 'Trần Thị Bình', null, '12/3/1990', '079190000123', '0987 654 321', '45 Bình Tây', 'Khu phố 1', 'Phường Bình Tây', 'Người chưa thành niên vi phạm pháp luật', 'ngày 5 tháng 6 năm 2022', tcvn3('Trần Thị Hà'), vni('Trộm cắp tài sản')],
    [3, 'lê văn cường', 1985, null, null, null, '7 Phú Lâm', 'Khu phố 2', 'Phường Phú Lâm', 'Đối tượng khác', '31/02/2023', tcvn3('Lê Văn Tùng'), vni('Cướp giật tài sản')],
  ];
  rows.forEach((values, index) => {
    sheet.getRow(6 + index).values = values;
  });
  sheet.getCell('B9').value = { richText: [{ text: 'Phạm ' }, { text: 'Thị Dung', font: { bold: true } }] };
  sheet.getCell('D9').value = { formula: 'DATE(1992,7,1)', result: utc(1992, 7, 1) };
  sheet.getCell('D9').numFmt = 'dd/mm/yyyy';
  sheet.getCell('F9').value = { error: '#N/A' };
  sheet.getCell('I9').value = { text: 'Phường Bình Phú', hyperlink: 'https://example.invalid' };
  sheet.getCell('J9').value = 'Người chấp hành xong án phạt tù về địa phương';
  sheet.getCell('K9').value = ' 12 / 03 / 2024 ';
  sheet.getCell('L9').value = tcvn3('Đặng Văn Ướt');
  sheet.getCell('M9').value = vni('Đánh nhau');
  sheet.getCell('A11').value = 'Tổng cộng: 4 người';
  sheet.mergeCells('A11:C11');
  sheet.getCell('A13').value = '   ';
  return workbook;
}

describe('readWorkbook: .xlsx', () => {
  it('reads merged cells, formulas, rich text, hyperlinks, errors and dates, and leaves trailing blank rows out', async () => {
    const sheet = firstSheet(await readWorkbook(await xlsxBuffer(await subjectRoster()), 'doi-tuong.xlsx'));
    expect(sheet.name).toBe('Đối tượng');
    expect(sheet.rows).toHaveLength(11);
    expect(sheet.rows.every((row) => row.length === 13)).toBe(true);
    expect(sheet.rows[0]?.slice(0, 5)).toEqual(['CÔNG AN PHƯỜNG BÌNH TIÊN', 'CÔNG AN PHƯỜNG BÌNH TIÊN', 'CÔNG AN PHƯỜNG BÌNH TIÊN', 'CÔNG AN PHƯỜNG BÌNH TIÊN', null]);
    expect(sheet.rows[3]?.slice(0, 4)).toEqual(['STT', 'Họ và tên', 'Ngày sinh', 'Ngày sinh']);
    expect(sheet.rows[4]?.slice(0, 4)).toEqual(['STT', 'Họ và tên', 'Nam', 'Nữ']);
    const [stt, name, male, , idNumber, phone, , , , , start] = sheet.rows[5] ?? [];
    expect([stt, name, male, idNumber, phone, start]).toEqual([1, 'NGUYỄN  VĂN   AN', 31118, 79085012345, 912345678, utc(2023, 1, 15)]);
    const fourth = sheet.rows[8] ?? [];
    expect(fourth[1]).toBe('Phạm Thị Dung');
    expect(fourth[3]).toEqual(utc(1992, 7, 1));
    expect(fourth[5]).toBe('#N/A');
    expect(fourth[8]).toBe('Phường Bình Phú');
    expect(sheet.rows[10]?.slice(0, 4)).toEqual(['Tổng cộng: 4 người', 'Tổng cộng: 4 người', 'Tổng cộng: 4 người', null]);
  });

  it('gives the 1904 date system of old Mac workbooks, whose dates exceljs already reads right', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.properties.date1904 = true;
    const sheet = workbook.addWorksheet('Mac');
    sheet.getCell('A1').value = 29656;
    sheet.getCell('A1').numFmt = 'dd/mm/yyyy';
    sheet.getCell('A2').value = 29656;
    const read = await readWorkbook(await xlsxBuffer(workbook), 'mac.xlsx');
    expect(read.date1904).toBe(true);
    expect(firstSheet(read).rows).toEqual([[utc(1985, 3, 12)], [29656]]);
  });

  it('reads every sheet, and a workbook saved under the wrong extension', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Trống');
    workbook.addWorksheet('Mô hình').getCell('B2').value = 'Tổ xe ôm tự quản';
    const read = await readWorkbook(await xlsxBuffer(workbook), 'mo-hinh.xls');
    expect(read.sheets.map((sheet) => sheet.name)).toEqual(['Trống', 'Mô hình']);
    expect(read.sheets[0]?.rows).toEqual([]);
    expect(read.sheets[1]?.rows).toEqual([[null, null], [null, 'Tổ xe ôm tự quản']]);
  });
});

describe('readWorkbook: refusals', () => {
  const refusal = async (data: Buffer, fileName: string) => {
    const error = await readWorkbook(data, fileName).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ImportFileError);
    return error as ImportFileError;
  };

  it('refuses unknown extensions, huge, empty, damaged and password-protected files with a Vietnamese message', async () => {
    expect(await refusal(Buffer.from('x'), 'danh-sach.docx')).toMatchObject({ problem: 'unknown_extension', code: 'validation', message: expect.stringContaining('chỉ nhập được tệp Excel (.xlsx, .xls), tệp OpenDocument (.ods, .fods) hoặc tệp .csv') });
    expect(await refusal(Buffer.alloc(MAX_IMPORT_BYTES + 1), 'lon.csv')).toMatchObject({ problem: 'too_large', message: expect.stringContaining('quá lớn (50,0 MB)') });
    expect(await refusal(Buffer.alloc(0), 'trong.csv')).toMatchObject({ problem: 'empty', message: expect.stringContaining('không có dữ liệu') });
    expect(await refusal(Buffer.from(' \r\n ;; \r\n'), 'trong.csv')).toMatchObject({ problem: 'empty' });
    const blank = new ExcelJS.Workbook();
    blank.addWorksheet('Sheet1');
    expect(await refusal(await xlsxBuffer(blank), 'trong.xlsx')).toMatchObject({ problem: 'empty' });
    expect(await refusal(Buffer.from('không phải tệp Excel'), 'hong.xlsx')).toMatchObject({ problem: 'unreadable', message: expect.stringContaining('bị hỏng') });
    expect(await refusal(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200)]), 'hong.xlsx')).toMatchObject({ problem: 'unreadable' });
    const encrypted = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(500), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(500)]);
    expect(await refusal(Buffer.from('<?xml version="1.0"?><html/>'), 'gia.fods')).toMatchObject({ problem: 'unreadable' });
    expect(await refusal(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'), Buffer.alloc(200)]), 'hong.ods')).toMatchObject({ problem: 'unreadable' });
    expect(await refusal(encrypted, 'mat-khau.xlsx')).toMatchObject({ problem: 'password', message: expect.stringContaining('được đặt mật khẩu') });
  });

  it('refuses, before unpacking it, an .xlsx that would unpack to more than the app can hold in memory', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Danh sách').addRow(['Họ và tên', 'Năm sinh']).commit();
    const data = await xlsxBuffer(workbook);
    const declared = unpackedZipSize(data) as number;
    expect(declared).toBeGreaterThan(data.length); // the parts are stored compressed
    expect((await readWorkbook(data, 'nho.xlsx')).sheets[0]?.rows).toEqual([['Họ và tên', 'Năm sinh']]);
    // The same file, its sheet's entry in the zip directory saying it unpacks to 200 MB.
    const entry = data.lastIndexOf('xl/worksheets/sheet1.xml') - 46; // the directory's copy of the name, after its 46-byte header
    expect(data.readUInt32LE(entry)).toBe(0x02014b50);
    const huge = Buffer.from(data);
    huge.writeUInt32LE(200 * 1024 * 1024, entry + 24);
    expect(unpackedZipSize(huge)).toBe(declared - data.readUInt32LE(entry + 24) + 200 * 1024 * 1024);
    expect(MAX_UNPACKED_BYTES).toBeLessThan(200 * 1024 * 1024);
    expect(await refusal(huge, 'rat-lon.xlsx')).toMatchObject({ problem: 'too_large', message: expect.stringMatching(/"rat-lon.xlsx" chứa quá nhiều dữ liệu .*\(200 MB khi giải nén; tối đa 150 MB/) });
    expect(unpackedZipSize(Buffer.from('không phải zip'))).toBeNull();
  });
});

describe('readWorkbook: .csv', () => {
  it('reads UTF-8 with a BOM, quoted fields with commas, quotes and line breaks', async () => {
    const text = '\ufeffDANH SÁCH MÔ HÌNH\r\n\r\nTên mô hình,Địa chỉ,Ghi chú\r\n"Tổ xe ôm tự quản","12, Hậu Giang","Có ""tổ trưởng""\nmới"\r\nNhà trọ tự quản,,\r\n';
    const sheet = firstSheet(await readWorkbook(Buffer.from(text, 'utf8'), 'C:\\Users\\canbo\\mo-hinh.csv'));
    expect(sheet.name).toBe('mo-hinh');
    expect(sheet.rows).toEqual([
      ['DANH SÁCH MÔ HÌNH', null, null],
      [null, null, null],
      ['Tên mô hình', 'Địa chỉ', 'Ghi chú'],
      ['Tổ xe ôm tự quản', '12, Hậu Giang', 'Có "tổ trưởng"\nmới'],
      ['Nhà trọ tự quản', null, null],
    ]);
  });

  it('finds the delimiter: semicolons (Vietnamese regional settings) and tabs', async () => {
    const semicolons = 'Họ và tên;Năm sinh;Ghi chú\nNguyễn Văn An;1985;nợ 1,5 triệu\nTrần Thị Bình;1990;\n';
    expect(firstSheet(await readWorkbook(Buffer.from(semicolons), 'ds.csv')).rows).toEqual([
      ['Họ và tên', 'Năm sinh', 'Ghi chú'],
      ['Nguyễn Văn An', '1985', 'nợ 1,5 triệu'],
      ['Trần Thị Bình', '1990', null],
    ]);
    const tabs = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Họ và tên\tNăm sinh\r\nLê Văn Cường\t1979\r\n', 'utf16le')]);
    expect(firstSheet(await readWorkbook(tabs, 'ds.csv')).rows).toEqual([
      ['Họ và tên', 'Năm sinh'],
      ['Lê Văn Cường', '1979'],
    ]);
  });

  it('reads bytes that are not UTF-8 as Windows-1258, or as Windows-1252 when they hold legacy-font text', async () => {
    // "Nguyễn Văn Đức" in Windows-1258: ê + combining tilde, ă, Đ, ư + combining acute.
    const cp1258 = Buffer.from([...Buffer.from('Ho ten\nNguy'), 0xea, 0xde, ...Buffer.from('n V'), 0xe3, ...Buffer.from('n '), 0xd0, 0xfd, 0xec, ...Buffer.from('c\n')]);
    expect(firstSheet(await readWorkbook(cp1258, 'ds.csv')).rows).toEqual([['Ho ten'], ['Nguyễn Văn Đức']]);
    const tcvn3Bytes = Buffer.from(`${toLegacy('Họ và tên', TCVN3_TABLE)}\n${toLegacy('Nguyễn Văn An', TCVN3_TABLE)}\n${toLegacy('Đặng Văn Ướt', TCVN3_TABLE)}\n`, 'latin1');
    expect(firstSheet(await readWorkbook(tcvn3Bytes, 'ds.csv')).rows).toEqual([['Hä vµ tªn'], ['NguyÔn V¨n An'], ['§Æng V¨n ¦ít']]);
  });
});

describe('the whole reading of a messy roster', () => {
  it('gives each row its values, problems and notes, the legacy columns converted, blank and total rows set aside', async () => {
    const workbook = await readWorkbook(await xlsxBuffer(await subjectRoster()), 'doi-tuong.xlsx');
    const { rows } = firstSheet(workbook);
    const header = findHeader(rows, SUBJECT_IMPORT_FIELDS);
    const mapping = autoMap(header?.labels ?? [], 'subjects');
    expect(Object.values(mapping)).toEqual(['ordinal', 'fullName', 'birthMale', 'birthFemale', 'idNumber', 'phone', 'currentAddress', 'neighbourhood', 'ward', 'category', 'startDate', 'helperName', 'history']);
    const result = normaliseSheet(rows, header ?? { dataStart: 0 }, mapping, 'subjects', { date1904: workbook.date1904 });
    expect(decodedColumns(result)).toEqual({ 11: 'tcvn3', 12: 'vni' });
    expect(result.dropped).toEqual([
      { rowNumber: 10, reason: 'blank', text: '' },
      { rowNumber: 11, reason: 'total', text: 'Tổng cộng: 4 người' },
    ]);
    expect(result.rows.map(({ rowNumber, values }) => [rowNumber, values.fullName, values.birth, values.gender, values.startDate, values.helperName, values.history])).toEqual([
      [6, 'Nguyễn Văn An', { date: '1985-03-12' }, 'nam', { date: '2023-01-15' }, 'Nguyễn Văn Bình', 'Nghiện ma túy'],
      [7, 'Trần Thị Bình', { date: '1990-03-12' }, 'nu', { date: '2022-06-05' }, 'Trần Thị Hà', 'Trộm cắp tài sản'],
      [8, 'lê văn cường', { year: 1985 }, 'nam', null, 'Lê Văn Tùng', 'Cướp giật tài sản'],
      [9, 'Phạm Thị Dung', { date: '1992-07-01' }, 'nu', { date: '2024-03-12' }, 'Đặng Văn Ướt', 'Đánh nhau'],
    ]);
    expect(result.rows[0]?.values).toMatchObject({ idNumber: '079085012345', phone: '0912345678', currentAddress: 'Số 12 đường Hậu Giang' });
    expect(result.rows.map((row) => row.problems.map((problem) => problem.message))).toEqual([
      [],
      [],
      ['Ngày bắt đầu giúp đỡ: Ngày "31/02/2023" không có thật (ngày ghi trước tháng).'],
      ['Điện thoại: ô có lỗi công thức Excel (#N/A).'],
    ]);
  });
});

describe('findHeader', () => {
  it('finds a merged two-row header below title rows and combines group and column labels', async () => {
    const sheet = firstSheet(await readWorkbook(await xlsxBuffer(await subjectRoster()), 'doi-tuong.xlsx'));
    const header = findHeader(sheet.rows, SUBJECT_IMPORT_FIELDS);
    expect(header).toMatchObject({ rowIndices: [3, 4], dataStart: 5, encoding: null });
    expect(header?.labels.slice(0, 5)).toEqual(['STT', 'Họ và tên', 'Ngày sinh Nam', 'Ngày sinh Nữ', 'Số CCCD']);
  });

  it('reads a group label written once with blanks after it, skips a row of column numbers, and prefers the single row on a tie', () => {
    const rows: CellValue[][] = [
      ['DANH SÁCH', null, null, null],
      ['Họ và tên', 'Năm sinh', null, 'Địa chỉ'],
      [null, 'Nam', 'Nữ', null],
      ['(1)', '(2)', '(3)', '(4)'],
      ['Nguyễn Văn An', 1985, null, '12 Hậu Giang'],
    ];
    expect(findHeader(rows, SUBJECT_IMPORT_FIELDS)).toMatchObject({ rowIndices: [1, 2], dataStart: 4, labels: ['Họ và tên', 'Năm sinh Nam', 'Năm sinh Nữ', 'Địa chỉ'] });
    const single: CellValue[][] = [['Họ và tên', 'Ngày sinh', 'Số CCCD'], [1, 2, 3], ['Trần Thị Bình', '12/03/1990', '079190000123']];
    expect(findHeader(single, SUBJECT_IMPORT_FIELDS)).toMatchObject({ rowIndices: [0], dataStart: 2 });
  });

  it('builds the header at the rows the officer picks instead', () => {
    const rows: CellValue[][] = [['Ghi chú: mẫu 2024'], ['Họ tên', 'Sinh', 'Sinh'], [null, 'Nam', 'Nữ'], ['Lê Văn Cường', 1979, null]];
    expect(headerAt(rows, [1, 2], SUBJECT_IMPORT_FIELDS)).toEqual({ rowIndices: [1, 2], dataStart: 3, labels: ['Họ tên', 'Sinh Nam', 'Sinh Nữ'], encoding: null, score: 2 });
    expect(headerAt(rows, [2], SUBJECT_IMPORT_FIELDS)).toMatchObject({ rowIndices: [2], dataStart: 3, labels: ['', 'Nam', 'Nữ'] });
  });

  it('reads a header typed in TCVN3 and says so; gives null when no row names a field', () => {
    const rows: CellValue[][] = [[toLegacy('Danh sách mô hình', TCVN3_TABLE)], [toLegacy('Tên mô hình', TCVN3_TABLE), toLegacy('Địa chỉ', TCVN3_TABLE), toLegacy('Tổ trưởng', TCVN3_TABLE)]];
    expect(findHeader(rows, IMPORT_FIELDS.models)).toMatchObject({ rowIndices: [1], encoding: 'tcvn3', labels: ['Tên mô hình', 'Địa chỉ', 'Tổ trưởng'] });
    expect(findHeader([['Bảng chấm công'], ['Thứ hai', 'Thứ ba']], SUBJECT_IMPORT_FIELDS)).toBeNull();
  });
});

describe('field catalogues', () => {
  const schemas = { modelInput, memberInput, subjectInput, subjectStatusInput, reviewInput };

  it.each(IMPORT_REGISTERS)('%s: every field has a unique key and lands in a real input field', (register) => {
    const fields: readonly ImportField[] = IMPORT_FIELDS[register];
    expect(new Set(fields.map((field) => field.key)).size).toBe(fields.length);
    for (const field of fields) {
      if (field.target) expect(Object.keys(schemas[field.target.input].shape), field.key).toContain(field.target.field);
      if (field.kind === 'choice') expect(field.choices?.length, field.key).toBeGreaterThan(0);
    }
  });
});

describe('autoMap', () => {
  it('matches headers accent-, case- and space-insensitively, exact aliases first, each field once', () => {
    expect(autoMap(['TT', 'HO TEN', 'Ngày   tháng năm sinh', 'GIỚI TÍNH', 'số cmnd', 'Nơi ở hiện nay', 'Diện', 'Nhóm', 'Ngày quyết định', 'Người giúp đỡ', 'Kết quả đánh giá', 'Ghi chú', 'Cột lạ', ''], 'subjects')).toEqual({
      0: 'ordinal',
      1: 'fullName',
      2: 'birth',
      3: 'gender',
      4: 'idNumber',
      5: 'currentAddress',
      6: 'category',
      7: 'group',
      8: 'decisionDate',
      9: 'helperName',
      10: 'reviewResult',
      11: 'note',
      12: null,
      13: null,
    });
    expect(autoMap(['Họ và tên', 'Họ tên', 'Ngày sinh / Năm sinh'], 'subjects')).toEqual({ 0: 'fullName', 1: null, 2: 'birth' });
  });

  it('falls back to the best partial match, the last words of a combined header counting most', () => {
    expect(autoMap(['Họ và tên tổ trưởng', 'Số điện thoại di động', 'Địa chỉ thường trú', 'Thành viên Năm sinh', 'Ngày sinh (dd/mm/yyyy)'], 'models')).toEqual({
      0: 'leaderName',
      1: 'leaderPhone',
      2: 'address',
      3: 'memberBirth',
      4: null,
    });
    expect(autoMap(['Địa chỉ thường trú', 'Họ và tên đối tượng', 'Năm sinh Nữ'], 'subjects')).toEqual({ 0: 'permanentAddress', 1: 'fullName', 2: 'birthFemale' });
    expect(autoMap(['Họ tên', 'Sinh Nam', 'Sinh Nữ', 'Ghi chú nữ'], 'subjects')).toEqual({ 0: 'fullName', 1: 'birthMale', 2: 'birthFemale', 3: 'note' });
  });

  it('gives a header shared by models and members to the record of the columns before it', () => {
    expect(autoMap(['Tên mô hình', 'Tổ trưởng', 'Điện thoại', 'Địa chỉ', 'Họ và tên', 'Chức vụ', 'Điện thoại', 'Địa chỉ'], 'models')).toEqual({
      0: 'name',
      1: 'leaderName',
      2: 'leaderPhone',
      3: 'address',
      4: 'memberName',
      5: 'memberRole',
      6: 'memberPhone',
      7: 'memberAddress',
    });
    expect(autoMap(['Tên mô hình', 'Họ và tên', 'Điện thoại', 'Địa chỉ'], 'models')).toEqual({ 0: 'name', 1: 'memberName', 2: 'memberPhone', 3: 'memberAddress' });
  });
});

describe('layoutKey and column mappings', () => {
  it('names a layout the same whatever its accents, case, spacing or trailing blank columns', () => {
    const key = layoutKey(['Họ và tên', 'Ngày sinh', 'Số CCCD/CMND']);
    expect(key).toMatch(/^layout-[0-9a-f]{16}$/);
    expect(layoutKey(['HO VA TEN', ' ngày  sinh ', 'Số CCCD / CMND', '', ''])).toBe(key);
    expect(layoutKey(['Ngày sinh', 'Họ và tên', 'Số CCCD/CMND'])).not.toBe(key);
    expect(layoutKey(['Họ và tên', '', 'Ngày sinh', 'Số CCCD/CMND'])).not.toBe(key);
  });

  it('names columns by letter', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    expect(['A', 'Z', 'AA', 'ab', 'ZZ', 'AAA'].map(columnIndex)).toEqual([0, 25, 26, 27, 701, 702]);
  });

  it('validates a mapping given by letter or header, and applies it to a file', () => {
    const mapping = columnMapping.parse({ register: 'subjects', columns: { B: 'fullName', 'ngay sinh': 'birth', D: null, 'Cột không có': 'phone' } });
    expect(resolveColumnMapping(mapping, ['STT', 'Họ và tên', 'Ngày sinh', 'Ghi chú'])).toEqual({
      columns: { 0: null, 1: 'fullName', 2: 'birth', 3: null },
      unknown: ['Cột không có'],
    });
    const wrong = columnMapping.safeParse({ register: 'subjects', columns: { A: 'tenMoHinh', B: 'fullName', C: 'fullName' } });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues.map((issue) => issue.message)).toEqual([
      'Cột "A": không có trường "tenMoHinh" trong sổ này.',
      'Trường "fullName" đã gán cho cột "B", không gán thêm cho cột "C".',
    ]);
    expect(columnMapping.safeParse({ register: 'awards', columns: {} }).error?.issues[0]?.message).toContain('Sổ cần nhập');
  });
});

// ----------------------------------------------------------------------------------- LibreOffice

const CSV_COLUMNS = 'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Điện thoại,Phường,Ngày bắt đầu giúp đỡ,Tình trạng';
const CSV_ROWS = [
  'NGUYỄN  VĂN AN,12/03/1985,Nam,079085012345,0912345678,Phường Bình Tiên,15/01/2023,Đang giúp đỡ',
  'Trần Thị Bình,1990,Nữ,012345678,0987654321,Phường Bình Tây,01/06/2022,đã tiến bộ',
  'Đặng Văn Ướt,31/12/1979,nam,,,Phường Phú Lâm,05/05/2021,Chuyển đi',
];
// LibreOffice's CSV filter: comma, double quote, UTF-8, from line 1; dates in columns 2 and 7 read day
// first, ID and phone numbers kept as text (as an officer formats those columns), Vietnamese locale.
const CSV_FILTER = 'CSV:44,34,76,1,1/1/2/4/3/1/4/2/5/2/6/1/7/4/8/1,1066';

async function convertWithLibreOffice(file: string, format: 'xlsx' | 'xls', outDir: string): Promise<string> {
  return (await libreOffice([file], format, outDir, CSV_FILTER))[0] as string;
}

describe('files written by LibreOffice', () => {
  it.each(['xlsx', 'xls'] as const)(
    'a CSV roster converted to .%s by LibreOffice imports with its dates, leading zeros and names right',
    async (format) => {
      const dir = tempDir();
      const csv = join(dir, 'doi-tuong.csv');
      writeFileSync(csv, `\ufeffDANH SÁCH ĐỐI TƯỢNG\n\n${CSV_COLUMNS}\n${CSV_ROWS.join('\n')}\n`);
      const file = await convertWithLibreOffice(csv, format, dir);
      const workbook = await readWorkbook(readFileSync(file), `doi-tuong.${format}`);
      const sheet = firstSheet(workbook);
      const header = findHeader(sheet.rows, SUBJECT_IMPORT_FIELDS);
      expect(header).toMatchObject({ rowIndices: [2], dataStart: 3 });
      const mapping = autoMap(header?.labels ?? [], 'subjects');
      expect(Object.values(mapping)).toEqual(['fullName', 'birth', 'gender', 'idNumber', 'phone', 'ward', 'startDate', 'status']);
      const result = normaliseSheet(sheet.rows, header ?? { dataStart: 0 }, mapping, 'subjects', { date1904: workbook.date1904 });
      expect(result.rows.map((row) => row.problems)).toEqual([[], [], []]);
      expect(result.rows.map((row) => row.values)).toEqual([
        { fullName: 'Nguyễn Văn An', birth: { date: '1985-03-12' }, gender: 'nam', idNumber: '079085012345', phone: '0912345678', ward: 'Phường Bình Tiên', startDate: { date: '2023-01-15' }, status: 'dang_giup_do' },
        { fullName: 'Trần Thị Bình', birth: { year: 1990 }, gender: 'nu', idNumber: '012345678', phone: '0987654321', ward: 'Phường Bình Tây', startDate: { date: '2022-06-01' }, status: 'da_tien_bo' },
        { fullName: 'Đặng Văn Ướt', birth: { date: '1979-12-31' }, gender: 'nam', idNumber: null, phone: null, ward: 'Phường Phú Lâm', startDate: { date: '2021-05-05' }, status: 'chuyen_di' },
      ]);
    },
    60_000,
  );

  it(
    'the merged, messy roster saved again as .xls by LibreOffice reads as the .xlsx does',
    async () => {
      const dir = tempDir();
      const xlsx = join(dir, 'messy.xlsx');
      writeFileSync(xlsx, await xlsxBuffer(await subjectRoster()));
      mkdirSync(join(dir, 'out'));
      const [xls] = (await libreOffice([xlsx], 'xls', join(dir, 'out'))) as [string];
      const fromXlsx = firstSheet(await readWorkbook(readFileSync(xlsx), 'messy.xlsx'));
      const fromXls = firstSheet(await readWorkbook(readFileSync(xls), 'messy.xls'));
      expect(fromXls.rows).toEqual(fromXlsx.rows);
    },
    60_000,
  );
});

// ------------------------------------------------------------------- date cells that show no day

const SHOWN = new Date(Date.UTC(2016, 2, 5, 6)); // 05/03/2016 06:00, serial 42434.25

/** [number format, what the reader gives]: a format without a day part reads as the month/year or year it shows. */
const DATE_FORMATS: [string, CellValue][] = [
  ['mm/yyyy', '03/2016'],
  ['m/yyyy', '03/2016'],
  ['mmm yyyy', '03/2016'],
  ['mmm-yy', '03/2016'],
  ['[$-42A]mm/yyyy', '03/2016'],
  ['yyyy', '2016'],
  ['"Năm "yyyy', '2016'],
  ['yyyy hh:mm', '2016'],
  ['dd/mm/yyyy', SHOWN],
  ['d/m/yy', SHOWN],
  ['mm/dd/yyyy', SHOWN],
  ['[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy', SHOWN],
  ['dd/mm/yyyy hh:mm', SHOWN],
  // A time of day or a month name alone shows no year: the reader leaves them as it always did.
  ['hh:mm', SHOWN],
  ['mm:ss', SHOWN],
  ['[h]:mm', SHOWN],
  ['mmmm', SHOWN],
  ['General', 42434.25],
  ['0', 42434.25],
];

/** One row per format: its label, then the same moment formatted with it. A formula's date result last. */
function dateFormatWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Ngày');
  DATE_FORMATS.forEach(([format], index) => {
    const row = sheet.getRow(index + 1);
    row.getCell(1).value = format;
    const cell = row.getCell(2);
    if (format === 'General' || format === '0') {
      cell.value = 42434.25;
      if (format === '0') cell.numFmt = format;
    } else {
      cell.value = SHOWN;
      cell.numFmt = format;
    }
  });
  const formula = sheet.getRow(DATE_FORMATS.length + 1);
  formula.getCell(1).value = 'formula mm/yyyy';
  formula.getCell(2).value = { formula: 'DATE(2016,3,5)', result: new Date(Date.UTC(2016, 2, 5)) };
  formula.getCell(2).numFmt = 'mm/yyyy';
  return workbook;
}

const EXPECTED_DATE_ROWS = [...DATE_FORMATS, ['formula mm/yyyy', '03/2016']];

describe('date cells read as they show', () => {
  it(
    'reads a date cell whose format shows no day as its month/year or year, from .xlsx and the same workbook saved by LibreOffice as .xls, .ods and .fods',
    async () => {
      const dir = tempDir();
      const xlsx = join(dir, 'ngay.xlsx');
      writeFileSync(xlsx, await xlsxBuffer(dateFormatWorkbook()));
      expect(firstSheet(await readWorkbook(readFileSync(xlsx), 'ngay.xlsx')).rows).toEqual(EXPECTED_DATE_ROWS);
      mkdirSync(join(dir, 'out'));
      for (const format of ['xls', 'ods', 'fods'] as const) {
        const [converted] = (await libreOffice([xlsx], format, join(dir, 'out'))) as [string];
        const rows = firstSheet(await readWorkbook(readFileSync(converted), `ngay.${format}`)).rows;
        expect({ format, rows }).toEqual({ format, rows: EXPECTED_DATE_ROWS });
      }
    },
    120_000,
  );

  it('reads such a cell at the precision each date field keeps: a founding month, a birth year, and no guessed day where a full date is needed', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Đối tượng');
    sheet.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Ngày bắt đầu giúp đỡ']);
    sheet.addRow([1, 'Nguyễn Văn An', utc(1985, 3, 12), utc(2024, 1, 15)]);
    sheet.addRow([2, 'Trần Thị Bình', utc(1990, 11, 20), utc(2024, 2, 1)]);
    sheet.addRow([3, 'Lê Văn Cường', utc(1979, 6, 1), utc(2023, 5, 5)]);
    for (const cell of ['C2', 'D2']) sheet.getCell(cell).numFmt = 'mm/yyyy';
    for (const cell of ['C3', 'D3']) sheet.getCell(cell).numFmt = 'yyyy';
    for (const cell of ['C4', 'D4']) sheet.getCell(cell).numFmt = 'dd/mm/yyyy';
    const read = await readWorkbook(await xlsxBuffer(workbook), 'doi-tuong.xlsx');
    const rows = firstSheet(read).rows;
    const header = findHeader(rows, SUBJECT_IMPORT_FIELDS);
    const mapping = autoMap(header?.labels ?? [], 'subjects');
    expect(Object.values(mapping)).toEqual(['ordinal', 'fullName', 'birth', 'startDate']);
    const result = normaliseSheet(rows, header ?? { dataStart: 0 }, mapping, 'subjects', { date1904: read.date1904 });
    expect(result.rows.map((row) => [row.values.birth, row.values.startDate])).toEqual([
      [{ year: 1985 }, null],
      [{ year: 1990 }, null],
      [{ date: '1979-06-01' }, { date: '2023-05-05' }],
    ]);
    expect(result.rows.map((row) => row.notes.map((note) => note.message))).toEqual([['Chỉ có tháng/năm (03/1985): giữ năm 1985.'], [], []]);
    expect(result.rows.map((row) => row.problems.map((problem) => problem.message))).toEqual([
      ['Ngày bắt đầu giúp đỡ: Chỉ có tháng/năm (01/2024); cần dạng ngày/tháng/năm, ví dụ 12/03/1985.'],
      ['Ngày bắt đầu giúp đỡ: Chỉ có năm (2024); cần dạng ngày/tháng/năm, ví dụ 12/03/1985.'],
      [],
    ]);
    const models = IMPORT_FIELDS.models.find((field) => field.key === 'foundedOn') as ImportField;
    const founded = normaliseSheet([['Ngày thành lập'], ...rows.slice(1).map((row) => [row[2] ?? null])], { dataStart: 1 }, { 0: models.key }, 'models', { date1904: false });
    expect(founded.rows.map((row) => row.values.foundedOn)).toEqual([{ date: '1985-03' }, { year: 1990 }, { date: '1979-06-01' }]);
  });
});

// ------------------------------------------------------------------------- legacy text, cell by cell

const tcvn3 = (text: string) => toLegacy(text, TCVN3_TABLE);
const vni = (text: string) => toLegacy(text, VNI_TABLE);

/**
 * A Unicode roster into which old names were pasted: one legacy cell among Unicode cells, legacy names
 * in a Unicode column, TCVN3 and VNI in one sheet; some set in their legacy font (.VnTime, .VnTimeH,
 * VNI-Times, a rich text run), some in the sheet's ordinary font, and Latin-1 text that must stay.
 */
async function mixedLegacyRoster(): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Đối tượng');
  sheet.addRow(['STT', 'Họ và tên', 'Năm sinh', 'Nơi ở hiện nay', 'Người giúp đỡ', 'Ghi chú']);
  sheet.addRows([
    [1, 'Nguyễn Văn An', 1980, 'Số 12 đường Hậu Giang', 'Lê Thị Hoa', 'Đã có việc làm'],
    [2, tcvn3('Trần Thị Bình'), 1981, 'Hoàng Hoa Thám', 'Võ Văn Giàu', 'São Paulo'],
    [3, 'NGUYÔN V¡N B×NH', 1982, tcvn3('Khu phố 1'), 'Đỗ Văn Hùng', 'Hoàng'],
    [4, vni('Lê Văn Cường'), 1983, 'Khu phè 1', vni('Trần Thị Thúy'), 'Café au lait'],
    [5, tcvn3('Phạm Thị Dung'), 1984, tcvn3('Số 5 đường Hậu Giang'), 'Bùi Thị Hà', 'José Müller'],
    [6, vni('Đặng Văn Ướt'), 1985, 'Chung cư A', 'Hồ Thị Lan', vni('Đã tiến bộ')],
    [7, null, 1986, 'Tổ 3', 'Nguyen Van Tu', 'Nam'],
    [8, 'Dương Thị Mai', 1987, 'Khu phố 2', 'Lý Văn Nam', 'Đang giúp đỡ'],
    [9, 'Huỳnh Thị Phương', 1988, 'Khu phố 4', 'Ngô Văn Lộc', 'Đang giúp đỡ'],
    [10, 'Hoàng Văn Em', 1989, 'Khu phố 5', 'Hồ Thị Lan', 'Đang giúp đỡ'],
  ]);
  sheet.getCell('B3').font = { name: '.VnTime' };
  sheet.getCell('B4').font = { name: '.VnTimeH' };
  sheet.getCell('D4').font = { name: '.VnTime' };
  sheet.getCell('B5').font = { name: 'VNI-Times' };
  sheet.getCell('F7').font = { name: 'VNI-Times' };
  sheet.getCell('B8').value = { richText: [{ text: tcvn3('Võ Văn'), font: { name: '.VnTime', size: 12 } }, { text: ` ${tcvn3('Giàu')}`, font: { name: '.VnTime', size: 12 } }] };
  // ASCII in a legacy font changes nothing and is not listed.
  sheet.getCell('E8').font = { name: '.VnTime' };
  return workbook;
}

/** Each row's values, and each decoded cell as [row, column, original, decoded, by font, encoding, kept]. */
async function readMixed(data: Buffer, fileName: string, keepOriginal?: Set<string>) {
  const workbook = await readWorkbook(data, fileName);
  const sheet = firstSheet(workbook);
  const header = findHeader(sheet.rows, SUBJECT_IMPORT_FIELDS, sheet.legacyFonts);
  const mapping = autoMap(header?.labels ?? [], 'subjects');
  expect(Object.values(mapping)).toEqual(['ordinal', 'fullName', 'birth', 'currentAddress', 'helperName', 'note']);
  const result = normaliseSheet(sheet.rows, header ?? { dataStart: 0 }, mapping, 'subjects', { date1904: workbook.date1904, legacyFonts: sheet.legacyFonts, keepOriginal });
  return {
    values: result.rows.map(({ values }) => [values.fullName, values.currentAddress, values.helperName, values.note]),
    decoded: result.decoded.map((cell) => [cell.rowNumber, cell.column, cell.original, cell.decoded, cell.byFont, cell.encoding, cell.kept]),
  };
}

/** [row, column, original, decoded, by font, encoding, kept]: every converted cell, and only those. */
const MIXED_DECODED: unknown[][] = [
  [3, 1, tcvn3('Trần Thị Bình'), 'Trần Thị Bình', true, 'tcvn3', false],
  [4, 1, 'NGUYÔN V¡N B×NH', 'Nguyễn Văn Bình', true, 'tcvn3', false],
  [4, 3, 'Khu phè 1', 'Khu phố 1', true, 'tcvn3', false],
  [5, 1, vni('Lê Văn Cường'), 'Lê Văn Cường', true, 'vni', false],
  [5, 4, vni('Trần Thị Thúy'), 'Trần Thị Thúy', false, 'vni', false],
  [6, 1, tcvn3('Phạm Thị Dung'), 'Phạm Thị Dung', false, 'tcvn3', false],
  [6, 3, tcvn3('Số 5 đường Hậu Giang'), 'Số 5 đường Hậu Giang', false, 'tcvn3', false],
  [7, 1, vni('Đặng Văn Ướt'), 'Đặng Văn Ướt', false, 'vni', false],
  [7, 5, vni('Đã tiến bộ'), 'Đã tiến bộ', true, 'vni', false],
  [8, 1, tcvn3('Võ Văn Giàu'), 'Võ Văn Giàu', true, 'tcvn3', false],
];

const MIXED_VALUES = [
  ['Nguyễn Văn An', 'Số 12 đường Hậu Giang', 'Lê Thị Hoa', 'Đã có việc làm'],
  ['Trần Thị Bình', 'Hoàng Hoa Thám', 'Võ Văn Giàu', 'São Paulo'],
  ['Nguyễn Văn Bình', 'Khu phố 1', 'Đỗ Văn Hùng', 'Hoàng'],
  ['Lê Văn Cường', 'Khu phè 1', 'Trần Thị Thúy', 'Café au lait'],
  ['Phạm Thị Dung', 'Số 5 đường Hậu Giang', 'Bùi Thị Hà', 'José Müller'],
  ['Đặng Văn Ướt', 'Chung cư A', 'Hồ Thị Lan', 'Đã tiến bộ'],
  ['Võ Văn Giàu', 'Tổ 3', 'Nguyen Van Tu', 'Nam'],
  ['Dương Thị Mai', 'Khu phố 2', 'Lý Văn Nam', 'Đang giúp đỡ'],
  ['Huỳnh Thị Phương', 'Khu phố 4', 'Ngô Văn Lộc', 'Đang giúp đỡ'],
  ['Hoàng Văn Em', 'Khu phố 5', 'Hồ Thị Lan', 'Đang giúp đỡ'],
];

describe('legacy text decoded per cell', () => {
  it('decodes the cells a legacy font is set in and the cells whose bytes say it, whatever their column holds; Latin-1 and Unicode stay', async () => {
    const { values, decoded } = await readMixed(await xlsxBuffer(await mixedLegacyRoster()), 'tron.xlsx');
    expect(values).toEqual(MIXED_VALUES);
    expect(decoded).toEqual(MIXED_DECODED);
  });

  it('keeps a decoded cell as written when the officer says so, and still lists it', async () => {
    const { values, decoded } = await readMixed(await xlsxBuffer(await mixedLegacyRoster()), 'tron.xlsx', new Set(['3:1', '4:3']));
    expect(values[1]).toEqual([tcvn3('Trần Thị Bình'), 'Hoàng Hoa Thám', 'Võ Văn Giàu', 'São Paulo']);
    expect(values[2]).toEqual(['Nguyễn Văn Bình', tcvn3('Khu phố 1'), 'Đỗ Văn Hùng', 'Hoàng']);
    expect(decoded.filter((cell) => cell[6])).toEqual([
      [3, 1, tcvn3('Trần Thị Bình'), 'Trần Thị Bình', true, 'tcvn3', true],
      [4, 3, tcvn3('Khu phố 1'), 'Khu phố 1', true, 'tcvn3', true],
    ]);
  });

  it(
    'reads the same from the workbook saved by LibreOffice as .xls (fonts kept) and as .ods (no fonts: the bytes alone decide)',
    async () => {
      const dir = tempDir();
      const xlsx = join(dir, 'tron.xlsx');
      writeFileSync(xlsx, await xlsxBuffer(await mixedLegacyRoster()));
      mkdirSync(join(dir, 'out'));
      const [xls] = (await libreOffice([xlsx], 'xls', join(dir, 'out'))) as [string];
      const [ods] = (await libreOffice([xlsx], 'ods', join(dir, 'out'))) as [string];
      const fromXls = await readMixed(readFileSync(xls), 'tron.xls');
      expect(fromXls.values).toEqual(MIXED_VALUES);
      expect(fromXls.decoded).toEqual(MIXED_DECODED);
      // Without fonts, "Khu phè 1" (TCVN3 for "Khu phố 1") reads as Latin-1 text and stays as written.
      const fromOds = await readMixed(readFileSync(ods), 'tron.ods');
      expect(fromOds.values).toEqual(MIXED_VALUES.map((row, index) => (index === 2 ? ['Nguyễn Văn Bình', 'Khu phè 1', 'Đỗ Văn Hùng', 'Hoàng'] : row)));
      expect(fromOds.decoded).toEqual(MIXED_DECODED.filter((cell) => !(cell[0] === 4 && cell[1] === 3)).map((cell) => [...cell.slice(0, 4), false, ...cell.slice(5)]));
    },
    60_000,
  );
});

// ------------------------------------------------------------------ through the import service

const CATEGORY = 'Người chấp hành xong án phạt tù về địa phương';

/** A roster with a merged title, merged ward cells, real dates and one name pasted in from an old file in .VnTime. */
async function serviceRoster(): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.getCell('A1').value = 'DANH SÁCH ĐỐI TƯỢNG ĐƯỢC GIÁO DỤC, GIÚP ĐỠ';
  sheet.mergeCells('A1:G1');
  sheet.getRow(3).values = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Phường', 'Diện đối tượng', 'Ngày bắt đầu giúp đỡ'];
  sheet.getRow(4).values = [1, 'NGUYỄN  VĂN AN', utc(1985, 3, 12), 'Nam', 'Phường Bình Tiên', CATEGORY, utc(2024, 1, 15)];
  sheet.getRow(5).values = [2, tcvn3('Trần Thị Bình'), utc(1990, 11, 20), 'Nữ', null, CATEGORY, '01/06/2022'];
  sheet.getRow(6).values = [3, 'Lê Văn Cường', 1979, 'Nam', 'Phường Bình Tây', CATEGORY, utc(2023, 5, 5)];
  sheet.mergeCells('E4:E5');
  sheet.getCell('B5').font = { name: '.VnTime' };
  for (const cell of ['C4', 'C5', 'G4', 'G6']) sheet.getCell(cell).numFmt = 'dd/mm/yyyy';
  return workbook;
}

async function importThroughService(app: TestApp, file: string, keepOriginal: { rowNumber: number; column: number }[] = []) {
  const opened = await app.call('imports.open', { file: { path: file } });
  const sheet = opened.sheets[0]?.name as string;
  const layout = await app.call('imports.inspect', { sessionId: opened.sessionId, sheet, register: 'subjects' });
  for (let from = 0; ; ) {
    const step = await app.call('imports.analyse', { sessionId: opened.sessionId, sheet, register: 'subjects', mapping: layout.mapping, keepOriginal, from });
    if (step.done >= step.total) break;
    from = step.done;
  }
  const decisions = { sessionId: opened.sessionId, skipped: [], accepted: [], sameAs: [] };
  const preview = await app.call('imports.preview', { ...decisions, show: 'all', offset: 0, limit: 100 });
  return { opened, layout, preview, commit: () => app.call('imports.commit', decisions) };
}

const people = async (app: TestApp) => {
  const list = await app.call('subjects.list', { sort: { field: 'rosterName', direction: 'asc' } });
  return list.rows.map((row) => [row.fullName, row.birthDate ?? row.birthYear, row.gender, row.wardName, row.startDate]);
};

/** By given name, as the roster sorts: An, Bình, Cường. */
const ROSTER_PEOPLE = [
  ['Nguyễn Văn An', '1985-03-12', 'nam', 'Phường Bình Tiên', '2024-01-15'],
  ['Trần Thị Bình', '1990-11-20', 'nu', 'Phường Bình Tiên', '2022-06-01'],
  ['Lê Văn Cường', 1979, 'nam', 'Phường Bình Tây', '2023-05-05'],
];

describe('OpenDocument spreadsheets and legacy cells through the import service', () => {
  it.each(['ods', 'fods'] as const)(
    'a roster saved by LibreOffice as .%s imports like the .xlsx: title, merged cells, dates, the legacy name decoded and listed',
    async (format) => {
      const app = await openTestApp();
      const xlsx = join(app.dir, 'doi-tuong.xlsx');
      writeFileSync(xlsx, await xlsxBuffer(await serviceRoster()));
      mkdirSync(join(app.dir, 'out'));
      const [converted] = (await libreOffice([xlsx], format, join(app.dir, 'out'))) as [string];
      const run = await importThroughService(app, converted);
      expect(run.opened.fileName).toBe(`doi-tuong.${format}`);
      expect(run.layout).toMatchObject({ headerRow: 3, dataStartRow: 4 });
      expect(run.preview.counts).toMatchObject({ add: 3, error: 0, check: 0 });
      // OpenDocument keeps no font the reader looks at: the name's bytes tell it.
      expect(run.preview.decoded).toEqual({ total: 1, cells: [{ rowNumber: 5, column: 1, field: 'fullName', encoding: 'TCVN3 (ABC)', byFont: false, original: tcvn3('Trần Thị Bình'), decoded: 'Trần Thị Bình', kept: false }] });
      expect(run.preview.notes).toEqual(['Đã chuyển sang Unicode 1 ô gõ bằng phông chữ cũ (1 ô mã TCVN3 (ABC)).']);
      expect(await run.commit()).toMatchObject({ added: 3, skipped: [] });
      expect(await people(app)).toEqual(ROSTER_PEOPLE);
    },
    60_000,
  );

  it('lists a cell decoded by its font, keeps it as written when the officer says so, and validates the choice', async () => {
    const app = await openTestApp();
    const xlsx = join(app.dir, 'doi-tuong.xlsx');
    writeFileSync(xlsx, await xlsxBuffer(await serviceRoster()));
    const decoded = await importThroughService(app, xlsx);
    expect(decoded.preview.decoded.cells).toEqual([{ rowNumber: 5, column: 1, field: 'fullName', encoding: 'TCVN3 (ABC)', byFont: true, original: tcvn3('Trần Thị Bình'), decoded: 'Trần Thị Bình', kept: false }]);
    expect(decoded.preview.rows.find((row) => row.rowNumber === 5)?.values.fullName).toBe('Trần Thị Bình');

    const kept = await importThroughService(app, xlsx, [{ rowNumber: 5, column: 1 }]);
    expect(kept.preview.decoded.cells).toEqual([expect.objectContaining({ rowNumber: 5, column: 1, kept: true })]);
    expect(kept.preview.rows.find((row) => row.rowNumber === 5)?.values.fullName).toBe(tcvn3('Trần Thị Bình'));
    expect(kept.preview.notes).toEqual(['Giữ nguyên như trong tệp 1 ô gõ bằng phông chữ cũ.']);

    const bad = await apiError(app.call('imports.analyse', { sessionId: kept.opened.sessionId, sheet: 'Danh sách', register: 'subjects', mapping: kept.layout.mapping, keepOriginal: [{ rowNumber: 0, column: -1 }], from: 0 }));
    expect(bad.code).toBe('validation');
  });

  it('says "Không có dòng dữ liệu nào" for a sheet with a header and nothing below it', async () => {
    const app = await openTestApp();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Trống').addRows([['DANH SÁCH'], ['Họ và tên', 'Năm sinh', 'Phường'], [], ['Tổng cộng']]);
    const file = join(app.dir, 'trong.xlsx');
    writeFileSync(file, await xlsxBuffer(workbook));
    const error = await apiError(importThroughService(app, file));
    expect(error.message).toBe('Không có dòng dữ liệu nào dưới dòng tiêu đề (dòng 2) của trang tính "Trống". Hãy chọn trang tính có danh sách.');
  });
});
