/**
 * Award rounds and nominations: the workflow dự thảo → đã trình → được duyệt / không duyệt → đã trao,
 * one nominee once per round, a warning when a nominee was already awarded for an overlapping period,
 * and closed rounds frozen. The round's list is laid out as the official danh sách đề nghị khen thưởng.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ParsedInput } from '../../shared/api';
import {
  DECIDED_STATUSES,
  NEXT_STATUSES,
  type Nomination,
  type NominationDetail,
  type NominationStatus,
  type NominationStatusChange,
  type NominationValues,
  type NominationWarning,
  type NomineeKind,
  type Round,
  type RoundCounts,
  type RoundList,
  type RoundSummary,
} from '../../shared/awards';
import type { Page } from '../../shared/common';
import { ApiError } from '../../shared/errors';
import { collationKey, foldForSearch, personNameKey, searchTerms } from '../../shared/text';
import type { AwardRoundsTable, Database } from '../db/schema';
import { likePattern, newRowStamps, notFound, nowIso, updateStamps, writeAudit, type Context, type Trx } from './context';
import { checkVersion } from './versions';

// ---------------------------------------------------------------- rounds

const toRound = (row: Selectable<AwardRoundsTable>): Round => ({
  id: row.id,
  name: row.name,
  occasion: row.occasion,
  periodFrom: row.periodFrom,
  periodTo: row.periodTo,
  deadline: row.deadline,
  authority: row.authority,
  status: row.status,
  closedAt: row.closedAt,
  deletedAt: row.deletedAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  createdBy: row.createdBy,
  updatedBy: row.updatedBy,
  version: row.version,
});

async function findRound(db: Kysely<Database>, id: string): Promise<Round> {
  const row = await db.selectFrom('awardRounds').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  if (!row) throw notFound('đợt khen thưởng');
  return toRound(row);
}

function assertOpen(round: Round) {
  if (round.status === 'closed') {
    throw new ApiError('conflict', `Đợt khen thưởng "${round.name}" đã khóa: không thể thay đổi các đề nghị trong đợt. Mở lại đợt nếu cần sửa.`);
  }
}

function countBy(db: Kysely<Database>, condition: ReturnType<typeof sql<boolean>>): Promise<RoundCounts> {
  return db
    .selectFrom('nominations as n')
    .innerJoin('awardForms as f', 'f.id', 'n.formId')
    .where(condition)
    .select((eb) => ['n.kind', 'n.status', 'f.id as formId', 'f.name as formName', 'f.sortKey as formSort', eb.fn.countAll<number>().as('count')])
    .groupBy(['n.kind', 'n.status', 'f.id'])
    .execute()
    .then(summarise);
}

const roundCounts = (db: Kysely<Database>, roundId: string) => countBy(db, sql<boolean>`n.round_id = ${roundId} and n.deleted_at is null`);

export async function listRounds(ctx: Context): Promise<RoundSummary[]> {
  const rows = await ctx.db.selectFrom('awardRounds').selectAll().where('deletedAt', 'is', null).orderBy('periodTo', 'desc').orderBy('createdAt', 'desc').execute();
  return Promise.all(rows.map(async (row) => ({ ...toRound(row), counts: await roundCounts(ctx.db, row.id) })));
}

export async function createRound(ctx: Context, values: ParsedInput<'rounds.create'>): Promise<Round> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = { ...newRowStamps(ctx), ...values, status: 'open' as const, closedAt: null };
    await trx.insertInto('awardRounds').values(row).execute();
    await writeAudit(trx, ctx, { entity: 'round', entityId: row.id, action: 'create', after: values });
    return toRound(row);
  });
}

export async function updateRound(ctx: Context, input: ParsedInput<'rounds.update'>): Promise<Round> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findRound(trx, input.id);
    assertOpen(before);
    await checkVersion(trx, ctx, 'round', before, input.version, input.values);
    await trx.updateTable('awardRounds').set({ ...input.values, ...updateStamps(ctx) }).where('id', '=', input.id).execute();
    await writeAudit(trx, ctx, { entity: 'round', entityId: input.id, action: 'update', before, after: input.values });
    return findRound(trx, input.id);
  });
}

async function setRoundStatus(ctx: Context, id: string, closed: boolean): Promise<Round> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findRound(trx, id);
    if ((before.status === 'closed') === closed) throw new ApiError('conflict', closed ? 'Đợt khen thưởng đã khóa rồi.' : 'Đợt khen thưởng đang mở.');
    await trx
      .updateTable('awardRounds')
      .set({ status: closed ? 'closed' : 'open', closedAt: closed ? nowIso() : null, ...updateStamps(ctx) })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, ctx, { entity: 'round', entityId: id, action: closed ? 'close' : 'reopen' });
    return findRound(trx, id);
  });
}

export const closeRound = (ctx: Context, input: ParsedInput<'rounds.close'>) => setRoundStatus(ctx, input.id, true);
export const reopenRound = (ctx: Context, input: ParsedInput<'rounds.reopen'>) => setRoundStatus(ctx, input.id, false);

// ---------------------------------------------------------------- nominations: reading

function withNames(db: Kysely<Database>) {
  return db
    .selectFrom('nominations as n')
    .innerJoin('awardRounds as r', 'r.id', 'n.roundId')
    .innerJoin('awardForms as f', 'f.id', 'n.formId')
    .leftJoin('wards as w', 'w.id', 'n.wardId')
    .select([
      'n.id',
      'n.roundId',
      'n.kind',
      'n.modelId',
      'n.memberId',
      'n.nomineeName',
      'n.gender',
      'n.birthYear',
      'n.position',
      'n.unit',
      'n.wardId',
      'n.formId',
      'n.proposedAuthority',
      'n.achievement',
      'n.tipsProvided',
      'n.casesHelped',
      'n.yearsActive',
      'n.status',
      'n.decisionNumber',
      'n.decisionDate',
      'n.deletedAt',
      'n.createdAt',
      'n.updatedAt',
      'n.createdBy',
      'n.updatedBy',
      'n.version',
      'r.name as roundName',
      'r.status as roundStatus',
      'f.name as formName',
      'w.name as wardName',
    ]);
}

function filterCondition(filter: ParsedInput<'nominations.counts'>) {
  const conditions = [filter.trashed ? sql`n.deleted_at is not null` : sql`n.deleted_at is null`];
  for (const term of searchTerms(filter.search)) conditions.push(sql`n.search_text like ${likePattern(term)} escape '\\'`);
  if (filter.roundId) conditions.push(sql`n.round_id = ${filter.roundId}`);
  if (filter.kind) conditions.push(sql`n.kind = ${filter.kind}`);
  if (filter.formId) conditions.push(sql`n.form_id = ${filter.formId}`);
  if (filter.status) conditions.push(sql`n.status = ${filter.status}`);
  if (filter.wardId) conditions.push(sql`n.ward_id = ${filter.wardId}`);
  return sql<boolean>`(${sql.join(conditions, sql` and `)})`;
}

const SORT_COLUMNS = {
  nomineeName: 'n.sortKey',
  kind: 'n.kind',
  formName: 'f.sortKey',
  status: 'n.status',
  roundName: 'r.name',
  updatedAt: 'n.updatedAt',
} as const;

export async function listNominations(ctx: Context, query: ParsedInput<'nominations.list'>): Promise<Page<Nomination>> {
  const sort = query.sort ?? { field: 'nomineeName', direction: 'asc' };
  const rows = await withNames(ctx.db)
    .where(filterCondition(query))
    .orderBy(SORT_COLUMNS[sort.field], sort.direction)
    .orderBy('n.sortKey')
    .orderBy('n.id')
    .offset(query.offset)
    .limit(query.limit)
    .execute();
  const { total } = await ctx.db
    .selectFrom('nominations as n')
    .where(filterCondition(query))
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows: rows as Nomination[], total: Number(total) };
}

export const countNominations = (ctx: Context, filter: ParsedInput<'nominations.counts'>) => countBy(ctx.db, filterCondition(filter));

async function findNomination(db: Kysely<Database>, id: string, options: { includeTrashed?: boolean } = {}): Promise<Nomination> {
  let query = withNames(db).where('n.id', '=', id);
  if (!options.includeTrashed) query = query.where('n.deletedAt', 'is', null);
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('đề nghị khen thưởng');
  return row as Nomination;
}

export async function getNomination(ctx: Context, input: ParsedInput<'nominations.get'>): Promise<NominationDetail> {
  const nomination = await findNomination(ctx.db, input.id, { includeTrashed: true });
  const statusChanges = await ctx.db
    .selectFrom('nominationStatusChanges')
    .select(['id', 'fromStatus', 'toStatus', 'changedOn', 'reason', 'decisionNumber', 'decisionDate', 'createdAt', 'createdBy'])
    .where('nominationId', '=', input.id)
    .orderBy('createdAt', 'desc')
    .orderBy(sql`rowid`, 'desc') // changes made within the same millisecond stay in the order they were made
    .execute();
  return { nomination, statusChanges: statusChanges as NominationStatusChange[] };
}

/** A nominee's nominations across rounds: by model, by member, or by kind and name. */
export async function nomineeHistory(ctx: Context, input: ParsedInput<'nominations.nomineeHistory'>): Promise<Nomination[]> {
  let query = withNames(ctx.db).where('n.deletedAt', 'is', null);
  if (input.modelId) {
    const memberIds = ctx.db.selectFrom('modelMembers').select('id').where('modelId', '=', input.modelId);
    query = query.where((eb) => eb.or([eb('n.modelId', '=', input.modelId as string), eb('n.memberId', 'in', memberIds)]));
  } else {
    query = query.where('n.nomineeKey', '=', nomineeKey({ kind: input.kind ?? 'ca_nhan', modelId: null, memberId: input.memberId ?? null, nomineeName: input.nomineeName ?? '', birthYear: input.birthYear ?? null }));
  }
  return (await query.orderBy('r.periodTo', 'desc').orderBy('n.createdAt', 'desc').limit(200).execute()) as Nomination[];
}

export async function roundList(ctx: Context, input: ParsedInput<'rounds.list'>): Promise<RoundList> {
  const round = await findRound(ctx.db, input.id);
  const rows = (await withNames(ctx.db).where('n.roundId', '=', input.id).where('n.deletedAt', 'is', null).orderBy('n.sortKey').execute()) as Nomination[];
  // The list sent up is what is proposed: refused nominations are left out.
  const listed = rows.filter((row) => row.status !== 'khong_duyet');
  return { round, collectives: listed.filter((row) => row.kind === 'tap_the'), individuals: listed.filter((row) => row.kind === 'ca_nhan') };
}

function summarise(rows: { kind: NomineeKind; status: NominationStatus; formId: string; formName: string; formSort: string; count: number }[]): RoundCounts {
  const byKind = new Map<NomineeKind, number>();
  const byStatus = new Map<NominationStatus, number>();
  const byForm = new Map<string, { name: string; sort: string; count: number }>();
  for (const row of rows) {
    const count = Number(row.count);
    byKind.set(row.kind, (byKind.get(row.kind) ?? 0) + count);
    byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + count);
    const form = byForm.get(row.formId) ?? { name: row.formName, sort: row.formSort, count: 0 };
    form.count += count;
    byForm.set(row.formId, form);
  }
  return {
    total: [...byKind.values()].reduce((sum, value) => sum + value, 0),
    byKind: (['tap_the', 'ca_nhan'] as const).filter((kind) => byKind.has(kind)).map((kind) => ({ kind, count: byKind.get(kind) ?? 0 })),
    byForm: [...byForm].sort((a, b) => a[1].sort.localeCompare(b[1].sort)).map(([formId, form]) => ({ id: formId, name: form.name, count: form.count })),
    byStatus: [...byStatus].map(([status, count]) => ({ status, count })),
  };
}

// ---------------------------------------------------------------- nominations: writing

type NomineeIdentity = Pick<NominationValues, 'kind' | 'modelId' | 'memberId' | 'nomineeName' | 'birthYear'>;

/** One nominee once per round: a linked model or member, or else the kind, folded name and birth year. */
function nomineeKey(nominee: NomineeIdentity): string {
  if (nominee.modelId) return `model:${nominee.modelId}`;
  if (nominee.memberId) return `member:${nominee.memberId}`;
  return `${nominee.kind}:${foldForSearch(nominee.nomineeName)}:${nominee.birthYear ?? ''}`;
}

/** Checks the linked model or member and returns the ward the nomination belongs to. */
async function resolveLinks(trx: Trx, values: NominationValues): Promise<string | null> {
  if (values.modelId) {
    const model = await trx.selectFrom('models').select('wardId').where('id', '=', values.modelId).where('deletedAt', 'is', null).executeTakeFirst();
    if (!model) throw new ApiError('validation', 'Mô hình đã chọn không còn trong sổ.', [{ field: 'modelId', message: 'Mô hình không còn trong sổ.' }]);
    return values.wardId ?? model.wardId;
  }
  if (values.memberId) {
    const member = await trx
      .selectFrom('modelMembers as mm')
      .innerJoin('models as m', 'm.id', 'mm.modelId')
      .select('m.wardId')
      .where('mm.id', '=', values.memberId)
      .where('mm.deletedAt', 'is', null)
      .executeTakeFirst();
    if (!member) throw new ApiError('validation', 'Thành viên đã chọn không còn trong mô hình.', [{ field: 'memberId', message: 'Thành viên không còn trong mô hình.' }]);
    return values.wardId ?? member.wardId;
  }
  return values.wardId;
}

async function assertFormExists(trx: Trx, formId: string) {
  const form = await trx.selectFrom('awardForms').select('id').where('id', '=', formId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!form) throw new ApiError('validation', 'Hình thức khen thưởng không có trong danh mục.', [{ field: 'formId', message: 'Vui lòng chọn hình thức khen thưởng.' }]);
}

async function assertNotInRound(trx: Trx, roundId: string, key: string, name: string, exceptId?: string) {
  let query = trx.selectFrom('nominations').select('id').where('roundId', '=', roundId).where('nomineeKey', '=', key).where('deletedAt', 'is', null);
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) {
    const message = `"${name}" đã có trong đợt khen thưởng này. Mỗi tập thể, cá nhân chỉ được đề nghị một lần trong một đợt.`;
    throw new ApiError('conflict', message, [{ field: 'nomineeName', message }]);
  }
}

/** Awards already approved or given to the same nominee in another round covering an overlapping period. */
async function earlierAwards(db: Kysely<Database>, round: Round, key: string, exceptId?: string): Promise<NominationWarning[]> {
  let query = withNames(db)
    .where('n.nomineeKey', '=', key)
    .where('n.roundId', '!=', round.id)
    .where('n.deletedAt', 'is', null)
    .where('n.status', 'in', DECIDED_STATUSES)
    .where('r.periodFrom', '<=', round.periodTo)
    .where('r.periodTo', '>=', round.periodFrom);
  if (exceptId) query = query.where('n.id', '!=', exceptId);
  const rows = (await query.execute()) as Nomination[];
  return rows.map((nomination) => ({ nomination, reason: 'earlier_award_same_period' as const }));
}

export async function checkNomination(ctx: Context, input: ParsedInput<'nominations.check'>): Promise<NominationWarning[]> {
  const round = await findRound(ctx.db, input.values.roundId);
  return earlierAwards(ctx.db, round, nomineeKey(input.values), input.id ?? undefined);
}

function derived(values: NominationValues) {
  return {
    nomineeKey: nomineeKey(values),
    searchText: foldForSearch([values.nomineeName, values.unit, values.position].filter(Boolean).join(' ')),
    sortKey: values.kind === 'ca_nhan' ? personNameKey(values.nomineeName) : collationKey(values.nomineeName),
  };
}

async function prepare(trx: Trx, values: NominationValues, exceptId?: string) {
  const round = await findRound(trx, values.roundId);
  assertOpen(round);
  await assertFormExists(trx, values.formId);
  const wardId = await resolveLinks(trx, values);
  const columns = derived(values);
  await assertNotInRound(trx, values.roundId, columns.nomineeKey, values.nomineeName, exceptId);
  if (!values.acknowledgedEarlierAward) {
    const warnings = await earlierAwards(trx, round, columns.nomineeKey, exceptId);
    const first = warnings[0]?.nomination;
    if (first) {
      const message = `"${values.nomineeName}" đã được ${first.formName.toLowerCase()} trong đợt "${first.roundName}" cho cùng giai đoạn. Một thành tích chỉ khen thưởng một lần: hãy xác nhận nếu vẫn đề nghị.`;
      throw new ApiError('conflict', message, [{ field: 'acknowledgedEarlierAward', message }]);
    }
  }
  const { acknowledgedEarlierAward: _acknowledged, ...stored } = values;
  return { ...stored, ...columns, wardId };
}

export async function createNomination(ctx: Context, values: ParsedInput<'nominations.create'>): Promise<Nomination> {
  return ctx.db.transaction().execute(async (trx) => {
    const stored = await prepare(trx, values);
    const stamps = newRowStamps(ctx);
    await trx.insertInto('nominations').values({ ...stamps, ...stored, status: 'du_thao', decisionNumber: null, decisionDate: null }).execute();
    await trx
      .insertInto('nominationStatusChanges')
      .values({ id: crypto.randomUUID(), nominationId: stamps.id, fromStatus: null, toStatus: 'du_thao', changedOn: stamps.createdAt.slice(0, 10), reason: 'Lập dự thảo', decisionNumber: null, decisionDate: null, createdAt: stamps.createdAt, createdBy: ctx.user.id })
      .execute();
    await writeAudit(trx, ctx, { entity: 'nomination', entityId: stamps.id, action: 'create', after: stored });
    return findNomination(trx, stamps.id);
  });
}

async function liveNominationInOpenRound(trx: Trx, id: string) {
  const before = await findNomination(trx, id, { includeTrashed: true });
  assertOpen(await findRound(trx, before.roundId));
  return before;
}

export async function updateNomination(ctx: Context, input: ParsedInput<'nominations.update'>): Promise<Nomination> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await liveNominationInOpenRound(trx, input.id);
    if (before.deletedAt) throw notFound('đề nghị khen thưởng');
    if (before.roundId !== input.values.roundId) throw new ApiError('validation', 'Không thể chuyển đề nghị sang đợt khác: hãy lập đề nghị mới trong đợt đó.');
    const stored = await prepare(trx, input.values, input.id);
    await checkVersion(trx, ctx, 'nomination', before, input.version, stored);
    await trx.updateTable('nominations').set({ ...stored, ...updateStamps(ctx) }).where('id', '=', input.id).execute();
    await writeAudit(trx, ctx, { entity: 'nomination', entityId: input.id, action: 'update', before, after: stored });
    return findNomination(trx, input.id);
  });
}

export async function changeNominationStatus(ctx: Context, input: ParsedInput<'nominations.changeStatus'>): Promise<Nomination> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await liveNominationInOpenRound(trx, input.id);
    if (before.deletedAt) throw notFound('đề nghị khen thưởng');
    if (!NEXT_STATUSES[before.status].includes(input.status)) {
      const message = 'Không thể chuyển sang trạng thái này từ trạng thái hiện tại.';
      throw new ApiError('validation', message, [{ field: 'status', message }]);
    }
    const decided = DECIDED_STATUSES.includes(input.status);
    const changes = {
      status: input.status,
      decisionNumber: decided ? input.decisionNumber : before.decisionNumber,
      decisionDate: decided ? input.decisionDate : before.decisionDate,
      ...updateStamps(ctx),
    };
    await trx.updateTable('nominations').set(changes).where('id', '=', input.id).execute();
    await trx
      .insertInto('nominationStatusChanges')
      .values({
        id: crypto.randomUUID(),
        nominationId: input.id,
        fromStatus: before.status,
        toStatus: input.status,
        changedOn: input.changedOn as string,
        reason: input.note,
        decisionNumber: decided ? input.decisionNumber : null,
        decisionDate: decided ? input.decisionDate : null,
        createdAt: nowIso(),
        createdBy: ctx.user.id,
      })
      .execute();
    await writeAudit(trx, ctx, { entity: 'nomination', entityId: input.id, action: 'status', before: { status: before.status }, after: input });
    return findNomination(trx, input.id);
  });
}

async function setTrashed(ctx: Context, id: string, trashed: boolean): Promise<Nomination> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await liveNominationInOpenRound(trx, id);
    if (Boolean(before.deletedAt) === trashed) throw new ApiError('conflict', trashed ? 'Đề nghị này đã ở trong Thùng rác.' : 'Đề nghị này không ở trong Thùng rác.');
    if (!trashed) {
      const key = (await trx.selectFrom('nominations').select('nomineeKey').where('id', '=', id).executeTakeFirstOrThrow()).nomineeKey;
      await assertNotInRound(trx, before.roundId, key, before.nomineeName, id);
    }
    await trx.updateTable('nominations').set({ deletedAt: trashed ? nowIso() : null, ...updateStamps(ctx) }).where('id', '=', id).execute();
    await writeAudit(trx, ctx, { entity: 'nomination', entityId: id, action: trashed ? 'trash' : 'restore' });
    return findNomination(trx, id, { includeTrashed: true });
  });
}

export const trashNomination = (ctx: Context, input: ParsedInput<'nominations.trash'>) => setTrashed(ctx, input.id, true);
export const restoreNomination = (ctx: Context, input: ParsedInput<'nominations.restore'>) => setTrashed(ctx, input.id, false);
