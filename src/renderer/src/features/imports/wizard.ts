/** The import wizard's shared words: its steps, the officer's decisions, the route, how a row is shown. */
import i18next from 'i18next';
import { IMPORT_FIELDS, IMPORT_REGISTERS, columnLetters, type ImportAction, type ImportRegister, type ResolvedMapping } from '../../../../shared/imports';

export const STEPS = ['choose', 'map', 'check', 'preview', 'result'] as const;
export type StepName = (typeof STEPS)[number];
export const stepIndex = (step: StepName) => STEPS.indexOf(step);

/** Values the officer typed to fix rows: row number -> column index -> text. */
export type Fixes = Record<string, Record<string, string>>;

/** What the preview shows: a filter and a page (1-based), kept while a fixed row is checked again. */
export interface PreviewView {
  show: ImportAction | 'all';
  page: number;
  /** The page of the list of cells converted from an old font (1-based). */
  decodedPage?: number;
}
export const FIRST_VIEW: PreviewView = { show: 'all', page: 1 };
export const PREVIEW_PAGE_SIZE = 100;

/** "#/import?register=subjects": the wizard opened from a register, ready for its file. */
export function importHref(register: ImportRegister): string {
  return `#/import?register=${register}`;
}

export function registerFromHash(hash: string): ImportRegister {
  const register = new URLSearchParams(hash.split('?')[1] ?? '').get('register');
  return (IMPORT_REGISTERS as readonly string[]).includes(register ?? '') ? (register as ImportRegister) : 'subjects';
}

export const ACTION_COLORS: Record<ImportAction, string> = {
  add: 'teal',
  update: 'blue',
  same: 'gray',
  check: 'orange',
  error: 'red',
  skip: 'dark',
};

/** The values that tell a row apart in the preview; the first is its title. */
export const ROW_FIELDS: Record<ImportRegister, string[]> = {
  subjects: ['fullName', 'birth', 'gender', 'idNumber', 'ward', 'category'],
  models: ['name', 'type', 'ward', 'memberName', 'memberRole'],
};

const fieldOf = (register: ImportRegister, key: string) => IMPORT_FIELDS[register].find((field) => field.key === key);

/** A field's name in the UI's language: the Vietnamese label of shared/imports/fields-*.ts, or its translation. */
export const fieldLabel = (register: ImportRegister, key: string) => i18next.t(`imports.fields.${key}`, { defaultValue: fieldOf(register, key)?.label ?? key });

/** A value as the preview shows it: a choice by its word ("nu" -> "Nữ"), anything else as read. */
export const displayValue = (register: ImportRegister, key: string, value: string) => fieldOf(register, key)?.choices?.find((choice) => choice.value === value)?.label ?? value;

/** The column each mapped field is read from. */
export function columnsByField(mapping: ResolvedMapping): Map<string, number> {
  return new Map(Object.entries(mapping).flatMap(([column, key]) => (key ? [[key, Number(column)] as const] : [])));
}

/** Columns whose field an earlier column already takes: column -> that earlier column's letter. */
export function repeatedFields(mapping: ResolvedMapping): Map<number, string> {
  const firstColumn = new Map<string, number>();
  const repeated = new Map<number, string>();
  for (const [column, key] of Object.entries(mapping).sort(([a], [b]) => Number(a) - Number(b))) {
    if (!key) continue;
    const first = firstColumn.get(key);
    if (first === undefined) firstColumn.set(key, Number(column));
    else repeated.set(Number(column), columnLetters(first));
  }
  return repeated;
}
