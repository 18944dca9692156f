import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeAndDate } from '../../src/shared/print';
import { cleanText, collationKey, compareVietnamese, foldForSearch, formatNumber, joinAddress, personNameKey } from '../../src/shared/text';
import { datePrecision, formatDate, parseDateInput, parsePartialDate } from '../../src/shared/dates';

const byKey = (key: (value: string) => string) => (a: string, b: string) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

describe('foldForSearch', () => {
  it('drops tone marks, letter modifiers and case', () => {
    expect(foldForSearch('Nguyễn Văn Bình')).toBe('nguyen van binh');
    expect(foldForSearch('Nhà trọ tự quản')).toBe('nha tro tu quan');
    expect(foldForSearch('Ướt Ồn Ầm Ợ')).toBe('uot on am o');
  });

  it('folds đ and Đ to d', () => {
    expect(foldForSearch('Đặng Đức Đạt')).toBe('dang duc dat');
    expect(foldForSearch('ĐỖ ĐÌNH ĐỊNH')).toBe('do dinh dinh');
  });

  it('gives the same result for NFD input as for NFC input', () => {
    const name = 'Trương Thị Huỳnh Hương';
    expect(name.normalize('NFD')).not.toBe(name.normalize('NFC'));
    expect(foldForSearch(name.normalize('NFD'))).toBe(foldForSearch(name.normalize('NFC')));
  });

  it('collapses and trims whitespace', () => {
    expect(foldForSearch('  Nhà   trọ\t tự\n quản  ')).toBe('nha tro tu quan');
  });
});

describe('parsePartialDate', () => {
  it('keeps a date to the year, the month or the day, as ISO of that precision, shown the Vietnamese way', () => {
    expect(parsePartialDate('2014')).toEqual({ iso: '2014', precision: 'year' });
    expect(parsePartialDate('03/2016')).toEqual({ iso: '2016-03', precision: 'month' });
    expect(parsePartialDate('3-2016')).toEqual({ iso: '2016-03', precision: 'month' });
    expect(parsePartialDate('2016-03')).toEqual({ iso: '2016-03', precision: 'month' });
    expect(parsePartialDate('05/03/2016')).toEqual({ iso: '2016-03-05', precision: 'day' });
    expect(parsePartialDate('2016-03-05')).toEqual({ iso: '2016-03-05', precision: 'day' });
    for (const bad of ['13/2016', '00/2016', '31/02/2016', '1850', '3/16', 'tháng ba', '']) expect(parsePartialDate(bad), bad).toBeNull();
    expect(['2014', '2016-03', '2016-03-05'].map(formatDate)).toEqual(['2014', '03/2016', '05/03/2016']);
    expect(['2014', '2016-03', '2016-03-05'].map(datePrecision)).toEqual(['year', 'month', 'day']);
    // Text order is time order: a year before the months and days within it.
    expect(['2016-03-05', '2016', '2015-12-31', '2016-03', '2016-02-29'].sort()).toEqual(['2015-12-31', '2016', '2016-02-29', '2016-03', '2016-03-05']);
  });
});

describe('parseDateInput', () => {
  const iso = (input: string) => {
    const parsed = parseDateInput(input);
    return parsed?.kind === 'date' ? parsed.iso : null;
  };

  it('reads the ways officers type dates', () => {
    expect(iso('25/10/2018')).toBe('2018-10-25');
    expect(iso('5/3/2018')).toBe('2018-03-05');
    expect(iso('25-10-2018')).toBe('2018-10-25');
    expect(iso('25.10.2018')).toBe('2018-10-25');
    expect(iso('25102018')).toBe('2018-10-25');
    expect(iso('2018-10-25')).toBe('2018-10-25');
    expect(iso(' 25/10/2018 ')).toBe('2018-10-25');
  });

  it('reads two-digit years as this century up to this year, the last one before', () => {
    expect(iso('5/3/18')).toBe('2018-03-05');
    expect(iso('1/1/85')).toBe('1985-01-01');
  });

  it('rejects dates that do not exist', () => {
    expect(parseDateInput('31/02/2020')).toBeNull();
    expect(parseDateInput('29/02/2019')).toBeNull();
    expect(iso('29/02/2020')).toBe('2020-02-29');
    expect(parseDateInput('2018-02-31')).toBeNull();
    expect(parseDateInput('32/01/2020')).toBeNull();
    expect(parseDateInput('12/13/2020')).toBeNull();
    expect(parseDateInput('01/01/1800')).toBeNull();
    expect(parseDateInput('hôm qua')).toBeNull();
    expect(parseDateInput('')).toBeNull();
  });

  it('accepts a year alone only with allowYear', () => {
    expect(parseDateInput('1985')).toBeNull();
    expect(parseDateInput('1985', { allowYear: true })).toEqual({ kind: 'year', year: 1985 });
    expect(parseDateInput('1850', { allowYear: true })).toBeNull();
  });
});

describe('formats', () => {
  it('formatDate shows dd/mm/yyyy and keeps a year alone', () => {
    expect(formatDate('2018-10-25')).toBe('25/10/2018');
    expect(formatDate('2018-10-25T08:00:00.000Z')).toBe('25/10/2018');
    expect(formatDate('1985')).toBe('1985');
    expect(formatDate(null)).toBe('');
    expect(formatDate(undefined)).toBe('');
  });

  it('placeAndDate writes the date line of Decree 30: a zero before days below 10 and the months 1 and 2 only', () => {
    expect(placeAndDate('Quận 6', new Date(2018, 9, 25))).toBe('Quận 6, ngày 25 tháng 10 năm 2018');
    expect(placeAndDate('Quận 6', new Date(2024, 2, 5))).toBe('Quận 6, ngày 05 tháng 3 năm 2024');
    expect(placeAndDate('Quận 6', new Date(2024, 0, 31))).toBe('Quận 6, ngày 31 tháng 01 năm 2024');
    expect(placeAndDate('Thành phố Hồ Chí Minh', new Date(2026, 1, 9))).toBe('Thành phố Hồ Chí Minh, ngày 09 tháng 02 năm 2026');
    expect(placeAndDate('Quận 6', new Date(2026, 11, 1))).toBe('Quận 6, ngày 01 tháng 12 năm 2026');
  });

  it('formatNumber groups thousands with dots', () => {
    expect(formatNumber(3602)).toBe('3.602');
    expect(formatNumber(141174)).toBe('141.174');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(0)).toBe('0');
  });
});

describe('collationKey', () => {
  it('sorts like a Vietnamese reader: đ after d, tones after the base letter, numbers by value', () => {
    const names = ['Em Nhỏ', 'Đội tuần tra', 'Dân phòng', 'Ấp Chiến Lược', 'An Phú', 'Ăn uống', 'Tổ 10', 'Tổ 2', 'ba', 'bà', 'bả', 'bã', 'bá', 'bạ'];
    expect([...names].sort(byKey(collationKey))).toEqual([
      'An Phú',
      'Ăn uống',
      'Ấp Chiến Lược',
      'ba',
      'bà',
      'bả',
      'bã',
      'bá',
      'bạ',
      'Dân phòng',
      'Đội tuần tra',
      'Em Nhỏ',
      'Tổ 2',
      'Tổ 10',
    ]);
  });

  // Stored text is always cleaned (NFC, single spaces, trimmed) and the key is defined on cleaned text,
  // so the property compares cleaned strings: Intl.Collator would otherwise sort " a" before "a".
  // Digit runs are kept to at most 8 digits: the key zero-pads numbers to 8 places.
  const letters = [...'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz'];
  const vowels = new Set([...'aăâeêioôơuưy']);
  const tones = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
  const letter = fc
    .tuple(fc.constantFrom(...letters), fc.constantFrom(...tones), fc.boolean())
    .map(([base, tone, upper]) => `${upper ? base.toUpperCase() : base}${vowels.has(base) ? tone : ''}`.normalize('NFC'));
  const word = fc.oneof(
    { weight: 4, arbitrary: fc.array(letter, { minLength: 1, maxLength: 7 }).map((chars) => chars.join('')) },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{1,8}$/) },
    { weight: 1, arbitrary: fc.tuple(fc.array(letter, { minLength: 1, maxLength: 4 }), fc.stringMatching(/^[0-9]{1,3}$/)).map(([chars, digits]) => chars.join('') + digits) },
  );
  const text = fc.tuple(fc.array(word, { maxLength: 5 }), fc.constantFrom(' ', '  ', ' \t')).map(([words, space]) => words.join(space));

  it('orders pairs exactly as Intl.Collator("vi", { numeric: true }) does (property)', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const [x, y] = [cleanText(a), cleanText(b)];
        expect(Math.sign(byKey(collationKey)(x, y))).toBe(Math.sign(compareVietnamese(x, y)));
      }),
      { numRuns: 5000 },
    );
  });

  it('sorts lists the way compareVietnamese does (property)', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 30 }), (values) => {
        const cleaned = values.map(cleanText);
        expect([...cleaned].sort(byKey(collationKey))).toEqual([...cleaned].sort(compareVietnamese));
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the Unicode normalisation form (property)', () => {
    fc.assert(fc.property(text, (value) => collationKey(value.normalize('NFD')) === collationKey(value.normalize('NFC'))));
  });
});

describe('foldForSearch (properties)', () => {
  it('gives the same result for NFD and NFC forms of any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (value) => foldForSearch(value.normalize('NFD')) === foldForSearch(value.normalize('NFC'))), {
      numRuns: 2000,
    });
    const vietnamese = fc.string({ unit: fc.constantFrom(...'aàảãáạăằẳẵắặâầẩẫấậđĐêềểễếệôồổỗốộơờởỡớợưừửữứựỳỷỹýỵ ABCÂĂÊÔƠƯ'), maxLength: 30 });
    fc.assert(fc.property(vietnamese, (value) => foldForSearch(value.normalize('NFD')) === foldForSearch(value.normalize('NFC'))), { numRuns: 2000 });
  });

  it('leaves only unaccented lowercase letters for Vietnamese text', () => {
    const vietnamese = fc.string({ unit: fc.constantFrom(...'aàảãáạăằẳẵắặâầẩẫấậđĐêềểễếệôồổỗốộơờởỡớợưừửữứựỳỷỹýỵ ABCÂĂÊÔƠƯ'), maxLength: 30 });
    fc.assert(fc.property(vietnamese, (value) => /^[a-z ]*$/.test(foldForSearch(value))));
  });
});

describe('personNameKey', () => {
  it('orders a roster by given name, then middle name, then family name', () => {
    const roster = ['Lê Văn Bình', 'Trần Thị Bình', 'Nguyễn Văn An'];
    expect([...roster].sort(byKey(personNameKey))).toEqual(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Bình']);
  });

  it('breaks a tie on given and middle names by family name, and copes with one-word names', () => {
    const roster = ['Trần Văn Bình', 'Lê Văn Bình', 'Bình', 'Võ Thị Ánh'];
    expect([...roster].sort(byKey(personNameKey))).toEqual(['Võ Thị Ánh', 'Bình', 'Lê Văn Bình', 'Trần Văn Bình']);
  });
});

describe('joinAddress', () => {
  it('joins the parts, leaving out empty ones and ones the address already names', () => {
    expect(joinAddress('321/22 Hậu Giang, Khu phố 7, Phường Bình Tiên', 'Khu phố 7', 'Phường Bình Tiên')).toBe('321/22 Hậu Giang, Khu phố 7, Phường Bình Tiên');
    expect(joinAddress('12 Bà Hom', null, 'Phường Phú Lâm')).toBe('12 Bà Hom, Phường Phú Lâm');
    expect(joinAddress('12 Ba Hom, khu pho 3', 'Khu phố 3', 'Phường 13')).toBe('12 Ba Hom, khu pho 3, Phường 13');
    expect(joinAddress(null, undefined, '')).toBe('');
  });
});
