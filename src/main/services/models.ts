/** The register of self-governance models, with their members, yearly evaluations and status history. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ParsedInput } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import { leaderFirst, type Evaluation, type Member, type ModelCounts, type ModelStatus, type ModelDetail, type ModelRow, type ModelValues, type StatusChange } from '../../shared/models';
import type { Page } from '../../shared/common';
import { collationKey, foldForSearch, personNameKey, searchTerms } from '../../shared/text';
import type { Database, ModelEvaluationsTable, ModelMembersTable } from '../db/schema';
import { inTransaction, likePattern, newRowStamps, notFound, nowIso, updateStamps, writeAudit, type Context, type Trx } from './context';
import { checkVersion } from './versions';

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('models as m')
    .innerJoin('modelTypes as t', 't.id', 'm.typeId')
    .innerJoin('wards as w', 'w.id', 'm.wardId')
    .leftJoin('neighbourhoods as n', 'n.id', 'm.neighbourhoodId');
}

/**
 * The filter touches only the models table, so counts run on it alone (no joins) and can use the
 * (deleted_at, …) indexes; the list query adds the joins for the names it shows.
 */
function filterCondition(filter: ParsedInput<'models.counts'>) {
  const conditions = [filter.trashed ? sql`m.deleted_at is not null` : sql`m.deleted_at is null`];
  for (const term of searchTerms(filter.search)) conditions.push(sql`m.search_text like ${likePattern(term)} escape '\\'`);
  if (filter.typeId) conditions.push(sql`m.type_id = ${filter.typeId}`);
  if (filter.wardId) conditions.push(sql`m.ward_id = ${filter.wardId}`);
  if (filter.status) conditions.push(sql`m.status = ${filter.status}`);
  return sql<boolean>`(${sql.join(conditions, sql` and `)})`;
}

const filteredModels = (db: Kysely<Database>, filter: ParsedInput<'models.counts'>) => db.selectFrom('models as m').where(filterCondition(filter));

const SORT_COLUMNS = {
  name: 'm.sortKey',
  typeName: 't.sortKey',
  wardName: 'w.sortKey',
  foundedOn: 'm.foundedOn',
  status: 'm.status',
  memberCount: 'm.memberCount',
  updatedAt: 'm.updatedAt',
} as const;

function selectRow(db: Kysely<Database>) {
  return baseQuery(db).select([
    'm.id',
    'm.name',
    'm.typeId',
    'm.wardId',
    'm.neighbourhoodId',
    'm.address',
    'm.foundedOn',
    'm.foundingDecision',
    'm.leaderName',
    'm.leaderPhone',
    'm.status',
    'm.note',
    'm.memberCount',
    'm.declaredMemberCount',
    'm.createdAt',
    'm.updatedAt',
    'm.createdBy',
    'm.updatedBy',
    'm.version',
    'm.deletedAt',
    't.name as typeName',
    'w.name as wardName',
    'n.name as neighbourhoodName',
    (eb) =>
      eb
        .selectFrom('modelEvaluations as e')
        .select('e.rating')
        .whereRef('e.modelId', '=', 'm.id')
        .where('e.deletedAt', 'is', null)
        .orderBy('e.year', 'desc')
        .limit(1)
        .as('latestRating'),
    (eb) =>
      eb
        .selectFrom('modelEvaluations as e')
        .select('e.year')
        .whereRef('e.modelId', '=', 'm.id')
        .where('e.deletedAt', 'is', null)
        .orderBy('e.year', 'desc')
        .limit(1)
        .as('latestRatingYear'),
  ]);
}

export async function listModels(ctx: Context, query: ParsedInput<'models.list'>): Promise<Page<ModelRow>> {
  const sort = query.sort ?? { field: 'name', direction: 'asc' };
  const rows = await selectRow(ctx.db)
    .where(filterCondition(query))
    .orderBy(SORT_COLUMNS[sort.field], sort.direction)
    .orderBy('m.sortKey', 'asc')
    .orderBy('m.id', 'asc')
    .offset(query.offset)
    .limit(query.limit)
    .execute();
  const { total } = await filteredModels(ctx.db, query)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows: rows as unknown as ModelRow[], total: Number(total) };
}

export async function countModels(ctx: Context, filter: ParsedInput<'models.counts'>): Promise<ModelCounts> {
  const countBy = (column: 'm.typeId' | 'm.wardId' | 'm.status') =>
    filteredModels(ctx.db, filter)
      .select((eb) => [eb.ref(column).as('key'), eb.fn.countAll<number>().as('count')])
      .groupBy(column)
      .execute();
  const [totals, byType, byWard, byStatus, types, wards] = await Promise.all([
    filteredModels(ctx.db, filter)
      .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.coalesce(eb.fn.sum<number>('m.memberCount'), sql<number>`0`).as('members')])
      .executeTakeFirstOrThrow(),
    countBy('m.typeId'),
    countBy('m.wardId'),
    countBy('m.status'),
    ctx.db.selectFrom('modelTypes').select(['id', 'name']).orderBy('sortKey').execute(),
    ctx.db.selectFrom('wards').select(['id', 'name']).orderBy('sortKey').execute(),
  ]);
  const named = (catalogue: { id: string; name: string }[], counted: { key: string; count: number }[]) => {
    const counts = new Map(counted.map((row) => [row.key, Number(row.count)]));
    return catalogue.filter((item) => counts.has(item.id)).map((item) => ({ id: item.id, name: item.name, count: counts.get(item.id) ?? 0 }));
  };
  return {
    total: Number(totals.total),
    members: Number(totals.members),
    byType: named(types, byType),
    byWard: named(wards, byWard),
    byStatus: byStatus.map((row) => ({ status: row.key as ModelStatus, count: Number(row.count) })),
  };
}

async function findModel(db: Kysely<Database>, id: string, options: { includeTrashed?: boolean } = {}): Promise<ModelRow> {
  let query = selectRow(db).where('m.id', '=', id);
  if (!options.includeTrashed) query = query.where('m.deletedAt', 'is', null);
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('mô hình');
  return row as unknown as ModelRow;
}

const toMember = (row: Selectable<ModelMembersTable>): Member => ({
  id: row.id,
  modelId: row.modelId,
  fullName: row.fullName,
  role: row.role,
  phone: row.phone,
  address: row.address,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  createdBy: row.createdBy,
  updatedBy: row.updatedBy,
  version: row.version,
});

const toEvaluation = (row: Selectable<ModelEvaluationsTable>): Evaluation => ({
  id: row.id,
  modelId: row.modelId,
  year: row.year,
  rating: row.rating,
  tipsPassed: row.tipsPassed,
  offendersCaught: row.offendersCaught,
  incidentsPrevented: row.incidentsPrevented,
  notes: row.notes,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  createdBy: row.createdBy,
  updatedBy: row.updatedBy,
  version: row.version,
});

export async function getModel(ctx: Context, input: ParsedInput<'models.get'>): Promise<ModelDetail> {
  const model = await findModel(ctx.db, input.id, { includeTrashed: true });
  const [members, evaluations, statusChanges] = await Promise.all([
    ctx.db.selectFrom('modelMembers').selectAll().where('modelId', '=', input.id).where('deletedAt', 'is', null).orderBy('sortKey').execute(),
    ctx.db.selectFrom('modelEvaluations').selectAll().where('modelId', '=', input.id).where('deletedAt', 'is', null).orderBy('year', 'desc').execute(),
    ctx.db.selectFrom('modelStatusChanges').selectAll().where('modelId', '=', input.id).orderBy('changedOn', 'desc').orderBy('createdAt', 'desc').execute(),
  ]);
  return { model, members: leaderFirst(members.map(toMember), model.leaderName), evaluations: evaluations.map(toEvaluation), statusChanges: statusChanges as StatusChange[] };
}

/** Checks the catalogue references and returns the names that go into the search text. */
async function resolveReferences(trx: Trx, values: ModelValues) {
  const type = await trx.selectFrom('modelTypes').select('name').where('id', '=', values.typeId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!type) throw new ApiError('validation', 'Loại mô hình đã chọn không có trong danh mục.', [{ field: 'typeId', message: 'Vui lòng chọn loại mô hình.' }]);
  const ward = await trx.selectFrom('wards').select('name').where('id', '=', values.wardId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!ward) throw new ApiError('validation', 'Phường đã chọn không có trong danh mục.', [{ field: 'wardId', message: 'Vui lòng chọn phường.' }]);
  let neighbourhoodName: string | null = null;
  if (values.neighbourhoodId) {
    const neighbourhood = await trx
      .selectFrom('neighbourhoods')
      .select(['name', 'wardId'])
      .where('id', '=', values.neighbourhoodId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (!neighbourhood || neighbourhood.wardId !== values.wardId) {
      throw new ApiError('validation', 'Khu phố đã chọn không thuộc phường này.', [{ field: 'neighbourhoodId', message: 'Khu phố không thuộc phường đã chọn.' }]);
    }
    neighbourhoodName = neighbourhood.name;
  }
  return { typeName: type.name, wardName: ward.name, neighbourhoodName };
}

export type ModelSearchSource = Pick<ModelValues, 'name' | 'address' | 'leaderName' | 'leaderPhone' | 'foundingDecision'> & {
  typeName: string;
  wardName: string;
  neighbourhoodName: string | null;
};

/** The columns a model's values derive (its search text and sort key): the one source for the services, the import and the demo. */
export const modelDerivedColumns = (source: ModelSearchSource) => ({ searchText: modelSearchText(source), sortKey: collationKey(source.name) });

const modelSearchText = (source: ModelSearchSource) =>
  foldForSearch(
    [source.name, source.typeName, source.wardName, source.neighbourhoodName, source.address, source.leaderName, source.leaderPhone, source.foundingDecision]
      .filter(Boolean)
      .join(' '),
  );

/** Recomputes the search text of the models that show a renamed catalogue entry. */
export async function refreshModelSearchText(trx: Trx, table: 'wards' | 'neighbourhoods' | 'modelTypes', id: string): Promise<void> {
  const column = { wards: 'm.wardId', neighbourhoods: 'm.neighbourhoodId', modelTypes: 'm.typeId' } as const;
  const rows = await selectRow(trx).where(column[table], '=', id).execute();
  for (const row of rows) {
    await trx.updateTable('models').set({ searchText: modelSearchText(row as ModelSearchSource) }).where('id', '=', row.id).execute();
  }
}

export async function createModelIn(trx: Trx, ctx: Context, values: ParsedInput<'models.create'>): Promise<ModelRow> {
  const names = await resolveReferences(trx, values);
  const stamps = newRowStamps(ctx);
  await trx
    .insertInto('models')
    .values({ ...stamps, ...values, ...modelDerivedColumns({ ...values, ...names }) })
    .execute();
  await trx
    .insertInto('modelStatusChanges')
    .values({ id: crypto.randomUUID(), modelId: stamps.id, fromStatus: null, toStatus: values.status, changedOn: values.foundedOn ?? stamps.createdAt.slice(0, 10), reason: 'Thêm mới', createdAt: stamps.createdAt, createdBy: ctx.user.id })
    .execute();
  const created = await findModel(trx, stamps.id);
  await writeAudit(trx, ctx, { entity: 'model', entityId: stamps.id, action: 'create', after: values });
  return created;
}

export const createModel = inTransaction(createModelIn);

export async function updateModelIn(trx: Trx, ctx: Context, input: ParsedInput<'models.update'>): Promise<ModelRow> {
  const before = await findModel(trx, input.id);
  const values = input.values;
  await checkVersion(trx, ctx, 'model', before, input.version, values);
  const names = await resolveReferences(trx, values);
  await trx
    .updateTable('models')
    .set({ ...values, ...updateStamps(ctx), ...modelDerivedColumns({ ...values, ...names }) })
    .where('id', '=', input.id)
    .execute();
  if (before.status !== values.status) await recordStatusChange(trx, ctx, input.id, before.status, values.status, nowIso().slice(0, 10), null);
  const after = await findModel(trx, input.id);
  await writeAudit(trx, ctx, { entity: 'model', entityId: input.id, action: 'update', before, after: values });
  return after;
}

export const updateModel = inTransaction(updateModelIn);

async function recordStatusChange(trx: Trx, ctx: Context, modelId: string, from: ModelRow['status'] | null, to: ModelRow['status'], changedOn: string, reason: string | null) {
  await trx
    .insertInto('modelStatusChanges')
    .values({ id: crypto.randomUUID(), modelId, fromStatus: from, toStatus: to, changedOn, reason, createdAt: nowIso(), createdBy: ctx.user.id })
    .execute();
}

export async function changeModelStatus(ctx: Context, input: ParsedInput<'models.changeStatus'>): Promise<ModelRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findModel(trx, input.id);
    if (before.status === input.status) {
      throw new ApiError('validation', 'Mô hình đang ở tình trạng này rồi.', [{ field: 'status', message: 'Vui lòng chọn tình trạng khác.' }]);
    }
    await trx.updateTable('models').set({ status: input.status, ...updateStamps(ctx) }).where('id', '=', input.id).execute();
    await recordStatusChange(trx, ctx, input.id, before.status, input.status, input.changedOn ?? nowIso().slice(0, 10), input.reason);
    await writeAudit(trx, ctx, { entity: 'model', entityId: input.id, action: 'status', before: { status: before.status }, after: { status: input.status, changedOn: input.changedOn, reason: input.reason } });
    return findModel(trx, input.id);
  });
}

async function setTrashed(ctx: Context, id: string, trashed: boolean): Promise<ModelRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findModel(trx, id, { includeTrashed: true });
    if (Boolean(before.deletedAt) === trashed) {
      throw new ApiError('conflict', trashed ? 'Mô hình này đã ở trong Thùng rác.' : 'Mô hình này không ở trong Thùng rác.');
    }
    await trx
      .updateTable('models')
      .set({ deletedAt: trashed ? nowIso() : null, ...updateStamps(ctx) })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, ctx, { entity: 'model', entityId: id, action: trashed ? 'trash' : 'restore' });
    return findModel(trx, id, { includeTrashed: true });
  });
}

export const trashModel = (ctx: Context, input: ParsedInput<'models.trash'>) => setTrashed(ctx, input.id, true);
export const restoreModel = (ctx: Context, input: ParsedInput<'models.restore'>) => setTrashed(ctx, input.id, false);

async function assertLiveModel(trx: Trx, modelId: string) {
  const model = await trx.selectFrom('models').select('id').where('id', '=', modelId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!model) throw notFound('mô hình');
}

async function updateMemberCount(trx: Trx, modelId: string) {
  await trx
    .updateTable('models')
    .set((eb) => ({
      memberCount: eb
        .selectFrom('modelMembers')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .where('modelId', '=', modelId)
        .where('deletedAt', 'is', null),
    }))
    .where('id', '=', modelId)
    .execute();
}

export async function createMemberIn(trx: Trx, ctx: Context, values: ParsedInput<'members.create'>): Promise<Member> {
  await assertLiveModel(trx, values.modelId);
  const row = { ...newRowStamps(ctx), ...values, sortKey: personNameKey(values.fullName) };
  await trx.insertInto('modelMembers').values(row).execute();
  await updateMemberCount(trx, values.modelId);
  await writeAudit(trx, ctx, { entity: 'member', entityId: row.id, action: 'create', after: values });
  return toMember(row);
}

export const createMember = inTransaction(createMemberIn);

async function findMember(trx: Trx, id: string) {
  const row = await trx.selectFrom('modelMembers').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  if (!row) throw notFound('thành viên');
  return row;
}

export async function updateMember(ctx: Context, input: ParsedInput<'members.update'>): Promise<Member> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findMember(trx, input.id);
    if (before.modelId !== input.values.modelId) throw new ApiError('validation', 'Không thể chuyển thành viên sang mô hình khác.');
    await checkVersion(trx, ctx, 'member', before, input.version, input.values);
    const changes = { ...input.values, sortKey: personNameKey(input.values.fullName), ...updateStamps(ctx) };
    await trx.updateTable('modelMembers').set(changes).where('id', '=', input.id).execute();
    await writeAudit(trx, ctx, { entity: 'member', entityId: input.id, action: 'update', before: toMember(before), after: input.values });
    return toMember(await findMember(trx, input.id));
  });
}

/**
 * Removes a live member (soft delete) and keeps the model's member count; `after` goes on the audit entry
 * (undoing an import marks the members it removes there).
 */
export async function removeMemberIn(trx: Trx, ctx: Context, input: ParsedInput<'members.remove'>, after?: Record<string, unknown>): Promise<{ ok: true }> {
  const before = await findMember(trx, input.id);
  await trx.updateTable('modelMembers').set({ deletedAt: nowIso(), ...updateStamps(ctx) }).where('id', '=', input.id).execute();
  await updateMemberCount(trx, before.modelId);
  await writeAudit(trx, ctx, { entity: 'member', entityId: input.id, action: 'trash', before: toMember(before), after });
  return { ok: true };
}

export const removeMember = inTransaction((trx, ctx, input: ParsedInput<'members.remove'>) => removeMemberIn(trx, ctx, input));

async function assertYearFree(trx: Trx, modelId: string, year: number, exceptId?: string) {
  const clash = await trx
    .selectFrom('modelEvaluations')
    .select('id')
    .where('modelId', '=', modelId)
    .where('year', '=', year)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (clash && clash.id !== exceptId) {
    throw new ApiError('conflict', `Mô hình đã có đánh giá năm ${year}. Hãy sửa đánh giá đó.`, [{ field: 'year', message: `Đã có đánh giá năm ${year}.` }]);
  }
}

export async function createEvaluation(ctx: Context, values: ParsedInput<'evaluations.create'>): Promise<Evaluation> {
  return ctx.db.transaction().execute(async (trx) => {
    await assertLiveModel(trx, values.modelId);
    await assertYearFree(trx, values.modelId, values.year);
    const row = { ...newRowStamps(ctx), ...values };
    await trx.insertInto('modelEvaluations').values(row).execute();
    await writeAudit(trx, ctx, { entity: 'evaluation', entityId: row.id, action: 'create', after: values });
    return toEvaluation(row);
  });
}

async function findEvaluation(trx: Trx, id: string) {
  const row = await trx.selectFrom('modelEvaluations').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  if (!row) throw notFound('đánh giá năm');
  return row;
}

export async function updateEvaluation(ctx: Context, input: ParsedInput<'evaluations.update'>): Promise<Evaluation> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findEvaluation(trx, input.id);
    if (before.modelId !== input.values.modelId) throw new ApiError('validation', 'Không thể chuyển đánh giá sang mô hình khác.');
    await checkVersion(trx, ctx, 'evaluation', before, input.version, input.values);
    await assertYearFree(trx, before.modelId, input.values.year, input.id);
    const changes = { ...input.values, ...updateStamps(ctx) };
    await trx.updateTable('modelEvaluations').set(changes).where('id', '=', input.id).execute();
    await writeAudit(trx, ctx, { entity: 'evaluation', entityId: input.id, action: 'update', before: toEvaluation(before), after: input.values });
    return toEvaluation(await findEvaluation(trx, input.id));
  });
}

export async function removeEvaluation(ctx: Context, input: ParsedInput<'evaluations.remove'>): Promise<{ ok: true }> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findEvaluation(trx, input.id);
    await trx.updateTable('modelEvaluations').set({ deletedAt: nowIso(), ...updateStamps(ctx) }).where('id', '=', input.id).execute();
    await writeAudit(trx, ctx, { entity: 'evaluation', entityId: input.id, action: 'trash', before: toEvaluation(before) });
    return { ok: true };
  });
}
