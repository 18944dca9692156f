/**
 * The standard "An toàn về an ninh, trật tự" per unit and year, and the movement's 100-point sheets per
 * ward and khu phố (issue 17 point 3): listed by year, entered, edited, trashed and restored, audited;
 * a unit has one entry a year, a ward or khu phố one sheet a year; the dossier deadlines near today.
 */
import { ApiError } from '../../shared/errors';
import type { ParsedInput } from '../../shared/api';
import { addDays, localToday } from '../../shared/dates';
import { DOSSIER_DEADLINES, MOVEMENT_LEVELS, movementGrade, type DossierDeadline, type ScoreRow, type StandardRow } from '../../shared/standards';
import { checkPlace } from './activities';
import { newRowStamps, notFound, nowIso, updateStamps, writeAudit, type Context, type Trx } from './context';
import { checkVersion } from './versions';

type Db = Trx | Context['db'];

const standardsJoined = (db: Db) =>
  db
    .selectFrom('securityStandards as s')
    .innerJoin('wards as w', 'w.id', 's.wardId')
    .leftJoin('neighbourhoods as n', 'n.id', 's.neighbourhoodId')
    .select(['s.id', 's.year', 's.unitKind', 's.wardId', 's.neighbourhoodId', 's.unitName', 's.result', 's.decisionNumber', 's.decisionDate', 's.note', 's.createdAt', 's.updatedAt', 's.createdBy', 's.updatedBy', 's.version', 's.deletedAt', 'w.name as wardName', 'n.name as neighbourhoodName']);

const toStandard = (row: Omit<StandardRow, 'displayName'>): StandardRow => ({
  ...row,
  displayName: row.unitKind === 'phuong' ? row.wardName : row.unitKind === 'khu_pho' ? `${row.neighbourhoodName ?? ''}, ${row.wardName}` : `${row.unitName ?? ''} (${row.wardName})`,
});

export async function listStandards(ctx: Context, filter: ParsedInput<'standards.list'>): Promise<StandardRow[]> {
  let query = standardsJoined(ctx.db).where('s.deletedAt', filter.trashed ? 'is not' : 'is', null);
  if (filter.year) query = query.where('s.year', '=', filter.year);
  if (filter.unitKind) query = query.where('s.unitKind', '=', filter.unitKind);
  const rows = await query.orderBy('s.year', 'desc').orderBy('s.unitKind').orderBy('w.sortKey').orderBy('n.sortKey').orderBy('s.unitName').execute();
  return rows.map((row) => toStandard(row as Omit<StandardRow, 'displayName'>));
}

async function findStandard(db: Db, id: string): Promise<StandardRow> {
  const row = await standardsJoined(db).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('đơn vị đăng ký tiêu chuẩn');
  return toStandard(row as Omit<StandardRow, 'displayName'>);
}

type StandardValues = ParsedInput<'standards.create'>;

/** Only what the kind uses: a ward has no khu phố or name, a khu phố no name. */
function storedStandard(values: StandardValues) {
  return {
    ...values,
    neighbourhoodId: values.unitKind === 'phuong' ? null : values.neighbourhoodId,
    unitName: values.unitKind === 'phuong' || values.unitKind === 'khu_pho' ? null : values.unitName,
  };
}

async function assertOneStandard(trx: Trx, values: Pick<StandardRow, 'year' | 'unitKind' | 'wardId' | 'neighbourhoodId' | 'unitName'>, exceptId?: string): Promise<void> {
  let query = trx
    .selectFrom('securityStandards')
    .select('id')
    .where('deletedAt', 'is', null)
    .where('year', '=', values.year)
    .where('unitKind', '=', values.unitKind)
    .where('wardId', '=', values.wardId)
    .where('neighbourhoodId', 'is not distinct from', values.neighbourhoodId)
    .where('unitName', 'is not distinct from', values.unitName);
  if (exceptId) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw new ApiError('conflict', `Đơn vị này đã có trong danh sách đăng ký tiêu chuẩn năm ${values.year}.`);
}

export async function createStandard(ctx: Context, input: StandardValues): Promise<StandardRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const stored = storedStandard(input);
    await checkPlace(trx, { ...stored, modelId: null });
    await assertOneStandard(trx, stored);
    const row = { ...newRowStamps(ctx), ...stored };
    await trx.insertInto('securityStandards').values(row).execute();
    await writeAudit(trx, ctx, { entity: 'standard', entityId: row.id, action: 'create', after: stored });
    return findStandard(trx, row.id);
  });
}

export async function updateStandard(ctx: Context, input: ParsedInput<'standards.update'>): Promise<StandardRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findStandard(trx, input.id);
    if (before.deletedAt) throw notFound('đơn vị đăng ký tiêu chuẩn');
    const stored = storedStandard(input.values);
    await checkVersion(trx, ctx, 'standard', before, input.version, stored);
    await checkPlace(trx, { ...stored, modelId: null });
    await assertOneStandard(trx, stored, input.id);
    await trx.updateTable('securityStandards').set({ ...stored, ...updateStamps(ctx) }).where('id', '=', input.id).execute();
    await writeAudit(trx, ctx, { entity: 'standard', entityId: input.id, action: 'update', before, after: stored });
    return findStandard(trx, input.id);
  });
}

const scoresJoined = (db: Db) =>
  db
    .selectFrom('movementScores as m')
    .innerJoin('wards as w', 'w.id', 'm.wardId')
    .leftJoin('neighbourhoods as n', 'n.id', 'm.neighbourhoodId')
    .select(['m.id', 'm.year', 'm.level', 'm.wardId', 'm.neighbourhoodId', 'm.score', 'm.submittedOn', 'm.note', 'm.createdAt', 'm.updatedAt', 'm.createdBy', 'm.updatedBy', 'm.version', 'm.deletedAt', 'w.name as wardName', 'n.name as neighbourhoodName']);

const toScore = (row: Omit<ScoreRow, 'grade'>): ScoreRow => ({ ...row, grade: movementGrade(row.score) });

export async function listScores(ctx: Context, filter: ParsedInput<'scores.list'>): Promise<ScoreRow[]> {
  let query = scoresJoined(ctx.db).where('m.deletedAt', filter.trashed ? 'is not' : 'is', null);
  if (filter.year) query = query.where('m.year', '=', filter.year);
  if (filter.level) query = query.where('m.level', '=', filter.level);
  const rows = await query.orderBy('m.year', 'desc').orderBy('m.level', 'desc').orderBy('w.sortKey').orderBy('n.sortKey').execute();
  return rows.map((row) => toScore(row as Omit<ScoreRow, 'grade'>));
}

async function findScore(db: Db, id: string): Promise<ScoreRow> {
  const row = await scoresJoined(db).where('m.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('phiếu chấm điểm');
  return toScore(row as Omit<ScoreRow, 'grade'>);
}

type ScoreValues = ParsedInput<'scores.create'>;
const storedScore = (values: ScoreValues) => ({ ...values, neighbourhoodId: values.level === 'phuong' ? null : values.neighbourhoodId });

async function assertOneScore(trx: Trx, values: Pick<ScoreRow, 'year' | 'level' | 'wardId' | 'neighbourhoodId'>, exceptId?: string): Promise<void> {
  let query = trx.selectFrom('movementScores').select('id').where('deletedAt', 'is', null).where('year', '=', values.year).where('level', '=', values.level).where('wardId', '=', values.wardId).where('neighbourhoodId', 'is not distinct from', values.neighbourhoodId);
  if (exceptId) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw new ApiError('conflict', `${values.level === 'phuong' ? 'Phường' : 'Khu phố'} này đã có phiếu chấm điểm năm ${values.year}: hãy mở phiếu đó để sửa.`);
}

export async function createScore(ctx: Context, input: ScoreValues): Promise<ScoreRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const stored = storedScore(input);
    await checkPlace(trx, { ...stored, modelId: null });
    await assertOneScore(trx, stored);
    const row = { ...newRowStamps(ctx), ...stored };
    await trx.insertInto('movementScores').values(row).execute();
    await writeAudit(trx, ctx, { entity: 'score', entityId: row.id, action: 'create', after: stored });
    return findScore(trx, row.id);
  });
}

export async function updateScore(ctx: Context, input: ParsedInput<'scores.update'>): Promise<ScoreRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findScore(trx, input.id);
    if (before.deletedAt) throw notFound('phiếu chấm điểm');
    const stored = storedScore(input.values);
    await checkVersion(trx, ctx, 'score', before, input.version, stored);
    await checkPlace(trx, { ...stored, modelId: null });
    await assertOneScore(trx, stored, input.id);
    await trx.updateTable('movementScores').set({ ...stored, ...updateStamps(ctx) }).where('id', '=', input.id).execute();
    await writeAudit(trx, ctx, { entity: 'score', entityId: input.id, action: 'update', before, after: stored });
    return findScore(trx, input.id);
  });
}

/** Trash or restore a standard entry or a sheet, audited; a restored one must still be the unit's only one that year. */
async function setTrashed<Row extends { deletedAt: string | null }>(
  ctx: Context,
  table: 'securityStandards' | 'movementScores',
  id: string,
  trashed: boolean,
  find: (db: Db, id: string) => Promise<Row>,
  assertOnly: (trx: Trx, row: Row) => Promise<void>,
): Promise<Row> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await find(trx, id);
    if (Boolean(before.deletedAt) === trashed) throw new ApiError('conflict', trashed ? 'Mục này đã ở trong Thùng rác.' : 'Mục này không ở trong Thùng rác.');
    if (!trashed) await assertOnly(trx, before);
    await trx.updateTable(table).set({ deletedAt: trashed ? nowIso() : null, ...updateStamps(ctx) }).where('id', '=', id).execute();
    await writeAudit(trx, ctx, { entity: table === 'securityStandards' ? 'standard' : 'score', entityId: id, action: trashed ? 'trash' : 'restore' });
    return find(trx, id);
  });
}

const onlyStandard = (trx: Trx, row: StandardRow) => assertOneStandard(trx, row, row.id);
const onlyScore = (trx: Trx, row: ScoreRow) => assertOneScore(trx, row, row.id);

export const trashStandard = (ctx: Context, input: ParsedInput<'standards.trash'>) => setTrashed(ctx, 'securityStandards', input.id, true, findStandard, onlyStandard);
export const restoreStandard = (ctx: Context, input: ParsedInput<'standards.restore'>) => setTrashed(ctx, 'securityStandards', input.id, false, findStandard, onlyStandard);
export const trashScore = (ctx: Context, input: ParsedInput<'scores.trash'>) => setTrashed(ctx, 'movementScores', input.id, true, findScore, onlyScore);
export const restoreScore = (ctx: Context, input: ParsedInput<'scores.restore'>) => setTrashed(ctx, 'movementScores', input.id, false, findScore, onlyScore);

/** How many days before a deadline the home page starts showing it. */
const SHOWN_DAYS_BEFORE = 30;

/** The year's dossier deadlines within the next 30 days, with how many wards or khu phố have no sheet yet. */
export async function dossierDeadlines(ctx: Context, today = localToday()): Promise<DossierDeadline[]> {
  const year = Number(today.slice(0, 4));
  const near = MOVEMENT_LEVELS.map((level) => ({ level, due: `${year}-${String(DOSSIER_DEADLINES[level].month).padStart(2, '0')}-${String(DOSSIER_DEADLINES[level].day).padStart(2, '0')}` })).filter(
    (deadline) => deadline.due >= today && deadline.due <= addDays(today, SHOWN_DAYS_BEFORE),
  );
  const result: DossierDeadline[] = [];
  for (const { level, due } of near) {
    const units = level === 'phuong' ? ctx.db.selectFrom('wards as u').select('u.id').where('u.active', '=', 1).where('u.deletedAt', 'is', null) : ctx.db.selectFrom('neighbourhoods as u').select('u.id').where('u.active', '=', 1).where('u.deletedAt', 'is', null);
    const ids = (await units.execute()).map((unit) => unit.id);
    const scored = new Set(
      (await ctx.db.selectFrom('movementScores').select(level === 'phuong' ? 'wardId as unit' : 'neighbourhoodId as unit').where('deletedAt', 'is', null).where('year', '=', year).where('level', '=', level).execute()).map((row) => row.unit),
    );
    result.push({ level, due, daysLeft: Math.round((Date.parse(due) - Date.parse(today)) / 86_400_000), missing: ids.filter((unit) => !scored.has(unit)).length, of: ids.length });
  }
  return result;
}
