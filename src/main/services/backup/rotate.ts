/** Rotation of automatic backups: which ones go (by day, then by month), and their files deleted and marked in the history. */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BackupRecord } from '../../../shared/backup';
import type { BackupsTable } from '../../db/schema';
import { log } from '../../platform/log';
import type { Context } from '../context';
import { toRecord } from './records';

const localDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate());
const dayKey = (date: Date) => `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
const monthIndex = (date: Date) => date.getFullYear() * 12 + date.getMonth();

/**
 * Which automatic backups (of one folder) rotation removes, by local time: all from today are kept; of
 * the 14 days before, the newest of each day; of the 12 months before, the newest of each month.
 */
export function backupsToRemove(backups: { id: string; createdAt: string }[], now: Date): string[] {
  const today = localDay(now);
  const seenDays = new Set<string>();
  const seenMonths = new Set<number>();
  const remove: string[] = [];
  for (const backup of [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt))) {
    const at = new Date(backup.createdAt);
    const newestOfDay = !seenDays.has(dayKey(at));
    const newestOfMonth = !seenMonths.has(monthIndex(at));
    seenDays.add(dayKey(at));
    seenMonths.add(monthIndex(at));
    const daysAgo = Math.round((today.getTime() - localDay(at).getTime()) / 86_400_000);
    const monthsAgo = monthIndex(now) - monthIndex(at);
    const keep = daysAgo <= 0 || (daysAgo <= 14 && newestOfDay) || (monthsAgo <= 12 && newestOfMonth);
    if (!keep) remove.push(backup.id);
  }
  return remove;
}

/** Deletes the files rotation removes (only files the history knows, folder by folder) and marks them. */
export async function rotateAutomaticBackups(ctx: Context, now = new Date()): Promise<BackupRecord[]> {
  const rows = await ctx.db.selectFrom('backups').selectAll().where('kind', '=', 'automatic').where('status', '=', 'ok').where('removedAt', 'is', null).execute();
  const byFolder = new Map<string, BackupsTable[]>();
  for (const row of rows) byFolder.set(dirname(row.file), [...(byFolder.get(dirname(row.file)) ?? []), row]);
  const removed: BackupRecord[] = [];
  for (const group of byFolder.values()) {
    for (const id of backupsToRemove(group, now)) {
      const row = group.find((candidate) => candidate.id === id)!;
      try {
        rmSync(row.file, { force: true });
      } catch (error) {
        log.error('backup.rotate_failed', error);
        continue;
      }
      const removedAt = now.toISOString();
      await ctx.db.updateTable('backups').set({ removedAt }).where('id', '=', id).execute();
      removed.push(toRecord({ ...row, removedAt }));
    }
  }
  return removed;
}
