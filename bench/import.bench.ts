/**
 * npx tsx bench/import.bench.ts [--rows 50000] [--runs 3]
 *
 * An import at size: an .xlsx roster of individuals written by exceljs (title rows, a merged two-row
 * header, names in capitals, births as Excel dates, serials, years and text, ID and phone numbers as
 * number cells, a helper column typed in TCVN3, blank and total rows at the end).
 * 1. The reading steps, each the median of `--runs` runs: readWorkbook, findHeader, autoMap, normaliseSheet.
 * 2. The import as the wizard runs it, through the service on a real SQLite file in a temp folder: open
 *    (read the file), analyse (every chunk: normalise, validate, match against the register), preview,
 *    commit (write transactions of about a second each, services/imports/batches.ts); then the same file again, which must add nothing.
 * 3. The raw floor beside the commit: the rows the first commit wrote, inserted again with raw
 *    better-sqlite3 into a fresh database of the same schema (bench/import-floor.ts), three ways.
 * Rows per second for each. It measures only: nothing here asserts a time.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findHeader, type HeaderMatch } from '../src/main/import/header';
import { TCVN3_TABLE } from '../src/main/import/legacy-encodings';
import { normaliseSheet, type NormalisedSheet } from '../src/main/import/normalise';
import { readWorkbook, type CellValue, type Workbook } from '../src/main/import/read';
import { FLOOR_VARIANTS, rawFloor, writtenRows } from './import-floor';
import { sqliteHandle } from '../src/main/db/open';
import { analyseImport, commitImport, ImportSessions, inspectImport, openImport, previewImport } from '../src/main/services/imports';
import { Workspace } from '../src/main/workspace';
import { autoMap, NO_DECISIONS, SUBJECT_IMPORT_FIELDS, type ResolvedMapping } from '../src/shared/imports';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '50000' }, runs: { type: 'string', default: '3' } } });
const rowCount = Number(args.rows);
const runs = Number(args.runs);
if (!Number.isInteger(rowCount) || rowCount < 1 || !(runs >= 1)) throw new Error('Usage: npx tsx bench/import.bench.ts [--rows N] [--runs N]');

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Ngọc', 'Thanh'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Hà', 'Hùng', 'Lan', 'Lộc', 'Mai', 'Ướt', 'Phương', 'Quỳnh'];
const WARDS = ['Phường Bình Tiên', 'Phường Bình Tây', 'Phường Bình Phú', 'Phường Phú Lâm'];
const CATEGORIES = ['Người chấp hành xong án phạt tù về địa phương', 'Người sau cai nghiện ma túy', 'Người chưa thành niên vi phạm pháp luật'];
const tcvn3Codes = new Map(TCVN3_TABLE.map(([letter, code]) => [letter, code]));
const toTcvn3 = (text: string) => [...text].map((char) => tcvn3Codes.get(char) ?? char).join('');

function personName(index: number): string {
  const name = `${FAMILY[index % FAMILY.length]} ${MIDDLE[index % MIDDLE.length]} ${GIVEN[(index * 7) % GIVEN.length]}`;
  return index % 3 === 0 ? name.toUpperCase().replace(' ', '  ') : name;
}

function birth(index: number): CellValue {
  const day = (index % 28) + 1;
  const month = (index % 12) + 1;
  const year = 1950 + (index % 55);
  switch (index % 4) {
    case 0:
      return new Date(Date.UTC(year, month - 1, day));
    case 1:
      return `${day}/${month}/${year}`;
    case 2:
      return year;
    default:
      return Math.floor((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000);
  }
}

async function rosterXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Đối tượng');
  sheet.addRow(['CÔNG AN PHƯỜNG BÌNH TIÊN']);
  sheet.addRow(['DANH SÁCH ĐỐI TƯỢNG ĐƯỢC GIÁO DỤC, GIÚP ĐỠ']);
  sheet.mergeCells('A2:K2');
  sheet.addRow([]);
  sheet.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Ngày sinh', 'Số CCCD', 'Điện thoại', 'Nơi ở hiện nay', 'Phường', 'Diện đối tượng', 'Ngày bắt đầu', 'Người giúp đỡ']);
  sheet.addRow(['STT', 'Họ và tên', 'Nam', 'Nữ', 'Số CCCD', 'Điện thoại', 'Nơi ở hiện nay', 'Phường', 'Diện đối tượng', 'Ngày bắt đầu', 'Người giúp đỡ']);
  sheet.mergeCells('C4:D4');
  for (let index = 0; index < rowCount; index++) {
    const male = index % 2 === 0;
    sheet.addRow([
      index + 1,
      personName(index),
      male ? birth(index) : null,
      male ? null : birth(index),
      79_000_000_000 + index,
      900_000_000 + index,
      `Số ${index % 300} đường Hậu Giang`.normalize(index % 5 === 0 ? 'NFD' : 'NFC'),
      WARDS[index % WARDS.length],
      CATEGORIES[index % CATEGORIES.length],
      `${(index % 28) + 1}/${(index % 12) + 1}/${2015 + (index % 10)}`,
      toTcvn3(personName(index + 5)),
    ]);
  }
  sheet.addRow([]);
  sheet.addRow(['Tổng cộng:', rowCount]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function median(run: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor((times.length - 1) / 2)] ?? 0;
}

const cpu = cpus();
console.log(`Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}`);
const started = performance.now();
const file = await rosterXlsx();
console.log(`Wrote ${rowCount.toLocaleString('vi-VN')} rows with exceljs in ${((performance.now() - started) / 1000).toFixed(1)} s: ${(file.length / 1024 / 1024).toFixed(1)} MB; ${runs} run(s) per step, median shown`);

let workbook: Workbook | undefined;
let header: HeaderMatch | null = null;
let mapping: ResolvedMapping = {};
let result: NormalisedSheet | undefined;
const rows = () => workbook?.sheets[0]?.rows ?? [];
const steps: [string, number][] = [
  ['readWorkbook', await median(async () => (workbook = await readWorkbook(file, 'doi-tuong.xlsx')))],
  ['findHeader', await median(() => (header = findHeader(rows(), SUBJECT_IMPORT_FIELDS)))],
  ['autoMap', await median(() => (mapping = autoMap(header?.labels ?? [], 'subjects')))],
  ['normaliseSheet (every row)', await median(() => (result = normaliseSheet(rows(), header ?? { dataStart: 0 }, mapping, 'subjects', { date1904: workbook?.date1904 ?? false })))],
];
const imported = result?.rows.length ?? 0;
const withProblems = result?.rows.filter((row) => row.problems.length > 0).length ?? 0;
console.log(`Imported ${imported} rows (${withProblems} with problems), dropped ${result?.dropped.length ?? 0}, legacy cells decoded ${result?.decoded.length ?? 0}\n`);
const total = steps.reduce((sum, [, ms]) => sum + ms, 0);
steps.push(['total', total]);

const width = Math.max(...steps.map(([name]) => name.length));
console.log(`${'step'.padEnd(width)}  ${'seconds'.padStart(8)}  ${'rows/s'.padStart(10)}`);
for (const [name, ms] of steps) {
  console.log(`${name.padEnd(width)}  ${(ms / 1000).toFixed(3).padStart(8)}  ${Math.round(imported / (ms / 1000)).toLocaleString('vi-VN').padStart(10)}`);
}
console.log(`\nResident memory after the reading runs: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);

// --- 2. The whole import through the service, twice.
const dir = mkdtempSync(join(tmpdir(), 'antq-import-bench-'));
try {
  const path = join(dir, 'doi-tuong.xlsx');
  writeFileSync(path, file);
  const workspace = await Workspace.open({ dataDir: dir });
  try {
    const ctx = workspace.context();
    const sqlite = sqliteHandle(ctx.db);
    const mark = () => sqlite.prepare('select (select coalesce(max(rowid), 0) from audit_log) as audit, (select coalesce(max(seq), 0) from subjects) as seq').get() as { audit: number; seq: number };
    let commitSeconds = 0;
    let floorTables: ReturnType<typeof writtenRows> | null = null;
    for (const pass of ['first import', 'same file again']) {
      const sessions = new ImportSessions();
      const timed: [string, number][] = [];
      const time = async <T>(name: string, step: () => Promise<T> | T): Promise<T> => {
        const begun = performance.now();
        const value = await step();
        timed.push([name, performance.now() - begun]);
        return value;
      };
      const opened = await time('open (read the file)', () => openImport(sessions, { path, name: 'doi-tuong.xlsx' }));
      const session = sessions.get(opened.sessionId);
      const sheet = opened.sheets[0]?.name ?? '';
      const layout = await time('inspect (header, mapping)', () => inspectImport(ctx, session, { sheet, register: 'subjects' }));
      let calls = 0;
      await time('analyse (all chunks)', async () => {
        for (let from = 0; ; calls += 1) {
          const step = await analyseImport(ctx, session, { sheet, register: 'subjects', mapping: layout.mapping, fixes: {}, from });
          if (step.done >= step.total) return;
          from = step.done;
        }
      });
      const preview = await time('preview (counts, first page)', () => previewImport(session, { ...NO_DECISIONS, show: 'all', offset: 0, limit: 100 }));
      const before = mark();
      const summary = await time('commit (batches)', () => commitImport(ctx, session, NO_DECISIONS));
      if (!floorTables) {
        commitSeconds = (timed.at(-1)?.[1] ?? 0) / 1000;
        floorTables = writtenRows(sqlite, before.audit, before.seq + 1);
      }
      console.log(`\n${pass}: ${calls + 1} analyse calls; counts ${JSON.stringify(preview.counts)}; added ${summary.added}, updated ${summary.updated}, unchanged ${summary.unchanged}, skipped ${summary.skipped.length}`);
      const rowsSeen = preview.counts.add + preview.counts.update + preview.counts.same + preview.counts.check + preview.counts.error + preview.counts.skip;
      timed.push(['total', timed.reduce((sum, [, ms]) => sum + ms, 0)]);
      for (const [name, ms] of timed) console.log(`${name.padEnd(30)}  ${(ms / 1000).toFixed(2).padStart(7)} s  ${Math.round(rowsSeen / (ms / 1000)).toLocaleString('vi-VN').padStart(10)} rows/s`);
    }
    // --- 3. The commit beside the raw floor on the same schema.
    if (floorTables) {
      const written = floorTables.subjects?.length ?? 0;
      const counts = Object.entries(floorTables).filter(([table]) => ['subjects', 'subject_status_changes', 'subject_reviews', 'audit_log'].includes(table)).map(([table, rows]) => `${rows.length} ${table}`).join(', ');
      console.log(`\nThe first commit beside raw better-sqlite3 inserting the rows it wrote (${counts}) into a fresh database of the same schema:`);
      const line = (name: string, seconds: number) => console.log(`${name.padEnd(46)}  ${seconds.toFixed(2).padStart(7)} s  ${Math.round(written / seconds).toLocaleString('vi-VN').padStart(10)} rows/s`);
      line('commit (through the import service)', commitSeconds);
      for (const variant of FLOOR_VARIANTS) line(`raw floor: ${variant}`, await rawFloor(floorTables, variant));
    }
  } finally {
    await workspace.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\nResident memory at the end: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
