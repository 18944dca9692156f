/**
 * The records a merge left for the officer (changed here and in the ward's file since the last merge):
 * their fields side by side, and the decision, keep the record as it is here or take the file's version
 * of it whole. A mix of both is an edit of the record, in its own form, after keeping ours.
 */
import type { ParsedInput } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import type { MergeConflict } from '../../../shared/merge';
import { refusedBy } from '../../db/engine';
import { plainSql, type PlainSql } from '../../db/plain-sql';
import { notFound, nowIso, writeAudit, type Context } from '../context';
import { checkVersion } from '../versions';
import { rememberMerged, settle } from './merged-records';
import { CATALOGUE_COLUMNS, DEPENDENT_COLUMNS, DERIVED_COLUMNS, RECORD_TABLES, STAMP_COLUMNS, type RecordTable } from './plan';

type Row = Record<string, unknown>;

interface StoredConflict {
  source: string;
  table_name: string;
  record_id: string;
  source_file: string;
  theirs_json: string;
}

const camelCase = (column: string) => column.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
const same = (a: unknown, b: unknown) => a === b || (a == null && b == null);

/** The content columns (not stamps) on which the two sides differ. */
export const differingColumns = (ours: Row, theirs: Row) =>
  Object.keys(theirs).filter((column) => !STAMP_COLUMNS.has(column) && !DEPENDENT_COLUMNS.has(column) && column in ours && !same(ours[column], theirs[column]));

/** A field's value as the officer reads it: a catalogue entry by its name. */
async function shown(local: PlainSql, column: string, value: unknown): Promise<unknown> {
  const catalogue = CATALOGUE_COLUMNS[column];
  if (!catalogue || typeof value !== 'string') return value ?? null;
  const entry = await local.get<{ name: string }>(`select name from ${catalogue} where id = ?`, value);
  return entry?.name ?? value;
}

/** Records the officer has still to decide, oldest merge first; those alike by now (edited meanwhile) are left out (the next merge or decision clears them). */
export async function pendingConflicts(local: PlainSql, source?: string): Promise<MergeConflict[]> {
  const stored = await local.all<StoredConflict>(`select * from merge_conflicts ${source ? 'where source = ?' : ''} order by found_at, table_name, record_id`, ...(source ? [source] : []));
  const conflicts: MergeConflict[] = [];
  for (const conflict of stored) {
    const plan = RECORD_TABLES.find((table) => table.table === conflict.table_name);
    const ours = plan && (await local.get<Row>(`select * from ${plan.table} where id = ?`, conflict.record_id));
    const theirs = JSON.parse(conflict.theirs_json) as Row;
    const fields = ours ? differingColumns(ours, theirs).filter((column) => !DERIVED_COLUMNS.has(column)) : [];
    if (!plan || !ours || fields.length === 0) continue;
    conflicts.push({
      source: conflict.source,
      sourceFile: conflict.source_file,
      register: plan.register,
      entity: plan.entity,
      id: conflict.record_id,
      label: String(ours[plan.label] ?? conflict.record_id),
      ours: { updatedAt: String(ours.updated_at), version: Number(ours.version) },
      theirs: { updatedAt: String(theirs.updated_at) },
      fields: await Promise.all(fields.map(async (column) => ({ field: camelCase(column), ours: await shown(local, column, ours[column]), theirs: await shown(local, column, theirs[column]) }))),
    });
  }
  return conflicts;
}

export const listConflicts = (ctx: Context): Promise<MergeConflict[]> => ctx.db.connection().execute(async () => pendingConflicts(plainSql(ctx.db)));

/** Keeps ours, or takes the file's version whole (every content column, its derived columns with it); either way the next merge of that file leaves the record be. */
export async function decideConflict(ctx: Context, input: ParsedInput<'backup.decideConflict'>): Promise<{ ok: true }> {
  const plan = RECORD_TABLES.find((table) => table.register === input.register) as RecordTable;
  return ctx.db.transaction().execute(async (trx) => {
    const local = plainSql(ctx.db, trx);
    const conflict = await local.get<StoredConflict>('select * from merge_conflicts where source = ? and table_name = ? and record_id = ?', input.source, plan.table, input.id);
    if (!conflict) throw new ApiError('not_found', 'Hồ sơ này không còn chờ quyết định (có thể đã được quyết định ở máy khác).');
    const ours = await local.get<Row>(`select * from ${plan.table} where id = ?`, input.id);
    if (!ours) throw notFound('hồ sơ');
    const theirs = JSON.parse(conflict.theirs_json) as Row;
    await checkVersion(trx, ctx, plan.entity, { id: input.id, version: Number(ours.version), updatedAt: String(ours.updated_at), updatedBy: String(ours.updated_by) }, input.version, {});
    let localVersion = Number(ours.version);
    if (input.keep === 'theirs') {
      const columns = differingColumns(ours, theirs);
      localVersion += 1;
      try {
        await local.run(
          `update ${plan.table} set ${columns.map((column) => `${column} = ?`).join(', ')}${columns.length ? ', ' : ''}updated_at = ?, updated_by = ?, version = version + 1 where id = ?`,
          ...columns.map((column) => theirs[column]), nowIso(), ctx.user.id, input.id,
        );
      } catch (error) {
        if (refusedBy(error) !== 'unique') throw error;
        throw new ApiError('conflict', 'Không lấy được bản trong tệp: ở đây đã có một hồ sơ khác cùng đơn vị và thời gian (hoặc cùng người). Hãy giữ bản ở đây rồi sửa hồ sơ.');
      }
      const values = (row: Row) => Object.fromEntries(columns.filter((column) => !DERIVED_COLUMNS.has(column)).map((column) => [camelCase(column), row[column] ?? null]));
      await writeAudit(trx, ctx, { entity: plan.entity, entityId: input.id, action: 'update', before: values(ours), after: values(theirs) });
    }
    await rememberMerged(local, input.source, plan.table, new Map([[input.id, [theirs.version, localVersion]]]));
    await settle(local, input.source, plan.table, [input.id]);
    return { ok: true as const };
  });
}
