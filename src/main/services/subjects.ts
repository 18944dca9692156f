/**
 * The register of assisted individuals: records, periodic reviews, status history, the due view,
 * duplicate detection and merging. Sensitive fields (ID number, history) leave this module only in the
 * full record (`getSubject`) or on explicit request (`sensitiveFields`), and both are audited as views.
 */
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { ParsedInput } from '../../shared/api';
import type { Page } from '../../shared/common';
import { ApiError } from '../../shared/errors';
import {
  ACTIVE_SUBJECT_STATUSES,
  formatBirth,
  isActiveStatus,
  type DueCounts,
  type DueList,
  type DuplicateCandidate,
  type DuplicatePair,
  type Review,
  type Subject,
  type SubjectCounts,
  type SubjectDetail,
  type SubjectRow,
  type SubjectSensitive,
  type SubjectStatus,
  type SubjectStatusChange,
  type SubjectValues,
} from '../../shared/subjects';
import { newRecordId } from '../../shared/ids';
import { foldForSearch, personNameKey, searchTerms } from '../../shared/text';
import type { Database, SubjectReviewsTable, SubjectsTable } from '../db/schema';
import { auditRow, inTransaction, likePattern, newRowStamps, notFound, nowIso, updateStamps, writeAudit, type AuditRecord, type Context, type Trx } from './context';
import { addDays, addMonths, localToday, parseDateInput } from '../../shared/dates';

const REVIEW_INTERVAL_KEY = 'subjects:reviewIntervalMonths';
const DEFAULT_REVIEW_INTERVAL_MONTHS = 1;
const DUE_LIST_LIMIT = 500;
/** The reason written on the first status-history row of every record. */
export const START_REASON = 'Bắt đầu giúp đỡ';

// ---------------------------------------------------------------- queries

function withNames(db: Kysely<Database>) {
  return db
    .selectFrom('subjects as s')
    .innerJoin('wards as w', 'w.id', 's.wardId')
    .innerJoin('subjectCategories as c', 'c.id', 's.categoryId')
    .leftJoin('neighbourhoods as n', 'n.id', 's.neighbourhoodId')
    .leftJoin('helperOrgs as h', 'h.id', 's.helperOrgId');
}

const ROW_COLUMNS = [
  's.id',
  's.fullName',
  's.alias',
  's.gender',
  's.birthDate',
  's.birthYear',
  's.phone',
  's.currentAddress',
  's.wardId',
  'w.name as wardName',
  'n.name as neighbourhoodName',
  's.categoryId',
  'c.name as categoryName',
  's.reintegrationGroup',
  's.startDate',
  's.plannedEndDate',
  's.helperName',
  'h.name as helperOrgName',
  's.status',
  's.lastReviewOn',
  's.deletedAt',
  's.updatedAt',
] as const;

const selectRows = (db: Kysely<Database>) => withNames(db).select(ROW_COLUMNS);

/**
 * Searching and paging at size (100.000 people; see bench/subjects.bench.ts). Every filter touches the
 * subjects table alone, so pages are picked and counted without joins, and the names are joined to the
 * page's 100 rows only. A search term of 3 characters or more is looked up in the trigram index
 * `subjects_search` (live rows only), which also tells how many rows match it; shorter terms, and
 * searches in the trash, use LIKE on search_text.
 * - Few matches (up to PAGE_LOOKUP_LIMIT): the page's rows are read by the search index and sorted.
 * - Many matches, or no search: the page is picked by walking an index in the sort order (the roster
 *   index holds every filter column and the search text), which stops as soon as the page is full.
 * - The total is the search index's count when nothing else filters; otherwise matches are counted by
 *   reading them (up to COUNT_LOOKUP_LIMIT) or by scanning a covering index.
 */
const PAGE_LOOKUP_LIMIT = 2000;
const COUNT_LOOKUP_LIMIT = 20_000;

type SubjectFilterInput = ParsedInput<'subjects.counts'>;

/** An FTS5 query: every term a quoted string, i.e. a substring (the trigram tokenizer), all required. */
const ftsQuery = (terms: string[]) => terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(' AND ');

const hasOtherFilters = (filter: SubjectFilterInput) =>
  Boolean(filter.wardId || filter.categoryId || filter.group || filter.status || filter.helperOrgId || filter.startYear);

/**
 * The WHERE clause on `subjects as s`: `like` terms are matched with LIKE on search_text; with `fts`
 * terms, the rows come from the search index `subjects_search` (s.seq in …) and the other columns get
 * a unary + so that SQLite reads those rows by rowid rather than walking an index (with or without
 * ANALYZE statistics).
 */
function whereSubjects(filter: SubjectFilterInput, search: { like: string[]; fts?: string[] }) {
  const column = (name: string) => sql.raw(search.fts ? `+s.${name}` : `s.${name}`);
  // The Trash holds merged records too (marked with the record they went into, and taken out with "Hoàn tác gộp").
  const conditions = [filter.trashed ? sql`${column('deleted_at')} is not null` : sql`${column('deleted_at')} is null`];
  if (search.fts) conditions.push(sql`s.seq in (select rowid from subjects_search where subjects_search match ${ftsQuery(search.fts)})`);
  for (const term of search.like) conditions.push(sql`${column('search_text')} like ${likePattern(term)} escape '\\'`);
  if (filter.wardId) conditions.push(sql`${column('ward_id')} = ${filter.wardId}`);
  if (filter.categoryId) conditions.push(sql`${column('category_id')} = ${filter.categoryId}`);
  if (filter.group) conditions.push(sql`${column('reintegration_group')} = ${filter.group}`);
  if (filter.status) conditions.push(sql`${column('status')} = ${filter.status}`);
  if (filter.helperOrgId) conditions.push(sql`${column('helper_org_id')} = ${filter.helperOrgId}`);
  if (filter.startYear) {
    conditions.push(sql`${column('start_date')} >= ${`${filter.startYear}-01-01`} and ${column('start_date')} < ${`${filter.startYear + 1}-01-01`}`);
  }
  return sql<boolean>`(${sql.join(conditions, sql` and `)})`;
}

type Where = ReturnType<typeof whereSubjects>;

/**
 * How a filter finds its rows: the WHERE clauses for the page (`lookup`: from the search index) and for
 * counting, and the total when the search index already told it.
 */
async function plan(ctx: Context, filter: SubjectFilterInput): Promise<{ page: Where; lookup: boolean; count: Where; total: number | null }> {
  const terms = searchTerms(filter.search);
  const indexed = filter.trashed ? [] : terms.filter((term) => term.length >= 3);
  const scan = whereSubjects(filter, { like: terms });
  if (indexed.length === 0) return { page: scan, lookup: false, count: scan, total: null };
  const { rows } = await sql<{ n: number }>`select count(*) as n from subjects_search where subjects_search match ${ftsQuery(indexed)}`.execute(ctx.db);
  const hits = Number(rows[0]?.n ?? 0);
  const short = terms.filter((term) => term.length < 3);
  const lookup = whereSubjects(filter, { like: short, fts: indexed });
  return {
    page: hits <= PAGE_LOOKUP_LIMIT ? lookup : scan,
    lookup: hits <= PAGE_LOOKUP_LIMIT,
    count: hits <= COUNT_LOOKUP_LIMIT ? lookup : scan,
    total: hits === 0 ? 0 : short.length === 0 && !hasOtherFilters(filter) ? hits : null,
  };
}

const SORT_COLUMNS = {
  rosterName: 's.sortKey',
  birth: 's.birthSort',
  wardName: 'w.sortKey',
  categoryName: 'c.sortKey',
  startDate: 's.startDate',
  plannedEndDate: 's.plannedEndDate',
  status: 's.status',
  lastReviewOn: 's.lastReviewOn',
  updatedAt: 's.updatedAt',
} as const;

type SortInput = NonNullable<ParsedInput<'subjects.list'>['sort']>;

/** The keys of one page: from an index walk in the sort order (ties in roster order, in the sort's direction, so one index serves both directions). */
async function pageKeys(ctx: Context, where: Where, sort: SortInput, offset: number, limit: number): Promise<number[]> {
  let keys = ctx.db.selectFrom('subjects as s').select('s.seq').where(where);
  if (sort.field === 'wardName') keys = keys.innerJoin('wards as w', 'w.id', 's.wardId') as unknown as typeof keys;
  if (sort.field === 'categoryName') keys = keys.innerJoin('subjectCategories as c', 'c.id', 's.categoryId') as unknown as typeof keys;
  if (sort.field !== 'rosterName') keys = keys.orderBy(sql.ref(SORT_COLUMNS[sort.field]), sort.direction);
  const rows = await keys.orderBy('s.sortKey', sort.direction).orderBy('s.id', sort.direction).offset(offset).limit(limit).execute();
  return rows.map((row) => row.seq);
}

/**
 * The keys of one page sorted by ward or category name, without sorting the register: the rows per
 * ward (or category) are counted, the wards taken in name order, and the page read from the one or two
 * wards it falls in, each in roster order from its (deleted_at, ward_id, sort_key, id) index.
 */
async function groupedPageKeys(ctx: Context, where: Where, sort: SortInput, offset: number, limit: number): Promise<{ seqs: number[]; total: number }> {
  const byWard = sort.field === 'wardName';
  const column = byWard ? 's.wardId' : 's.categoryId';
  const [counted, groups] = await Promise.all([
    ctx.db
      .selectFrom('subjects as s')
      .where(where)
      .select((eb) => [eb.ref(column).as('key'), eb.fn.countAll<number>().as('n')])
      .groupBy(column)
      .execute(),
    ctx.db
      .selectFrom(byWard ? 'wards' : 'subjectCategories')
      .select('id')
      .orderBy('sortKey', sort.direction)
      .orderBy('id', sort.direction)
      .execute(),
  ]);
  const counts = new Map(counted.map((row) => [row.key, Number(row.n)]));
  const seqs: number[] = [];
  let skip = offset;
  for (const group of groups) {
    if (seqs.length >= limit) break;
    const n = counts.get(group.id) ?? 0;
    if (skip >= n) {
      skip -= n;
      continue;
    }
    const inGroup = sql<boolean>`(${where} and ${sql.ref(column)} = ${group.id})`;
    seqs.push(...(await pageKeys(ctx, inGroup, { field: 'rosterName', direction: sort.direction }, skip, limit - seqs.length)));
    skip = 0;
  }
  return { seqs, total: [...counts.values()].reduce((sum, n) => sum + n, 0) };
}

export async function listSubjects(ctx: Context, query: ParsedInput<'subjects.list'>): Promise<Page<SubjectRow>> {
  const sort = query.sort ?? { field: 'rosterName', direction: 'asc' };
  const { page: where, lookup, count, total: known } = await plan(ctx, query);
  if (known === 0) return { rows: [], total: 0 };
  // The page's keys first (from an index, without the joins unless the sort needs a name) ...
  let seqs: number[];
  let counted: number | null = known;
  if ((sort.field === 'wardName' || sort.field === 'categoryName') && !lookup) {
    const grouped = await groupedPageKeys(ctx, where, sort, query.offset, query.limit);
    seqs = grouped.seqs;
    counted = grouped.total;
  } else {
    seqs = await pageKeys(ctx, where, sort, query.offset, query.limit);
  }
  // ... then those rows with their names, in the same order.
  const found = seqs.length === 0 ? [] : await selectRows(ctx.db).select('s.seq').where('s.seq', 'in', seqs).execute();
  const bySeq = new Map(found.map(({ seq, ...row }) => [seq, row as SubjectRow]));
  const rows = seqs.map((seq) => bySeq.get(seq)).filter((row): row is SubjectRow => row !== undefined);
  if (query.trashed) await markMerged(ctx, rows);
  const total =
    counted ??
    Number((await ctx.db.selectFrom('subjects as s').where(count).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()).total);
  return { rows, total };
}

/** The records that trashed rows were merged into, for the Trash list's "Đã gộp vào …". */
async function markMerged(ctx: Context, rows: SubjectRow[]) {
  if (rows.length === 0) return;
  const links = await ctx.db
    .selectFrom('subjects as m')
    .innerJoin('subjects as k', 'k.id', 'm.mergedInto')
    .select(['m.id as mergedId', 'k.id', 'k.fullName', 'k.birthDate', 'k.birthYear'])
    .where('m.id', 'in', rows.map((row) => row.id))
    .execute();
  const byMerged = new Map(links.map(({ mergedId, ...link }) => [mergedId, link]));
  for (const row of rows) row.mergedIntoRecord = byMerged.get(row.id) ?? null;
}

export async function countSubjects(ctx: Context, filter: ParsedInput<'subjects.counts'>): Promise<SubjectCounts> {
  const { count, total } = await plan(ctx, filter);
  // Two groupings rather than one by (category, status): each can follow an index's order.
  const countBy = async <Column extends 's.categoryId' | 's.status'>(column: Column) =>
    total === 0
      ? []
      : ctx.db
          .selectFrom('subjects as s')
          .where(count)
          .select((eb) => [eb.ref(column).as('key'), eb.fn.countAll<number>().as('count')])
          .groupBy(column)
          .execute();
  const [byCategory, byStatus, categories] = await Promise.all([
    countBy('s.categoryId'),
    countBy('s.status'),
    ctx.db.selectFrom('subjectCategories').select(['id', 'name']).orderBy('sortKey').execute(),
  ]);
  const categoryCounts = new Map(byCategory.map((row) => [row.key as string, Number(row.count)]));
  return {
    total: [...categoryCounts.values()].reduce((sum, value) => sum + value, 0),
    byCategory: categories.filter((category) => categoryCounts.has(category.id)).map((category) => ({ ...category, count: categoryCounts.get(category.id) ?? 0 })),
    byStatus: byStatus.map((row) => ({ status: row.key as SubjectStatus, count: Number(row.count) })),
  };
}

/** The hidden columns of the rows on screen, shown on demand; each person shown is an audited view. */
export async function sensitiveFields(ctx: Context, input: ParsedInput<'subjects.sensitive'>): Promise<SubjectSensitive[]> {
  if (input.ids.length === 0) return [];
  const rows = await ctx.db.selectFrom('subjects').select(['id', 'idNumber', 'history']).where('id', 'in', input.ids).execute();
  await ctx.db.transaction().execute(async (trx) => {
    for (const row of rows) await writeAudit(trx, ctx, { entity: 'subject', entityId: row.id, action: 'view', after: { fields: ['idNumber', 'history'] } });
  });
  return rows;
}

export async function findSubject(db: Kysely<Database>, id: string, options: { includeTrashed?: boolean } = {}): Promise<Subject> {
  let query = withNames(db)
    .selectAll('s')
    .select(['w.name as wardName', 'n.name as neighbourhoodName', 'c.name as categoryName', 'h.name as helperOrgName'])
    .where('s.id', '=', id);
  if (!options.includeTrashed) query = query.where('s.deletedAt', 'is', null);
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('hồ sơ đối tượng');
  const { seq: _seq, birthSort: _birthSort, reviewAnchor: _anchor, nameFold: _fold, searchText: _search, sortKey: _sort, ...subject } = row;
  return subject;
}

const toReview = (row: Selectable<SubjectReviewsTable>): Review => ({
  id: row.id,
  subjectId: row.subjectId,
  reviewedOn: row.reviewedOn,
  period: row.period,
  result: row.result,
  jobSituation: row.jobSituation,
  notes: row.notes,
  reviewer: row.reviewer,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  createdBy: row.createdBy,
  updatedBy: row.updatedBy,
});

export async function getSubject(ctx: Context, input: ParsedInput<'subjects.get'>): Promise<SubjectDetail> {
  const subject = await findSubject(ctx.db, input.id, { includeTrashed: true });
  const link = ['id', 'fullName', 'birthDate', 'birthYear'] as const;
  const [reviews, statusChanges, months, mergedIntoRecord, mergedFrom] = await Promise.all([
    ctx.db.selectFrom('subjectReviews').selectAll().where('subjectId', '=', input.id).where('deletedAt', 'is', null).orderBy('reviewedOn', 'desc').execute(),
    ctx.db.selectFrom('subjectStatusChanges').selectAll().where('subjectId', '=', input.id).orderBy('changedOn', 'desc').orderBy('createdAt', 'desc').execute(),
    reviewIntervalMonths(ctx),
    subject.mergedInto ? ctx.db.selectFrom('subjects').select(link).where('id', '=', subject.mergedInto).executeTakeFirst() : undefined,
    ctx.db.selectFrom('subjects').select(link).where('mergedInto', '=', input.id).orderBy('sortKey').execute(),
  ]);
  await writeAudit(ctx.db, ctx, { entity: 'subject', entityId: input.id, action: 'view' });
  const nextReviewDue = isActiveStatus(subject.status) && !subject.deletedAt ? addMonths(subject.lastReviewOn ?? subject.startDate, months) : null;
  return { subject, reviews: reviews.map(toReview), statusChanges: statusChanges as SubjectStatusChange[], nextReviewDue, mergedIntoRecord: mergedIntoRecord ?? null, mergedFrom };
}

// ---------------------------------------------------------------- writes

type Stored = Omit<SubjectValues, 'birth' | 'confirmedDistinct'> & { birthDate: string | null; birthYear: number | null };

/** The form's values as stored (column by column, not by rest and spread: an import makes 50.000 of them). */
function toStored(values: SubjectValues): Stored {
  return {
    fullName: values.fullName,
    alias: values.alias,
    gender: values.gender,
    birthDate: values.birth.birthDate,
    birthYear: values.birth.birthYear,
    idNumber: values.idNumber,
    phone: values.phone,
    permanentAddress: values.permanentAddress,
    currentAddress: values.currentAddress,
    wardId: values.wardId,
    neighbourhoodId: values.neighbourhoodId,
    categoryId: values.categoryId,
    reintegrationGroup: values.reintegrationGroup,
    history: values.history,
    startDate: values.startDate as string,
    plannedEndDate: values.plannedEndDate,
    decisionNumber: values.decisionNumber,
    decisionDate: values.decisionDate,
    decisionIssuer: values.decisionIssuer,
    helperName: values.helperName,
    helperOrgId: values.helperOrgId,
    helperPhone: values.helperPhone,
  };
}

/** The stored fields the denormalised columns are computed from. */
export type DerivedSource = Pick<Stored, 'fullName' | 'alias' | 'birthDate' | 'birthYear' | 'idNumber' | 'phone' | 'permanentAddress' | 'currentAddress'>;

/** "1985" or "1985-03-12": binary order puts a year alone before the full dates of that year. */
export const birthSortKey = (birthDate: string | null, birthYear: number | null) => birthDate ?? (birthYear ? String(birthYear) : null);

/** The denormalised columns of a subjects row (sorting, duplicate detection, search); the demo generator uses them too. */
export function derivedColumns(source: DerivedSource) {
  const nameFold = foldForSearch(source.fullName);
  return { birthSort: birthSortKey(source.birthDate, source.birthYear), nameFold, searchText: searchTextOf(nameFold, source), sortKey: personNameKey(source.fullName) };
}

/**
 * The folded search text: the folded name (folded once, for nameFold too) and the other fields' folds,
 * joined by one space. The same text as folding the fields joined: folding trims and collapses spaces.
 */
function searchTextOf(nameFold: string, source: DerivedSource): string {
  let text = nameFold;
  for (const value of [source.alias, source.idNumber, source.phone, source.permanentAddress, source.currentAddress]) {
    const folded = value ? foldForSearch(value) : '';
    if (folded) text = text ? `${text} ${folded}` : folded;
  }
  return text;
}

/** The date the next review is counted from: the last review, or the start date before any review. */
export const reviewAnchorOf = (lastReviewOn: string | null, startDate: string) => lastReviewOn ?? startDate;

function fieldError(field: string, message: string, code: 'validation' | 'conflict' = 'validation') {
  return new ApiError(code, message, [{ field, message }]);
}

async function checkReferences(trx: Trx, stored: Stored) {
  const ward = await trx.selectFrom('wards').select('id').where('id', '=', stored.wardId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!ward) throw fieldError('wardId', 'Phường đã chọn không có trong danh mục.');
  if (stored.neighbourhoodId) {
    const neighbourhood = await trx.selectFrom('neighbourhoods').select('wardId').where('id', '=', stored.neighbourhoodId).where('deletedAt', 'is', null).executeTakeFirst();
    if (neighbourhood?.wardId !== stored.wardId) throw fieldError('neighbourhoodId', 'Khu phố đã chọn không thuộc phường này.');
  }
  const category = await trx.selectFrom('subjectCategories').select('usesGroups').where('id', '=', stored.categoryId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!category) throw fieldError('categoryId', 'Diện đối tượng đã chọn không có trong danh mục.');
  if (stored.reintegrationGroup && category.usesGroups !== 1) throw fieldError('reintegrationGroup', 'Diện đối tượng này không phân nhóm A, B, C, D.');
  if (stored.helperOrgId) {
    const org = await trx.selectFrom('helperOrgs').select('id').where('id', '=', stored.helperOrgId).where('deletedAt', 'is', null).executeTakeFirst();
    if (!org) throw fieldError('helperOrgId', 'Tổ chức phụ trách đã chọn không có trong danh mục.');
  }
}

/** The same ID number on two live records is refused unless the officer confirmed they are different people. */
async function checkIdNumber(trx: Trx, stored: Stored, confirmedDistinct: boolean, exceptId?: string) {
  if (!stored.idNumber || confirmedDistinct) return;
  let query = trx.selectFrom('subjects').select(['fullName', 'birthDate', 'birthYear']).where('idNumber', '=', stored.idNumber).where('deletedAt', 'is', null);
  if (exceptId) query = query.where('id', '!=', exceptId);
  const other = await query.executeTakeFirst();
  if (other) {
    throw fieldError(
      'idNumber',
      `Số CCCD/CMND này đã có trong hồ sơ của ${other.fullName}${other.birthYear ? ` (sinh ${formatBirth(other.birthDate, other.birthYear)})` : ''}. Nếu đây là người khác, hãy xác nhận trước khi lưu.`,
      'conflict',
    );
  }
}

/** A row of the status history (the record's first row, and every change). */
function statusChangeRow(ctx: Context, subjectId: string, from: SubjectStatus | null, to: SubjectStatus, changedOn: string, reason: string | null, createdAt = nowIso()) {
  return { id: newRecordId(), subjectId, fromStatus: from, toStatus: to, changedOn, reason, createdAt, createdBy: ctx.user.id };
}

async function recordStatusChange(trx: Trx, ctx: Context, subjectId: string, from: SubjectStatus | null, to: SubjectStatus, changedOn: string, reason: string | null) {
  await trx.insertInto('subjectStatusChanges').values(statusChangeRow(ctx, subjectId, from, to, changedOn, reason)).execute();
}

/**
 * A new record's row: its stamps, derived columns, first status and due-date anchor. Written out column
 * by column (every column required by the type): an object of one fixed shape is several times cheaper
 * than spreads when an import makes 50.000 of them.
 */
function newSubjectRow(ctx: Context, stored: Stored): Omit<Selectable<SubjectsTable>, 'seq'> {
  const stamps = newRowStamps(ctx);
  const derived = derivedColumns(stored);
  return {
    id: stamps.id,
    fullName: stored.fullName,
    alias: stored.alias,
    gender: stored.gender,
    birthDate: stored.birthDate,
    birthYear: stored.birthYear,
    birthSort: derived.birthSort,
    idNumber: stored.idNumber,
    phone: stored.phone,
    permanentAddress: stored.permanentAddress,
    currentAddress: stored.currentAddress,
    wardId: stored.wardId,
    neighbourhoodId: stored.neighbourhoodId,
    categoryId: stored.categoryId,
    reintegrationGroup: stored.reintegrationGroup,
    history: stored.history,
    startDate: stored.startDate,
    plannedEndDate: stored.plannedEndDate,
    decisionNumber: stored.decisionNumber,
    decisionDate: stored.decisionDate,
    decisionIssuer: stored.decisionIssuer,
    helperName: stored.helperName,
    helperOrgId: stored.helperOrgId,
    helperPhone: stored.helperPhone,
    status: 'dang_giup_do',
    lastReviewOn: null,
    reviewAnchor: reviewAnchorOf(null, stored.startDate),
    nameFold: derived.nameFold,
    searchText: derived.searchText,
    sortKey: derived.sortKey,
    mergedInto: null,
    createdAt: stamps.createdAt,
    updatedAt: stamps.updatedAt,
    createdBy: stamps.createdBy,
    updatedBy: stamps.updatedBy,
    deletedAt: null,
  };
}

/** What a status change writes after the change itself: its history row and its audit entry. */
function statusChangeRecord(ctx: Context, subjectId: string, from: SubjectStatus, input: Omit<ParsedInput<'subjects.changeStatus'>, 'id'>, at = nowIso()) {
  const changedOn = input.changedOn ?? localToday();
  return {
    history: statusChangeRow(ctx, subjectId, from, input.status, changedOn, input.reason, at),
    audit: { entity: 'subject', entityId: subjectId, action: 'status', before: { status: from }, after: { status: input.status, changedOn, reason: input.reason } } satisfies AuditRecord,
  };
}

export type NewReview = Omit<ParsedInput<'reviews.create'>, 'subjectId'>;

/**
 * The rows of a new record with its status changed and a first review, exactly as createSubjectIn, then
 * changeSubjectStatusIn and createReviewIn write them one after another, with their audit entries, but
 * computed at once without reading anything back: for writing many records in one go (the import,
 * through db/bulk.ts). The caller has made those functions' checks (catalogues, review date); the
 * record is written in its final state (status, last review, due-date anchor).
 */
export function newSubjectRecord(ctx: Context, values: SubjectValues, then: { status?: Omit<ParsedInput<'subjects.changeStatus'>, 'id'> | null; review?: NewReview | null } = {}) {
  const stored = toStored(values);
  const subject = newSubjectRow(ctx, stored);
  const at = subject.updatedAt;
  const statusChanges = [statusChangeRow(ctx, subject.id, null, 'dang_giup_do', stored.startDate, START_REASON, at)];
  const audit = [auditRow(ctx, { entity: 'subject', entityId: subject.id, action: 'create', after: stored }, at)];
  if (then.status && then.status.status !== subject.status) {
    const change = statusChangeRecord(ctx, subject.id, subject.status, then.status, at);
    subject.status = then.status.status;
    statusChanges.push(change.history);
    audit.push(auditRow(ctx, change.audit, at));
  }
  const reviews: Insertable<SubjectReviewsTable>[] = [];
  if (then.review) {
    const values = { ...then.review, subjectId: subject.id };
    const review = newReviewRow(ctx, values);
    reviews.push(review);
    subject.lastReviewOn = review.reviewedOn;
    subject.reviewAnchor = reviewAnchorOf(review.reviewedOn, stored.startDate);
    audit.push(auditRow(ctx, { entity: 'review', entityId: review.id, action: 'create', after: values }, at));
  }
  return { subject, statusChanges, reviews, audit };
}

export async function createSubjectIn(trx: Trx, ctx: Context, values: ParsedInput<'subjects.create'>): Promise<Subject> {
  const stored = toStored(values);
  await checkReferences(trx, stored);
  await checkIdNumber(trx, stored, values.confirmedDistinct);
  const row = newSubjectRow(ctx, stored);
  await trx.insertInto('subjects').values(row).execute();
  await recordStatusChange(trx, ctx, row.id, null, 'dang_giup_do', stored.startDate, START_REASON);
  await writeAudit(trx, ctx, { entity: 'subject', entityId: row.id, action: 'create', after: stored });
  return findSubject(trx, row.id);
}

export const createSubject = inTransaction(createSubjectIn);

export async function updateSubjectIn(trx: Trx, ctx: Context, input: ParsedInput<'subjects.update'>): Promise<Subject> {
  const stored = toStored(input.values);
  const before = await findSubject(trx, input.id);
  await checkReferences(trx, stored);
  // A number confirmed as someone else's when it was entered is not questioned again on every edit.
  if (stored.idNumber !== before.idNumber) await checkIdNumber(trx, stored, input.values.confirmedDistinct, input.id);
  await trx
    .updateTable('subjects')
    .set({ ...stored, ...derivedColumns(stored), reviewAnchor: reviewAnchorOf(before.lastReviewOn, stored.startDate), ...updateStamps(ctx) })
    .where('id', '=', input.id)
    .execute();
  await writeAudit(trx, ctx, { entity: 'subject', entityId: input.id, action: 'update', before, after: stored });
  return findSubject(trx, input.id);
}

export const updateSubject = inTransaction(updateSubjectIn);

export async function changeSubjectStatusIn(trx: Trx, ctx: Context, input: ParsedInput<'subjects.changeStatus'>): Promise<Subject> {
  const before = await findSubject(trx, input.id);
  if (before.status === input.status) throw fieldError('status', 'Hồ sơ đang ở tình trạng này rồi. Vui lòng chọn tình trạng khác.');
  await trx.updateTable('subjects').set({ status: input.status, ...updateStamps(ctx) }).where('id', '=', input.id).execute();
  const change = statusChangeRecord(ctx, input.id, before.status, input);
  await trx.insertInto('subjectStatusChanges').values(change.history).execute();
  await writeAudit(trx, ctx, change.audit);
  return findSubject(trx, input.id);
}

export const changeSubjectStatus = inTransaction(changeSubjectStatusIn);

async function setTrashed(ctx: Context, id: string, trashed: boolean): Promise<Subject> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findSubject(trx, id, { includeTrashed: true });
    if (before.mergedInto) throw new ApiError('conflict', 'Hồ sơ này đã được gộp vào một hồ sơ khác: dùng "Hoàn tác gộp" để tách hai hồ sơ ra như trước khi gộp.');
    if (Boolean(before.deletedAt) === trashed) throw new ApiError('conflict', trashed ? 'Hồ sơ này đã ở trong Thùng rác.' : 'Hồ sơ này không ở trong Thùng rác.');
    await trx.updateTable('subjects').set({ deletedAt: trashed ? nowIso() : null, ...updateStamps(ctx) }).where('id', '=', id).execute();
    await writeAudit(trx, ctx, { entity: 'subject', entityId: id, action: trashed ? 'trash' : 'restore' });
    return findSubject(trx, id, { includeTrashed: true });
  });
}

export const trashSubject = (ctx: Context, input: ParsedInput<'subjects.trash'>) => setTrashed(ctx, input.id, true);
export const restoreSubject = (ctx: Context, input: ParsedInput<'subjects.restore'>) => setTrashed(ctx, input.id, false);

// ---------------------------------------------------------------- reviews

/** Keeps last_review_on and the due-date anchor in step with the live reviews. */
export async function refreshReviewAnchor(trx: Trx, subjectId: string) {
  const latest = await trx
    .selectFrom('subjectReviews')
    .select((eb) => eb.fn.max('reviewedOn').as('last'))
    .where('subjectId', '=', subjectId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  const last = (latest?.last as string | null | undefined) ?? null;
  await trx
    .updateTable('subjects')
    .set((eb) => ({ lastReviewOn: last, reviewAnchor: last ?? eb.ref('startDate') }))
    .where('id', '=', subjectId)
    .execute();
}

async function findReview(trx: Trx, id: string) {
  const row = await trx.selectFrom('subjectReviews').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  if (!row) throw notFound('lần đánh giá');
  return row;
}

/** A review lies between the start of the help and today. */
function checkReviewDate(subject: Subject, reviewedOn: string | null) {
  if (reviewedOn && reviewedOn < subject.startDate) throw fieldError('reviewedOn', 'Ngày đánh giá không được trước ngày bắt đầu giúp đỡ.');
  if (reviewedOn && reviewedOn > localToday()) throw fieldError('reviewedOn', 'Ngày đánh giá không được sau hôm nay.');
}

/** A new review's row. */
const newReviewRow = (ctx: Context, values: ParsedInput<'reviews.create'>) => ({ ...newRowStamps(ctx), ...values, reviewedOn: values.reviewedOn as string });

export async function createReviewIn(trx: Trx, ctx: Context, values: ParsedInput<'reviews.create'>): Promise<Review> {
  checkReviewDate(await findSubject(trx, values.subjectId), values.reviewedOn);
  const row = newReviewRow(ctx, values);
  await trx.insertInto('subjectReviews').values(row).execute();
  await refreshReviewAnchor(trx, values.subjectId);
  await writeAudit(trx, ctx, { entity: 'review', entityId: row.id, action: 'create', after: values });
  return toReview(row);
}

export const createReview = inTransaction(createReviewIn);

export async function updateReview(ctx: Context, input: ParsedInput<'reviews.update'>): Promise<Review> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findReview(trx, input.id);
    if (before.subjectId !== input.values.subjectId) throw new ApiError('validation', 'Không thể chuyển lần đánh giá sang hồ sơ khác.');
    checkReviewDate(await findSubject(trx, before.subjectId), input.values.reviewedOn);
    const changes = { ...input.values, reviewedOn: input.values.reviewedOn as string, ...updateStamps(ctx) };
    await trx.updateTable('subjectReviews').set(changes).where('id', '=', input.id).execute();
    await refreshReviewAnchor(trx, before.subjectId);
    await writeAudit(trx, ctx, { entity: 'review', entityId: input.id, action: 'update', before: toReview(before), after: input.values });
    return toReview({ ...before, ...changes });
  });
}

export async function removeReview(ctx: Context, input: ParsedInput<'reviews.remove'>): Promise<{ ok: true }> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findReview(trx, input.id);
    await trx.updateTable('subjectReviews').set({ deletedAt: nowIso(), ...updateStamps(ctx) }).where('id', '=', input.id).execute();
    await refreshReviewAnchor(trx, before.subjectId);
    await writeAudit(trx, ctx, { entity: 'review', entityId: input.id, action: 'trash', before: toReview(before) });
    return { ok: true };
  });
}

// ---------------------------------------------------------------- duplicates (merging them: subject-merge.ts)

/** Likely duplicates of what is being typed: same ID number, or same folded name and birth year in the same ward. */
export async function findDuplicates(ctx: Context, input: ParsedInput<'subjects.findDuplicates'>): Promise<DuplicateCandidate[]> {
  const idNumber = input.idNumber?.replace(/[\s.]/g, '') || null;
  const birthYear = (() => {
    const parsed = input.birth ? parseDateInput(input.birth, { allowYear: true }) : null;
    if (!parsed) return null;
    return parsed.kind === 'year' ? parsed.year : Number(parsed.iso.slice(0, 4));
  })();
  const nameFold = foldForSearch(input.fullName);
  const found = new Map<string, DuplicateCandidate>();
  const add = (rows: SubjectRow[], reason: DuplicateCandidate['reasons'][number]) => {
    for (const row of rows) {
      if (row.id === input.id) continue;
      const candidate = found.get(row.id) ?? { subject: row, reasons: [] };
      candidate.reasons.push(reason);
      found.set(row.id, candidate);
    }
  };
  if (idNumber && /^(\d{9}|\d{12})$/.test(idNumber)) {
    add((await selectRows(ctx.db).where('s.idNumber', '=', idNumber).where('s.deletedAt', 'is', null).limit(20).execute()) as SubjectRow[], 'same_id_number');
  }
  if (nameFold && birthYear && input.wardId) {
    add(
      (await selectRows(ctx.db)
        .where('s.nameFold', '=', nameFold)
        .where('s.birthYear', '=', birthYear)
        .where('s.wardId', '=', input.wardId)
        .where('s.deletedAt', 'is', null)
        .limit(20)
        .execute()) as SubjectRow[],
      'same_name_birth_year_ward',
    );
  }
  return [...found.values()];
}

/** Likely duplicate pairs across the whole register, for the duplicates tool. */
export async function duplicatePairs(ctx: Context): Promise<DuplicatePair[]> {
  const [byIdNumber, byNameYearWard] = await Promise.all([
    sql<{ a: string; b: string }>`select a.id as a, b.id as b from subjects a join subjects b on b.id_number = a.id_number and a.id < b.id
      where a.id_number is not null and a.deleted_at is null and b.deleted_at is null limit 500`.execute(ctx.db),
    sql<{ a: string; b: string }>`select a.id as a, b.id as b from subjects a join subjects b
      on b.name_fold = a.name_fold and b.birth_year = a.birth_year and b.ward_id = a.ward_id and a.id < b.id
      where a.birth_year is not null and a.deleted_at is null and b.deleted_at is null limit 500`.execute(ctx.db),
  ]);
  const pairs = new Map<string, { a: string; b: string; reason: DuplicatePair['reason'] }>();
  for (const row of byIdNumber.rows) pairs.set(`${row.a}:${row.b}`, { ...row, reason: 'same_id_number' });
  for (const row of byNameYearWard.rows) if (!pairs.has(`${row.a}:${row.b}`)) pairs.set(`${row.a}:${row.b}`, { ...row, reason: 'same_name_birth_year_ward' });
  const distinct = await ctx.db.selectFrom('subjectDistinctPairs').select(['subjectA', 'subjectB']).execute();
  for (const pair of distinct) pairs.delete(`${pair.subjectA}:${pair.subjectB}`);
  const ids = [...new Set([...pairs.values()].flatMap((pair) => [pair.a, pair.b]))];
  if (ids.length === 0) return [];
  const rows = new Map(((await selectRows(ctx.db).where('s.id', 'in', ids).execute()) as SubjectRow[]).map((row) => [row.id, row]));
  return [...pairs.values()]
    .filter((pair) => rows.has(pair.a) && rows.has(pair.b))
    .map((pair) => ({ a: rows.get(pair.a)!, b: rows.get(pair.b)!, reason: pair.reason }));
}

/** Records the officer says are two people: their pair leaves the duplicates page (audited on both). */
export async function markDistinct(ctx: Context, input: ParsedInput<'subjects.markDistinct'>): Promise<{ ok: true }> {
  const [subjectA, subjectB] = [input.a, input.b].sort() as [string, string];
  await ctx.db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('subjects').select('id').where('id', 'in', [subjectA, subjectB]).where('deletedAt', 'is', null).execute();
    if (found.length !== 2) throw notFound('hồ sơ');
    await trx.insertInto('subjectDistinctPairs').values({ subjectA, subjectB, createdAt: nowIso(), createdBy: ctx.user.id }).onConflict((conflict) => conflict.doNothing()).execute();
    for (const [id, other] of [[subjectA, subjectB], [subjectB, subjectA]] as const) await writeAudit(trx, ctx, { entity: 'subject', entityId: id, action: 'update', after: { distinctFrom: other } });
  });
  return { ok: true };
}

// ---------------------------------------------------------------- the due view and its setting

export async function reviewIntervalMonths(ctx: Context): Promise<number> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', REVIEW_INTERVAL_KEY).executeTakeFirst();
  const value = row ? Number(JSON.parse(row.value)) : DEFAULT_REVIEW_INTERVAL_MONTHS;
  return Number.isInteger(value) && value >= 1 ? value : DEFAULT_REVIEW_INTERVAL_MONTHS;
}

export async function setReviewInterval(ctx: Context, input: ParsedInput<'subjects.setReviewInterval'>): Promise<{ reviewIntervalMonths: number }> {
  const before = await reviewIntervalMonths(ctx);
  const row = { key: REVIEW_INTERVAL_KEY, value: JSON.stringify(input.months), updatedAt: nowIso(), updatedBy: ctx.user.id };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('settings').values(row).onConflict((conflict) => conflict.column('key').doUpdateSet({ value: row.value, updatedAt: row.updatedAt, updatedBy: row.updatedBy })).execute();
    await writeAudit(trx, ctx, { entity: 'setting', entityId: REVIEW_INTERVAL_KEY, action: 'update', before, after: input.months });
  });
  return { reviewIntervalMonths: input.months };
}

/**
 * The first anchor (last review or start date) whose next review falls on or after `date`: anchors
 * before it are due before `date`. Not simply `date - months`: months have different lengths, and a
 * review on 28/02 is due on 28/03, so on 30/03 it is overdue though 30/03 - 1 month is 28/02.
 */
function firstAnchorDueFrom(date: string, months: number): string {
  let anchor = addMonths(date, -months);
  while (addMonths(anchor, months) < date) anchor = addDays(anchor, 1);
  while (addMonths(addDays(anchor, -1), months) >= date) anchor = addDays(anchor, -1);
  return anchor;
}

/** The anchors before which a review is overdue (due before today), or due within the next 7 days. */
function dueThresholds(today: string, months: number) {
  return { overdueBefore: firstAnchorDueFrom(today, months), dueWeekBefore: firstAnchorDueFrom(addDays(today, 7), months), endingBy: addDays(today, 30) };
}

const underHelp = (db: Kysely<Database>) => db.selectFrom('subjects as s').where('s.deletedAt', 'is', null).where('s.status', 'in', [...ACTIVE_SUBJECT_STATUSES]);

async function countDue(ctx: Context, today: string, months: number): Promise<DueCounts> {
  const { overdueBefore, dueWeekBefore, endingBy } = dueThresholds(today, months);
  const count = async (query: ReturnType<typeof underHelp>) => Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    overdue: await count(underHelp(ctx.db).where('s.reviewAnchor', '<', overdueBefore)),
    dueThisWeek: await count(underHelp(ctx.db).where('s.reviewAnchor', '>=', overdueBefore).where('s.reviewAnchor', '<', dueWeekBefore)),
    endingSoon: await count(underHelp(ctx.db).where('s.plannedEndDate', '>=', today).where('s.plannedEndDate', '<=', endingBy)),
  };
}

export async function dueCounts(ctx: Context): Promise<DueCounts> {
  return countDue(ctx, localToday(), await reviewIntervalMonths(ctx));
}

/**
 * `addMonths(review_anchor, months)` in SQL: date(…, '+N months') runs over into the next month
 * (31/01 + 1 month = 03/03), so it is capped at the last day of the target month (28/02). Computed by
 * SQLite so the 1.000 rows of the due lists need no reshaping in JavaScript.
 */
const dueOnSql = (months: number) =>
  sql<string>`min(date(s.review_anchor, ${`+${months} months`}), date(s.review_anchor, 'start of month', ${`+${months + 1} months`}, '-1 day'))`;

export async function dueList(ctx: Context, input: ParsedInput<'subjects.due'> = { all: false }): Promise<DueList> {
  const limit = input.all ? -1 : DUE_LIST_LIMIT; // SQLite reads a negative LIMIT as none
  const today = localToday();
  const months = await reviewIntervalMonths(ctx);
  const { overdueBefore, dueWeekBefore, endingBy } = dueThresholds(today, months);
  const due = async (from: string | null, before: string) => {
    let query = selectRows(ctx.db).select(dueOnSql(months).as('dueOn')).where('s.deletedAt', 'is', null).where('s.status', 'in', [...ACTIVE_SUBJECT_STATUSES]).where('s.reviewAnchor', '<', before);
    if (from) query = query.where('s.reviewAnchor', '>=', from);
    return (await query.orderBy('s.reviewAnchor').limit(limit).execute()) as (SubjectRow & { dueOn: string })[];
  };
  const [overdue, dueThisWeek, endingSoon, counts] = await Promise.all([
    due(null, overdueBefore),
    due(overdueBefore, dueWeekBefore),
    selectRows(ctx.db)
      .where('s.deletedAt', 'is', null)
      .where('s.status', 'in', [...ACTIVE_SUBJECT_STATUSES])
      .where('s.plannedEndDate', '>=', today)
      .where('s.plannedEndDate', '<=', endingBy)
      .orderBy('s.plannedEndDate')
      .limit(limit)
      .execute(),
    countDue(ctx, today, months),
  ]);
  return { overdue, dueThisWeek, endingSoon: endingSoon as SubjectRow[], intervalMonths: months, counts, today };
}
