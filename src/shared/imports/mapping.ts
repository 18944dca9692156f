/** A mapping given by the officer (the wizard, or the CLI's --mapping file) and its columns found in a header. */
import { z } from 'zod';
import { columnIndex } from './column-letters';
import { labelKey, type ResolvedMapping } from './columns';
import { IMPORT_REGISTERS } from './fields-common';
import { importField } from './fields';

const COLUMN_LETTERS = /^[A-Z]{1,3}$/;

/**
 * A mapping chosen by the officer in the wizard or given as `--mapping M.json`: each column, named by its
 * letter ("C") or by its header as written in the file ("Họ và tên"), to a field key, or null to skip it.
 */
export const columnMapping = z
  .object({
    register: z.enum(IMPORT_REGISTERS, { message: 'Sổ cần nhập phải là "models" (mô hình) hoặc "subjects" (đối tượng).' }),
    columns: z.record(z.string().min(1, 'Tên cột không được để trống.').max(200), z.string().nullable()),
  })
  .superRefine((mapping, context) => {
    const used = new Map<string, string>();
    for (const [column, key] of Object.entries(mapping.columns)) {
      if (key === null) continue;
      if (!importField(mapping.register, key)) {
        context.addIssue({ code: 'custom', path: ['columns', column], message: `Cột "${column}": không có trường "${key}" trong sổ này.` });
      } else if (used.has(key)) {
        context.addIssue({ code: 'custom', path: ['columns', column], message: `Trường "${key}" đã gán cho cột "${used.get(key)}", không gán thêm cho cột "${column}".` });
      }
      used.set(key, column);
    }
  });
export type ColumnMapping = z.output<typeof columnMapping>;

/**
 * Applies a given mapping to a header: names that are column letters select by position, others by their
 * folded header text. Columns the mapping does not name are not imported. Unknown names are returned so
 * the caller can say which ones did not fit the file.
 */
export function resolveColumnMapping(mapping: ColumnMapping, labels: readonly string[]): { columns: ResolvedMapping; unknown: string[] } {
  const columns: ResolvedMapping = Object.fromEntries(labels.map((_label, column) => [column, null]));
  const labelKeys = labels.map(labelKey);
  const unknown: string[] = [];
  for (const [name, key] of Object.entries(mapping.columns)) {
    const byLetter = COLUMN_LETTERS.test(name) ? columnIndex(name) : -1;
    const column = byLetter >= 0 && byLetter < labels.length ? byLetter : labelKeys.indexOf(labelKey(name));
    if (column < 0 || !labelKey(name)) unknown.push(name);
    else columns[column] = key;
  }
  return { columns, unknown };
}
