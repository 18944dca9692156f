/**
 * Crash safety: a child process writes records through the services and makes backups; it is killed
 * with SIGKILL at seeded random moments (half the rounds right as a backup starts), many times over
 * the same data folder. After each kill the database opens (taking over the dead process's lock),
 * passes integrity_check, and holds every record the child acknowledged; every backup it reported is a
 * good file with the rows it claimed; no unfinished file is recorded as a good backup.
 * The assertions are about what was acknowledged, never how much: a slow machine acknowledges fewer.
 * The seed is printed; ANTQ_CRASH_SEED=<seed> replays the same kill points.
 */
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectBackup } from '../../src/main/services/backup';
import { Workspace } from '../../src/main/workspace';
import { tempDir } from './helpers';
import { onLines } from './child-lines';

const projectRoot = join(import.meta.dirname, '..', '..');
const ROUNDS = 15;
const SEED = process.env.ANTQ_CRASH_SEED ? Number(process.env.ANTQ_CRASH_SEED) : randomInt(2 ** 31);

/** mulberry32: a small seeded generator, [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Where a round's kill lands: after the writer's nth acknowledgement (or as a backup starts), then a few ms later. */
interface KillPoint {
  atBackupStart: boolean;
  /** Acknowledged writes to wait for first (write rounds only). */
  afterSaved: number;
  /** Then this long, so the kill lands inside the next transaction or inside the backup. */
  delayMs: number;
}

interface Round {
  lines: string[];
  killedDuringBackup: boolean;
}

/** Starts the writer, kills it (SIGKILL) at the given point, and returns what it printed. */
function runAndKill(dataDir: string, backupDir: string, { atBackupStart, afterSaved, delayMs }: KillPoint): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('tests', 'unit', 'fixtures', 'crash-writer.ts'), dataDir, backupDir], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    let savedLines = 0;
    const kill = () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    };
    onLines(child.stdout, (line) => {
      lines.push(line);
      if (line.startsWith('saved ')) savedLines += 1;
      if (timer) return;
      if (!atBackupStart && savedLines === afterSaved) timer = setTimeout(kill, delayMs);
      // Somewhere inside the backup: the copy, the check, the encryption or the rename.
      if (atBackupStart && line === 'backup-start') timer = setTimeout(kill, delayMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Only if the writer stalls before the kill point; the round's checks still apply.
    const safety = setTimeout(kill, 30_000);
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
  it(`keeps every acknowledged record and a sound database across ${ROUNDS} SIGKILLs during writes and backups`, { timeout: 300_000 }, async () => {
    // eslint-disable-next-line no-console
    console.log(`crash.test.ts seed ${SEED} (replay with ANTQ_CRASH_SEED=${SEED})`);
    const random = seededRandom(SEED);
    const dataDir = tempDir();
    const backupDir = join(dataDir, 'sao-luu-thu');
    const saved = new Set<string>();
    const reportedBackups: { file: string; models: number }[] = [];
    let killsDuringBackup = 0;
    let roundsKilledAfterAcks = 0;
    let lost = 0;

    for (let round = 0; round < ROUNDS; round += 1) {
      // Odd rounds: as a backup starts. Even rounds: during writes, every other one after the first backup
      // (made after the 40th write) has been reported, so there are always reported backups to check.
      const afterSaved = round % 4 === 0 ? 41 + Math.floor(random() * 80) : 1 + Math.floor(random() * 38);
      const point: KillPoint = { atBackupStart: round % 2 === 1, afterSaved, delayMs: Math.floor(random() * 25) };
      const result = await runAndKill(dataDir, backupDir, point);
      if (result.killedDuringBackup) killsDuringBackup += 1;
      expect(result.lines[0], `round ${round}`).toBe('ready');
      let acknowledged = 0;
      for (const line of result.lines) {
        const [kind, value, models] = line.split(' ');
        if (kind === 'saved') {
          saved.add(value!);
          acknowledged += 1;
        }
        if (kind === 'backup') reportedBackups.push({ file: value!, models: Number(models) });
      }
      if (acknowledged > 0) roundsKilledAfterAcks += 1;

      // The dead writer's lock is taken over, as the app would on its next start.
      const workspace = await Workspace.open({ dataDir, lock: true });
      try {
        expect(workspace.sqlite.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
        const has = workspace.sqlite.prepare('select (select count(*) from models where id = ?) + (select count(*) from model_members where id = ?)').pluck();
        const missing = [...saved].filter((id) => has.get(id, id) !== 1);
        lost += missing.length;
        expect(missing, `round ${round} (seed ${SEED}): records acknowledged but missing`).toEqual([]);
        // Only finished, verified files are in the history as good backups.
        const good = workspace.sqlite.prepare("select file from backups where status = 'ok'").pluck().all() as string[];
        for (const file of good) expect(existsSync(file), file).toBe(true);
        expect(good.some((file) => file.endsWith('.dang-ghi'))).toBe(false);
      } finally {
        await workspace.close();
      }
    }

    // eslint-disable-next-line no-console
    console.log(
      `crash.test.ts seed ${SEED}: ${ROUNDS} rounds of SIGKILL, ${roundsKilledAfterAcks} after acknowledged writes, ${killsDuringBackup} inside a backup; ` +
        `${saved.size} acknowledged writes, ${lost} lost; ${reportedBackups.length} backups reported`,
    );
    // About what the test exercised, not about speed: kills that follow acknowledged writes, and kills inside a backup.
    expect(roundsKilledAfterAcks, `seed ${SEED}`).toBeGreaterThan(0);
    expect(killsDuringBackup, `seed ${SEED}: some kills should land inside a backup`).toBeGreaterThan(0);
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
