/** Removing what an interrupted backup or restore left behind (partial files, staged copies, old working files), never anything else. */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ownerState, type Owner } from '../../platform/process-alive';
import type { Workspace } from '../../workspace';
import { defaultBackupFolder, ownerIn, PARTIAL_FILE, STAGED_CANDIDATE, stagingDir } from './naming';
import { readBackupSettings } from './settings';

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
    // A restore's private copy, or the copy of a server's data a backup starts from (services/backup/create.ts).
    const staged = STAGED_CANDIDATE.exec(name) ?? PARTIAL_FILE.exec(name);
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
