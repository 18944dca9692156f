/**
 * Tips from the public (tin báo, issue 17): listed with the counts the period report needs (tips, of
 * value, leading to a case), entered, edited, trashed and restored, every write audited; a model's tips
 * are those that came through it.
 */
import { sql, type Selectable } from 'kysely';
import type { ParsedInput } from '../../shared/api';
import type { TipList, TipRow } from '../../shared/activities';
import { searchTerms } from '../../shared/text';
import type { TipsTable } from '../db/schema';
import { checkPlace, setEntryTrashed } from './activities';
import { likePattern, newRowStamps, notFound, updateStamps, writeAudit, type Context, type Trx } from './context';
import { checkVersion } from './versions';

type Filter = Omit<ParsedInput<'tips.list'>, 'offset' | 'limit'>;
type Stored = Omit<Selectable<TipsTable>, 'id' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy' | 'deletedAt' | 'version'>;

const joined = (db: Trx | Context['db']) =>
  db
    .selectFrom('tips as t')
    .innerJoin('wards as w', 'w.id', 't.wardId')
    .leftJoin('neighbourhoods as n', 'n.id', 't.neighbourhoodId')
    .leftJoin('models as m', 'm.id', 't.modelId');

function filtered(ctx: Context, filter: Filter) {
  let query = joined(ctx.db).where('t.deletedAt', filter.trashed ? 'is not' : 'is', null);
  if (filter.wardId) query = query.where('t.wardId', '=', filter.wardId);
  if (filter.modelId) query = query.where('t.modelId', '=', filter.modelId);
  if (filter.channel) query = query.where('t.channel', '=', filter.channel);
  if (filter.valuable !== undefined) query = query.where('t.valuable', '=', filter.valuable ? 1 : 0);
  if (filter.from) query = query.where('t.receivedOn', '>=', filter.from);
  if (filter.to) query = query.where('t.receivedOn', '<=', filter.to);
  for (const term of searchTerms(filter.search ?? '')) {
    const haystack = sql<string>`fold_for_search(t.summary || ' ' || coalesce(t.case_reference, '') || ' ' || coalesce(m.name, '') || ' ' || w.name || ' ' || coalesce(n.name, ''))`;
    query = query.where(sql<boolean>`${haystack} like ${likePattern(term)} escape '\\'`);
  }
  return query;
}

const COLUMNS = [
  't.id',
  't.receivedOn',
  't.wardId',
  't.neighbourhoodId',
  't.channel',
  't.modelId',
  't.summary',
  't.valuable',
  't.caseHandled',
  't.caseReference',
  't.note',
  't.createdAt',
  't.updatedAt',
  't.createdBy',
  't.updatedBy',
  't.version',
  't.deletedAt',
  'w.name as wardName',
  'n.name as neighbourhoodName',
  'm.name as modelName',
] as const;

const toRow = (row: Record<string, unknown>): TipRow => ({ ...row, valuable: row.valuable === 1, caseHandled: row.caseHandled === 1 }) as TipRow;

export async function listTips(ctx: Context, query: ParsedInput<'tips.list'>): Promise<TipList> {
  const [counts, rows] = await Promise.all([
    filtered(ctx, query)
      .select((eb) => [eb.fn.countAll<number>().as('tips'), eb.fn.coalesce(eb.fn.sum<number>('t.valuable'), sql<number>`0`).as('valuable'), eb.fn.coalesce(eb.fn.sum<number>('t.caseHandled'), sql<number>`0`).as('cases')])
      .executeTakeFirstOrThrow(),
    filtered(ctx, query).select(COLUMNS).orderBy('t.receivedOn', 'desc').orderBy('t.createdAt', 'desc').offset(query.offset).limit(query.limit).execute(),
  ]);
  return { total: Number(counts.tips), rows: rows.map(toRow), counts: { tips: Number(counts.tips), valuable: Number(counts.valuable), cases: Number(counts.cases) } };
}

async function findTip(db: Trx | Context['db'], id: string): Promise<TipRow> {
  const row = await joined(db).select(COLUMNS).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('tin báo');
  return toRow(row);
}

/** As stored: flags as 0/1, a model only for tips that came through one, a case reference only for a case. */
function toStored(values: ParsedInput<'tips.create'>): Stored {
  return {
    ...values,
    receivedOn: values.receivedOn as string,
    modelId: values.channel === 'mo_hinh' ? values.modelId : null,
    valuable: values.valuable ? 1 : 0,
    caseHandled: values.caseHandled ? 1 : 0,
    caseReference: values.caseHandled ? values.caseReference : null,
  };
}

export const getTip = (ctx: Context, input: ParsedInput<'tips.get'>) => findTip(ctx.db, input.id);

export async function createTip(ctx: Context, input: ParsedInput<'tips.create'>): Promise<TipRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const stored = toStored(input);
    await checkPlace(trx, stored);
    const row = { ...newRowStamps(ctx), ...stored };
    await trx.insertInto('tips').values(row).execute();
    await writeAudit(trx, ctx, { entity: 'tip', entityId: row.id, action: 'create', after: stored });
    return findTip(trx, row.id);
  });
}

export async function updateTip(ctx: Context, input: ParsedInput<'tips.update'>): Promise<TipRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('tips').selectAll().where('id', '=', input.id).where('deletedAt', 'is', null).executeTakeFirst();
    if (!before) throw notFound('tin báo');
    const stored = toStored(input.values);
    await checkVersion(trx, ctx, 'tip', before, input.version, stored);
    await checkPlace(trx, stored);
    await trx.updateTable('tips').set({ ...stored, ...updateStamps(ctx) }).where('id', '=', input.id).execute();
    const { id: _id, createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, deletedAt: _d, version: _v, ...previous } = before;
    await writeAudit(trx, ctx, { entity: 'tip', entityId: input.id, action: 'update', before: previous, after: stored });
    return findTip(trx, input.id);
  });
}

const setTrashed = (ctx: Context, id: string, trashed: boolean) => setEntryTrashed(ctx, { table: 'tips', entity: 'tip', id, what: 'Tin này' }, trashed, findTip);

export const trashTip = (ctx: Context, input: ParsedInput<'tips.trash'>) => setTrashed(ctx, input.id, true);
export const restoreTip = (ctx: Context, input: ParsedInput<'tips.restore'>) => setTrashed(ctx, input.id, false);
