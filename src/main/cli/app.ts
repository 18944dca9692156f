/**
 * `info` (through the contract, as the app's home page reads it) and `demo`, the developer's and the
 * benchmarks' generator of the demo file: it writes only the demo file, which the app also makes on its
 * own when an officer opens the demo data, so it is no method of the contract.
 */
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, rmSync, statSync } from 'node:fs';
import type { RegisterCounts } from '../../shared/app';
import { formatNumber } from '../../shared/text';
import { APPLICATION_ID, DatabaseRefusedError, openDatabase } from '../db/open';
import { SYSTEM_USER } from '../db/system-user';
import { DEMO_MARKER, generateDemoData, generateScenario, SCENARIOS, type Scenario } from '../demo';
import { databaseFile } from '../workspace';
import { withClient } from './client';
import { CliError, UsageError } from './exit-codes';
import type { Command, Options, Output } from './options';

const countLines = (counts: RegisterCounts) => [
  `Mô hình tự quản: ${formatNumber(counts.models)}`,
  `Thành viên: ${formatNumber(counts.members)}`,
  `Đánh giá hằng năm: ${formatNumber(counts.evaluations)}`,
  `Mô hình trong Thùng rác: ${formatNumber(counts.trashedModels)}`,
  `Đối tượng giáo dục, giúp đỡ: ${formatNumber(counts.subjects)}`,
  `Lần đánh giá đối tượng: ${formatNumber(counts.reviews)}`,
];

async function info(options: Options): Promise<Output> {
  const mode = options.demo ? 'demo' : 'real';
  if (mode === 'demo' && !existsSync(databaseFile(options.dataDir, 'demo'))) {
    // Opening the demo workspace would generate data: `info` only looks.
    throw new CliError('Chưa có tệp dữ liệu mẫu trong thư mục này. Tạo bằng lệnh: npm run cli -- demo --scale 1');
  }
  const result = await withClient({ dataDir: options.dataDir, server: options.server, mode }, (client) => client.call('app.info', {}));
  return {
    json: { mode: result.mode, dataFile: result.dataFile, schemaVersion: result.schemaVersion, counts: result.counts },
    lines: [`Tệp dữ liệu: ${result.dataFile}${mode === 'demo' ? ' (DỮ LIỆU MẪU)' : ''}`, `Phiên bản dữ liệu: ${result.schemaVersion}`, ...countLines(result.counts)],
  };
}

function parseScale(text: string | undefined): number {
  if (text === undefined) throw new UsageError('Lệnh demo cần tùy chọn --scale N (ví dụ: demo --scale 1).');
  const scale = Number(text);
  if (!text.trim() || !Number.isFinite(scale) || scale <= 0 || scale > 1000) {
    throw new UsageError(`Giá trị --scale không hợp lệ: "${text}". Quy mô phải là một số dương, tối đa 1000.`);
  }
  return scale;
}

const MAX_PEOPLE = 1_000_000;

function parsePeople(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const people = Number(text);
  if (!text.trim() || !Number.isInteger(people) || people < 0 || people > MAX_PEOPLE) {
    throw new UsageError(`Giá trị --people không hợp lệ: "${text}". Số đối tượng phải là số nguyên từ 0 đến ${formatNumber(MAX_PEOPLE)}.`);
  }
  return people;
}

function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seed = Number(text);
  if (!text.trim() || !Number.isSafeInteger(seed)) throw new UsageError(`Giá trị --seed không hợp lệ: "${text}". Hạt giống phải là một số nguyên.`);
  return seed;
}

/** True when the file is empty, or one of our databases that holds demo data or no records at all. */
function isDisposableDemoFile(file: string): boolean {
  if (statSync(file).size === 0) return true;
  try {
    const probe = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      if (probe.pragma('application_id', { simple: true }) !== APPLICATION_ID) return false;
      if (probe.prepare('select 1 from settings where key = ?').get(DEMO_MARKER) !== undefined) return true;
      // Files made before the register of individuals have no subjects table.
      const hasSubjects = probe.prepare("select 1 from sqlite_master where type = 'table' and name = 'subjects'").get() !== undefined;
      const count = (table: string) => (probe.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
      return count('models') === 0 && (!hasSubjects || count('subjects') === 0);
    } finally {
      probe.close();
    }
  } catch {
    return false; // not SQLite, or not our tables
  }
}

function parseScenario(text: string): Scenario {
  if (!(SCENARIOS as readonly string[]).includes(text)) throw new UsageError(`Không có kịch bản "${text}". Các kịch bản: ${SCENARIOS.join(', ')}.`);
  return text as Scenario;
}

async function demo(options: Options): Promise<Output> {
  if (options.scenario !== undefined && (options.scale !== undefined || options.people !== undefined || options.seed !== undefined)) {
    throw new UsageError('Kịch bản có sẵn quy mô và hạt giống của nó: không dùng --scenario cùng --scale, --people hoặc --seed.');
  }
  const scenario = options.scenario === undefined ? undefined : parseScenario(options.scenario);
  const scale = scenario ? 1 : parseScale(options.scale);
  const people = parsePeople(options.people);
  const seed = parseSeed(options.seed);
  const file = databaseFile(options.dataDir, 'demo');
  // The demo file is only replaced when it really is demo data: a register copied there by mistake stays.
  if (existsSync(file) && !isDisposableDemoFile(file)) {
    throw new DatabaseRefusedError(`Tệp "${file}" không phải là dữ liệu mẫu của ứng dụng nên không bị thay thế. Tệp được giữ nguyên.`);
  }
  if (!options.json) process.stdout.write(`Đang tạo dữ liệu mẫu (${scenario ? `kịch bản ${scenario}` : `quy mô ${formatNumber(scale)}`}) tại ${file}…\n`);

  const started = performance.now();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const database = await openDatabase(file);
  try {
    if (scenario) {
      const made = await generateScenario({ db: database.db, user: SYSTEM_USER }, scenario);
      const seconds = (performance.now() - started) / 1000;
      return {
        json: { dataFile: file, scenario, ...made, seconds: Number(seconds.toFixed(2)) },
        lines: [
          `Đã tạo dữ liệu mẫu theo kịch bản ${scenario}: ${formatNumber(made.models ?? 0)} mô hình, ${formatNumber(made.subjects ?? 0)} đối tượng, ${formatNumber(made.activities ?? 0)} dòng hoạt động, ${formatNumber(made.tips ?? 0)} tin báo, ${formatNumber(made.nominations ?? 0)} đề nghị khen thưởng.`,
          `Thời gian: ${formatNumber(Number(seconds.toFixed(1)))} giây.`,
          'Xem báo cáo: npm run cli -- report --demo --from 01/01/2013 --to 30/09/2018',
        ],
      };
    }
    const summary = await generateDemoData({ db: database.db, user: SYSTEM_USER }, { scale, seed, people });
    const seconds = (performance.now() - started) / 1000;
    return {
      json: { dataFile: file, scale, seed: seed ?? null, ...summary, seconds: Number(seconds.toFixed(2)) },
      lines: [
        `Đã tạo dữ liệu mẫu: ${formatNumber(summary.models)} mô hình, ${formatNumber(summary.members)} thành viên, ${formatNumber(summary.evaluations)} đánh giá năm, ${formatNumber(summary.neighbourhoods)} khu phố;`,
        `${formatNumber(summary.subjects)} đối tượng giáo dục, giúp đỡ với ${formatNumber(summary.reviews)} lần đánh giá định kỳ.`,
        `Thời gian: ${formatNumber(Number(seconds.toFixed(1)))} giây.`,
        'Mở dữ liệu mẫu trong ứng dụng, hoặc xem bằng: npm run cli -- info --demo',
      ],
    };
  } finally {
    await database.close();
  }
}

export const APP_COMMANDS: Record<'info' | 'demo', Command> = {
  info: {
    args: '[--demo]',
    summary: 'Tệp dữ liệu đang dùng, phiên bản dữ liệu và số bản ghi trong sổ',
    options: ['demo'],
    run: info,
  },
  demo: {
    args: '--scale N [--people N] [--seed S] | --scenario quan6-2013-2018',
    summary: 'Tạo lại tệp dữ liệu mẫu (không bao giờ đụng đến tệp dữ liệu thật)',
    options: ['scale', 'people', 'seed', 'scenario'],
    run: demo,
  },
};
