/**
 * The data folder is readable by its owner only (criminal-record data on a machine other users may share):
 * folders 0700, files 0600 on POSIX. Windows is left alone: the user's profile already restricts it.
 *
 * Tightening is best effort: it runs at every start, and a folder on a file system without POSIX modes
 * (vfat, NTFS, SMB mounts) or a file left root-owned by one `sudo` run refuses chmod (EPERM). The app
 * then starts anyway and logs a warning (what and why, never the path: it may carry a person's name).
 * Creating a folder or a file is not best effort: without it there is nothing to open.
 */
import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { log } from './log';

const POSIX = process.platform !== 'win32';
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const codeOf = (error: unknown) => String((error as { code?: unknown })?.code ?? 'unknown');

/** chmod, or a warning when the file system or the file's owner refuses it. */
function tighten(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch (error) {
    log.warn('private_files.chmod_failed', { what: mode === PRIVATE_DIR_MODE ? 'folder' : 'file', code: codeOf(error) });
  }
}

/** Creates a folder (and its parents) for the owner only; an existing folder is tightened. */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (POSIX) tighten(dir, PRIVATE_DIR_MODE);
}

/**
 * Creates an empty file for the owner only (unless `create` is false), or tightens an existing one.
 * SQLite gives a database's -wal and -shm files the mode of the database file, so creating the database
 * this way covers them too; a backup's partial file is created this way before the copy is written.
 */
export function privateFile(file: string, { create = true }: { create?: boolean } = {}): void {
  if (create && !existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  if (POSIX && existsSync(file)) tighten(file, PRIVATE_FILE_MODE);
}

/** Entries of a folder with their own (not their symlink target's) status; nothing when it cannot be read. */
function entries(dir: string): { path: string; stat: Stats }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    log.warn('private_files.list_failed', { code: codeOf(error) });
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    const stat = lstatSync(path, { throwIfNoEntry: false });
    return stat ? [{ path, stat }] : [];
  });
}

const open = (stat: Stats) => (stat.mode & 0o077) !== 0;

/**
 * Tightens a data folder made by an older version (0755 folders, 0644 files): the folder, the files in it
 * and in its sub-folders (backups, staging), one level down. A symbolic link is left alone, and so is
 * what it points to: that is outside the data folder (a backup folder linked to another drive).
 */
export function tightenDataFolder(dataDir: string): void {
  if (!POSIX || !existsSync(dataDir)) return;
  tighten(dataDir, PRIVATE_DIR_MODE);
  for (const { path, stat } of entries(dataDir)) {
    if (stat.isFile() && open(stat)) tighten(path, PRIVATE_FILE_MODE);
    if (!stat.isDirectory()) continue;
    if (open(stat)) tighten(path, PRIVATE_DIR_MODE);
    for (const inner of entries(path)) if (inner.stat.isFile() && open(inner.stat)) tighten(inner.path, PRIVATE_FILE_MODE);
  }
}
