/** Where backups go and what their files are called: folders, file names, unfinished and staged files, destinations. */
import { randomUUID } from 'node:crypto';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { BackupKind } from '../../../shared/backup';
import { pad } from '../../../shared/dates';
import { foldForSearch } from '../../../shared/text';
import { currentOwner, OWNER_PATTERN, ownerText, type Owner } from '../../platform/process-alive';

const BACKUP_FOLDER_NAME = 'sao-luu';
const STAGING_FOLDER_NAME = 'tam';
const PLAIN_EXTENSION = '.sqlite';
const ENCRYPTED_EXTENSION = '.antqbak';
const PARTIAL_SUFFIX = '.dang-ghi';

/**
 * `<final name>.<host>_<pid>_<start>_<random>.dang-ghi`: a backup being written, valid only once renamed
 * to its final name. The writer (process-alive.ts: this machine's short name, the process id and a hash
 * of its start time) lets the clean-up tell a crash's leftover from a backup another process is writing
 * right now, on this PC or, in a folder on a network share, on another one.
 */
export const partialName = (finalFile: string) => `${finalFile}.${ownerText(currentOwner())}_${randomUUID().slice(0, 8)}${PARTIAL_SUFFIX}`;
/**
 * A partial, or the journal SQLite keeps beside one while the copy is written. Groups 1–3: the writer's
 * host, pid and start (this version); group 4: the pid alone (the version before, which named no host);
 * none: the first versions.
 */
export const PARTIAL_FILE = new RegExp(`\\.(?:${OWNER_PATTERN}_|(\\d+)-)?[0-9a-f]{8}\\.dang-ghi(?:-(?:journal|wal|shm))?$`);
/** A private copy of a file offered for restore (and its sidecars), named by its owner like a partial. */
export const STAGED_CANDIDATE = new RegExp(`^khoi-phuc-${OWNER_PATTERN}_[0-9a-f-]{36}\\.sqlite(?:-(?:journal|wal|shm))?$`);
export const ownerIn = (match: RegExpExecArray): Owner | null => (match[1] ? { host: match[1], pid: Number(match[2]), start: match[3]! } : null);
/**
 * Any name of an unfinished backup: the partials this version writes (PARTIAL_FILE) and their journals,
 * and a `.dang-ghi` file whose name was shortened by hand or by a copy tool.
 */
export const UNFINISHED_NAME = /\.dang-ghi(?:-(?:journal|wal|shm))?$/i;
/** The names `backupFileName` gives (a `_2` when the name was taken). */
export const BACKUP_FILE_NAME = /^so-theo-doi_.*_\d{4}-\d{2}-\d{2}_\d{4}(?:_tu-dong|_truoc-khoi-phuc)?(?:_\d+)?\.sqlite$/i;

export const defaultBackupFolder = (dataDir: string) => join(dataDir, BACKUP_FOLDER_NAME);
/** Private working files (decrypted candidates, uploads, downloads): the same protection as the database. */
export const stagingDir = (dataDir: string) => join(dataDir, STAGING_FOLDER_NAME);

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

export function uniquePath(folder: string, name: string): string {
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

export const samePath = (a: string, b: string) => {
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return resolve(path);
    }
  };
  return process.platform === 'win32' ? real(a).toLowerCase() === real(b).toLowerCase() : real(a) === real(b);
};
