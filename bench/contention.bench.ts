/**
 * npx tsx bench/contention.bench.ts [--rows 20000]
 *
 * Two processes on one data folder: the app saving models and members one after the other
 * (tests/unit/fixtures/saver.ts, through the handler table) while the CLI imports a roster of --rows
 * people. Prints the saves attempted and failed during the import, their longest and 99th-percentile
 * latency, and the import's time. It measures only.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BATCH_MS, PAUSE_MS } from '../src/main/services/imports/batches';
import { Workspace } from '../src/main/workspace';
import { rosterFile } from '../tests/unit/import-helpers';
import { ROSTER_HEADER, rosterRows, startSaver } from '../tests/unit/saver-process';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '20000' } } });
const rowCount = Number(args.rows);
const projectRoot = join(import.meta.dirname, '..');

const runCli = (...cliArgs: string[]) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', ...cliArgs], { cwd: projectRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }));
  });

console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, load ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
console.log(`Import batches: ${BATCH_MS} ms of work, ${PAUSE_MS} ms pause`);
const dir = mkdtempSync(join(tmpdir(), 'antq-contention-bench-'));
try {
  const roster = await rosterFile(dir, 'danh-sach.xlsx', ROSTER_HEADER, rosterRows(rowCount));
  await (await Workspace.open({ dataDir: dir })).close();
  const saver = startSaver(dir);
  await saver.saved(10);
  const started = performance.now();
  const imported = await runCli('import', 'subjects', roster, '--data-dir', dir);
  const ended = performance.now();
  const { saves, failures } = await saver.stop();
  const during = saves.filter((save) => save.at > started && save.at < ended).map((save) => save.ms).sort((a, b) => a - b);
  const failedDuring = failures.length; // over the saver's whole run, which is hardly longer than the import
  console.log(`CLI import of ${rowCount.toLocaleString('vi-VN')} rows: exit ${imported.code}, ${((ended - started) / 1000).toFixed(2)} s (whole CLI run: reading the workbook, analysis, commit)${imported.code === 0 ? '' : `\n${imported.stderr}`}`);
  console.log(`Saves during the import: attempted ${during.length + failedDuring}, failed ${failedDuring}; latency median ${(during[Math.floor(during.length / 2)] ?? 0).toFixed(1)} ms, p99 ${(during[Math.floor(during.length * 0.99)] ?? 0).toFixed(1)} ms, longest ${(during.at(-1) ?? 0).toFixed(1)} ms (load ${loadavg()[0]!.toFixed(2)})`);
  for (const failure of failures.slice(0, 5)) console.log(`  ${failure}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
