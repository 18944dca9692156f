/**
 * Export of a register's current view, or a round's list, to a real .xlsx workbook (laid out like the
 * printed roster) or to CSV. Rows come through the same list functions as the grids, page by page, so
 * the filter, sort and access rules are theirs, and sensitive columns are read (and audited) only when
 * chosen. The rows are held in memory and the workbook is written row by row by exceljs's streaming
 * writer (100.000 people: about 9 s and 650 MB at most).
 */
import type ExcelJS from 'exceljs';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import type { Page } from '../../shared/common';
import {
  chosenColumns,
  describeModelFilter,
  describeSubjectFilter,
  DUE_COLUMNS,
  DUE_SECTIONS,
  EXPORT_DOCUMENTS,
  MEMBER_COLUMNS,
  MODEL_COLUMNS,
  RECORD_SUBJECT_COLUMNS,
  ROUND_COLUMNS,
  ROUND_SECTIONS,
  SENSITIVE_SUBJECT_COLUMNS,
  SUBJECT_COLUMNS,
  type CellKind,
  type CellValue,
  type ExportColumn,
  type ExportDocument,
  type ExportFormat,
  type ExportValues,
} from '../../shared/exports';
import { placeAndDate, type PrintSettings } from '../../shared/print';
import { cleanText, formatNumber } from '../../shared/text';
import { ApiError } from '../../shared/errors';
import { roundList } from './awards';
import { getCatalogues } from './catalogues';
import type { Context } from './context';
import { csvDocument, safeText } from './csv';
import { listModels } from './models';
import { printSettings } from './print/settings';
import { withMembers, withRecordFields } from './export-rows';
import { dueList, listSubjects } from './subjects';
import { formatDate, localToday } from '../../shared/dates';

export interface ExportFile {
  fileName: string;
  data: Buffer;
  /** Records exported (section rows of a round's list not counted). */
  rows: number;
}

export type TableLine = { section: string } | { cells: CellValue[] };

/** What is exported, independent of the file format. */
export interface ExportTable {
  columns: Pick<ExportColumn<never>, 'header' | 'kind'>[];
  lines: TableLine[];
  rows: number;
  /** The filter in words, or the round's occasion. */
  subtitle: string | null;
}

type ExportOf<Register extends ExportValues['register']> = Extract<ExportValues, { register: Register }>;

export async function exportRegister(ctx: Context, input: ExportValues): Promise<ExportFile> {
  return exportDocument(ctx, await exportTable(ctx, input), EXPORT_DOCUMENTS[input.register], input.format);
}

/** A table as a file: the workbook with the unit's administrative heading, or CSV. */
export async function exportDocument(ctx: Context, table: ExportTable, document: ExportDocument, format: ExportFormat): Promise<ExportFile> {
  const today = new Date();
  const data = format === 'xlsx' ? await xlsxFile(table, { ...document, settings: await printSettings(ctx), today }) : csvFile(table);
  return { fileName: exportFileName(document.fileStem, format, today), data, rows: table.rows };
}

/** Writes beside the target first, so a failed write never leaves half a file under the officer's name. */
export function saveExportFile(file: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    const code = (error as { code?: unknown }).code;
    throw new ApiError('file', `Không ghi được tệp "${file}"${typeof code === 'string' ? ` (${code})` : ''}. Hãy kiểm tra thư mục và quyền ghi.`);
  }
}

/** "danh-sach-mo-hinh-2026-11-26.xlsx": ASCII only, so every file system and mail program keeps it intact. */
export const exportFileName = (stem: string, format: ExportFormat, today: Date) => `${stem}-${localToday(today)}.${format}`;

function exportTable(ctx: Context, input: ExportValues): Promise<ExportTable> {
  switch (input.register) {
    case 'models':
      return modelsTable(ctx, input);
    case 'subjects':
      return subjectsTable(ctx, input);
    case 'round':
      return roundTable(ctx, input);
    case 'due':
      return dueTable(ctx, input);
  }
}

// ---------------------------------------------------------------- rows

/** The largest page the list functions serve. */
const PAGE_SIZE = 1000;

async function forEachPage<Row>(fetchPage: (offset: number, limit: number) => Promise<Page<Row>>, visit: (rows: Row[], offset: number) => Promise<void>) {
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const { rows } = await fetchPage(offset, PAGE_SIZE);
    if (rows.length > 0) await visit(rows, offset);
    if (rows.length < PAGE_SIZE) return;
  }
}

/** A row's cells; a continuation row (another member of the same model) leaves the STT empty. */
const cellsOf = <Row>(columns: ExportColumn<Row>[], row: Row, index: number, continuation = false): TableLine => ({
  cells: columns.map((column) => (continuation && column.key === 'stt' ? null : column.value(row, index))),
});

/**
 * The models, or with member columns chosen, each model once per member it lists (its own cells
 * repeated, so a sorted or filtered sheet keeps them, and the import reads the model once); the STT is
 * the model's, on its first row.
 */
async function modelsTable(ctx: Context, input: ExportOf<'models'>): Promise<ExportTable> {
  const columns = chosenColumns(MODEL_COLUMNS, input.columns);
  const listsMembers = columns.some((column) => (MEMBER_COLUMNS as readonly string[]).includes(column.key));
  const lines: TableLine[] = [];
  let models = 0;
  await forEachPage(
    (offset, limit) => listModels(ctx, { ...input.filter, offset, limit }),
    async (rows, offset) => {
      models += rows.length;
      const perModel = listsMembers ? await withMembers(ctx, rows) : rows.map((row) => [row]);
      perModel.forEach((modelRows, index) => modelRows.forEach((row, member) => lines.push(cellsOf(columns, row, offset + index, member > 0))));
    },
  );
  return { columns, lines, rows: models, subtitle: describeModelFilter(input.filter, await getCatalogues(ctx)) };
}

async function subjectsTable(ctx: Context, input: ExportOf<'subjects'>): Promise<ExportTable> {
  const columns = chosenColumns(SUBJECT_COLUMNS, input.columns);
  if (ctx.user.role === 'viewer' && columns.some((column) => (SENSITIVE_SUBJECT_COLUMNS as readonly string[]).includes(column.key))) {
    throw new ApiError('forbidden', 'Tài khoản chỉ xem không được xuất số CCCD/CMND và lý lịch. Hãy bỏ các cột này.');
  }
  const recordFields = columns.filter((column) => (RECORD_SUBJECT_COLUMNS as readonly string[]).includes(column.key)).map((column) => column.key);
  const lines: TableLine[] = [];
  await forEachPage(
    (offset, limit) => listSubjects(ctx, { ...input.filter, offset, limit }),
    async (rows, offset) => {
      const exported = recordFields.length > 0 ? await withRecordFields(ctx, rows, recordFields) : rows;
      exported.forEach((row, index) => lines.push(cellsOf(columns, row, offset + index)));
    },
  );
  return { columns, lines, rows: lines.length, subtitle: describeSubjectFilter(input.filter, await getCatalogues(ctx)) };
}

async function roundTable(ctx: Context, input: ExportOf<'round'>): Promise<ExportTable> {
  const columns = chosenColumns(ROUND_COLUMNS, input.columns);
  const list = await roundList(ctx, { id: input.roundId });
  const lines: TableLine[] = [
    { section: ROUND_SECTIONS.collectives },
    ...list.collectives.map((row, index) => cellsOf(columns, row, index)),
    { section: ROUND_SECTIONS.individuals },
    ...list.individuals.map((row, index) => cellsOf(columns, row, index)),
  ];
  return { columns, lines, rows: list.collectives.length + list.individuals.length, subtitle: list.round.occasion ?? list.round.name };
}

/** The three due lists in full (the screen shows the first 500 of each), each numbered from 1. */
async function dueTable(ctx: Context, input: ExportOf<'due'>): Promise<ExportTable> {
  const columns = chosenColumns(DUE_COLUMNS, input.columns);
  const due = await dueList(ctx, { all: true });
  const sections = [
    [DUE_SECTIONS.overdue, due.overdue],
    [DUE_SECTIONS.dueThisWeek, due.dueThisWeek],
    [DUE_SECTIONS.endingSoon, due.endingSoon],
  ] as const;
  const lines = sections.flatMap(([section, rows]): TableLine[] => [{ section: `${section} (${formatNumber(rows.length)})` }, ...rows.map((row, index) => cellsOf(columns, row, index))]);
  return {
    columns,
    lines,
    rows: sections.reduce((sum, [, rows]) => sum + rows.length, 0),
    subtitle: `Tính đến ngày ${formatDate(due.today)}; chu kỳ đánh giá ${due.intervalMonths} tháng`,
  };
}

// ---------------------------------------------------------------- CSV

function csvText(value: CellValue, kind: CellKind): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (kind === 'date') return formatDate(value);
  return safeText(cleanText(value));
}

/** The header row and the data, no title rows. */
function csvFile(table: ExportTable): Buffer {
  const width = table.columns.length;
  return csvDocument([
    table.columns.map((column) => column.header),
    ...table.lines.map((line) =>
      'section' in line ? [line.section, ...Array<string>(width - 1).fill('')] : line.cells.map((value, index) => csvText(value, table.columns[index]!.kind)),
    ),
  ]);
}

// ---------------------------------------------------------------- xlsx

interface Heading {
  title: string;
  sheetName: string;
  settings: PrintSettings;
  today: Date;
}

const FONT = { name: 'Times New Roman', size: 12 };
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const CENTERED = { horizontal: 'center', vertical: 'middle', wrapText: true } as const;
const STYLES = {
  plain: { font: FONT, alignment: CENTERED },
  bold: { font: { ...FONT, bold: true }, alignment: CENTERED },
  italic: { font: { ...FONT, italic: true }, alignment: CENTERED },
  title: { font: { ...FONT, size: 14, bold: true }, alignment: CENTERED },
  header: { font: { ...FONT, bold: true }, alignment: CENTERED, border: BORDER },
  section: { font: { ...FONT, bold: true }, alignment: { vertical: 'top' }, border: BORDER },
  body: { font: FONT, alignment: { vertical: 'top' }, border: BORDER },
  bodyWrapped: { font: FONT, alignment: { vertical: 'top', wrapText: true }, border: BORDER },
  date: { font: FONT, alignment: { vertical: 'top', horizontal: 'center' }, border: BORDER, numFmt: 'dd/mm/yyyy' },
  year: { font: FONT, alignment: { vertical: 'top', horizontal: 'center' }, border: BORDER },
} satisfies Record<string, Partial<ExcelJS.Style>>;

/** The heading takes rows 1–3 (units, motto, place and date), the title row 5 and the subtitle row 6. */
const TITLE_ROW = 5;
const MIN_WIDTH = 5;
const MAX_WIDTH = 50;
/** Headers wrap inside their cell, but not narrower than this many characters. */
const HEADER_LINE = 16;

const upper = (text: string) => text.toLocaleUpperCase('vi');


/** An ISO date as a JS Date at UTC midnight: exceljs turns it into the Excel serial of that calendar day. */
const excelDate = (iso: string) => new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));

function displayLength(value: CellValue, kind: CellKind): number {
  if (value === null) return 0;
  if (typeof value === 'number') return String(value).length;
  return kind === 'date' ? 10 : value.length;
}

/** Characters each column needs for its longest value, its header wrapped, within MIN_WIDTH..MAX_WIDTH. */
function contentWidths(table: ExportTable): number[] {
  return table.columns.map((column, index) => {
    const longestWord = Math.max(...column.header.split(' ').map((word) => word.length));
    let longest = Math.max(longestWord, Math.min(column.header.length, HEADER_LINE));
    for (const line of table.lines) if ('cells' in line) longest = Math.max(longest, displayLength(line.cells[index] ?? null, column.kind));
    return longest;
  });
}

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function writeCell(cell: ExcelJS.Cell, value: CellValue, kind: CellKind, wrap: boolean) {
  if (kind === 'date' && typeof value === 'string' && !FULL_DATE.test(value)) {
    // A month alone ("2016-03"): Excel has no such value, so it is the text "03/2016", centred as the dates.
    cell.value = formatDate(value);
    cell.style = STYLES.year;
  } else if (kind === 'date' && typeof value === 'string') {
    cell.value = excelDate(value);
    cell.style = STYLES.date;
  } else if (typeof value === 'number') {
    cell.value = value;
    // A birth year alone sits in a date column: centred like the dates around it.
    cell.style = kind === 'date' ? STYLES.year : STYLES.body;
  } else {
    // Always a string value, never { formula }: text beginning with "=" stays text.
    cell.value = value === null ? null : cleanText(value);
    cell.style = wrap ? STYLES.bodyWrapped : STYLES.body;
  }
}

/** Writes one row of the heading (from column `from` to `to`, merged) and commits it. */
function headingRow(sheet: ExcelJS.Worksheet, rowNumber: number, parts: { text: string | null; from: number; to: number; style: Partial<ExcelJS.Style> }[]) {
  for (const part of parts) {
    if (part.text === null) continue;
    const cell = sheet.getCell(rowNumber, part.from);
    cell.value = part.text;
    cell.style = part.style;
    if (part.to > part.from) sheet.mergeCells(rowNumber, part.from, rowNumber, part.to);
  }
  sheet.getRow(rowNumber).commit();
}

/**
 * The administrative heading: issuing unit at left, national motto and place-and-date at right, the
 * title and the subtitle across the table.
 */
function writeHeading(sheet: ExcelJS.Worksheet, width: number, heading: Heading, subtitle: string | null) {
  const leftEnd = Math.max(1, Math.floor(width / 2));
  const right = { from: leftEnd + 1, to: Math.max(width, leftEnd + 1) };
  const full = { from: 1, to: width };
  const { settings } = heading;
  headingRow(sheet, 1, [
    { text: upper(settings.parentUnit), from: 1, to: leftEnd, style: STYLES.plain },
    { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', ...right, style: STYLES.bold },
  ]);
  headingRow(sheet, 2, [
    { text: upper(settings.unitName), from: 1, to: leftEnd, style: STYLES.bold },
    { text: 'Độc lập - Tự do - Hạnh phúc', ...right, style: STYLES.bold },
  ]);
  headingRow(sheet, 3, [
    { text: settings.documentNumber ? `Số: ${settings.documentNumber}` : null, from: 1, to: leftEnd, style: STYLES.plain },
    { text: placeAndDate(settings.place, heading.today), ...right, style: STYLES.italic },
  ]);
  headingRow(sheet, TITLE_ROW, [{ text: upper(heading.title), ...full, style: STYLES.title }]);
  if (subtitle !== null) headingRow(sheet, TITLE_ROW + 1, [{ text: subtitle, ...full, style: STYLES.italic }]);
}

function writeTable(sheet: ExcelJS.Worksheet, table: ExportTable, headerRow: number, wrapped: boolean[]) {
  const header = sheet.getRow(headerRow);
  table.columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = column.header;
    cell.style = STYLES.header;
  });
  header.commit();
  let rowNumber = headerRow;
  for (const line of table.lines) {
    const row = sheet.getRow((rowNumber += 1));
    if ('section' in line) {
      row.getCell(1).value = line.section;
      row.getCell(1).style = STYLES.section;
      if (table.columns.length > 1) sheet.mergeCells(rowNumber, 1, rowNumber, table.columns.length);
    } else {
      line.cells.forEach((value, index) => writeCell(row.getCell(index + 1), value, table.columns[index]!.kind, wrapped[index]!));
    }
    row.commit();
  }
  return rowNumber;
}

/** Collects the streamed workbook in memory: the caller gets one Buffer (to save, or to send as a download). */
function memorySink() {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, data: () => Buffer.concat(chunks) };
}

async function xlsxFile(table: ExportTable, heading: Heading): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const sink = memorySink();
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: sink.stream, useStyles: true, useSharedStrings: false });
  workbook.creator = heading.settings.unitName;
  workbook.created = heading.today;
  const width = table.columns.length;
  // A blank row between the heading and the table.
  const headerRow = TITLE_ROW + (table.subtitle === null ? 0 : 1) + 2;
  const sheet = workbook.addWorksheet(heading.sheetName, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: width > 6 ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { top: 0.79, bottom: 0.79, left: 1.18, right: 0.59, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&CTrang &P/&N' },
  });
  const needed = contentWidths(table);
  sheet.columns = needed.map((characters) => ({ width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, characters)) + 2 }));
  writeHeading(sheet, width, heading, table.subtitle);
  const lastRow = writeTable(
    sheet,
    table,
    headerRow,
    needed.map((characters) => characters > MAX_WIDTH),
  );
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: lastRow, column: width } };
  sheet.commit();
  await workbook.commit();
  return sink.data();
}
