/** The backup settings and the automatic-backup password as stored, read and written, and a chosen folder checked. */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_INTERVAL_HOURS, type BackupSettings, type LastRestore } from '../../../shared/backup';
import { ApiError } from '../../../shared/errors';
import { BackupError } from '../../db/backup';
import { sqliteHandle } from '../../db/open';
import { log } from '../../platform/log';
import { trySeal, tryOpen, type SecretKeeping } from '../../platform/secrets';
import type { Workspace } from '../../workspace';
import { readSetting } from '../app';
import { nowIso, type Context } from '../context';
import { writeFailure } from './failures';
import { defaultBackupFolder } from './naming';

export const SETTING_KEYS = {
  settings: 'backup:settings',
  /** The password for automatic encrypted backups, sealed (see writePassword): in the live database only, removed from every copy. */
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

/** The stored form of the password: sealed by the operating system's key store, never the text itself. */
interface SealedPassword {
  sealed: string;
}
const isSealed = (value: unknown): value is SealedPassword => typeof value === 'object' && value !== null && typeof (value as SealedPassword).sealed === 'string';

/**
 * How the automatic-backup password is kept here: sealed in the file by the OS key store, or held for
 * this run (no key store, or it refused to seal).
 */
export const passwordKeeping = (workspace: Workspace): SecretKeeping =>
  workspace.sealer && !workspace.heldSecrets.get(workspace.realFile, SETTING_KEYS.password) ? 'sealed' : 'this-run';

/** The password lives with the real data (automatic backups are of the real data only), also while the demo is open. */
const realData = (workspace: Workspace, ctx: Context): Context => ({ ...ctx, db: workspace.accounts() });

/**
 * The automatic-backup password: held for this run, or opened from its sealed form. Null when there is
 * none here, also when the sealed form cannot be opened (another user, another PC): the Backup page then
 * asks for it again.
 */
export async function readPassword(workspace: Workspace, ctx: Context): Promise<string | null> {
  const held = workspace.heldSecrets.get(workspace.realFile, SETTING_KEYS.password);
  if (held) return held;
  const value = await readSetting(realData(workspace, ctx), SETTING_KEYS.password);
  return isSealed(value) ? tryOpen(workspace.sealer, value.sealed, 'backup.password_unsealable') : null;
}

/**
 * Keeps the automatic-backup password as this host can (sealed in the real data file, or held for this
 * run), or forgets it. Never as text: the row is written with secure_delete on, so an older value's bytes
 * are overwritten too.
 */
export async function writePassword(workspace: Workspace, ctx: Context, password: string | null): Promise<void> {
  // Without a key store, or when it refuses, the password is held for the run.
  const sealed = password ? trySeal(workspace.sealer, password, 'backup.password_seal_failed') : null;
  const db = workspace.accounts();
  const sqlite = sqliteHandle(db);
  await db.connection().execute(async (connection) => {
    const before = sqlite.pragma('secure_delete', { simple: true }) as number;
    sqlite.pragma('secure_delete = ON');
    try {
      await connection.deleteFrom('settings').where('key', '=', SETTING_KEYS.password).execute();
      if (sealed) {
        const value: SealedPassword = { sealed };
        await connection.insertInto('settings').values({ key: SETTING_KEYS.password, value: JSON.stringify(value), updatedAt: nowIso(), updatedBy: ctx.user.id }).execute();
      }
    } finally {
      sqlite.pragma(`secure_delete = ${before ? 'ON' : 'OFF'}`);
    }
  });
  workspace.heldSecrets.set(workspace.realFile, SETTING_KEYS.password, sealed ? null : password);
}

/** A password given to this run (the web host's --backup-password-file): held, a sealed one left as it is. */
export function holdPasswordForRun(workspace: Workspace, password: string): void {
  workspace.heldSecrets.set(workspace.realFile, SETTING_KEYS.password, password);
}

/**
 * Earlier versions stored the password as text. At start it is sealed where the host can, else held for
 * this run only; either way the text is overwritten in the real data file.
 */
export async function protectStoredPassword(workspace: Workspace): Promise<void> {
  const ctx = workspace.context();
  const value = await readSetting(realData(workspace, ctx), SETTING_KEYS.password);
  if (typeof value !== 'string') return;
  await writePassword(workspace, ctx, value || null);
  log.info('backup.password_protected', { keeping: passwordKeeping(workspace) });
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
