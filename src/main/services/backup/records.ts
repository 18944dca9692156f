/** The `backups` history table: an attempt recorded, a row read back as the API shows it. */
import { randomUUID } from 'node:crypto';
import type { BackupRecord, RegisterSnapshot } from '../../../shared/backup';
import type { BackupsTable } from '../../db/schema';
import type { Context } from '../context';

const EMPTY_COUNTS: RegisterSnapshot = { models: 0, members: 0, evaluations: 0, subjects: 0, reviews: 0, nominations: 0 };

export function toRecord(row: BackupsTable): BackupRecord {
  return {
    id: row.id,
    kind: row.kind,
    file: row.file,
    createdAt: row.createdAt,
    bytes: row.bytes,
    encrypted: row.encrypted === 1,
    status: row.status,
    error: row.error,
    counts: row.countsJson ? { ...EMPTY_COUNTS, ...(JSON.parse(row.countsJson) as Partial<RegisterSnapshot>) } : null,
    removedAt: row.removedAt,
  };
}

export async function recordBackup(ctx: Context, values: Omit<BackupsTable, 'id' | 'createdBy' | 'removedAt' | 'countsJson'> & { counts: RegisterSnapshot | null }): Promise<BackupRecord> {
  const { counts, ...rest } = values;
  const row: BackupsTable = { id: randomUUID(), ...rest, countsJson: counts ? JSON.stringify(counts) : null, removedAt: null, createdBy: ctx.user.id };
  await ctx.db.insertInto('backups').values(row).execute();
  return toRecord(row);
}
