/**
 * Whether a process named in a file (the instance lock, a partial backup, a staged restore candidate)
 * still runs on this machine. A process id alone is not enough: ids are reused, so where the platform
 * tells a process's start time, the start time recorded with the id must match too.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** True while some process has this id (possibly a later one that reused it). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'; // alive, but someone else's
  }
}

/**
 * When a process started, as an opaque text to compare, or null when it cannot be told: on Linux the
 * start time in clock ticks since boot (field 22 of /proc/<pid>/stat); on macOS and other Unixes the
 * start time `ps` prints; elsewhere (Windows) null, and only the PID is compared.
 */
export function processStart(pid: number): string | null {
  if (process.platform === 'linux') {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Field 2, the command name, is in parentheses and may hold spaces: count from the last ")".
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
    } catch {
      return null;
    }
  }
  if (process.platform === 'win32') return null;
  try {
    // lstart is printed with the locale's date format and the local time zone: fixed here, so the app started
    // from the Finder and the CLI run from a Vietnamese Terminal read the same process's start alike.
    const env = { ...process.env, LC_ALL: 'C', LANG: 'C', TZ: 'UTC0' };
    return execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * Whether the process `pid` that started at `start` still runs: 'gone' when no process has the id or it
 * started at another time (the id was reused); 'running' when the start times match; 'unknown' when
 * only the id can be checked (no start recorded, or none told by this platform). `encode` turns
 * processStart's text into the form `start` was recorded in (a file name holds a short hash of it).
 */
export function processState(pid: number, start: string | null | undefined, encode: (start: string) => string = (text) => text): 'gone' | 'running' | 'unknown' {
  if (!isAlive(pid)) return 'gone';
  const actual = start ? processStart(pid) : null;
  if (actual === null) return 'unknown';
  return encode(actual) === start ? 'running' : 'gone';
}

/** True unless the process is certainly gone (a live id whose start time cannot be told counts as running). */
export const processRuns = (pid: number, start?: string | null) => processState(pid, start) !== 'gone';

const shortHash = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);

/** processStart's text as a file name carries it: 8 hex digits. */
export const startTag = (start: string) => shortHash(start, 8);

/**
 * This machine's name as a file name carries it: up to 12 letters and digits of the host name, and 4 hex
 * digits of the whole name so that two long names sharing their start differ ("pcketoan01-3fa2").
 */
export function hostTag(name = hostname()): string {
  const folded = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]/g, '').slice(0, 12) || 'may';
  return `${folded}-${shortHash(name.toLowerCase(), 4)}`;
}

/** Who writes a working file: this machine, this process, and when it started ('x' when it cannot be told). */
export interface Owner {
  host: string;
  pid: number;
  start: string;
}

let self: Owner | null = null;

/** This process as the owner of the files it writes (worked out once: `ps` is a process of its own on macOS). */
export function currentOwner(): Owner {
  if (!self) {
    const start = processStart(process.pid);
    self = { host: hostTag(), pid: process.pid, start: start === null ? 'x' : startTag(start) };
  }
  return self;
}

/** `<host>_<pid>_<start>`: the owner in a file name (only letters, digits, "-" and "_"). */
export const ownerText = (owner: Owner) => `${owner.host}_${owner.pid}_${owner.start}`;

/** The pattern ownerText writes: groups host, pid, start. */
export const OWNER_PATTERN = '([a-z0-9]{1,12}-[0-9a-f]{4})_(\\d+)_([0-9a-f]{8}|x)';

/**
 * What can be told of a working file's owner from here:
 * - 'gone': on this machine, and no longer running (or its id now belongs to a process started at
 *   another time): its files are leftovers;
 * - 'running': this process, or on this machine and running with the start time recorded;
 * - 'unknown': on another machine (a folder on a network share several PCs use: its processes cannot be
 *   seen from here), or running under an id whose start time this platform cannot tell (Windows): only
 *   the file's age can say it was abandoned.
 */
export function ownerState(owner: Owner, me: Owner = currentOwner()): 'gone' | 'running' | 'unknown' {
  if (owner.host !== me.host) return 'unknown';
  if (owner.pid === me.pid && owner.start === me.start) return 'running';
  return processState(owner.pid, owner.start === 'x' ? null : owner.start, startTag);
}
