/**
 * One app instance per data folder: a lock file next to the database, created exclusively and holding
 * the owner's PID, host, boot time and the process's start time. A lock whose process is gone, whose PID
 * now belongs to a process started at another time (PIDs are reused), or whose machine has rebooted
 * since, is stale and taken over. The app hosts take it; the CLI does not (IT staff may back up while the app
 * runs), except to restore.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { DatabaseRefusedError } from '../db/open';
import { privateDir } from './private-files';
import { processRuns, processStart } from './process-alive';

export const LOCK_FILE_NAME = 'so-theo-doi.lock';

/** Another instance of the app has this data folder open; nothing was changed. */
export class InstanceLockedError extends DatabaseRefusedError {
  constructor(message: string) {
    super(message);
    this.name = 'InstanceLockedError';
  }
}

interface LockHolder {
  pid: number;
  host: string;
  /** When the holder's machine booted (ms since the epoch, to the minute): a reboot frees every lock. */
  boot: number;
  /** When the holder process started, as processStart() gives it (absent in locks of older versions). */
  start?: string | null;
  at: string;
}

export interface InstanceLock {
  file: string;
  release(): void;
}

const bootTime = () => Math.round((Date.now() - uptime() * 1000) / 60_000) * 60_000;

function readHolder(file: string): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof holder.pid === 'number' && typeof holder.host === 'string' && typeof holder.boot === 'number' ? (holder as LockHolder) : null;
  } catch {
    return null;
  }
}

/** Why the holder still counts, or null when its lock is stale. */
function liveHolder(file: string): LockHolder | 'unreadable' | null {
  const holder = readHolder(file);
  if (!holder) {
    // Being written this very moment by a starting instance, or garbage left by a crash long ago.
    const age = Date.now() - statSync(file).mtimeMs;
    return age < 10_000 ? 'unreadable' : null;
  }
  if (holder.host !== hostname()) return holder; // cannot see another machine's processes
  if (Math.abs(holder.boot - bootTime()) > 120_000) return null;
  // Gone, or the PID is taken by a process started at another time than the holder.
  return processRuns(holder.pid, holder.start) ? holder : null;
}

export function acquireInstanceLock(dataDir: string): InstanceLock {
  privateDir(dataDir);
  const file = join(dataDir, LOCK_FILE_NAME);
  const content = JSON.stringify({ pid: process.pid, host: hostname(), boot: bootTime(), start: processStart(process.pid), at: new Date().toISOString() } satisfies LockHolder);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      writeFileSync(file, content, { flag: 'wx', mode: 0o600 });
      return {
        file,
        release: () => {
          // Only our own lock: never one another instance took over meanwhile.
          if (readFileSyncSafe(file) === content) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
    let holder: ReturnType<typeof liveHolder>;
    try {
      holder = liveHolder(file);
    } catch {
      continue; // removed meanwhile: try again
    }
    if (holder !== null) {
      const who = holder === 'unreadable' ? '' : holder.host === hostname() ? ` (tiến trình ${holder.pid})` : ` (trên máy "${holder.host}", tiến trình ${holder.pid})`;
      throw new InstanceLockedError(
        `Ứng dụng đang được mở ở một cửa sổ khác${who} với cùng thư mục dữ liệu "${dataDir}". Hãy dùng cửa sổ đó, hoặc đóng nó rồi mở lại. ` +
          `Nếu chắc chắn không còn cửa sổ nào đang mở, hãy xóa tệp "${file}". Dữ liệu không bị thay đổi.`,
      );
    }
    rmSync(file, { force: true }); // stale: its owner is gone
  }
  throw new InstanceLockedError(`Không giành được quyền mở thư mục dữ liệu "${dataDir}" (một cửa sổ khác đang khởi động cùng lúc). Dữ liệu không bị thay đổi.`);
}

function readFileSyncSafe(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
