/**
 * The register of assisted individuals: records, periodic reviews, status history, the due view,
 * duplicate detection and merging. Sensitive fields (ID number, history) leave this module only in the
 * full record (`getSubject`) or on explicit request (`sensitiveFields`), and both are audited as views.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ParsedInput } from '../../shared/api';
import type { Page } from '../../shared/common';
import { ApiError } from '../../shared/errors';
import {
  formatBirth,
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
import { foldForSearch, parseDateInput, personNameKey, searchTerms } from '../../shared/text';
import type { Database, SubjectReviewsTable } from '../db/schema';
import { likePattern, newRowStamps, notFound, nowIso, updateStamps, writeAudit, type Context, type Trx } from './context';

const REVIEW_INTERVAL_KEY = 'subjects:reviewIntervalMonths';
const DEFAULT_REVIEW_INTERVAL_MONTHS = 1;
const DUE_LIST_LIMIT = 500;

// ---------------------------------------------------------------- dates

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** Today's date where the officer is (local time), as yyyy-mm-dd. */
export function localToday(now = new Date()): string {
  return isoDate(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
}

/** Adds months to a yyyy-mm-dd date, keeping the day within the target month (31/01 + 1 month = 28/02). */
export function addMonths(iso: string, months: number): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return isoDate(target);
}

export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return isoDate(date);
}

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

/** Every filter touches the subjects table only, so counts need no joins. */
function filterCondition(filter: ParsedInput<'subjects.counts'>) {
  const conditions = [filter.trashed ? sql`s.deleted_at is not null and s.merged_into is null` : sql`s.deleted_at is null`];
  for (const term of searchTerms(filter.search)) conditions.push(sql`s.search_text like ${likePattern(term)} escape '\\'`);
  if (filter.wardId) conditions.push(sql`s.ward_id = ${filter.wardId}`);
  if (filter.categoryId) conditions.push(sql`s.category_id = ${filter.categoryId}`);
  if (filter.group) conditions.push(sql`s.reintegration_group = ${filter.group}`);
  if (filter.status) conditions.push(sql`s.status = ${filter.status}`);
  if (filter.helperOrgId) conditions.push(sql`s.helper_org_id = ${filter.helperOrgId}`);
  if (filter.startYear) conditions.push(sql`s.start_date >= ${`${filter.startYear}-01-01`} and s.start_date < ${`${filter.startYear + 1}-01-01`}`);
  return sql<boolean>`(${sql.join(conditions, sql` and `)})`;
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

export async function listSubjects(ctx: Context, query: ParsedInput<'subjects.list'>): Promise<Page<SubjectRow>> {
  const sort = query.sort ?? { field: 'rosterName', direction: 'asc' };
  const rows = await selectRows(ctx.db)
    .where(filterCondition(query))
    .orderBy(SORT_COLUMNS[sort.field], sort.direction)
    .orderBy('s.sortKey', 'asc')
    .orderBy('s.id', 'asc')
    .offset(query.offset)
    .limit(query.limit)
    .execute();
  const { total } = await ctx.db
    .selectFrom('subjects as s')
    .where(filterCondition(query))
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows: rows as SubjectRow[], total: Number(total) };
}

export async function countSubjects(ctx: Context, filter: ParsedInput<'subjects.counts'>): Promise<SubjectCounts> {
  const [byCategoryStatus, categories] = await Promise.all([
    ctx.db
      .selectFrom('subjects as s')
      .where(filterCondition(filter))
      .select((eb) => ['s.categoryId', 's.status', eb.fn.countAll<number>().as('count')])
      .groupBy(['s.categoryId', 's.status'])
      .execute(),
    ctx.db.selectFrom('subjectCategories').select(['id', 'name']).orderBy('sortKey').execute(),
  ]);
  const byCategory = new Map<string, number>();
  const byStatus = new Map<SubjectStatus, number>();
  for (const row of byCategoryStatus) {
    byCategory.set(row.categoryId, (byCategory.get(row.categoryId) ?? 0) + Number(row.count));
    byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + Number(row.count));
  }
  return {
    total: [...byCategory.values()].reduce((sum, value) => sum + value, 0),
    byCategory: categories.filter((category) => byCategory.has(category.id)).map((category) => ({ ...category, count: byCategory.get(category.id) ?? 0 })),
    byStatus: [...byStatus].map(([status, count]) => ({ status, count })),
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

async function findSubject(db: Kysely<Database>, id: string, options: { includeTrashed?: boolean } = {}): Promise<Subject> {
  let query = withNames(db)
    .selectAll('s')
    .select(['w.name as wardName', 'n.name as neighbourhoodName', 'c.name as categoryName', 'h.name as helperOrgName'])
    .where('s.id', '=', id);
  if (!options.includeTrashed) query = query.where('s.deletedAt', 'is', null);
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('hồ sơ đối tượng');
  const { birthSort: _birthSort, reviewAnchor: _anchor, nameFold: _fold, searchText: _search, sortKey: _sort, ...subject } = row;
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
  const [reviews, statusChanges, months] = await Promise.all([
    ctx.db.selectFrom('subjectReviews').selectAll().where('subjectId', '=', input.id).where('deletedAt', 'is', null).orderBy('reviewedOn', 'desc').execute(),
    ctx.db.selectFrom('subjectStatusChanges').selectAll().where('subjectId', '=', input.id).orderBy('changedOn', 'desc').orderBy('createdAt', 'desc').execute(),
    reviewIntervalMonths(ctx),
  ]);
  await writeAudit(ctx.db, ctx, { entity: 'subject', entityId: input.id, action: 'view' });
  const nextReviewDue = subject.status === 'dang_giup_do' && !subject.deletedAt ? addMonths(subject.lastReviewOn ?? subject.startDate, months) : null;
  return { subject, reviews: reviews.map(toReview), statusChanges: statusChanges as SubjectStatusChange[], nextReviewDue };
}

// ---------------------------------------------------------------- writes

type Stored = Omit<SubjectValues, 'birth' | 'confirmedDistinct'> & { birthDate: string | null; birthYear: number | null };

function toStored(values: SubjectValues): Stored {
  const { birth, confirmedDistinct: _confirmed, ...rest } = values;
  return { ...rest, birthDate: birth.birthDate, birthYear: birth.birthYear, startDate: values.startDate as string };
}

function derivedColumns(stored: Stored) {
  return {
    birthSort: stored.birthDate ?? (stored.birthYear ? String(stored.birthYear) : null),
    nameFold: foldForSearch(stored.fullName),
    searchText: foldForSearch([stored.fullName, stored.alias, stored.idNumber, stored.phone, stored.permanentAddress, stored.currentAddress].filter(Boolean).join(' ')),
    sortKey: personNameKey(stored.fullName),
  };
}

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

async function recordStatusChange(trx: Trx, ctx: Context, subjectId: string, from: SubjectStatus | null, to: SubjectStatus, changedOn: string, reason: string | null) {
  await trx
    .insertInto('subjectStatusChanges')
    .values({ id: crypto.randomUUID(), subjectId, fromStatus: from, toStatus: to, changedOn, reason, createdAt: nowIso(), createdBy: ctx.user.id })
    .execute();
}

export async function createSubject(ctx: Context, values: ParsedInput<'subjects.create'>): Promise<Subject> {
  const stored = toStored(values);
  return ctx.db.transaction().execute(async (trx) => {
    await checkReferences(trx, stored);
    await checkIdNumber(trx, stored, values.confirmedDistinct);
    const stamps = newRowStamps(ctx);
    await trx
      .insertInto('subjects')
      .values({ ...stamps, ...stored, ...derivedColumns(stored), status: 'dang_giup_do', lastReviewOn: null, reviewAnchor: stored.startDate, mergedInto: null })
      .execute();
    await recordStatusChange(trx, ctx, stamps.id, null, 'dang_giup_do', stored.startDate, 'Bắt đầu giúp đỡ');
    await writeAudit(trx, ctx, { entity: 'subject', entityId: stamps.id, action: 'create', after: stored });
    return findSubject(trx, stamps.id);
  });
}

export async function updateSubject(ctx: Context, input: ParsedInput<'subjects.update'>): Promise<Subject> {
  const stored = toStored(input.values);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findSubject(trx, input.id);
    await checkReferences(trx, stored);
    await checkIdNumber(trx, stored, input.values.confirmedDistinct, input.id);
    await trx
      .updateTable('subjects')
      .set({ ...stored, ...derivedColumns(stored), reviewAnchor: before.lastReviewOn ?? stored.startDate, ...updateStamps(ctx) })
      .where('id', '=', input.id)
      .execute();
    await writeAudit(trx, ctx, { entity: 'subject', entityId: input.id, action: 'update', before, after: stored });
    return findSubject(trx, input.id);
  });
}

export async function changeSubjectStatus(ctx: Context, input: ParsedInput<'subjects.changeStatus'>): Promise<Subject> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findSubject(trx, input.id);
    if (before.status === input.status) throw fieldError('status', 'Hồ sơ đang ở tình trạng này rồi. Vui lòng chọn tình trạng khác.');
    const changedOn = input.changedOn ?? localToday();
    await trx.updateTable('subjects').set({ status: input.status, ...updateStamps(ctx) }).where('id', '=', input.id).execute();
    await recordStatusChange(trx, ctx, input.id, before.status, input.status, changedOn, input.reason);
    await writeAudit(trx, ctx, { entity: 'subject', entityId: input.id, action: 'status', before: { status: before.status }, after: { status: input.status, changedOn, reason: input.reason } });
    return findSubject(trx, input.id);
  });
}

async function setTrashed(ctx: Context, id: string, trashed: boolean): Promise<Subject> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findSubject(trx, id, { includeTrashed: true });
    if (before.mergedInto) throw new ApiError('conflict', 'Hồ sơ này đã được gộp vào một hồ sơ khác, không thể khôi phục riêng.');
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
async function refreshReviewAnchor(trx: Trx, subjectId: string) {
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

export async function createReview(ctx: Context, values: ParsedInput<'reviews.create'>): Promise<Review> {
  return ctx.db.transaction().execute(async (trx) => {
    const subject = await findSubject(trx, values.subjectId);
    if (values.reviewedOn && values.reviewedOn < subject.startDate) throw fieldError('reviewedOn', 'Ngày đánh giá không được trước ngày bắt đầu giúp đỡ.');
    if (values.reviewedOn && values.reviewedOn > localToday()) throw fieldError('reviewedOn', 'Ngày đánh giá không được sau hôm nay.');
    const row = { ...newRowStamps(ctx), ...values, reviewedOn: values.reviewedOn as string };
    await trx.insertInto('subjectReviews').values(row).execute();
    await refreshReviewAnchor(trx, values.subjectId);
    await writeAudit(trx, ctx, { entity: 'review', entityId: row.id, action: 'create', after: values });
    return toReview(row);
  });
}

export async function updateReview(ctx: Context, input: ParsedInput<'reviews.update'>): Promise<Review> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findReview(trx, input.id);
    if (before.subjectId !== input.values.subjectId) throw new ApiError('validation', 'Không thể chuyển lần đánh giá sang hồ sơ khác.');
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

// ---------------------------------------------------------------- duplicates and merging

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
  const ids = [...new Set([...pairs.values()].flatMap((pair) => [pair.a, pair.b]))];
  if (ids.length === 0) return [];
  const rows = new Map(((await selectRows(ctx.db).where('s.id', 'in', ids).execute()) as SubjectRow[]).map((row) => [row.id, row]));
  return [...pairs.values()]
    .filter((pair) => rows.has(pair.a) && rows.has(pair.b))
    .map((pair) => ({ a: rows.get(pair.a)!, b: rows.get(pair.b)!, reason: pair.reason }));
}

const FILLABLE_FIELDS = [
  'alias', 'birthDate', 'birthYear', 'birthSort', 'idNumber', 'phone', 'permanentAddress', 'currentAddress', 'neighbourhoodId', 'reintegrationGroup',
  'history', 'plannedEndDate', 'decisionNumber', 'decisionDate', 'decisionIssuer', 'helperName', 'helperOrgId', 'helperPhone',
] as const;

/**
 * Merges `mergeId` into `keepId`: reviews and status history move to the kept record, its empty fields
 * are filled from the other, and the merged record goes to the trash marked `merged_into` (never purged).
 */
export async function mergeSubjects(ctx: Context, input: ParsedInput<'subjects.merge'>): Promise<Subject> {
  return ctx.db.transaction().execute(async (trx) => {
    const keep = await trx.selectFrom('subjects').selectAll().where('id', '=', input.keepId).where('deletedAt', 'is', null).executeTakeFirst();
    const merge = await trx.selectFrom('subjects').selectAll().where('id', '=', input.mergeId).where('deletedAt', 'is', null).executeTakeFirst();
    if (!keep || !merge) throw notFound('hồ sơ cần gộp');
    const filled: Record<string, unknown> = {};
    for (const field of FILLABLE_FIELDS) if (keep[field] === null && merge[field] !== null) filled[field] = merge[field];
    if (keep.history && merge.history && keep.history !== merge.history) filled.history = `${keep.history}\n---\n${merge.history}`;
    const movedReviews = await trx.updateTable('subjectReviews').set({ subjectId: keep.id }).where('subjectId', '=', merge.id).executeTakeFirst();
    await trx.updateTable('subjectStatusChanges').set({ subjectId: keep.id }).where('subjectId', '=', merge.id).execute();
    const searchSource = { ...keep, ...filled } as typeof keep;
    await trx
      .updateTable('subjects')
      .set({ ...filled, searchText: derivedColumns({ ...searchSource, startDate: keep.startDate } as unknown as Stored).searchText, ...updateStamps(ctx) })
      .where('id', '=', keep.id)
      .execute();
    await trx.updateTable('subjects').set({ deletedAt: nowIso(), mergedInto: keep.id, ...updateStamps(ctx) }).where('id', '=', merge.id).execute();
    await refreshReviewAnchor(trx, keep.id);
    const summary = { keepId: keep.id, mergeId: merge.id, filledFields: Object.keys(filled), movedReviews: Number(movedReviews.numUpdatedRows) };
    await writeAudit(trx, ctx, { entity: 'subject', entityId: keep.id, action: 'merge', before: keep, after: summary });
    await writeAudit(trx, ctx, { entity: 'subject', entityId: merge.id, action: 'merge', before: merge, after: summary });
    return findSubject(trx, keep.id);
  });
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

/** The anchors (last review or start date) before which a review is overdue, or due within the week. */
function dueThresholds(today: string, months: number) {
  return { overdueBefore: addMonths(today, -months), dueWeekBefore: addMonths(addDays(today, 7), -months), endingBy: addDays(today, 30) };
}

const underHelp = (db: Kysely<Database>) => db.selectFrom('subjects as s').where('s.deletedAt', 'is', null).where('s.status', '=', 'dang_giup_do');

export async function dueCounts(ctx: Context): Promise<DueCounts> {
  const today = localToday();
  const { overdueBefore, dueWeekBefore, endingBy } = dueThresholds(today, await reviewIntervalMonths(ctx));
  const count = async (query: ReturnType<typeof underHelp>) => Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    overdue: await count(underHelp(ctx.db).where('s.reviewAnchor', '<', overdueBefore)),
    dueThisWeek: await count(underHelp(ctx.db).where('s.reviewAnchor', '>=', overdueBefore).where('s.reviewAnchor', '<', dueWeekBefore)),
    endingSoon: await count(underHelp(ctx.db).where('s.plannedEndDate', '>=', today).where('s.plannedEndDate', '<=', endingBy)),
  };
}

export async function dueList(ctx: Context): Promise<DueList> {
  const today = localToday();
  const months = await reviewIntervalMonths(ctx);
  const { overdueBefore, dueWeekBefore, endingBy } = dueThresholds(today, months);
  const due = (from: string | null, before: string) => {
    let query = withNames(ctx.db).select([...ROW_COLUMNS, 's.reviewAnchor']).where('s.deletedAt', 'is', null).where('s.status', '=', 'dang_giup_do').where('s.reviewAnchor', '<', before);
    if (from) query = query.where('s.reviewAnchor', '>=', from);
    return query.orderBy('s.reviewAnchor').limit(DUE_LIST_LIMIT).execute();
  };
  const withDueDate = (rows: Awaited<ReturnType<typeof due>>) =>
    rows.map(({ reviewAnchor, ...row }) => ({ ...(row as SubjectRow), dueOn: addMonths(reviewAnchor, months) }));
  const [overdue, dueThisWeek, endingSoon, counts] = await Promise.all([
    due(null, overdueBefore),
    due(overdueBefore, dueWeekBefore),
    selectRows(ctx.db)
      .where('s.deletedAt', 'is', null)
      .where('s.status', '=', 'dang_giup_do')
      .where('s.plannedEndDate', '>=', today)
      .where('s.plannedEndDate', '<=', endingBy)
      .orderBy('s.plannedEndDate')
      .limit(DUE_LIST_LIMIT)
      .execute(),
    dueCounts(ctx),
  ]);
  return { overdue: withDueDate(overdue), dueThisWeek: withDueDate(dueThisWeek), endingSoon: endingSoon as SubjectRow[], intervalMonths: months, counts, today };
}
