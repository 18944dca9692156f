/**
 * Import of officers' own workbooks into a register. The file is read once into a session; the header is
 * found and the columns mapped; every row is then analysed against the database in chunks (so the wizard
 * shows progress and can stop), paged through as a preview, and committed in short transactions as one
 * import run (undone as one by services/import-undo.ts). Nothing is written before the commit, so closing a session changes nothing. Re-importing a file finds its own
 * records again (by ID number, else name and birth; a model by name and ward) and adds nothing twice.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { sql } from 'kysely';
import { z, ZodError } from 'zod';
import type { Entity } from '../../shared/app';
import { ApiError } from '../../shared/errors';
import {
  IMPORT_FIELDS,
  autoMap,
  labelKey,
  layoutKey,
  type CatalogueChoice,
  type ImportAction,
  type ImportDecisions,
  type ImportField,
  type ImportLayout,
  type ImportOpened,
  type ImportPreview,
  type ImportRegister,
  type ImportSummary,
  type PreviewRow,
  type ResolvedMapping,
  STOPPED_RUN_FIELD,
} from '../../shared/imports';
import { memberInput, modelInput, type ModelValues } from '../../shared/models';
import { reviewInput, subjectInput, subjectStatusInput, type SubjectStatus, type SubjectValues } from '../../shared/subjects';
import { cleanText, foldForSearch, formatNumber } from '../../shared/text';
import { BulkRowError, rowWriter, type RowWriter } from '../db/bulk';
import { checkpointAfter } from '../db/checkpoint';
import { withBigPageCache } from '../db/page-cache';
import { findHeader, type HeaderMatch } from '../import/header';
import { LEGACY_ENCODING_NAMES } from '../import/legacy';
import { normaliseSheet, type DateValue, type DecodedCell, type FieldValue, type NormalisedRow, type NormalisedSheet } from '../import/normalise';
import { cellText, ImportFileError, MAX_IMPORT_BYTES, readWorkbook, type CellValue, type LegacyFonts, type Workbook } from '../import/read';
import { log } from '../log';
import { getUiState, setUiState } from './app';
import { BATCH_MS, BATCH_ROWS, CHANGED_MEANWHILE, changedSince, pauseBetweenBatches, refusalReason, RowRefused, rowProblemOf, stopReason } from './import-batches';
import { loadCatalogueValues, writeCatalogueChoices, type CatalogueValues } from './import-catalogues';
import type { Context, Trx } from './context';
import { csvDocument, safeText } from './csv';
import { createMemberIn, createModelIn, updateModelIn } from './models';
import { changeSubjectStatusIn, createReviewIn, newSubjectRecord, updateSubjectIn } from './subjects';
import { formatDate, localToday } from '../../shared/dates';

/** Rows analysed per call: small enough for a smooth progress bar, large enough to be quick. */
export const ANALYSE_CHUNK = 2000;
const SESSION_LIFETIME_MS = 2 * 60 * 60 * 1000;

type Issue = { field: string; message: string };

/** What the commit writes for one row. */
type Payload =
  | { register: 'subjects'; values: SubjectValues; status: SubjectStatus | null; review: ReviewValues | null; matchId: string | null }
  | { register: 'models'; modelKey: string; model: ModelValues; member: MemberValues | null };
type ReviewValues = Omit<ReturnType<typeof reviewInput.parse>, 'subjectId'>;
type MemberValues = Omit<ReturnType<typeof memberInput.parse>, 'modelId'>;

interface AnalysedRow extends PreviewRow {
  payload: Payload | null;
  /** For a possible duplicate: the update of the record it resembles, if the officer says it is the same. */
  alternative: Payload | null;
  /** The earlier row of the file this one repeats (and is refused for). */
  repeatOf: number | null;
}

interface Analysis {
  key: string;
  register: ImportRegister;
  sheet: string;
  layout: string;
  mapping: ResolvedMapping;
  normalised: NormalisedSheet;
  /** The sheet's cells as analysed (the officer's fixes in place). */
  cells: CellValue[][];
  lookup: Lookup;
  /** Rows the officer skipped before this check: left out of it, so a row repeating one of them is read on its own. */
  leftOut: Set<number>;
  rows: AnalysedRow[];
  /** The register's last write when the analysis began: the commit is refused if anything was written since. */
  lastWrite: number;
}

interface Session {
  id: string;
  fileName: string;
  workbook: Workbook;
  expires: number;
  analysis: Analysis | null;
  summary: ImportSummary | null;
  /** Rows written so far by a running commit, for the wizard's progress bar. */
  committing: { done: number; total: number } | null;
}

/** The open import sessions of one handler table (one per running app). */
export class ImportSessions {
  private readonly sessions = new Map<string, Session>();

  add(fileName: string, workbook: Workbook): Session {
    this.sweep();
    const session: Session = { id: randomUUID(), fileName, workbook, expires: Date.now() + SESSION_LIFETIME_MS, analysis: null, summary: null, committing: null };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string): Session {
    const session = this.sessions.get(id);
    if (!session || session.expires < Date.now()) throw new ApiError('not_found', 'Phiên nhập dữ liệu đã hết hạn hoặc đã đóng. Hãy chọn lại tệp.');
    session.expires = Date.now() + SESSION_LIFETIME_MS;
    return session;
  }

  close(id: string): void {
    this.sessions.delete(id);
  }

  private sweep(now = Date.now()) {
    for (const [id, session] of this.sessions) if (session.expires < now) this.sessions.delete(id);
  }
}

// ------------------------------------------------------------------------------------------- open

export async function openImport(sessions: ImportSessions, file: { path: string; name: string }): Promise<ImportOpened> {
  const size = statSync(file.path, { throwIfNoEntry: false })?.size;
  if (size === undefined) throw new ImportFileError('unreadable', 'Không tìm thấy tệp đã chọn.');
  if (size > MAX_IMPORT_BYTES) throw new ImportFileError('too_large', `Tệp quá lớn (tối đa ${MAX_IMPORT_BYTES / 1024 / 1024} MB).`);
  const workbook = await readWorkbook(readFileSync(file.path), file.name);
  const session = sessions.add(file.name, workbook);
  return { sessionId: session.id, fileName: file.name, sheets: workbook.sheets.map((sheet) => ({ name: sheet.name, rows: sheet.rows.length })) };
}

// ----------------------------------------------------------------------------------------- layout

const mappingStateKey = (register: ImportRegister, layout: string) => `import:${register}:${layout}`;

function sheetOf(session: Session, name: string) {
  const sheet = session.workbook.sheets.find((candidate) => candidate.name === name);
  if (!sheet) throw new ApiError('validation', `Tệp không có trang tính "${name}".`);
  return sheet;
}

function headerOf(rows: CellValue[][], register: ImportRegister, legacyFonts?: LegacyFonts): HeaderMatch {
  const header = findHeader(rows, IMPORT_FIELDS[register], legacyFonts);
  if (!header) throw new ApiError('validation', 'Không tìm thấy dòng tiêu đề cột (ví dụ "Họ và tên", "Ngày sinh") trong 30 dòng đầu của trang tính này. Hãy chọn trang tính khác.');
  return header;
}

/** The header of the chosen sheet, the mapping remembered for its layout (else the automatic one), a few rows. */
export async function inspectImport(ctx: Context, session: Session, input: { sheet: string; register: ImportRegister }): Promise<ImportLayout> {
  const { rows, legacyFonts } = sheetOf(session, input.sheet);
  const header = headerOf(rows, input.register, legacyFonts);
  const layout = layoutKey(header.labels);
  const remembered = (await getUiState(ctx, { key: mappingStateKey(input.register, layout) })).value as ResolvedMapping | null;
  const known = remembered && Object.keys(remembered).length === header.labels.length;
  return {
    headerRow: (header.rowIndices[0] ?? 0) + 1,
    dataStartRow: header.dataStart + 1,
    labels: header.labels,
    mapping: known ? remembered : autoMap(header.labels, input.register),
    remembered: Boolean(known),
    headerEncoding: header.encoding ? LEGACY_ENCODING_NAMES[header.encoding] : null,
    samples: header.labels.map((_label, column) => columnSamples(rows, header.dataStart, column)),
  };
}

const SAMPLES = 3;
const SAMPLE_ROWS = 200;
const SAMPLE_LENGTH = 40;

/** The first different values of a column below the header (within its first 200 rows), shortened. */
function columnSamples(rows: CellValue[][], dataStart: number, column: number): string[] {
  const samples: string[] = [];
  for (const row of rows.slice(dataStart, dataStart + SAMPLE_ROWS)) {
    const text = cleanText(cellText(row[column] ?? null));
    const sample = text.length > SAMPLE_LENGTH ? `${text.slice(0, SAMPLE_LENGTH - 1)}…` : text;
    if (sample && !samples.includes(sample)) samples.push(sample);
    if (samples.length === SAMPLES) break;
  }
  return samples;
}

// ---------------------------------------------------------------------------------------- analyse

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

/** What an analysis of each register reads: the register's own records and the catalogues its rows name. */
const ANALYSED_ENTITIES: Record<ImportRegister, Entity[]> = {
  subjects: ['subject', 'review', 'ward', 'neighbourhood', 'subject_category', 'helper_org'],
  models: ['model', 'member', 'model_type', 'ward', 'neighbourhood'],
};

/**
 * Every write appends to the audit log (views aside): the last entry of what the analysis read marks the
 * register's state. Writes elsewhere (the app saving models while the CLI imports people) leave it as it is.
 */
async function lastWrite(db: Context['db'] | Trx, register: ImportRegister): Promise<number> {
  const row = await db
    .selectFrom('auditLog')
    .select((eb) => eb.fn.max<number>(sql<number>`rowid`).as('last'))
    .where('entity', 'in', ANALYSED_ENTITIES[register])
    .where('action', '!=', 'view')
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

/** A sheet with a header and no row of data below it: nothing to import (the CLI exits with a code of its own). */
export class NoDataRowsError extends ApiError {
  constructor(message: string) {
    super('validation', message);
    this.name = 'NoDataRowsError';
  }
}

/** The legacy fonts of a sheet, less the cells the officer retyped (what they type is Unicode). */
function withoutFixedCells(fonts: LegacyFonts | undefined, fixes: AnalyseInput['fixes']): LegacyFonts | undefined {
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

function withFixes(rows: CellValue[][], fixes: AnalyseInput['fixes']): CellValue[][] {
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

// --- What the database already holds, loaded once per analysis.

interface Person {
  id: string;
  fullName: string;
  birthDate: string | null;
  birthYear: number | null;
  idNumber: string | null;
  wardId: string;
}

interface Lookup {
  /** Catalogue entries by their normalised names and aliases; the values that match none, with the officer's choices. */
  catalogues: CatalogueValues;
  /** The ward of each khu phố, and the categories that use groups A–D (the services' own checks). */
  neighbourhoodWard: Map<string, string>;
  categoriesWithGroups: Set<string>;
  /** Subjects: by ID number, and by folded name (case, accents and spacing aside). */
  byIdNumber: Map<string, Person>;
  byName: Map<string, Person[]>;
  /** Models: by name key + ward; their members' name keys. */
  models: Map<string, { id: string; name: string }>;
  /** Rows of this file seen so far: ID numbers and person/model keys, to catch repeats within the file. */
  seen: Map<string, number>;
  /** Records an earlier row of the file was matched to, and that row. */
  claimed: Map<string, number>;
  /** Records the officer merged into another, by folded name: a row naming one is that other record, already there. */
  mergedAway: Map<string, (Person & { keptName: string })[]>;
  /** People of the file's earlier new rows, by folded name: a row resembling one is a likely duplicate. */
  fileNamesakes: Map<string, (Resembling & { rowNumber: number })[]>;
  /** Rows imported without their (invalid) ID number, as the officer chose. */
  withoutId: Set<number>;
}

async function loadLookup(ctx: Context, input: Pick<AnalyseInput, 'register' | 'catalogueChoices' | 'withoutId'>): Promise<Lookup> {
  const catalogues = await loadCatalogueValues(ctx, input.catalogueChoices ?? []);
  const neighbourhoods = await ctx.db.selectFrom('neighbourhoods').select(['id', 'wardId']).where('deletedAt', 'is', null).execute();
  const grouped = await ctx.db.selectFrom('subjectCategories').select('id').where('usesGroups', '=', 1).execute();
  const lookup: Lookup = {
    catalogues,
    // The live khu phố (the services refuse a trashed one too).
    neighbourhoodWard: new Map(neighbourhoods.map((row) => [row.id, row.wardId])),
    categoriesWithGroups: new Set(grouped.map((row) => row.id)),
    byIdNumber: new Map(),
    byName: new Map(),
    models: new Map(),
    seen: new Map(),
    claimed: new Map(),
    mergedAway: new Map(),
    fileNamesakes: new Map(),
    withoutId: new Set(input.withoutId ?? []),
  };
  if (input.register === 'subjects') {
    const people = await ctx.db.selectFrom('subjects').select(['id', 'fullName', 'nameFold', 'birthDate', 'birthYear', 'idNumber', 'wardId']).where('deletedAt', 'is', null).execute();
    for (const { nameFold, ...person } of people) {
      if (person.idNumber) lookup.byIdNumber.set(person.idNumber, person);
      lookup.byName.set(nameFold, [...(lookup.byName.get(nameFold) ?? []), person]);
    }
    const merged = await ctx.db
      .selectFrom('subjects as m')
      .innerJoin('subjects as k', 'k.id', 'm.mergedInto')
      .select(['m.id', 'm.fullName', 'm.nameFold', 'm.birthDate', 'm.birthYear', 'm.idNumber', 'm.wardId', 'k.fullName as keptName'])
      .execute();
    for (const { nameFold, ...person } of merged) lookup.mergedAway.set(nameFold, [...(lookup.mergedAway.get(nameFold) ?? []), person]);
  } else {
    const models = await ctx.db.selectFrom('models').select(['id', 'name', 'wardId']).where('deletedAt', 'is', null).execute();
    for (const model of models) lookup.models.set(modelKey(model.name, model.wardId), { id: model.id, name: model.name });
  }
  return lookup;
}

const modelKey = (name: string, wardId: string) => `${labelKey(name)}\u0001${wardId}`;

// --- One row: the field values as the shared input schemas want them, validated, matched.

const fieldsOf = (register: ImportRegister) => IMPORT_FIELDS[register];

/** A value as the forms type it: dates as ISO, a year alone as "1985". */
function asInput(value: FieldValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return 'date' in (value as DateValue) ? (value as { date: string }).date : String((value as { year: number }).year);
  return String(value);
}

function display(value: FieldValue | undefined): string {
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
function addSchemaIssues(issues: Issue[], error: ZodError, register: ImportRegister, input: string): void {
  for (const issue of error.issues) {
    const path = String(issue.path[0] ?? '');
    const field = fieldsOf(register).find((candidate) => candidate.target?.input === input && candidate.target.field === path)?.key ?? path;
    if (!issues.some((known) => known.field === field)) issues.push({ field, message: issue.message });
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

type RowResult = { action: ImportAction; payload: Payload | null; matchName?: string | null; alternative?: Payload | null; repeatOf?: number; invalidId?: string };

/** The row's values for one input schema, as the forms would send them; catalogue names resolved to ids. */
function fieldValues(row: NormalisedRow, register: ImportRegister, input: string, lookup: Lookup, issues: Issue[]) {
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

/** The same name: equal once case and spacing are set aside (a difference of accents is only a possible duplicate). */
const sameName = (a: string, b: string) => cleanText(a).toLocaleLowerCase('vi') === cleanText(b).toLocaleLowerCase('vi');

/** A stored record as the form would show it, so the file's values can be laid over it and checked as one. */
function storedSubjectInput(stored: Record<string, unknown>): Record<string, unknown> {
  const date = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    ...Object.fromEntries(Object.keys(subjectInput.shape).map((key) => [key, stored[key] ?? null])),
    birth: date(stored.birthDate) ?? (stored.birthYear ? String(stored.birthYear) : null),
    confirmedDistinct: true,
  };
}

/**
 * The file's values over the record's: an empty cell keeps what the record has; a year alone keeps the
 * record's full date in that year; a note ("Ghi chú", no history column) is added to the history; the
 * name keeps the record's capitals.
 */
function overlaySubject(stored: Record<string, unknown>, raw: Record<string, string | null>, noteOnly: boolean): Record<string, unknown> {
  const merged = storedSubjectInput(stored);
  for (const [key, value] of Object.entries(raw)) if (value !== null && key !== 'history') merged[key] = value;
  // The same name in other capitals ("nguyễn văn an") is no change to the record's spelling.
  if (raw.fullName && typeof stored.fullName === 'string' && sameName(raw.fullName, stored.fullName)) merged.fullName = stored.fullName;
  const storedDate = typeof stored.birthDate === 'string' ? stored.birthDate : null;
  if (raw.birth && /^\d{4}$/.test(raw.birth) && storedDate?.startsWith(raw.birth)) merged.birth = storedDate;
  const history = typeof stored.history === 'string' ? stored.history : null;
  if (raw.history) merged.history = noteOnly ? (history?.includes(raw.history) ? history : [history, raw.history].filter(Boolean).join('; ')) : raw.history;
  return merged;
}

/** The services' own checks, as row problems (else the commit would stop at this row). */
function checkNeighbourhood(values: { neighbourhoodId: string | null; wardId: string }, lookup: Lookup, issues: Issue[]): void {
  const wardOf = (id: string) => lookup.neighbourhoodWard.get(id) ?? lookup.catalogues.isNew(id)?.wardId;
  if (values.neighbourhoodId && wardOf(values.neighbourhoodId) !== values.wardId) issues.push({ field: 'neighbourhood', message: 'Khu phố không thuộc phường của dòng này.' });
}

function checkSubjectRules(values: SubjectValues, lookup: Lookup, issues: Issue[]): void {
  checkNeighbourhood(values, lookup, issues);
  // A category the import adds takes groups when its rows give them.
  if (values.reintegrationGroup && !lookup.categoriesWithGroups.has(values.categoryId) && !lookup.catalogues.isNew(values.categoryId)) issues.push({ field: 'group', message: 'Diện đối tượng này không phân nhóm A, B, C, D.' });
}

function checkReviewDate(review: ReviewValues | null, startDate: string | null, issues: Issue[]): void {
  const reviewedOn = review?.reviewedOn;
  if (reviewedOn && startDate && reviewedOn < startDate) issues.push({ field: 'reviewDate', message: 'Ngày đánh giá không được trước ngày bắt đầu giúp đỡ.' });
  if (reviewedOn && reviewedOn > localToday()) issues.push({ field: 'reviewDate', message: 'Ngày đánh giá không được sau hôm nay.' });
}

// Who the row is about, read first to find the record (the whole row is checked once merged with it).
const IDENTITY = z.object({ fullName: subjectInput.shape.fullName, birth: subjectInput.shape.birth, idNumber: subjectInput.shape.idNumber });

const VALID_ID = /^(\d{9}|\d{12})$/;

/** Why an ID number as typed is not one: its length, or a character that is not a digit. */
function invalidIdReason(id: string): string {
  return /\D/.test(id) ? 'có ký tự không phải chữ số' : `có ${id.length} chữ số (CCCD có 12, CMND cũ có 9)`;
}

/** A person of the file or the register, as far as telling a likely duplicate goes. */
type Resembling = { birthDate: string | null; birthYear: number | null; wardId: string; idNumber: string | null };

/**
 * What two people of the same folded name share that makes them likely one person: the same birth year
 * and ward, or the same full birth date; never when both have ID numbers and they differ. Null if too little.
 */
function likelySame(a: Resembling, b: Resembling): string | null {
  if ((a.idNumber && b.idNumber && a.idNumber !== b.idNumber) || a.birthYear === null || a.birthYear !== b.birthYear) return null;
  const sameDate = a.birthDate !== null && a.birthDate === b.birthDate;
  const sameWard = a.wardId === b.wardId;
  if (!sameDate && !sameWard) return null;
  return ['cùng họ tên', sameDate ? 'ngày sinh' : 'năm sinh', sameWard ? 'phường' : null].filter(Boolean).join(', ');
}

const LIKELY_DUPLICATE_NOTE = 'Vẫn nhập thành hồ sơ riêng; xem và gộp ở trang "Hồ sơ trùng lặp", hoặc chọn là cùng người để cập nhật hồ sơ đó.';

async function analyseSubject(ctx: Context, lookup: Lookup, row: NormalisedRow, issues: Issue[], warnings: Issue[]): Promise<RowResult> {
  const raw = fieldValues(row, 'subjects', 'subjectInput', lookup, issues);
  const status = statusOf(row, issues);
  const review = reviewOf(row, lookup, issues);
  // An ID number that is not one is never changed: the row waits for the officer (import it without, or skip it).
  const invalidId = raw.idNumber && !VALID_ID.test(raw.idNumber) ? raw.idNumber : undefined;
  if (invalidId) {
    raw.idNumber = null;
    if (lookup.withoutId.has(row.rowNumber)) {
      const note = `Số CCCD/CMND ghi trong tệp không hợp lệ: ${invalidId}`;
      raw.history = [raw.history, note].filter(Boolean).join('; ');
      warnings.push({ field: 'idNumber', message: `Số CCCD/CMND ${invalidIdReason(invalidId)}: nhập không có số này, ghi lại trong phần lý do, quá trình.` });
    } else {
      // The number itself stays out of the message: messages reach the import report and the CLI's output.
      issues.push({ field: 'idNumber', message: `Số CCCD/CMND ${invalidIdReason(invalidId)}. Hãy sửa, nhập dòng không có số này, hoặc bỏ qua dòng.` });
    }
  }
  const identity = IDENTITY.safeParse(raw);
  if (!identity.success) addSchemaIssues(issues, identity.error, 'subjects', 'subjectInput');
  if (!identity.success || issues.length > 0) return { action: 'error', payload: null, invalidId };
  const { fullName, birth, idNumber } = identity.data;
  const nameFold = foldForSearch(fullName);

  const idRepeat = idNumber ? lookup.seen.get(`id:${idNumber}`) : undefined;
  if (idRepeat) return fail(issues, 'idNumber', `Trùng với dòng ${idRepeat} của tệp.`, idRepeat);
  if (idNumber) lookup.seen.set(`id:${idNumber}`, row.rowNumber);
  const byId = idNumber ? lookup.byIdNumber.get(idNumber) : undefined;
  if (byId && foldForSearch(byId.fullName) !== nameFold) return fail(issues, 'idNumber', `Số CCCD/CMND này đã có trong hồ sơ của ${byId.fullName}.`);

  // Two different ID numbers are two different people, whatever their names.
  const namesakes = (lookup.byName.get(nameFold) ?? []).filter((person) => !(person.idNumber && idNumber && person.idNumber !== idNumber));
  // Records not yet matched by an earlier row (a register may hold two records of one name and birth,
  // a duplicate not merged yet, and a file listing both must find each once), the same full birth date,
  // or the same ID number. A year alone, or an accent of difference, is only a likely duplicate.
  const candidates = byId ? [byId] : namesakes.filter((person) => !lookup.claimed.has(person.id) && sameFullBirth(person, birth));
  const noteOnly = !('history' in row.values) || row.values.history === null;
  const match = await closestRecord(ctx, lookup, candidates, raw, noteOnly, status, review, issues);
  if (issues.length > 0) return { action: 'error', payload: null };
  // The same ID number is the same person, even with the accents of the name written otherwise.
  if (match && (byId || sameName(match.person.fullName, fullName))) {
    lookup.claimed.set(match.person.id, row.rowNumber);
    return { action: match.differences > 0 ? 'update' : 'same', payload: { register: 'subjects', values: match.values, status, review, matchId: match.person.id }, matchName: match.person.fullName };
  }

  // A record the officer merged into another: the person is there already, under the record kept.
  const merged = (lookup.mergedAway.get(nameFold) ?? []).find((person) => sameName(person.fullName, fullName) && sameFullBirth(person, birth) && !(person.idNumber && idNumber && person.idNumber !== idNumber));
  if (merged) {
    warnings.push({ field: 'fullName', message: `Hồ sơ này đã được gộp vào hồ sơ ${merged.keptName}: không nhập lại.` });
    return { action: 'same', payload: null, matchName: merged.keptName };
  }

  // The row as the file gives it, for the record it resembles (the defaults below are for a new record only).
  const given = { ...raw };
  // A new record: help starts with the decision when the roster gives no start date.
  if (!raw.startDate && raw.decisionDate) {
    raw.startDate = raw.decisionDate;
    warnings.push({ field: 'startDate', message: `Không có ngày bắt đầu giúp đỡ: lấy ngày quyết định ${formatDate(raw.decisionDate)}.` });
  }
  const parsed = subjectInput.safeParse({ ...raw, wardId: raw.wardId ?? '', categoryId: raw.categoryId ?? '', gender: raw.gender ?? undefined });
  if (!parsed.success) addSchemaIssues(issues, parsed.error, 'subjects', 'subjectInput');
  else {
    checkSubjectRules(parsed.data, lookup, issues);
    checkReviewDate(review, parsed.data.startDate, issues);
  }
  if (!parsed.success || issues.length > 0) return { action: 'error', payload: null };
  const person: Resembling = { ...birth, wardId: parsed.data.wardId, idNumber };
  const earlierRows = lookup.fileNamesakes.get(nameFold) ?? [];
  lookup.fileNamesakes.set(nameFold, [...earlierRows, { ...person, rowNumber: row.rowNumber }]);
  const payload: Payload = { register: 'subjects', values: { ...parsed.data, confirmedDistinct: true }, status, review, matchId: null };

  // A likely duplicate is imported as its own record, and said so: the duplicates page lists the pair.
  const resembled = match ? { person: match.person, reason: likelySame(match.person, person) ?? 'cùng họ tên (khác dấu), ngày sinh' } : namesakes.map((candidate) => ({ person: candidate, reason: likelySame(candidate, person) })).find((found) => found.reason);
  if (resembled?.reason) {
    const { person: possible, reason } = resembled;
    warnings.push({ field: 'fullName', message: `Có thể trùng với hồ sơ ${possible.fullName}${possible.birthYear ? ` (sinh ${possible.birthDate ? formatDate(possible.birthDate) : possible.birthYear})` : ''}: ${reason}. ${LIKELY_DUPLICATE_NOTE}` });
    // What the row would do to that record, should the officer say it is the same person (not for a
    // record another row of the file already updates).
    const claimedBy = lookup.claimed.get(possible.id);
    const same = claimedBy ? null : (match ?? (await closestRecord(ctx, lookup, [possible], given, noteOnly, status, review, [])));
    const alternative: Payload | null = same ? { register: 'subjects', values: same.values, status, review, matchId: possible.id } : null;
    // Skipping the row that updates that record lets this one be the same person instead: checked again then.
    return { action: 'check', payload, matchName: possible.fullName, alternative, repeatOf: claimedBy };
  }
  const earlier = earlierRows.map((candidate) => ({ rowNumber: candidate.rowNumber, reason: likelySame(candidate, person) })).find((found) => found.reason);
  if (earlier) {
    warnings.push({ field: 'fullName', message: `Có thể trùng với dòng ${earlier.rowNumber} của tệp: ${earlier.reason}. Vẫn nhập thành hồ sơ riêng; xem và gộp ở trang "Hồ sơ trùng lặp".` });
    return { action: 'check', payload, repeatOf: earlier.rowNumber };
  }
  return { action: 'add', payload };
}

function fail(issues: Issue[], field: string, message: string, repeatOf?: number): RowResult {
  issues.push({ field, message });
  return { action: 'error', payload: null, repeatOf };
}

type Birth = { birthDate: string | null; birthYear: number | null };

/** The same birth, known to the day on both sides, or the same year where both know only the year. */
function sameFullBirth(a: Birth, b: Birth): boolean {
  if (a.birthDate || b.birthDate) return a.birthDate === b.birthDate;
  return a.birthYear !== null && a.birthYear === b.birthYear;
}

function statusOf(row: NormalisedRow, issues: Issue[]): SubjectStatus | null {
  const status = asInput(row.values.status);
  if (!status) return null;
  const parsed = subjectStatusInput.shape.status.safeParse(status);
  if (!parsed.success) issues.push({ field: 'status', message: 'Tình trạng không hợp lệ.' });
  return parsed.success ? parsed.data : null;
}

/**
 * The row's latest review. A date without a result (a register's "Đánh giá gần nhất" column) is no review
 * to add: it is noted when the record does not already have a review on that day.
 */
function reviewOf(row: NormalisedRow, lookup: Lookup, issues: Issue[]): ReviewValues | null {
  const raw = fieldValues(row, 'subjects', 'reviewInput', lookup, issues);
  if (Object.values(raw).every((value) => value === null)) return null;
  if (!raw.result && Object.entries(raw).every(([key, value]) => key === 'reviewedOn' || value === null)) return null;
  const parsed = reviewInput.safeParse({ ...raw, subjectId: '00000000-0000-4000-8000-000000000000', result: raw.result ?? undefined });
  if (!parsed.success) {
    addSchemaIssues(issues, parsed.error, 'subjects', 'reviewInput');
    return null;
  }
  const { subjectId: _subjectId, ...review } = parsed.data;
  return review;
}

async function hasReview(db: Context | Trx, subjectId: string, reviewedOn: string): Promise<boolean> {
  const database = 'db' in db ? db.db : db;
  const found = await database.selectFrom('subjectReviews').select('id').where('subjectId', '=', subjectId).where('reviewedOn', '=', reviewedOn).where('deletedAt', 'is', null).executeTakeFirst();
  return Boolean(found);
}

/** Stored columns the form's values are kept in (birth is kept as birthDate and birthYear). */
function changedFields(stored: Record<string, unknown>, values: SubjectValues): number {
  const { birth, confirmedDistinct: _confirmed, ...rest } = values;
  const next: Record<string, unknown> = { ...rest, birthDate: birth.birthDate, birthYear: birth.birthYear };
  return Object.entries(next).filter(([key, value]) => (stored[key] ?? null) !== (value ?? null)).length;
}

/**
 * Of the candidate records, the one the row agrees with most: the file's values laid over it, checked
 * with the form's schema and the services' rules, and how many things would change. Problems of the
 * merged record are the row's problems (only the closest candidate's).
 */
async function closestRecord(ctx: Context, lookup: Lookup, candidates: Person[], raw: Record<string, string | null>, noteOnly: boolean, status: SubjectStatus | null, review: ReviewValues | null, issues: Issue[]) {
  let best: { person: Person; values: SubjectValues; differences: number } | null = null;
  let bestProblems: Issue[] = [];
  for (const person of candidates) {
    const stored = (await ctx.db.selectFrom('subjects').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow()) as unknown as Record<string, unknown>;
    const problems: Issue[] = [];
    const parsed = subjectInput.safeParse(overlaySubject(stored, raw, noteOnly));
    if (!parsed.success) {
      addSchemaIssues(problems, parsed.error, 'subjects', 'subjectInput');
      if (!best) bestProblems = problems;
      continue;
    }
    checkSubjectRules(parsed.data, lookup, problems);
    checkReviewDate(review, parsed.data.startDate, problems);
    const differences = changedFields(stored, parsed.data) + (status && status !== stored.status ? 1 : 0) + (review && !(await hasReview(ctx, person.id, review.reviewedOn as string)) ? 1 : 0);
    if (problems.length === 0 && (!best || differences < best.differences)) best = { person, values: parsed.data, differences };
    else if (!best) bestProblems = problems;
    if (best?.differences === 0) break;
  }
  if (!best) issues.push(...bestProblems);
  return best;
}

async function analyseModel(ctx: Context, lookup: Lookup, row: NormalisedRow, issues: Issue[], _warnings: Issue[]): Promise<RowResult> {
  const raw = fieldValues(row, 'models', 'modelInput', lookup, issues);
  const memberRaw = fieldValues(row, 'models', 'memberInput', lookup, issues);
  let member: MemberValues | null = null;
  if (memberRaw.fullName) {
    const memberParsed = memberInput.safeParse({ ...memberRaw, modelId: '00000000-0000-4000-8000-000000000000' });
    if (memberParsed.success) {
      const { modelId: _modelId, ...values } = memberParsed.data;
      member = values;
    } else addSchemaIssues(issues, memberParsed.error, 'models', 'memberInput');
  }
  const identity = modelInput.pick({ name: true, wardId: true }).safeParse({ name: raw.name, wardId: raw.wardId ?? '' });
  if (!identity.success) addSchemaIssues(issues, identity.error, 'models', 'modelInput');
  if (!identity.success || issues.length > 0) return { action: 'error', payload: null };

  const key = modelKey(identity.data.name, identity.data.wardId);
  const memberKey = member ? `member:${key}\u0001${foldForSearch(member.fullName)}` : null;
  const repeat = memberKey ? lookup.seen.get(memberKey) : undefined;
  if (repeat) return fail(issues, 'memberName', `Thành viên này đã có ở dòng ${repeat} của tệp.`, repeat);
  if (memberKey) lookup.seen.set(memberKey, row.rowNumber);
  const earlierRow = lookup.seen.get(`model:${key}`);
  if (earlierRow && !member) return fail(issues, 'name', `Mô hình này (cùng tên, cùng phường) đã có ở dòng ${earlierRow} của tệp.`, earlierRow);
  const firstRowOfModel = earlierRow === undefined;
  lookup.seen.set(`model:${key}`, earlierRow ?? row.rowNumber);

  // An existing model: the file's values over its own (an empty cell, a missing status, keep what it has).
  const existing = lookup.models.get(key);
  const stored = existing ? ((await ctx.db.selectFrom('models').selectAll().where('id', '=', existing.id).executeTakeFirstOrThrow()) as unknown as Record<string, unknown>) : null;
  const base = stored ? Object.fromEntries(Object.keys(modelInput.shape).map((field) => [field, stored[field] ?? null])) : {};
  const given = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== null));
  const parsed = modelInput.safeParse({ typeId: '', ...base, ...given });
  if (!parsed.success) addSchemaIssues(issues, parsed.error, 'models', 'modelInput');
  else checkNeighbourhood(parsed.data, lookup, issues);
  if (!parsed.success || issues.length > 0) return { action: 'error', payload: null };

  const payload: Payload = { register: 'models', modelKey: key, model: parsed.data, member };
  if (!existing || !stored) return { action: firstRowOfModel || member ? 'add' : 'same', payload };
  const modelChanged = firstRowOfModel && Object.entries(parsed.data).some(([field, value]) => (stored[field] ?? null) !== (value ?? null));
  const memberNew = member ? !(await memberId(ctx.db, existing.id, member.fullName)) : false;
  return { action: memberNew ? 'add' : modelChanged ? 'update' : 'same', payload, matchName: existing.name };
}

/** A live member of the model with this name (case, accents and spacing aside), or null. */
async function memberId(db: Context['db'] | Trx, modelId: string, fullName: string): Promise<string | null> {
  const members = await db.selectFrom('modelMembers').select(['id', 'fullName']).where('modelId', '=', modelId).where('deletedAt', 'is', null).execute();
  return members.find((candidate) => foldForSearch(candidate.fullName) === foldForSearch(fullName))?.id ?? null;
}

// ---------------------------------------------------------------------------------------- preview

type Decisions = ImportDecisions;

/** The officer's decisions as sets of row numbers: asked once per row, of lists that may be thousands long. */
type DecisionSets = { skipped: Set<number>; sameAs: Set<number> };
const decisionSets = (decisions: Decisions): DecisionSets => ({ skipped: new Set(decisions.skipped), sameAs: new Set(decisions.sameAs) });

function finalAction(row: AnalysedRow, decisions: DecisionSets): ImportAction {
  if (decisions.skipped.has(row.rowNumber)) return 'skip';
  if (row.action === 'check' && row.alternative && decisions.sameAs.has(row.rowNumber)) return 'update';
  return row.action;
}

/** What the commit writes for a row: the update of the resembled record when the officer said so. */
const payloadOf = (row: AnalysedRow, action: ImportAction) => (row.action === 'check' && action === 'update' ? row.alternative : row.payload);

function completeAnalysis(session: Session): Analysis {
  const analysis = session.analysis;
  if (!analysis || analysis.rows.length < analysis.normalised.rows.length) throw new ApiError('validation', 'Chưa kiểm tra xong các dòng của tệp. Hãy chờ kiểm tra xong.');
  return analysis;
}

export function previewImport(session: Session, input: Decisions & { show: ImportAction | 'all' | 'problems'; offset: number; limit: number; decodedOffset?: number; decodedLimit?: number }): ImportPreview {
  const analysis = completeAnalysis(session);
  const repeated = new Set(analysis.rows.map((row) => row.repeatOf));
  const decisions = decisionSets(input);
  const rows = analysis.rows.map((row) => ({ ...row, action: finalAction(row, decisions), recheckOnSkip: analysis.leftOut.has(row.rowNumber) || repeated.has(row.rowNumber) }));
  const counts = { add: 0, update: 0, same: 0, check: 0, error: 0, skip: 0 } satisfies Record<ImportAction, number>;
  for (const row of rows) counts[row.action] += 1;
  const shown = rows.filter((row) => input.show === 'all' || row.action === input.show || (input.show === 'problems' && (row.action === 'error' || row.action === 'check')));
  const decoded = analysis.normalised.decoded;
  const decodedOffset = input.decodedOffset ?? 0;
  return {
    counts,
    unknownValues: analysis.lookup.catalogues.unknownValues(),
    invalidIdRows: rows.filter((row) => row.action === 'error' && row.invalidId).map((row) => row.rowNumber),
    total: shown.length,
    rows: shown.slice(input.offset, input.offset + input.limit).map(({ payload: _payload, alternative: _alternative, repeatOf: _repeatOf, ...row }) => row),
    dropped: analysis.normalised.dropped,
    notes: [...decodedNotes(decoded), ...analysis.lookup.catalogues.inactiveNotes()],
    decoded: {
      total: decoded.length,
      cells: decoded.slice(decodedOffset, decodedOffset + (input.decodedLimit ?? 20)).map((cell) => ({ ...cell, encoding: LEGACY_ENCODING_NAMES[cell.encoding] })),
    },
  };
}

/** One note for the cells converted from legacy encodings (the preview lists each one). */
function decodedNotes(decoded: readonly DecodedCell[]): string[] {
  if (decoded.length === 0) return [];
  const converted = decoded.filter((cell) => !cell.kept);
  const kept = decoded.length - converted.length;
  const byEncoding = (['tcvn3', 'vni'] as const)
    .map((encoding) => [LEGACY_ENCODING_NAMES[encoding], converted.filter((cell) => cell.encoding === encoding).length] as const)
    .filter(([, count]) => count > 0)
    .map(([name, count]) => `${formatNumber(count)} ô mã ${name}`);
  const parts = [
    ...(converted.length > 0 ? [`Đã chuyển sang Unicode ${formatNumber(converted.length)} ô gõ bằng phông chữ cũ (${byEncoding.join(', ')})`] : []),
    ...(kept > 0 ? [`${converted.length > 0 ? 'giữ' : 'Giữ'} nguyên như trong tệp ${formatNumber(kept)} ô gõ bằng phông chữ cũ`] : []),
  ];
  return [`${parts.join('; ')}.`];
}

// ----------------------------------------------------------------------------------------- commit

/** How far a running commit is, or null when none runs. */
export const commitProgress = (session: Session) => session.committing;

/**
 * Writes every row to import, in batches (see writeRowsIn). The import is one run: its audit entries carry
 * the run's id (Context.importRun).
 */
export async function commitImport(ctx: Context, session: Session, decisions: Decisions): Promise<ImportSummary> {
  const analysis = completeAnalysis(session);
  if (session.committing) throw new ApiError('conflict', 'Đang ghi dữ liệu của tệp này. Vui lòng chờ.');
  const runId = randomUUID();
  const summary: ImportSummary = { runId, fileName: session.fileName, sheet: analysis.sheet, register: analysis.register, added: 0, updated: 0, unchanged: 0, skipped: [], catalogueAdded: [] };
  session.committing = { done: 0, total: analysis.rows.length };
  try {
    await writeRows({ ...ctx, importRun: runId }, analysis, decisionSets(decisions), summary, session.committing);
  } catch (error) {
    if (!(error instanceof StoppedPart)) throw error;
    log.error('imports.stopped', error.cause instanceof BulkRowError ? error.cause.cause : error.cause, { runId, lastRowNumber: error.lastRowNumber });
    throw stoppedAt(error, runId);
  } finally {
    session.committing = null;
  }
  session.summary = summary;
  session.analysis = null;
  return summary;
}

async function writeRows(ctx: Context, analysis: Analysis, decisions: DecisionSets, summary: ImportSummary, progress: { done: number }) {
  // The WAL checkpoint of the rows runs after the commit has returned, not inside it (db/checkpoint.ts);
  // a larger page cache meanwhile keeps the new rows in memory (db/page-cache.ts).
  await checkpointAfter(ctx.db, () => withBigPageCache(ctx.db, () => writeRowsIn(ctx, analysis, decisions, summary, progress)));
}

type Tally = Pick<ImportSummary, 'added' | 'updated' | 'unchanged' | 'skipped'>;

/**
 * The rows are written in batches, each its own short write transaction (BEGIN IMMEDIATE, about BATCH_MS
 * of work), with a pause after each in which other processes' saves and this process's other calls get
 * in (services/import-batches.ts). The first batch checks that nothing was written since the analysis
 * began, so the analysis holds for it; a later batch may meet others' changes: a record someone changed
 * meanwhile is not written over (the row is left out, and said so), and a row refused for itself (a
 * constraint, a service's check: rowProblemOf) is left out with its reason, the rest of its batch written
 * again. Any other error (disk full, I/O) stops the import: the batches committed before it are kept, and
 * the error names the last row kept and the run id to undo them with. A crash keeps them too.
 *
 * New records go through the bulk writer (db/bulk.ts): the rows the services would write for them
 * (newSubjectRecord: the record, its status history, review and audit entries), inserted with prepared
 * statements, the search index of each batch's new records built at the end of the batch. The register's
 * indexes are kept up row by row: setting them aside across batches would leave them missing for other
 * processes, and for good after a crash. Updates of existing records go through the services one by one.
 */
async function writeRowsIn(ctx: Context, analysis: Analysis, decisions: DecisionSets, summary: ImportSummary, progress: { done: number }) {
  const rows = analysis.rows;
  const refused = new Map<number, string>();
  let models = new Map<string, string>();
  let from = 0;
  for (let first = true; first || from < rows.length; ) {
    const tally: Tally = { added: 0, updated: 0, unchanged: 0, skipped: [] };
    const batchModels = new Map(models);
    let end = from;
    try {
      await ctx.db.transaction().execute(async (trx) => {
        if (first) {
          if ((await lastWrite(trx, analysis.register)) !== analysis.lastWrite) {
            throw new ApiError('conflict', 'Sổ đã có thay đổi sau khi kiểm tra tệp (có người vừa ghi dữ liệu). Chưa nhập dòng nào; hãy kiểm tra lại tệp rồi nhập.');
          }
          summary.catalogueAdded = (await writeCatalogueChoices(trx, ctx, analysis.lookup.catalogues, ...catalogueIdsOf(analysis, decisions))).map(({ catalogue, name }) => ({ catalogue, name }));
        }
        end = await writeBatch(trx, ctx, { analysis, decisions, from, refused, models: batchModels, tally });
      });
    } catch (error) {
      if (first) throw error instanceof RowRefused ? rowFailed(error) : error;
      // Only a refusal of the row itself leaves that row out; anything else stops the import with what is kept.
      if (!(error instanceof RowRefused)) throw new StoppedPart(rows[from - 1]?.rowNumber ?? 0, error);
      refused.set(error.index, `Dòng này không được ghi vì dữ liệu đã thay đổi trong lúc nhập: ${refusalReason(error.cause)}`);
      continue; // the same batch again, without that row
    }
    first = false;
    models = batchModels;
    summary.added += tally.added;
    summary.updated += tally.updated;
    summary.unchanged += tally.unchanged;
    summary.skipped.push(...tally.skipped);
    from = end;
    progress.done = end;
    if (from < rows.length) await pauseBetweenBatches();
  }
}

interface Batch {
  analysis: Analysis;
  decisions: DecisionSets;
  from: number;
  /** Rows the database refused in an earlier try, with the reason: left out. */
  refused: Map<number, string>;
  /** The models written by the import so far, by model key. */
  models: Map<string, string>;
  tally: Tally;
}

/** Writes rows from `from` until BATCH_MS have gone by; returns the index of the first row not written. */
async function writeBatch(trx: Trx, ctx: Context, { analysis, decisions, from, refused, models, tally }: Batch): Promise<number> {
  const rows = analysis.rows;
  const deadline = performance.now() + BATCH_MS;
  let writer: RowWriter | null = null;
  const indexOf = (rowNumber: number) => rows.findIndex((row) => row.rowNumber === rowNumber);
  let index = from;
  for (; index < rows.length && (index === from || (index - from < BATCH_ROWS && performance.now() < deadline)); index += 1) {
    const row = rows[index] as AnalysedRow;
    const action = finalAction(row, decisions);
    const payload = payloadOf(row, action);
    if (action === 'same') {
      tally.unchanged += 1;
      continue;
    }
    const refusal = refused.get(index);
    if (action === 'skip' || action === 'error' || !payload || refusal) {
      tally.skipped.push({ rowNumber: row.rowNumber, reason: refusal ?? skipReason(action, row) });
      continue;
    }
    try {
      if (payload.register === 'subjects' && !payload.matchId) addSubject((writer ??= rowWriter(ctx.db, { deferIndexes: false, deferSearch: false })), ctx, payload, row.rowNumber);
      else {
        // The new records held by the bulk writer land first, so every row is written in the file's order.
        (writer as RowWriter | null)?.flush();
        const written = payload.register === 'subjects' ? await updateSubject(trx, ctx, payload, payload.matchId as string, analysis.lastWrite) : await commitModelRow(trx, ctx, payload, analysis, models);
        if (!written) {
          tally.skipped.push({ rowNumber: row.rowNumber, reason: CHANGED_MEANWHILE });
          continue;
        }
      }
    } catch (error) {
      const problem = rowProblemOf(error);
      if (!problem) throw error;
      const source = error instanceof BulkRowError && error.source !== undefined ? error.source : row.rowNumber;
      throw new RowRefused(indexOf(source), source, problem);
    }
    // A likely duplicate is a record of its own until the officer merges it.
    if (action === 'add' || action === 'check') tally.added += 1;
    else tally.updated += 1;
  }
  // The search index of the batch's new records, and the search trigger back, before the commit.
  try {
    (writer as RowWriter | null)?.finish();
  } catch (error) {
    const problem = rowProblemOf(error);
    if (!problem) throw error;
    const source = error instanceof BulkRowError ? (error.source ?? 0) : 0;
    throw new RowRefused(indexOf(source), source, problem);
  }
  return index;
}

/** The error that stops a commit at a row of its first batch (nothing written). */
function rowFailed(error: RowRefused): ApiError {
  return new ApiError('validation', `Dòng ${error.rowNumber}: ${refusalReason(error.cause)} Chưa nhập dòng nào; hãy sửa dòng này hoặc bỏ qua rồi nhập lại.`);
}

/** A commit stopped after some batches were written (e.g. the disk is full), before its run id is put to it. */
class StoppedPart extends Error {
  constructor(
    readonly lastRowNumber: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/**
 * The error of a commit stopped after some batches were written: what is kept, and how to undo it (the run id
 * in the message for the command line, and as the field STOPPED_RUN_FIELD for the wizard).
 */
function stoppedAt(stopped: StoppedPart, runId: string): ApiError {
  return new ApiError(
    'validation',
    `Đã nhập các dòng đến dòng ${stopped.lastRowNumber} thì dừng vì lỗi: ${stopReason(stopped.cause)} Các dòng đã nhập được giữ lại. Có thể xử lý lỗi rồi nhập lại tệp (các dòng đã có sẽ được nhận ra, không nhập hai lần), hoặc hoàn tác phần đã nhập (mã lần nhập: ${runId}).`,
    [{ field: STOPPED_RUN_FIELD, message: runId }],
  );
}

/** The catalogue ids the written rows use, and the categories they give a group A–D. */
function catalogueIdsOf(analysis: Analysis, decisions: DecisionSets): [Set<string>, Set<string>] {
  const used = new Set<string>();
  const grouped = new Set<string>();
  for (const row of analysis.rows) {
    const action = finalAction(row, decisions);
    const payload = payloadOf(row, action);
    if (!payload || (action !== 'add' && action !== 'update' && action !== 'check')) continue;
    const values: Record<string, unknown> = payload.register === 'subjects' ? payload.values : payload.model;
    for (const field of ['wardId', 'neighbourhoodId', 'categoryId', 'helperOrgId', 'typeId']) if (typeof values[field] === 'string') used.add(values[field]);
    if (payload.register === 'subjects' && payload.values.reintegrationGroup) grouped.add(payload.values.categoryId);
  }
  return [used, grouped];
}

/**
 * A new record, written as createSubjectIn, changeSubjectStatusIn and createReviewIn would write it. Their
 * checks were made by the analysis against the catalogues as they were, and nothing was written since
 * (the commit checks the last write); the foreign keys still refuse a missing catalogue entry.
 */
function addSubject(writer: RowWriter, ctx: Context, payload: Extract<Payload, { register: 'subjects' }>, rowNumber: number) {
  const status = payload.status ? { status: payload.status, changedOn: localToday(), reason: IMPORT_REASON } : null;
  const record = newSubjectRecord(ctx, payload.values, { status, review: payload.review });
  writer.insert('subjects', record.subject, rowNumber);
  for (const row of record.statusChanges) writer.insert('subjectStatusChanges', row, rowNumber);
  for (const row of record.reviews) writer.insert('subjectReviews', row, rowNumber);
  for (const row of record.audit) writer.insert('auditLog', row, rowNumber);
}

const IMPORT_REASON = 'Nhập từ tệp Excel';

/** The summary of the last commit as a CSV the officer can keep: the counts, then each row left out and why. */
export function importReport(session: Session): { fileName: string; data: Buffer } {
  const summary = session.summary;
  if (!summary) throw new ApiError('validation', 'Chưa nhập dữ liệu từ tệp này nên chưa có báo cáo.');
  const records = [
    ['Tệp', safeText(summary.fileName)],
    ['Trang tính', safeText(summary.sheet)],
    ['Thêm mới', String(summary.added)],
    ['Cập nhật', String(summary.updated)],
    ['Đã có, không đổi', String(summary.unchanged)],
    ['Bỏ qua', String(summary.skipped.length)],
    [],
    ['Dòng', 'Lý do bỏ qua'],
    ...summary.skipped.map((row) => [String(row.rowNumber), safeText(row.reason)]),
  ];
  return { fileName: `bao-cao-nhap-${localToday()}.csv`, data: csvDocument(records) };
}

function skipReason(action: ImportAction, row: AnalysedRow): string {
  if (action === 'skip') return 'Cán bộ chọn bỏ qua.';
  return row.problems.map((problem) => problem.message).join(' ') || 'Dòng có lỗi.';
}

/** An existing record updated through the services, step by step; false when someone changed it since `since` (left alone). */
async function updateSubject(trx: Trx, ctx: Context, payload: Extract<Payload, { register: 'subjects' }>, id: string, since: number): Promise<boolean> {
  if (await changedSince(trx, 'subject', id, since)) return false;
  const subject = await updateSubjectIn(trx, ctx, { id, values: payload.values });
  if (payload.status && payload.status !== subject.status) await changeSubjectStatusIn(trx, ctx, { id: subject.id, status: payload.status, changedOn: localToday(), reason: IMPORT_REASON });
  if (payload.review && !(await hasReview(trx, subject.id, payload.review.reviewedOn as string))) await createReviewIn(trx, ctx, { ...payload.review, subjectId: subject.id });
  return true;
}

/** A model row: the model created or updated (once per import), then its member; false when someone changed the model since the analysis. */
async function commitModelRow(trx: Trx, ctx: Context, payload: Extract<Payload, { register: 'models' }>, analysis: Analysis, written: Map<string, string>): Promise<boolean> {
  let modelId = written.get(payload.modelKey) ?? analysis.lookup.models.get(payload.modelKey)?.id;
  if (!written.has(payload.modelKey)) {
    if (modelId) {
      if (await changedSince(trx, 'model', modelId, analysis.lastWrite)) return false;
      const stored = (await trx.selectFrom('models').selectAll().where('id', '=', modelId).executeTakeFirstOrThrow()) as unknown as Record<string, unknown>;
      if (Object.entries(payload.model).some(([key, value]) => (stored[key] ?? null) !== (value ?? null))) await updateModelIn(trx, ctx, { id: modelId, values: payload.model });
    } else modelId = (await createModelIn(trx, ctx, payload.model)).id;
    written.set(payload.modelKey, modelId);
  }
  if (payload.member && modelId && !(await memberId(trx, modelId, payload.member.fullName))) await createMemberIn(trx, ctx, { ...payload.member, modelId });
  return true;
}
