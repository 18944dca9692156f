/**
 * Reading the workbooks officers hand us (.xlsx, legacy .xls, OpenDocument .ods/.fods, .csv) into plain
 * rows of cell values: merged cells filled with their value, formulas as their last result, rich text as
 * plain text, Excel dates as Date (UTC midnight of the day shown) — or, when the cell's format shows
 * no day ("mm/yyyy", "yyyy"), as the text "03/2016" or "2016" read like typed text — and the text cells
 * set in a legacy Vietnamese font (.VnTime, VNI-Times) marked. Nothing here knows about registers or fields.
 */
import type ExcelJS from 'exceljs';
import { pad } from '../../shared/dates';
import { ApiError } from '../../shared/errors';
import { shownDate } from './date-formats';
import { detectLegacyEncoding, legacyFontOf, type LegacyFont } from './legacy';
import { xlsLegacyFonts, type LegacyFonts } from './xls-fonts';

export type { LegacyFonts } from './xls-fonts';

export type CellValue = string | number | Date | boolean | null;

export interface Sheet {
  name: string;
  /** Every row from the sheet's first (index 0 is Excel row 1), all as wide as the widest; trailing blank rows left out. */
  rows: CellValue[][];
  /**
   * The text cells set in a legacy font (.xlsx and .xls only), by row index and column: the import
   * decodes them whatever the rest of the column holds. Absent when the sheet has none.
   */
  legacyFonts?: LegacyFonts;
}

export interface Workbook {
  sheets: Sheet[];
  /** Excel's 1904 date system (old Mac workbooks): a number cell holding a date counts days from 1904. */
  date1904: boolean;
}

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/**
 * The most an .xlsx may hold unpacked. Reading takes about 14 bytes of memory per unpacked byte (a
 * 50.000-row roster: 24 MB unpacked, 330 MB read), so this keeps a huge workbook from exhausting the
 * app's memory (Electron's main process has 4 GB) rather than refusing it only after a crash.
 */
export const MAX_UNPACKED_BYTES = 150 * 1024 * 1024;

/** The reason of a file or sheet with no data to import: the CLI exits 13 on it, 14 on other refused files. */
export const NO_DATA_ROWS = 'no_data_rows';

export type ImportFileProblem = 'too_large' | 'unknown_extension' | 'password' | 'empty' | 'unreadable';

/** A file that cannot be imported at all, with the message the officer reads. */
export class ImportFileError extends ApiError {
  constructor(
    readonly problem: ImportFileProblem,
    message: string,
  ) {
    super('validation', message, undefined, problem === 'empty' ? NO_DATA_ROWS : 'file_refused');
    this.name = 'ImportFileError';
  }
}

type FileFormat = 'xlsx' | 'xls' | 'ods' | 'fods' | 'csv';
const FORMAT_BY_EXTENSION: Record<string, FileFormat> = { xlsx: 'xlsx', xlsm: 'xlsx', xls: 'xls', ods: 'ods', fods: 'fods', csv: 'csv' };

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
// Excel 97–2003 files, and password-protected .xlsx files, are OLE compound documents.
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');
// An OpenDocument zip starts with its uncompressed "mimetype" entry; a flat .fods is one XML document.
const ODS_MIMETYPE = Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet');
const FODS_ROOT = /<office:document[\s>]/;

/**
 * Reads an .xlsx, .xls, .ods, .fods or .csv file (`path` may be a bare file name; messages show only its last part); throws
 * ImportFileError when it cannot be imported.
 */
export async function readWorkbook(data: Buffer, path: string): Promise<Workbook> {
  const fileName = baseName(path);
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const declared = FORMAT_BY_EXTENSION[extension];
  if (!declared) {
    throw new ImportFileError('unknown_extension', `Không nhận tệp "${fileName}": chỉ nhập được tệp Excel (.xlsx, .xls), tệp OpenDocument (.ods, .fods) hoặc tệp .csv.`);
  }
  if (data.length > MAX_IMPORT_BYTES) {
    const megabytes = (data.length / 1024 / 1024).toFixed(1).replace('.', ',');
    throw new ImportFileError('too_large', `Tệp "${fileName}" quá lớn (${megabytes} MB); chỉ nhận tệp đến ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Hãy tách danh sách thành nhiều tệp nhỏ hơn.`);
  }
  const workbook = await parse(data, actualFormat(data, declared, fileName), fileName);
  if (workbook.sheets.every((sheet) => sheet.rows.length === 0)) {
    throw new ImportFileError('empty', `Tệp "${fileName}" không có dữ liệu: mọi trang tính đều trống.`);
  }
  return workbook;
}

/** The format the bytes are in: a workbook saved under the wrong extension is still read. */
function actualFormat(data: Buffer, declared: FileFormat, fileName: string): FileFormat {
  if (data.subarray(0, 4).equals(ZIP_MAGIC)) return data.subarray(30, 30 + ODS_MIMETYPE.length).equals(ODS_MIMETYPE) ? 'ods' : 'xlsx';
  if (data.subarray(0, 8).equals(OLE_MAGIC)) {
    if (data.includes(ENCRYPTED_PACKAGE)) throw passwordError(fileName);
    return 'xls';
  }
  if (declared === 'fods' && FODS_ROOT.test(data.subarray(0, 4096).toString('utf8'))) return 'fods';
  if (declared !== 'csv') throw unreadableError(fileName);
  return 'csv';
}

async function parse(data: Buffer, format: FileFormat, fileName: string): Promise<Workbook> {
  if (format === 'xlsx' || format === 'ods') refuseHugeXlsx(data, fileName);
  try {
    if (format === 'xlsx') return await readXlsx(data);
    if (format === 'csv') return readCsv(data, fileName);
    return await readWithSheetJs(data, format);
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    if (error instanceof Error && /password|encrypt/i.test(error.message)) throw passwordError(fileName);
    throw unreadableError(fileName);
  }
}

const passwordError = (fileName: string) =>
  new ImportFileError(
    'password',
    `Tệp "${fileName}" được đặt mật khẩu nên không đọc được. Hãy mở tệp bằng Excel, gỡ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hóa bằng mật khẩu, xóa mật khẩu rồi bấm OK), lưu lại và chọn lại tệp.`,
  );

const unreadableError = (fileName: string) =>
  new ImportFileError('unreadable', `Không đọc được tệp "${fileName}": tệp bị hỏng hoặc không phải tệp Excel, OpenDocument hay CSV. Hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx rồi thử lại.`);

const MS_PER_DAY = 86_400_000;

/**
 * The day an Excel serial number stands for, as a Date at UTC midnight (plus the time of day, if any).
 * The 1900 system counts 29/02/1900, a day that never was (Lotus 1-2-3's bug, kept by Excel): from
 * serial 61 (01/03/1900) on, serials are one day ahead of the calendar; serial 60 itself has no real day
 * and comes out as 01/03/1900, so callers refuse it.
 */
export function excelSerialToDate(serial: number, date1904 = false): Date {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 31);
  const days = !date1904 && serial >= 61 ? serial - 1 : serial;
  return new Date(epoch + Math.round(days * MS_PER_DAY));
}

// ---------------------------------------------------------------------------------------------- xlsx

const inMegabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/** Refuses an .xlsx whose parts, unpacked, would be more than the app can read in memory. */
function refuseHugeXlsx(data: Buffer, fileName: string): void {
  const unpacked = unpackedZipSize(data);
  if (unpacked === null || unpacked <= MAX_UNPACKED_BYTES) return; // not a zip we can size: exceljs says what is wrong
  throw new ImportFileError(
    'too_large',
    `Tệp "${fileName}" chứa quá nhiều dữ liệu để đọc một lần (${inMegabytes(unpacked)} MB khi giải nén; tối đa ${inMegabytes(MAX_UNPACKED_BYTES)} MB, khoảng 300.000 dòng). Hãy tách danh sách thành nhiều tệp nhỏ hơn.`,
  );
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;

/**
 * The sum of the unpacked sizes a zip's central directory declares, or null when it has none to read.
 * By hand because it is 20 lines: the zip libraries at hand (exceljs's own jszip) size a file only by
 * unpacking it, which is what this check must come before.
 */
export function unpackedZipSize(data: Buffer): number | null {
  // The end-of-directory record is the last 22 bytes, before a comment of at most 65.535 bytes.
  let end = -1;
  for (let offset = data.length - 22; offset >= Math.max(0, data.length - 22 - 0xffff); offset -= 1) {
    if (data.readUInt32LE(offset) === END_OF_DIRECTORY) {
      end = offset;
      break;
    }
  }
  if (end < 0) return null;
  const entries = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  let total = 0;
  for (let entry = 0; entry < entries; entry += 1) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== DIRECTORY_ENTRY) return null;
    // A ZIP64 entry (0xFFFFFFFF) is bigger than 4 GB: more than enough to refuse.
    total += data.readUInt32LE(offset + 24);
    offset += 46 + data.readUInt16LE(offset + 28) + data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
  }
  return total;
}

async function readXlsx(data: Buffer): Promise<Workbook> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  // exceljs fills merged cells with the merge's value, and turns date-formatted numbers into Dates (kept as the
  // text they show when their format shows no day: excelSheet).
  const sheets = workbook.worksheets.map((worksheet) => excelSheet(worksheet));
  return { sheets, date1904: Boolean(workbook.properties.date1904) };
}

function excelSheet(worksheet: ExcelJS.Worksheet): Sheet {
  const rows: CellValue[][] = [];
  const fonts: LegacyFonts = new Map();
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: CellValue[] = [];
    for (let column = 1; column < values.length; column++) {
      const value = values[column];
      const cell = excelCellValue(value);
      cells.push(cell instanceof Date ? shownDate(cell, row.getCell(column).numFmt) : cell);
      // Only text can be legacy text: numbers and dates need no font looked up.
      const font = typeof value === 'string' || (value && typeof value === 'object' && 'richText' in value) ? excelLegacyFont(row.getCell(column), value) : null;
      if (font) setFont(fonts, rowNumber - 1, column - 1, font);
    }
    rows[rowNumber - 1] = cells;
  });
  const sheet: Sheet = { name: worksheet.name, rows: rectangular(Array.from(rows, (row) => row ?? [])) };
  return fonts.size > 0 ? { ...sheet, legacyFonts: fonts } : sheet;
}

/** The legacy font of a cell: a rich text run's own font, else the cell's style font. */
function excelLegacyFont(cell: ExcelJS.Cell, value: ExcelJS.CellValue): LegacyFont | null {
  if (value && typeof value === 'object' && 'richText' in value) {
    for (const run of value.richText) {
      const font = legacyFontOf(run.font?.name);
      if (font && /[^ -~\s]/.test(run.text)) return font;
    }
  }
  return legacyFontOf(cell.font?.name);
}

function setFont(fonts: LegacyFonts, row: number, column: number, font: LegacyFont): void {
  let columns = fonts.get(row);
  if (!columns) fonts.set(row, (columns = new Map()));
  columns.set(column, font);
}

function excelCellValue(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) return excelCellValue(value.result as ExcelJS.CellValue | undefined);
  if ('hyperlink' in value) return excelCellValue(value.text as ExcelJS.CellValue);
  return null;
}

// --------------------------------------------------------------------------------- xls, ods, fods

async function readWithSheetJs(data: Buffer, format: 'xls' | 'ods' | 'fods'): Promise<Workbook> {
  // Loaded only for these files: SheetJS is large, and they are rare.
  const XLSX = await import('@e965/xlsx');
  const workbook = withoutOdsFormatWarnings(() => XLSX.read(data, { type: 'buffer', dense: true, cellNF: true, cellDates: false }));
  const fonts = format === 'xls' ? xlsLegacyFonts(XLSX.CFB, data) : new Map<string, LegacyFonts>();
  const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  const sheets = workbook.SheetNames.map((name) => {
    const worksheet = workbook.Sheets[name];
    const cells = (worksheet?.['!data'] ?? []) as (XlsCell[] | undefined)[];
    const rows = Array.from(cells, (row) => Array.from(row ?? [], (cell) => xlsCellValue(cell, date1904, XLSX.SSF.is_date)));
    const legacyFonts = fonts.get(name);
    fillMerges(rows, worksheet?.['!merges'] ?? [], legacyFonts);
    return legacyFonts ? { name, rows: rectangular(rows), legacyFonts } : { name, rows: rectangular(rows) };
  });
  return { sheets, date1904 };
}

/** SheetJS writes a console error for each conditional number format of an .ods it only half reads: not the officer's business. */
function withoutOdsFormatWarnings<T>(read: () => T): T {
  const original = console.error;
  console.error = (...args: unknown[]) => {
    if (!(typeof args[0] === 'string' && args[0].startsWith('ODS number format may be incorrect'))) original(...args);
  };
  try {
    return read();
  } finally {
    console.error = original;
  }
}

interface XlsCell {
  t: string;
  v?: unknown;
  w?: string;
  z?: string | number;
}

function xlsCellValue(cell: XlsCell | undefined, date1904: boolean, isDateFormat: (format: string | number) => boolean): CellValue {
  if (!cell) return null;
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : null;
    case 'b':
      return Boolean(cell.v);
    case 'e':
      return cell.w ?? '#ERROR!';
    case 'n': {
      const value = Number(cell.v);
      return cell.z !== undefined && isDateFormat(cell.z) ? shownDate(excelSerialToDate(value, date1904), cell.z) : value;
    }
    default:
      return null;
  }
}

interface MergeRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

/** Gives every cell of a merge the value (and legacy font) of its top-left cell, as Excel shows it. */
function fillMerges(rows: CellValue[][], merges: MergeRange[], fonts?: LegacyFonts): void {
  for (const { s, e } of merges) {
    const value = rows[s.r]?.[s.c] ?? null;
    const font = fonts?.get(s.r)?.get(s.c);
    for (let r = s.r; r <= e.r; r++) {
      const row = (rows[r] ??= []);
      for (let c = s.c; c <= e.c; c++) {
        row[c] = value;
        if (fonts && font) setFont(fonts, r, c, font);
      }
    }
  }
}

// ----------------------------------------------------------------------------------------------- csv

function readCsv(data: Buffer, fileName: string): Workbook {
  const text = decodeCsv(data);
  const name = fileName.replace(/\.[^.]+$/, '') || 'CSV';
  return { sheets: [{ name, rows: rectangular(parseCsv(text, detectDelimiter(text))) }], date1904: false };
}

/**
 * CSV text: UTF-8 (with or without BOM) or UTF-16 with BOM; otherwise an old Windows code page. Bytes
 * typed with a legacy Vietnamese font read as Windows-1252 (the import converts them later, as it does
 * for such text inside workbooks); anything else is taken as Windows-1258, Vietnam's own code page.
 */
function decodeCsv(data: Buffer): string {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return new TextDecoder('utf-8').decode(data.subarray(3));
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    const western = new TextDecoder('windows-1252').decode(data);
    if (detectLegacyEncoding(western.split(/\r\n|\n|\r/))) return western;
    return new TextDecoder('windows-1258').decode(data).normalize('NFC');
  }
}

const DELIMITERS = [',', ';', '\t'] as const;
const DELIMITER_SAMPLE_LINES = 30;

/** The delimiter that splits the most sample lines into the same number of fields (title lines have none). */
function detectDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/, DELIMITER_SAMPLE_LINES).filter((line) => line.trim());
  let best: { delimiter: string; lines: number; fields: number } = { delimiter: ',', lines: 0, fields: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter)).filter((count) => count > 0);
    const frequency = new Map<number, number>();
    for (const count of counts) frequency.set(count, (frequency.get(count) ?? 0) + 1);
    for (const [fields, lineCount] of frequency) {
      if (lineCount > best.lines || (lineCount === best.lines && fields > best.fields)) best = { delimiter, lines: lineCount, fields };
    }
  }
  return best.delimiter;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) count++;
  }
  return count;
}

/** RFC 4180: quoted fields may hold delimiters, doubled quotes and line breaks. Empty fields are null. */
function parseCsv(text: string, delimiter: string): CellValue[][] {
  const rows: CellValue[][] = [];
  let row: CellValue[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field === '' ? null : field);
    field = '';
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) endField();
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      endField();
      rows.push(row);
      row = [];
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

// ------------------------------------------------------------------------------------------- helpers

const isEmpty = (value: CellValue | undefined) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/** Rows padded to the widest non-blank row, trailing blank rows and columns dropped, holes filled with null. */
function rectangular(rows: CellValue[][]): CellValue[][] {
  const widths = rows.map((row) => {
    let width = row.length;
    while (width > 0 && isEmpty(row[width - 1])) width--;
    return width;
  });
  const width = widths.reduce((widest, rowWidth) => Math.max(widest, rowWidth), 0);
  let height = rows.length;
  while (height > 0 && widths[height - 1] === 0) height--;
  return rows.slice(0, height).map((row) => Array.from({ length: width }, (_, column) => row[column] ?? null));
}

const baseName = (path: string) => path.replace(/^.*[\\/]/, '');


/** A cell as text: a date as dd/mm/yyyy (its UTC day, as Excel showed it), a number as written. */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  return String(value);
}
