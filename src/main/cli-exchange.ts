/**
 * The Excel exchange commands of the command line, as entries for the command table in cli.ts (same
 * shape: args, summary, options, run -> { lines, json }):
 *
 *   export <models|subjects|round> --to FILE.xlsx|.csv [--filter JSON] [--columns a,b,c] [--round ID] [--demo]
 *
 * The format comes from the extension of --to. --filter is the grid's filter and sort as JSON, checked
 * with the same schema as the app's. Exit codes: 0 ok, 1 failure, 2 bad usage (also a bad --filter or
 * --columns), 3 database refused (mapped in cli.ts).
 */
import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { z } from 'zod';
import { EXPORT_FORMATS, EXPORT_REGISTERS, exportInput, SENSITIVE_SUBJECT_COLUMNS, type ExportFormat, type ExportRegister } from '../shared/exports';
import { formatNumber } from '../shared/text';
import { exportRegister, saveExportFile } from './services/exports';
import { databaseFile, Workspace } from './workspace';

export const EXCHANGE_EXIT = { failed: 1, usage: 2 } as const;

/** Options these commands add to the CLI's table (same shape as OPTIONS in cli.ts); --to and --demo are shared. */
export const EXCHANGE_OPTIONS = {
  filter: { type: 'string', arg: 'JSON', help: 'export: bộ lọc và sắp xếp dạng JSON, ví dụ {"status":"hoat_dong","sort":{"field":"name","direction":"asc"}}' },
  columns: { type: 'string', arg: 'a,b,c', help: 'export: các cột cần xuất, theo thứ tự (mặc định: các cột thường hiển thị; tên cột sai sẽ được báo kèm danh sách cột)' },
  round: { type: 'string', arg: 'MÃ', help: 'export round: mã đợt khen thưởng' },
} as const;
export type ExchangeOptionName = keyof typeof EXCHANGE_OPTIONS | 'to' | 'demo';

export interface ExchangeCommandOptions {
  dataDir: string;
  json: boolean;
  demo: boolean;
  /** The command's first positional argument: which register. */
  register?: string;
  to?: string;
  filter?: string;
  columns?: string;
  round?: string;
}

export interface ExchangeCommandOutput {
  lines: string[];
  json: Record<string, unknown>;
}

export interface ExchangeCommand {
  args: string;
  summary: string;
  /** Besides the global --data-dir, --json and --help. */
  options: ExchangeOptionName[];
  /** Takes the register's name as its first positional argument. */
  takesRegister: boolean;
  run(options: ExchangeCommandOptions): Promise<ExchangeCommandOutput>;
}

/** A failure with its exit code; the message is written for the officer and printed as is. */
export class ExchangeCliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'ExchangeCliError';
  }
}

export function exchangeExitCode(error: unknown): number | null {
  return error instanceof ExchangeCliError ? error.exitCode : null;
}

const usageError = (message: string) => new ExchangeCliError(message, EXCHANGE_EXIT.usage);

function parseRegister(name: string | undefined): ExportRegister {
  if (!name || !(EXPORT_REGISTERS as readonly string[]).includes(name)) {
    throw usageError(`${name ? `Không có sổ "${name}". ` : ''}Lệnh export cần tên sổ: models (mô hình), subjects (đối tượng) hoặc round (đợt khen thưởng).`);
  }
  return name as ExportRegister;
}

function formatOf(file: string | undefined): ExportFormat {
  if (!file) throw usageError('Lệnh export cần tùy chọn --to TỆP (.xlsx hoặc .csv).');
  const format = extname(file).slice(1).toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw usageError(`Tệp "${file}" phải có đuôi .xlsx hoặc .csv.`);
  return format as ExportFormat;
}

function parseFilter(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw usageError(`--filter không phải JSON hợp lệ. Ví dụ: --filter '{"status":"hoat_dong"}'.`);
  }
}

const OPTION_OF_FIELD: Record<string, string> = { filter: '--filter', columns: '--columns', roundId: '--round' };

/** The first problem, named by the option it came from: "--filter (status): Tùy chọn không hợp lệ…". */
function inputProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const [field, ...rest] = issue?.path.map(String) ?? [];
  const option = (field && OPTION_OF_FIELD[field]) ?? 'Tham số';
  return `${option}${rest.length > 0 ? ` (${rest.join('.')})` : ''}: ${issue?.message ?? 'không hợp lệ.'}`;
}

function exportRequest(options: ExchangeCommandOptions) {
  const register = parseRegister(options.register);
  const format = formatOf(options.to);
  if (register === 'round' && options.filter !== undefined) throw usageError('Danh sách đề nghị khen thưởng không có bộ lọc: bỏ --filter, chỉ dùng --round MÃ.');
  if (register === 'round' && options.round === undefined) throw usageError('Xuất danh sách đề nghị khen thưởng cần --round MÃ (mã đợt khen thưởng).');
  if (register !== 'round' && options.round !== undefined) throw usageError('--round chỉ dùng với sổ round.');
  const columns = options.columns?.split(',').map((key) => key.trim()).filter(Boolean);
  const parsed = exportInput.safeParse({ register, format, filter: parseFilter(options.filter), columns, roundId: options.round });
  if (!parsed.success) throw usageError(inputProblem(parsed.error));
  return parsed.data;
}


async function exportCommand(options: ExchangeCommandOptions): Promise<ExchangeCommandOutput> {
  const input = exportRequest(options);
  const mode = options.demo ? 'demo' : 'real';
  // Exporting only reads: a data folder without a database is not given an empty one.
  if (!existsSync(databaseFile(options.dataDir, mode))) {
    throw new ExchangeCliError(`Chưa có tệp ${mode === 'demo' ? 'dữ liệu mẫu' : 'dữ liệu'} trong thư mục "${options.dataDir}".`, EXCHANGE_EXIT.failed);
  }
  const workspace = await Workspace.open({ dataDir: options.dataDir, mode, appVersion: process.env.npm_package_version });
  try {
    const exported = await exportRegister(workspace.context(), input);
    const file = resolve(options.to as string);
    saveExportFile(file, exported.data);
    const sensitive = (input.columns ?? []).some((key) => (SENSITIVE_SUBJECT_COLUMNS as readonly string[]).includes(key));
    return {
      json: { file, rows: exported.rows },
      lines: [
        `Đã xuất ${formatNumber(exported.rows)} dòng ra ${file}`,
        ...(sensitive ? ['Lưu ý: tệp có thông tin nhạy cảm (số CCCD/CMND, lý do vi phạm). Hãy bảo quản tệp cẩn thận và xóa khi không còn dùng.'] : []),
      ],
    };
  } finally {
    await workspace.close();
  }
}

export const EXCHANGE_COMMANDS: Record<'export', ExchangeCommand> = {
  export: {
    args: 'SỔ --to TỆP [--filter …] [--columns …]',
    summary: 'Xuất sổ models, subjects (hoặc round --round MÃ) ra .xlsx hoặc .csv theo bộ lọc, sắp xếp, cột đã chọn',
    options: ['to', 'filter', 'columns', 'round', 'demo'],
    takesRegister: true,
    run: exportCommand,
  },
};
