/**
 * npx tsx bench/backup-load.bench.ts [--people 26000] [--fill-mb 0] [--before DIR] [--limit-s 120]
 *
 * A backup of a ~200 MB database while the app is in use (issue 12, points 3–4):
 * - the web host (startWebHost) runs in this process on the same Workspace; a client in another process
 *   calls models.list back to back (20 ms apart) and records each answer's latency: p50/p95/max while
 *   idle and while a plain and an encrypted backup run in this process;
 * - the backup's time while another process saves 100 records a second (tests/unit/fixtures/backup-load.ts
 *   write), stopped after --limit-s when it does not finish (the old online backup restarted on every
 *   write and never finished).
 * "after" is this tree's services/backup; with --before DIR (a `src` folder of an older commit, e.g.
 * `git archive <commit> src | tar -x -C .bench-before`), the same runs use that tree's createBackup,
 * on the same database and web host, printed as "before". The database is the demo data of --people
 * people (26.000 ≈ 200 MB), topped up with --fill-mb of audit rows. It measures only: nothing asserts a time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDemoData } from '../src/main/demo';
import { startWebHost } from '../src/main/host/server';
import * as after from '../src/main/services/backup';
import { Workspace } from '../src/main/workspace';

const { values: args } = parseArgs({
  options: { people: { type: 'string', default: '26000' }, 'fill-mb': { type: 'string', default: '0' }, before: { type: 'string' }, 'limit-s': { type: 'string', default: '120' } },
});
const projectRoot = resolve(import.meta.dirname, '..');
const PASSWORD = 'mat-khau-do-thoi-gian';
type CreateBackup = typeof after.createBackup;

const LATENCY_CLIENT = `
const [url, token] = process.argv.slice(1);
const latencies = {};
let label = 'idle';
let stopped = false;
process.stdin.setEncoding('utf8');
process.stdin.on('data', (text) => {
  for (const line of text.split('\\n').filter(Boolean)) {
    if (line === 'stop') stopped = true;
    else label = line;
  }
});
// The printed address is spent once for the session cookie, as a browser does.
const login = await fetch(new URL('/?token=' + token, url), { redirect: 'manual' });
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
if (!cookie) throw new Error('no session cookie for the token (' + login.status + ')');
while (!stopped) {
  const started = performance.now();
  const during = label;
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' });
  await response.arrayBuffer();
  if (!response.ok) throw new Error('models.list answered ' + response.status);
  (latencies[during] ??= []).push(performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
process.stdout.write(JSON.stringify(latencies), () => process.exit(0));
`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Waits until a child prints a line that matches. */
function lineFrom(child: ChildProcess, match: (line: string) => boolean): Promise<void> {
  return new Promise((resolveLine, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.split('\n').some(match)) {
        child.stdout!.off('data', onData);
        resolveLine();
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`child exited (${code})`)));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'antq-bench-backup-load-'));
let workspace: Workspace | null = null;
try {
  const cpu = cpus();
  console.log(`Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}`);
  const dataDir = join(dir, 'du-lieu');
  workspace = await Workspace.open({ dataDir });
  const started = performance.now();
  const summary = await generateDemoData(workspace.context(), { scale: 1, people: Number(args.people) });
  const fillMb = Number(args['fill-mb']);
  if (fillMb > 0) {
    workspace.sqlite
      .prepare(
        `with recursive n(i) as (select 1 union all select i + 1 from n where i < ?)
         insert into audit_log (id, at, user_id, entity, entity_id, action, before_json)
         select 'fill-' || i, '2026-01-01T00:00:00.000Z', 'bench', 'fill', 'x', 'update', hex(randomblob(2000)) from n`,
      )
      .run(fillMb * 256);
  }
  workspace.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  console.log(
    `Database: ${(statSync(workspace.file).size / 1024 / 1024).toFixed(0)} MB (${summary.subjects} people, ${summary.reviews} reviews, ${summary.members} members) built in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );

  const trees: [string, CreateBackup][] = [];
  if (args.before) {
    // services/backup.ts before the split into a folder, services/backup/index.ts after it.
    const services = join(resolve(args.before), 'main', 'services');
    const entry = existsSync(join(services, 'backup.ts')) ? join(services, 'backup.ts') : join(services, 'backup', 'index.ts');
    const old = (await import(pathToFileURL(entry).href)) as { createBackup: CreateBackup };
    trees.push(['before', old.createBackup]);
  }
  trees.push(['after', after.createBackup]);

  // --- The web host's latency while backups run in this process ---------------------------------------
  const token = 'bench-token';
  const host = await startWebHost({ workspace, rendererDir: join(projectRoot, 'out', 'renderer'), token });
  const client = spawn(process.execPath, ['--input-type=module', '-e', LATENCY_CLIENT, `http://127.0.0.1:${host.port}/api/models.list`, token], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  client.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const clientDone = new Promise<void>((resolveExit) => client.on('exit', () => resolveExit()));
  const mark = (label: string) => client.stdin.write(`${label}\n`);
  const idleUntil = performance.now() + 3000;
  while (performance.now() < idleUntil) await new Promise((resolveIdle) => setTimeout(resolveIdle, 100));
  const times: Record<string, number> = {};
  for (const [tree, createBackup] of trees) {
    for (const encrypted of [false, true]) {
      const label = `${tree}: ${encrypted ? 'encrypted' : 'plain'} backup running`;
      mark(label);
      const at = performance.now();
      const { path } = await createBackup(workspace, workspace.context(), { kind: 'manual', destination: { folder: join(dir, 'sao-luu') }, password: encrypted ? PASSWORD : null });
      times[label] = performance.now() - at;
      mark('between');
      rmSync(path);
    }
  }
  mark('stop');
  await clientDone;
  await host.close();
  const latencies = JSON.parse(output) as Record<string, number[]>;
  console.log('\nweb host models.list latency (ms), client in another process, 20 ms between calls:');
  console.log(`${'while'.padEnd(36)} ${'calls'.padStart(6)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}  backup s`);
  for (const [label, values] of Object.entries(latencies).filter(([name]) => name !== 'between')) {
    const backup = times[label] === undefined ? '' : (times[label] / 1000).toFixed(1);
    console.log(`${label.padEnd(36)} ${String(values.length).padStart(6)} ${percentile(values, 50).toFixed(1).padStart(7)} ${percentile(values, 95).toFixed(1).padStart(7)} ${Math.max(...values).toFixed(1).padStart(7)}  ${backup}`);
  }

  // --- The backup's time while another process saves 100 records a second ---------------------------
  const limitMs = Number(args['limit-s']) * 1000;
  console.log(`\nbackup while another process saves 100 records/s (stopped after ${limitMs / 1000} s):`);
  for (const [tree, createBackup] of trees) {
    const writer = spawn(process.execPath, ['--import', 'tsx', join('tests', 'unit', 'fixtures', 'backup-load.ts'), 'write', dataDir, '100'], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let saved = 0;
    let failed = 0;
    writer.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line.startsWith('saved ')) saved += 1;
        if (line.startsWith('failed ')) failed += 1;
      }
    });
    await lineFrom(writer, (line) => line.startsWith('saved '));
    const at = performance.now();
    const savedAtStart = saved;
    const backup = createBackup(workspace, workspace.context(), { kind: 'manual', destination: { folder: join(dir, 'sao-luu') } });
    let limit: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([backup.then(() => 'done', () => 'done'), new Promise<string>((resolveLimit) => (limit = setTimeout(() => resolveLimit('limit'), limitMs)))]);
    clearTimeout(limit);
    const ms = performance.now() - at;
    const savedDuring = saved - savedAtStart;
    writer.kill('SIGKILL');
    const result = await backup.then(
      ({ path }) => {
        rmSync(path);
        return 'ok';
      },
      (error: Error) => `failed: ${error.message}`,
    );
    console.log(
      `  ${tree.padEnd(7)} ${outcome === 'done' ? `${(ms / 1000).toFixed(1)} s, ${result}` : `not finished after ${(ms / 1000).toFixed(0)} s (then: ${result} once the writer stopped)`}; ${savedDuring} records saved meanwhile, ${failed} failed saves`,
    );
  }
} finally {
  await workspace?.close();
  rmSync(dir, { recursive: true, force: true });
}
