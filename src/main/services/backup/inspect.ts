/** Checking a file offered for restore in full, on its private copy, without changing anything: what it holds, or why it cannot be used. */
import { basename } from 'node:path';
import type { BackupInfo } from '../../../shared/backup';
import { BackupError, discardFile } from '../../db/backup';
import { schemaError } from '../../db/candidate';
import { SCHEMA_VERSION } from '../../db/migrations';
import { FileMissingError, openDatabase, type OpenFile } from '../../db/open';
import { checkSchema } from '../../db/schema-check';
import { DEMO_MARKER } from '../../demo/marker';
import { log } from '../../platform/log';
import type { Workspace } from '../../workspace';
import { runInWorker } from '../../platform/worker-thread';
import { BACKUP_FILE_NAME, UNFINISHED_NAME } from './naming';
import { slice, startOperation, type ProgressListener } from './operation';
import { SETTING_KEYS } from './settings';
import { stageSource, type SourceFile, type Staged } from './staging';

/**
 * Refuses a backup that was never finished: a partial (`.dang-ghi`) file, or a plain file named like our
 * backups but without the seal a finished one carries (written last, once verified). A data file copied
 * off a PC has neither that name nor the seal, and is still accepted.
 */
export function refuseUnfinished(source: SourceFile, info?: BackupInfo): void {
  const name = basename(source.name);
  const unsealed = info !== undefined && !info.encrypted && info.createdAt === null && BACKUP_FILE_NAME.test(name);
  if (UNFINISHED_NAME.test(name) || unsealed) {
    throw new BackupError(
      'bad_file',
      `Tệp "${source.name}" là bản sao lưu chưa ghi xong (việc sao lưu đã bị ngắt giữa chừng), không dùng được. Hãy chọn một bản sao lưu đã hoàn tất hoặc sao lưu lại.`,
    );
  }
}

/** The candidate's checks (integrity_check on the whole file, its schema) run in a worker thread: the app keeps answering. */
export async function describe(staged: Staged, source: SourceFile, nativeBinding: string | undefined): Promise<BackupInfo> {
  const details = await runInWorker('checkCandidate', { file: staged.file, name: source.name, settingKeys: { unit: SETTING_KEYS.unit, demo: DEMO_MARKER }, nativeBinding });
  return {
    file: source.name,
    bytes: staged.bytes,
    createdAt: details.meta?.createdAt ?? null,
    unit: details.unit,
    kind: details.meta?.kind ?? null,
    schemaVersion: details.schemaVersion,
    appSchemaVersion: SCHEMA_VERSION,
    needsMigration: details.schemaVersion < SCHEMA_VERSION,
    encrypted: staged.encrypted,
    mode: details.demo ? 'demo' : 'real',
    counts: details.registers,
  };
}

/**
 * Opens the private copy as the app would, which migrates an older file forward, and checks the result
 * against the current schema before anything else uses it. Returned open; closed when refused.
 */
export async function migrateCopy(staged: Staged, source: SourceFile, nativeBinding: string | undefined): Promise<OpenFile> {
  let prepared: OpenFile;
  try {
    // Never a new empty database in its place: that would pass the schema check and be swapped in.
    prepared = await openDatabase(staged.file, { nativeBinding, mustExist: true });
  } catch (error) {
    if (error instanceof FileMissingError) {
      throw new BackupError('restore_failed', `Bản sao tạm của tệp "${source.name}" đã bị xóa trong lúc đang xử lý (có thể do một lệnh dọn dẹp chạy cùng lúc). Hãy thử lại.`);
    }
    log.error('backup.restore_migrate_failed', error);
    throw new BackupError('bad_file', `Không nâng cấp được dữ liệu trong tệp "${source.name}" lên phiên bản hiện tại của ứng dụng.`);
  }
  try {
    const problems = await checkSchema(prepared.sqlite, SCHEMA_VERSION, nativeBinding);
    if (problems.length > 0) throw schemaError(source.name, SCHEMA_VERSION, problems, true);
  } catch (error) {
    await prepared.close();
    throw error;
  }
  return prepared;
}

/**
 * Reads and checks a backup file in full without changing anything: what it holds, or why it cannot be
 * used. Needs only the data folder (for its private working copy), not the open database.
 */
export async function inspectBackup(workspace: Workspace | { dataDir: string; nativeBinding?: string }, source: SourceFile, password?: string | null, onProgress?: ProgressListener): Promise<BackupInfo> {
  const operation = await startOperation(workspace, 'inspect', onProgress);
  let staged: Staged | null = null;
  try {
    refuseUnfinished(source);
    staged = await stageSource(workspace.dataDir, source, password, slice(operation, 'Đang đọc tệp…', 0, 0.6));
    operation.report('Đang kiểm tra tệp…', 0.7);
    const info = await describe(staged, source, workspace.nativeBinding);
    refuseUnfinished(source, info);
    if (info.needsMigration) {
      operation.report('Đang thử nâng cấp dữ liệu lên phiên bản hiện tại…', 0.85);
      await (await migrateCopy(staged, source, workspace.nativeBinding)).close();
    }
    return info;
  } finally {
    if (staged) discardFile(staged.file);
    operation.end();
  }
}
