/** Building blocks for the zod schemas every layer shares. Messages are what the officer reads. */
import { z } from 'zod';
import { cleanText, parseDateInput, parsePartialDate, properName } from './text';

z.config(z.locales.vi());

export const id = z.uuid({ message: 'Mã bản ghi không hợp lệ.' });

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

/** A date typed as dd/mm/yyyy (or ISO), stored as ISO yyyy-mm-dd; empty is null. */
export const optionalDate = (label: string) =>
  z
    .string()
    .nullish()
    .transform((value, context) => {
      if (!value || !value.trim()) return null;
      const parsed = parseDateInput(value);
      if (parsed?.kind !== 'date') {
        context.addIssue({ code: 'custom', message: `${label} phải có dạng ngày/tháng/năm, ví dụ 25/10/2018.` });
        return z.NEVER;
      }
      return parsed.iso;
    });

/**
 * A date known to the year, the month or the day ("2014", "03/2016", "05/03/2016"), stored as ISO of
 * that precision ("2014", "2016-03", "2016-03-05"); empty is null.
 */
export const optionalPartialDate = (label: string) =>
  z
    .string()
    .nullish()
    .transform((value, context) => {
      if (!value || !value.trim()) return null;
      const parsed = parsePartialDate(value);
      if (!parsed) {
        context.addIssue({ code: 'custom', message: `${label} phải có dạng ngày/tháng/năm, tháng/năm hoặc năm, ví dụ 25/10/2018, 10/2018 hoặc 2018.` });
        return z.NEVER;
      }
      return parsed.iso;
    });

/** A whole number that may be left empty (null), e.g. a figure a roster may not give. */
export const optionalCount = (label: string) =>
  z
    .union([z.number(), z.string()])
    .nullish()
    .transform((value, context) => {
      const text = typeof value === 'number' ? String(value) : (value ?? '').replace(/[.\s]/g, '');
      if (text === '') return null;
      if (!/^\d+$/.test(text)) {
        context.addIssue({ code: 'custom', message: `${label} phải là số nguyên không âm, hoặc để trống.` });
        return z.NEVER;
      }
      const number = Number(text);
      if (number > 1_000_000) {
        context.addIssue({ code: 'custom', message: `${label} quá lớn.` });
        return z.NEVER;
      }
      return number;
    });

export const count = (label: string) =>
  z.coerce
    .number({ message: `${label} phải là một số.` })
    .int(`${label} phải là số nguyên.`)
    .min(0, `${label} không được âm.`)
    .max(1_000_000, `${label} quá lớn.`);

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
}

export interface Page<Row> {
  rows: Row[];
  total: number;
}
