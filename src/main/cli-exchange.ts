/**
 * The Excel exchange commands of the command line, as entries for the command table in cli.ts (same
 * shape: args, summary, options, run -> { lines, json }):
 *
 *   export <models|subjects|round|due> --to FILE.xlsx|.csv [--filter JSON] [--columns a,b,c|all] [--round ID] [--demo]
 *   import <models|subjects> FILE [--sheet S] [--mapping M.json] [--dry-run] [--add-missing]
 *          [--likely-duplicates import|skip] [--invalid-id skip|import] [--demo]
 *   undo-import RUNID [--demo]
 *
 * The format comes from the extension of --to. --filter is the grid's filter and sort as JSON, checked
 * with the same schema as the app's. Exit codes: 0 ok, 1 failure, 2 bad usage (also a bad --filter or
 * --columns, --mapping), 3 database refused (mapped in cli.ts), 12 import left rows out, 13 import found
 * no data rows (a header and nothing below it, or an empty workbook), 14 import refused the file as
 * unreadable (unknown format, damaged, password-protected, too large). `import` writes the valid rows in
 * short transactions (services/import-batches.ts) and leaves out rows with problems (listed), and rows
 * naming a catalogue value that matches no entry unless --add-missing adds them; likely duplicates are
 * imported and listed; --dry-run only lists. It prints the run's id, which `undo-import` takes to undo
 * the import as one (also the part kept by an import that stopped part way).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { z } from 'zod';
import { allColumnKeys, EXPORT_DOCUMENTS, EXPORT_FORMATS, EXPORT_REGISTERS, exportInput, SENSITIVE_SUBJECT_COLUMNS, type ExportFormat, type ExportRegister } from '../shared/exports';
import { ApiError } from '../shared/errors';
import { columnMapping, IMPORT_REGISTERS, importUndoInput, NO_DECISIONS, resolveColumnMapping, STOPPED_RUN_FIELD, type CatalogueName, type ColumnMapping, type ImportAction, type ImportRegister, type UnknownCatalogueValue } from '../shared/imports';
import { formatNumber } from '../shared/text';
import { exportRegister, saveExportFile } from './services/exports';
import { ImportFileError } from './import/read';
import { undoImport } from './services/import-undo';
import { analyseImport, commitImport, ImportSessions, inspectImport, NoDataRowsError, openImport, previewImport, type AnalyseInput } from './services/imports';
import { databaseFile, Workspace } from './workspace';

/**
 * 12: the import left rows out (problems, possible duplicates); they are listed. 13: the sheet has no data
 * rows (or the workbook no data at all). 14: the file was refused as unreadable (not a workbook or CSV,
 * damaged, password-protected, too large).
 */
export const EXCHANGE_EXIT = { failed: 1, usage: 2, rowsLeftOut: 12, noDataRows: 13, fileRefused: 14 } as const;

/** Options these commands add to the CLI's table (same shape as OPTIONS in cli.ts); --to and --demo are shared. */
export const EXCHANGE_OPTIONS = {
  filter: { type: 'string', arg: 'JSON', help: 'export: bộ lọc và sắp xếp dạng JSON, ví dụ {"status":"hoat_dong","sort":{"field":"name","direction":"asc"}}' },
  columns: { type: 'string', arg: 'a,b,c', help: 'export: các cột cần xuất, theo thứ tự, hoặc "all" để xuất mọi cột (nhập lại được đủ; mặc định: các cột thường hiển thị; tên cột sai sẽ được báo kèm danh sách cột)' },
  round: { type: 'string', arg: 'MÃ', help: 'export round: mã đợt khen thưởng' },
  sheet: { type: 'string', arg: 'TÊN', help: 'import: trang tính cần nhập (mặc định: trang đầu tiên)' },
  mapping: { type: 'string', arg: 'M.json', help: 'import: cách ghép cột, {"register":"subjects","columns":{"B":"fullName","Năm sinh":"birth"}} (mặc định: tự nhận theo tên cột)' },
  'dry-run': { type: 'boolean', help: 'import: chỉ kiểm tra, in các vấn đề của từng dòng, không ghi gì' },
  'add-missing': { type: 'boolean', help: 'import: thêm vào danh mục mọi phường, khu phố, diện, tổ chức, loại mô hình chưa có (sau khi đã so khớp theo cách viết tắt), và in ra các mục đã thêm' },
  'likely-duplicates': { type: 'string', arg: 'import|skip', help: 'import: dòng có thể trùng (cùng họ tên, năm sinh, phường, không có số CCCD): import = vẫn nhập thành hồ sơ riêng (mặc định), skip = bỏ qua' },
  'invalid-id': { type: 'string', arg: 'skip|import', help: 'import: dòng có số CCCD/CMND sai (sai độ dài, có chữ): skip = bỏ qua dòng (mặc định), import = nhập không có số này (số được ghi lại trong phần lý do, quá trình)' },
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
  /** The command's file argument (import). */
  file?: string;
  /** The command's run id argument (undo-import). */
  runId?: string;
  sheet?: string;
  mapping?: string;
  dryRun?: boolean;
  addMissing?: boolean;
  likelyDuplicates?: string;
  invalidId?: string;
}

export interface ExchangeCommandOutput {
  lines: string[];
  json: Record<string, unknown>;
  /** Exit code other than 0 for a run that did its work with something to tell a script. */
  exitCode?: number;
}

export interface ExchangeCommand {
  args: string;
  summary: string;
  /** Besides the global --data-dir, --json and --help. */
  options: ExchangeOptionName[];
  /** Takes the register's name as its first positional argument. */
  takesRegister: boolean;
  /** Takes a file after the register. */
  takesFile?: boolean;
  /** Takes an import's run id as its only positional argument. */
  takesRunId?: boolean;
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
    throw usageError(`${name ? `Không có sổ "${name}". ` : ''}Lệnh export cần tên sổ: models (mô hình), subjects (đối tượng), round (đợt khen thưởng) hoặc due (đến hạn đánh giá).`);
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
  if ((register === 'round' || register === 'due') && options.filter !== undefined) throw usageError(`${EXPORT_DOCUMENTS[register].title} không có bộ lọc: bỏ --filter.`);
  if (register === 'round' && options.round === undefined) throw usageError('Xuất danh sách đề nghị khen thưởng cần --round MÃ (mã đợt khen thưởng).');
  if (register !== 'round' && options.round !== undefined) throw usageError('--round chỉ dùng với sổ round.');
  const columns = options.columns?.trim() === 'all' ? allColumnKeys(register) : options.columns?.split(',').map((key) => key.trim()).filter(Boolean);
  const parsed = exportInput.safeParse({ register, format, filter: parseFilter(options.filter), columns, roundId: options.round });
  if (!parsed.success) throw usageError(inputProblem(parsed.error));
  return parsed.data;
}


async function exportCommand(options: ExchangeCommandOptions): Promise<ExchangeCommandOutput> {
  const input = exportRequest(options);
  const workspace = await openExisting(options);
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

/** The database of the data folder, which must exist already (these commands never create an empty one). */
async function openExisting(options: ExchangeCommandOptions): Promise<Workspace> {
  const mode = options.demo ? 'demo' : 'real';
  if (!existsSync(databaseFile(options.dataDir, mode))) {
    throw new ExchangeCliError(`Chưa có tệp ${mode === 'demo' ? 'dữ liệu mẫu' : 'dữ liệu'} trong thư mục "${options.dataDir}".`, EXCHANGE_EXIT.failed);
  }
  return Workspace.open({ dataDir: options.dataDir, mode, appVersion: process.env.npm_package_version });
}

function importRegister(name: string | undefined): ImportRegister {
  if (!name || !(IMPORT_REGISTERS as readonly string[]).includes(name)) {
    throw usageError(`${name ? `Không có sổ "${name}". ` : ''}Lệnh import cần tên sổ: models (mô hình, kèm thành viên) hoặc subjects (đối tượng, kèm lần đánh giá gần nhất).`);
  }
  return name as ImportRegister;
}

/** --mapping M.json: columns named by letter or header text, checked with the wizard's schema. */
function readMapping(file: string | undefined, register: ImportRegister): ColumnMapping | null {
  if (file === undefined) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(resolve(file), 'utf8'));
  } catch {
    throw usageError(`--mapping: không đọc được tệp JSON "${file}".`);
  }
  const parsed = columnMapping.safeParse(json);
  if (!parsed.success) throw usageError(`--mapping: ${parsed.error.issues[0]?.message ?? 'không hợp lệ.'}`);
  if (parsed.data.register !== register) throw usageError(`--mapping là cách ghép cột của sổ "${parsed.data.register}", không phải "${register}".`);
  return parsed.data;
}

const ACTION_WORDS: Record<ImportAction, string> = { add: 'Thêm mới', update: 'Cập nhật', same: 'Đã có, không đổi', check: 'Có thể trùng (vẫn nhập)', error: 'Lỗi', skip: 'Bỏ qua' };

/** A choice between words, given as an option: its value, or the default; anything else is bad usage. */
function oneOf<Word extends string>(option: string, value: string | undefined, words: readonly Word[], fallback: Word): Word {
  if (value === undefined) return fallback;
  if (!(words as readonly string[]).includes(value)) throw usageError(`--${option} phải là ${words.join(' hoặc ')}.`);
  return value as Word;
}

const CATALOGUE_WORDS: Record<CatalogueName, string> = { wards: 'phường', neighbourhoods: 'khu phố', modelTypes: 'loại mô hình', subjectCategories: 'diện đối tượng', helperOrgs: 'tổ chức phụ trách' };

/** "Phường "P11" (12 dòng)", with the khu phố's ward and a likely entry. */
function unknownLine(value: UnknownCatalogueValue): string {
  const ward = value.wardText ? ` thuộc "${value.wardText}"` : '';
  const guess = value.suggestion ? `; có thể là "${value.suggestion.name}"` : '';
  return `${value.label} "${value.text}"${ward} (${formatNumber(value.rows)} dòng${guess})`;
}

/** A file refused, or a sheet with nothing to import, as the exit codes a script can tell apart. */
function importFailure(error: unknown, options: ExchangeCommandOptions): unknown {
  const stoppedRun = error instanceof ApiError ? error.fields?.find((field) => field.field === STOPPED_RUN_FIELD)?.message : undefined;
  if (stoppedRun) return new ExchangeCliError(`${(error as ApiError).message} ${undoHint(stoppedRun, options)}`, EXCHANGE_EXIT.failed);
  if (error instanceof NoDataRowsError || (error instanceof ImportFileError && error.problem === 'empty')) return new ExchangeCliError(error.message, EXCHANGE_EXIT.noDataRows);
  if (error instanceof ImportFileError) return new ExchangeCliError(error.message, EXCHANGE_EXIT.fileRefused);
  return error;
}

async function importCommand(options: ExchangeCommandOptions): Promise<ExchangeCommandOutput> {
  try {
    return await runImportCommand(options);
  } catch (error) {
    throw importFailure(error, options);
  }
}

async function runImportCommand(options: ExchangeCommandOptions): Promise<ExchangeCommandOutput> {
  const register = importRegister(options.register);
  const mappingFile = readMapping(options.mapping, register);
  const likelyDuplicates = oneOf('likely-duplicates', options.likelyDuplicates, ['import', 'skip'], 'import');
  const invalidId = oneOf('invalid-id', options.invalidId, ['skip', 'import'], 'skip');
  const file = resolve(options.file as string);
  const workspace = await openExisting(options);
  try {
    const ctx = workspace.context();
    const sessions = new ImportSessions();
    const opened = await openImport(sessions, { path: file, name: basename(file) });
    const sheet = options.sheet ?? opened.sheets[0]?.name ?? '';
    if (!opened.sheets.some((candidate) => candidate.name === sheet)) throw usageError(`Tệp không có trang tính "${sheet}". Các trang tính: ${opened.sheets.map((candidate) => candidate.name).join(', ')}.`);
    const session = sessions.get(opened.sessionId);
    const layout = await inspectImport(ctx, session, { sheet, register });
    let mapping = layout.mapping;
    if (mappingFile) {
      const resolved = resolveColumnMapping(mappingFile, layout.labels);
      if (resolved.unknown.length > 0) throw usageError(`--mapping: không có cột ${resolved.unknown.map((name) => `"${name}"`).join(', ')} trong dòng tiêu đề (dòng ${layout.headerRow}).`);
      mapping = resolved.columns;
    }
    const analyseAll = async (choices: Pick<AnalyseInput, 'catalogueChoices' | 'withoutId'>) => {
      for (let from = 0; ; ) {
        const step = await analyseImport(ctx, session, { sheet, register, mapping, fixes: {}, ...choices, from, remember: !options.dryRun });
        if (step.done >= step.total) break;
        from = step.done;
      }
      return previewImport(session, { ...NO_DECISIONS, show: 'all', offset: 0, limit: Number.MAX_SAFE_INTEGER });
    };
    let preview = await analyseAll({});
    const unknown = preview.unknownValues;
    const catalogueChoices = options.addMissing ? unknown.map((value) => ({ key: value.key, action: 'add' as const })) : [];
    const withoutId = invalidId === 'import' ? preview.rows.filter((row) => row.invalidId).map((row) => row.rowNumber) : [];
    if (catalogueChoices.length > 0 || withoutId.length > 0) preview = await analyseAll({ catalogueChoices, withoutId });
    const decisions = { ...NO_DECISIONS, skipped: likelyDuplicates === 'skip' ? preview.rows.filter((row) => row.action === 'check').map((row) => row.rowNumber) : [] };
    const unknownLines = unknown.length === 0 ? [] : options.addMissing ? [] : ['Chưa có trong danh mục (các dòng dùng chúng bị bỏ qua; thêm --add-missing để thêm vào danh mục):', ...unknown.map((value) => `  ${unknownLine(value)}`)];
    const problems = preview.rows.filter((row) => row.problems.length > 0 || row.warnings.length > 0);
    const rowLines = problems.map((row) => `Dòng ${row.rowNumber}: ${ACTION_WORDS[row.action]} — ${[...row.problems, ...row.warnings].map((issue) => issue.message).join(' ')}`);
    const counts = Object.entries(preview.counts).filter(([, count]) => count > 0).map(([action, count]) => `${ACTION_WORDS[action as ImportAction]}: ${formatNumber(count)}`);
    const json = { file, sheet, headerRow: layout.headerRow, mapping, counts: preview.counts, notes: preview.notes, dropped: preview.dropped, unknownValues: unknown.map(({ choice: _choice, ...value }) => value), rows: problems.map(({ rowNumber, action, problems: rowProblems, warnings }) => ({ rowNumber, action, problems: rowProblems, warnings })) };
    const head = [`Tệp ${file}, trang tính "${sheet}", dòng tiêu đề ${layout.headerRow}.`, ...preview.notes, ...unknownLines, ...rowLines];
    const leftOut = preview.counts.error + decisions.skipped.length;
    if (options.dryRun) {
      const wouldAdd = options.addMissing && unknown.length > 0 ? [`Sẽ thêm vào danh mục: ${unknown.map((value) => `${CATALOGUE_WORDS[value.catalogue]} "${value.proposedName}"`).join(', ')}.`] : [];
      return { exitCode: leftOut > 0 ? EXCHANGE_EXIT.rowsLeftOut : undefined, json: { ...json, dryRun: true }, lines: [...head, ...wouldAdd, `Kiểm tra xong (chưa ghi gì): ${counts.join('; ')}.`] };
    }
    const summary = await commitImport(ctx, session, decisions);
    const added = summary.catalogueAdded.map((entry) => `${CATALOGUE_WORDS[entry.catalogue]} "${entry.name}"`);
    const wrote = summary.added + summary.updated > 0;
    return {
      exitCode: summary.skipped.length > 0 ? EXCHANGE_EXIT.rowsLeftOut : undefined,
      json: { ...json, dryRun: false, summary },
      lines: [
        ...head,
        ...(added.length > 0 ? [`Đã thêm vào danh mục: ${added.join(', ')}.`] : []),
        `Đã nhập: thêm mới ${formatNumber(summary.added)}, cập nhật ${formatNumber(summary.updated)}, đã có không đổi ${formatNumber(summary.unchanged)}, bỏ qua ${formatNumber(summary.skipped.length)}.`,
        ...(wrote ? [`Mã lần nhập: ${summary.runId} — ${undoHint(summary.runId, options)}`] : []),
      ],
    };
  } finally {
    await workspace.close();
  }
}

/** How to undo an import from the command line: the same data folder (and demo file) as the import. */
const undoHint = (runId: string, options: Pick<ExchangeCommandOptions, 'dataDir' | 'demo'>) =>
  `hoàn tác bằng: npm run cli -- undo-import ${runId} --data-dir ${JSON.stringify(options.dataDir)}${options.demo ? ' --demo' : ''}`;

/** undo-import RUNID: the app's "Hoàn tác lần nhập" (services/import-undo.ts). */
async function undoImportCommand(options: ExchangeCommandOptions): Promise<ExchangeCommandOutput> {
  const parsed = importUndoInput.safeParse({ runId: options.runId?.trim().toLowerCase() });
  if (!parsed.success) throw usageError(`${parsed.error.issues[0]?.message ?? 'Mã lần nhập không hợp lệ.'} Mã lần nhập được in ra khi nhập (dòng "Mã lần nhập: …").`);
  const workspace = await openExisting(options);
  try {
    const undone = await undoImport(workspace.context(), parsed.data);
    return {
      json: { runId: parsed.data.runId, ...undone },
      lines: [
        `Đã hoàn tác lần nhập ${parsed.data.runId}: ${formatNumber(undone.trashed)} hồ sơ đã chuyển vào Thùng rác (khôi phục lại được từ đó)${undone.membersRemoved > 0 ? `; ${formatNumber(undone.membersRemoved)} thành viên vừa thêm vào mô hình đã có đã được xóa khỏi mô hình` : ''}; ${formatNumber(undone.alreadyGone)} mục đã ở Thùng rác hoặc đã bị xóa từ trước${undone.undoneEarlier > 0 ? `; ${formatNumber(undone.undoneEarlier)} mục đã được hoàn tác ở lần trước (lần đó bị gián đoạn)` : ''}; ${formatNumber(undone.updatesKept)} hồ sơ được cập nhật giữ nguyên.`,
      ],
    };
  } finally {
    await workspace.close();
  }
}

export const EXCHANGE_COMMANDS: Record<'export' | 'import' | 'undo-import', ExchangeCommand> = {
  export: {
    args: 'SỔ --to TỆP [--filter …] [--columns …]',
    summary: 'Xuất sổ models, subjects (hoặc round --round MÃ, hoặc due: danh sách đến hạn đánh giá) ra .xlsx hoặc .csv theo bộ lọc, sắp xếp, cột đã chọn',
    options: ['to', 'filter', 'columns', 'round', 'demo'],
    takesRegister: true,
    run: exportCommand,
  },
  import: {
    args: 'SỔ TỆP [--sheet …] [--mapping M.json] [--dry-run] [--add-missing] [--likely-duplicates import|skip] [--invalid-id skip|import]',
    summary: 'Nhập tệp .xlsx, .xls, .ods, .fods hoặc .csv vào sổ models hoặc subjects; dòng có vấn đề được bỏ qua và liệt kê (--dry-run: chỉ kiểm tra)',
    options: ['sheet', 'mapping', 'dry-run', 'add-missing', 'likely-duplicates', 'invalid-id', 'demo'],
    takesRegister: true,
    takesFile: true,
    run: importCommand,
  },
  'undo-import': {
    args: 'MÃ_LẦN_NHẬP',
    summary: 'Hoàn tác một lần nhập (mã in ra khi nhập): hồ sơ đã thêm chuyển vào Thùng rác, thành viên đã thêm vào mô hình có sẵn được xóa, hồ sơ đã cập nhật giữ nguyên',
    options: ['demo'],
    takesRegister: false,
    takesRunId: true,
    run: undoImportCommand,
  },
};
