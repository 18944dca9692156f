/**
 * Backup and restore (issue 5): nothing an officer enters is ever lost.
 * - A backup is written by a worker thread (backup-snapshot.ts through worker-thread.ts): a snapshot
 *   of the live database taken in one read transaction with the counts it is checked against, the
 *   automatic-backup password removed, verified (integrity_check, every table's row count), sealed
 *   (`backup:meta`, written last), optionally encrypted from memory (no plaintext on disk) and checked
 *   again, synced; here it is renamed from its `.dang-ghi` name into place: a failure leaves no partial
 *   file, a crash one that `cleanLeftovers` removes and `inspectBackup` refuses. Every attempt, good or
 *   failed, goes into the `backups` history.
 * - A file offered for restore is read through a private copy in `<data folder>/tam` (decrypted there
 *   when it has a password), so the original is never touched, and checked in full before anything else.
 * - A restore migrates that copy forward, takes a safety backup of the current data, carries the backup
 *   history and settings over, and swaps the file in atomically through the Workspace; any failure puts
 *   the original back. "Undo" restores the safety backup the same way.
 * - Automatic backups (backup-scheduler.ts) go to one or two folders and are rotated; manual and safety
 *   backups never are.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import type { ParsedInput } from '../../shared/api';
import {
  DEFAULT_INTERVAL_HOURS,
  STALE_AFTER_DAYS,
  type BackupInfo,
  type BackupKind,
  type BackupProgress,
  type BackupRecord,
  type BackupSettings,
  type BackupStatus,
  type LastRestore,
  type RegisterSnapshot,
  type RestoreResult,
} from '../../shared/backup';
import { ApiError } from '../../shared/errors';
import { foldForSearch } from '../../shared/text';
import { decryptToFile, isEncryptedHeader } from '../backup-crypto';
import { readHead } from '../file-head';
import { sniffForeignFile, type ForeignKind } from '../file-kind';
import {
  BACKUP_META_KEY,
  BackupError,
  discardFile,
  fsyncDir,
  fsyncFile,
  hasSidecars,
  isSqliteHeader,
  type BackupFailure,
} from '../db/backup';
import { SCHEMA_VERSION } from '../db/migrations';
import { schemaError } from '../db/candidate';
import { FileMissingError, openDatabase, type Db, type OpenDatabase } from '../db/open';
import { checkSchema } from '../db/schema-check';
import type { BackupsTable } from '../db/schema';
import { DEMO_MARKER } from '../demo';
import { log } from '../log';
import { privateFile } from '../private-files';
import { currentOwner, OWNER_PATTERN, ownerState, ownerText, type Owner } from '../process-alive';
import type { Workspace } from '../workspace';
import { runInWorker } from '../worker-thread';
import { readSetting, writeSetting } from './app';
import { nowIso, writeAudit, type Context } from './context';

export const SETTING_KEYS = {
  settings: 'backup:settings',
  /** The password for automatic encrypted backups: in the live database only, removed from every copy. */
  password: 'backup:password',
  lastRestore: 'backup:lastRestore',
  unit: 'unit:name',
} as const;

export const BACKUP_FOLDER_NAME = 'sao-luu';
export const STAGING_FOLDER_NAME = 'tam';
export const PLAIN_EXTENSION = '.sqlite';
export const ENCRYPTED_EXTENSION = '.antqbak';
const PARTIAL_SUFFIX = '.dang-ghi';

/**
 * `<final name>.<host>_<pid>_<start>_<random>.dang-ghi`: a backup being written, valid only once renamed
 * to its final name. The writer (process-alive.ts: this machine's short name, the process id and a hash
 * of its start time) lets the clean-up tell a crash's leftover from a backup another process is writing
 * right now, on this PC or, in a folder on a network share, on another one.
 */
const partialName = (finalFile: string) => `${finalFile}.${ownerText(currentOwner())}_${randomUUID().slice(0, 8)}${PARTIAL_SUFFIX}`;
/**
 * A partial, or the journal SQLite keeps beside one while the copy is written. Groups 1–3: the writer's
 * host, pid and start (this version); group 4: the pid alone (the version before, which named no host);
 * none: the first versions.
 */
const PARTIAL_FILE = new RegExp(`\\.(?:${OWNER_PATTERN}_|(\\d+)-)?[0-9a-f]{8}\\.dang-ghi(?:-(?:journal|wal|shm))?$`);
/** A private copy of a file offered for restore (and its sidecars), named by its owner like a partial. */
const STAGED_CANDIDATE = new RegExp(`^khoi-phuc-${OWNER_PATTERN}_[0-9a-f-]{36}\\.sqlite(?:-(?:journal|wal|shm))?$`);
const ownerIn = (match: RegExpExecArray): Owner | null => (match[1] ? { host: match[1], pid: Number(match[2]), start: match[3]! } : null);
/**
 * Any name of an unfinished backup: the partials this version writes (PARTIAL_FILE) and their journals,
 * and a `.dang-ghi` file whose name was shortened by hand or by a copy tool.
 */
const UNFINISHED_NAME = /\.dang-ghi(?:-(?:journal|wal|shm))?$/i;
/** The names `backupFileName` gives (a `_2` when the name was taken). */
const BACKUP_FILE_NAME = /^so-theo-doi_.*_\d{4}-\d{2}-\d{2}_\d{4}(?:_tu-dong|_truoc-khoi-phuc)?(?:_\d+)?\.sqlite$/i;

export const defaultBackupFolder = (dataDir: string) => join(dataDir, BACKUP_FOLDER_NAME);
/** Private working files (decrypted candidates, uploads, downloads): the same protection as the database. */
export const stagingDir = (dataDir: string) => join(dataDir, STAGING_FOLDER_NAME);

export type ProgressListener = (progress: BackupProgress) => void;

// --- One operation at a time per workspace, with its progress for 'backup.progress' ---------------

interface Operation {
  report(phase: string, fraction?: number | null): void;
  end(): void;
}

interface Running {
  progress: BackupProgress;
  /** Started by the scheduler, in the background: an officer's own backup or restore waits for it instead of being refused. */
  automatic: boolean;
  finished: Promise<void>;
}

/** Keyed by the Workspace (or, for a check that needs no database, whatever owns the data folder). */
const running = new WeakMap<object, Running>();

/**
 * Starts the one operation a workspace runs at a time. An officer's operation waits for an automatic
 * backup in progress (it started on its own, seconds ago, and the officer cannot see or stop it); two
 * operations an officer started (two windows) or an automatic backup during anything are refused.
 */
async function startOperation(workspace: object, operation: BackupProgress['operation'], onProgress?: ProgressListener, options: { automatic?: boolean } = {}): Promise<Operation> {
  const automatic = options.automatic === true;
  for (let current = running.get(workspace); current && current.automatic && !automatic; current = running.get(workspace)) await current.finished;
  if (running.has(workspace)) throw new BackupError('busy', 'Đang có một lần sao lưu hoặc khôi phục khác. Hãy đợi nó xong rồi thử lại.');
  const progress: BackupProgress = { operation, phase: 'Đang bắt đầu…', fraction: 0, startedAt: nowIso() };
  let finish = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  running.set(workspace, { progress, automatic, finished });
  return {
    report(phase, fraction = null) {
      progress.phase = phase;
      progress.fraction = fraction === null ? null : Math.max(0, Math.min(1, fraction));
      onProgress?.({ ...progress });
    },
    end: () => {
      running.delete(workspace);
      finish();
    },
  };
}

/** The backup or restore running now, if any. */
export const currentProgress = (workspace: Workspace): BackupProgress | null => {
  const current = running.get(workspace);
  return current ? { ...current.progress } : null;
};

/** Reports a sub-step's progress as a slice [from, to] of the whole. */
const slice = (operation: Operation, phase: string, from: number, to: number) => (fraction: number) => operation.report(phase, from + (to - from) * fraction);

// --- Names, folders, history rows ------------------------------------------------------------------

const pad = (value: number) => String(value).padStart(2, '0');

/** `so-theo-doi_<unit>_2026-11-26_0915.sqlite` in local time; automatic and safety backups say so. */
export function backupFileName(unit: string | null, at: Date, kind: BackupKind, encrypted: boolean): string {
  const slug =
    foldForSearch(unit ?? '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'du-lieu';
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}_${pad(at.getHours())}${pad(at.getMinutes())}`;
  const suffix = kind === 'automatic' ? '_tu-dong' : kind === 'safety' ? '_truoc-khoi-phuc' : '';
  return `so-theo-doi_${slug}_${stamp}${suffix}${encrypted ? ENCRYPTED_EXTENSION : PLAIN_EXTENSION}`;
}

function uniquePath(folder: string, name: string): string {
  const extension = extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let n = 1; ; n += 1) {
    const candidate = join(folder, n === 1 ? name : `${stem}_${n}${extension}`);
    if (!existsSync(candidate)) return candidate;
  }
}

export type BackupDestination = { folder: string; forDownload?: boolean } | { file: string };

/** A path from a dialog or typed: an existing folder, or a file name ending in .sqlite/.antqbak, or a folder to create. */
export function destinationFromPath(path: string): BackupDestination {
  const full = resolve(path);
  if (existsSync(full) && statSync(full).isDirectory()) return { folder: full };
  return /\.(sqlite|antqbak)$/i.test(full) ? { file: full } : { folder: full };
}

const samePath = (a: string, b: string) => {
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return resolve(path);
    }
  };
  return process.platform === 'win32' ? real(a).toLowerCase() === real(b).toLowerCase() : real(a) === real(b);
};

const EMPTY_COUNTS: RegisterSnapshot = { models: 0, members: 0, evaluations: 0, subjects: 0, reviews: 0, nominations: 0 };

function toRecord(row: BackupsTable): BackupRecord {
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

async function recordBackup(ctx: Context, values: Omit<BackupsTable, 'id' | 'createdBy' | 'removedAt' | 'countsJson'> & { counts: RegisterSnapshot | null }): Promise<BackupRecord> {
  const { counts, ...rest } = values;
  const row: BackupsTable = { id: randomUUID(), ...rest, countsJson: counts ? JSON.stringify(counts) : null, removedAt: null, createdBy: ctx.user.id };
  await ctx.db.insertInto('backups').values(row).execute();
  return toRecord(row);
}

/** Turns a file-system or SQLite failure while writing into a message naming the folder. */
function writeFailure(error: unknown, folder: string): BackupError | null {
  if (error instanceof BackupError) return error;
  const code = String((error as { code?: unknown })?.code ?? '');
  const untouched = ' Dữ liệu trong ứng dụng không bị ảnh hưởng.';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT') {
    return new BackupError('destination', `Ổ đĩa chứa thư mục "${folder}" đã đầy, không đủ chỗ cho bản sao lưu. Không có tệp dở dang nào được để lại.${untouched}`);
  }
  if (['EROFS', 'EACCES', 'EPERM', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_AUTH'].includes(code) || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
    return new BackupError('destination', `Không ghi được vào thư mục "${folder}": thư mục chỉ đọc hoặc không có quyền ghi. Hãy chọn thư mục khác.${untouched}`);
  }
  // The TypeError comes from better-sqlite3's backup(); from the worker it arrives as a plain Error.
  if (['ENOENT', 'ENOTDIR', 'EEXIST', 'EISDIR', 'EINVAL', 'ENAMETOOLONG'].includes(code) || (error instanceof Error && /directory does not exist/.test(error.message))) {
    return new BackupError('destination', `Thư mục "${folder}" không tồn tại và không tạo được. Hãy chọn thư mục khác.${untouched}`);
  }
  if (code === 'EIO' || code.startsWith('SQLITE_IOERR') || code === 'ENODEV' || code === 'ENXIO') {
    return new BackupError('destination', `Lỗi đọc ghi ổ đĩa khi sao lưu vào "${folder}" (ổ USB bị rút ra hoặc bị hỏng?). Không có tệp dở dang nào được để lại.${untouched}`);
  }
  return null;
}

// --- Settings --------------------------------------------------------------------------------------

interface StoredSettings {
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

async function readPassword(ctx: Context): Promise<string | null> {
  const value = await readSetting(ctx, SETTING_KEYS.password);
  return typeof value === 'string' && value ? value : null;
}

/** Writes or removes the stored password with secure_delete on, so the old value's bytes are overwritten. */
async function writePassword(workspace: Workspace, ctx: Context, password: string | null): Promise<void> {
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
function checkFolder(path: string, field: string): string {
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

export async function setBackupSettings(workspace: Workspace, ctx: Context, input: ParsedInput<'backup.setSettings'>): Promise<BackupStatus> {
  const before = await readBackupSettings(workspace, ctx);
  const folder = input.folder.trim() ? checkFolder(input.folder.trim(), 'folder') : '';
  const secondFolder = input.secondFolder?.trim() ? checkFolder(input.secondFolder.trim(), 'secondFolder') : null;
  if (secondFolder && samePath(secondFolder, folder || before.defaultFolder)) {
    throw new ApiError('validation', 'Thư mục thứ hai phải khác thư mục sao lưu chính (nên ở ổ đĩa khác).', [{ field: 'secondFolder', message: 'Trùng với thư mục chính.' }]);
  }
  const hasPassword = input.password ? true : input.clearPassword ? false : (await readPassword(ctx)) !== null;
  if (input.encryptAutomatic && !hasPassword) {
    throw new ApiError('validation', 'Hãy đặt mật khẩu để mã hóa bản sao lưu tự động.', [{ field: 'password', message: 'Chưa có mật khẩu.' }]);
  }
  const stored: StoredSettings = { automatic: input.automatic, intervalHours: input.intervalHours, folder, secondFolder, encryptAutomatic: input.encryptAutomatic };
  await writeSetting(ctx, SETTING_KEYS.settings, stored);
  if (input.password) await writePassword(workspace, ctx, input.password);
  else if (input.clearPassword) await writePassword(workspace, ctx, null);
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

// --- Status and history ----------------------------------------------------------------------------

async function readLastRestore(ctx: Context): Promise<LastRestore | null> {
  const value = (await readSetting(ctx, SETTING_KEYS.lastRestore)) as LastRestore | null;
  return value && typeof value.safetyBackupId === 'string' ? value : null;
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
    hasAutomaticPassword: (await readPassword(ctx)) !== null,
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

// --- Making a backup -------------------------------------------------------------------------------

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

async function unitName(ctx: Context): Promise<string | null> {
  const value = await readSetting(ctx, SETTING_KEYS.unit);
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

async function writeBackup(workspace: Workspace, ctx: Context, request: BackupRequest, operation: Operation, from: number, to: number): Promise<BackupWritten> {
  const at = request.now ?? new Date();
  const encrypted = Boolean(request.password);
  const unit = await unitName(ctx);
  const destination = request.destination;
  const folder = 'folder' in destination ? resolve(destination.folder) : dirname(resolve(destination.file));
  let finalFile = 'file' in destination ? resolve(destination.file) : join(folder, backupFileName(unit, at, request.kind, encrypted));
  const forDownload = 'folder' in destination && destination.forDownload === true;
  let partial: string | null = null;
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
    const snapshot = await runInWorker(
      'writeBackup',
      { source: workspace.file, partial, password: request.password || null, removeKeys: [SETTING_KEYS.password], meta, name: basename(finalFile), nativeBinding: workspace.nativeBinding },
      { onProgress: (phase, fraction) => step(phase, 0, 0.99)(fraction) },
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

// --- Automatic backups and rotation ----------------------------------------------------------------

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
    const password = settings.encryptAutomatic ? await readPassword(ctx) : null;
    if (settings.encryptAutomatic && !password) {
      const message = 'Đã bật mã hóa bản sao lưu tự động nhưng chưa đặt mật khẩu, nên chưa sao lưu. Hãy đặt mật khẩu trong phần Sao lưu.';
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

/** Files in a folder (not recursing), with their age; nothing when the folder cannot be read. */
function filesIn(folder: string, now: number): { file: string; name: string; ageMs: number }[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const file = join(folder, name);
    try {
      const info = statSync(file);
      return info.isFile() ? [{ file, name, ageMs: now - info.mtimeMs }] : [];
    } catch {
      return []; // gone meanwhile
    }
  });
}

/**
 * A working file is a leftover when its owner is gone; while its owner runs (this process, or one on this
 * machine with the start time recorded), never; when that cannot be told (another machine, an older
 * name without an owner, no start time on Windows), once untouched for `maxAgeMs`.
 */
function stale(owner: Owner | null, ageMs: number, maxAgeMs: number): boolean {
  const state = owner ? ownerState(owner) : 'unknown';
  return state === 'gone' || (state === 'unknown' && ageMs > maxAgeMs);
}

const PARTIAL_MAX_AGE_MS = 3600 * 1000;
const STAGING_MAX_AGE_MS = 24 * 3600 * 1000;
/** The plain working copy the encrypted backup of earlier versions wrote into the staging folder. */
const OLD_PLAIN_COPY = /^sao-luu-[0-9a-f-]{36}\.sqlite(?:-(?:journal|wal|shm))?$/;

/**
 * Removes what an interrupted run left behind, at the start of every entry point (both app hosts, the
 * CLI's backup commands). Never anything else:
 * - unfinished backups (`*.dang-ghi` and their journals) in the backup folders (and `folders`), and
 *   private copies of files offered for restore in the staging folder: at once when the process named
 *   in the file (this machine, pid, start time) no longer runs; never while it runs; and when that cannot
 *   be told (another PC writing into a shared folder, names of older versions), once untouched for an
 *   hour (a partial being written keeps its file fresh) or a day (restore copies);
 * - plain working copies of the encrypted backup of earlier versions in the staging folder, at once:
 *   this version never writes them, so none can belong to a running backup;
 * - other working files in the staging folder (uploads, downloads) older than a day.
 */
export async function cleanLeftovers(owner: Workspace | { dataDir: string }, options: { now?: number; folders?: string[] } = {}): Promise<string[]> {
  const now = options.now ?? Date.now();
  const removed: string[] = [];
  const remove = (file: string) => {
    try {
      rmSync(file, { force: true });
      removed.push(file);
    } catch {
      // not ours to remove after all (permissions): left as it is
    }
  };
  const staging = stagingDir(owner.dataDir);
  for (const { file, name, ageMs } of filesIn(staging, now)) {
    const staged = STAGED_CANDIDATE.exec(name);
    if (OLD_PLAIN_COPY.test(name) || stale(staged && ownerIn(staged), ageMs, STAGING_MAX_AGE_MS)) remove(file);
  }
  for (const { file, ageMs } of filesIn(join(staging, 'tai-xuong'), now)) if (ageMs > STAGING_MAX_AGE_MS) remove(file);

  const folders = new Set([defaultBackupFolder(owner.dataDir), ...(options.folders ?? [])].map((folder) => resolve(folder)));
  if ('context' in owner) {
    const settings = await readBackupSettings(owner, owner.context());
    for (const folder of [settings.folder, settings.secondFolder]) if (folder) folders.add(resolve(folder));
  }
  for (const folder of folders) {
    for (const { file, name, ageMs } of filesIn(folder, now)) {
      const match = PARTIAL_FILE.exec(name);
      if (!match) continue;
      // A name without a host (older versions) may be another PC's: only its age tells.
      if (stale(ownerIn(match), ageMs, PARTIAL_MAX_AGE_MS)) remove(file);
    }
  }
  return removed;
}

/**
 * Refuses a backup that was never finished: a partial (`.dang-ghi`) file, or a plain file named like our
 * backups but without the seal a finished one carries (written last, once verified). A data file copied
 * off a PC has neither that name nor the seal, and is still accepted.
 */
function refuseUnfinished(source: SourceFile, info?: BackupInfo): void {
  const name = basename(source.name);
  const unsealed = info !== undefined && !info.encrypted && info.createdAt === null && BACKUP_FILE_NAME.test(name);
  if (UNFINISHED_NAME.test(name) || unsealed) {
    throw new BackupError(
      'bad_file',
      `Tệp "${source.name}" là bản sao lưu chưa ghi xong (việc sao lưu đã bị ngắt giữa chừng), không dùng được. Hãy chọn một bản sao lưu đã hoàn tất hoặc sao lưu lại.`,
    );
  }
}

// --- Reading a candidate, restoring, undoing ---------------------------------------------------------

/** A file to read: its path, and the name to show (an upload's original name). */
export interface SourceFile {
  path: string;
  name: string;
}

interface Staged {
  file: string;
  encrypted: boolean;
  bytes: number;
}

const NOT_A_BACKUP = (name: string) => `Tệp "${name}" không phải là bản sao lưu của ứng dụng (không phải cơ sở dữ liệu SQLite, cũng không phải bản sao lưu có mật khẩu).`;

/** Why a file that is neither SQLite nor an encrypted backup was refused, by what it is. */
function notABackup(name: string, kind: ForeignKind): string {
  const wrong = `Tệp "${name}" không phải là bản sao lưu`;
  switch (kind) {
    case 'xlsx':
    case 'ods':
    case 'xls':
      return `${wrong}: đây là bảng tính Excel${kind === 'ods' ? ' (OpenDocument)' : ''}. Để đưa dữ liệu từ bảng tính vào ứng dụng, hãy dùng Nhập từ Excel.`;
    case 'zip':
      return `${wrong}: đây là tệp nén ZIP, hãy giải nén trước rồi chọn tệp sao lưu (.sqlite hoặc .antqbak) bên trong.`;
    case 'rar':
    case '7z':
    case 'gzip':
      return `${wrong}: đây là tệp nén ${kind === 'rar' ? 'RAR' : kind}, hãy giải nén trước rồi chọn tệp sao lưu (.sqlite hoặc .antqbak) bên trong.`;
    case 'text':
      return `${wrong}: đây là tệp văn bản/CSV, hãy dùng Nhập từ Excel để đưa dữ liệu trong đó vào ứng dụng.`;
    case 'sqlite-pages':
      return `Tệp "${name}" bị hỏng: trang đầu của cơ sở dữ liệu đã bị ghi đè, không dùng để khôi phục được.`;
    case 'unknown':
      return NOT_A_BACKUP(name);
  }
}

/** A private copy of the candidate in the staging folder (decrypted when it has a password). */
async function stageSource(dataDir: string, source: SourceFile, password: string | null | undefined, progress: (fraction: number) => void): Promise<Staged> {
  let size: number;
  try {
    const info = statSync(source.path);
    if (info.isDirectory()) throw new BackupError('bad_file', `"${source.name}" là một thư mục, không phải tệp sao lưu.`);
    size = info.size;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError('bad_file', `Không tìm thấy hoặc không đọc được tệp "${source.name}".`);
  }
  if (size === 0) throw new BackupError('bad_file', `Tệp "${source.name}" trống (0 byte), không phải là bản sao lưu.`);
  const head = readHead(source.path, 16);
  const folder = stagingDir(dataDir);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `khoi-phuc-${ownerText(currentOwner())}_${randomUUID()}.sqlite`);
  if (isEncryptedHeader(head)) {
    if (!password) throw new BackupError('password', 'Tệp sao lưu này được bảo vệ bằng mật khẩu. Hãy nhập mật khẩu đã dùng khi sao lưu.');
    await decryptToFile(source.path, file, password, source.name, progress);
    return { file, encrypted: true, bytes: size };
  }
  if (!isSqliteHeader(head)) throw new BackupError('bad_file', notABackup(source.name, sniffForeignFile(source.path, size)));
  await copyFile(source.path, file);
  // A data file copied with its -wal (e.g. from a PC that was not shut down cleanly): the commits in the
  // -wal are part of it, so they come along and SQLite replays them into the private copy.
  const wal = `${source.path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) await copyFile(wal, `${file}-wal`);
  // A copy keeps the source's modification time on macOS and Windows: an old backup's copy would look
  // like a day-old leftover to a clean-up running meanwhile. It is a fresh file: it says so.
  const copied = new Date();
  for (const path of [file, `${file}-wal`]) if (existsSync(path)) utimesSync(path, copied, copied);
  progress(1);
  return { file, encrypted: false, bytes: size };
}

/** The candidate's checks (integrity_check on the whole file, its schema) run in a worker thread: the app keeps answering. */
async function describe(staged: Staged, source: SourceFile, nativeBinding: string | undefined): Promise<BackupInfo> {
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
async function migrateCopy(staged: Staged, source: SourceFile, nativeBinding: string | undefined): Promise<OpenDatabase> {
  let prepared: OpenDatabase;
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
 * the backup history (with the safety backup just taken), the backup settings and password, and what
 * "undo" needs. The restored file's own description of itself is dropped: it is the live database now.
 */
async function carryOver(ctx: Context, prepared: Db, lastRestore: LastRestore | null): Promise<void> {
  const rows = await ctx.db.selectFrom('backups').selectAll().execute();
  const keys = [SETTING_KEYS.settings, SETTING_KEYS.password];
  const settings = await ctx.db.selectFrom('settings').selectAll().where('key', 'in', keys).execute();
  await prepared.transaction().execute(async (trx) => {
    for (let index = 0; index < rows.length; index += 200) {
      await trx
        .insertInto('backups')
        .values(rows.slice(index, index + 200))
        .onConflict((conflict) => conflict.column('id').doNothing())
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

/** The exit code family of a failure, for the CLI. */
export const failureOf = (error: unknown): BackupFailure | null => (error instanceof BackupError ? error.reason : null);
