/**
 * Turning the rows of a roster into clean field values (each cell by cell-values.ts): legacy-encoded text
 * found and converted cell by cell, births under "Nam"/"Nữ" columns, models' names filled down; blank,
 * heading and total rows set aside. Whatever cannot be read becomes a problem the preview shows next to
 * the row; nothing is guessed silently.
 */
import { IMPORT_FIELDS, type ImportField, type ImportFieldKey, type ImportRegister, type ResolvedMapping } from '../../shared/imports';
import { foldForSearch } from '../../shared/text';
import { normaliseCell, normaliseText, type CellOptions, type FieldValue, type Normalised } from './cell-values';
import type { HeaderMatch } from './header';
import { chooseLegacyEncoding, countLegacyVotes, decodeCell, hasUnicodeLetters, NO_VOTES, type CellDecoding, type LegacyEncoding, type LegacyFont, type LegacyVotes } from './legacy';
import { cellText, type CellValue, type LegacyFonts } from './read';

// ---------------------------------------------------------------------------------------------- rows

export interface RowIssue {
  field: string;
  /** 0-based column of the cell. */
  column: number;
  message: string;
}

export interface NormalisedRow {
  /** The row number Excel shows (1-based). */
  rowNumber: number;
  /**
   * Every mapped field's value, null when empty. A birth under a "Nam"/"Nữ" column is given as `birth`
   * and `gender`; the STT column is left out.
   */
  values: Partial<Record<ImportFieldKey, FieldValue>>;
  problems: RowIssue[];
  notes: RowIssue[];
}

export interface DroppedRow {
  rowNumber: number;
  reason: 'blank' | 'total' | 'heading';
  /** The row's text, for the report ("Tổng cộng: 120"). */
  text: string;
}

/** A cell typed in a legacy encoding and converted, for the preview to show (and the officer to keep as it was). */
export interface DecodedCell {
  rowNumber: number;
  /** 0-based column of the cell. */
  column: number;
  field: string;
  encoding: LegacyEncoding;
  /** A legacy font said so (else the text's bytes, or its column's, did). */
  byFont: boolean;
  /** The cell as written in the file. */
  original: string;
  /** What the import reads instead (the field's value, a name written as a name). */
  decoded: string;
  /** The officer chose to keep the original: the import reads the cell as written. */
  kept: boolean;
}

export interface NormalisedSheet {
  rows: NormalisedRow[];
  /** Rows that are not records: blank rows, total rows, section headings merged across the table. */
  dropped: DroppedRow[];
  /** Every cell converted from a legacy encoding (or kept as written by the officer's choice), row by row. */
  decoded: DecodedCell[];
}

export interface SheetOptions {
  date1904: boolean;
  /** The cells set in a legacy font, by 0-based row index and column (see Sheet.legacyFonts). */
  legacyFonts?: LegacyFonts;
  /** Cells the officer keeps as written, as "rowNumber:column" (row 1-based, column 0-based). */
  keepOriginal?: ReadonlySet<string>;
}

interface MappedColumn {
  column: number;
  field: ImportField;
  encoding: LegacyEncoding | null;
  /** What each text of the column (not set in a legacy font) decodes to: wards, categories, helpers repeat. */
  decodings: Map<string, CellDecoding | null>;
}

/**
 * Every data row below the header, normalised by the mapping. On a models sheet listing one member per
 * row, a row without any model column takes the model of the row above.
 */
export function normaliseSheet(
  rows: readonly CellValue[][],
  header: Pick<HeaderMatch, 'dataStart'>,
  mapping: ResolvedMapping,
  register: ImportRegister,
  options: SheetOptions,
): NormalisedSheet {
  const dataRows = rows.slice(header.dataStart);
  const columns = mappedColumns(dataRows, mapping, register);
  const result: NormalisedSheet = { rows: [], dropped: [], decoded: [] };

  dataRows.forEach((row, index) => {
    const rowNumber = header.dataStart + index + 1;
    const reason = droppedReason(row, columns);
    if (reason) result.dropped.push({ rowNumber, reason, text: rowText(row) });
    else result.rows.push(normaliseRow(row, rowNumber, columns, options, result.decoded));
  });
  if (register === 'models') fillDownModels(result.rows, columns);
  return result;
}

// Legacy text is recognised per column too (the sheet as a whole deciding for columns with too few
// cells): a cell whose text could be either ("Khu phè 1" reads as Unicode too) follows its column.
const ENCODING_SAMPLE = 5000;

function mappedColumns(rows: readonly CellValue[][], mapping: ResolvedMapping, register: ImportRegister): MappedColumn[] {
  const fields = IMPORT_FIELDS[register];
  const mapped = Object.entries(mapping).flatMap(([column, key]) => {
    const field = key === null ? undefined : fields.find((candidate) => candidate.key === key);
    return field && field.kind !== 'ordinal' ? [{ column: Number(column), field }] : [];
  });
  const votes = mapped.map(({ column }) => countLegacyVotes(columnTexts(rows, column)));
  const sheetEncoding = chooseLegacyEncoding(votes.reduce(addVotes, NO_VOTES));
  return mapped.map((entry, index) => {
    const columnVotes = votes[index] ?? NO_VOTES;
    const ownEncoding = chooseLegacyEncoding(columnVotes);
    // A column with no Unicode text follows the sheet: TCVN3's "Khu phè 1" (Khu phố 1) reads as Unicode too.
    const followsSheet = sheetEncoding !== null && columnVotes.unicode === 0 && columnVotes[sheetEncoding] + columnVotes.latin1 > 0;
    return { ...entry, encoding: ownEncoding ?? (followsSheet ? sheetEncoding : null), decodings: new Map() };
  });
}

function* columnTexts(rows: readonly CellValue[][], column: number): Generator<string> {
  let count = 0;
  for (const row of rows) {
    const cell = row[column];
    if (typeof cell !== 'string' || !cell.trim()) continue;
    yield cell;
    if (++count >= ENCODING_SAMPLE) return;
  }
}

const addVotes = (total: LegacyVotes, votes: LegacyVotes): LegacyVotes => ({
  unicode: total.unicode + votes.unicode,
  tcvn3: total.tcvn3 + votes.tcvn3,
  vni: total.vni + votes.vni,
  latin1: total.latin1 + votes.latin1,
});

const BLANK_TEXT = /^[\s\p{Cc}\p{Cf}]*$/u;
const isBlank = (cell: CellValue | undefined) => cell === null || cell === undefined || (typeof cell === 'string' && BLANK_TEXT.test(cell));
/** A row's text for the report, a value merged across several cells given once. */
function rowText(row: readonly CellValue[]): string {
  const texts = row.filter((cell) => !isBlank(cell)).map((cell) => normaliseText(cell) ?? '');
  return texts.filter((text, index) => text !== texts[index - 1]).join(' | ');
}

// "Tổng cộng", "Cộng", "Tổng số: 120", "TỔNG CỘNG 15 mô hình" — but not "Công an phường" or "Cộng đồng …".
const TOTAL_ROW = /^(tong cong|tong so|tong|cong)\s*(:|\d|$)|^(tong cong|tong so)\b.*\d/;
// A heading merged across the table ("PHƯỜNG 1") repeats one text in every column.
const MIN_HEADING_CELLS = 3;

function droppedReason(row: readonly CellValue[], columns: readonly MappedColumn[]): DroppedRow['reason'] | null {
  const first = row.find((cell) => !isBlank(cell)) ?? null;
  if (typeof first === 'string' && TOTAL_ROW.test(foldForSearch(first))) return 'total';
  const cells = columns.map(({ column }) => row[column] ?? null).filter((cell) => !isBlank(cell));
  if (cells.length === 0) return 'blank';
  return cells.length >= MIN_HEADING_CELLS && cells.every((cell) => cell === cells[0]) ? 'heading' : null;
}

function normaliseRow(row: readonly CellValue[], rowNumber: number, columns: readonly MappedColumn[], sheet: SheetOptions, decoded: DecodedCell[]): NormalisedRow {
  const normalised: NormalisedRow = { rowNumber, values: {}, problems: [], notes: [] };
  const fonts = sheet.legacyFonts?.get(rowNumber - 1);
  for (const mapped of columns) {
    const { column, field } = mapped;
    let cell = row[column] ?? null;
    let options: CellOptions = { date1904: sheet.date1904, encoding: null };
    const legacy = typeof cell === 'string' && !ASCII.test(cell) ? decodeColumnCell(cell, fonts?.get(column), mapped) : null;
    let listed: DecodedCell | null = null;
    if (legacy && typeof cell === 'string') {
      const converted = legacy.text;
      if (converted !== cell.normalize('NFC')) {
        const kept = sheet.keepOriginal?.has(`${rowNumber}:${column}`) ?? false;
        listed = { rowNumber, column, field: field.key, encoding: legacy.encoding, byFont: legacy.byFont, original: cell, decoded: converted, kept };
        decoded.push(listed);
        if (!kept) {
          cell = converted;
          options = { ...options, decoded: true };
        }
      }
    }
    if (field.kind === 'birthOfGender') addGenderedBirth(normalised, cell, field, column, options);
    else {
      const value = addIssues(normalised, field, column, normaliseCell(cell, field, options));
      normalised.values[field.key as ImportFieldKey] = value;
      // The officer sees what the import reads: a name written as a name.
      if (listed && !listed.kept && typeof value === 'string') listed.decoded = value;
    }
  }
  return normalised;
}

// Plain ASCII is never legacy text (its codes start at 0xA1): most cells skip the check at once.
const ASCII = /^[ -~\s]*$/;
const MAX_REMEMBERED_TEXTS = 5000;

function decodeColumnCell(text: string, font: LegacyFont | undefined, mapped: MappedColumn): CellDecoding | null {
  // Unicode Vietnamese (nearly every name and place) is told at its first letter past Latin-1.
  if (hasUnicodeLetters(text)) return null;
  if (font) return decodeCell(text, font, mapped.encoding);
  let decoding = mapped.decodings.get(text);
  if (decoding === undefined) {
    decoding = decodeCell(text, null, mapped.encoding);
    if (mapped.decodings.size < MAX_REMEMBERED_TEXTS) mapped.decodings.set(text, decoding);
  }
  return decoding;
}

function addIssues(normalised: NormalisedRow, field: ImportField, column: number, result: Normalised<FieldValue>): FieldValue {
  if (result.problem) normalised.problems.push({ field: field.key, column, message: result.problem });
  if (result.note) normalised.notes.push({ field: field.key, column, message: result.note });
  return result.value;
}

// A cross in the "Nam" or "Nữ" column gives the gender alone.
const GENDER_MARK = /^(x|v|✓|✔|1|co)$/;

/** A birth written under "Nam" or "Nữ": the column gives the gender, the cell the birth (or just a cross). */
function addGenderedBirth(normalised: NormalisedRow, cell: CellValue, field: ImportField, column: number, options: CellOptions): void {
  normalised.values.birth ??= null;
  normalised.values.gender ??= null;
  if (isBlank(cell) || !field.gender) return;
  if (normalised.values.gender && normalised.values.gender !== field.gender) {
    normalised.problems.push({ field: field.key, column, message: 'Dòng có ghi ở cả cột Nam và cột Nữ: không rõ giới tính.' });
    return;
  }
  normalised.values.gender = field.gender;
  if (!GENDER_MARK.test(foldForSearch(cellText(cell)))) normalised.values.birth = addIssues(normalised, field, column, normaliseCell(cell, field, options));
}

function fillDownModels(rows: NormalisedRow[], columns: readonly MappedColumn[]): void {
  const modelColumns = columns.filter(({ field }) => field.entity === 'model');
  const memberColumns = columns.filter(({ field }) => field.entity === 'member');
  const noteColumn = (modelColumns.find(({ field }) => field.key === 'name') ?? modelColumns[0])?.column;
  if (noteColumn === undefined || memberColumns.length === 0) return;
  const given = (row: NormalisedRow, key: ImportFieldKey) => row.values[key] !== null && row.values[key] !== undefined;
  const sameValue = (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' ? foldForSearch(a) === foldForSearch(b) : JSON.stringify(a) === JSON.stringify(b));
  let previous: NormalisedRow | undefined;
  for (const row of rows) {
    const hasModel = modelColumns.some(({ field }) => given(row, field.key as ImportFieldKey));
    // A row of the same model: its model cells blank, or what it gives the same as the model's row (a
    // merged name cell is read into each row, over ward and other cells left unmerged).
    const sameModel =
      previous !== undefined &&
      (!hasModel || (given(row, 'name') && modelColumns.every(({ field }) => !given(row, field.key as ImportFieldKey) || sameValue(row.values[field.key as ImportFieldKey], previous?.values[field.key as ImportFieldKey]))));
    if (previous && sameModel) {
      for (const { field } of modelColumns) {
        const key = field.key as ImportFieldKey;
        if (!given(row, key)) row.values[key] = previous.values[key] ?? null;
      }
      row.notes.push({ field: 'name', column: noteColumn, message: `Thuộc mô hình ở dòng ${previous.rowNumber}.` });
    } else if (hasModel) previous = row;
  }
}
