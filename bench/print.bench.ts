/**
 * `npx tsx bench/print.bench.ts [--runs N] [--chromium PATH]`: how long the print view of the models
 * roster takes to load and to become a PDF, at 2.000 and 20.000 models (demo data, no people).
 * It builds nothing: run `npx electron-vite build` first (it serves out/renderer). For each size it
 * makes the demo database with the CLI, starts the real web host (tsx, loopback, token URL), opens
 * Debian's Chromium, loads `#/print/models?filter={}` until the toolbar shows "N dòng" and the pages
 * are laid out (in the print font), then clicks "Lưu PDF" and waits for the PDF the web host paints
 * (the officer's own path; as the e2e test does). "Total" is what an officer waits from opening the
 * print view to holding the PDF. Medians of N runs (default 3); page count and page size from pdfinfo;
 * the peak memory (RSS) of the largest Chromium process and of the web host (where the PDF is painted)
 * while laying out and printing. A size whose PDF fails is reported as failed, with the time until it
 * failed, and the next size still runs.
 * Beside it, when LibreOffice is installed, the same roster as the app exports it (`export models --to
 * X.xlsx --demo`) made into a PDF by `soffice --headless --convert-to pdf`: time, pages, rows per page
 * and the peak memory of the soffice processes (issue 14: "a spreadsheet's speed and density").
 * It measures only: nothing here asserts a time. Every process it starts is stopped and its temp
 * folder removed, also on failure or Ctrl-C.
 */
import { chromium, type Browser } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' }, chromium: { type: 'string', default: '/usr/bin/chromium' } } });
const runs = Number(args.runs);
if (!(Number.isInteger(runs) && runs >= 1)) throw new Error('Usage: npx tsx bench/print.bench.ts [--runs N] [--chromium PATH]');

const ROOT = process.cwd();
const SIZES = [{ scale: 20, models: 2000 }, { scale: 200, models: 20000 }];
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
  console.error('out/renderer/index.html is missing: build the renderer first with `npx electron-vite build`, then run this again.');
  process.exit(2);
}
if (!existsSync(args.chromium)) {
  console.error(`Chromium not found at ${args.chromium} (Debian: apt-get install chromium; or pass --chromium PATH).`);
  process.exit(2);
}

// --- Everything started here, stopped in `cleanup` whatever happens. ---
const hosts = new Set<ChildProcess>();
const dirs = new Set<string>();
let browser: Browser | undefined;

function stopHost(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    hosts.delete(child);
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await browser?.close().catch(() => undefined);
    await Promise.all([...hosts].map(stopHost));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    dirs.clear();
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the web host and Chromium…`);
    void cleanup().finally(() => process.exit(130));
  });
}

function makeDemo(dataDir: string, scale: number): number {
  const started = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', 'demo', '--scale', String(scale), '--people', '0', '--data-dir', dataDir], { cwd: ROOT, stdio: 'pipe' });
  return performance.now() - started;
}

/** The web host on the demo database of `dataDir`; resolves the token URL it prints, and its process id. */
function startHost(dataDir: string): Promise<{ url: string; pid: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/host/web.ts', '--data-dir', dataDir, '--port', '0', '--demo'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  hosts.add(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ url: string; pid: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start in 60 s:\n${stderr}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[0], pid: child.pid ?? 0 });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}:\n${stderr}`));
    });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Samples the largest RSS among the processes named like `name` under `root` (this bench by default), until stopped. */
function watchMemory(name = /chrom/i, root = process.pid): () => number {
  let peak = 0;
  const sample = () => {
    try {
      const table = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,comm='], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .map(([pid, ppid, rss, command]) => [Number(pid), Number(ppid), name.test(command ?? '') ? Number(rss) : 0] as const);
      const tree = new Set([root]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const [pid, ppid] of table) {
          if (pid !== undefined && ppid !== undefined && tree.has(ppid) && !tree.has(pid)) {
            tree.add(pid);
            grew = true;
          }
        }
      }
      for (const [pid, , rss] of table) if (pid !== undefined && tree.has(pid) && rss !== undefined) peak = Math.max(peak, rss * 1024);
    } catch {
      // no ps: no memory figure
    }
  };
  sample();
  const timer = setInterval(sample, 500);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
  };
}

interface SpreadsheetResult {
  exportMs: number;
  convertMs: number;
  pages: number;
  peakRss: number;
}

const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((path) => existsSync(path));

/** The roster exported by the app's CLI, made into a PDF by LibreOffice (headless, its own profile). */
async function benchSpreadsheet(dataDir: string, models: number): Promise<SpreadsheetResult | null> {
  if (!soffice) return null;
  const xlsx = join(dataDir, `danh-sach-${models}.xlsx`);
  const exportStarted = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', 'export', 'models', '--to', xlsx, '--demo', '--data-dir', dataDir], { cwd: ROOT, stdio: 'pipe' });
  const exportMs = performance.now() - exportStarted;
  const profile = join(dataDir, 'lo-profile');
  const stopWatching = watchMemory(/soffice/i);
  const convertStarted = performance.now();
  // Not execFileSync: the memory sampler runs on this event loop.
  await new Promise<void>((resolve, reject) => {
    const child = spawn(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dataDir, xlsx], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`soffice exited with ${code}`))));
  });
  const convertMs = performance.now() - convertStarted;
  const peakRss = stopWatching();
  const info = execFileSync('pdfinfo', [xlsx.replace(/\.xlsx$/, '.pdf')], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
  console.log(`  LibreOffice: export ${seconds(exportMs)}, convert to PDF ${seconds(convertMs)}, ${pages} pages, peak soffice RSS ${megabytes(peakRss)}`);
  return { exportMs, convertMs, pages, peakRss };
}

interface Result {
  models: number;
  spreadsheet: SpreadsheetResult | null;
  demoMs: number;
  loadMs: number[];
  pdfMs: number[];
  totalMs: number[];
  pages: number;
  pageSize: string;
  bytes: number;
  peakRss: number;
  hostPeakRss: number;
  /** Set when the PDF failed: why, and after how long. */
  failure?: { message: string; afterMs: number };
}

async function benchSize(size: { scale: number; models: number }): Promise<Result> {
  const dataDir = mkdtempSync(join(tmpdir(), 'antq-print-bench-'));
  dirs.add(dataDir);
  console.log(`\n${size.models} models: generating demo data (scale ${size.scale}, --people 0)…`);
  const demoMs = makeDemo(dataDir, size.scale);
  const { url, pid: hostPid } = await startHost(dataDir);
  const printUrl = `${new URL(url).origin}/#/print/models?filter=${encodeURIComponent('{}')}`;
  const rowsText = `${size.models} dòng`;

  if (!browser) throw new Error('Chromium is not running');
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const result: Result = { models: size.models, spreadsheet: null, demoMs, loadMs: [], pdfMs: [], totalMs: [], pages: 0, pageSize: '', bytes: 0, peakRss: 0, hostPeakRss: 0 };
  try {
    const page = await context.newPage();
    await page.goto(url); // the token URL sets the session cookie
    for (let run = 1; run <= runs; run += 1) {
      await page.goto('about:blank');
      const stopWatching = watchMemory();
      const stopWatchingHost = watchMemory(/node/i, hostPid);
      const loadStarted = performance.now();
      await page.goto(printUrl);
      await page.getByText(rowsText).waitFor({ state: 'visible', timeout: 600_000 });
      await page.getByTestId('print-document').waitFor({ state: 'visible', timeout: 600_000 });
      const previewPages = Number(await page.getByTestId('print-document').getAttribute('data-pages'));
      const loadMs = performance.now() - loadStarted;

      const file = join(dataDir, `roster-${size.models}-${run}.pdf`);
      const pdfStarted = performance.now();
      try {
        const downloading = page.waitForEvent('download', { timeout: 600_000 });
        await page.getByRole('button', { name: 'Lưu PDF' }).click();
        await (await downloading).saveAs(file);
      } catch (error) {
        const afterMs = performance.now() - pdfStarted;
        result.peakRss = Math.max(result.peakRss, stopWatching());
        result.hostPeakRss = Math.max(result.hostPeakRss, stopWatchingHost());
        result.loadMs.push(loadMs);
        result.failure = { message: (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '', afterMs };
        console.log(`  run ${run}: load ${seconds(loadMs)}, pdf FAILED after ${seconds(afterMs)}: ${result.failure.message}`);
        break; // the tab is usually gone: the other runs would only fail faster
      }
      const pdfMs = performance.now() - pdfStarted;
      result.peakRss = Math.max(result.peakRss, stopWatching());
      result.hostPeakRss = Math.max(result.hostPeakRss, stopWatchingHost());

      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      result.pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
      if (result.pages !== previewPages) console.log(`  run ${run}: the preview showed ${previewPages} pages, the PDF has ${result.pages}`);
      result.pageSize = /^Page size:\s+(.+)$/m.exec(info)?.[1]?.trim() ?? '?';
      result.bytes = statSync(file).size;
      rmSync(file, { force: true });
      result.loadMs.push(loadMs);
      result.pdfMs.push(pdfMs);
      result.totalMs.push(loadMs + pdfMs);
      console.log(`  run ${run}: load ${seconds(loadMs)}, pdf ${seconds(pdfMs)}, ${result.pages} pages, ${megabytes(result.bytes)}, peak RSS Chromium ${megabytes(result.peakRss)}, host ${megabytes(result.hostPeakRss)}`);
    }
  } finally {
    await context.close().catch(() => undefined);
  }
  try {
    result.spreadsheet = await benchSpreadsheet(dataDir, size.models);
  } catch (error) {
    console.log(`  LibreOffice failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
  }
  return result;
}

try {
  const cpu = cpus();
  const chromiumVersion = execFileSync(args.chromium, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  console.log(`Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}, ${chromiumVersion}`);
  console.log(`${runs} runs per size; medians. Load = navigate to the print route until the rows are fetched and laid out as pages; PDF = "Lưu PDF" until the download is saved.`);
  browser = await chromium.launch({ executablePath: args.chromium, args: CHROMIUM_ARGS });

  const results: Result[] = [];
  for (const size of SIZES) {
    results.push(await benchSize(size));
    await Promise.all([...hosts].map(stopHost)); // one host at a time
  }

  const header = ['Rows', 'Demo data', 'Load + layout', 'PDF', 'Total', 'Pages', 'Rows/page', 'PDF size', 'Page size', 'Peak Chromium RSS', 'Peak host RSS', 'LibreOffice xlsx→pdf', 'LO pages', 'LO rows/page', 'LO peak RSS'];
  const perPage = (rowCount: number, pages: number) => (pages > 0 ? (rowCount / pages).toFixed(1) : '-');
  const rows = results.map((r) => [
    r.models.toLocaleString('vi-VN'),
    seconds(r.demoMs),
    r.loadMs.length ? seconds(median(r.loadMs)) : '-',
    r.failure ? `FAILED after ${seconds(r.failure.afterMs)}` : seconds(median(r.pdfMs)),
    r.failure ? '-' : seconds(median(r.totalMs)),
    r.failure ? '-' : String(r.pages),
    r.failure ? '-' : perPage(r.models, r.pages),
    r.failure ? '-' : megabytes(r.bytes),
    r.failure ? '-' : r.pageSize,
    megabytes(r.peakRss),
    megabytes(r.hostPeakRss),
    r.spreadsheet ? seconds(r.spreadsheet.convertMs) : soffice ? 'failed' : 'not installed',
    r.spreadsheet ? String(r.spreadsheet.pages) : '-',
    r.spreadsheet ? perPage(r.models, r.spreadsheet.pages) : '-',
    r.spreadsheet ? megabytes(r.spreadsheet.peakRss) : '-',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  console.log(`\n${line(header)}\n| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |\n${rows.map(line).join('\n')}`);
  for (const r of results) if (r.failure) console.log(`${r.models} rows: ${r.failure.message}`);
  if (results.some((r) => r.failure)) process.exitCode = 1;
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
