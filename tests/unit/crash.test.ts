/**
 * Crash safety: a child process writes records through the services and makes backups; it is killed
 * with SIGKILL at random moments (half the rounds right as a backup starts), many times over the same
 * data folder. After each kill the database opens (taking over the dead process's lock), passes
 * integrity_check, and holds every record the child reported as saved; every backup it reported is a
 * good file with the rows it claimed; no unfinished file is recorded as a good backup.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectBackup } from '../../src/main/services/backup';
import { Workspace } from '../../src/main/workspace';
import { tempDir } from './helpers';

const projectRoot = join(import.meta.dirname, '..', '..');
const ROUNDS = 15;

interface Round {
  lines: string[];
  killedDuringBackup: boolean;
}

/** Starts the writer, kills it (SIGKILL) at a random moment after it is ready, and returns what it printed. */
function runAndKill(dataDir: string, backupDir: string, atBackupStart: boolean): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('tests', 'unit', 'fixtures', 'crash-writer.ts'), dataDir, backupDir], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    const lines: string[] = [];
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const complete = buffer.split('\n');
      buffer = complete.pop() ?? '';
      for (const line of complete) {
        lines.push(line);
        if (line === 'ready' && !atBackupStart) timer = setTimeout(kill, 50 + Math.random() * 1200);
        if (line === 'backup-start' && atBackupStart && !timer) {
          // Somewhere inside the backup: the copy, the check, the encryption or the rename.
          timer = setTimeout(kill, Math.random() * 25);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const safety = setTimeout(kill, 20_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(safety);
      if (signal !== 'SIGKILL') reject(new Error(`writer exited by itself (${code}): ${stderr}`));
      // Killed inside a backup when it had announced one and not reported it done.
      else resolve({ lines, killedDuringBackup: lines.at(-1) === 'backup-start' });
    });
  });
}

describe('crash safety', () => {
  it(`keeps every saved record and a sound database across ${ROUNDS} SIGKILLs during writes and backups`, { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const backupDir = join(dataDir, 'sao-luu-thu');
    const saved = new Set<string>();
    const reportedBackups: { file: string; models: number }[] = [];
    let killsDuringBackup = 0;

    for (let round = 0; round < ROUNDS; round += 1) {
      const result = await runAndKill(dataDir, backupDir, round % 2 === 1);
      if (result.killedDuringBackup) killsDuringBackup += 1;
      expect(result.lines[0], `round ${round}`).toBe('ready');
      for (const line of result.lines) {
        const [kind, value, models] = line.split(' ');
        if (kind === 'saved') saved.add(value!);
        if (kind === 'backup') reportedBackups.push({ file: value!, models: Number(models) });
      }

      // The dead writer's lock is taken over, as the app would on its next start.
      const workspace = await Workspace.open({ dataDir, lock: true });
      try {
        expect(workspace.sqlite.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
        const has = workspace.sqlite.prepare('select (select count(*) from models where id = ?) + (select count(*) from model_members where id = ?)').pluck();
        const missing = [...saved].filter((id) => has.get(id, id) !== 1);
        expect(missing, `round ${round}: records reported as saved but missing`).toEqual([]);
        // Only finished, verified files are in the history as good backups.
        const good = workspace.sqlite.prepare("select file from backups where status = 'ok'").pluck().all() as string[];
        for (const file of good) expect(existsSync(file), file).toBe(true);
        expect(good.some((file) => file.endsWith('.dang-ghi'))).toBe(false);
      } finally {
        await workspace.close();
      }
    }

    expect(saved.size).toBeGreaterThan(ROUNDS * 5);
    expect(killsDuringBackup, 'some kills should land inside a backup').toBeGreaterThan(0);
    // Every backup reported as made is a sound file holding what it claimed (encrypted ones with their password).
    expect(reportedBackups.length).toBeGreaterThan(0);
    const checker = { dataDir: tempDir() };
    for (const backup of reportedBackups.filter((_, index) => index % 3 === 0 || index === reportedBackups.length - 1)) {
      const info = await inspectBackup(checker, { path: backup.file, name: backup.file }, 'mat-khau-thu-nghiem');
      expect(info.counts.models, backup.file).toBe(backup.models);
    }
    // Unfinished files may be left by a kill; they are never taken for backups and are swept later.
    const names = readdirSync(backupDir);
    expect(names.filter((name) => !name.endsWith('.dang-ghi') && !/\.dang-ghi-(journal|wal|shm)$/.test(name)).length).toBeGreaterThanOrEqual(reportedBackups.length);
  });
});
