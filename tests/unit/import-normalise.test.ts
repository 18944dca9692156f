/**
 * Import, normalising half: text, names, dates, phone and ID numbers, choices; the legacy TCVN3 and VNI
 * encodings recognised and converted; a whole messy sheet normalised row by row.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findHeader } from '../../src/main/import/header';
import { convertLegacy, countLegacyVotes, decodeCell, detectCellEncoding, detectLegacyEncoding, legacyFontOf, type LegacyEncoding } from '../../src/main/import/legacy';
import { TCVN3_TABLE, VNI_TABLE } from '../../src/main/import/legacy-encodings';
import { normaliseCell, normaliseCount, normaliseDate, normaliseIdNumber, normaliseName, normalisePhone, normaliseText, type FieldValue } from '../../src/main/import/cell-values';
import { normaliseSheet } from '../../src/main/import/normalise';
import { excelSerialToDate, readWorkbook, type CellValue } from '../../src/main/import/read';
import { autoMap, importField, MODEL_IMPORT_FIELDS, SUBJECT_IMPORT_FIELDS, type ImportField, type ImportRegister } from '../../src/shared/imports';

const LEGACY_TABLES = { tcvn3: TCVN3_TABLE, vni: VNI_TABLE } as const;

/** Unicode text as a legacy font wrote it (the inverse of convertLegacy, from the same tables). */
function toLegacy(text: string, encoding: LegacyEncoding): string {
  const codes = new Map(LEGACY_TABLES[encoding].map(([letter, code]) => [letter, code]));
  return [...text.normalize('NFC')].map((char) => codes.get(char) ?? char).join('');
}

const field = (key: string, register: ImportRegister = 'subjects'): ImportField => {
  const found = importField(register, key);
  if (!found) throw new Error(`No field ${key}`);
  return found;
};
const plain = { date1904: false, encoding: null };
const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));

/** The columns with cells converted from a legacy encoding, and the encoding. */
const decodedColumns = (sheet: { decoded: { column: number; encoding: string }[] }) => Object.fromEntries(sheet.decoded.map((cell) => [cell.column, cell.encoding]));

describe('normaliseText and normaliseName', () => {
  it('gives NFC, trimmed text with single spaces and no invisible characters', () => {
    const nfd = 'Nguyễn Thị Huỳnh  Như'.normalize('NFD');
    expect(normaliseText(`  ${nfd}\t\n`)).toBe('Nguyễn Thị Huỳnh Như');
    expect(normaliseText('Tổ\u200b xe\u00a0ôm\ufeff')).toBe('Tổ xe ôm');
    expect(normaliseText('   ')).toBeNull();
    // The apostrophe our CSV export puts before a formula character comes off again; others stay.
    expect(normaliseText("'- 2015: trộm cắp")).toBe('- 2015: trộm cắp');
    expect(normaliseText("'=1+1")).toBe('=1+1');
    expect(normaliseText("'Bờm'")).toBe("'Bờm'");
    expect(normaliseText(null)).toBeNull();
    expect(normaliseText(12)).toBe('12');
    expect(normaliseText(utc(2018, 10, 25))).toBe('25/10/2018');
  });

  it('writes names typed in capitals as names, and leaves others as typed', () => {
    expect(normaliseName('NGUYỄN  VĂN   AN')).toBe('Nguyễn Văn An');
    expect(normaliseName('ĐẶNG VĂN ƯỚT'.normalize('NFD'))).toBe('Đặng Văn Ướt');
    expect(normaliseName('Lê văn Cường')).toBe('Lê văn Cường');
  });
});

describe('normaliseDate', () => {
  const read = (value: CellValue, allowYear = true) => normaliseDate(value, { allowYear });

  it('reads the ways dates are written, always day before month', () => {
    for (const text of ['12/3/1985', '12-03-1985', '12.03.1985', ' 12 / 03 / 1985 ', '12/03/85', '12031985', '1985-03-12', 'ngày 12 tháng 3 năm 1985', 'Ngày 12 tháng 03 năm 1985', 'ngày 12/3/1985', '12/03/1985 00:00']) {
      expect(read(text), text).toEqual({ value: { date: '1985-03-12' } });
    }
    expect(read('1/2/2020')).toEqual({ value: { date: '2020-02-01' } });
  });

  it('reads Excel serial numbers, 1900 and 1904 systems, and Dates at UTC midnight', () => {
    expect(read(31118)).toEqual({ value: { date: '1985-03-12' } });
    expect(read(31118.75)).toEqual({ value: { date: '1985-03-12' } });
    expect(read(1)).toEqual({ value: { date: '1900-01-01' } });
    expect(read(59)).toEqual({ value: { date: '1900-02-28' } });
    expect(read(61)).toEqual({ value: { date: '1900-03-01' } });
    expect(read(60).problem).toContain('29/02/1900 không có thật');
    expect(normaliseDate(29656, { allowYear: false, date1904: true })).toEqual({ value: { date: '1985-03-12' } });
    expect(read(utc(1985, 3, 12))).toEqual({ value: { date: '1985-03-12' } });
    expect(read(new Date(Date.UTC(1985, 2, 12, 23, 59)))).toEqual({ value: { date: '1985-03-12' } });
    expect(excelSerialToDate(45000)).toEqual(utc(2023, 3, 15));
  });

  it('gives a year alone where the field allows it, and a problem where it needs a full date', () => {
    expect(read('1985')).toEqual({ value: { year: 1985 } });
    expect(read(1985)).toEqual({ value: { year: 1985 } });
    expect(read('năm 1985')).toEqual({ value: { year: 1985 } });
    expect(read('03/1985')).toEqual({ value: { year: 1985 }, note: 'Chỉ có tháng/năm (03/1985): giữ năm 1985.' });
    expect(read('1985', false)).toEqual({ value: null, problem: 'Chỉ có năm (1985); cần dạng ngày/tháng/năm, ví dụ 12/03/1985.' });
    expect(read('tháng 3 năm 1985', false).problem).toContain('Chỉ có tháng/năm');
  });

  it('refuses dates that do not exist, month-first dates and what is not a date', () => {
    expect(read('31/02/1985')).toEqual({ value: null, problem: 'Ngày "31/02/1985" không có thật (ngày ghi trước tháng).' });
    expect(read('12/31/1985').problem).toContain('không có thật');
    expect(read('ngày 30 tháng 2 năm 2001').problem).toContain('không có thật');
    expect(read('hôm qua').problem).toBe('"hôm qua" không đọc được thành ngày (cần dạng ngày/tháng/năm, ví dụ 12/03/1985).');
    expect(read(true).problem).toContain('không phải là ngày');
    expect(read(99999).problem).toContain('không phải là một ngày');
    expect(read(utc(1850, 1, 1)).problem).toContain('ngoài khoảng');
    expect(read(null)).toEqual({ value: null });
    expect(read('  ')).toEqual({ value: null });
  });
});

describe('phone and ID numbers, counts', () => {
  it('keeps phone numbers as text with the leading zero a number cell lost', () => {
    expect(normalisePhone(912345678)).toBe('0912345678');
    expect(normalisePhone('0912.345.678')).toBe('0912345678');
    expect(normalisePhone('(028) 3855 1234')).toBe('02838551234');
    expect(normalisePhone(2838551234)).toBe('02838551234');
    expect(normalisePhone('+84 912 345 678')).toBe('+84912345678');
    expect(normalisePhone('-')).toBeNull();
    expect(normalisePhone(null)).toBeNull();
  });

  it('gives CCCD and CMND numbers back the leading zero, and refuses those Excel turned into 7,9E+10', () => {
    expect(normaliseIdNumber(79085012345)).toEqual({ value: '079085012345', note: 'Thêm số 0 đầu mà Excel đã bỏ (79085012345 -> 079085012345).' });
    expect(normaliseIdNumber(12345678)).toMatchObject({ value: '012345678' });
    expect(normaliseIdNumber('079 085 012 345')).toEqual({ value: '079085012345' });
    expect(normaliseIdNumber('025.123.456')).toEqual({ value: '025123456' });
    expect(normaliseIdNumber('7,9085E+10').problem).toContain('dạng số mũ');
    expect(normaliseIdNumber('7.9085e10').problem).toContain('dạng số mũ');
    expect(normaliseIdNumber('12345')).toEqual({ value: '12345' });
    // Text is as typed: an 11-digit ID stored as text is not "repaired" (the import asks the officer).
    expect(normaliseIdNumber('79085012345')).toEqual({ value: '79085012345' });
    expect(normaliseIdNumber('12345678')).toEqual({ value: '12345678' });
  });

  it('reads counts with the Vietnamese thousands separator', () => {
    expect(normaliseCount('1.200')).toEqual({ value: 1200 });
    expect(normaliseCount(15)).toEqual({ value: 15 });
    expect(normaliseCount(1.5).problem).toContain('không phải là số nguyên');
    expect(normaliseCount('mười').problem).toContain('không phải là một số');
    expect(normaliseCount('18 người')).toEqual({ value: 18 });
    expect(normaliseCount('18 thành viên')).toEqual({ value: 18 });
    expect(normaliseCount('20 TV')).toEqual({ value: 20 });
    expect(normaliseCount(' 20 ')).toEqual({ value: 20 });
    expect(normaliseCount('1.200 người')).toEqual({ value: 1200 });
    expect(normaliseCount('khoảng 20 người').problem).toContain('không phải là một số');
    expect(normaliseCount('18 xe').problem).toContain('không phải là một số');
  });
});

describe('normaliseCell', () => {
  it('reads choices by label or alias, whole or as the first words, and lists the allowed values otherwise', () => {
    expect(normaliseCell('ĐANG HOẠT ĐỘNG', field('status', 'models'), plain)).toEqual({ value: 'hoat_dong' });
    expect(normaliseCell('Nữ', field('gender'), plain)).toEqual({ value: 'nu' });
    expect(normaliseCell('nhóm b', field('group'), plain)).toEqual({ value: 'B' });
    expect(normaliseCell('Chưa tiến bộ, còn nghiện', field('reviewResult'), plain)).toEqual({ value: 'chua_tien_bo' });
    expect(normaliseCell('Tiến bộ rõ', field('reviewResult'), plain)).toEqual({ value: 'tien_bo' });
    expect(normaliseCell('đã chết', field('status'), plain)).toEqual({ value: 'da_chet' });
    expect(normaliseCell('Không rõ', field('gender'), plain)).toEqual({ value: null, problem: 'Giới tính: "Không rõ" không phải một trong các giá trị: Nam, Nữ.' });
  });

  it('keeps a founding date to the precision the roster gives (year, month/year, day), with no note, where other dates need the day', () => {
    const founded = field('foundedOn', 'models');
    expect(normaliseCell(2015, founded, plain)).toEqual({ value: { year: 2015 } });
    expect(normaliseCell('2014', founded, plain)).toEqual({ value: { year: 2014 } });
    expect(normaliseCell('năm 2015', founded, plain)).toEqual({ value: { year: 2015 } });
    expect(normaliseCell('3/2015', founded, plain)).toEqual({ value: { date: '2015-03' } });
    expect(normaliseCell('03/2016', founded, plain)).toEqual({ value: { date: '2016-03' } });
    expect(normaliseCell('tháng 11 năm 2016', founded, plain)).toEqual({ value: { date: '2016-11' } });
    expect(normaliseCell('2016-03', founded, plain)).toEqual({ value: { date: '2016-03' } });
    expect(normaliseCell('13/2016', founded, plain).problem).toBeDefined();
    expect(normaliseCell('12/03/2015', founded, plain)).toEqual({ value: { date: '2015-03-12' } });
    // A birth keeps only the year of a month/year, as before.
    expect(normaliseCell('3/2015', field('birth'), plain)).toMatchObject({ value: { year: 2015 }, note: expect.stringContaining('Chỉ có tháng/năm (3/2015)') });
    expect(normaliseCell('31/02/2015', founded, plain).problem).toContain('không có thật');
    expect(normaliseCell(2015, field('startDate'), plain).problem).toContain('Chỉ có năm (2015)');
  });

  it('names the field in every problem, refuses Excel error values, and converts legacy text first', () => {
    expect(normaliseCell('31/02/2023', field('startDate'), plain).problem).toBe('Ngày bắt đầu giúp đỡ: Ngày "31/02/2023" không có thật (ngày ghi trước tháng).');
    expect(normaliseCell('#N/A', field('fullName'), plain)).toEqual({ value: null, problem: 'Họ và tên: ô có lỗi công thức Excel (#N/A).' });
    expect(normaliseCell('§Æng V¨n ¦ít', field('fullName'), { date1904: false, encoding: 'tcvn3' })).toEqual({ value: 'Đặng Văn Ướt' });
    expect(normaliseCell('nguyÔn v¨n an', field('fullName'), { date1904: false, encoding: 'tcvn3' })).toEqual({ value: 'Nguyễn Văn An' });
    expect(normaliseCell('Nhaø troï töï quaûn', field('name', 'models'), { date1904: false, encoding: 'vni' })).toEqual({ value: 'Nhà trọ tự quản' });
  });
});

// Names and places as officers type them, to check that real Unicode text is never taken for legacy text.
const VIETNAMESE = [
  'Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Hoàng Văn Em', 'Huỳnh Thị Phương', 'Võ Văn Giàu', 'Đặng Văn Ướt',
  'Bùi Thị Hà', 'Đỗ Văn Hùng', 'Hồ Thị Lan', 'Ngô Văn Lộc', 'Dương Thị Mai', 'Lý Văn Nam', 'Tâm', 'Hoàng', 'Hoà', 'Thuý', 'Tín', 'Tài',
  'Phường Bình Tiên', 'Khu phố 3', 'Nhà trọ tự quản', 'Tổ xe ôm tự quản', 'Đội công tác xã hội tình nguyện', 'Tiếng chuông báo trộm',
  'Người sau cai nghiện ma túy', 'Đang giúp đỡ', 'Đã tiến bộ', 'Số 12 đường Hậu Giang', 'Công an khu vực', 'Hội Liên hiệp Phụ nữ',
];
const OTHER_LANGUAGES = [
  'Café au lait', 'naïve résumé', 'São Paulo', 'Crème brûlée', 'Björk Guðmundsdóttir', 'François Mitterrand', 'Ñandú', 'Señor García',
  'Zoë', 'Fiancée', 'Déjà vu', 'Ångström', 'Øresund', 'Müller', 'Zürich', 'Ça va', 'Hello world', 'Ward 6, District 6', 'N/A', 'x',
];

describe('legacy encodings', () => {
  it('converts known TCVN3 (ABC) and VNI text to Unicode NFC', () => {
    expect(convertLegacy('NguyÔn V¨n An', 'tcvn3')).toBe('Nguyễn Văn An');
    expect(convertLegacy('§Æng V¨n ¦ít', 'tcvn3')).toBe('Đặng Văn Ướt');
    expect(convertLegacy('Tr\u00adêng Th¾ng', 'tcvn3')).toBe('Trường Thắng');
    expect(convertLegacy('NGUYÔN V¡N Hå', 'tcvn3')).toBe('NGUYỄN VĂN HỒ');
    expect(convertLegacy('Nguyeãn Vaên An', 'vni')).toBe('Nguyễn Văn An');
    expect(convertLegacy('TRAÀN THÒ THUÙY', 'vni')).toBe('TRẦN THỊ THÚY');
    expect(convertLegacy('Ñoäi coâng taùc xaõ hoäi', 'vni')).toBe('Đội công tác xã hội');
    expect(convertLegacy('ABC 123, x-y', 'tcvn3')).toBe('ABC 123, x-y');
  });

  it.each(['tcvn3', 'vni'] as const)('%s: has all 134 letters, and every letter converts there and back', (encoding) => {
    const table = LEGACY_TABLES[encoding];
    expect(table).toHaveLength(134);
    expect(new Set(table.map(([letter]) => letter)).size).toBe(134);
    for (const [letter] of table) {
      // TCVN3 keeps no case for toned capitals: they come back as capitals within a word in capitals.
      const word = letter === letter.toLowerCase() ? `b${letter}` : `B${letter}N`;
      expect(convertLegacy(toLegacy(word, encoding), encoding), letter).toBe(word);
    }
  });

  it('recognises a column of legacy text, and never plain Unicode Vietnamese or other languages', () => {
    expect(detectLegacyEncoding(VIETNAMESE.map((text) => toLegacy(text, 'tcvn3')))).toBe('tcvn3');
    expect(detectLegacyEncoding(VIETNAMESE.map((text) => toLegacy(text, 'vni')))).toBe('vni');
    // VNI text whose codes all look like Vietnamese letters: told apart by its impossible vowel groups.
    expect(detectLegacyEncoding(['Traàn Vaên An', 'Leâ Vaên Taâm', 'Hoà'])).toBe('vni');
    expect(detectLegacyEncoding(VIETNAMESE)).toBeNull();
    expect(detectLegacyEncoding(VIETNAMESE.map((text) => text.normalize('NFD')))).toBeNull();
    expect(detectLegacyEncoding(OTHER_LANGUAGES)).toBeNull();
    expect(detectLegacyEncoding([...VIETNAMESE, ...OTHER_LANGUAGES])).toBeNull();
    expect(detectLegacyEncoding([])).toBeNull();
  });

  it('needs several cells: one legacy-looking cell among Unicode ones proves nothing', () => {
    expect(detectLegacyEncoding([toLegacy('Nguyễn Văn An', 'tcvn3')])).toBeNull();
    const mixed = [...VIETNAMESE.slice(0, 6), toLegacy('Trần Thị Bình', 'tcvn3'), toLegacy('Lê Văn Cường', 'tcvn3')];
    expect(countLegacyVotes(mixed)).toMatchObject({ unicode: 6, tcvn3: 2, vni: 0 });
    expect(detectLegacyEncoding(mixed)).toBeNull();
  });

  it('names the legacy fonts: .Vn… are TCVN3 (…H in capitals), VNI-… are VNI, any other font says nothing', () => {
    expect(['.VnTime', '.VnArial', '.VnCentury Schoolbook', '.vntime'].map(legacyFontOf)).toEqual(['tcvn3', 'tcvn3', 'tcvn3', 'tcvn3']);
    expect(['.VnTimeH', '.VnArialH', '.VnBahamasBH'].map(legacyFontOf)).toEqual(['tcvn3Capitals', 'tcvn3Capitals', 'tcvn3Capitals']);
    expect(['VNI-Times', 'VNI-Helve', 'VNI-Helve-Condense', 'vni-times'].map(legacyFontOf)).toEqual(['vni', 'vni', 'vni', 'vni']);
    expect(['Times New Roman', 'Arial', 'Calibri', 'VnTime', 'Vni', '', undefined].map(legacyFontOf)).toEqual([null, null, null, null, null, null, null]);
  });

  it('tells one cell on its own by its bytes, and leaves Unicode, ASCII and Latin-1 text alone', () => {
    expect(detectCellEncoding(toLegacy('Nguyễn Văn Bình', 'tcvn3'))).toBe('tcvn3');
    expect(detectCellEncoding(toLegacy('Nguyễn Văn Bình', 'vni'))).toBe('vni');
    // Never the wrong encoding; text that converts cleanly from both ("Phaïm Thò Dung") or reads as
    // Latin-1 ("Khu phè 3") is left for a font or its column to say.
    for (const encoding of ['tcvn3', 'vni'] as const) {
      const found = VIETNAMESE.filter((text) => text.includes(' ')).map((text) => detectCellEncoding(toLegacy(text, encoding)));
      expect(found.every((detected) => detected === encoding || detected === null)).toBe(true);
      expect(found.filter((detected) => detected === encoding).length).toBeGreaterThanOrEqual(Math.ceil(found.length * 0.75));
    }
    for (const text of [...VIETNAMESE, ...VIETNAMESE.map((text) => text.normalize('NFD')), ...OTHER_LANGUAGES, 'Hoàng', 'São Paulo', 'José', 'Khu phè 1']) {
      expect(detectCellEncoding(text), text).toBeNull();
    }
  });

  it('decodes a cell by its font first, then its column, then its own bytes', () => {
    // "Khu phè 1" reads as Latin-1 text: only a font (or a legacy column) says it is TCVN3's "Khu phố 1".
    expect(decodeCell('Khu phè 1', 'tcvn3', null)).toEqual({ encoding: 'tcvn3', capitals: false, byFont: true, text: 'Khu phố 1' });
    expect(decodeCell('Khu phè 1', null, 'tcvn3')).toMatchObject({ encoding: 'tcvn3', byFont: false, text: 'Khu phố 1' });
    expect(decodeCell('Khu phè 1', null, null)).toBeNull();
    // .VnTimeH draws every letter as a capital, however it was typed.
    expect(decodeCell('nguyÔn v¨n b×nh', 'tcvn3Capitals', null)).toMatchObject({ capitals: true, text: 'NGUYỄN VĂN BÌNH' });
    expect(decodeCell('NGUYÔN V¡N B×NH', 'tcvn3Capitals', null)?.text).toBe('NGUYỄN VĂN BÌNH');
    // A VNI cell in a TCVN3 column is VNI.
    expect(decodeCell(toLegacy('Trần Thị Thúy', 'vni'), null, 'tcvn3')).toMatchObject({ encoding: 'vni', text: 'Trần Thị Thúy' });
    // Unicode text stays Unicode whatever the font says.
    expect(decodeCell('Nguyễn Văn Bình', 'tcvn3', 'tcvn3')).toBeNull();
  });

  it('property: no Unicode, NFD or foreign text alone in a cell is taken for legacy text', () => {
    const word = fc.constantFrom(...[...VIETNAMESE, ...OTHER_LANGUAGES].flatMap((text) => text.split(' ')));
    const text = fc.array(word, { minLength: 1, maxLength: 5 }).map((words) => words.join(' '));
    fc.assert(fc.property(text, fc.boolean(), (cell, nfd) => decodeCell(nfd ? cell.normalize('NFD') : cell, null, null) === null));
  });

  it('property: no Unicode Vietnamese text is ever taken for legacy text', () => {
    const word = fc.constantFrom(...VIETNAMESE.flatMap((text) => text.split(' ')));
    const text = fc.array(word, { minLength: 1, maxLength: 5 }).map((words) => words.join(' '));
    fc.assert(fc.property(fc.array(text, { minLength: 1, maxLength: 40 }), (texts) => detectLegacyEncoding(texts) === null));
  });
});

// --------------------------------------------------------------------------------------- sheets

describe('normaliseSheet', () => {
  it('normalises a messy roster: two-row header, serials, capitals, NFD, TCVN3 and VNI columns, blank and total rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('DS');
    sheet.addRows([
      ['DANH SÁCH ĐỐI TƯỢNG'],
      ['STT', 'Họ và tên', 'Ngày sinh', 'Ngày sinh', 'Số CMND', 'Người giúp đỡ', 'Lý do', 'Ngày bắt đầu'],
      ['STT', 'Họ và tên', 'Nam', 'Nữ', 'Số CMND', 'Người giúp đỡ', 'Lý do', 'Ngày bắt đầu'],
      [1, 'NGUYỄN  VĂN AN', 31118, null, 25123456, toLegacy('Nguyễn Văn Bình', 'tcvn3'), toLegacy('Nghiện ma túy', 'vni'), '15/01/2023'],
      [2, 'Trần Thị Bình'.normalize('NFD'), null, '1990', '079190000123', toLegacy('Trần Thị Hà', 'tcvn3'), toLegacy('Trộm cắp tài sản', 'vni'), 45000],
      [3, 'Lê Văn Cường', 'x', null, null, toLegacy('Lê Văn Tùng', 'tcvn3'), toLegacy('Cướp giật', 'vni'), '31/02/2023'],
      [4, 'Phạm Thị Dung', '01/01/1970', '02/02/1971', null, null, null, null],
      [],
      ['PHƯỜNG BÌNH TÂY', 'PHƯỜNG BÌNH TÂY', 'PHƯỜNG BÌNH TÂY', 'PHƯỜNG BÌNH TÂY'],
      [5, 'Võ Văn Giàu', null, null, null, null, null, '01/01/2024'],
      ['TỔNG CỘNG', null, null, null, null, null, null, null],
      [null, null, null],
    ]);
    sheet.mergeCells('A2:A3');
    const { sheets, date1904 } = await readWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()), 'ds.xlsx');
    const rows = sheets[0]?.rows ?? [];
    const header = findHeader(rows, SUBJECT_IMPORT_FIELDS);
    expect(header).toMatchObject({ rowIndices: [1, 2], dataStart: 3 });
    const mapping = autoMap(header?.labels ?? [], 'subjects');
    expect(mapping).toEqual({ 0: 'ordinal', 1: 'fullName', 2: 'birthMale', 3: 'birthFemale', 4: 'idNumber', 5: 'helperName', 6: 'history', 7: 'startDate' });

    const result = normaliseSheet(rows, header ?? { dataStart: 0 }, mapping, 'subjects', { date1904 });
    expect(decodedColumns(result)).toEqual({ 5: 'tcvn3', 6: 'vni' });
    expect(result.dropped).toEqual([
      { rowNumber: 8, reason: 'blank', text: '' },
      { rowNumber: 9, reason: 'heading', text: 'PHƯỜNG BÌNH TÂY' },
      { rowNumber: 11, reason: 'total', text: 'TỔNG CỘNG' },
    ]);
    expect(result.rows.map((row) => row.rowNumber)).toEqual([4, 5, 6, 7, 10]);
    const [an, binh, cuong, dung, giau] = result.rows;
    expect(an?.values).toEqual({ fullName: 'Nguyễn Văn An', birth: { date: '1985-03-12' }, gender: 'nam', idNumber: '025123456', helperName: 'Nguyễn Văn Bình', history: 'Nghiện ma túy', startDate: { date: '2023-01-15' } });
    expect(an?.notes).toEqual([{ field: 'idNumber', column: 4, message: 'Thêm số 0 đầu mà Excel đã bỏ (25123456 -> 025123456).' }]);
    expect(binh?.values).toMatchObject({ fullName: 'Trần Thị Bình', birth: { year: 1990 }, gender: 'nu', idNumber: '079190000123', helperName: 'Trần Thị Hà', history: 'Trộm cắp tài sản', startDate: { date: '2023-03-15' } });
    expect(cuong?.values).toMatchObject({ birth: null, gender: 'nam', startDate: null, helperName: 'Lê Văn Tùng', history: 'Cướp giật' });
    expect(cuong?.problems).toEqual([{ field: 'startDate', column: 7, message: 'Ngày bắt đầu giúp đỡ: Ngày "31/02/2023" không có thật (ngày ghi trước tháng).' }]);
    expect(dung?.values).toMatchObject({ birth: { date: '1970-01-01' }, gender: 'nam' });
    expect(dung?.problems).toEqual([{ field: 'birthFemale', column: 3, message: 'Dòng có ghi ở cả cột Nam và cột Nữ: không rõ giới tính.' }]);
    expect(giau?.values).toMatchObject({ fullName: 'Võ Văn Giàu', birth: null, gender: null, idNumber: null });
  });

  it('lets a column with few cells follow the sheet when it is typed in a legacy encoding', () => {
    const tcvn3 = (text: string) => toLegacy(text, 'tcvn3');
    const rows: CellValue[][] = [
      ['Họ và tên', 'Nơi ở hiện nay', 'Ghi chú'],
      [tcvn3('Nguyễn Văn An'), tcvn3('Số 12 đường Hậu Giang'), tcvn3('Đã có việc làm')],
      [tcvn3('Trần Thị Bình'), tcvn3('45 Bình Tây'), null],
      [tcvn3('Lê Văn Cường'), 'Chung cu A', null],
    ];
    const result = normaliseSheet(rows, { dataStart: 1 }, { 0: 'fullName', 1: 'currentAddress', 2: 'note' }, 'subjects', { date1904: false });
    expect(decodedColumns(result)).toEqual({ 0: 'tcvn3', 1: 'tcvn3', 2: 'tcvn3' });
    expect(result.rows[0]?.values).toEqual({ fullName: 'Nguyễn Văn An', currentAddress: 'Số 12 đường Hậu Giang', note: 'Đã có việc làm' });
  });

  it.each(['tcvn3', 'vni'] as const)('%s: converts a column whose legacy text also reads as Unicode ("Khu phè 1" for "Khu phố 1") with the sheet', (encoding) => {
    const legacy = (text: string) => toLegacy(text, encoding);
    expect(countLegacyVotes([legacy('Khu phố 1')])).toMatchObject({ unicode: 0, tcvn3: 0, vni: 0, latin1: 1 });
    const rows: CellValue[][] = [
      ['Họ và tên', 'Khu phố', 'Phường'],
      [legacy('Nguyễn Văn An'), legacy('Khu phố 1'), legacy('Phường Bình Tiên')],
      [legacy('Trần Thị Bình'), legacy('Khu phố 12'), legacy('Phường Bình Tiên')],
      [legacy('Lê Văn Cường'), legacy('Khu phố 3'), legacy('Phường Phú Lâm')],
    ];
    const result = normaliseSheet(rows, { dataStart: 1 }, { 0: 'fullName', 1: 'neighbourhood', 2: 'ward' }, 'subjects', { date1904: false });
    expect(decodedColumns(result)).toEqual({ 0: encoding, 1: encoding, 2: encoding });
    expect(result.rows.map((row) => row.values.neighbourhood)).toEqual(['Khu phố 1', 'Khu phố 12', 'Khu phố 3']);
    // In a Unicode sheet the same words stay as they are.
    const unicode = normaliseSheet([rows[0] as CellValue[], ['Hoàng Văn Tâm', 'Khu phè', 'Bà Hom']], { dataStart: 1 }, { 0: 'fullName', 1: 'neighbourhood', 2: 'ward' }, 'subjects', { date1904: false });
    expect(decodedColumns(unicode)).toEqual({});
    expect(unicode.rows[0]?.values).toMatchObject({ fullName: 'Hoàng Văn Tâm', neighbourhood: 'Khu phè' });
  });

  it('on a models sheet with one member per row, fills the model down to the rows that leave it blank', () => {
    const rows: CellValue[][] = [
      ['Tên mô hình', 'Loại mô hình', 'Phường', 'Tổ trưởng', 'Họ và tên', 'Năm sinh', 'Chức vụ', 'Điện thoại'],
      ['Tổ xe ôm tự quản', 'Tổ xe ôm tự quản', 'Phường Bình Tiên', 'Lê Văn Tám', 'Lê Văn Tám', 1970, 'Tổ trưởng', 903123456],
      [null, null, null, null, 'Ngô Văn Chín', '1975', 'Tổ viên', null],
      [null, null, null, null, 'Mai Thị Mười', null, 'Tổ viên', '0909 000 111'],
      ['Nhà trọ tự quản', 'Nhà trọ tự quản', 'Phường Phú Lâm', 'Trương Thị Hoa', 'Trương Thị Hoa', '12/5/1980', 'Chủ nhà trọ', null],
      ['Cộng: 4 thành viên', null, null, null, null, null, null, null],
    ];
    const header = findHeader(rows, MODEL_IMPORT_FIELDS);
    const mapping = autoMap(header?.labels ?? [], 'models');
    expect(mapping).toEqual({ 0: 'name', 1: 'type', 2: 'ward', 3: 'leaderName', 4: 'memberName', 5: 'memberBirth', 6: 'memberRole', 7: 'memberPhone' });
    const result = normaliseSheet(rows, header ?? { dataStart: 0 }, mapping, 'models', { date1904: false });
    expect(result.dropped).toEqual([{ rowNumber: 6, reason: 'total', text: 'Cộng: 4 thành viên' }]);
    expect(result.rows.map((row) => [row.values.name, row.values.ward, row.values.memberName, row.values.memberBirth, row.values.memberPhone])).toEqual([
      ['Tổ xe ôm tự quản', 'Phường Bình Tiên', 'Lê Văn Tám', { year: 1970 }, '0903123456'],
      ['Tổ xe ôm tự quản', 'Phường Bình Tiên', 'Ngô Văn Chín', { year: 1975 }, null],
      ['Tổ xe ôm tự quản', 'Phường Bình Tiên', 'Mai Thị Mười', null, '0909000111'],
      ['Nhà trọ tự quản', 'Phường Phú Lâm', 'Trương Thị Hoa', { date: '1980-05-12' }, null],
    ]);
    expect(result.rows[1]?.notes).toEqual([{ field: 'name', column: 0, message: 'Thuộc mô hình ở dòng 2.' }]);
  });

  it('takes a row that repeats only the model\'s name (a merged name cell over unmerged ward cells) as a member of that model', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('DS');
    sheet.addRows([
      ['Tên mô hình', 'Phường', 'Khu phố', 'Họ và tên', 'Chức vụ'],
      ['Tổ xe ôm tự quản', 'Phường Bình Tiên', 'Khu phố 1', 'Lê Văn Tám', 'Tổ trưởng'],
      [null, null, null, 'Ngô Văn Chín', 'Tổ viên'],
      [null, null, null, 'Mai Thị Mười', 'Tổ viên'],
      ['Tổ xe ôm tự quản', 'Phường Phú Lâm', null, 'Trương Văn Hoa', 'Tổ trưởng'], // the same name in another ward: another model
    ]);
    sheet.mergeCells('A2:A4');
    const { sheets } = await readWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()), 'ds.xlsx');
    const rows = sheets[0]?.rows ?? [];
    expect(rows[2]?.slice(0, 2)).toEqual(['Tổ xe ôm tự quản', null]); // the merge is read into each row
    const header = findHeader(rows, MODEL_IMPORT_FIELDS);
    const result = normaliseSheet(rows, header ?? { dataStart: 0 }, autoMap(header?.labels ?? [], 'models'), 'models', { date1904: false });
    expect(result.rows.map((row) => [row.values.name, row.values.ward, row.values.neighbourhood, row.values.memberName])).toEqual([
      ['Tổ xe ôm tự quản', 'Phường Bình Tiên', 'Khu phố 1', 'Lê Văn Tám'],
      ['Tổ xe ôm tự quản', 'Phường Bình Tiên', 'Khu phố 1', 'Ngô Văn Chín'],
      ['Tổ xe ôm tự quản', 'Phường Bình Tiên', 'Khu phố 1', 'Mai Thị Mười'],
      ['Tổ xe ôm tự quản', 'Phường Phú Lâm', null, 'Trương Văn Hoa'],
    ]);
    expect(result.rows.map((row) => row.notes.map((note) => note.message))).toEqual([[], ['Thuộc mô hình ở dòng 2.'], ['Thuộc mô hình ở dòng 2.'], []]);
  });

  it('tells total rows from names that only start like one', () => {
    const rows: CellValue[][] = [['Tên mô hình'], ['Công an phường Bình Tiên'], ['Cộng đồng dân cư tự quản'], ['Tổng đội thanh niên xung phong'], ['Tổng số: 120'], ['Tổng số mô hình: 3'], ['Cộng'], ['TỔNG CỘNG 15']];
    const result = normaliseSheet(rows, { dataStart: 1 }, { 0: 'name' }, 'models', { date1904: false });
    expect(result.rows.map((row) => row.values.name)).toEqual(['Công an phường Bình Tiên', 'Cộng đồng dân cư tự quản', 'Tổng đội thanh niên xung phong']);
    expect(result.dropped.map((row) => row.reason)).toEqual(['total', 'total', 'total', 'total']);
  });
});

// ------------------------------------------------------------------------------------ properties

/** A normalised value put back into a cell, as a re-import of an exported file would. */
function asCell(value: FieldValue): CellValue {
  if (value === null || typeof value !== 'object') return value;
  return 'date' in value ? value.date : value.year;
}

const messyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(...VIETNAMESE, ...OTHER_LANGUAGES).map((text) => `  ${text.normalize('NFD').toUpperCase()}\u200b  `),
  fc.constantFrom('12/3/1985', ' 12 / 03 / 1985 ', '1985', 'ngày 12 tháng 3 năm 1985', '03/1985', '31/02/1985', '0912 345 678', '79085012345', 'Nhóm A', 'Đã tiến bộ'),
);
const messyCell: fc.Arbitrary<CellValue> = fc.oneof(
  messyText,
  fc.integer({ min: -10, max: 100_000 }),
  fc.integer({ min: 1, max: 999_999_999_999 }),
  fc.double({ min: 0, max: 80_000, noNaN: true }),
  fc.date({ min: new Date(Date.UTC(1850, 0, 1)), max: new Date(Date.UTC(2150, 0, 1)), noInvalidDate: true }),
  fc.boolean(),
  fc.constant(null),
);

describe('properties', () => {
  it('normalising text, names, phone and ID numbers twice changes nothing', () => {
    fc.assert(
      fc.property(messyCell, (cell) => {
        const text = normaliseText(cell);
        expect(normaliseText(text)).toBe(text);
        const name = normaliseName(cell);
        expect(normaliseName(name)).toBe(name);
        const phone = normalisePhone(cell);
        expect(normalisePhone(phone)).toBe(phone);
        const id = normaliseIdNumber(cell).value;
        expect(normaliseIdNumber(id).value).toBe(id);
      }),
      { numRuns: 2000 },
    );
  });

  it('every field read from its own normalised value gives that value again', () => {
    const fields = [...SUBJECT_IMPORT_FIELDS, ...MODEL_IMPORT_FIELDS];
    fc.assert(
      fc.property(messyCell, fc.constantFrom(...fields), (cell, someField) => {
        const first = normaliseCell(cell, someField, plain).value;
        expect(normaliseCell(asCell(first), someField, plain).value).toEqual(first);
      }),
      { numRuns: 3000 },
    );
  });
});
