/** Vietnamese text helpers shared by every layer: normalisation, search folding, collation keys, formats. */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Trim, collapse inner whitespace and normalise to NFC: every text we store goes through this. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** A name typed in capitals ("NGUYỄN VĂN BÌNH", common in old rosters) written as a name: "Nguyễn Văn Bình". */
export function properName(value: string): string {
  const name = cleanText(value);
  if (name !== name.toLocaleUpperCase('vi') || name === name.toLocaleLowerCase('vi')) return name;
  return name
    .toLocaleLowerCase('vi')
    .split(' ')
    .map((word) => word.charAt(0).toLocaleUpperCase('vi') + word.slice(1))
    .join(' ');
}

/** Accent-, case- and đ-insensitive form used for search ("Nguyễn Văn Bình" -> "nguyen van binh"). */
export function foldForSearch(value: string): string {
  // Digits and plain lower-case words (ID numbers, phones, what is folded already) fold to themselves.
  if (FOLDED.test(value)) return value;
  let folded = folds.get(value);
  if (folded === undefined) {
    folded = computeFold(value);
    if (folds.size >= FOLDS_KEPT) folds.clear();
    folds.set(value, folded);
  }
  return folded;
}

const FOLDED = /^[0-9a-z]+(?: [0-9a-z]+)*$/;
// An import folds the same addresses, wards and names over and over: the folds of the texts seen are kept.
const FOLDS_KEPT = 20_000;
const folds = new Map<string, string>();

function computeFold(value: string): string {
  return value
    .normalize('NFC')
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Search terms of a query: folded words, each of which must occur. */
export function searchTerms(query: string): string[] {
  const folded = foldForSearch(query);
  return folded ? folded.split(' ') : [];
}

// Vietnamese alphabet order: letters with breve, circumflex, horn and the stroke of đ are letters of
// their own; tone marks only break ties (secondary level), and case after that (tertiary).
const ALPHABET = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
const MODIFIED_LETTERS: Record<string, Record<string, string>> = {
  '\u0306': { a: 'ă' }, // breve
  '\u0302': { a: 'â', e: 'ê', o: 'ô' }, // circumflex
  '\u031b': { o: 'ơ', u: 'ư' }, // horn
};
const TONES = ['\u0300', '\u0309', '\u0303', '\u0301', '\u0323']; // huyền, hỏi, ngã, sắc, nặng

interface CollationUnit {
  primary: number;
  tone: number;
  upper: boolean;
}

function collationUnits(value: string): CollationUnit[] {
  const units: CollationUnit[] = [];
  for (const char of value.normalize('NFD')) {
    const lower = char.toLowerCase();
    const last = units[units.length - 1];
    const toneIndex = TONES.indexOf(char);
    if (toneIndex >= 0 && last) {
      last.tone = toneIndex + 1;
      continue;
    }
    if (last && /[\u0300-\u036f]/.test(char)) {
      const base = ALPHABET[last.primary - 0x100];
      const letter = base ? MODIFIED_LETTERS[char]?.[base] : undefined;
      if (letter) last.primary = 0x100 + ALPHABET.indexOf(letter);
      continue;
    }
    const index = ALPHABET.indexOf(lower);
    // As in Intl.Collator: spaces sort before digits, and digits before letters.
    const primary =
      index >= 0 ? 0x100 + index : /\s/.test(char) ? 0x20 : /\d/.test(char) ? 0x30 + Number(char) : 0x1000 + (char.codePointAt(0) ?? 0);
    units.push({ primary, tone: 0, upper: lower !== char });
  }
  return units;
}

/**
 * A key whose plain binary order is Vietnamese collation order (as Intl.Collator('vi', { numeric: true })
 * sorts), so
 * SQLite can sort and page by an indexed column: better-sqlite3 cannot register a custom collation.
 */
export function collationKey(value: string): string {
  let key = collationKeys.get(value);
  if (key === undefined) {
    key = computeCollationKey(value);
    if (collationKeys.size >= COLLATION_KEYS_KEPT) collationKeys.clear();
    collationKeys.set(value, key);
  }
  return key;
}

// Names are made of few words (a handful of family names, common middle and given names): the keys of
// the words already seen are kept, which makes a roster's sort keys several times cheaper to compute.
const COLLATION_KEYS_KEPT = 20_000;
const collationKeys = new Map<string, string>();

function computeCollationKey(value: string): string {
  // Digit runs are zero-padded so "Phường 2" sorts before "Phường 10" (Intl.Collator's numeric option).
  const units = collationUnits(cleanText(value).replace(/\d+/g, (digits) => digits.padStart(8, '0')));
  const primary = units.map((unit) => String.fromCodePoint(unit.primary)).join('');
  const secondary = units.map((unit) => String(unit.tone)).join('');
  const tertiary = units.map((unit) => (unit.upper ? '1' : '0')).join('');
  return `${primary}\u0001${secondary}\u0001${tertiary}`;
}

/**
 * Vietnamese roster order: by given name (the last word), then by the middle names, then by the family
 * name (the first word), as school and ward rosters are sorted: "Nguyễn Văn An" < "Trần Thị Bình" < "Lê Văn Bình".
 */
export function personNameKey(fullName: string): string {
  const words = cleanText(fullName).split(' ');
  const givenName = words.pop() ?? '';
  const rest = [...words.slice(1), ...words.slice(0, 1)].join(' ');
  return `${collationKey(givenName)}\u0002${collationKey(rest)}`;
}

const collator = new Intl.Collator('vi', { numeric: true });
export const compareVietnamese = (a: string, b: string): number => collator.compare(a, b);

const numberFormat = new Intl.NumberFormat('vi-VN');
/** 3602 -> "3.602". */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** "2018-10-25" -> "25/10/2018", a month "2016-03" -> "03/2016"; a year alone stays as it is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (match) return `${match[3]}/${match[2]}/${match[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(iso);
  return month ? `${month[2]}/${month[1]}` : iso;
}

/** A UTC timestamp shown in local time as "25/10/2018 14:05". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export type ParsedDate = { kind: 'date'; iso: string } | { kind: 'year'; year: number };

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function fullYear(year: string): number {
  const value = Number(year);
  if (year.length !== 2) return value;
  const currentTwoDigits = new Date().getFullYear() % 100;
  return value <= currentTwoDigits ? 2000 + value : 1900 + value;
}

/** Why a typed text is not a date: not a date's shape at all, or a day, month or year that does not exist. */
export type DateProblem =
  | { problem: 'shape' }
  | { problem: 'range'; day: number; month: number } // day outside 1..31 and/or month outside 1..12
  | { problem: 'monthDays'; day: number; month: number; year: number }; // 31/02, 29/02 in a common year

export type DateReading = ({ ok: true } & ParsedDate) | ({ ok: false } & DateProblem);

function readDayMonthYear(day: number, month: number, year: number): DateReading {
  if (day < 1 || day > 31 || month < 1 || month > 12) return { ok: false, problem: 'range', day, month };
  if (!isRealDate(year, month, day)) return { ok: false, problem: 'monthDays', day, month, year };
  return { ok: true, kind: 'date', iso: `${year}-${pad(month)}-${pad(day)}` };
}

/**
 * Reads a date as officers type it (dd/mm/yyyy, d/m/yy, dd-mm-yyyy, dd.mm.yyyy, ddmmyyyy, ISO, or a
 * year alone where `allowYear` is set) and says what is wrong when it is not a real date. The year is
 * not range-checked here: each field has its own range.
 */
export function readDate(input: string, options: { allowYear?: boolean } = {}): DateReading {
  const text = input.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return readDayMonthYear(Number(iso[3]), Number(iso[2]), Number(iso[1]));
  if (/^\d{4}$/.test(text)) return options.allowYear ? { ok: true, kind: 'year', year: Number(text) } : { ok: false, problem: 'shape' };
  const parts = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(text);
  if (!parts) return { ok: false, problem: 'shape' };
  return readDayMonthYear(Number(parts[1]), Number(parts[2]), fullYear(parts[3] ?? ''));
}

/** The year of a parsed date. */
export const yearOf = (date: ParsedDate): number => (date.kind === 'year' ? date.year : Number(date.iso.slice(0, 4)));

/**
 * Reads a date as officers type it: dd/mm/yyyy, d/m/yy, dd-mm-yyyy, dd.mm.yyyy, ddmmyyyy, or an ISO
 * date; a year alone ("1985") only where `allowYear` is set. Returns null when it is not a real date
 * of the years 1900..2100.
 */
export function parseDateInput(input: string, options: { allowYear?: boolean } = {}): ParsedDate | null {
  const reading = readDate(input, options);
  if (!reading.ok) return null;
  const year = yearOf(reading);
  if (year < 1900 || year > 2100) return null;
  return reading.kind === 'year' ? { kind: 'year', year } : { kind: 'date', iso: reading.iso };
}

/** Today's date on this computer, as ISO yyyy-mm-dd (local time: the officer's day). */
export function todayIso(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Reads a whole number as officers type it: "3602", "3.602" or "3 602" (Vietnamese thousands groups).
 * Null for empty text; otherwise the number, or why it is not a whole number: a decimal part ("3,5"),
 * a minus sign, or anything else.
 */
export function readWholeNumber(input: string): { ok: true; value: number } | { ok: false; problem: 'fraction' | 'negative' | 'shape' } | null {
  const text = input.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  if (text === '') return null;
  if (/^-\s*\d/.test(text)) return { ok: false, problem: 'negative' };
  if (/^\d+$/.test(text) || /^\d{1,3}(?:\.\d{3})+$/.test(text) || /^\d{1,3}(?: \d{3})+$/.test(text)) {
    const value = Number(text.replace(/[. ]/g, ''));
    return Number.isSafeInteger(value) ? { ok: true, value } : { ok: false, problem: 'shape' };
  }
  if (/^[\d. ]*\d,\d+$/.test(text)) return { ok: false, problem: 'fraction' };
  return { ok: false, problem: 'shape' };
}

export type DatePrecision = 'year' | 'month' | 'day';

/**
 * A date known to the year, the month or the day, stored as ISO 8601 of that precision: "2014",
 * "2016-03" or "2016-03-05". As text these sort in time order (a year before the dates within it) and
 * a year's records share the prefix, so one column serves sorting, filtering and display.
 */
export function parsePartialDate(input: string): { iso: string; precision: DatePrecision } | null {
  const reading = readPartialDate(input);
  if (!reading.ok) return null;
  const year = Number(reading.iso.slice(0, 4));
  return year >= 1900 && year <= 2100 ? { iso: reading.iso, precision: reading.precision } : null;
}

/** As parsePartialDate, saying what is wrong; the year is not range-checked here (each field has its range). */
export function readPartialDate(input: string): ({ ok: true; iso: string; precision: DatePrecision }) | ({ ok: false } & (DateProblem | { problem: 'month'; month: number })) {
  const text = input.trim();
  const isoMonth = /^(\d{4})-(\d{2})$/.exec(text);
  const monthYear = isoMonth ? [isoMonth[2], isoMonth[1]] : /^(\d{1,2})[/.-](\d{4})$/.exec(text)?.slice(1);
  if (monthYear) {
    const [month, year] = [Number(monthYear[0]), Number(monthYear[1])];
    return month >= 1 && month <= 12 ? { ok: true, iso: `${year}-${pad(month)}`, precision: 'month' } : { ok: false, problem: 'month', month };
  }
  const reading = readDate(text, { allowYear: true });
  if (!reading.ok) return reading;
  return reading.kind === 'year' ? { ok: true, iso: String(reading.year), precision: 'year' } : { ok: true, iso: reading.iso, precision: 'day' };
}

/** The precision of a stored partial date ("2014": year, "2016-03": month, "2016-03-05": day). */
export function datePrecision(iso: string): DatePrecision {
  return iso.length === 4 ? 'year' : iso.length === 7 ? 'month' : 'day';
}

/** "12 Hậu Giang, Khu phố 7, Phường Bình Tiên": address parts joined, skipping empty ones and ones the address already names. */
export function joinAddress(...parts: (string | null | undefined)[]): string {
  const kept: string[] = [];
  for (const part of parts) {
    if (part && !foldForSearch(kept.join(', ')).includes(foldForSearch(part))) kept.push(part);
  }
  return kept.join(', ');
}
