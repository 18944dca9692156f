/**
 * What an import field is (how a cell is read, where its value goes) and the pieces both registers'
 * field lists share: the STT column, the words for a birth, choices built from the app's labels.
 */
import type { Gender } from '../subjects';

export const IMPORT_REGISTERS = ['models', 'subjects'] as const;
export type ImportRegister = (typeof IMPORT_REGISTERS)[number];

/**
 * How a cell is read. `catalogue` values are names resolved against an editable list by the service;
 * `birthOfGender` is a birth written under a "Nam" or "Nữ" column, which also gives the gender;
 * `partialDate` keeps what is known of a date: the year, the month and year, or the day;
 * `ordinal` is the STT column: recognised so the header is found, never stored.
 */
export type FieldKind = 'ordinal' | 'text' | 'name' | 'catalogue' | 'choice' | 'date' | 'partialDate' | 'birth' | 'birthOfGender' | 'phone' | 'idNumber' | 'count';

export type CatalogueName = 'modelTypes' | 'wards' | 'neighbourhoods' | 'subjectCategories' | 'helperOrgs';

/** The shared input schema and field a value ends up in. */
export interface FieldTarget {
  input: 'modelInput' | 'memberInput' | 'subjectInput' | 'subjectStatusInput' | 'reviewInput';
  field: string;
  /** Appended to what other columns put in the same field rather than replacing it. */
  append?: boolean;
}

export interface Choice {
  value: string;
  label: string;
  aliases: readonly string[];
}

/** A coded value's choices: its word (shared/labels.ts) and the other words rosters use for it. */
export const choicesOf = <Value extends string>(labels: Record<Value, string>, aliases: Record<Value, readonly string[]>): Choice[] =>
  (Object.keys(labels) as Value[]).map((value) => ({ value, label: labels[value], aliases: aliases[value] }));

export interface ImportField {
  key: string;
  /** The word of the app's own forms and rosters (UI.md). */
  label: string;
  /** Header texts seen in officers' workbooks; matched accent-, case- and punctuation-insensitively. */
  aliases: readonly string[];
  kind: FieldKind;
  /** Which record of the row the value belongs to: a models sheet may list one member per row. */
  entity: 'model' | 'member' | 'subject' | 'review' | null;
  /** null: read to check or to recognise the header, not stored. */
  target: FieldTarget | null;
  catalogue?: CatalogueName;
  choices?: readonly Choice[];
  gender?: Gender;
}

export const BIRTH_ALIASES = ['Ngày sinh', 'Năm sinh', 'Ngày tháng năm sinh', 'Ngày, tháng, năm sinh', 'Ngày/tháng/năm sinh', 'Sinh ngày', 'Ngày sinh / Năm sinh', 'NS'];

export const ordinal = {
  key: 'ordinal',
  label: 'STT',
  aliases: ['STT', 'TT', 'Số TT', 'Số thứ tự'],
  kind: 'ordinal',
  entity: null,
  target: null,
} as const satisfies ImportField;
