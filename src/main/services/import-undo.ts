/**
 * Undoing an import as one: every record the run added goes to the Trash (from where each can still be
 * restored), found by the run id its audit entries carry (Context.importRun). Records that existed before
 * and that the run updated keep their values: an update cannot be taken back blindly once others may have
 * changed the record since, and each record's History shows what the import changed.
 * Written in short transactions like the import itself, so other processes' saves get in between.
 */
import { sql } from 'kysely';
import type { ParsedInput } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import type { ImportUndone } from '../../shared/imports';
import { auditRow, nowIso, updateStamps, type Context } from './context';
import { pauseBetweenBatches } from './import-batches';

const RECORDS_PER_TRANSACTION = 500;
const REGISTER_TABLE = { subject: 'subjects', model: 'models' } as const;
type Register = keyof typeof REGISTER_TABLE;

export async function undoImport(ctx: Context, input: ParsedInput<'imports.undo'>): Promise<ImportUndone> {
  const entries = await ctx.db
    .selectFrom('auditLog')
    .select(['entity', 'entityId', 'action'])
    .where(sql<string>`json_extract(after_json, '$.importRun')`, '=', input.runId)
    .execute();
  if (entries.length === 0) throw new ApiError('not_found', 'Không tìm thấy lần nhập này, hoặc lần nhập đó không ghi hồ sơ nào.');
  const undone = await ctx.db
    .selectFrom('auditLog')
    .select('id')
    .where('action', '=', 'trash')
    .where(sql<string>`json_extract(after_json, '$.undoneImport')`, '=', input.runId)
    .executeTakeFirst();
  if (undone) throw new ApiError('conflict', 'Lần nhập này đã được hoàn tác rồi.');

  const created = (register: Register) => [...new Set(entries.filter((entry) => entry.entity === register && entry.action === 'create').map((entry) => entry.entityId))];
  const createdIds = new Set([...created('subject'), ...created('model')]);
  const updated = new Set(entries.filter((entry) => (entry.entity === 'subject' || entry.entity === 'model') && !createdIds.has(entry.entityId)).map((entry) => entry.entityId));
  const result: ImportUndone = { trashed: 0, alreadyGone: 0, updatesKept: updated.size };
  for (const register of ['subject', 'model'] as const) {
    const ids = created(register);
    for (let start = 0; start < ids.length; start += RECORDS_PER_TRANSACTION) {
      if (start > 0) await pauseBetweenBatches();
      const trashed = await trashBatch(ctx, register, ids.slice(start, start + RECORDS_PER_TRANSACTION), input.runId);
      result.trashed += trashed;
      result.alreadyGone += Math.min(RECORDS_PER_TRANSACTION, ids.length - start) - trashed;
    }
  }
  return result;
}

/** Moves the live records among `ids` to the Trash, each with its audit entry; returns how many moved. */
async function trashBatch(ctx: Context, register: Register, ids: string[], runId: string): Promise<number> {
  const table = REGISTER_TABLE[register];
  return ctx.db.transaction().execute(async (trx) => {
    const live = (await trx.selectFrom(table).select('id').where('id', 'in', ids).where('deletedAt', 'is', null).execute()).map((row) => row.id);
    if (live.length === 0) return 0;
    await trx
      .updateTable(table)
      .set({ deletedAt: nowIso(), ...updateStamps(ctx) })
      .where('id', 'in', live)
      .execute();
    const at = nowIso();
    await trx
      .insertInto('auditLog')
      .values(live.map((id) => auditRow(ctx, { entity: register, entityId: id, action: 'trash', after: { undoneImport: runId } }, at)))
      .execute();
    return live.length;
  });
}
