/**
 * Backup and restore of the local database file: schemas and types shared by every layer.
 * Backups are consistent copies (SQLite online backup), verified after writing, optionally encrypted
 * (AES-256-GCM, key from the password with scrypt), recorded in a history, rotated when automatic.
 */
import { z } from 'zod';
import { count } from './common';
import { id } from './common';
import type { DatabaseMode } from './app';

export const BACKUP_KINDS = ['manual', 'automatic', 'safety'] as const;
/** manual: asked for by an officer or the CLI; automatic: made by the scheduler (the only kind rotated); safety: taken just before a restore. */
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** The home page warns when the last good backup is older than this. */
export const STALE_AFTER_DAYS = 7;

/** Live (not trashed) rows per register in a database: what a backup holds, shown before restoring it. */
export interface RegisterSnapshot {
  models: number;
  members: number;
  evaluations: number;
  subjects: number;
  reviews: number;
  nominations: number;
}

/** One row of the backup history: a good backup, or an attempt that failed (and why). */
export interface BackupRecord {
  id: string;
  kind: BackupKind;
  /** Full path of the file; only the file name for a backup downloaded through the browser. */
  file: string;
  createdAt: string;
  bytes: number;
  encrypted: boolean;
  status: 'ok' | 'failed';
  /** For a failed attempt: what went wrong, in Vietnamese. */
  error: string | null;
  /** What the copy held (null for a failed attempt). */
  counts: RegisterSnapshot | null;
  /** Set when rotation deleted the file of an automatic backup. */
  removedAt: string | null;
}

/** What a backup file holds, read (and fully checked) before restoring it. */
export interface BackupInfo {
  /** The path or, for an upload, the file name as the officer knows it. */
  file: string;
  bytes: number;
  /** When the backup was made (from the file itself; null for a plain data file copied by hand). */
  createdAt: string | null;
  /** The unit's name when the backup was made. */
  unit: string | null;
  kind: BackupKind | null;
  schemaVersion: number;
  /** The app's own schema version: an older file is migrated forward when restored. */
  appSchemaVersion: number;
  needsMigration: boolean;
  encrypted: boolean;
  /** 'demo' when the file holds the demo data. */
  mode: DatabaseMode;
  counts: RegisterSnapshot;
}

export interface BackupSettings {
  automatic: boolean;
  intervalHours: number;
  /** The folder automatic backups go to (the default one unless changed). */
  folder: string;
  /** `<data folder>/sao-luu`. */
  defaultFolder: string;
  /** A second place (another drive) each automatic backup is also copied to. */
  secondFolder: string | null;
  /** Encrypt automatic backups with the password set in the settings. */
  encryptAutomatic: boolean;
}

export const DEFAULT_INTERVAL_HOURS = 6;

/** A new backup password (the first run offers one too). */
export const newBackupPassword = z.string().min(8, 'Mật khẩu ít nhất 8 ký tự.').max(200, 'Mật khẩu dài quá 200 ký tự.');
const newPassword = newBackupPassword;
/** A password typed to open a backup: any length (a wrong one is refused by the file itself). */
const enteredPassword = z.string().max(200, 'Mật khẩu dài quá 200 ký tự.').nullish();
const folderPath = z.string().max(4000, 'Đường dẫn quá dài.');

export const backupSettingsInput = z.object({
  automatic: z.boolean(),
  intervalHours: count('Số giờ', { min: 1, max: 168, minMessage: 'Ít nhất 1 giờ.', maxMessage: 'Tối đa 168 giờ (7 ngày).' }),
  /** Empty: the default folder inside the data folder. */
  folder: folderPath.default(''),
  secondFolder: folderPath.nullish(),
  encryptAutomatic: z.boolean().default(false),
  /** Sets or replaces the password used for automatic encrypted backups (never returned). Absent: unchanged. */
  password: newPassword.nullish(),
  /** Forgets the stored password (automatic encryption must then be off). */
  clearPassword: z.boolean().default(false),
});

/** An operation in progress, polled by the UI through 'backup.progress' while a long call runs. */
export interface BackupProgress {
  operation: 'backup' | 'restore' | 'undo' | 'inspect' | 'merge';
  /** What is happening now, in Vietnamese ("Đang sao chép dữ liệu…"). */
  phase: string;
  /** 0..1 when known. */
  fraction: number | null;
  startedAt: string;
}

export interface LastRestore {
  at: string;
  /** The file that was restored (path or upload name). */
  restoredFile: string;
  /** The copy of the data as it was before the restore: "undo" brings it back. */
  safetyBackupId: string;
}

export interface BackupStatus {
  /** The newest good manual or automatic backup. */
  last: BackupRecord | null;
  /** The newest failed attempt, when it is newer than `last`. */
  lastFailure: BackupRecord | null;
  /** The last good backup is older than STALE_AFTER_DAYS (or there is none). */
  stale: boolean;
  settings: BackupSettings;
  hasAutomaticPassword: boolean;
  /** 'sealed': kept in the data file, sealed by the OS key store (the desktop app); 'this-run': held in memory until the program ends (browser). */
  passwordKeeping: 'sealed' | 'this-run';
  lastRestore: LastRestore | null;
  /** `lastRestore` is set and its safety copy is still on disk. */
  undoAvailable: boolean;
  /** A backup or restore running now. */
  running: BackupProgress | null;
}

/** A file named by the host: a path chosen in a native dialog (Electron) or typed, or an uploaded file (web host). */
export const fileRef = z.union([z.object({ path: z.string().min(1).max(4000) }), z.object({ uploadId: id })]);

export const backupCreateInput = z.object({
  /** Where to write: a folder (the file is named with the unit and date-time) or a file path, or 'download' for the web host. */
  target: z.union([z.object({ path: z.string().min(1, 'Hãy chọn nơi lưu.').max(4000) }), z.literal('download')]),
  /** Encrypts the backup with this password (.antqbak). */
  password: newPassword.nullish(),
});

export interface BackupCreated {
  record: BackupRecord;
  /** For the web host: GET this URL (once) to download the file. */
  downloadUrl: string | null;
}

export const backupHistoryQuery = z.object({
  limit: z.number().int().min(1).max(1000).default(100),
  /** Also list automatic backups whose file rotation removed. */
  includeRemoved: z.boolean().default(false),
});

export const backupInspectInput = z.object({ file: fileRef, password: enteredPassword });
export const backupRestoreInput = z.object({ file: fileRef, password: enteredPassword });

export interface RestoreResult {
  /** What is now the open database. */
  restored: BackupInfo;
  /** The copy of the data as it was just before (what "undo" brings back). */
  safetyBackup: BackupRecord;
}

/** POST /upload's answer on the web host. */
export interface UploadResult {
  uploadId: string;
  bytes: number;
}
