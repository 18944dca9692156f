/** Making one backup: written by a worker thread into a partial file, renamed into place, recorded (or its failure recorded). */
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { BackupKind, BackupRecord } from '../../../shared/backup';
import { BackupError, discardFile, fsyncDir, isSqliteHeader } from '../../db/backup';
import { copyServerToFile } from '../../db/copy';
import { readHead } from '../../platform/file-head';
import { log } from '../../platform/log';
import { privateDir } from '../../platform/private-files';
import type { Workspace } from '../../workspace';
import { runInWorker } from '../../platform/worker-thread';
import { readSetting } from '../app';
import type { Context } from '../context';
import { isEncryptedHeader } from './crypto';
import { writeFailure } from './failures';
import { backupFileName, partialName, samePath, stagingDir, uniquePath, type BackupDestination } from './naming';
import { slice, startOperation, type Operation, type ProgressListener } from './operation';
import { recordBackup } from './records';
import { SETTING_KEYS } from './settings';

export interface BackupRequest {
  kind: BackupKind;
  destination: BackupDestination;
  /** Encrypts the file (.antqbak) with this password. */
  password?: string | null;
  onProgress?: ProgressListener;
  /** The time the file is named after (tests inject it). */
  now?: Date;
}

export interface BackupWritten {
  record: BackupRecord;
  /** Where the file is (for a download, in the staging folder until it is fetched). */
  path: string;
}

/** Makes a backup (one operation at a time): written, verified, synced, renamed into place and recorded. */
export async function createBackup(workspace: Workspace, ctx: Context, request: BackupRequest): Promise<BackupWritten> {
  const operation = await startOperation(workspace, 'backup', request.onProgress);
  try {
    return await writeBackup(workspace, ctx, request, operation, 0, 1);
  } finally {
    operation.end();
  }
}

/** The staging folder, created owner-only when missing. */
function privateStaging(dataDir: string): string {
  const folder = stagingDir(dataDir);
  privateDir(folder);
  return folder;
}

async function unitName(ctx: Context): Promise<string | null> {
  const value = await readSetting(ctx, SETTING_KEYS.unit);
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

export async function writeBackup(workspace: Workspace, ctx: Context, request: BackupRequest, operation: Operation, from: number, to: number): Promise<BackupWritten> {
  const at = request.now ?? new Date();
  const encrypted = Boolean(request.password);
  const unit = await unitName(ctx);
  const destination = request.destination;
  const folder = 'folder' in destination ? resolve(destination.folder) : dirname(resolve(destination.file));
  let finalFile = 'file' in destination ? resolve(destination.file) : join(folder, backupFileName(unit, at, request.kind, encrypted));
  const forDownload = 'folder' in destination && destination.forDownload === true;
  let partial: string | null = null;
  let serverCopy: string | null = null;
  const step = (phase: string, a: number, b: number) => slice(operation, phase, from + (to - from) * a, from + (to - from) * b);
  try {
    if (samePath(finalFile, workspace.file) || (samePath(folder, dirname(workspace.file)) && basename(finalFile).startsWith(basename(workspace.file)))) {
      throw new BackupError('destination', 'Không thể ghi bản sao lưu đè lên chính tệp dữ liệu đang dùng. Hãy chọn nơi khác.');
    }
    mkdirSync(folder, { recursive: true });
    if ('folder' in destination) {
      finalFile = uniquePath(folder, basename(finalFile));
    } else if (existsSync(finalFile)) {
      // A scheduled `backup --to X.sqlite` replaces yesterday's copy; anything else is never overwritten.
      const head = statSync(finalFile).isFile() ? readHead(finalFile, 16) : Buffer.alloc(0);
      if (!isSqliteHeader(head) && !isEncryptedHeader(head)) {
        throw new BackupError('destination', `Đã có tệp "${finalFile}" không phải bản sao lưu: không ghi đè. Hãy chọn tên khác.`);
      }
    }
    partial = partialName(finalFile);
    step('Đang sao chép dữ liệu…', 0, 0)(0);
    const meta = { createdAt: at.toISOString(), unit, kind: request.kind, appVersion: workspace.appVersion };
    // A server's data is first copied into a private file of the same schema: the backup is then made from it as from the app's own file.
    serverCopy = workspace.engine === 'postgres' ? partialName(join(privateStaging(workspace.dataDir), 'may-chu.sqlite')) : null;
    if (serverCopy) {
      step('Đang chép dữ liệu từ máy chủ…', 0, 0)(0);
      await copyServerToFile(ctx.db, serverCopy);
    }
    const snapshot = await runInWorker(
      'writeBackup',
      { source: serverCopy ?? workspace.file, partial, password: request.password || null, removeKeys: [SETTING_KEYS.password], meta, name: basename(finalFile), nativeBinding: workspace.nativeBinding },
      { onProgress: (phase, fraction) => step(phase, serverCopy ? 0.3 : 0, 0.99)(fraction) },
    );
    renameSync(partial, finalFile);
    fsyncDir(folder);
    const record = await recordBackup(ctx, {
      kind: request.kind,
      file: forDownload ? basename(finalFile) : finalFile,
      createdAt: at.toISOString(),
      bytes: statSync(finalFile).size,
      encrypted: encrypted ? 1 : 0,
      status: 'ok',
      error: null,
      counts: snapshot.registers,
    });
    step('Đã sao lưu xong.', 1, 1)(1);
    return { record, path: finalFile };
  } catch (error) {
    if (partial) discardFile(partial);
    const failure = writeFailure(error, folder);
    if (!failure) log.error('backup.failed', error, { kind: request.kind });
    const message = failure?.message ?? 'Sao lưu không thành công do một lỗi không mong muốn. Dữ liệu trong ứng dụng không bị ảnh hưởng.';
    await recordBackup(ctx, { kind: request.kind, file: finalFile, createdAt: at.toISOString(), bytes: 0, encrypted: encrypted ? 1 : 0, status: 'failed', error: message, counts: null }).catch(
      (recordError: unknown) => log.error('backup.record_failed', recordError),
    );
    throw failure ?? error;
  } finally {
    // The server's data in plain text: never left behind.
    if (serverCopy) discardFile(serverCopy);
  }
}
