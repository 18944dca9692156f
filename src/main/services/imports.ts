/**
 * Import of officers' own workbooks into a register. The file is read once into a session; the header is
 * found and the columns mapped; every row is then analysed against the database in chunks (so the wizard
 * shows progress and can stop), paged through as a preview, and committed in one transaction. Nothing is
 * written before the commit, so closing a session changes nothing. Re-importing a file finds its own
 * records again (by ID number, else name and birth; a model by name and ward) and adds nothing twice.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { ZodError } from 'zod';
import { ApiError } from '../../shared/errors';
import {
  IMPORT_FIELDS,
  autoMap,
  labelKey,
  layoutKey,
  type CatalogueName,
  type ImportAction,
  type ImportField,
  type ImportLayout,
  type ImportOpened,
  type ImportPreview,
  type ImportRegister,
  type ImportSummary,
  type PreviewRow,
  type ResolvedMapping,
} from '../../shared/imports';
import { memberInput, modelInput, type ModelValues } from '../../shared/models';
import { reviewInput, subjectInput, subjectStatusInput, type SubjectStatus, type SubjectValues } from '../../shared/subjects';
import { formatDate, personNameKey } from '../../shared/text';
import { findHeader, type HeaderMatch } from '../import/header';
import { LEGACY_ENCODING_NAMES } from '../import/legacy';
import { normaliseSheet, type DateValue, type FieldValue, type NormalisedRow, type NormalisedSheet } from '../import/normalise';
import { cellText, ImportFileError, MAX_IMPORT_BYTES, readWorkbook, type CellValue, type Workbook } from '../import/read';
import { getUiState, setUiState } from './app';
import type { Context, Trx } from './context';
import { csvDocument, safeText } from './exports';
import { createMemberIn, createModelIn, updateModelIn } from './models';
import { changeSubjectStatusIn, createReviewIn, createSubjectIn, localToday, updateSubjectIn } from './subjects';

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
  rows: AnalysedRow[];
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

function headerOf(rows: CellValue[][], register: ImportRegister): HeaderMatch {
  const header = findHeader(rows, IMPORT_FIELDS[register]);
  if (!header) throw new ApiError('validation', 'Không tìm thấy dòng tiêu đề cột (ví dụ "Họ và tên", "Ngày sinh") trong 30 dòng đầu của trang tính này. Hãy chọn trang tính khác.');
  return header;
}

/** The header of the chosen sheet, the mapping remembered for its layout (else the automatic one), a few rows. */
export async function inspectImport(ctx: Context, session: Session, input: { sheet: string; register: ImportRegister }): Promise<ImportLayout> {
  const rows = sheetOf(session, input.sheet).rows;
  const header = headerOf(rows, input.register);
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
  };
}

// ---------------------------------------------------------------------------------------- analyse

export interface AnalyseInput {
  sheet: string;
  register: ImportRegister;
  mapping: ResolvedMapping;
  /** Values typed in the preview: row number -> column -> text, read as if they were in the file. */
  fixes: Record<string, Record<string, string>>;
  from: number;
}

/** Analyses the next chunk of rows (from 0 starts over); the wizard calls again until `done` reaches `total`. */
export async function analyseImport(ctx: Context, session: Session, input: AnalyseInput): Promise<{ done: number; total: number }> {
  const key = JSON.stringify([input.sheet, input.register, input.mapping, input.fixes]);
  if (input.from === 0 || session.analysis?.key !== key) session.analysis = await startAnalysis(ctx, session, input, key);
  const analysis = session.analysis;
  const rows = analysis.normalised.rows;
  const end = Math.min(Math.max(input.from, analysis.rows.length) + ANALYSE_CHUNK, rows.length);
  for (let index = analysis.rows.length; index < end; index += 1) {
    analysis.rows.push(await analyseRow(ctx, analysis, rows[index] as NormalisedRow));
  }
  if (analysis.rows.length === rows.length) await setUiState(ctx, { key: mappingStateKey(analysis.register, analysis.layout), value: analysis.mapping });
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
  const rows = withFixes(sheetOf(session, input.sheet).rows, input.fixes);
  const header = headerOf(rows, input.register);
  const normalised = normaliseSheet(rows, header, input.mapping, input.register, { date1904: session.workbook.date1904 });
  return { key, register: input.register, sheet: input.sheet, layout: layoutKey(header.labels), mapping: input.mapping, normalised, cells: rows, lookup: await loadLookup(ctx, input.register), rows: [] };
}

function withFixes(rows: CellValue[][], fixes: AnalyseInput['fixes']): CellValue[][] {
  if (Object.keys(fixes).length === 0) return rows;
  const fixed = [...rows];
  for (const [rowNumber, cells] of Object.entries(fixes)) {
    const index = Number(rowNumber) - 1;
    const row = [...(fixed[index] ?? [])];
    for (const [column, text] of Object.entries(cells)) row[Number(column)] = text;
    fixed[index] = row;
  }
  return fixed;
}

// --- What the database already holds, loaded once per analysis.

interface Catalogue {
  byKey: Map<string, { id: string; name: string; wardId?: string | null }[]>;
}

interface Lookup {
  catalogues: Record<CatalogueName, Catalogue>;
  /** Subjects: by ID number, and by name key. */
  byIdNumber: Map<string, { id: string; fullName: string; nameKey: string }>;
  byName: Map<string, { id: string; fullName: string; birthDate: string | null; birthYear: number | null; idNumber: string | null }[]>;
  /** Models: by name key + ward; their members' name keys. */
  models: Map<string, { id: string; name: string }>;
  /** Rows of this file seen so far: ID numbers and person/model keys, to catch repeats within the file. */
  seen: Map<string, number>;
  /** Records an earlier row of the file was matched to. */
  claimed: Set<string>;
}

// Catalogue names are matched without their kind word: "P. Bình Tiên", "Phường Bình Tiên", "Bình Tiên".
const KIND_WORDS = /^(phuong|p|xa|thi tran|khu pho|kp|ap|to dan pho)\s+/;
const catalogueKey = (name: string) => labelKey(name).replace(KIND_WORDS, '');

async function loadCatalogue(ctx: Context, table: 'modelTypes' | 'wards' | 'neighbourhoods' | 'subjectCategories' | 'helperOrgs'): Promise<Catalogue> {
  const rows =
    table === 'neighbourhoods'
      ? await ctx.db.selectFrom('neighbourhoods').select(['id', 'name', 'wardId']).where('deletedAt', 'is', null).execute()
      : await ctx.db.selectFrom(table).select(['id', 'name']).where('deletedAt', 'is', null).execute();
  const byKey = new Map<string, { id: string; name: string; wardId?: string | null }[]>();
  for (const row of rows) for (const key of new Set([labelKey(row.name), catalogueKey(row.name)])) byKey.set(key, [...(byKey.get(key) ?? []), row]);
  return { byKey };
}

async function loadLookup(ctx: Context, register: ImportRegister): Promise<Lookup> {
  const names: CatalogueName[] = ['modelTypes', 'wards', 'neighbourhoods', 'subjectCategories', 'helperOrgs'];
  const catalogues = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await loadCatalogue(ctx, name)] as const))) as Record<CatalogueName, Catalogue>;
  const lookup: Lookup = { catalogues, byIdNumber: new Map(), byName: new Map(), models: new Map(), seen: new Map(), claimed: new Set() };
  if (register === 'subjects') {
    const people = await ctx.db.selectFrom('subjects').select(['id', 'fullName', 'sortKey', 'birthDate', 'birthYear', 'idNumber']).where('deletedAt', 'is', null).execute();
    for (const person of people) {
      if (person.idNumber) lookup.byIdNumber.set(person.idNumber, { id: person.id, fullName: person.fullName, nameKey: person.sortKey });
      lookup.byName.set(person.sortKey, [...(lookup.byName.get(person.sortKey) ?? []), person]);
    }
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

/** The catalogue entry a cell names, or a problem saying it is not in the catalogue. */
function resolveCatalogue(lookup: Lookup, field: ImportField, text: string | null, issues: Issue[], wardId?: string | null): string | null {
  if (!text || !field.catalogue) return null;
  const candidates = lookup.catalogues[field.catalogue].byKey.get(labelKey(text)) ?? lookup.catalogues[field.catalogue].byKey.get(catalogueKey(text)) ?? [];
  const found = field.catalogue === 'neighbourhoods' ? candidates.find((candidate) => candidate.wardId === wardId) : candidates[0];
  if (!found) issues.push({ field: field.key, message: `${field.label} "${text}" không có trong danh mục${field.catalogue === 'neighbourhoods' ? ' của phường này' : ''}. Hãy sửa lại hoặc thêm vào danh mục trước.` });
  return found?.id ?? null;
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
  const base = { rowNumber: row.rowNumber, values, problems: issues, warnings, matchName: null as string | null };
  const result = analysis.register === 'subjects' ? await analyseSubject(ctx, analysis.lookup, row, issues, warnings) : await analyseModel(ctx, analysis.lookup, row, issues, warnings);
  const failed = issues.length > 0;
  return { ...base, ...result, action: failed ? 'error' : result.action, payload: failed ? null : result.payload, cells: failed ? mappedCells(analysis, row.rowNumber) : {} };
}

/** A row's mapped cells as written in the file, so the officer fixes what is there, not a blank. */
function mappedCells(analysis: Analysis, rowNumber: number): Record<string, string> {
  const row = analysis.cells[rowNumber - 1] ?? [];
  return Object.fromEntries(Object.entries(analysis.mapping).flatMap(([column, key]) => (key ? [[column, cellText(row[Number(column)] ?? null)]] : [])));
}

type RowResult = { action: ImportAction; payload: Payload | null; matchName?: string | null };

/** The row's values for one input schema, as the forms would send them; catalogue names resolved to ids. */
function fieldValues(row: NormalisedRow, register: ImportRegister, input: string, lookup: Lookup, issues: Issue[]) {
  const values: Record<string, string | null> = {};
  // A neighbourhood is looked up within its ward, so it comes after the ward.
  const fields = fieldsOf(register).filter((field) => field.target?.input === input && field.key in row.values);
  const ordered = [...fields.filter((field) => field.catalogue !== 'neighbourhoods'), ...fields.filter((field) => field.catalogue === 'neighbourhoods')];
  for (const field of ordered) {
    const target = field.target as NonNullable<ImportField['target']>;
    const raw = asInput(row.values[field.key as keyof typeof row.values]);
    const value = field.kind === 'catalogue' ? resolveCatalogue(lookup, field, raw, issues, values.wardId) : raw;
    if (target.append && values[target.field]) values[target.field] = [values[target.field], value].filter(Boolean).join('; ');
    else if (value !== null || !(target.field in values)) values[target.field] = value;
  }
  return values;
}

async function analyseSubject(ctx: Context, lookup: Lookup, row: NormalisedRow, issues: Issue[], warnings: Issue[]): Promise<RowResult> {
  const raw = fieldValues(row, 'subjects', 'subjectInput', lookup, issues);
  // Help starts with the decision: a roster without a start date gives the decision's date.
  if (!raw.startDate && raw.decisionDate) {
    raw.startDate = raw.decisionDate;
    warnings.push({ field: 'startDate', message: `Không có ngày bắt đầu giúp đỡ: lấy ngày quyết định ${formatDate(raw.decisionDate)}.` });
  }
  const parsed = subjectInput.safeParse({ ...raw, wardId: raw.wardId ?? '', categoryId: raw.categoryId ?? '', gender: raw.gender ?? undefined });
  if (!parsed.success) addSchemaIssues(issues, parsed.error, 'subjects', 'subjectInput');
  const status = statusOf(row, issues);
  const review = reviewOf(row, lookup, issues);
  if (!parsed.success) return { action: 'error', payload: null };

  const subject = parsed.data;
  const idRepeat = subject.idNumber ? lookup.seen.get(`id:${subject.idNumber}`) : undefined;
  if (idRepeat) {
    issues.push({ field: 'idNumber', message: `Trùng với dòng ${idRepeat} của tệp.` });
    return { action: 'error', payload: null };
  }
  if (subject.idNumber) lookup.seen.set(`id:${subject.idNumber}`, row.rowNumber);

  const nameKey = personNameKey(subject.fullName);
  const byId = subject.idNumber ? lookup.byIdNumber.get(subject.idNumber) : undefined;
  if (byId && byId.nameKey !== nameKey) {
    issues.push({ field: 'idNumber', message: `Số CCCD/CMND này đã có trong hồ sơ của ${byId.fullName}.` });
    return { action: 'error', payload: null };
  }
  // Two different ID numbers are two different people, whatever their names.
  const namesakes = (lookup.byName.get(nameKey) ?? []).filter((person) => !(person.idNumber && subject.idNumber && person.idNumber !== subject.idNumber));
  // Records not yet matched by an earlier row: a register may hold two records of one name and birth
  // (a duplicate not merged yet), and a file listing both must find each once.
  const candidates = byId ? [byId] : namesakes.filter((person) => sameBirth(person, subject.birth) && !lookup.claimed.has(person.id));
  const payload: Payload = { register: 'subjects', values: subject, status, review, matchId: null };
  const best = await closestRecord(ctx, candidates, payload);
  const reviewDate = review ? null : asInput(row.values.reviewDate);
  if (reviewDate && !(best && (await hasReview(ctx, best.id, reviewDate)))) {
    warnings.push({ field: 'reviewDate', message: `Có ngày đánh giá ${formatDate(reviewDate)} nhưng không có kết quả: lần đánh giá này không được nhập.` });
  }
  if (best) {
    lookup.claimed.add(best.id);
    return { action: best.differences > 0 ? 'update' : 'same', payload: { ...payload, matchId: best.id }, matchName: best.fullName };
  }
  const ownKey = `person:${nameKey}\u0001${subject.birth.birthDate ?? subject.birth.birthYear ?? ''}`;
  const repeat = subject.idNumber ? undefined : lookup.seen.get(ownKey);
  if (repeat) {
    issues.push({ field: 'fullName', message: `Trùng với dòng ${repeat} của tệp (cùng họ tên, cùng ngày sinh).` });
    return { action: 'error', payload: null };
  }
  lookup.seen.set(ownKey, row.rowNumber);
  if (namesakes.length > 0) {
    const first = namesakes[0] as (typeof namesakes)[number];
    warnings.push({ field: 'fullName', message: `Có thể trùng với hồ sơ ${first.fullName}${first.birthYear ? ` (sinh ${first.birthDate ? formatDate(first.birthDate) : first.birthYear})` : ''}. Xác nhận nếu đây là người khác.` });
    return { action: 'check', payload, matchName: first.fullName };
  }
  return { action: 'add', payload };
}

type Birth = { birthDate: string | null; birthYear: number | null };

/** The same birth: the same date when both have one, else the same year (a year alone matches a date in it). */
function sameBirth(a: Birth, b: Birth): boolean {
  if (a.birthDate && b.birthDate) return a.birthDate === b.birthDate;
  const yearOf = (birth: Birth) => birth.birthYear ?? (birth.birthDate ? Number(birth.birthDate.slice(0, 4)) : null);
  return yearOf(a) !== null && yearOf(a) === yearOf(b);
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

/** How much the file says that the record does not: fields, the status, a review not yet kept. */
async function subjectDifferences(ctx: Context, id: string, payload: Extract<Payload, { register: 'subjects' }>): Promise<number> {
  const stored = await ctx.db.selectFrom('subjects').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const merged = mergeSubject(stored as unknown as Record<string, unknown>, payload.values);
  const fields = Object.entries(merged).filter(([key, value]) => key in stored && (stored as Record<string, unknown>)[key] !== value).length;
  const status = payload.status && payload.status !== stored.status ? 1 : 0;
  const review = payload.review && !(await hasReview(ctx, id, payload.review.reviewedOn as string)) ? 1 : 0;
  return fields + status + review;
}

/** The candidate record the row agrees with most, and how much it would change it. */
async function closestRecord(ctx: Context, candidates: { id: string; fullName: string }[], payload: Extract<Payload, { register: 'subjects' }>) {
  let best: { id: string; fullName: string; differences: number } | null = null;
  for (const candidate of candidates) {
    const differences = await subjectDifferences(ctx, candidate.id, payload);
    if (!best || differences < best.differences) best = { id: candidate.id, fullName: candidate.fullName, differences };
    if (differences === 0) break;
  }
  return best;
}

/** The record's values with what the file gives: empty cells keep what the record has. */
function mergeSubject(stored: Record<string, unknown>, values: SubjectValues): Record<string, unknown> {
  const { birth, confirmedDistinct: _confirmed, ...rest } = values;
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries({ ...rest, birthDate: birth.birthDate, birthYear: birth.birthYear })) merged[key] = value ?? stored[key] ?? null;
  if (!birth.birthDate && !birth.birthYear) Object.assign(merged, { birthDate: stored.birthDate ?? null, birthYear: stored.birthYear ?? null });
  if (birth.birthYear && !birth.birthDate && stored.birthDate && String(stored.birthDate).startsWith(String(birth.birthYear))) merged.birthDate = stored.birthDate;
  return merged;
}

async function analyseModel(ctx: Context, lookup: Lookup, row: NormalisedRow, issues: Issue[], _warnings: Issue[]): Promise<RowResult> {
  const raw = fieldValues(row, 'models', 'modelInput', lookup, issues);
  const parsed = modelInput.safeParse({ ...raw, typeId: raw.typeId ?? '', wardId: raw.wardId ?? '', status: raw.status ?? undefined });
  if (!parsed.success) addSchemaIssues(issues, parsed.error, 'models', 'modelInput');
  const memberRaw = fieldValues(row, 'models', 'memberInput', lookup, issues);
  let member: MemberValues | null = null;
  if (memberRaw.fullName) {
    const memberParsed = memberInput.safeParse({ ...memberRaw, modelId: '00000000-0000-4000-8000-000000000000' });
    if (memberParsed.success) {
      const { modelId: _modelId, ...values } = memberParsed.data;
      member = values;
    } else addSchemaIssues(issues, memberParsed.error, 'models', 'memberInput');
  }
  if (!parsed.success || issues.length > 0) return { action: 'error', payload: null };

  const key = modelKey(parsed.data.name, parsed.data.wardId);
  const memberKey = member ? `member:${key}\u0001${personNameKey(member.fullName)}` : null;
  const repeat = memberKey ? lookup.seen.get(memberKey) : undefined;
  if (repeat) {
    issues.push({ field: 'memberName', message: `Thành viên này đã có ở dòng ${repeat} của tệp.` });
    return { action: 'error', payload: null };
  }
  if (memberKey) lookup.seen.set(memberKey, row.rowNumber);
  const earlierRow = lookup.seen.get(`model:${key}`);
  if (earlierRow && !member) {
    issues.push({ field: 'name', message: `Mô hình này (cùng tên, cùng phường) đã có ở dòng ${earlierRow} của tệp.` });
    return { action: 'error', payload: null };
  }
  const firstRowOfModel = earlierRow === undefined;
  lookup.seen.set(`model:${key}`, lookup.seen.get(`model:${key}`) ?? row.rowNumber);

  const payload: Payload = { register: 'models', modelKey: key, model: parsed.data, member };
  const existing = lookup.models.get(key);
  if (!existing) return { action: firstRowOfModel || member ? 'add' : 'same', payload };
  const modelChanged = firstRowOfModel && (await modelChanges(ctx, existing.id, parsed.data));
  const memberNew = member ? !(await memberExists(ctx, existing.id, member.fullName)) : false;
  return { action: memberNew ? 'add' : modelChanged ? 'update' : 'same', payload, matchName: existing.name };
}

function mergeModel(stored: Record<string, unknown>, values: ModelValues): ModelValues {
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) merged[key] = value ?? stored[key] ?? null;
  return merged as ModelValues;
}

async function modelChanges(ctx: Context, id: string, values: ModelValues): Promise<boolean> {
  const stored = await ctx.db.selectFrom('models').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const merged = mergeModel(stored as unknown as Record<string, unknown>, values);
  return Object.entries(merged).some(([key, value]) => (stored as Record<string, unknown>)[key] !== value);
}

async function memberExists(ctx: Context, modelId: string, fullName: string): Promise<boolean> {
  const found = await ctx.db.selectFrom('modelMembers').select('id').where('modelId', '=', modelId).where('sortKey', '=', personNameKey(fullName)).where('deletedAt', 'is', null).executeTakeFirst();
  return Boolean(found);
}

// ---------------------------------------------------------------------------------------- preview

export interface Decisions {
  /** Rows the officer chose not to import. */
  skipped: number[];
  /** Possible duplicates the officer confirmed as new records. */
  accepted: number[];
}

function finalAction(row: AnalysedRow, decisions: Decisions): ImportAction {
  if (decisions.skipped.includes(row.rowNumber)) return 'skip';
  if (row.action === 'check' && decisions.accepted.includes(row.rowNumber)) return 'add';
  return row.action;
}

function completeAnalysis(session: Session): Analysis {
  const analysis = session.analysis;
  if (!analysis || analysis.rows.length < analysis.normalised.rows.length) throw new ApiError('validation', 'Chưa kiểm tra xong các dòng của tệp. Hãy chờ kiểm tra xong.');
  return analysis;
}

export function previewImport(session: Session, input: Decisions & { show: ImportAction | 'all' | 'problems'; offset: number; limit: number }): ImportPreview {
  const analysis = completeAnalysis(session);
  const rows = analysis.rows.map((row) => ({ ...row, action: finalAction(row, input) }));
  const counts = { add: 0, update: 0, same: 0, check: 0, error: 0, skip: 0 } satisfies Record<ImportAction, number>;
  for (const row of rows) counts[row.action] += 1;
  const shown = rows.filter((row) => input.show === 'all' || row.action === input.show || (input.show === 'problems' && (row.action === 'error' || row.action === 'check')));
  const notes = Object.entries(analysis.normalised.encodings).map(([column, encoding]) => `Cột ${Number(column) + 1} được gõ bằng mã ${LEGACY_ENCODING_NAMES[encoding]}; đã chuyển sang Unicode.`);
  return {
    counts,
    total: shown.length,
    rows: shown.slice(input.offset, input.offset + input.limit).map(({ payload: _payload, ...row }) => row),
    dropped: analysis.normalised.dropped,
    notes,
  };
}

// ----------------------------------------------------------------------------------------- commit

// The commit lets the host answer other calls (the progress bar's) every this many rows.
const YIELD_EVERY = 200;
const yieldToHost = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How far a running commit is, or null when none runs. */
export const commitProgress = (session: Session) => session.committing;

/** Writes every row to import in one transaction: all of it lands, or none of it. */
export async function commitImport(ctx: Context, session: Session, decisions: Decisions): Promise<ImportSummary> {
  const analysis = completeAnalysis(session);
  if (session.committing) throw new ApiError('conflict', 'Đang ghi dữ liệu của tệp này. Vui lòng chờ.');
  const summary: ImportSummary = { fileName: session.fileName, sheet: analysis.sheet, register: analysis.register, added: 0, updated: 0, unchanged: 0, skipped: [] };
  session.committing = { done: 0, total: analysis.rows.length };
  try {
    await writeRows(ctx, analysis, decisions, summary, session.committing);
  } finally {
    session.committing = null;
  }
  session.summary = summary;
  session.analysis = null;
  return summary;
}

async function writeRows(ctx: Context, analysis: Analysis, decisions: Decisions, summary: ImportSummary, progress: { done: number }) {
  await ctx.db.transaction().execute(async (trx) => {
    const models = new Map<string, string>();
    for (const row of analysis.rows) {
      progress.done += 1;
      if (progress.done % YIELD_EVERY === 0) await yieldToHost();
      const action = finalAction(row, decisions);
      if (action === 'same') summary.unchanged += 1;
      if (action === 'skip' || action === 'error' || action === 'check' || !row.payload) {
        if (action !== 'same') summary.skipped.push({ rowNumber: row.rowNumber, reason: skipReason(action, row) });
        continue;
      }
      if (action === 'same') continue;
      try {
        if (row.payload.register === 'subjects') await commitSubject(trx, ctx, row.payload);
        else await commitModelRow(trx, ctx, row.payload, analysis.lookup, models);
      } catch (error) {
        const message = error instanceof ApiError ? error.message : 'lỗi không mong muốn';
        throw new ApiError('validation', `Dòng ${row.rowNumber}: ${message} Chưa nhập dòng nào; hãy sửa dòng này hoặc bỏ qua rồi nhập lại.`);
      }
      if (action === 'add') summary.added += 1;
      else summary.updated += 1;
    }
  });
}

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
  if (action === 'check') return `Có thể trùng với hồ sơ ${row.matchName ?? ''}, chưa xác nhận.`;
  return row.problems.map((problem) => problem.message).join(' ') || 'Dòng có lỗi.';
}

async function commitSubject(trx: Trx, ctx: Context, payload: Extract<Payload, { register: 'subjects' }>) {
  const { values } = payload;
  const existingId = payload.matchId;
  let subject;
  if (existingId) {
    const stored = await trx.selectFrom('subjects').selectAll().where('id', '=', existingId).executeTakeFirstOrThrow();
    const merged = mergeSubject(stored as unknown as Record<string, unknown>, values);
    const birth = merged.birthDate ? formatDate(merged.birthDate as string) : merged.birthYear ? String(merged.birthYear) : null;
    const input = subjectInput.parse({ ...merged, birth, confirmedDistinct: true });
    subject = await updateSubjectIn(trx, ctx, { id: existingId, values: input });
  } else subject = await createSubjectIn(trx, ctx, { ...values, confirmedDistinct: true });
  if (payload.status && payload.status !== subject.status) await changeSubjectStatusIn(trx, ctx, { id: subject.id, status: payload.status, changedOn: localToday(), reason: 'Nhập từ tệp Excel' });
  if (payload.review && !(await hasReview(trx, subject.id, payload.review.reviewedOn as string))) await createReviewIn(trx, ctx, { ...payload.review, subjectId: subject.id });
}

async function commitModelRow(trx: Trx, ctx: Context, payload: Extract<Payload, { register: 'models' }>, lookup: Lookup, written: Map<string, string>) {
  let modelId = written.get(payload.modelKey) ?? lookup.models.get(payload.modelKey)?.id;
  if (!written.has(payload.modelKey)) {
    if (modelId) {
      const stored = await trx.selectFrom('models').selectAll().where('id', '=', modelId).executeTakeFirstOrThrow();
      const merged = mergeModel(stored as unknown as Record<string, unknown>, payload.model);
      if (Object.entries(merged).some(([key, value]) => (stored as Record<string, unknown>)[key] !== value)) await updateModelIn(trx, ctx, { id: modelId, values: merged });
    } else modelId = (await createModelIn(trx, ctx, payload.model)).id;
    written.set(payload.modelKey, modelId);
  }
  if (payload.member && modelId) {
    const found = await trx.selectFrom('modelMembers').select('id').where('modelId', '=', modelId).where('sortKey', '=', personNameKey(payload.member.fullName)).where('deletedAt', 'is', null).executeTakeFirst();
    if (!found) await createMemberIn(trx, ctx, { ...payload.member, modelId });
  }
}
