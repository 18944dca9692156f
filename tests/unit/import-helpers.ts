/** The import wizard's calls, as the wizard makes them, and the rosters the import tests build. */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import type { CatalogueChoice, ImportAction, ImportRegister } from '../../src/shared/imports';
import type { TestApp } from './helpers';

/** Unicode text as a legacy font wrote it, from the conversion tables (the inverse of what the import does). */
export function toLegacy(text: string, table: readonly (readonly [string, string])[]): string {
  const codes = new Map(table.map(([letter, code]) => [letter, code]));
  return [...text.normalize('NFC')].map((char) => codes.get(char) ?? char).join('');
}

export type Cell = string | number | Date | null;

/** A roster as officers keep them: unit and title lines, a blank line, the header, the rows, a total line. */
export async function rosterFile(dir: string, name: string, header: string[], rows: Cell[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.addRow(['CÔNG AN PHƯỜNG BÌNH TIÊN']);
  sheet.addRow(['DANH SÁCH ĐỐI TƯỢNG ĐƯỢC GIÁO DỤC, GIÚP ĐỠ']);
  sheet.addRow([]);
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  sheet.addRow(['Tổng cộng', `${rows.length} người`]);
  const file = join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

/** The wizard's calls; rows skipped are left out of the check, as the wizard does once a skip changes how other rows read. */
export async function runImport(
  app: TestApp,
  file: string,
  register: ImportRegister,
  decide: { skipped?: number[]; sameAs?: number[]; fixes?: Record<string, Record<string, string>>; catalogueChoices?: CatalogueChoice[]; withoutId?: number[] } = {},
) {
  const opened = await app.call('imports.open', { file: { path: file } });
  const sheet = opened.sheets[0]?.name as string;
  const layout = await app.call('imports.inspect', { sessionId: opened.sessionId, sheet, register });
  const progress: number[] = [];
  for (let from = 0; ; ) {
    const step = await app.call('imports.analyse', { sessionId: opened.sessionId, sheet, register, mapping: layout.mapping, fixes: decide.fixes ?? {}, skipped: decide.skipped ?? [], catalogueChoices: decide.catalogueChoices ?? [], withoutId: decide.withoutId ?? [], from });
    progress.push(step.done);
    if (step.done >= step.total) break;
    from = step.done;
  }
  const decisions = { sessionId: opened.sessionId, skipped: decide.skipped ?? [], sameAs: decide.sameAs ?? [] };
  const preview = await app.call('imports.preview', { ...decisions, show: 'all', offset: 0, limit: 1000 });
  return { opened, layout, progress, preview, commit: () => app.call('imports.commit', decisions), close: () => app.call('imports.close', { sessionId: opened.sessionId }) };
}

export const actions = (rows: { rowNumber: number; action: ImportAction }[]) => Object.fromEntries(rows.map((row) => [row.rowNumber, row.action]));
