/**
 * Every date helper of the app, for every layer: reading dates as officers type them (with what is
 * wrong when they are not real dates), showing them dd/mm/yyyy, today where the officer is, and the
 * date arithmetic of reviews and the due lists. Dates are ISO text (yyyy-mm-dd, or yyyy-mm / yyyy when
 * only the month or year is known).
 */

export const pad = (value: number, width = 2) => String(value).padStart(width, '0');

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
/** A filter's date as typed, once it reads as a whole date; undefined while it is still being typed (or empty). */
export function completeDate(text: string): string | undefined {
  const reading = readDate(text);
  return reading.ok && reading.kind === 'date' ? text : undefined;
}

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
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** yyyy-mm-dd of a UTC date (formatted by hand: the demo generator calls this millions of times). */
const isoDate = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
const dateParts = (iso: string) => [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))] as const;

/** Adds months to a yyyy-mm-dd date, keeping the day within the target month (31/01 + 1 month = 28/02). */
export function addMonths(iso: string, months: number): string {
  const [year, month, day] = dateParts(iso);
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return isoDate(new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay))));
}

export function addDays(iso: string, days: number): string {
  const [year, month, day] = dateParts(iso);
  return isoDate(new Date(Date.UTC(year, month - 1, day + days)));
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

