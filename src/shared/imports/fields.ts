/** Both registers' field lists by register, their keys, and one field found by its key. */
import type { ImportField, ImportRegister } from './fields-common';
import { MODEL_IMPORT_FIELDS } from './fields-models';
import { SUBJECT_IMPORT_FIELDS } from './fields-subjects';

export type ModelFieldKey = (typeof MODEL_IMPORT_FIELDS)[number]['key'];
export type SubjectFieldKey = (typeof SUBJECT_IMPORT_FIELDS)[number]['key'];
export type ImportFieldKey = ModelFieldKey | SubjectFieldKey;

export const IMPORT_FIELDS: Record<ImportRegister, readonly ImportField[]> = {
  models: MODEL_IMPORT_FIELDS,
  subjects: SUBJECT_IMPORT_FIELDS,
};

/** The field of a register by its key, or undefined. */
export function importField(register: ImportRegister, key: string): ImportField | undefined {
  return IMPORT_FIELDS[register].find((field) => field.key === key);
}
