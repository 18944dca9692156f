/**
 * The command line over the same services as the app: `npm run cli -- <lệnh> [tùy chọn]`.
 * Commands are a table (name -> options it accepts -> run), so backup, restore, import and export
 * slot in beside `info` and `demo`. Exit codes: 0 ok, 1 failure, 2 bad usage, 3 database refused.
 */
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { RegisterCounts } from '../shared/app';
import { ApiError } from '../shared/errors';
import { formatNumber } from '../shared/text';
import { BACKUP_COMMANDS, BACKUP_OPTIONS, BackupCliError, backupExitCode } from './cli-backup';
import { EXCHANGE_COMMANDS, EXCHANGE_OPTIONS, ExchangeCliError, exchangeExitCode } from './cli-exchange';
import { APPLICATION_ID, DatabaseRefusedError, openDatabase } from './db/open';
import { SYSTEM_USER } from './db/system-user';
import { DEMO_MARKER, generateDemoData } from './demo';
import { log } from './log';
import { defaultDataDir } from './paths';
import { appInfo } from './services/app';
import { databaseFile, Workspace } from './workspace';

export const EXIT = { ok: 0, failed: 1, usage: 2, refused: 3 } as const;

const OPTIONS = {
  'data-dir': { type: 'string', arg: 'THƯ_MỤC', help: 'Thư mục dữ liệu (mặc định: thư mục của ứng dụng, hoặc biến ANTQ_DATA_DIR)' },
  json: { type: 'boolean', help: 'In kết quả dạng JSON (một đối tượng) ra stdout' },
  demo: { type: 'boolean', help: 'info, export: dùng tệp dữ liệu mẫu thay cho tệp dữ liệu thật' },
  scale: { type: 'string', arg: 'N', help: 'demo: quy mô, số dương tối đa 1000 (1 = 100 mô hình, khoảng 1.000 thành viên, 100 đối tượng)' },
  people: { type: 'string', arg: 'N', help: 'demo: số đối tượng giúp đỡ, từ 0 đến 1.000.000 (mặc định 100 × quy mô; mỗi người khoảng 10 lần đánh giá)' },
  seed: { type: 'string', arg: 'S', help: 'demo: hạt giống ngẫu nhiên (số nguyên); cùng hạt giống cho cùng dữ liệu' },
  ...BACKUP_OPTIONS,
  ...EXCHANGE_OPTIONS,
  to: { ...BACKUP_OPTIONS.to, help: `${BACKUP_OPTIONS.to.help}; export: tệp .xlsx hoặc .csv để ghi` },
  help: { type: 'boolean', short: 'h', help: 'Hiện hướng dẫn này' },
} as const;
type OptionName = keyof typeof OPTIONS;
const GLOBAL_OPTIONS: OptionName[] = ['data-dir', 'json', 'help'];

interface Options {
  dataDir: string;
  json: boolean;
  demo: boolean;
  scale?: string;
  people?: string;
  seed?: string;
  /** The one FILE argument of commands that take it (verify, restore, import). */
  file?: string;
  /** The run id argument of undo-import. */
  runId?: string;
  /** The register argument of commands that take it (export, import). */
  register?: string;
  to?: string;
  filter?: string;
  columns?: string;
  round?: string;
  sheet?: string;
  mapping?: string;
  dryRun?: boolean;
  addMissing?: boolean;
  likelyDuplicates?: string;
  invalidId?: string;
  passwordFile?: string;
  yes?: boolean;
}

/** What a command prints: lines for people, one object for `--json`. */
interface Output {
  lines: string[];
  json: Record<string, unknown>;
  /** A run that did its work but has something to tell a script (import: rows left out). */
  exitCode?: number;
}

interface Command {
  args?: string;
  summary: string;
  options: OptionName[];
  takesFile?: boolean;
  takesRegister?: boolean;
  takesRunId?: boolean;
  run(options: Options): Promise<Output>;
}

/** A failure explained to the officer: its message is printed as is (exit code 1 unless told). */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
  }
}

/** Bad usage: exit code 2, the message and the usage text on stderr. */
class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

const COMMANDS: Record<string, Command> = {
  info: {
    args: '[--demo]',
    summary: 'Tệp dữ liệu đang dùng, phiên bản dữ liệu và số bản ghi trong sổ',
    options: ['demo'],
    run: info,
  },
  demo: {
    args: '--scale N [--people N] [--seed S]',
    summary: 'Tạo lại tệp dữ liệu mẫu (không bao giờ đụng đến tệp dữ liệu thật)',
    options: ['scale', 'people', 'seed'],
    run: demo,
  },
  ...BACKUP_COMMANDS,
  ...EXCHANGE_COMMANDS,
  help: {
    summary: 'Hiện hướng dẫn này',
    options: [],
    run: async () => ({ lines: [usage()], json: { usage: usage() } }),
  },
};

function usage(): string {
  const commands = Object.entries(COMMANDS).map(([name, command]) => [`${name} ${command.args ?? ''}`.trim(), command.summary]);
  const options = Object.entries(OPTIONS).map(([name, option]) => [
    `${'short' in option ? `-${option.short}, ` : ''}--${name}${'arg' in option ? ` ${option.arg}` : ''}`,
    option.help,
  ]);
  const width = Math.max(...[...commands, ...options].map(([left]) => (left ?? '').length));
  const table = (rows: string[][]) => rows.map(([left, right]) => `  ${(left ?? '').padEnd(width)}  ${right}`).join('\n');
  return [
    'Sổ theo dõi phong trào toàn dân bảo vệ ANTQ — dòng lệnh',
    '',
    'Cách dùng: npm run cli -- <lệnh> [tùy chọn]',
    '',
    'Lệnh:',
    table(commands),
    '',
    'Tùy chọn:',
    table(options),
    '',
    'Mã thoát: 0 thành công, 1 lỗi, 2 sai cú pháp lệnh, 3 tệp dữ liệu bị từ chối (được giữ nguyên);',
    'sao lưu/khôi phục: 4 tệp sao lưu hỏng hoặc không hợp lệ, 5 sai hoặc thiếu mật khẩu, 6 không ghi được nơi lưu,',
    '7 bản sao không qua kiểm tra, 8 đang bận hoặc ứng dụng đang mở, 9 khôi phục thất bại (dữ liệu cũ được giữ nguyên),',
    '10 chưa xác nhận khôi phục, 11 không có gì để sao lưu; nhập: 12 có dòng bị bỏ qua (được liệt kê).',
  ].join('\n');
}

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
  const workspace = await Workspace.open({ dataDir: options.dataDir, mode, appVersion: process.env.npm_package_version });
  try {
    const result = await appInfo(workspace.context(), workspace);
    return {
      json: { mode: result.mode, dataFile: result.dataFile, schemaVersion: result.schemaVersion, counts: result.counts },
      lines: [
        `Tệp dữ liệu: ${result.dataFile}${mode === 'demo' ? ' (DỮ LIỆU MẪU)' : ''}`,
        `Phiên bản dữ liệu: ${result.schemaVersion}`,
        ...countLines(result.counts),
      ],
    };
  } finally {
    await workspace.close();
  }
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

async function demo(options: Options): Promise<Output> {
  const scale = parseScale(options.scale);
  const people = parsePeople(options.people);
  const seed = parseSeed(options.seed);
  const file = databaseFile(options.dataDir, 'demo');
  // The demo file is only replaced when it really is demo data: a register copied there by mistake stays.
  if (existsSync(file) && !isDisposableDemoFile(file)) {
    throw new DatabaseRefusedError(`Tệp "${file}" không phải là dữ liệu mẫu của ứng dụng nên không bị thay thế. Tệp được giữ nguyên.`);
  }
  if (!options.json) process.stdout.write(`Đang tạo dữ liệu mẫu (quy mô ${formatNumber(scale)}) tại ${file}…\n`);

  const started = performance.now();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const database = await openDatabase(file);
  try {
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

function parseCommandLine(argv: string[]): { command: Command; options: Options } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const option = /'(-{1,2}[^' ]*)/.exec(error instanceof Error ? error.message : '')?.[1];
    throw new UsageError(option ? `Tùy chọn không hợp lệ hoặc thiếu giá trị: ${option}.` : 'Tùy chọn không hợp lệ.');
  }
  const { values, positionals } = parsed;
  const [name = values.help ? 'help' : undefined, ...extra] = positionals;
  if (name === undefined) throw new UsageError('Chưa nhập lệnh.');
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(`Lệnh không hợp lệ: "${name}".`);
  const [runId, ...afterRunId] = command.takesRunId ? extra : [undefined, ...extra];
  if (command.takesRunId && !runId) throw new UsageError(`Lệnh "${name}" cần mã lần nhập.`);
  const [register, ...afterRegister] = command.takesRegister ? afterRunId : [undefined, ...afterRunId];
  const [file, ...surplus] = command.takesFile ? afterRegister : [undefined, ...afterRegister];
  if (command.takesFile && !file) throw new UsageError(`Lệnh "${name}" cần đường dẫn tệp.`);
  if (surplus.length > 0) throw new UsageError(`Thừa tham số: ${surplus.join(' ')}.`);
  const given = Object.keys(values) as OptionName[];
  const misplaced = given.find((option) => !GLOBAL_OPTIONS.includes(option) && !command.options.includes(option));
  if (misplaced) throw new UsageError(`Lệnh "${name}" không có tùy chọn --${misplaced}.`);
  return {
    command: values.help ? COMMANDS.help! : command,
    options: {
      dataDir: resolve(values['data-dir'] ?? defaultDataDir()),
      json: values.json ?? false,
      demo: values.demo ?? false,
      scale: values.scale,
      people: values.people,
      seed: values.seed,
      file,
      runId,
      register,
      to: values.to,
      filter: values.filter,
      columns: values.columns,
      round: values.round,
      sheet: values.sheet,
      mapping: values.mapping,
      dryRun: values['dry-run'],
      addMissing: values['add-missing'],
      likelyDuplicates: values['likely-duplicates'],
      invalidId: values['invalid-id'],
      passwordFile: values['password-file'],
      yes: values.yes,
    },
  };
}

/** A message safe to print: ours are written for officers; others may quote data, so only their kind is shown. */
function failureMessage(error: unknown): string {
  if (error instanceof CliError || error instanceof BackupCliError || error instanceof ExchangeCliError || error instanceof ApiError || error instanceof DatabaseRefusedError) return error.message;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return `Không đọc hoặc ghi được tệp trong thư mục dữ liệu (${code}).`;
  return 'Đã xảy ra lỗi không mong muốn. Dữ liệu chưa bị thay đổi.';
}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const fail = (code: number, message: string, withUsage = false) => {
    process.stderr.write(`Lỗi: ${message}\n${withUsage ? `\n${usage()}\n` : ''}`);
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: { exitCode: code, message } })}\n`);
    return code;
  };
  try {
    const { command, options } = parseCommandLine(argv);
    const output = await command.run(options);
    process.stdout.write(options.json ? `${JSON.stringify({ ok: true, ...output.json })}\n` : `${output.lines.join('\n')}\n`);
    return output.exitCode ?? EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) return fail(EXIT.usage, error.message, true);
    const commandCode = backupExitCode(error) ?? exchangeExitCode(error);
    if (commandCode !== null) return fail(commandCode, failureMessage(error));
    if (error instanceof DatabaseRefusedError) return fail(EXIT.refused, error.message);
    if (!(error instanceof CliError || error instanceof ApiError)) log.error('cli.failed', error);
    return fail(error instanceof CliError ? error.exitCode : EXIT.failed, failureMessage(error));
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
