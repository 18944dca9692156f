/**
 * Deleting a person for good (administrators, from the Trash): the record, the records merged into it,
 * their reviews, status history and "not the same person" marks leave the data file, and the audit
 * entries that held their values keep only a note of who deleted them and when (Decree 13/2023: deleted
 * data must not live on in the log). Backups made before keep the record until they are rotated away.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { ParsedInput } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import type { PurgeResult } from '../../../shared/subjects';
import { scrubAudit } from '../audit';
import { onPostgres } from '../../db/engine';
import { sqliteHandle } from '../../db/open';
import { log } from '../../platform/log';
import { notFound, writeAudit, type Context, type Trx } from '../context';

/** The record and, level by level, every record merged into it. */
async function withMergedRecords(trx: Trx, id: string): Promise<string[]> {
  const all = [id];
  for (let level = [id]; level.length > 0; ) {
    level = (await trx.selectFrom('subjects').select('id').where('mergedInto', 'in', level).execute()).map((row) => row.id);
    all.push(...level);
  }
  return all;
}

export async function purgeSubject(ctx: Context, input: ParsedInput<'subjects.purge'>): Promise<PurgeResult> {
  if (onPostgres(ctx.db)) return purgeOnServer(ctx, input.id);
  const sqlite = sqliteHandle(ctx.db);
  // Held from start to end, so no other request's statement runs between the pragmas.
  return ctx.db.connection().execute(async (db) => {
    const secureBefore = sqlite.pragma('secure_delete', { simple: true }) as number;
    const busyBefore = sqlite.pragma('busy_timeout', { simple: true }) as number;
    // Freed space is zeroed as the rows go (VACUUM below then leaves no older copy either).
    sqlite.pragma('secure_delete = ON');
    try {
      const result = await db.transaction().execute((trx) => purgeIn(trx, ctx, input.id));
      // The clean-up waits at most a second for another program (a backup, the CLI): the app is held meanwhile.
      sqlite.pragma('busy_timeout = 1000');
      return { ...result, fileCleaned: cleanFile(sqlite) };
    } finally {
      sqlite.pragma(`secure_delete = ${secureBefore ? 'ON' : 'OFF'}`);
      sqlite.pragma(`busy_timeout = ${busyBefore}`);
    }
  });
}

/**
 * On a PostgreSQL server the rows go the same way; VACUUM then frees their old versions for reuse. It does
 * not overwrite them, and the server's own write-ahead log and its backups are the server's: the result
 * never claims the data is clean (an administrator runs VACUUM FULL when the server may be held, README).
 */
async function purgeOnServer(ctx: Context, id: string): Promise<PurgeResult> {
  const result = await ctx.db.transaction().execute((trx) => purgeIn(trx, ctx, id));
  await sql`vacuum subjects, subject_reviews, subject_status_changes, subject_distinct_pairs, audit_log`.execute(ctx.db);
  return { ...result, fileCleaned: false };
}

/**
 * Removes what a delete leaves behind in the file. The search index still holds the record's words from
 * before it went to the Trash (a delete only marks them): merging its segments drops them. Old copies of
 * the values lie in pages' unused space (rows moved when pages split): VACUUM writes the file anew. The
 * journal's copies go with a full checkpoint, which another program still reading the old pages
 * prevents: then the file is reported not clean (the next purge, or the app's own checkpoints, finish it).
 */
function cleanFile(sqlite: BetterSqlite3.Database): boolean {
  try {
    sqlite.exec("insert into subjects_search (subjects_search) values ('optimize')");
    sqlite.exec('vacuum');
    const [checkpoint] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    return checkpoint !== undefined && checkpoint.busy === 0 && checkpoint.log === checkpoint.checkpointed;
  } catch (error) {
    // The record is gone already; only its old copies in unused space may stay until the next purge.
    log.warn('subjects.purge_clean_failed', { code: String((error as { code?: unknown }).code ?? 'unknown') });
    return false;
  }
}

async function purgeIn(trx: Trx, ctx: Context, id: string): Promise<Omit<PurgeResult, 'fileCleaned'>> {
  const row = await trx.selectFrom('subjects').select(['id', 'deletedAt', 'mergedInto']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('hồ sơ');
  if (row.mergedInto) throw new ApiError('conflict', 'Hồ sơ này đã được gộp vào một hồ sơ khác: xóa hẳn hồ sơ đó sẽ xóa cả hồ sơ này.');
  if (!row.deletedAt) throw new ApiError('conflict', 'Chỉ xóa hẳn được hồ sơ đã ở trong Thùng rác: hãy xóa (vào Thùng rác) trước.');
  const ids = await withMergedRecords(trx, id);
  const reviewIds = (await trx.selectFrom('subjectReviews').select('id').where('subjectId', 'in', ids).execute()).map((review) => review.id);
  const statusChanges = await trx.deleteFrom('subjectStatusChanges').where('subjectId', 'in', ids).executeTakeFirst();
  await trx.deleteFrom('subjectReviews').where('subjectId', 'in', ids).execute();
  // A ward's version of the record, waiting for a decision, goes too; merged_records keeps only the ids, so a merge never brings the record back.
  await trx.deleteFrom('mergeConflicts').where('recordId', 'in', [...ids, ...reviewIds]).execute();
  await trx.deleteFrom('subjectDistinctPairs').where((eb) => eb.or([eb('subjectA', 'in', ids), eb('subjectB', 'in', ids)])).execute();
  // Merged records refer to the kept one: they go first.
  for (const each of [...ids].reverse()) await trx.deleteFrom('subjects').where('id', '=', each).execute();
  const auditEntries = await scrubAudit(trx, ctx, [
    { entity: 'subject', ids },
    { entity: 'review', ids: reviewIds },
  ]);
  const result = { records: ids.length, reviews: reviewIds.length, statusChanges: Number(statusChanges.numDeletedRows), auditEntries };
  await writeAudit(trx, ctx, { entity: 'subject', entityId: id, action: 'delete', after: result });
  return result;
}
