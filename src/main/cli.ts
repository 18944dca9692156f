/**
 * The command line, a client of the same contract as the app: `npm run cli -- <lệnh> [tùy chọn]`.
 * Each command (cli/app.ts, cli/backup.ts, cli/exchange.ts) parses its arguments into a method's input,
 * calls it through handleRequest (cli/client.ts: the same validation, access check and errors) and
 * prints the result for people or, with --json, as one object. Exit codes: cli/exit-codes.ts.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ApiError } from '../shared/errors';
import { APP_COMMANDS } from './cli/app';
import { BACKUP_COMMANDS } from './cli/backup';
import { EXCHANGE_COMMANDS } from './cli/exchange';
import { REPORT_COMMANDS } from './cli/report';
import { USER_COMMANDS } from './cli/users';
import { CliError, EXIT, exitCodeOf, UsageError } from './cli/exit-codes';
import { GLOBAL_OPTIONS, OPTIONS, type Command, type OptionName, type Options } from './cli/options';
import { DatabaseRefusedError } from './db/open';
import { serverFromOption, ServerAddressError, type PostgresSource } from './db/postgres';
import { readServerSetting, savedServerSource } from './db/server-setting';
import type { SecretSealer } from './platform/secrets';
import { log } from './platform/log';
import { PasswordFileError, readPasswordFile } from './platform/password-file';
import { defaultDataDir } from './platform/paths';

const COMMANDS: Record<string, Command> = {
  ...APP_COMMANDS,
  ...BACKUP_COMMANDS,
  ...EXCHANGE_COMMANDS,
  ...REPORT_COMMANDS,
  ...USER_COMMANDS,
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
    'Trong ứng dụng đã cài đặt: so-theo-doi --cli <lệnh> [tùy chọn] (Windows: so-theo-doi.exe --cli …)',
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
    '10 chưa xác nhận khôi phục, 11 không có gì để sao lưu; nhập: 12 có dòng bị bỏ qua (được liệt kê),',
    '13 không có dòng dữ liệu nào, 14 tệp không đọc được (không phải bảng tính, hỏng, có mật khẩu, quá lớn).',
  ].join('\n');
}

function parseCommandLine(argv: string[], sealer: SecretSealer | undefined): { command: Command; options: Options } {
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
  const words = command.takesWords ? extra : [];
  const [runId, ...afterRunId] = command.takesRunId ? extra : [undefined, ...(command.takesWords ? [] : extra)];
  if (command.takesRunId && !runId) throw new UsageError(`Lệnh "${name}" cần mã lần nhập.`);
  const [register, ...afterRegister] = command.takesRegister ? afterRunId : [undefined, ...afterRunId];
  const [file, ...surplus] = command.takesFile ? afterRegister : [undefined, ...afterRegister];
  if (command.takesFile && !file) throw new UsageError(`Lệnh "${name}" cần đường dẫn tệp.`);
  if (surplus.length > 0) throw new UsageError(`Thừa tham số: ${surplus.join(' ')}.`);
  const given = Object.keys(values) as OptionName[];
  const misplaced = given.find((option) => !GLOBAL_OPTIONS.includes(option) && !command.options.includes(option));
  if (misplaced) throw new UsageError(`Lệnh "${name}" không có tùy chọn --${misplaced}.`);
  if ((values.to?.length ?? 0) > 1 && !command.takesManyTo) throw new UsageError(`Lệnh "${name}" chỉ nhận một tùy chọn --to.`);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  return {
    command: values.help ? COMMANDS.help! : command,
    options: {
      dataDir,
      server: serverOption(dataDir, values.database, values['database-password-file'], sealer),
      json: values.json ?? false,
      demo: values.demo ?? false,
      scale: values.scale,
      people: values.people,
      seed: values.seed,
      file,
      runId,
      register,
      to: values.to?.[0],
      toValues: values.to ?? [],
      from: values.from,
      wards: values.ward ?? [],
      format: values.format,
      scenario: values.scenario,
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
      words,
      username: values.username,
      role: values.role,
      name: values.name,
      keepPassword: values['keep-password'],
    },
  };
}

/**
 * The PostgreSQL server of `--database`, or else the one the data folder's setting names (Cài đặt → Nguồn
 * dữ liệu), with its password read from `--database-password-file` (the setting's sealed one otherwise).
 */
function serverOption(dataDir: string, url: string | undefined, passwordFile: string | undefined, sealer: SecretSealer | undefined): PostgresSource | undefined {
  if (!url && passwordFile && !readServerSetting(dataDir)) {
    throw new UsageError('Tùy chọn --database-password-file chỉ dùng cùng --database, hoặc khi thư mục dữ liệu đã chọn máy chủ PostgreSQL.');
  }
  try {
    const password = passwordFile ? readPasswordFile(passwordFile) : undefined;
    return url ? serverFromOption(url, password) : savedServerSource(dataDir, { sealer, password });
  } catch (error) {
    if (error instanceof ServerAddressError || error instanceof PasswordFileError) throw new UsageError(error.message);
    throw error;
  }
}

/** A message safe to print: ours are written for officers; others may quote data, so only their kind is shown. */
function failureMessage(error: unknown): string {
  if (error instanceof CliError || error instanceof ApiError || error instanceof DatabaseRefusedError) return error.message;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return `Không đọc hoặc ghi được tệp trong thư mục dữ liệu (${code}).`;
  return 'Đã xảy ra lỗi không mong muốn. Dữ liệu chưa bị thay đổi.';
}

/** `sealer`: the desktop app's key store, when the CLI runs in its runtime (a saved server's sealed password). */
export async function main(argv: string[], sealer?: SecretSealer): Promise<number> {
  const json = argv.includes('--json');
  const fail = (code: number, message: string, withUsage = false) => {
    process.stderr.write(`Lỗi: ${message}\n${withUsage ? `\n${usage()}\n` : ''}`);
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: { exitCode: code, message } })}\n`);
    return code;
  };
  try {
    const { command, options } = parseCommandLine(argv, sealer);
    const output = await command.run(options);
    process.stdout.write(options.json ? `${JSON.stringify({ ok: true, ...output.json })}\n` : `${output.lines.join('\n')}\n`);
    return output.exitCode ?? EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) return fail(EXIT.usage, error.message, true);
    if (!(error instanceof CliError || error instanceof ApiError || error instanceof DatabaseRefusedError)) log.error('cli.failed', error);
    return fail(exitCodeOf(error), failureMessage(error));
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
