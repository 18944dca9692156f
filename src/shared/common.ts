/** Building blocks for the zod schemas every layer shares. Messages are what the officer reads. */
import { z } from 'zod';
import { cleanText, formatNumber, properName, readWholeNumber } from './text';
import { type DateProblem, localToday, readDate, readPartialDate } from './dates';

z.config(z.locales.vi());

export const id = z.uuid({ message: 'Mã bản ghi không hợp lệ.' });

/** Where a file made for the officer goes: a path chosen in Electron's save dialog, or a one-time download from the web host. */
export const fileTarget = z.union([z.literal('download'), z.object({ path: z.string().min(1).max(4000, 'Đường dẫn quá dài.') })]);

/** A required pick from a catalogue (a select box): empty or unknown reads as "not chosen". */
export const requiredChoice = (message: string) => z.string({ message }).pipe(z.uuid({ message }));

/** A required line of text, cleaned (NFC, single spaces) before it is checked. */
export const requiredText = (label: string, max = 200) =>
  z
    .string({ message: `${label} không được để trống.` })
    .transform(cleanText)
    .pipe(
      z
        .string()
        .min(1, `${label} không được để trống.`)
        .max(max, `${label} dài quá ${max} ký tự.`),
    );

/** A person's full name: required, and written as a name when typed all in capitals. */
export const personName = (label: string) => requiredText(label, 100).transform(properName);

/** Optional lines of text, each cleaned, blank lines dropped: empty input is stored as null. */
export const optionalLines = (label: string, max = 500) =>
  z
    .string()
    .nullish()
    .transform((value) => (value ?? '').split(/\r?\n/).map(cleanText).filter(Boolean).join('\n'))
    .pipe(z.string().max(max, `${label} dài quá ${max} ký tự.`))
    .transform((value) => value || null);

/** An optional line of text: empty input is stored as null. */
export const optionalText = (label: string, max = 500) =>
  z
    .string()
    .nullish()
    .transform((value) => (value ? cleanText(value) : ''))
    .pipe(z.string().max(max, `${label} dài quá ${max} ký tự.`))
    .transform((value) => value || null);

export const phone = z
  .string()
  .nullish()
  .transform((value) => (value ? value.replace(/[\s.]/g, '') : ''))
  .refine((value) => value === '' || /^\+?\d{8,12}$/.test(value), 'Số điện thoại gồm 8 đến 12 chữ số.')
  .transform((value) => value || null);

/** What the officer reads when a typed date does not exist: the real problem, not the expected shape. */
export function dateProblemMessage(problem: DateProblem | { problem: 'month'; month: number }, shapeMessage: string): string {
  switch (problem.problem) {
    case 'shape':
      return shapeMessage;
    case 'month':
      return `Không có tháng ${problem.month}: tháng từ 1 đến 12.`;
    case 'range': {
      const badDay = problem.day < 1 || problem.day > 31;
      const badMonth = problem.month < 1 || problem.month > 12;
      if (badDay && badMonth) return `Không có ngày ${problem.day} và tháng ${problem.month}: ngày từ 1 đến 31, tháng từ 1 đến 12.`;
      return badMonth ? `Không có tháng ${problem.month}: tháng từ 1 đến 12.` : `Không có ngày ${problem.day}: ngày từ 1 đến 31.`;
    }
    case 'monthDays':
      return problem.month === 2 && problem.day === 29
        ? `Tháng 2 năm ${problem.year} không có ngày 29 (không phải năm nhuận).`
        : `Tháng ${problem.month} không có ngày ${problem.day}.`;
  }
}

/**
 * When a date may be: `past` for facts that have happened (1900 up to today: birth, start, founding,
 * decision, review dates), `any` for dates that may lie ahead (planned end, deadline: 1900..2100).
 */
export type DateRange = 'past' | 'any';

/** The range message of a date, or null when the date (ISO of any precision) is in range. */
export function dateRangeMessage(label: string, iso: string, range: DateRange): string | null {
  const year = Number(iso.slice(0, 4));
  const today = localToday();
  if (range === 'past') {
    if (year < 1900) return `${label} phải từ năm 1900 đến nay.`;
    // A year or a month is in the future only when all of it is ("2025" is fine on 15/06/2025).
    if (iso > today.slice(0, iso.length)) return `${label} không được sau hôm nay.`;
    return null;
  }
  return year < 1900 || year > 2100 ? `${label} phải từ năm 1900 đến năm 2100.` : null;
}

/** A date typed as dd/mm/yyyy (or ISO), stored as ISO yyyy-mm-dd; empty is null. */
export const optionalDate = (label: string, range: DateRange = 'past') =>
  z
    .string()
    .nullish()
    .transform((value, context) => {
      if (!value || !value.trim()) return null;
      const reading = readDate(value);
      const message =
        reading.ok && reading.kind === 'date'
          ? dateRangeMessage(label, reading.iso, range)
          : dateProblemMessage(reading.ok ? { problem: 'shape' } : reading, `${label} phải có dạng ngày/tháng/năm, ví dụ 25/10/2018.`);
      if (message || !reading.ok || reading.kind !== 'date') {
        context.addIssue({ code: 'custom', message: message ?? '' });
        return z.NEVER;
      }
      return reading.iso;
    });

/**
 * A date known to the year, the month or the day ("2014", "03/2016", "05/03/2016"), stored as ISO of
 * that precision ("2014", "2016-03", "2016-03-05"); empty is null.
 */
export const optionalPartialDate = (label: string, range: DateRange = 'past') =>
  z
    .string()
    .nullish()
    .transform((value, context) => {
      if (!value || !value.trim()) return null;
      const reading = readPartialDate(value);
      const message = reading.ok
        ? dateRangeMessage(label, reading.iso, range)
        : dateProblemMessage(reading, `${label} phải có dạng ngày/tháng/năm, tháng/năm hoặc năm, ví dụ 25/10/2018, 10/2018 hoặc 2018.`);
      if (message || !reading.ok) {
        context.addIssue({ code: 'custom', message: message ?? '' });
        return z.NEVER;
      }
      return reading.iso;
    });

/** The bounds of a number field (0..1.000.000 unless told), with the messages a field words its own way. */
export interface NumberRange {
  min?: number;
  max?: number;
  minMessage?: string;
  maxMessage?: string;
}

/** What the officer reads when a typed whole number is not one, or null when it is fine. */
function wholeNumberMessage(label: string, text: string, range: NumberRange): { message: string } | { value: number } | null {
  const { min = 0, max = 1_000_000 } = range;
  const reading = readWholeNumber(text);
  if (reading === null) return null;
  if (!reading.ok) {
    if (reading.problem === 'fraction') return { message: `${label} phải là số nguyên, không có phần lẻ (ví dụ 3 hoặc 3.602).` };
    if (reading.problem === 'negative') return { message: `${label} không được âm.` };
    return { message: `${label} phải là số nguyên, ví dụ 3602 hoặc 3.602.` };
  }
  if (reading.value < min) return { message: range.minMessage ?? `${label} phải từ ${formatNumber(min)} trở lên.` };
  if (reading.value > max) return { message: range.maxMessage ?? `${label} quá lớn (tối đa ${formatNumber(max)}).` };
  return { value: reading.value };
}

/** The text of a number field: what was typed, or a number a caller passed (the CLI, an import). */
const numberText = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((value) => (typeof value === 'number' ? String(value) : (value ?? '')));

/**
 * A whole number typed as officers write it ("3602", "3.602", "3 602"): every number field's one
 * parser. Empty is null here; `count` refuses it.
 */
function wholeNumber(label: string, range: NumberRange = {}) {
  return numberText.transform((text, context): number | null => {
    const result = wholeNumberMessage(label, text, range);
    if (result === null) return null;
    if ('message' in result) {
      context.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result.value;
  });
}

/** A whole number that may be left empty (null), e.g. a figure a roster may not give. */
export const optionalCount = (label: string) => wholeNumber(label);

/** A required whole number from `min` to `max` (0..1.000.000 unless told): a count, a year, a number of hours. */
export const count = (label: string, range: NumberRange = {}) =>
  wholeNumber(label, range).transform((value, context): number => {
    if (value !== null) return value;
    context.addIssue({ code: 'custom', message: `${label} không được để trống.` });
    return z.NEVER;
  });

/**
 * A check across fields (end before start…) that runs even while other fields of the form have
 * problems, so the officer sees every problem at once; it waits only for the fields it reads.
 */
export function acrossFields<Value>(fields: readonly string[], check: (value: Value) => boolean, issue: { path: string[]; message: string }) {
  return [
    check,
    {
      ...issue,
      // Not when the value is no object at all (a request without it): there are no fields to compare.
      when: (payload: { value: unknown; issues: readonly { path?: readonly PropertyKey[] }[] }) =>
        typeof payload.value === 'object' && payload.value !== null && !payload.issues.some((problem) => fields.includes(String(problem.path?.[0]))),
    },
  ] as const;
}

export const sortDirection = z.enum(['asc', 'desc']);

export const paging = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
};

/** Stamps every stored row carries. */
export interface RowStamps {
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
  /** One more at each save: an edit names the version it was made on (a save over a newer one is refused). */
  version: number;
}

export interface Page<Row> {
  rows: Row[];
  total: number;
}
