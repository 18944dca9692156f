/**
 * npx tsx bench/engines.bench.ts [--people 100000] [--runs 30] [--warmup 5]
 *
 * The register on both engines side by side (issue 18 point 6): the same demo data (generateDemoData, about
 * 10 reviews a person) in a local SQLite file and in a database of a throwaway PostgreSQL cluster
 * (tests/postgres/cluster.ts, Debian's `postgresql` package), then the list, a deep page, searches, a
 * filter, the counts and the due view, each through the full handler path (handleRequest: zod, access,
 * Kysely, audit). The server runs on this PC, so the figures hold no network time: over a LAN add a round
 * trip or two per call. The server's data is vacuumed after it is written, as autovacuum leaves it soon
 * after (just written, its counts read the table instead of the indexes: about 3 times slower). It measures
 * only: nothing here asserts a time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createHandlers, handleRequest } from '../src/main/api';
import { SYSTEM_USER } from '../src/main/db/system-user';
import { generateDemoData } from '../src/main/demo';
import { Session } from '../src/main/session';
import { Workspace } from '../src/main/workspace';
import type { Method } from '../src/shared/api';
import { startCluster } from '../tests/postgres/cluster';
import { createDatabase } from '../tests/postgres/databases';
import { measure as measureRuns } from './measure';

const { values: args } = parseArgs({
  options: { people: { type: 'string', default: '100000' }, runs: { type: 'string', default: '30' }, warmup: { type: 'string', default: '5' } },
});
const people = Number(args.people);
const runs = Number(args.runs);
const warmup = Number(args.warmup);
if (!Number.isInteger(people) || people < 100 || !(runs >= 1) || !(warmup >= 0)) throw new Error('Usage: npx tsx bench/engines.bench.ts [--people N (100 or more)] [--runs N] [--warmup N]');

const measure = (run: () => unknown) => measureRuns(run, { runs, warmup });

async function measureEngine(workspace: Workspace): Promise<Map<string, { median: number; p95: number; note: string }>> {
  const handlers = createHandlers(workspace);
  const call = async (method: Method, input: unknown) => {
    const response = await handleRequest(workspace, handlers, new Session(SYSTEM_USER), method, input);
    if (!response.ok) throw new Error(`${method}: ${response.error.code} ${response.error.message}`);
    return response.result;
  };
  const db = workspace.context().db;
  const started = performance.now();
  await generateDemoData(workspace.context(), { scale: 1, people, seed: 7 });
  const generated = performance.now() - started;
  // On a server, the state autovacuum leaves a minute after a bulk write: the visibility map set, so the
  // counts and pages are read from the indexes alone (VACUUM cannot run inside the writer's transaction).
  if (workspace.engine === 'postgres') await sql`vacuum analyze`.execute(db);
  const { rows: wards } = await sql<{ id: string }>`select id from wards where name = 'Phường Bình Tiên'`.execute(db);
  const { rows: rare } = await sql<{ n: string }>`select id_number as n from subjects where length(id_number) = 12 order by id limit 1 offset ${Math.floor(people / 2)}`.execute(db);
  const deep = Math.min(50_000, Math.floor(people / 2));
  const operations: [string, Method, unknown, (result: unknown) => string][] = [
    ['list: first page of 100 + total', 'subjects.list', {}, (r) => `${(r as { total: number }).total} rows`],
    [`list: page at offset ${deep}`, 'subjects.list', { offset: deep }, (r) => `${(r as { rows: unknown[] }).rows.length} rows`],
    ["search 'nguyen van binh'", 'subjects.list', { search: 'nguyen van binh' }, (r) => `${(r as { total: number }).total} match`],
    ['search a rare ID number', 'subjects.list', { search: rare[0]?.n }, (r) => `${(r as { total: number }).total} match`],
    ['filter ward + status', 'subjects.list', { wardId: wards[0]?.id, status: 'dang_giup_do' }, (r) => `${(r as { total: number }).total} match`],
    ['counts (category, status)', 'subjects.counts', {}, () => ''],
    ['due view (subjects.due)', 'subjects.due', {}, (r) => `${(r as { counts: { overdue: number } }).counts.overdue} overdue`],
    ['due counts (subjects.dueCounts)', 'subjects.dueCounts', {}, () => ''],
  ];
  const results = new Map<string, { median: number; p95: number; note: string }>();
  results.set('demo data written (ms, once)', { median: generated, p95: generated, note: `${people} people` });
  for (const [name, method, input, note] of operations) {
    const stats = await measure(() => call(method, input));
    results.set(name, { ...stats, note: note(await call(method, input)) });
  }
  return results;
}

const cpu = cpus();
console.log(`Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}; ${people.toLocaleString('vi-VN')} people; ${warmup} warm-up + ${runs} runs; ms`);
const dir = mkdtempSync(join(tmpdir(), 'antq-bench-engines-'));
const cluster = await startCluster();
try {
  const file = await Workspace.open({ dataDir: join(dir, 'file') });
  const onFile = await measureEngine(file);
  await file.close();
  await createDatabase(cluster, 'bench');
  const server = await Workspace.open({ dataDir: join(dir, 'server'), server: { url: `${cluster.url}bench`, password: cluster.password } });
  const onServer = await measureEngine(server);
  await server.close();
  const pad = (text: string, width: number) => text.padEnd(width);
  const num = (value: number | undefined) => (value === undefined ? '' : value.toFixed(1)).padStart(9);
  console.log(`\n${pad('operation', 36)} ${'SQLite med'.padStart(9)} ${'p95'.padStart(9)} ${'PG med'.padStart(9)} ${'p95'.padStart(9)}  result (SQLite / PG)`);
  for (const [name, stats] of onFile) {
    const other = onServer.get(name);
    console.log(`${pad(name, 36)} ${num(stats.median)} ${num(stats.p95)} ${num(other?.median)} ${num(other?.p95)}  ${stats.note} / ${other?.note ?? ''}`);
  }
} finally {
  cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
