/**
 * The instance lock against PID reuse: a lock file left by a dead app whose PID now belongs to another
 * process (here a `sleep` started for the test) must not block start-up; a lock of a live holder still does.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { acquireInstanceLock, InstanceLockedError, LOCK_FILE_NAME } from '../../src/main/platform/instance-lock';
import { processStart } from '../../src/main/platform/process-alive';
import { tempDir } from './helpers';

/** A live process that is not the app: its PID stands for a dead holder's PID reused. */
function unrelatedProcess(): number {
  const child = spawn('sleep', ['600'], { stdio: 'ignore' });
  onTestFinished(() => void child.kill('SIGKILL'));
  return child.pid as number;
}

const bootTime = () => Math.round((Date.now() - uptime() * 1000) / 60_000) * 60_000;
const writeLock = (dir: string, holder: object) => writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify({ host: hostname(), boot: bootTime(), at: new Date().toISOString(), ...holder }));

describe.runIf(process.platform !== 'win32')('the instance lock', () => {
  it('takes over a lock whose PID now belongs to a process started at another time', () => {
    const dir = tempDir();
    const pid = unrelatedProcess();
    const start = processStart(pid);
    expect(start).not.toBeNull();
    writeLock(dir, { pid, start: `${start}0` }); // the dead holder started at another moment
    const lock = acquireInstanceLock(dir);
    expect(JSON.parse(readFileSync(lock.file, 'utf8'))).toMatchObject({ pid: process.pid, start: processStart(process.pid) });
    lock.release();
  });

  it('still refuses while the holder named by PID and start time runs', () => {
    const dir = tempDir();
    const pid = unrelatedProcess();
    writeLock(dir, { pid, start: processStart(pid) });
    expect(() => acquireInstanceLock(dir)).toThrow(InstanceLockedError);
    // A lock of an older version (no start time) keeps the PID check alone.
    writeLock(dir, { pid });
    expect(() => acquireInstanceLock(dir)).toThrow(InstanceLockedError);
  });
});
