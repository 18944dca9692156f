/**
 * Undoing an import as one: every record the run added goes to the Trash (from where each can still be
 * restored), and every member it added to a model that existed before is removed as members.remove removes
 * one (the model's member count kept right); all found by the run id their audit entries carry
 * (Context.importRun). The members of a model the run created go to the Trash with their model, and come
 * back with it. Records that existed before and that the run updated keep their values: an update cannot be
 * taken back blindly once others may have changed the record since, and each record's History shows what
 * the import changed.
 * Written in short transactions like the import itself, so other processes' saves get in between. An undo
 * that stopped part way (the app closed, the disk full) is finished by undoing again: what it already
 * removed is marked on its audit entries (after.undoneImport) and left alone; an undo with nothing left
 * to do is refused.
 */
import type { ParsedInput } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import type { ImportUndone } from '../../../shared/imports/index';
import { auditRow, nowIso, updateStamps, type Context, type Trx } from '../context';
import { pauseBetweenBatches, UNDO_BATCH_RECORDS } from './batches';
import { removeMemberIn } from '../models';
import { jsonField } from '../../db/engine';

const REGISTER_TABLE = { subject: 'subjects', model: 'models' } as const;
type Register = keyof typeof REGISTER_TABLE;

export async function undoImport(ctx: Context, input: ParsedInput<'imports.undo'>): Promise<ImportUndone> {
  const entries = await ctx.db
    .selectFrom('auditLog')
    .select(['entity', 'entityId', 'action'])
    .where(jsonField(ctx.db, 'after_json', 'importRun'), '=', input.runId)
    .execute();
  if (entries.length === 0) throw new ApiError('not_found', 'Không tìm thấy lần nhập này, hoặc lần nhập đó không ghi hồ sơ nào.');
  // What an earlier undo of this run removed (all of it, or part before it was interrupted).
  const undoneBefore = new Set(
    (
      await ctx.db
        .selectFrom('auditLog')
        .select('entityId')
        .where('action', '=', 'trash')
        .where(jsonField(ctx.db, 'after_json', 'undoneImport'), '=', input.runId)
        .execute()
    ).map((entry) => entry.entityId),
  );

  const created = (entity: Register | 'member') => [...new Set(entries.filter((entry) => entry.entity === entity && entry.action === 'create').map((entry) => entry.entityId))];
  const createdIds = new Set([...created('subject'), ...created('model')]);
  const createdModels = new Set(created('model'));
  const updated = new Set(entries.filter((entry) => (entry.entity === 'subject' || entry.entity === 'model') && !createdIds.has(entry.entityId)).map((entry) => entry.entityId));
  const result: ImportUndone = { trashed: 0, membersRemoved: 0, alreadyGone: 0, updatesKept: updated.size, undoneEarlier: undoneBefore.size };
  const batches = [
    ...(['subject', 'model'] as const).map((register) => ({ ids: created(register).filter((id) => !undoneBefore.has(id)), write: (trx: Trx, ids: string[]) => trashBatch(trx, ctx, register, ids, input.runId), counts: 'trashed' as const })),
    { ids: created('member').filter((id) => !undoneBefore.has(id)), write: (trx: Trx, ids: string[]) => removeMembers(trx, ctx, ids, createdModels, input.runId), counts: 'membersRemoved' as const },
  ];
  let first = true;
  for (const { ids, write, counts } of batches) {
    for (let start = 0; start < ids.length; start += UNDO_BATCH_RECORDS) {
      if (!first) await pauseBetweenBatches();
      first = false;
      const done = await ctx.db.transaction().execute((trx) => write(trx, ids.slice(start, start + UNDO_BATCH_RECORDS)));
      result[counts] += done.removed;
      result.alreadyGone += done.gone;
    }
  }
  if (undoneBefore.size > 0 && result.trashed + result.membersRemoved === 0) throw new ApiError('conflict', 'Lần nhập này đã được hoàn tác rồi.');
  return result;
}

interface BatchDone {
  /** Moved to the Trash (records) or removed (members) now. */
  removed: number;
  /** Already in the Trash, removed or merged away by someone else. */
  gone: number;
}

/** Moves the live records among `ids` to the Trash, each with its audit entry. */
async function trashBatch(trx: Trx, ctx: Context, register: Register, ids: string[], runId: string): Promise<BatchDone> {
  const table = REGISTER_TABLE[register];
  const live = (await trx.selectFrom(table).select('id').where('id', 'in', ids).where('deletedAt', 'is', null).execute()).map((row) => row.id);
  if (live.length > 0) {
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
  }
  return { removed: live.length, gone: ids.length - live.length };
}

/** Removes the live members among `ids` added to models that existed before the run (members.remove's own step). */
async function removeMembers(trx: Trx, ctx: Context, ids: string[], createdModels: Set<string>, runId: string): Promise<BatchDone> {
  const members = await trx.selectFrom('modelMembers').select(['id', 'modelId', 'deletedAt']).where('id', 'in', ids).execute();
  const done: BatchDone = { removed: 0, gone: 0 };
  for (const member of members) {
    if (createdModels.has(member.modelId)) continue; // in the Trash with its model
    if (member.deletedAt) {
      done.gone += 1;
      continue;
    }
    await removeMemberIn(trx, ctx, { id: member.id }, { undoneImport: runId });
    done.removed += 1;
  }
  return done;
}
