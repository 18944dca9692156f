/** The scheduler's backup: into the backup folder, copied to the second folder, then rotation; encrypted when the settings say so. */
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, renameSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { BackupRecord } from '../../../shared/backup';
import { BackupError, discardFile, fsyncDir, fsyncFile } from '../../db/backup';
import { log } from '../../platform/log';
import { privateFile } from '../../platform/private-files';
import type { Workspace } from '../../workspace';
import type { Context } from '../context';
import { writeBackup, type BackupWritten } from './create';
import { writeFailure } from './failures';
import { partialName, uniquePath } from './naming';
import { startOperation, type ProgressListener } from './operation';
import { recordBackup } from './records';
import { rotateAutomaticBackups } from './rotate';
import { readBackupSettings, readPassword } from './settings';

/**
 * One automatic backup: into the backup folder, then copied to the second folder if set (or made there
 * directly when the first failed), then rotation. Encrypted with the stored password when the setting
 * says so; with no password stored it fails (it never falls back to a plain file).
 */
export async function runAutomaticBackup(workspace: Workspace, options: { now?: Date; onProgress?: ProgressListener } = {}): Promise<BackupRecord[]> {
  const ctx = workspace.context();
  const now = options.now ?? new Date();
  const operation = await startOperation(workspace, 'backup', options.onProgress, { automatic: true });
  try {
    const settings = await readBackupSettings(workspace, ctx);
    const password = settings.encryptAutomatic ? await readPassword(workspace, ctx) : null;
    if (settings.encryptAutomatic && !password) {
      const message = 'Đã bật mã hóa bản sao lưu tự động nhưng chưa có mật khẩu ở lần chạy này, nên chưa sao lưu. Hãy nhập mật khẩu trong phần Sao lưu.';
      await recordBackup(ctx, { kind: 'automatic', file: settings.folder, createdAt: now.toISOString(), bytes: 0, encrypted: 1, status: 'failed', error: message, counts: null });
      throw new BackupError('password', message);
    }
    const records: BackupRecord[] = [];
    let made: BackupWritten | null = null;
    let firstError: unknown = null;
    for (const folder of [settings.folder, settings.secondFolder].filter((value): value is string => Boolean(value))) {
      try {
        if (made) records.push(await copyBackup(ctx, made, folder));
        else {
          made = await writeBackup(workspace, ctx, { kind: 'automatic', destination: { folder }, password, now }, operation, 0, 1);
          records.push(made.record);
        }
      } catch (error) {
        firstError ??= error;
      }
    }
    await rotateAutomaticBackups(ctx, now);
    if (records.length === 0) throw firstError;
    return records;
  } finally {
    operation.end();
  }
}

/** Copies a verified backup file into another folder (the second location), checks it byte for byte, records it. */
async function copyBackup(ctx: Context, source: BackupWritten, folder: string): Promise<BackupRecord> {
  const target = uniquePath(folder, basename(source.path));
  const partial = partialName(target);
  try {
    mkdirSync(folder, { recursive: true });
    privateFile(partial); // owner only, like the backup it copies (copyFile gives it the source's mode too)
    await copyFile(source.path, partial);
    privateFile(partial, { create: false });
    fsyncFile(partial);
    if ((await sha256(partial)) !== (await sha256(source.path))) throw new BackupError('verify', `Bản sao lưu chép sang "${folder}" đọc lại không khớp. Bản chép này đã bị bỏ.`);
    renameSync(partial, target);
    fsyncDir(folder);
    const { kind, createdAt, bytes, encrypted, counts } = source.record;
    return await recordBackup(ctx, { kind, file: target, createdAt, bytes, encrypted: encrypted ? 1 : 0, status: 'ok', error: null, counts });
  } catch (error) {
    discardFile(partial);
    const failure = writeFailure(error, folder);
    const message = failure?.message ?? 'Chép bản sao lưu sang thư mục thứ hai không thành công.';
    await recordBackup(ctx, { kind: source.record.kind, file: target, createdAt: source.record.createdAt, bytes: 0, encrypted: source.record.encrypted ? 1 : 0, status: 'failed', error: message, counts: null }).catch(
      (recordError: unknown) => log.error('backup.record_failed', recordError),
    );
    throw failure ?? error;
  }
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
