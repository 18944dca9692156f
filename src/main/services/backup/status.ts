/** What the Backup page shows and saves: the status (last backup, failure, settings, undo), the history, the settings form. */
import { existsSync } from 'node:fs';
import type { ParsedInput } from '../../../shared/api';
import { STALE_AFTER_DAYS, type BackupRecord, type BackupStatus } from '../../../shared/backup';
import { ApiError } from '../../../shared/errors';
import type { Workspace } from '../../workspace';
import { writeSetting } from '../app';
import { writeAudit, type Context } from '../context';
import { samePath } from './naming';
import { currentProgress } from './operation';
import { toRecord } from './records';
import { checkFolder, passwordKeeping, readBackupSettings, readLastRestore, readPassword, SETTING_KEYS, writePassword, type StoredSettings } from './settings';

export async function setBackupSettings(workspace: Workspace, ctx: Context, input: ParsedInput<'backup.setSettings'>): Promise<BackupStatus> {
  const before = await readBackupSettings(workspace, ctx);
  const folder = input.folder.trim() ? checkFolder(input.folder.trim(), 'folder') : '';
  const secondFolder = input.secondFolder?.trim() ? checkFolder(input.secondFolder.trim(), 'secondFolder') : null;
  if (secondFolder && samePath(secondFolder, folder || before.defaultFolder)) {
    throw new ApiError('validation', 'Thư mục thứ hai phải khác thư mục sao lưu chính (nên ở ổ đĩa khác).', [{ field: 'secondFolder', message: 'Trùng với thư mục chính.' }]);
  }
  const hasPassword = input.password ? true : input.clearPassword ? false : (await readPassword(workspace, ctx)) !== null;
  if (input.encryptAutomatic && !hasPassword) {
    throw new ApiError('validation', 'Hãy đặt mật khẩu để mã hóa bản sao lưu tự động.', [{ field: 'password', message: 'Chưa có mật khẩu.' }]);
  }
  const stored: StoredSettings = { automatic: input.automatic, intervalHours: input.intervalHours, folder, secondFolder, encryptAutomatic: input.encryptAutomatic };
  // The password first: encryption is never switched on without it.
  if (input.password) await writePassword(workspace, ctx, input.password);
  else if (input.clearPassword) await writePassword(workspace, ctx, null);
  await writeSetting(ctx, SETTING_KEYS.settings, stored);
  const { defaultFolder: _default, ...previous } = before;
  await writeAudit(ctx.db, ctx, {
    entity: 'setting',
    entityId: SETTING_KEYS.settings,
    action: 'update',
    before: previous,
    after: { ...stored, passwordChanged: Boolean(input.password || input.clearPassword) }, // never the password itself
  });
  return backupStatus(workspace, ctx);
}

/** The first run's offer: automatic backups encrypted with this password from now on, the other settings kept. */
export async function encryptAutomaticBackups(workspace: Workspace, ctx: Context, password: string): Promise<void> {
  const current = await readBackupSettings(workspace, ctx);
  await setBackupSettings(workspace, ctx, {
    automatic: current.automatic,
    intervalHours: current.intervalHours,
    folder: samePath(current.folder, current.defaultFolder) ? '' : current.folder,
    secondFolder: current.secondFolder,
    encryptAutomatic: true,
    password,
    clearPassword: false,
  });
}

export async function backupStatus(workspace: Workspace, ctx: Context, now = new Date()): Promise<BackupStatus> {
  const newest = (status: 'ok' | 'failed') =>
    ctx.db.selectFrom('backups').selectAll().where('status', '=', status).where('kind', 'in', ['manual', 'automatic']).orderBy('createdAt', 'desc').limit(1).executeTakeFirst();
  const lastRow = await newest('ok');
  const failedRow = await newest('failed');
  const last = lastRow ? toRecord(lastRow) : null;
  const lastRestore = await readLastRestore(ctx);
  let undoAvailable = false;
  if (lastRestore) {
    const safety = await ctx.db.selectFrom('backups').select('file').where('id', '=', lastRestore.safetyBackupId).executeTakeFirst();
    undoAvailable = Boolean(safety && existsSync(safety.file));
  }
  return {
    last,
    lastFailure: failedRow && (!last || failedRow.createdAt > last.createdAt) ? toRecord(failedRow) : null,
    stale: !last || now.getTime() - new Date(last.createdAt).getTime() > STALE_AFTER_DAYS * 24 * 3600 * 1000,
    settings: await readBackupSettings(workspace, ctx),
    hasAutomaticPassword: (await readPassword(workspace, ctx)) !== null,
    passwordKeeping: passwordKeeping(workspace),
    lastRestore,
    undoAvailable,
    running: currentProgress(workspace),
  };
}

export async function backupHistory(ctx: Context, query: ParsedInput<'backup.history'>): Promise<BackupRecord[]> {
  let select = ctx.db.selectFrom('backups').selectAll().orderBy('createdAt', 'desc').limit(query.limit);
  if (!query.includeRemoved) select = select.where('removedAt', 'is', null);
  return (await select.execute()).map(toRecord);
}
