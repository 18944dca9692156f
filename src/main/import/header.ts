/**
 * Finding the header of a roster: below title rows ("DANH SÁCH ĐỐI TƯỢNG …"), possibly two rows deep
 * with merged group labels ("Ngày sinh" over "Nam | Nữ"), possibly typed in a legacy encoding.
 */
import { labelKey, matchColumns, type ImportField } from '../../shared/imports';
import { cleanText } from '../../shared/text';
import { convertLegacy, detectCellEncoding, detectLegacyEncoding, encodingOfFont, type LegacyEncoding, type LegacyFont } from './legacy';
import { cellText, type CellValue, type LegacyFonts } from './read';

export interface HeaderMatch {
  /** The header's rows (0-based): one, or two for a two-row header. */
  rowIndices: number[];
  /** The first row below the header (0-based), past a row of column numbers if there is one. */
  dataStart: number;
  /** Each column's header text; under a group label spanning several columns, "group child" ("Ngày sinh Nam"). */
  labels: string[];
  /** The legacy encoding the header was typed in (labels are given converted, cell by cell), or null. */
  encoding: LegacyEncoding | null;
  /** Columns matched to a field, an exact alias counting 1 and a partial match 0.5. */
  score: number;
}

/** Rosters put at most a few title and unit lines above the table. */
export const HEADER_SEARCH_ROWS = 30;

interface Candidate {
  rowIndices: number[];
  labels: string[];
  score: number;
}

/**
 * The header of a sheet: among its first rows, and pairs of consecutive rows read as one two-row
 * header, the one whose labels match the most fields; on a tie the one higher up, then the single row.
 * Null when no row names any field.
 */
export function findHeader(rows: readonly CellValue[][], fields: readonly ImportField[], legacyFonts?: LegacyFonts): HeaderMatch | null {
  const encoding = headerEncoding(rows);
  const labelRows = rows.slice(0, HEADER_SEARCH_ROWS).map((row, index) => rowLabels(row, encoding, legacyFonts?.get(index)));
  const candidates: Candidate[] = [];
  labelRows.forEach((labels, index) => {
    candidates.push({ rowIndices: [index], labels, score: matchScore(labels, fields) });
    const child = labelRows[index + 1];
    if (child && labels.some(Boolean) && child.some(Boolean)) {
      const combined = combineHeaderRows(labels, child);
      candidates.push({ rowIndices: [index, index + 1], labels: combined, score: matchScore(combined, fields) });
    }
  });
  const best = candidates.reduce<Candidate | null>((winner, candidate) => (!winner || candidate.score > winner.score ? candidate : winner), null);
  return best && best.score >= 1 ? headerMatch(rows, best, encoding) : null;
}

/** The header at the rows the officer chose instead: one row, or two read as a two-row header. */
export function headerAt(rows: readonly CellValue[][], rowIndices: [number] | [number, number], fields: readonly ImportField[], legacyFonts?: LegacyFonts): HeaderMatch {
  const encoding = headerEncoding(rows);
  const [parent, child] = rowIndices.map((index) => rowLabels(rows[index] ?? [], encoding, legacyFonts?.get(index)));
  const labels = child ? combineHeaderRows(parent ?? [], child) : (parent ?? []);
  return headerMatch(rows, { rowIndices, labels, score: matchScore(labels, fields) }, encoding);
}

/** The encoding of the sheet's first rows as a whole (a cell set in a legacy font is decoded by its font). */
function headerEncoding(rows: readonly CellValue[][]): LegacyEncoding | null {
  return detectLegacyEncoding(rows.slice(0, HEADER_SEARCH_ROWS).flatMap((row) => row.filter((cell): cell is string => typeof cell === 'string')));
}

/** A row's labels, each converted by its font, else the header's encoding, else its own text (read carefully). */
function rowLabels(row: readonly CellValue[], encoding: LegacyEncoding | null, fonts: Map<number, LegacyFont> | undefined): string[] {
  return row.map((cell, column) => {
    const text = cleanText(cellText(cell));
    const font = fonts?.get(column);
    const cellEncoding = font ? encodingOfFont(font) : (encoding ?? detectCellEncoding(text));
    return cellEncoding ? convertLegacy(text, cellEncoding, { capitals: font === 'tcvn3Capitals' }) : text;
  });
}

const matchScore = (labels: readonly string[], fields: readonly ImportField[]) =>
  matchColumns(labels, fields).reduce((total, match) => total + (match.exact ? 1 : 0.5), 0);

function headerMatch(rows: readonly CellValue[][], { rowIndices, labels, score }: Candidate, encoding: LegacyEncoding | null): HeaderMatch {
  const lastRow = rowIndices[rowIndices.length - 1] ?? 0;
  const dataStart = isColumnNumberRow(rows[lastRow + 1]) ? lastRow + 2 : lastRow + 1;
  return { rowIndices, dataStart, labels, encoding, score };
}

/**
 * One label per column from a two-row header. A group label spans several columns (merged, so repeated
 * by the reader, or written once with blanks after it): its columns read "group child". A label that
 * spans one column keeps its own text: the row below is then column numbers or data, not a sub-header.
 */
function combineHeaderRows(parent: readonly string[], child: readonly string[]): string[] {
  const width = Math.max(parent.length, child.length);
  const groups: string[] = [];
  for (let column = 0; column < width; column++) {
    const own = parent[column] ?? '';
    const continuesGroup = !own && child[column] && column > 0 && groups[column - 1] && child[column - 1];
    groups.push(own || (continuesGroup ? (groups[column - 1] ?? '') : ''));
  }
  return groups.map((group, column) => {
    const label = child[column] ?? '';
    if (!label || labelKey(label) === labelKey(group)) return group;
    if (!group) return label;
    const spans = groups[column - 1] === group || groups[column + 1] === group;
    return spans ? `${group} ${label}` : group;
  });
}

/** "1 | 2 | 3 …" or "(1) | (2) | (3) …" under the header, as official forms number their columns. */
function isColumnNumberRow(row: readonly CellValue[] | undefined): boolean {
  const numbers = (row ?? []).map((cell) => cleanText(cellText(cell))).filter(Boolean);
  if (numbers.length < 3) return false;
  const values = numbers.map((text) => /^\(?(\d{1,2})\)?$/.exec(text)?.[1]);
  return values.every((value, index) => value !== undefined && (index === 0 || Number(value) > Number(values[index - 1])));
}
