/**
 * npx tsx bench/backup.bench.ts [--people 100000] [--scale 1] [--runs 3]
 *
 * Backup and restore at size: the demo data (`generateDemoData` with 100.000 people, about a million
 * reviews) in a temp folder, then each operation timed end to end through the service, against a plain
 * `cp` of the same database file while it is closed (the physical floor: what copying the bytes costs).
 * - backup: online copy + seal + verify (integrity_check, row counts) + fsync + rename + history row;
 * - verify: a private copy of the backup + every check a restore makes first (integrity_check included);
 * - encrypted backup: the same plus AES-256-GCM (scrypt N=2^17) and decrypting it again to check it;
 * - restore: private copy + checks + open + safety backup of the current data + atomic swap + reopen.
 * The median of `--runs` runs is shown, with the phases of one backup. It measures only: nothing here
 * asserts a time.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDemoData } from '../src/main/demo';
import { createBackup, inspectBackup, restoreBackup } from '../src/main/services/backup';
import { Workspace } from '../src/main/workspace';

const { values: args } = parseArgs({ options: { people: { type: 'string', default: '100000' }, scale: { type: 'string', default: '1' }, runs: { type: 'string', default: '3' } } });
const people = Number(args.people);
const scale = Number(args.scale);
const runs = Number(args.runs);
if (!Number.isInteger(people) || people < 0 || !(scale > 0) || !(runs >= 1)) throw new Error('Usage: npx tsx bench/backup.bench.ts [--people N] [--scale N] [--runs N]');
const PASSWORD = 'mat-khau-do-thoi-gian';

async function median(run: (index: number) => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    await run(index);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor((times.length - 1) / 2)]!;
}

const dir = mkdtempSync(join(tmpdir(), 'antq-bench-backup-'));
try {
  const cpu = cpus();
  console.log(`Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}`);
  const dataDir = join(dir, 'du-lieu');
  let workspace = await Workspace.open({ dataDir });
  const started = performance.now();
  const summary = await generateDemoData(workspace.context(), { scale, people });
  console.log(`Generated ${summary.models} models, ${summary.members} members, ${summary.subjects} people, ${summary.reviews} reviews in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await workspace.close();
  const size = statSync(workspace.file).size;
  console.log(`Database file: ${(size / 1024 / 1024).toFixed(1)} MB; ${runs} run(s) per operation, median shown`);

  const rows: [string, number, string][] = [];
  const cpTime = await median((index) => execFileSync('cp', [workspace.file, join(dir, `cp-${index}.sqlite`)]));
  rows.push(['cp of the closed file (floor)', cpTime, '']);
  rows.push(['fs.copyFileSync of the closed file', await median((index) => copyFileSync(workspace.file, join(dir, `copy-${index}.sqlite`))), '']);
  for (let index = 0; index < runs; index += 1) {
    for (const name of [`cp-${index}.sqlite`, `copy-${index}.sqlite`]) rmSync(join(dir, name), { force: true });
  }

  workspace = await Workspace.open({ dataDir });
  const ctx = workspace.context();
  const backups: string[] = [];
  const phases = new Map<string, number>();
  rows.push([
    'backup (plain, verified)',
    await median(async (index) => {
      let last = performance.now();
      let phase = '';
      const { path } = await createBackup(workspace, ctx, {
        kind: 'manual',
        destination: { folder: join(dir, 'sao-luu') },
        onProgress: (progress) => {
          if (index !== 0 || progress.phase === phase) return;
          const now = performance.now();
          if (phase) phases.set(phase, (phases.get(phase) ?? 0) + now - last);
          phase = progress.phase;
          last = now;
        },
      });
      backups.push(path);
      if (index > 0) rmSync(path); // 760 MB each at 100.000 people: keep one
    }),
    '',
  ]);
  const backupSize = statSync(backups[0]!).size;
  rows.push(['verify (check a backup file)', await median(() => inspectBackup(workspace, { path: backups[0]!, name: 'bench' })), '']);
  const encrypted: string[] = [];
  rows.push([
    'encrypted backup (verified, decrypted again)',
    await median(async (index) => {
      const { path } = await createBackup(workspace, ctx, { kind: 'manual', destination: { folder: join(dir, 'mat-khau') }, password: PASSWORD });
      encrypted.push(path);
      if (index > 0) rmSync(path);
    }),
    '',
  ]);
  rows.push(['verify an encrypted backup', await median(() => inspectBackup(workspace, { path: encrypted[0]!, name: 'bench' }, PASSWORD)), '']);
  const restore = async (file: string, password?: string) => {
    const { safetyBackup } = await restoreBackup(workspace, workspace.context(), { path: file, name: 'bench' }, password);
    return () => rmSync(safetyBackup.file); // after the timing
  };
  const cleanUps: (() => void)[] = [];
  rows.push(['restore (plain file; incl. safety backup)', await median(async () => cleanUps.push(await restore(backups[0]!))), '']);
  rows.push(['restore (encrypted file)', await median(async () => cleanUps.push(await restore(encrypted[0]!, PASSWORD))), '']);
  for (const cleanUp of cleanUps) cleanUp();
  await workspace.close();

  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`\nBackup file ${(backupSize / 1024 / 1024).toFixed(1)} MB plain, ${(statSync(encrypted[0]!).size / 1024 / 1024).toFixed(1)} MB encrypted\n`);
  console.log(`${'operation'.padEnd(width)}  ${'seconds'.padStart(8)}  ${'× cp'.padStart(6)}  ${'MB/s'.padStart(7)}`);
  for (const [name, ms] of rows) {
    console.log(`${name.padEnd(width)}  ${(ms / 1000).toFixed(2).padStart(8)}  ${(ms / cpTime).toFixed(1).padStart(6)}  ${(size / 1024 / 1024 / (ms / 1000)).toFixed(0).padStart(7)}`);
  }
  console.log('\nPhases of one plain backup:');
  for (const [phase, ms] of phases) console.log(`  ${phase.padEnd(34)} ${(ms / 1000).toFixed(2)} s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
