/**
 * Backups under real office conditions (issue 12, points 3–5): a consistent snapshot while another
 * process writes, the heavy work in a worker thread, no plaintext on disk for an encrypted backup even
 * when the process is killed, unfinished files refused, leftovers swept at start.
 */
import BetterSqlite3 from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, openSync, readdirSync, readSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { BACKUP_META_KEY } from '../../src/main/db/backup';
import { hostTag, ownerText, processStart, startTag } from '../../src/main/platform/process-alive';
import { runInWorker } from '../../src/main/platform/worker-thread';
import { cleanLeftovers, createBackup, inspectBackup } from '../../src/main/services/backup';
import { onLines } from './child-lines';
import { cli, openTestApp, tempDir, type TestApp } from './helpers';

const projectRoot = join(import.meta.dirname, '..', '..');

// The real worker runner, watched: which task each backup or check handed to a worker thread, and what it returned.
vi.mock('../../src/main/platform/worker-thread', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/main/platform/worker-thread')>();
  return { ...real, runInWorker: vi.fn(real.runInWorker) };
});

/** The tasks handed to worker threads since `from` calls ago, with what each resolved to. */
async function workerTasks(from = 0): Promise<{ task: string; result: unknown }[]> {
  const mock = vi.mocked(runInWorker).mock;
  return Promise.all(mock.calls.slice(from).map(async ([task], index) => ({ task, result: await mock.results[from + index]?.value })));
}
const PASSWORD = 'mat-khau-thu-nghiem';

/** Grows the database by about `megabytes` with audit rows (raw SQL: fast, and counted like any table). */
function fill(app: TestApp, megabytes: number): void {
  app.workspace.sqlite
    .prepare(
      `with recursive n(i) as (select 1 union all select i + 1 from n where i < ?)
       insert into audit_log (id, at, user_id, entity, entity_id, action, before_json)
       select 'fill-' || i, '2026-01-01T00:00:00.000Z', 'test', 'fill', 'x', 'update', hex(randomblob(2000)) from n`,
    )
    .run(megabytes * 256);
}

interface Child {
  process: ChildProcess;
  lines: string[];
  /** Resolves with the first line (already printed or to come) that matches. */
  until(match: (line: string) => boolean): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts tests/unit/fixtures/backup-load.ts in a process of its own; killed when the test finishes. */
function startChild(...args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', join('tests', 'unit', 'fixtures', 'backup-load.ts'), ...args], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiting: { match: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  let stderr = '';
  onLines(child.stdout, (line) => {
    lines.push(line);
    for (const waiter of waiting.filter((candidate) => candidate.match(line))) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  onTestFinished(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  return {
    process: child,
    lines,
    exited,
    until: (match) =>
      new Promise((resolve, reject) => {
        const line = lines.find(match);
        if (line !== undefined) return resolve(line);
        waiting.push({ match, resolve });
        void exited.then(({ code, signal }) => reject(new Error(`child exited (${code ?? signal}) before the line awaited:\n${lines.join('\n')}\n${stderr}`)));
      }),
  };
}

const savedCount = (child: Child) => child.lines.filter((line) => line.startsWith('saved ')).length;

/** Every file under `folder`, recursively. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

function startsWithSqliteHeader(file: string): boolean {
  const handle = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    return readSync(handle, head, 0, 16, 0) === 16 && head.toString('latin1') === 'SQLite format 3\u0000';
  } finally {
    closeSync(handle);
  }
}

const countIn = (file: string, sql: string) => {
  const copy = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return copy.prepare(sql).pluck().get() as number;
  } finally {
    copy.close();
  }
};

describe('backup snapshot under load', () => {
  it('a CLI backup of a 24 MB database finishes and verifies while another process saves 100 records a second, with the counts of the copy', { timeout: 120_000 }, async () => {
    const app = await openTestApp();
    fill(app, 24);
    const writer = startChild('write', app.dir, '100');
    await writer.until((line) => line.startsWith('saved '));
    const savedBefore = savedCount(writer);
    const target = join(tempDir(), 'sao-luu');

    const run = await cli('backup', '--data-dir', app.dir, '--to', target, '--json');
    const savedAfter = savedCount(writer);
    expect(run.code, run.stderr).toBe(0);
    // Every save of the other process went through while the backup read its snapshot.
    expect(writer.lines.filter((line) => line.startsWith('failed'))).toEqual([]);
    const { backup } = JSON.parse(run.stdout) as { backup: { file: string; counts: { models: number } } };
    // The other process really wrote while the backup ran.
    expect(savedAfter).toBeGreaterThan(savedBefore);
    // The counts reported are those of the copy, taken at one moment inside the writes.
    const modelsInCopy = countIn(backup.file, 'select count(*) from models where deleted_at is null');
    expect(backup.counts.models).toBe(modelsInCopy);
    expect(modelsInCopy).toBeGreaterThanOrEqual(savedBefore);
    expect(modelsInCopy).toBeLessThanOrEqual(savedAfter + 1);
    expect(countIn(backup.file, "select count(*) from audit_log where entity = 'fill'")).toBe(24 * 256);
    expect(countIn(backup.file, `select count(*) from settings where key = '${BACKUP_META_KEY}'`)).toBe(1);

    const verified = await cli('verify', backup.file, '--data-dir', app.dir, '--json');
    expect(verified.code, verified.stderr).toBe(0);
    expect((JSON.parse(verified.stdout) as { info: { counts: { models: number } } }).info.counts.models).toBe(modelsInCopy);
  });

  // Counting event-loop turns between two progress messages was racy: a busy main thread can take the
  // worker's "checking" and "done" messages in one go, with no turn between them however long the check
  // took. What matters is where the work runs: the task's own thread id says it.
  it('the integrity check runs in a worker thread, which reports the check to the main thread', async () => {
    const app = await openTestApp();
    fill(app, 16);
    const phases: string[] = [];
    const before = vi.mocked(runInWorker).mock.calls.length;
    await createBackup(app.workspace, app.workspace.context(), {
      kind: 'manual',
      destination: { folder: join(app.dir, 'sao-luu') },
      onProgress: (progress) => phases.push(progress.phase),
    });
    const tasks = await workerTasks(before);
    expect(tasks.map((entry) => entry.task)).toEqual(['writeBackup']);
    // A worker's thread id is never 0; the main thread's always is.
    expect((tasks[0]?.result as { threadId: number }).threadId).toBeGreaterThan(0);
    expect(phases).toContain('Đang kiểm tra bản sao lưu…');
  });

  it('the check of a file offered for restore runs in a worker thread too', async () => {
    const app = await openTestApp();
    fill(app, 16);
    const made = await createBackup(app.workspace, app.workspace.context(), { kind: 'manual', destination: { folder: join(app.dir, 'sao-luu') } });
    const source = { path: made.path, name: 'sao-luu.sqlite' };
    const phases: string[] = [];
    const before = vi.mocked(runInWorker).mock.calls.length;
    const info = await inspectBackup(app.workspace, source, null, (progress) => phases.push(progress.phase));
    expect(info.counts).toEqual(made.record.counts);
    expect((await workerTasks(before)).map((entry) => entry.task)).toEqual(['checkCandidate']);
    expect(phases).toContain('Đang kiểm tra tệp…');
  });

  it('a kill -9 during an encrypted backup leaves no plaintext SQLite file in the data folder; the next start removes the partial', { timeout: 60_000 }, async () => {
    const app = await openTestApp();
    fill(app, 24);
    const folder = join(app.dir, 'sao-luu');
    const child = startChild('backup', app.dir, folder, PASSWORD);
    await child.until((line) => line === 'phase Đang mã hóa…');
    child.process.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');

    const partials = readdirSync(folder).filter((name) => name.endsWith('.dang-ghi'));
    expect(partials, 'the kill landed inside the backup').toHaveLength(1);
    const live = new Set(['', '-wal', '-shm'].map((suffix) => `${app.workspace.file}${suffix}`));
    const plaintext = filesUnder(app.dir).filter((file) => !live.has(file) && startsWithSqliteHeader(file));
    expect(plaintext).toEqual([]);

    const run = await cli('backups', '--data-dir', app.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(folder).filter((name) => name.includes('.dang-ghi'))).toEqual([]);
  });
});

describe('unfinished backups', () => {
  it('verify refuses a .dang-ghi partial and a file named as a backup without its seal; a plain data file is still accepted', { timeout: 60_000 }, async () => {
    const app = await openTestApp();
    const elsewhere = tempDir();
    const { path } = await createBackup(app.workspace, app.workspace.context(), { kind: 'manual', destination: { folder: join(app.dir, 'sao-luu') } });
    const partial = join(elsewhere, 'so-theo-doi_du-lieu_2026-11-26_0915.sqlite.4242-0a1b2c3d.dang-ghi');
    copyFileSync(path, partial);
    const run = await cli('verify', partial, '--data-dir', app.dir);
    expect(run.code).toBe(4);
    expect(run.stderr + run.stdout).toContain('bản sao lưu chưa ghi xong');

    // A copy without the seal under a backup's name: what a partial renamed by hand looks like.
    await app.workspace.close();
    const unsealed = join(elsewhere, 'so-theo-doi_du-lieu_2026-11-26_0916.sqlite');
    copyFileSync(app.workspace.file, unsealed);
    const checker = { dataDir: tempDir() };
    await expect(inspectBackup(checker, { path: unsealed, name: unsealed })).rejects.toThrow(/chưa ghi xong/);
    // The live data file copied off a PC has no seal either, and is not named as a backup: accepted.
    const dataFile = join(elsewhere, 'so-theo-doi.sqlite');
    copyFileSync(app.workspace.file, dataFile);
    const info = await inspectBackup(checker, { path: dataFile, name: dataFile });
    expect(info.createdAt).toBeNull();
    // And the finished backup is accepted, of course.
    expect((await inspectBackup(checker, { path, name: path })).createdAt).not.toBeNull();
  });
});

describe('leftovers', () => {
  it('every entry point removes stale partials and old plaintext temporaries at start, never a partial another process is writing', { timeout: 60_000 }, async () => {
    const app = await openTestApp();
    const folder = join(app.dir, 'sao-luu');
    const staging = join(app.dir, 'tam');
    mkdirSync(folder, { recursive: true });
    mkdirSync(staging, { recursive: true });
    // A process that has exited: its id names no running process.
    const gone = spawn(process.execPath, ['-e', '']);
    const gonePid = gone.pid!;
    await new Promise((resolve) => gone.on('exit', resolve));
    // A process that runs (the writer) while its partial is fresh.
    const writer = startChild('write', app.dir, '5');
    await writer.until((line) => line === 'ready');
    // Partials are named by their writer: this machine's short name, its pid and a hash of its start time.
    const here = (pid: number, start = 'x') => ownerText({ host: hostTag(), pid, start });
    const elsewhere = (pid: number) => ownerText({ host: hostTag('PC-KE-TOAN-02'), pid, start: 'x' });
    const name = (owner: string, tag: string) => join(folder, `so-theo-doi_du-lieu_2026-11-26_0915.sqlite.${owner}_${tag}.dang-ghi`);
    const writerStart = startTag(processStart(writer.process.pid!)!);
    // A start tag no process has: were the exited process's id reused meanwhile, the owner is still gone.
    const deadPartial = name(here(gonePid, '00000000'), '00000001');
    const deadJournal = `${name(here(gonePid, '00000000'), '00000002')}-journal`;
    const runningPartial = name(here(writer.process.pid!, writerStart), '00000003');
    // The writer's pid, but a process started at another time wrote it: the pid was reused.
    const reusedPid = name(here(writer.process.pid!, writerStart === '00000000' ? '00000001' : '00000000'), '00000005');
    // Another PC writing into the same (shared) folder: its pid means nothing here, only the age counts.
    const otherHostFresh = name(elsewhere(gonePid), '00000006');
    const otherHostStale = name(elsewhere(gonePid), '00000007');
    // Names of the versions before: no host, so possibly another PC's; only the age counts.
    const pidOnlyFresh = join(folder, `so-theo-doi_du-lieu_2026-11-26_0915.sqlite.${gonePid}-00000008.dang-ghi`);
    const oldStyleFresh = join(folder, 'so-theo-doi_du-lieu_2026-11-26_0915.sqlite.0a1b2c3d.dang-ghi');
    const oldStyleStale = join(folder, 'so-theo-doi_du-lieu_2026-11-26_0915.sqlite.0a1b2c3e.dang-ghi');
    const oldPlaintext = join(staging, 'sao-luu-0b5f6a1c-2d3e-4f50-8a6b-7c8d9e0f1a2b.sqlite');
    const upload = join(staging, 'tai-len-gan-day.bin');
    // Restore candidates are named by their owner too.
    const candidate = (owner: string) => join(staging, `khoi-phuc-${owner}_0b5f6a1c-2d3e-4f50-8a6b-7c8d9e0f1a2b.sqlite`);
    const deadCandidate = candidate(here(gonePid));
    const deadCandidateWal = `${candidate(here(gonePid))}-wal`;
    const runningCandidate = candidate(here(writer.process.pid!, writerStart));
    const otherHostCandidate = candidate(elsewhere(gonePid));
    const finished = join(folder, 'so-theo-doi_du-lieu_2026-11-26_0914.sqlite');
    const all = [deadPartial, deadJournal, runningPartial, reusedPid, otherHostFresh, otherHostStale, pidOnlyFresh, oldStyleFresh, oldStyleStale, oldPlaintext, upload];
    all.push(deadCandidate, deadCandidateWal, runningCandidate, otherHostCandidate, finished);
    for (const file of all) writeFileSync(file, 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
    for (const file of [oldStyleStale, otherHostStale]) utimesSync(file, twoHoursAgo, twoHoursAgo);
    // A copy of an old backup keeps the backup's time on macOS and Windows: its owner runs, so it stays.
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(runningCandidate, twoDaysAgo, twoDaysAgo);

    // The CLI's verify (no database needed) cleans the data folder's own backup folder and staging folder.
    const run = await cli('verify', join(folder, 'khong-co.sqlite'), '--data-dir', app.dir);
    expect(run.code).toBe(4);
    const left = (files: string[]) => files.filter((file) => existsSync(file));
    expect(left([deadPartial, deadJournal, reusedPid, otherHostStale, oldStyleStale, oldPlaintext, deadCandidate, deadCandidateWal])).toEqual([]);
    const kept = [runningPartial, otherHostFresh, pidOnlyFresh, oldStyleFresh, upload, runningCandidate, otherHostCandidate, finished];
    expect(left(kept)).toEqual(kept);

    // The app hosts' start (the scheduler) does the same, with the folders from the settings.
    const other = join(tempDir(), 'thu-muc-khac');
    await app.call('backup.setSettings', { automatic: true, intervalHours: 24, folder: other, secondFolder: null, encryptAutomatic: false, clearPassword: false });
    const stale = join(other, `x.sqlite.${here(gonePid)}_00000004.dang-ghi`);
    writeFileSync(stale, 'x');
    expect(await cleanLeftovers(app.workspace)).toEqual([stale]);
    expect(statSync(runningPartial).isFile()).toBe(true);
  });
});

