/**
 * npx tsx bench/import-commit.bench.ts [--rows 50000] [--runs 5]
 *
 * The commit of an import alone, run several times on copies of one database: the rows are analysed once
 * (an in-memory roster of individuals, as bench/import.bench.ts writes it, without the .xlsx round trip),
 * the database file is copied before each commit, and the same analysis committed into each copy. For
 * profiling the commit (node --cpu-prof --import tsx bench/import-commit.bench.ts); --keep DIR keeps the last
 * copy. It measures only.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CellValue } from '../src/main/import/read';
import { analyseImport, commitImport, ImportSessions, inspectImport } from '../src/main/services/imports';
import { Workspace } from '../src/main/workspace';
import { NO_DECISIONS } from '../src/shared/imports';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '50000' }, runs: { type: 'string', default: '5' }, keep: { type: 'string' } } });
const rowCount = Number(args.rows);
const runs = Number(args.runs);

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Ngọc', 'Thanh'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Hà', 'Hùng', 'Lan', 'Lộc', 'Mai', 'Ướt', 'Phương', 'Quỳnh'];
const WARDS = ['Phường Bình Tiên', 'Phường Bình Tây', 'Phường Bình Phú', 'Phường Phú Lâm'];
const CATEGORIES = ['Người chấp hành xong án phạt tù về địa phương', 'Người sau cai nghiện ma túy', 'Người chưa thành niên vi phạm pháp luật'];
const personName = (index: number) => `${FAMILY[index % FAMILY.length]} ${MIDDLE[index % MIDDLE.length]} ${GIVEN[(index * 7) % GIVEN.length]}`;

const rows: CellValue[][] = [['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Điện thoại', 'Nơi ở hiện nay', 'Phường', 'Diện đối tượng', 'Ngày bắt đầu', 'Người giúp đỡ']];
for (let index = 0; index < rowCount; index++) {
  rows.push([
    index + 1,
    personName(index),
    `${(index % 28) + 1}/${(index % 12) + 1}/${1950 + (index % 55)}`,
    index % 2 === 0 ? 'Nam' : 'Nữ',
    String(79_000_000_000 + index).padStart(12, '0'),
    `0${900_000_000 + index}`,
    `Số ${index % 300} đường Hậu Giang`,
    WARDS[index % WARDS.length]!,
    CATEGORIES[index % CATEGORIES.length]!,
    `${(index % 28) + 1}/${(index % 12) + 1}/${2015 + (index % 10)}`,
    personName(index + 5),
  ]);
}

console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, load ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
const base = mkdtempSync(join(tmpdir(), 'antq-commit-bench-'));
try {
  const source = join(base, 'source');
  const sessions = new ImportSessions();
  const session = sessions.add('doi-tuong.xlsx', { sheets: [{ name: 'Đối tượng', rows } as never], date1904: false });
  const workspace = await Workspace.open({ dataDir: source });
  const ctx = workspace.context();
  const layout = await inspectImport(ctx, session, { sheet: 'Đối tượng', register: 'subjects' });
  for (let from = 0; ; ) {
    const step = await analyseImport(ctx, session, { sheet: 'Đối tượng', register: 'subjects', mapping: layout.mapping, fixes: {}, from });
    if (step.done >= step.total) break;
    from = step.done;
  }
  await workspace.close();
  const analysis = session.analysis;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    const dir = join(base, `run-${run}`);
    cpSync(source, dir, { recursive: true });
    const copy = await Workspace.open({ dataDir: dir });
    session.analysis = analysis;
    const cpu = process.cpuUsage();
    const started = performance.now();
    const summary = await commitImport(copy.context(), session, NO_DECISIONS);
    const ms = performance.now() - started;
    const { user, system } = process.cpuUsage(cpu);
    // What runs after the commit has returned (the WAL checkpoint, db/checkpoint.ts): one turn of the event loop.
    const afterStarted = performance.now();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const afterMs = performance.now() - afterStarted;
    times.push(ms);
    cpuTimes.push((user + system) / 1000);
    console.log(`run ${run + 1}: added ${summary.added}, skipped ${summary.skipped.length}: ${(ms / 1000).toFixed(2)} s, ${Math.round(summary.added / (ms / 1000)).toLocaleString('vi-VN')} rows/s, CPU ${(cpuTimes.at(-1)! / 1000).toFixed(2)} s, then ${(afterMs / 1000).toFixed(2)} s blocked after it (load ${loadavg()[0]!.toFixed(2)})`);
    await copy.close();
    if (args.keep && run === runs - 1) cpSync(dir, args.keep, { recursive: true });
    rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const middle = times[Math.floor((times.length - 1) / 2)]!;
  console.log(`median ${(middle / 1000).toFixed(2)} s, ${Math.round(rowCount / (middle / 1000)).toLocaleString('vi-VN')} rows/s; best ${(times[0]! / 1000).toFixed(2)} s; CPU time median ${(cpuTimes[Math.floor((cpuTimes.length - 1) / 2)]! / 1000).toFixed(2)} s (the main thread's: less swayed by other load)`);
} finally {
  rmSync(base, { recursive: true, force: true });
}
