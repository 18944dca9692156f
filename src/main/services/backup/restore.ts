/** Restoring a backup over the current data (with a safety backup first), and undoing the last restore the same way. */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { BackupInfo, LastRestore, RestoreResult } from '../../../shared/backup';
import { BACKUP_META_KEY, BackupError, discardFile, fsyncFile, hasSidecars } from '../../db/backup';
import type { Db } from '../../db/open';
import { log } from '../../platform/log';
import type { Workspace } from '../../workspace';
import { nowIso, type Context } from '../context';
import { writeBackup, type BackupWritten } from './create';
import { describe, migrateCopy, refuseUnfinished } from './inspect';
import { defaultBackupFolder } from './naming';
import { slice, startOperation, type Operation, type ProgressListener } from './operation';
import { readLastRestore, SETTING_KEYS } from './settings';
import { IDLE_MINUTES_KEY } from '../users/accounts';
import { stageSource, type SourceFile, type Staged } from './staging';

export interface RestoreOptions {
  onProgress?: ProgressListener;
  /** Runs once the restored file is open; a failure there rolls the restore back (tests use it). */
  afterOpen?: () => Promise<void>;
}

const UNCHANGED = 'Dữ liệu hiện tại không bị thay đổi.';

/**
 * Demo and real data never mix: a backup made from the demo data (it carries DEMO_MARKER) is never
 * restored over the real data. Verify still describes it (mode 'demo'); restoring it is refused.
 */
export function refuseDemoBackup(info: BackupInfo): void {
  if (info.mode !== 'demo') return;
  throw new BackupError(
    'bad_file',
    `Tệp "${info.file}" là bản sao lưu của DỮ LIỆU MẪU (thử nghiệm), không phải dữ liệu thật, nên không được khôi phục vào dữ liệu thật. ${UNCHANGED}`,
  );
}

const withUnchanged = (error: BackupError) =>
  error.message.includes(UNCHANGED) ? error : new BackupError(error.reason, `${error.message} ${UNCHANGED}`, error.fields?.[0]?.field);

export async function restoreBackup(workspace: Workspace, ctx: Context, source: SourceFile, password?: string | null, options: RestoreOptions = {}): Promise<RestoreResult> {
  const operation = await startOperation(workspace, 'restore', options.onProgress);
  try {
    return await restoreFrom(workspace, ctx, source, password, null, operation, options);
  } finally {
    operation.end();
  }
}

/** Brings back the data as it was before the last restore (its safety backup), the same careful way. */
export async function undoRestore(workspace: Workspace, ctx: Context, options: RestoreOptions = {}): Promise<RestoreResult> {
  const operation = await startOperation(workspace, 'undo', options.onProgress);
  try {
    const last = await readLastRestore(ctx);
    if (!last) throw new BackupError('unavailable', 'Chưa có lần khôi phục nào để hoàn tác.');
    const safety = await ctx.db.selectFrom('backups').selectAll().where('id', '=', last.safetyBackupId).executeTakeFirst();
    if (!safety || !existsSync(safety.file)) {
      throw new BackupError('unavailable', 'Không còn bản sao an toàn của lần khôi phục trước nên không hoàn tác được. ' + UNCHANGED);
    }
    return await restoreFrom(workspace, ctx, { path: safety.file, name: basename(safety.file) }, null, last, operation, options);
  } finally {
    operation.end();
  }
}

async function restoreFrom(
  workspace: Workspace,
  ctx: Context,
  source: SourceFile,
  password: string | null | undefined,
  undoing: LastRestore | null,
  operation: Operation,
  options: RestoreOptions,
): Promise<RestoreResult> {
  if (workspace.mode !== 'real') throw new BackupError('unavailable', `Đang mở dữ liệu mẫu. Hãy chuyển về dữ liệu thật rồi khôi phục. ${UNCHANGED}`);
  let staged: Staged | null = null;
  try {
    staged = await stageSource(workspace.dataDir, source, password, slice(operation, 'Đang đọc tệp sao lưu…', 0, 0.25));
    operation.report('Đang kiểm tra tệp sao lưu…', 0.3);
    const info = await describe(staged, source, workspace.nativeBinding);
    refuseUnfinished(source, info);
    refuseDemoBackup(info);

    operation.report(info.needsMigration ? 'Đang nâng cấp dữ liệu lên phiên bản hiện tại…' : 'Đang chuẩn bị dữ liệu…', 0.4);
    const prepared = await migrateCopy(staged, source, workspace.nativeBinding);
    let safety: BackupWritten;
    try {
      try {
        safety = await writeBackup(workspace, ctx, { kind: 'safety', destination: { folder: defaultBackupFolder(workspace.dataDir) } }, operation, 0.5, 0.85);
      } catch (error) {
        const reason = error instanceof BackupError ? error.message : 'lỗi không mong muốn';
        throw new BackupError(error instanceof BackupError ? error.reason : 'destination', `Không tạo được bản sao an toàn của dữ liệu hiện tại nên chưa khôi phục: ${reason}`);
      }
      const lastRestore: LastRestore | null = undoing ? null : { at: nowIso(), restoredFile: source.name, safetyBackupId: safety.record.id };
      await carryOver(ctx, prepared.db, lastRestore);
      prepared.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      await prepared.close();
    }
    if (hasSidecars(staged.file)) throw new BackupError('restore_failed', 'Không đóng được tệp đã chuẩn bị để khôi phục.');
    fsyncFile(staged.file);

    operation.report('Đang thay tệp dữ liệu…', 0.9);
    try {
      await workspace.replaceDatabase(staged.file, options.afterOpen);
    } catch (error) {
      if (error instanceof BackupError) throw error;
      log.error('backup.restore_swap_failed', error);
      const code = String((error as { code?: unknown })?.code ?? '');
      throw new BackupError('restore_failed', `Khôi phục không thành công${code ? ` (${code})` : ''}; tệp dữ liệu cũ đã được đặt lại đúng như trước.`);
    }
    operation.report(undoing ? 'Đã hoàn tác lần khôi phục.' : 'Đã khôi phục xong.', 1);
    log.info(undoing ? 'backup.undone' : 'backup.restored', { schemaVersion: info.schemaVersion });
    return { restored: info, safetyBackup: safety.record };
  } catch (error) {
    if (error instanceof BackupError) throw withUnchanged(error);
    throw error;
  } finally {
    if (staged) discardFile(staged.file);
  }
}

/**
 * What belongs to this installation rather than to the data, copied into the file about to be restored:
 * the backup history (with the safety backup just taken), the backup settings and password, the accounts
 * as they are now (an older backup must not bring back a disabled account or a password reset because it
 * leaked) and the idle lock's minutes, and what "undo" needs. The restored file's own description of
 * itself is dropped: it is the live database now.
 */
async function carryOver(ctx: Context, prepared: Db, lastRestore: LastRestore | null): Promise<void> {
  const rows = await ctx.db.selectFrom('backups').selectAll().execute();
  const accounts = await ctx.db.selectFrom('users').selectAll().where('kind', '!=', 'system').execute();
  const keys = [SETTING_KEYS.settings, SETTING_KEYS.password, IDLE_MINUTES_KEY];
  const settings = await ctx.db.selectFrom('settings').selectAll().where('key', 'in', keys).execute();
  await prepared.transaction().execute(async (trx) => {
    for (let index = 0; index < rows.length; index += 200) {
      await trx
        .insertInto('backups')
        .values(rows.slice(index, index + 200))
        .onConflict((conflict) => conflict.column('id').doNothing())
        .execute();
    }
    for (const account of accounts) {
      // The backup's own account of the same name (another PC's) is kept, disabled, under another name.
      await trx
        .updateTable('users')
        .set({ username: `${account.username}.${account.id.slice(0, 4)}`.slice(0, 60), disabledAt: nowIso() })
        .where('username', '=', account.username)
        .where('id', '!=', account.id)
        .execute();
      const { id: _id, ...fields } = account;
      await trx
        .insertInto('users')
        .values(account)
        .onConflict((conflict) => conflict.column('id').doUpdateSet(fields))
        .execute();
    }
    await trx.deleteFrom('settings').where('key', 'in', [...keys, SETTING_KEYS.lastRestore, BACKUP_META_KEY]).execute();
    if (settings.length > 0) await trx.insertInto('settings').values(settings).execute();
    if (lastRestore) {
      await trx
        .insertInto('settings')
        .values({ key: SETTING_KEYS.lastRestore, value: JSON.stringify(lastRestore), updatedAt: nowIso(), updatedBy: ctx.user.id })
        .execute();
    }
  });
}
