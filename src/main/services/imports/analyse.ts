/**
 * The analysis of a sheet, chunk by chunk (so the wizard shows progress and can stop): the mapping checked,
 * the rows read with the officer's fixes, each row judged against the database.
 */
import { ApiError } from '../../../shared/errors';
import { layoutKey, type CatalogueChoice, type ImportRegister, type ResolvedMapping } from '../../../shared/imports';
import { normaliseSheet, type NormalisedRow } from '../../import/normalise';
import { cellText, NO_DATA_ROWS } from '../../import/read';
import { setUiState } from '../app';
import type { Context } from '../context';
import type { AnalysedRow, Analysis, Issue } from './analysis';
import { lastWrite } from './last-write';
import { mappingStateKey } from './layout';
import { loadLookup } from './lookup';
import { analyseModel } from './model-row';
import { display, fieldsOf } from './row-values';
import type { Session } from './session';
import { headerOf, sheetOf, withFixes, withoutFixedCells } from './sheet';
import { analyseSubject } from './subject-row';

/** Rows analysed per call: small enough for a smooth progress bar, large enough to be quick. */
export const ANALYSE_CHUNK = 2000;

export interface AnalyseInput {
  sheet: string;
  register: ImportRegister;
  mapping: ResolvedMapping;
  /** Values typed in the preview: row number -> column -> text, read as if they were in the file. */
  fixes: Record<string, Record<string, string>>;
  /** Cells typed in a legacy encoding the officer keeps as written. */
  keepOriginal?: { rowNumber: number; column: number }[];
  /** Rows the officer skipped: left out of the check. */
  skipped?: number[];
  /** Values no catalogue entry matches: added or mapped. */
  catalogueChoices?: CatalogueChoice[];
  /** Rows imported without their invalid ID number. */
  withoutId?: number[];
  from: number;
  /** Remember the mapping for this file layout once every row is analysed (not for a dry run). */
  remember?: boolean;
}

/** Analyses the next chunk of rows (from 0 starts over); the wizard calls again until `done` reaches `total`. */
export async function analyseImport(ctx: Context, session: Session, input: AnalyseInput): Promise<{ done: number; total: number }> {
  const sorted = (numbers: number[] | undefined) => [...(numbers ?? [])].sort((a, b) => a - b);
  const kept = (input.keepOriginal ?? []).map(({ rowNumber, column }) => `${rowNumber}:${column}`).sort();
  const key = JSON.stringify([input.sheet, input.register, input.mapping, input.fixes, kept, sorted(input.skipped), input.catalogueChoices ?? [], sorted(input.withoutId)]);
  if (input.from === 0 || session.analysis?.key !== key) session.analysis = await startAnalysis(ctx, session, input, key);
  const analysis = session.analysis;
  const rows = analysis.normalised.rows;
  const end = Math.min(Math.max(input.from, analysis.rows.length) + ANALYSE_CHUNK, rows.length);
  for (let index = analysis.rows.length; index < end; index += 1) {
    analysis.rows.push(await analyseRow(ctx, analysis, rows[index] as NormalisedRow));
  }
  if (analysis.rows.length === rows.length && input.remember !== false) await setUiState(ctx, { key: mappingStateKey(analysis.register, analysis.layout), value: analysis.mapping });
  return { done: analysis.rows.length, total: rows.length };
}

/** Each column to a field of the register, each field from one column at most. */
function checkMapping(register: ImportRegister, mapping: ResolvedMapping): void {
  const used = new Set<string>();
  for (const key of Object.values(mapping)) {
    if (key === null) continue;
    const field = fieldsOf(register).find((candidate) => candidate.key === key);
    if (!field) throw new ApiError('validation', `Không có trường "${key}" trong sổ này.`);
    if (used.has(key)) throw new ApiError('validation', `Trường "${field.label}" được gán cho hai cột. Mỗi trường chỉ lấy từ một cột.`);
    used.add(key);
  }
}

async function startAnalysis(ctx: Context, session: Session, input: AnalyseInput, key: string): Promise<Analysis> {
  checkMapping(input.register, input.mapping);
  const sheet = sheetOf(session, input.sheet);
  const rows = withFixes(sheet.rows, input.fixes);
  const legacyFonts = withoutFixedCells(sheet.legacyFonts, input.fixes);
  const header = headerOf(rows, input.register, legacyFonts);
  const keepOriginal = new Set((input.keepOriginal ?? []).map(({ rowNumber, column }) => `${rowNumber}:${column}`));
  const normalised = normaliseSheet(rows, header, input.mapping, input.register, { date1904: session.workbook.date1904, legacyFonts, keepOriginal });
  if (normalised.rows.length === 0) throw new NoDataRowsError(`Không có dòng dữ liệu nào dưới dòng tiêu đề (dòng ${(header.rowIndices[header.rowIndices.length - 1] ?? 0) + 1}) của trang tính "${input.sheet}". Hãy chọn trang tính có danh sách.`);
  const lookup = await loadLookup(ctx, input);
  return { key, register: input.register, sheet: input.sheet, layout: layoutKey(header.labels), mapping: input.mapping, normalised, cells: rows, lookup, leftOut: new Set(input.skipped ?? []), rows: [], lastWrite: await lastWrite(ctx.db, input.register) };
}

/** A sheet with a header and no row of data below it: nothing to import (the CLI exits with a code of its own). */
export class NoDataRowsError extends ApiError {
  constructor(message: string) {
    super('validation', message, undefined, NO_DATA_ROWS);
    this.name = 'NoDataRowsError';
  }
}

async function analyseRow(ctx: Context, analysis: Analysis, row: NormalisedRow): Promise<AnalysedRow> {
  const issues: Issue[] = row.problems.map(({ field, message }) => ({ field, message }));
  const warnings: Issue[] = row.notes.map(({ field, message }) => ({ field, message }));
  const values = Object.fromEntries(Object.entries(row.values).map(([key, value]) => [key, display(value)]));
  const base = { rowNumber: row.rowNumber, values, problems: issues, warnings, matchName: null as string | null, recheckOnSkip: false };
  if (analysis.leftOut.has(row.rowNumber)) return { ...base, problems: [], warnings: [], action: 'skip', payload: null, alternative: null, repeatOf: null, canBeSame: false, invalidId: null, cells: {} };
  const result = analysis.register === 'subjects' ? await analyseSubject(ctx, analysis.lookup, row, issues, warnings) : await analyseModel(ctx, analysis.lookup, row, issues, warnings);
  const failed = issues.length > 0;
  const alternative = failed ? null : (result.alternative ?? null);
  return {
    ...base,
    ...result,
    action: failed ? 'error' : result.action,
    payload: failed ? null : result.payload,
    alternative,
    repeatOf: result.repeatOf ?? null,
    canBeSame: Boolean(alternative),
    invalidId: result.invalidId ?? null,
    cells: failed ? mappedCells(analysis, row.rowNumber) : {},
  };
}

/** A row's mapped cells as written in the file, so the officer fixes what is there, not a blank. */
function mappedCells(analysis: Analysis, rowNumber: number): Record<string, string> {
  const row = analysis.cells[rowNumber - 1] ?? [];
  return Object.fromEntries(Object.entries(analysis.mapping).flatMap(([column, key]) => (key ? [[column, cellText(row[Number(column)] ?? null)]] : [])));
}

export function completeAnalysis(session: Session): Analysis {
  const analysis = session.analysis;
  if (!analysis || analysis.rows.length < analysis.normalised.rows.length) throw new ApiError('validation', 'Chưa kiểm tra xong các dòng của tệp. Hãy chờ kiểm tra xong.');
  return analysis;
}
