/**
 * The activities register (issue 17): propaganda sessions and campaigns, one event or a month's total
 * each; listed with the filter's totals (sessions and people), entered, edited, trashed and restored,
 * every write audited. A month's total counts in a date range when its month overlaps the range.
 */
import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { ParsedInput } from '../../shared/api';
import type { ActivityFilter, ActivityList, ActivityRow } from '../../shared/activities';
import { ApiError } from '../../shared/errors';
import { searchTerms } from '../../shared/text';
import type { ActivitiesTable } from '../db/schema';
import { likePattern, newRowStamps, notFound, nowIso, updateStamps, writeAudit, type Context, type Trx } from './context';
import { checkVersion } from './versions';

type Stored = Omit<Selectable<ActivitiesTable>, 'id' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy' | 'deletedAt' | 'version'>;

/**
 * An activity (as `a`) whose period ("yyyy-mm-dd" a session, "yyyy-mm" a month's total) lies in a date range, a
 * month when it touches the range; the register's filter and the report's counts alike. The month of `from` to
 * `to` bounds the index range (a month sorts before its days); the exact test compares on the period's own
 * length: "2018-10" >= "2018-10" (the month of `from`), "2018-10-25" >= "2018-10-05".
 */
export function periodInRange(from: string | null | undefined, to: string | null | undefined): RawBuilder<boolean>[] {
  const conditions: RawBuilder<boolean>[] = [];
  if (from) conditions.push(sql<boolean>`a.period >= ${from.slice(0, 7)}`, sql<boolean>`a.period >= substr(${from}, 1, length(a.period))`);
  if (to) conditions.push(sql<boolean>`a.period <= ${to}`, sql<boolean>`a.period <= substr(${to}, 1, length(a.period))`);
  return conditions;
}

function filtered(ctx: Context, filter: ActivityFilter) {
  let query = ctx.db
    .selectFrom('activities as a')
    .innerJoin('wards as w', 'w.id', 'a.wardId')
    .leftJoin('neighbourhoods as n', 'n.id', 'a.neighbourhoodId')
    .leftJoin('programmes as p', 'p.id', 'a.programmeId')
    .leftJoin('models as m', 'm.id', 'a.modelId')
    .where('a.deletedAt', filter.trashed ? 'is not' : 'is', null);
  if (filter.kind) query = query.where('a.kind', '=', filter.kind);
  if (filter.wardId) query = query.where('a.wardId', '=', filter.wardId);
  for (const condition of periodInRange(filter.from, filter.to)) query = query.where(condition);
  for (const term of searchTerms(filter.search ?? '')) {
    // Topic, organiser, programme, model, ward and khu phố, folded like every register's search.
    const haystack = sql<string>`fold_for_search(coalesce(a.topic, '') || ' ' || coalesce(a.organiser, '') || ' ' || coalesce(p.name, '') || ' ' || coalesce(m.name, '') || ' ' || w.name || ' ' || coalesce(n.name, ''))`;
    query = query.where(sql<boolean>`${haystack} like ${likePattern(term)} escape '\\'`);
  }
  return query;
}

const ROW_COLUMNS = [
  'a.id',
  'a.kind',
  'a.period',
  'a.events',
  'a.wardId',
  'a.neighbourhoodId',
  'a.topic',
  'a.programmeId',
  'a.organiser',
  'a.modelId',
  'a.participants',
  'a.note',
  'a.createdAt',
  'a.updatedAt',
  'a.createdBy',
  'a.updatedBy',
  'a.version',
  'a.deletedAt',
  'w.name as wardName',
  'n.name as neighbourhoodName',
  'p.name as programmeName',
  'm.name as modelName',
] as const;

export async function listActivities(ctx: Context, query: ParsedInput<'activities.list'>): Promise<ActivityList> {
  const [totals, rows] = await Promise.all([
    filtered(ctx, query)
      .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.coalesce(eb.fn.sum<number>('a.events'), sql<number>`0`).as('events'), eb.fn.coalesce(eb.fn.sum<number>('a.participants'), sql<number>`0`).as('participants')])
      .executeTakeFirstOrThrow(),
    filtered(ctx, query).select(ROW_COLUMNS).orderBy('a.period', 'desc').orderBy('a.createdAt', 'desc').offset(query.offset).limit(query.limit).execute(),
  ]);
  return { total: Number(totals.total), rows: rows as ActivityRow[], totals: { events: Number(totals.events), participants: Number(totals.participants) } };
}

async function findActivity(db: Trx | Context['db'], id: string): Promise<ActivityRow> {
  const row = await db
    .selectFrom('activities as a')
    .innerJoin('wards as w', 'w.id', 'a.wardId')
    .leftJoin('neighbourhoods as n', 'n.id', 'a.neighbourhoodId')
    .leftJoin('programmes as p', 'p.id', 'a.programmeId')
    .leftJoin('models as m', 'm.id', 'a.modelId')
    .select(ROW_COLUMNS)
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('hoạt động');
  return row as ActivityRow;
}

export const getActivity = (ctx: Context, input: ParsedInput<'activities.get'>) => findActivity(ctx.db, input.id);

const missing = (field: string, message: string) => new ApiError('validation', message, [{ field, message }]);

/** Where an entry of the movement's registers happened exists: its ward, its khu phố in that ward, the model it names. */
export async function checkPlace(trx: Trx, values: { wardId: string; neighbourhoodId: string | null; modelId: string | null }): Promise<void> {
  if (!(await trx.selectFrom('wards').select('id').where('id', '=', values.wardId).where('deletedAt', 'is', null).executeTakeFirst())) throw missing('wardId', 'Phường này không có trong danh mục.');
  if (values.neighbourhoodId) {
    const neighbourhood = await trx.selectFrom('neighbourhoods').select('wardId').where('id', '=', values.neighbourhoodId).where('deletedAt', 'is', null).executeTakeFirst();
    if (neighbourhood?.wardId !== values.wardId) throw missing('neighbourhoodId', 'Khu phố này không thuộc phường đã chọn.');
  }
  if (values.modelId && !(await trx.selectFrom('models').select('id').where('id', '=', values.modelId).where('deletedAt', 'is', null).executeTakeFirst())) {
    throw missing('modelId', 'Mô hình này không có trong sổ (có thể đã bị xóa).');
  }
}

async function checkReferences(trx: Trx, values: Stored): Promise<void> {
  await checkPlace(trx, values);
  if (values.programmeId && !(await trx.selectFrom('programmes').select('id').where('id', '=', values.programmeId).where('deletedAt', 'is', null).executeTakeFirst())) {
    throw missing('programmeId', 'Chương trình này không có trong danh mục.');
  }
}

/** Moves an entry of the movement's registers to the Trash or back, audited. */
export async function setEntryTrashed<Row extends { deletedAt: string | null }>(
  ctx: Context,
  entry: { table: 'activities' | 'tips'; entity: 'activity' | 'tip'; id: string; what: string },
  trashed: boolean,
  find: (trx: Trx, id: string) => Promise<Row>,
): Promise<Row> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await find(trx, entry.id);
    if (Boolean(before.deletedAt) === trashed) throw new ApiError('conflict', `${entry.what} ${trashed ? 'đã ở' : 'không ở'} trong Thùng rác.`);
    await trx.updateTable(entry.table).set({ deletedAt: trashed ? nowIso() : null, ...updateStamps(ctx) }).where('id', '=', entry.id).execute();
    await writeAudit(trx, ctx, { entity: entry.entity, entityId: entry.id, action: trashed ? 'trash' : 'restore' });
    return find(trx, entry.id);
  });
}

/** Only what the kind uses is kept: a session has no programme. */
function toStored(values: ParsedInput<'activities.create'>): Stored {
  return { ...values, programmeId: values.kind === 'van_dong' ? values.programmeId : null };
}

export async function createActivity(ctx: Context, input: ParsedInput<'activities.create'>): Promise<ActivityRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const stored = toStored(input);
    await checkReferences(trx, stored);
    const row = { ...newRowStamps(ctx), ...stored };
    await trx.insertInto('activities').values(row).execute();
    await writeAudit(trx, ctx, { entity: 'activity', entityId: row.id, action: 'create', after: stored });
    return findActivity(trx, row.id);
  });
}

export async function updateActivity(ctx: Context, input: ParsedInput<'activities.update'>): Promise<ActivityRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('activities').selectAll().where('id', '=', input.id).where('deletedAt', 'is', null).executeTakeFirst();
    if (!before) throw notFound('hoạt động');
    const stored = toStored(input.values);
    await checkVersion(trx, ctx, 'activity', before, input.version, stored);
    await checkReferences(trx, stored);
    await trx.updateTable('activities').set({ ...stored, ...updateStamps(ctx) }).where('id', '=', input.id).execute();
    const { id: _id, createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, deletedAt: _d, version: _v, ...previous } = before;
    await writeAudit(trx, ctx, { entity: 'activity', entityId: input.id, action: 'update', before: previous, after: stored });
    return findActivity(trx, input.id);
  });
}

const setTrashed = (ctx: Context, id: string, trashed: boolean) => setEntryTrashed(ctx, { table: 'activities', entity: 'activity', id, what: 'Hoạt động này' }, trashed, findActivity);

export const trashActivity = (ctx: Context, input: ParsedInput<'activities.trash'>) => setTrashed(ctx, input.id, true);
export const restoreActivity = (ctx: Context, input: ParsedInput<'activities.restore'>) => setTrashed(ctx, input.id, false);

