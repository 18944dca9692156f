/**
 * One cell of a roster as a clean field value: text in NFC with single spaces, names typed in capitals
 * written as names, dates read the Vietnamese way (day first), phone and ID numbers with the leading zeros
 * Excel drops, legacy-encoded text converted. Whatever cannot be read becomes a problem the preview shows
 * next to the row; nothing is guessed silently. The rows of a sheet: normalise.ts.
 */
import { matchChoice, type ImportField } from '../../shared/imports';
import { cleanText, foldForSearch, properName } from '../../shared/text';
import { convertLegacy, type LegacyEncoding } from './legacy';
import { cellText, excelSerialToDate, type CellValue } from './read';
import { parseDateInput } from '../../shared/dates';

/**
 * A full date (ISO yyyy-mm-dd), or only a year where the field allows it; a field that keeps partial
 * dates (a model's founding) also gets a month as ISO yyyy-mm in `date`.
 */
export type DateValue = { date: string } | { year: number };
export type FieldValue = string | number | DateValue | null;

/** A cell's value, or null when it is empty or cannot be read (then `problem` says why). */
export interface Normalised<T> {
  value: T | null;
  problem?: string;
  note?: string;
}

// ---------------------------------------------------------------------------------------------- text

// Control characters other than spaces and line breaks, and format characters (zero-width spaces, soft
// hyphens, BOMs) pasted in from elsewhere.
const INVISIBLE = /[^\P{Cc}\s]|\p{Cf}/gu;

const PRINTABLE_ASCII = /^[ -~]*$/;

// The apostrophe a CSV export puts before =, +, - or @ so no spreadsheet runs the cell as a formula.
const FORMULA_GUARD = /^'(?=[=+\-@])/;

/**
 * Text as stored: NFC, invisible characters removed, trimmed, inner runs of spaces and line breaks made
 * one space, and a formula guard of our own CSV export taken off again.
 */
export function normaliseText(value: CellValue): string | null {
  const text = cellText(value).replace(FORMULA_GUARD, '');
  // Most cells are plain ASCII (numbers, codes): they need no Unicode normalisation, which is the slow part.
  if (PRINTABLE_ASCII.test(text)) return text.replace(/ {2,}/g, ' ').trim() || null;
  return cleanText(text.replace(INVISIBLE, '')) || null;
}

/** A person's name: as text, and written as a name when typed all in capitals ("NGUYỄN  VĂN AN" -> "Nguyễn Văn An"). */
export function normaliseName(value: CellValue): string | null {
  const text = normaliseText(value);
  return text && properName(text);
}

// --------------------------------------------------------------------------------------------- dates

const FIRST_SERIAL = 1; // 01/01/1900
const LAST_SERIAL = 73415; // 31/12/2100
const LEAP_BUG_SERIAL = 60; // 29/02/1900 in Excel's calendar: a day that never was
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

const EXAMPLE = 'cần dạng ngày/tháng/năm, ví dụ 12/03/1985';

/**
 * A date cell read the Vietnamese way: an Excel date or serial number; text as 12/3/1985, 12-03-1985,
 * 12.03.1985, 12/03/85, 12031985, 1985-03-12 or "ngày 12 tháng 3 năm 1985" — always day before month.
 * A year alone ("1985", or the number 1985) is a `{ year }` where `allowYear` is set, a problem otherwise.
 */
export function normaliseDate(value: CellValue, options: { allowYear: boolean; allowMonth?: boolean; date1904?: boolean }): Normalised<DateValue> {
  if (value === null) return { value: null };
  if (value instanceof Date) return dateFromDay(value);
  if (typeof value === 'number') return dateFromNumber(value, options);
  if (typeof value === 'boolean') return { value: null, problem: `"${cellText(value)}" không phải là ngày (${EXAMPLE}).` };
  const text = normaliseText(value);
  return text ? dateFromText(text, options.allowYear, options.allowMonth ?? false) : { value: null };
}

function dateFromDay(date: Date): Normalised<DateValue> {
  const year = date.getUTCFullYear();
  if (Number.isNaN(year) || year < MIN_YEAR || year > MAX_YEAR) return { value: null, problem: `Ngày ngoài khoảng ${MIN_YEAR}–${MAX_YEAR}.` };
  return { value: { date: date.toISOString().slice(0, 10) } };
}

function dateFromNumber(value: number, options: { allowYear: boolean; date1904?: boolean }): Normalised<DateValue> {
  if (Number.isInteger(value) && value >= MIN_YEAR && value <= MAX_YEAR) return yearOnly(value, options.allowYear);
  if (value < FIRST_SERIAL || value > LAST_SERIAL) return { value: null, problem: `Số ${value} không phải là một ngày (${EXAMPLE}).` };
  if (!options.date1904 && Math.floor(value) === LEAP_BUG_SERIAL) return { value: null, problem: 'Ngày 29/02/1900 không có thật (lỗi lịch của Excel).' };
  return dateFromDay(excelSerialToDate(Math.floor(value), options.date1904));
}

function yearOnly(year: number, allowYear: boolean): Normalised<DateValue> {
  if (allowYear) return { value: { year } };
  return { value: null, problem: `Chỉ có năm (${year}); ${EXAMPLE}.` };
}

const WRITTEN_DATE = /^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})$/;
const MONTH_YEAR = /^(?:thang\s*)?(\d{1,2})\s*(?:[/.-]|\s*nam\s*)\s*(\d{4})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;
const WRITTEN_YEAR = /^nam\s*(\d{4})$/;
const TIME_OF_DAY = /\s+\d{1,2}:\d{2}(:\d{2})?$/;
const DATE_SHAPE = /^\d{1,2}[/.-]\d{1,2}[/.-](\d{2}|\d{4})$|^\d{8}$|^\d{4}-\d{2}-\d{2}$/;

function dateFromText(text: string, allowYear: boolean, allowMonth: boolean): Normalised<DateValue> {
  const compact = text.replace(/\s*([/.-])\s*/g, '$1').replace(TIME_OF_DAY, '');
  const folded = foldForSearch(compact).replace(/,/g, ' ').replace(/\s+/g, ' ').replace(/^ngay (?=\d)/, '');
  const written = WRITTEN_DATE.exec(folded);
  const candidate = written ? `${written[1]}/${written[2]}/${written[3]}` : (WRITTEN_YEAR.exec(folded)?.[1] ?? folded);
  const parsed = parseDateInput(candidate, { allowYear: true });
  if (parsed?.kind === 'date') return { value: { date: parsed.iso } };
  if (parsed?.kind === 'year') return yearOnly(parsed.year, allowYear);
  const isoMonth = ISO_MONTH.exec(folded);
  const monthYear = MONTH_YEAR.exec(folded) ?? (isoMonth && [isoMonth[0], isoMonth[2]!, isoMonth[1]!]);
  if (monthYear && Number(monthYear[1]) >= 1 && Number(monthYear[1]) <= 12) {
    const year = Number(monthYear[2]);
    if (allowMonth && year >= MIN_YEAR && year <= MAX_YEAR) return { value: { date: `${year}-${monthYear[1]!.padStart(2, '0')}` } };
    if (allowYear) return { value: { year }, note: `Chỉ có tháng/năm (${text}): giữ năm ${year}.` };
    return { value: null, problem: `Chỉ có tháng/năm (${text}); ${EXAMPLE}.` };
  }
  if (written || DATE_SHAPE.test(candidate)) return { value: null, problem: `Ngày "${text}" không có thật (ngày ghi trước tháng).` };
  return { value: null, problem: `"${text}" không đọc được thành ngày (${EXAMPLE}).` };
}

// ---------------------------------------------------------------------------------- phone, ID, count

const DIGIT_SEPARATORS = /[\s.\-()]/g;

/** A phone number as text: separators dropped, and the leading 0 a number cell lost put back (912345678 -> "0912345678"). */
export function normalisePhone(value: CellValue): string | null {
  const text = normaliseText(value);
  if (!text) return null;
  const digits = text.replace(DIGIT_SEPARATORS, '');
  // Mobile numbers have 10 digits and landlines 11, both starting with 0.
  return /^[1-9]\d{8,9}$/.test(digits) ? `0${digits}` : digits || null;
}

const SCIENTIFIC = /^\d(?:[.,]\d+)?e[+-]?\d+$/i;

/**
 * A CCCD (12 digits) or CMND (9 digits) as text, separators dropped. Only a number cell, which Excel
 * stripped of its leading zero (11 or 8 digits left), gets it back: text is as typed, and one of the wrong
 * length is left for the officer to judge. One Excel already showed as 7,9085E+10 has lost digits for good.
 */
export function normaliseIdNumber(value: CellValue): Normalised<string> {
  const text = normaliseText(value);
  if (!text) return { value: null };
  if (SCIENTIFIC.test(text)) {
    return { value: null, problem: `Số CCCD/CMND "${text}" đã bị Excel đổi sang dạng số mũ và mất chữ số. Hãy định dạng cột là Văn bản (Text) và nhập lại số.` };
  }
  const digits = text.replace(DIGIT_SEPARATORS, '');
  if (typeof value === 'number' && /^\d{11}$|^\d{8}$/.test(digits)) return { value: `0${digits}`, note: `Thêm số 0 đầu mà Excel đã bỏ (${digits} -> 0${digits}).` };
  return { value: digits || null };
}

// The word a roster may write after a count of people: "18 người", "20 thành viên", "12 TV".
const COUNT_UNIT = /\s*(nguoi|thanh vien|tv|hoi vien|doi vien)\.?$/;

/**
 * A whole number of people or things; "1.200" is read with the Vietnamese thousands separator, and a
 * word for people after the number ("18 người", "18 thành viên", "20 TV") is left aside.
 */
export function normaliseCount(value: CellValue): Normalised<number> {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 ? { value } : { value: null, problem: `"${value}" không phải là số nguyên không âm.` };
  }
  const text = normaliseText(value);
  if (!text) return { value: null };
  const digits = foldForSearch(text).replace(COUNT_UNIT, '').replace(/[.\s]/g, '');
  return /^\d{1,9}$/.test(digits) ? { value: Number(digits) } : { value: null, problem: `"${text}" không phải là một số.` };
}

// --------------------------------------------------------------------------------------------- cells

export interface CellOptions {
  date1904: boolean;
  /** The cell's legacy encoding: text is converted before anything else. */
  encoding: LegacyEncoding | null;
  /** Set in a capitals font (".VnTimeH"): every letter is a capital. */
  capitals?: boolean;
  /** The value was converted from a legacy encoding already (names then get their capitals back). */
  decoded?: boolean;
}

const EXCEL_ERROR = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|ERROR!)$/i;

/** A cell read as the given field: the field's label starts every problem message. */
export function normaliseCell(value: CellValue, field: ImportField, options: CellOptions): Normalised<FieldValue> {
  const converted = options.encoding && typeof value === 'string' ? convertLegacy(value, options.encoding, { capitals: options.capitals }) : value;
  const result =
    typeof converted === 'string' && EXCEL_ERROR.test(converted.trim())
      ? { value: null, problem: `ô có lỗi công thức Excel (${converted.trim()}).` }
      : normaliseByKind(converted, field, options);
  return result.problem ? { ...result, problem: `${field.label}: ${result.problem}` } : result;
}

function normaliseByKind(value: CellValue, field: ImportField, options: CellOptions): Normalised<FieldValue> {
  switch (field.kind) {
    case 'ordinal':
    case 'text':
    case 'catalogue':
      return { value: normaliseText(value) };
    case 'name':
      return { value: options.encoding || options.decoded ? capitaliseWords(normaliseName(value)) : normaliseName(value) };
    case 'choice':
      return normaliseChoice(value, field);
    case 'date':
      return normaliseDate(value, { allowYear: false, date1904: options.date1904 });
    case 'partialDate':
      return normaliseDate(value, { allowYear: true, allowMonth: true, date1904: options.date1904 });
    case 'birth':
    case 'birthOfGender':
      return normaliseDate(value, { allowYear: true, date1904: options.date1904 });
    case 'phone':
      return { value: normalisePhone(value) };
    case 'idNumber':
      return normaliseIdNumber(value);
    case 'count':
      return normaliseCount(value);
  }
}

/** Names typed with a legacy font often lost their capitals (".VnTimeH" drew them): every word starts with one. */
function capitaliseWords(name: string | null): string | null {
  return name && name.replace(/(^|\s)(\S)/g, (_match, space: string, letter: string) => space + letter.toLocaleUpperCase('vi'));
}

function normaliseChoice(value: CellValue, field: ImportField): Normalised<FieldValue> {
  const text = normaliseText(value);
  if (!text) return { value: null };
  const choice = matchChoice(text, field.choices ?? []);
  if (choice) return { value: choice.value };
  const allowed = (field.choices ?? []).map((option) => option.label).join(', ');
  return { value: null, problem: `"${text}" không phải một trong các giá trị: ${allowed}.` };
}
