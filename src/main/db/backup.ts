/**
 * The SQLite side of backup and restore (services/backup/ holds the rest; its snapshot.ts takes the
 * copy, in a worker thread):
 * - `snapshotCounts`, `markRollbackJournal`, `removeSettings`, `verifyCopy`, `writeSeal`: the steps that
 *   turn a copy into one self-contained, checked, sealed backup (rollback journal, so that reading it
 *   never creates -wal/-shm files; what must not leave the machine dropped; the seal written last);
 * - `checkCandidate` (candidate.ts): everything about a file offered for restore, read from a private copy of it;
 * - `swapInFile`: the atomic swap of the database file, with the original kept until the new one is open.
 */
import BetterSqlite3 from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BackupKind, RegisterSnapshot } from '../../shared/backup';
import { ApiError, type ApiErrorCode } from '../../shared/errors';
import { formatNumber } from '../../shared/text';

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Why a backup operation failed: the CLI turns each into its own exit code. */
export type BackupFailure =
  /** The file offered is not a usable backup (empty, not ours, truncated, damaged, too new, missing). */
  | 'bad_file'
  /** The password is missing or wrong. */
  | 'password'
  /** The destination cannot be written (folder missing or read-only, disk full, drive removed). */
  | 'destination'
  /** The copy written did not pass its check. */
  | 'verify'
  /** Another backup or restore is running, or another program holds the database. */
  | 'busy'
  /** The swap or the reopening failed; the original data was put back. */
  | 'restore_failed'
  /** Not possible in this state (demo data open, nothing to undo, no place for a download). */
  | 'unavailable';

const CODE_OF: Record<BackupFailure, ApiErrorCode> = {
  bad_file: 'validation',
  password: 'validation',
  destination: 'validation',
  verify: 'conflict',
  busy: 'conflict',
  restore_failed: 'conflict',
  unavailable: 'conflict',
};
const FIELD_OF: Partial<Record<BackupFailure, string>> = { bad_file: 'file', password: 'password', destination: 'target' };

/** A backup, check or restore that failed, with a message written for the officer. */
export class BackupError extends ApiError {
  constructor(
    override readonly reason: BackupFailure,
    message: string,
    field: string | undefined = FIELD_OF[reason],
  ) {
    super(CODE_OF[reason], message, field ? [{ field, message }] : undefined, reason);
    this.name = 'BackupError';
  }
}

/** The settings row a backup copy carries about itself (removed again when the file is restored). */
export const BACKUP_META_KEY = 'backup:meta';

export interface BackupMeta {
  createdAt: string;
  unit: string | null;
  kind: BackupKind;
  appVersion: string;
}

type Sqlite = BetterSqlite3.Database;

const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Rows in every ordinary table (virtual tables excluded; their shadow tables are counted). */
export function tableCounts(sqlite: Sqlite): Record<string, number> {
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' and sql not like 'create virtual%' order by name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((table) => [table, sqlite.prepare(`select count(*) from ${quoteName(table)}`).pluck().get() as number]));
}

const REGISTERS: Record<keyof RegisterSnapshot, string> = {
  models: 'models',
  members: 'model_members',
  evaluations: 'model_evaluations',
  subjects: 'subjects',
  reviews: 'subject_reviews',
  nominations: 'nominations',
};

/** Live rows per register; a register the file is too old to have counts 0. */
export function registerSnapshot(sqlite: Sqlite): RegisterSnapshot {
  const existing = new Set(sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[]);
  const count = (table: string) => (existing.has(table) ? (sqlite.prepare(`select count(*) from ${quoteName(table)} where deleted_at is null`).pluck().get() as number) : 0);
  return Object.fromEntries(Object.entries(REGISTERS).map(([register, table]) => [register, count(table)])) as unknown as RegisterSnapshot;
}

export interface Snapshot {
  tables: Record<string, number>;
  registers: RegisterSnapshot;
}

/** Every count a backup is checked against, read in the caller's (read) transaction. */
export const snapshotCounts = (sqlite: Sqlite): Snapshot => ({ tables: tableCounts(sqlite), registers: registerSnapshot(sqlite) });

/**
 * Marks a fresh copy of a WAL database as a rollback-journal database. The backup API and serialize copy
 * page 1 verbatim, so the header still says WAL (bytes 18 and 19 = 2). With no -wal file, setting them
 * to 1 is exactly what `PRAGMA journal_mode = DELETE` does to a checkpointed file, without SQLite
 * creating -wal/-shm files on the destination drive (some network and USB drives cannot hold the -shm
 * index) and without any journal file there. An in-memory database cannot be opened in WAL mode at all.
 */
export function markRollbackJournalHeader(page1: Buffer): void {
  if (page1[18] === 2 || page1[19] === 2) {
    page1[18] = 1;
    page1[19] = 1;
  }
}

/** The same, in a copy on disk. */
export function markRollbackJournal(file: string): void {
  if (hasSidecars(file)) throw new Error('a fresh backup copy has no -wal, -shm or -journal file');
  const handle = openSync(file, 'r+');
  try {
    const versions = Buffer.alloc(20);
    readSync(handle, versions, 0, 20, 0);
    markRollbackJournalHeader(versions);
    writeSync(handle, versions, 18, 2, 18);
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
}

/**
 * Deletes from a fresh copy the settings that must not leave the machine, with secure_delete (their
 * bytes overwritten, not just unlinked). Returns how many rows went, for the verification.
 */
export function removeSettings(copy: Sqlite, keys: string[]): number {
  // No journal file on the destination drive: if this is interrupted the whole copy is discarded anyway.
  copy.pragma('journal_mode = MEMORY');
  copy.pragma('secure_delete = ON');
  let removed = 0;
  copy.transaction(() => {
    const remove = copy.prepare('delete from settings where key = ?');
    for (const key of keys) removed += remove.run(key).changes;
    // A copy of a restored database could still carry an old description; the seal is written anew.
    removed += remove.run(BACKUP_META_KEY).changes;
  })();
  return removed;
}

/**
 * The seal: the copy's own description, written last, once the copy is verified. A file named like our
 * backups without it is an unfinished one (see `inspectBackup`).
 */
export function writeSeal(copy: Sqlite, meta: BackupMeta): void {
  copy
    .prepare('insert or replace into settings (key, value, updated_at, updated_by) values (?, ?, ?, ?)')
    .run(BACKUP_META_KEY, JSON.stringify(meta), meta.createdAt, 'backup');
}

/**
 * The result of `PRAGMA integrity_check`: true when SQLite finds nothing wrong. An error while reading
 * (a disk error, a full disk) is thrown: the caller tells damage from a failing drive.
 */
export function integrityOk(sqlite: Sqlite): boolean {
  const rows = sqlite.prepare('pragma integrity_check').pluck().all() as string[];
  return rows.length === 1 && rows[0] === 'ok';
}

/** Checks a copy (on disk or in memory): integrity_check, and every table's row count as expected. */
export function verifyCopy(copy: Sqlite, expected: Record<string, number>): void {
  if (!integrityOk(copy)) throw new BackupError('verify', 'Bản sao lưu vừa ghi không qua được kiểm tra toàn vẹn (integrity_check). Bản sao này đã bị bỏ; hãy thử lại hoặc chọn ổ đĩa khác.');
  const actual = tableCounts(copy);
  const differs = Object.keys({ ...expected, ...actual }).filter((table) => actual[table] !== expected[table]);
  if (differs.length > 0) {
    throw new BackupError('verify', `Bản sao lưu vừa ghi không khớp với dữ liệu (số dòng khác nhau ở ${differs.length} bảng). Bản sao này đã bị bỏ; hãy thử lại.`);
  }
}

export const isSqliteHeader = (head: Buffer) => head.subarray(0, 16).toString('latin1') === SQLITE_MAGIC;

/** 1536 -> "2 KB", 5_400_000 -> "5,1 MB". */
export const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB` : `${formatNumber(Math.ceil(bytes / 1024))} KB`;

/** fsync of a file's contents. */
export function fsyncFile(file: string): void {
  const handle = openSync(file, 'r+');
  try {
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
}

/** fsync of a folder, so a rename in it is durable (a no-op where folders cannot be opened, as on Windows). */
export function fsyncDir(folder: string): void {
  let handle: number;
  try {
    handle = openSync(folder, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(handle);
  } catch {
    // Windows and some file systems refuse fsync on a folder: the rename is as durable as they allow.
  } finally {
    closeSync(handle);
  }
}

const SIDECARS = ['-wal', '-shm', '-journal'];

/** True when a -wal, -shm or -journal file is next to `file` (another connection, or data not yet checkpointed). */
export const hasSidecars = (file: string) => SIDECARS.some((suffix) => existsSync(`${file}${suffix}`));

export function removeSidecars(file: string): void {
  for (const suffix of SIDECARS) rmSync(`${file}${suffix}`, { force: true });
}

/** Removes a file with its sidecars; never throws (used while cleaning up after a failure). */
export function discardFile(file: string): void {
  try {
    rmSync(file, { force: true });
    removeSidecars(file);
  } catch {
    // Nothing more can be done; the name marks it as unfinished.
  }
}

export interface FileSwap {
  /** The new file opened fine: forget the original. */
  commit(): void;
  /** Something failed after the swap: the original goes back in place, byte for byte. */
  rollback(): void;
}

/**
 * Puts `staged` (a closed database file next to `target`, synced) in place of `target` (closed, fully
 * checkpointed) with one atomic rename. The original stays reachable under a second name (a hard link,
 * or a copy where links are not possible) until `commit`; `rollback` renames it back.
 */
export function swapInFile(target: string, staged: string): FileSwap {
  const kept = `${target}.truoc-khoi-phuc`;
  rmSync(kept, { force: true });
  try {
    linkSync(target, kept);
  } catch {
    copyFileSync(target, kept);
    fsyncFile(kept);
  }
  try {
    removeSidecars(target); // the old file is closed: any -wal left is empty, -shm is only an index
    renameSync(staged, target);
    fsyncDir(dirname(target));
  } catch (error) {
    rmSync(kept, { force: true });
    throw error;
  }
  return {
    commit: () => rmSync(kept, { force: true }),
    rollback: () => {
      removeSidecars(target);
      renameSync(kept, target);
      fsyncDir(dirname(target));
    },
  };
}
