/**
 * Column widths that follow the content, for paper: each column gets at least its longest word (so no
 * word is broken) and the rows are kept to the fewest lines. Names and addresses get room; STT, dates and
 * codes shrink to what they hold. Written by hand because the browser's automatic table layout reads
 * every cell of the whole table (seconds for 20.000 rows) and gives one over-long cell the whole line.
 */

export interface ColumnContent {
  header: string;
  /** The cells' texts (a sample is enough: the widths follow the typical text, not the rare one). */
  texts: string[];
  /** A share of the room left once every column has what it needs (names more than codes). */
  grow?: number;
}

export interface TextMeasure {
  /** Width of `text` in the table's font, bold for the header row, in the same unit as the line. */
  (text: string, bold: boolean): number;
}

/** The shares of rows a balanced layout is made for (q above); 0.9 is also the typical cell's. */
const ROW_SHARES = [0.5, 0.6, 0.7, 0.8, 0.9, 1];
const TYPICAL_SHARE = 0.9;
/** Beyond this many lines, the columns keep their longest word and share the line by what they need. */
const MAX_BALANCED_LINES = 8;
/** No single long word (an e-mail address, a code) may take more of the line than this. */
const LONGEST_WORD_SHARE = 0.3;

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** The largest of many widths (a loop: Math.max(...widths) fails on a few hundred thousand words). */
function longest(widths: number[]): number {
  let most = 0;
  for (const width of widths) if (width > most) most = width;
  return most;
}

/** The lines greedy word wrap makes of words of these widths in a line of `width`. */
function linesAt(wordWidths: number[], space: number, width: number): number {
  let lines = 1;
  let used = 0;
  for (const word of wordWidths) {
    if (used > 0 && used + space + word > width) {
      lines += 1;
      used = word;
    } else used += (used > 0 ? space : 0) + word;
  }
  return lines;
}

/** The narrowest width (not under `least`) in which these words wrap into at most `lines` lines. */
function widthForLines(wordWidths: number[], space: number, lines: number, least: number, oneLine: number): number {
  let low = least;
  let high = Math.max(least, oneLine);
  for (let round = 0; round < 16 && high - low > 0.5; round++) {
    const middle = (low + high) / 2;
    if (linesAt(wordWidths, space, middle) <= lines) high = middle;
    else low = middle;
  }
  return high;
}

/**
 * Widths for `columns` sharing `lineWidth`; `padding` is what a cell adds to its text (both sides and a
 * border). Each column is at least its longest word. Candidates are balanced layouts: for a share q of
 * the rows and a number of lines N, every column as narrow as lets q of its cells wrap into N lines; the
 * room left goes by `grow` to the columns whose texts do not all fit yet. Of the candidates that fit the line, the one whose rows (as tall as
 * their tallest cell) add up to the fewest lines wins. When none fits, the column with the longest
 * texts (an achievement) takes whatever the others leave at the fewest lines.
 */
export function fitColumns(columns: ColumnContent[], lineWidth: number, measure: TextMeasure, padding: number): number[] {
  const capWord = lineWidth * LONGEST_WORD_SHARE;
  const space = measure(' ', false);
  const cells = columns.map((column) => column.texts.map((text) => words(text).map((word) => measure(word, false))));
  const needs = columns.map((column, index) => {
    const headerWord = longest(words(column.header).map((word) => measure(word, true)));
    const least = Math.min(Math.max(headerWord, longest((cells[index] as number[][]).flat())), capWord);
    const byLength = column.texts.map((text, row) => ({ words: (cells[index] as number[][])[row] as number[], width: measure(text, false) })).sort((a, b) => a.width - b.width);
    const at = (share: number, lines: number) => {
      const typical = byLength[Math.min(byLength.length - 1, Math.floor(share * byLength.length))];
      return widthForLines(typical?.words ?? [], space, lines, least, Math.max(least, typical?.width ?? 0)) + padding;
    };
    return { least: least + padding, oneLine: Math.max(least, byLength.at(-1)?.width ?? 0) + padding, at, grow: column.grow ?? 1 };
  });
  const sum = (widths: number[]) => widths.reduce((total, width) => total + width, 0);
  const growTotal = sum(needs.map((need) => need.grow)) || 1;
  /**
   * The room left, shared by `grow` among the columns whose longest text does not fit yet (none gets more
   * than that), round after round; what is left when every text fits is shared by all.
   */
  const share = (widths: number[]) => {
    const result = [...widths];
    let rest = lineWidth - sum(result);
    for (let round = 0; round < needs.length && rest > 0.01; round++) {
      const open = needs.flatMap((need, index) => ((result[index] as number) < need.oneLine - 0.01 ? [index] : []));
      if (open.length === 0) break;
      const openGrow = sum(open.map((index) => (needs[index] as { grow: number }).grow)) || 1;
      let used = 0;
      for (const index of open) {
        const need = needs[index] as { grow: number; oneLine: number };
        const added = Math.min((rest * need.grow) / openGrow, need.oneLine - (result[index] as number));
        result[index] = (result[index] as number) + added;
        used += added;
      }
      rest -= used;
    }
    return result.map((width, index) => width + (rest * (needs[index] as { grow: number }).grow) / growTotal);
  };
  const rows = columns[0]?.texts.length ?? 0;
  const height = (widths: number[]) => {
    let total = 0;
    for (let row = 0; row < rows; row++) total += longest(cells.map((column, index) => linesAt(column[row] as number[], space, (widths[index] as number) - padding)));
    return total;
  };
  let best: { widths: number[]; height: number } | null = null;
  for (const rowShare of ROW_SHARES) {
    for (let lines = 1; lines <= MAX_BALANCED_LINES; lines++) {
      const widths = needs.map((need) => need.at(rowShare, lines));
      if (sum(widths) > lineWidth) continue;
      const candidate = share(widths);
      const candidateHeight = height(candidate);
      if (!best || candidateHeight < best.height) best = { widths: candidate, height: candidateHeight };
      break; // more lines for the same share only makes rows taller
    }
  }
  if (best) return best.widths;
  const flex = needs.reduce((longest, need, index) => (need.oneLine > (needs[longest] as { oneLine: number }).oneLine ? index : longest), 0);
  for (let lines = 1; lines <= MAX_BALANCED_LINES; lines++) {
    const widths = needs.map((need, index) => (index === flex ? need.least : need.at(TYPICAL_SHARE, lines)));
    const left = lineWidth - sum(widths);
    if (left < 0) continue;
    widths[flex] = (widths[flex] as number) + left;
    return widths;
  }
  const leastTotal = sum(needs.map((need) => need.least));
  return needs.map((need) => (need.least * lineWidth) / leastTotal);
}

/** Up to `limit` rows spread over the whole list (the first, the last and evenly between). */
export function sampleRows<Row>(rows: Row[], limit: number): Row[] {
  if (rows.length <= limit) return rows;
  const step = (rows.length - 1) / (limit - 1);
  return Array.from({ length: limit }, (_, index) => rows[Math.round(index * step)] as Row);
}
