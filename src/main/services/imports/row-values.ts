/** One row's field values as the shared input schemas want them (catalogue names resolved to ids), and the schemas' problems named by import field. */
import type { ZodError } from 'zod';
import { formatDate } from '../../../shared/dates';
import { IMPORT_FIELDS, type ImportField, type ImportRegister } from '../../../shared/imports';
import type { DateValue, FieldValue } from '../../import/cell-values';
import type { NormalisedRow } from '../../import/normalise';
import type { Issue } from './analysis';
import type { Lookup } from './lookup';

export const fieldsOf = (register: ImportRegister) => IMPORT_FIELDS[register];

/** A value as the forms type it: dates as ISO, a year alone as "1985". */
export function asInput(value: FieldValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return 'date' in (value as DateValue) ? (value as { date: string }).date : String((value as { year: number }).year);
  return String(value);
}

export function display(value: FieldValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return 'date' in value ? formatDate(value.date) : String(value.year);
  return String(value);
}

/** The catalogue entry a cell names (or the one the officer chose for it), or a problem saying a choice is needed. */
function resolveCatalogue(lookup: Lookup, field: ImportField, text: string | null, issues: Issue[], ward: { id: string | null; text: string | null }): string | null {
  if (!text || !field.catalogue) return null;
  const resolved = lookup.catalogues.resolve(field.catalogue, field.label, text, ward);
  if (resolved.problem) issues.push({ field: field.key, message: resolved.problem });
  return resolved.id;
}

/** The schema's problems, named by the import field that fills the schema field (one problem per field). */
export function addSchemaIssues(issues: Issue[], error: ZodError, register: ImportRegister, input: string): void {
  for (const issue of error.issues) {
    const path = String(issue.path[0] ?? '');
    const field = fieldsOf(register).find((candidate) => candidate.target?.input === input && candidate.target.field === path)?.key ?? path;
    if (!issues.some((known) => known.field === field)) issues.push({ field, message: issue.message });
  }
}

/** The row's values for one input schema, as the forms would send them; catalogue names resolved to ids. */
export function fieldValues(row: NormalisedRow, register: ImportRegister, input: string, lookup: Lookup, issues: Issue[]) {
  const values: Record<string, string | null> = {};
  // A neighbourhood is looked up within its ward, so it comes after the ward.
  const fields = fieldsOf(register).filter((field) => field.target?.input === input && field.key in row.values);
  const ordered = [...fields.filter((field) => field.catalogue !== 'neighbourhoods'), ...fields.filter((field) => field.catalogue === 'neighbourhoods')];
  for (const field of ordered) {
    const target = field.target as NonNullable<ImportField['target']>;
    const raw = asInput(row.values[field.key as keyof typeof row.values]);
    const ward = { id: values.wardId ?? null, text: asInput(row.values.ward) };
    const value = field.kind === 'catalogue' ? resolveCatalogue(lookup, field, raw, issues, ward) : raw;
    if (target.append && values[target.field]) values[target.field] = [values[target.field], value].filter(Boolean).join('; ');
    else if (value !== null || !(target.field in values)) values[target.field] = value;
  }
  return values;
}
