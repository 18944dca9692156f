/**
 * npx tsx bench/merge.bench.ts [--people 10000] [--runs 3] [--engine sqlite|postgres]
 *
 * Gathering a ward's file at size: a ward's data (the demo generator, `--people` people with their
 * reviews, a hundred models with their members) backed up to a file, then merged through the service
 * (stage + check + migrate + merge, services/merge) into a fresh district install: the first merge adds
 * everything; the same file merged again adds nothing (every record compared). Each the median of
 * `--runs` runs, on copies of the district's empty file, or with `--engine postgres` on new databases of
 * a throwaway PostgreSQL cluster (tests/postgres/cluster.ts). It measures only: nothing here asserts a time.
 */
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDemoData } from '../src/main/demo';
import { DEMO_MARKER } from '../src/main/demo/marker';
import { createBackup } from '../src/main/services/backup';
import { mergeFromFile } from '../src/main/services/merge/merge';
import { Workspace } from '../src/main/workspace';
import { startCluster } from '../tests/postgres/cluster';
import { createDatabase } from '../tests/postgres/databases';

const { values: args } = parseArgs({ options: { people: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' }, engine: { type: 'string', default: 'sqlite' } } });
const people = Number(args.people);
const runs = Number(args.runs);
if (!Number.isInteger(people) || people < 1 || !(runs >= 1) || !['sqlite', 'postgres'].includes(args.engine)) {
  throw new Error('Usage: npx tsx bench/merge.bench.ts [--people N] [--runs N] [--engine sqlite|postgres]');
}
const cluster = args.engine === 'postgres' ? await startCluster() : null;

const dir = mkdtempSync(join(tmpdir(), 'antq-bench-merge-'));
try {
  const cpu = cpus();
  console.log(`Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}; district on ${cluster ? 'PostgreSQL' : 'a SQLite file'}`);
  const ward = await Workspace.open({ dataDir: join(dir, 'phuong') });
  const summary = await generateDemoData(ward.context(), { scale: 1, people });
  // A ward's real data, as far as the merge can tell: demo data is never merged into real data.
  ward.sqlite.prepare('delete from settings where key = ?').run(DEMO_MARKER);
  const { path: file } = await createBackup(ward, ward.context(), { kind: 'manual', destination: { folder: join(dir, 'sao-luu') } });
  await ward.close();
  console.log(`Ward file: ${summary.models} models, ${summary.members} members, ${summary.subjects} people, ${summary.reviews} reviews; ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB`);

  const empty = join(dir, 'quan');
  await (await Workspace.open({ dataDir: empty })).close();
  const first: number[] = [];
  const again: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const copy = join(dir, `quan-${run}`);
    cpSync(empty, copy, { recursive: true });
    if (cluster) await createDatabase(cluster, `quan_${run}`);
    const district = await Workspace.open({ dataDir: copy, server: cluster ? { url: `${cluster.url}quan_${run}`, password: cluster.password } : undefined });
    let started = performance.now();
    const added = await mergeFromFile(district, district.context(), { path: file, name: 'phuong.sqlite' });
    first.push(performance.now() - started);
    started = performance.now();
    const repeated = await mergeFromFile(district, district.context(), { path: file, name: 'phuong.sqlite' });
    again.push(performance.now() - started);
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, count) => sum + count, 0);
    console.log(`run ${run + 1}: first merge added ${total(added.added)} records and ${added.historyAdded} history rows in ${(first.at(-1)! / 1000).toFixed(2)} s; again: ${total(repeated.added)} added, ${repeated.unchanged} alike, ${repeated.conflicts.length} conflicts in ${(again.at(-1)! / 1000).toFixed(2)} s`);
    await district.close();
    rmSync(copy, { recursive: true, force: true });
  }
  const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)]! / 1000;
  console.log(`median: first merge ${median(first).toFixed(2)} s (${Math.round(people / median(first)).toLocaleString('vi-VN')} people/s), the same file again ${median(again).toFixed(2)} s`);
} finally {
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
