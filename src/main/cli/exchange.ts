/**
 * The Excel exchange commands, each a client of the contract (exports.file; the import wizard's
 * imports.open → inspect → analyse → preview → commit; imports.undo):
 *
 *   export <models|subjects|round|due> --to FILE.xlsx|.csv [--filter JSON] [--columns a,b,c|all] [--round ID] [--demo]
 *   import <models|subjects> FILE [--sheet S] [--mapping M.json] [--dry-run] [--add-missing]
 *          [--likely-duplicates import|skip] [--invalid-id skip|import] [--demo]
 *   undo-import RUNID [--demo]
 *
 * The format comes from the extension of --to. --filter is the grid's filter and sort as JSON, checked
 * with the same schema as the app's. `import` writes the valid rows in short transactions and leaves out
 * rows with problems (listed), and rows naming a catalogue value that matches no entry unless
 * --add-missing adds them; likely duplicates are imported and listed; --dry-run only lists. It prints the
 * run's id, which `undo-import` takes to undo the import as one (also the part kept by an import that
 * stopped part way). Exit codes: 12 rows left out, 13 no data rows, 14 file refused (exit-codes.ts).
 */
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { z } from 'zod';
import { allColumnKeys, EXPORT_DOCUMENTS, EXPORT_FORMATS, EXPORT_REGISTERS, exportInput, SENSITIVE_SUBJECT_COLUMNS, type ExportFormat, type ExportRegister } from '../../shared/exports';
import { ApiError } from '../../shared/errors';
import {
  columnMapping,
  IMPORT_REGISTERS,
  importUndoInput,
  NO_DECISIONS,
  resolveColumnMapping,
  STOPPED_RUN_FIELD,
  type CatalogueChoice,
  type CatalogueName,
  type ColumnMapping,
  type ImportAction,
  type ImportPreview,
  type ImportRegister,
  type PreviewRow,
  type UnknownCatalogueValue,
} from '../../shared/imports';
import { formatNumber } from '../../shared/text';
import { withClient, type Client } from './client';
import { CliError, EXIT, UsageError } from './exit-codes';
import type { Command, Options, Output } from './options';

const usageError = (message: string) => new UsageError(message);

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

function exportRequest(options: Options) {
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


/** The database of the data folder, which must exist already (these commands never create an empty one). */
const clientOptions = (options: Options) => ({ dataDir: options.dataDir, server: options.server, mode: options.demo ? ('demo' as const) : ('real' as const), missingExitCode: EXIT.failed });

async function exportCommand(options: Options): Promise<Output> {
  const input = exportRequest(options);
  const file = resolve(options.to as string);
  const exported = await withClient(clientOptions(options), (client) => client.call('exports.file', { export: input, target: { path: file } }));
  const sensitive = (input.columns ?? []).some((key) => (SENSITIVE_SUBJECT_COLUMNS as readonly string[]).includes(key));
  return {
    json: { file, rows: exported.rows },
    lines: [
      `Đã xuất ${formatNumber(exported.rows)} dòng ra ${file}`,
      ...(sensitive ? ['Lưu ý: tệp có thông tin nhạy cảm (số CCCD/CMND, lý do vi phạm). Hãy bảo quản tệp cẩn thận và xóa khi không còn dùng.'] : []),
    ],
  };
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

/** An import that stopped part way names its run: the officer is told how to undo what it kept. */
function importFailure(error: unknown, options: Options): unknown {
  const stoppedRun = error instanceof ApiError ? error.fields?.find((field) => field.field === STOPPED_RUN_FIELD)?.message : undefined;
  return stoppedRun ? new CliError(`${(error as ApiError).message} ${undoHint(stoppedRun, options)}`) : error;
}

async function importCommand(options: Options): Promise<Output> {
  try {
    return await runImportCommand(options);
  } catch (error) {
    throw importFailure(error, options);
  }
}

/** Every row of the analysed file, a page of the preview at a time (as the wizard pages through it). */
async function allRows(client: Client, sessionId: string, first: ImportPreview): Promise<PreviewRow[]> {
  const rows = [...first.rows];
  while (rows.length < first.total) {
    const page = await client.call('imports.preview', { sessionId, ...NO_DECISIONS, show: 'all', offset: rows.length, limit: PREVIEW_PAGE });
    if (page.rows.length === 0) break;
    rows.push(...page.rows);
  }
  return rows;
}

const PREVIEW_PAGE = 1000;

async function runImportCommand(options: Options): Promise<Output> {
  const register = importRegister(options.register);
  const mappingFile = readMapping(options.mapping, register);
  const likelyDuplicates = oneOf('likely-duplicates', options.likelyDuplicates, ['import', 'skip'], 'import');
  const invalidId = oneOf('invalid-id', options.invalidId, ['skip', 'import'], 'skip');
  const file = resolve(options.file as string);
  return withClient(clientOptions(options), async (client) => {
    const opened = await client.call('imports.open', { file: { path: file } });
    const { sessionId } = opened;
    try {
      const sheet = options.sheet ?? opened.sheets[0]?.name ?? '';
      if (!opened.sheets.some((candidate) => candidate.name === sheet)) throw usageError(`Tệp không có trang tính "${sheet}". Các trang tính: ${opened.sheets.map((candidate) => candidate.name).join(', ')}.`);
      const layout = await client.call('imports.inspect', { sessionId, sheet, register });
      let mapping = layout.mapping;
      if (mappingFile) {
        const resolved = resolveColumnMapping(mappingFile, layout.labels);
        if (resolved.unknown.length > 0) throw usageError(`--mapping: không có cột ${resolved.unknown.map((name) => `"${name}"`).join(', ')} trong dòng tiêu đề (dòng ${layout.headerRow}).`);
        mapping = resolved.columns;
      }
      const analyseAll = async (choices: { catalogueChoices: CatalogueChoice[]; withoutId: number[] }) => {
        for (let from = 0; ; ) {
          const step = await client.call('imports.analyse', { sessionId, sheet, register, mapping, ...choices, from, remember: !options.dryRun });
          if (step.done >= step.total) break;
          from = step.done;
        }
        const first = await client.call('imports.preview', { sessionId, ...NO_DECISIONS, show: 'all', offset: 0, limit: PREVIEW_PAGE });
        return { preview: first, rows: await allRows(client, sessionId, first) };
      };
      let { preview, rows } = await analyseAll({ catalogueChoices: [], withoutId: [] });
      const unknown = preview.unknownValues;
      const catalogueChoices = options.addMissing ? unknown.map((value) => ({ key: value.key, action: 'add' as const })) : [];
      const withoutId = invalidId === 'import' ? rows.filter((row) => row.invalidId).map((row) => row.rowNumber) : [];
      if (catalogueChoices.length > 0 || withoutId.length > 0) ({ preview, rows } = await analyseAll({ catalogueChoices, withoutId }));
      const decisions = { ...NO_DECISIONS, skipped: likelyDuplicates === 'skip' ? rows.filter((row) => row.action === 'check').map((row) => row.rowNumber) : [] };
      const unknownLines = unknown.length === 0 ? [] : options.addMissing ? [] : ['Chưa có trong danh mục (các dòng dùng chúng bị bỏ qua; thêm --add-missing để thêm vào danh mục):', ...unknown.map((value) => `  ${unknownLine(value)}`)];
      const problems = rows.filter((row) => row.problems.length > 0 || row.warnings.length > 0);
      const rowLines = problems.map((row) => `Dòng ${row.rowNumber}: ${ACTION_WORDS[row.action]} — ${[...row.problems, ...row.warnings].map((issue) => issue.message).join(' ')}`);
      const counts = Object.entries(preview.counts).filter(([, count]) => count > 0).map(([action, count]) => `${ACTION_WORDS[action as ImportAction]}: ${formatNumber(count)}`);
      const json = { file, sheet, headerRow: layout.headerRow, mapping, counts: preview.counts, notes: preview.notes, dropped: preview.dropped, unknownValues: unknown.map(({ choice: _choice, ...value }) => value), rows: problems.map(({ rowNumber, action, problems: rowProblems, warnings }) => ({ rowNumber, action, problems: rowProblems, warnings })) };
      const head = [`Tệp ${file}, trang tính "${sheet}", dòng tiêu đề ${layout.headerRow}.`, ...preview.notes, ...unknownLines, ...rowLines];
      const leftOut = preview.counts.error + decisions.skipped.length;
      if (options.dryRun) {
        const wouldAdd = options.addMissing && unknown.length > 0 ? [`Sẽ thêm vào danh mục: ${unknown.map((value) => `${CATALOGUE_WORDS[value.catalogue]} "${value.proposedName}"`).join(', ')}.`] : [];
        return { exitCode: leftOut > 0 ? EXIT.rowsLeftOut : undefined, json: { ...json, dryRun: true }, lines: [...head, ...wouldAdd, `Kiểm tra xong (chưa ghi gì): ${counts.join('; ')}.`] };
      }
      const summary = await client.call('imports.commit', { sessionId, ...decisions });
      const added = summary.catalogueAdded.map((entry) => `${CATALOGUE_WORDS[entry.catalogue]} "${entry.name}"`);
      const wrote = summary.added + summary.updated > 0;
      return {
        exitCode: summary.skipped.length > 0 ? EXIT.rowsLeftOut : undefined,
        json: { ...json, dryRun: false, summary },
        lines: [
          ...head,
          ...(added.length > 0 ? [`Đã thêm vào danh mục: ${added.join(', ')}.`] : []),
          `Đã nhập: thêm mới ${formatNumber(summary.added)}, cập nhật ${formatNumber(summary.updated)}, đã có không đổi ${formatNumber(summary.unchanged)}, bỏ qua ${formatNumber(summary.skipped.length)}.`,
          ...(wrote ? [`Mã lần nhập: ${summary.runId} — ${undoHint(summary.runId, options)}`] : []),
        ],
      };
    } finally {
      await client.call('imports.close', { sessionId });
    }
  });
}

/** How to undo an import from the command line: the same data folder (and demo file) as the import. */
const undoHint = (runId: string, options: Pick<Options, 'dataDir' | 'demo'>) =>
  `hoàn tác bằng: npm run cli -- undo-import ${runId} --data-dir ${JSON.stringify(options.dataDir)}${options.demo ? ' --demo' : ''}`;

/** undo-import RUNID: the app's "Hoàn tác lần nhập" (services/imports/undo.ts). */
async function undoImportCommand(options: Options): Promise<Output> {
  const parsed = importUndoInput.safeParse({ runId: options.runId?.trim().toLowerCase() });
  if (!parsed.success) throw usageError(`${parsed.error.issues[0]?.message ?? 'Mã lần nhập không hợp lệ.'} Mã lần nhập được in ra khi nhập (dòng "Mã lần nhập: …").`);
  const undone = await withClient(clientOptions(options), (client) => client.call('imports.undo', parsed.data));
  return {
    json: { runId: parsed.data.runId, ...undone },
    lines: [
      `Đã hoàn tác lần nhập ${parsed.data.runId}: ${formatNumber(undone.trashed)} hồ sơ đã chuyển vào Thùng rác (khôi phục lại được từ đó)${undone.membersRemoved > 0 ? `; ${formatNumber(undone.membersRemoved)} thành viên vừa thêm vào mô hình đã có đã được xóa khỏi mô hình` : ''}; ${formatNumber(undone.alreadyGone)} mục đã ở Thùng rác hoặc đã bị xóa từ trước${undone.undoneEarlier > 0 ? `; ${formatNumber(undone.undoneEarlier)} mục đã được hoàn tác ở lần trước (lần đó bị gián đoạn)` : ''}; ${formatNumber(undone.updatesKept)} hồ sơ được cập nhật giữ nguyên.`,
    ],
  };
}

export const EXCHANGE_COMMANDS: Record<'export' | 'import' | 'undo-import', Command> = {
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
