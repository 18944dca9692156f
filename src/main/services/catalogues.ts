/** Editable catalogues: wards, neighbourhoods (khu phố) and model types. */
import type { Selectable } from 'kysely';
import type { ParsedInput } from '../../shared/api';
import type { Catalogues, HelperOrg, ModelType, Neighbourhood, SubjectCategory, Ward } from '../../shared/catalogues';
import { ApiError } from '../../shared/errors';
import { collationKey, foldForSearch } from '../../shared/text';
import type { AwardForm } from '../../shared/awards';
import type { Programme } from '../../shared/activities';
import type { AwardFormsTable, HelperOrgsTable, ModelTypesTable, NeighbourhoodsTable, ProgrammesTable, SubjectCategoriesTable, WardsTable } from '../db/schema';
import { newRowStamps, notFound, updateStamps, writeAudit, type Context, type Trx } from './context';
import { refreshModelSearchText } from './models';
import { checkVersion } from './versions';

const stamps = (row: { createdAt: string; updatedAt: string; createdBy: string; updatedBy: string; version: number }) => ({
  version: row.version,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  createdBy: row.createdBy,
  updatedBy: row.updatedBy,
});

const toWard = (row: Selectable<WardsTable>): Ward => ({
  id: row.id,
  name: row.name,
  parentUnit: row.parentUnit,
  active: row.active === 1,
  note: row.note,
  ...stamps(row),
});

const toNeighbourhood = (row: Selectable<NeighbourhoodsTable>): Neighbourhood => ({
  id: row.id,
  wardId: row.wardId,
  name: row.name,
  active: row.active === 1,
  ...stamps(row),
});

const toModelType = (row: Selectable<ModelTypesTable>): ModelType => ({
  id: row.id,
  name: row.name,
  description: row.description,
  active: row.active === 1,
  ...stamps(row),
});

const toSubjectCategory = (row: Selectable<SubjectCategoriesTable>): SubjectCategory => ({
  id: row.id,
  name: row.name,
  usesGroups: row.usesGroups === 1,
  active: row.active === 1,
  ...stamps(row),
});

const toAwardForm = (row: Selectable<AwardFormsTable>): AwardForm => ({ id: row.id, name: row.name, active: row.active === 1, ...stamps(row) });

const toHelperOrg = (row: Selectable<HelperOrgsTable>): HelperOrg => ({ id: row.id, name: row.name, active: row.active === 1, ...stamps(row) });

const toProgramme = (row: Selectable<ProgrammesTable>): Programme => ({ id: row.id, name: row.name, active: row.active === 1, ...stamps(row) });

export async function getCatalogues(ctx: Context): Promise<Catalogues> {
  const [aliases, wards, neighbourhoods, modelTypes, subjectCategories, helperOrgs, awardForms, programmes] = await Promise.all([
    ctx.db.selectFrom('catalogueAliases').select(['id', 'entryId', 'alias']).where('deletedAt', 'is', null).orderBy('createdAt').execute(),
    ctx.db.selectFrom('wards').selectAll().where('deletedAt', 'is', null).orderBy('active', 'desc').orderBy('sortKey').execute(),
    ctx.db.selectFrom('neighbourhoods').selectAll().where('deletedAt', 'is', null).orderBy('sortKey').execute(),
    ctx.db.selectFrom('modelTypes').selectAll().where('deletedAt', 'is', null).orderBy('sortKey').execute(),
    ctx.db.selectFrom('subjectCategories').selectAll().where('deletedAt', 'is', null).orderBy('sortKey').execute(),
    ctx.db.selectFrom('helperOrgs').selectAll().where('deletedAt', 'is', null).orderBy('sortKey').execute(),
    ctx.db.selectFrom('awardForms').selectAll().where('deletedAt', 'is', null).orderBy('sortKey').execute(),
    ctx.db.selectFrom('programmes').selectAll().where('deletedAt', 'is', null).orderBy('sortKey').execute(),
  ]);
  return {
    aliases,
    wards: wards.map(toWard),
    neighbourhoods: neighbourhoods.map(toNeighbourhood),
    modelTypes: modelTypes.map(toModelType),
    subjectCategories: subjectCategories.map(toSubjectCategory),
    helperOrgs: helperOrgs.map(toHelperOrg),
    awardForms: awardForms.map(toAwardForm),
    programmes: programmes.map(toProgramme),
  };
}

type CatalogueTable = 'wards' | 'neighbourhoods' | 'modelTypes' | 'subjectCategories' | 'helperOrgs' | 'awardForms' | 'programmes';
const ENTITY = { wards: 'ward', neighbourhoods: 'neighbourhood', modelTypes: 'model_type', subjectCategories: 'subject_category', helperOrgs: 'helper_org', awardForms: 'award_form', programmes: 'programme' } as const;
const LABEL = { wards: 'phường', neighbourhoods: 'khu phố', modelTypes: 'loại mô hình', subjectCategories: 'diện đối tượng', helperOrgs: 'tổ chức phụ trách', awardForms: 'hình thức khen thưởng', programmes: 'chương trình vận động' } as const;

/** Names are unique within their list (a khu phố within its ward), compared without accents or case. */
async function assertUniqueName(trx: Trx, table: CatalogueTable, name: string, scope: { wardId?: string; exceptId?: string }) {
  let query = trx.selectFrom(table).select(['id', 'name']).where('deletedAt', 'is', null);
  if (scope.wardId) query = query.where('wardId' as never, '=', scope.wardId as never);
  const rows = await query.execute();
  const folded = foldForSearch(name);
  if (rows.some((row) => row.id !== scope.exceptId && foldForSearch(row.name) === folded)) {
    throw new ApiError('conflict', `Đã có ${LABEL[table]} "${name}" trong danh mục.`, [{ field: 'name', message: `Tên ${LABEL[table]} này đã có.` }]);
  }
}

/** Booleans are stored as 0/1 in SQLite. */
const flags = (values: { active: boolean; usesGroups?: boolean }) => ({
  active: values.active ? 1 : 0,
  ...(values.usesGroups === undefined ? {} : { usesGroups: values.usesGroups ? 1 : 0 }),
});

async function insertRow<Row extends { id: string; name: string }>(
  ctx: Context,
  table: CatalogueTable,
  values: Record<string, unknown> & { name: string; active: boolean; wardId?: string },
  toResult: (row: never) => Row,
): Promise<Row> {
  return ctx.db.transaction().execute((trx) => insertRowIn(trx, ctx, table, values, toResult));
}

async function insertRowIn<Row extends { id: string; name: string }>(
  trx: Trx,
  ctx: Context,
  table: CatalogueTable,
  values: Record<string, unknown> & { name: string; active: boolean; wardId?: string },
  toResult: (row: never) => Row,
): Promise<Row> {
  await assertUniqueName(trx, table, values.name, { wardId: values.wardId });
  const row = { ...newRowStamps(ctx), ...values, ...flags(values), sortKey: collationKey(values.name) };
  await trx.insertInto(table).values(row as never).execute();
  const result = toResult(row as never);
  await writeAudit(trx, ctx, { entity: ENTITY[table], entityId: result.id, action: 'create', after: result });
  return result;
}

export type ImportableCatalogue = Exclude<CatalogueTable, 'awardForms' | 'programmes'>;
const TO_RESULT = { wards: toWard, neighbourhoods: toNeighbourhood, modelTypes: toModelType, subjectCategories: toSubjectCategory, helperOrgs: toHelperOrg } as const;

/** A new entry made by an import, inside its transaction, under the id the import's rows already use. */
export async function addCatalogueEntryIn(trx: Trx, ctx: Context, table: ImportableCatalogue, entry: { id: string; name: string; wardId?: string | null; usesGroups?: boolean }) {
  const values = { name: entry.name, active: true, ...(table === 'neighbourhoods' ? { wardId: entry.wardId ?? '' } : {}), ...(table === 'subjectCategories' ? { usesGroups: entry.usesGroups ?? false } : {}) };
  await insertRowIn(trx, ctx, table, { ...values, id: entry.id } as never, TO_RESULT[table] as (row: never) => { id: string; name: string });
}

/** Forgets an entry's other name: the next import asks about that value again. */
export async function removeCatalogueAlias(ctx: Context, input: ParsedInput<'catalogueAliases.remove'>): Promise<{ ok: true }> {
  await ctx.db.transaction().execute(async (trx) => {
    const alias = await trx.selectFrom('catalogueAliases').selectAll().where('id', '=', input.id).where('deletedAt', 'is', null).executeTakeFirst();
    if (!alias) throw notFound('tên gọi khác');
    await trx.updateTable('catalogueAliases').set({ deletedAt: new Date().toISOString(), ...updateStamps(ctx) }).where('id', '=', alias.id).execute();
    await writeAudit(trx, ctx, { entity: ENTITY[alias.catalogue], entityId: alias.entryId, action: 'update', before: { alias: alias.alias }, after: { aliasRemoved: alias.alias } });
  });
  return { ok: true };
}

/** Another name for an entry (learnt when an import maps a value to it); an alias it already has is not added twice. */
export async function addCatalogueAliasIn(trx: Trx, ctx: Context, table: ImportableCatalogue, entryId: string, alias: string) {
  const known = await trx.selectFrom('catalogueAliases').select('alias').where('catalogue', '=', table).where('entryId', '=', entryId).where('deletedAt', 'is', null).execute();
  if (known.some((row) => foldForSearch(row.alias) === foldForSearch(alias))) return;
  const row = { ...newRowStamps(ctx), catalogue: table, entryId, alias };
  await trx.insertInto('catalogueAliases').values(row).execute();
  await writeAudit(trx, ctx, { entity: ENTITY[table], entityId: entryId, action: 'update', after: { aliasAdded: alias } });
}

async function updateRow<Row extends { id: string; name: string }>(
  ctx: Context,
  table: CatalogueTable,
  { id, version, values }: { id: string; version: number; values: Record<string, unknown> & { name: string; active: boolean; wardId?: string } },
  toResult: (row: never) => Row,
): Promise<Row> {
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom(table).selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
    if (!existing) throw notFound(LABEL[table]);
    await checkVersion(trx, ctx, ENTITY[table], existing, version, values);
    await assertUniqueName(trx, table, values.name, { wardId: values.wardId, exceptId: id });
    // Forms of award keep the law's order (Giấy khen first), programmes the reports' order, whatever their name becomes.
    const sortKey = table === 'awardForms' || table === 'programmes' ? (existing as { sortKey: string }).sortKey : collationKey(values.name);
    const changes = { ...values, ...flags(values), sortKey, ...updateStamps(ctx) };
    await trx.updateTable(table).set(changes as never).where('id', '=', id).execute();
    const before = toResult(existing as never);
    const after = toResult((await trx.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as never);
    await writeAudit(trx, ctx, { entity: ENTITY[table], entityId: id, action: 'update', before, after });
    if (before.name !== after.name && (table === 'wards' || table === 'neighbourhoods' || table === 'modelTypes')) {
      await refreshModelSearchText(trx, table, id);
    }
    return after;
  });
}

export const createWard = (ctx: Context, input: ParsedInput<'wards.create'>) => insertRow(ctx, 'wards', input, toWard);
export const updateWard = (ctx: Context, input: ParsedInput<'wards.update'>) => updateRow(ctx, 'wards', input, toWard);

export async function createNeighbourhood(ctx: Context, input: ParsedInput<'neighbourhoods.create'>) {
  await assertWardExists(ctx, input.wardId);
  return insertRow(ctx, 'neighbourhoods', input, toNeighbourhood);
}
export async function updateNeighbourhood(ctx: Context, input: ParsedInput<'neighbourhoods.update'>) {
  await assertWardExists(ctx, input.values.wardId);
  return updateRow(ctx, 'neighbourhoods', input, toNeighbourhood);
}

export const createModelType = (ctx: Context, input: ParsedInput<'modelTypes.create'>) => insertRow(ctx, 'modelTypes', input, toModelType);
export const updateModelType = (ctx: Context, input: ParsedInput<'modelTypes.update'>) =>
  updateRow(ctx, 'modelTypes', input, toModelType);

export const createSubjectCategory = (ctx: Context, input: ParsedInput<'subjectCategories.create'>) =>
  insertRow(ctx, 'subjectCategories', input, toSubjectCategory);
export const updateSubjectCategory = (ctx: Context, input: ParsedInput<'subjectCategories.update'>) =>
  updateRow(ctx, 'subjectCategories', input, toSubjectCategory);
export const createHelperOrg = (ctx: Context, input: ParsedInput<'helperOrgs.create'>) => insertRow(ctx, 'helperOrgs', input, toHelperOrg);
export const updateHelperOrg = (ctx: Context, input: ParsedInput<'helperOrgs.update'>) => updateRow(ctx, 'helperOrgs', input, toHelperOrg);

export const createAwardForm = (ctx: Context, input: ParsedInput<'awardForms.create'>) => insertRow(ctx, 'awardForms', input, toAwardForm);
export const updateAwardForm = (ctx: Context, input: ParsedInput<'awardForms.update'>) => updateRow(ctx, 'awardForms', input, toAwardForm);

export const createProgramme = (ctx: Context, input: ParsedInput<'programmes.create'>) => insertRow(ctx, 'programmes', input, toProgramme);
export const updateProgramme = (ctx: Context, input: ParsedInput<'programmes.update'>) => updateRow(ctx, 'programmes', input, toProgramme);

async function assertWardExists(ctx: Context, wardId: string) {
  const ward = await ctx.db.selectFrom('wards').select('id').where('id', '=', wardId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!ward) throw new ApiError('validation', 'Phường đã chọn không có trong danh mục.', [{ field: 'wardId', message: 'Vui lòng chọn phường.' }]);
}
