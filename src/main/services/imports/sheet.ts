/** The sheet an import reads: found by name, its header row found, the officer's typed fixes laid over its cells. */
import { ApiError } from '../../../shared/errors';
import { IMPORT_FIELDS, type ImportRegister } from '../../../shared/imports';
import { findHeader, type HeaderMatch } from '../../import/header';
import type { CellValue, LegacyFonts } from '../../import/read';
import type { AnalyseInput } from './analyse';
import type { Session } from './session';

export function sheetOf(session: Session, name: string) {
  const sheet = session.workbook.sheets.find((candidate) => candidate.name === name);
  if (!sheet) throw new ApiError('validation', `Tệp không có trang tính "${name}".`);
  return sheet;
}

export function headerOf(rows: CellValue[][], register: ImportRegister, legacyFonts?: LegacyFonts): HeaderMatch {
  const header = findHeader(rows, IMPORT_FIELDS[register], legacyFonts);
  if (!header) throw new ApiError('validation', 'Không tìm thấy dòng tiêu đề cột (ví dụ "Họ và tên", "Ngày sinh") trong 30 dòng đầu của trang tính này. Hãy chọn trang tính khác.');
  return header;
}

/** The legacy fonts of a sheet, less the cells the officer retyped (what they type is Unicode). */
export function withoutFixedCells(fonts: LegacyFonts | undefined, fixes: AnalyseInput['fixes']): LegacyFonts | undefined {
  if (!fonts || Object.keys(fixes).length === 0) return fonts;
  const remaining: LegacyFonts = new Map(fonts);
  for (const [rowNumber, cells] of Object.entries(fixes)) {
    const columns = remaining.get(Number(rowNumber) - 1);
    if (!columns) continue;
    const left = new Map(columns);
    for (const column of Object.keys(cells)) left.delete(Number(column));
    remaining.set(Number(rowNumber) - 1, left);
  }
  return remaining;
}

export function withFixes(rows: CellValue[][], fixes: AnalyseInput['fixes']): CellValue[][] {
  if (Object.keys(fixes).length === 0) return rows;
  const fixed = [...rows];
  for (const [rowNumber, cells] of Object.entries(fixes)) {
    const index = Number(rowNumber) - 1;
    if (index < 0 || index >= rows.length) throw new ApiError('validation', `Không có dòng ${rowNumber} trong trang tính này.`);
    const row = [...(fixed[index] ?? [])];
    for (const [column, text] of Object.entries(cells)) row[Number(column)] = text;
    fixed[index] = row;
  }
  return fixed;
}
