/**
 * The data folder is readable by its owner only (criminal-record data on a machine other users may share):
 * folders 0700, files 0600 on POSIX. Windows is left alone: the user's profile already restricts it.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const POSIX = process.platform !== 'win32';
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates a folder (and its parents) for the owner only; an existing folder is tightened. */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (POSIX) chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Creates an empty file for the owner only, or tightens an existing one. SQLite gives a database's -wal
 * and -shm files the mode of the database file, so creating the database this way covers them too.
 */
export function privateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  if (POSIX) chmodSync(file, PRIVATE_FILE_MODE);
}

/**
 * Tightens a data folder made by an older version (0755 folders, 0644 files): the folder, the files in it
 * and in its sub-folders (backups, staging), one level down.
 */
export function tightenDataFolder(dataDir: string): void {
  if (!POSIX || !existsSync(dataDir)) return;
  chmodSync(dataDir, PRIVATE_DIR_MODE);
  for (const name of readdirSync(dataDir)) {
    const path = join(dataDir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isFile() && (stat.mode & 0o077) !== 0) chmodSync(path, PRIVATE_FILE_MODE);
    if (!stat.isDirectory()) continue;
    if ((stat.mode & 0o077) !== 0) chmodSync(path, PRIVATE_DIR_MODE);
    for (const inner of readdirSync(path)) {
      const innerPath = join(path, inner);
      const innerStat = statSync(innerPath, { throwIfNoEntry: false });
      if (innerStat?.isFile() && (innerStat.mode & 0o077) !== 0) chmodSync(innerPath, PRIVATE_FILE_MODE);
    }
  }
}
