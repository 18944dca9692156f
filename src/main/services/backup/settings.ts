/** The backup settings and the automatic-backup password as stored, read and written, and a chosen folder checked. */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_INTERVAL_HOURS, type BackupSettings, type LastRestore } from '../../../shared/backup';
import { ApiError } from '../../../shared/errors';
import { BackupError } from '../../db/backup';
import type { Workspace } from '../../workspace';
import { readSetting } from '../app';
import { nowIso, type Context } from '../context';
import { writeFailure } from './failures';
import { defaultBackupFolder } from './naming';

export const SETTING_KEYS = {
  settings: 'backup:settings',
  /** The password for automatic encrypted backups: in the live database only, removed from every copy. */
  password: 'backup:password',
  lastRestore: 'backup:lastRestore',
  unit: 'unit:name',
} as const;

export interface StoredSettings {
  automatic: boolean;
  intervalHours: number;
  folder: string;
  secondFolder: string | null;
  encryptAutomatic: boolean;
}

export async function readBackupSettings(workspace: Workspace, ctx: Context): Promise<BackupSettings> {
  const stored = ((await readSetting(ctx, SETTING_KEYS.settings)) ?? {}) as Partial<StoredSettings>;
  const defaultFolder = defaultBackupFolder(workspace.dataDir);
  return {
    automatic: stored.automatic ?? true,
    intervalHours: stored.intervalHours ?? DEFAULT_INTERVAL_HOURS,
    folder: stored.folder || defaultFolder,
    defaultFolder,
    secondFolder: stored.secondFolder || null,
    encryptAutomatic: stored.encryptAutomatic ?? false,
  };
}

export async function readPassword(ctx: Context): Promise<string | null> {
  const value = await readSetting(ctx, SETTING_KEYS.password);
  return typeof value === 'string' && value ? value : null;
}

/** Writes or removes the stored password with secure_delete on, so the old value's bytes are overwritten. */
export async function writePassword(workspace: Workspace, ctx: Context, password: string | null): Promise<void> {
  const sqlite = workspace.sqlite;
  await ctx.db.connection().execute(async (db) => {
    const before = sqlite.pragma('secure_delete', { simple: true }) as number;
    sqlite.pragma('secure_delete = ON');
    try {
      await db.deleteFrom('settings').where('key', '=', SETTING_KEYS.password).execute();
      if (password) {
        await db
          .insertInto('settings')
          .values({ key: SETTING_KEYS.password, value: JSON.stringify(password), updatedAt: nowIso(), updatedBy: ctx.user.id })
          .execute();
      }
    } finally {
      sqlite.pragma(`secure_delete = ${before ? 'ON' : 'OFF'}`);
    }
  });
}

/** A folder the officer chose: absolute, created if missing, and writable (a probe file is written and removed). */
export function checkFolder(path: string, field: string): string {
  if (!isAbsolute(path)) throw new ApiError('validation', 'Hãy chọn thư mục bằng đường dẫn đầy đủ (ví dụ D:\\SaoLuu).', [{ field, message: 'Cần đường dẫn đầy đủ.' }]);
  const folder = resolve(path);
  try {
    mkdirSync(folder, { recursive: true });
    const probe = join(folder, `.kiem-tra-ghi-${randomUUID()}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    const failure = writeFailure(error, folder);
    throw new BackupError('destination', failure?.message ?? `Không dùng được thư mục "${folder}".`, field);
  }
  return folder;
}

export async function readLastRestore(ctx: Context): Promise<LastRestore | null> {
  const value = (await readSetting(ctx, SETTING_KEYS.lastRestore)) as LastRestore | null;
  return value && typeof value.safetyBackupId === 'string' ? value : null;
}
