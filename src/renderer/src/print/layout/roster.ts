/**
 * A roster laid out as printed pages: the heading, one table whose header row repeats on every page, the
 * signatures, page numbers from page 2. Every line of every cell is placed here, in points, from the
 * widths of its words in the print font, so the preview and the PDF draw the same lines on the same pages
 * and nothing is measured in the DOM (a 20.000-row roster is laid out in a second or two).
 */
import type { PrintSettings, PaperOrientation, TableFontSize } from '../../../../shared/print';
import { faceIndex, MARGINS, PAPER, RULE_WIDTH, type PrintedPage, type Rule, type TextRun } from '../../../../shared/printed-pages';
import { fitColumns, sampleRows } from '../column-widths';
import { paginate, type FlowItem, type Fragment, type RowLines } from '../paginate';
import { BODY_SIZE, headingBlock, signaturesBlock, type Block } from '../../../../shared/print-layout/blocks';
import { baselineIn, cachedMeasure, wrapText, type MeasureText } from '../../../../shared/print-layout/text';

export interface RosterColumn {
  header: string;
  align?: 'left' | 'center' | 'right';
  /** Its share of the room left once every column fits its text (default 1). */
  grow?: number;
}

export interface RosterDocument {
  settings: PrintSettings;
  title: string;
  subtitle?: string;
  date: Date;
  columns: RosterColumn[];
  /** Each row's cells as text, in the columns' order. */
  rows: string[][];
  /** "Nơi nhận" under the table, when the settings list recipients (default true). */
  recipients?: boolean;
}

export interface PageSetup {
  orientation: PaperOrientation;
  fontSize: TableFontSize;
}

/** A cell's padding (1 pt above and below, 3 pt each side); the line height of Word's single spacing in Times New Roman (1.15). */
const PAD_V = 1;
const PAD_H = 3;
const TABLE_LINE = 1.15;
/** What a row takes besides its lines: its padding and one rule. */
const ROW_CHROME = 2 * PAD_V + RULE_WIDTH;
/** Rows the columns are fitted to: enough to know the typical text of a 20.000-row roster. */
const SAMPLED_ROWS = 400;
/** Wrapping is done this much narrower than the cell, so a line never touches the rule whatever the renderer's rounding. */
const WRAP_SLACK = 0.5;

interface Table {
  x: number[];
  widths: number[];
  lineHeight: number;
  size: number;
  align: ('left' | 'center' | 'right')[];
  head: { lines: string[][]; height: number };
  /** Each row's cells' lines. */
  rows: string[][][];
  rowHeights: number[];
}

function layoutTable(document: RosterDocument, width: number, fontSize: TableFontSize, measure: MeasureText): Table {
  const columns = document.columns;
  const sample = sampleRows(document.rows, SAMPLED_ROWS);
  const widths = fitColumns(
    columns.map((column, index) => ({ header: column.header, grow: column.grow, texts: sample.map((row) => row[index] ?? '') })),
    width,
    (text, bold) => measure(text, bold ? 'bold' : 'regular', fontSize),
    2 * PAD_H + RULE_WIDTH + WRAP_SLACK,
  );
  const x: number[] = [];
  widths.reduce((left, columnWidth) => (x.push(left), left + columnWidth), 0);
  const inner = widths.map((columnWidth) => columnWidth - 2 * PAD_H - RULE_WIDTH - WRAP_SLACK);
  const lineHeight = TABLE_LINE * fontSize;
  const heightOf = (cells: string[][]) => Math.max(1, ...cells.map((lines) => lines.length)) * lineHeight + ROW_CHROME;
  const headLines = columns.map((column, index) => wrapText(column.header, inner[index] as number, 'bold', fontSize, measure));
  const rows = document.rows.map((row) => columns.map((_column, index) => wrapText(row[index] ?? '', inner[index] as number, 'regular', fontSize, measure)));
  return {
    x,
    widths,
    lineHeight,
    size: fontSize,
    align: columns.map((column) => column.align ?? 'left'),
    head: { lines: headLines, height: heightOf(headLines) },
    rows,
    rowHeights: rows.map(heightOf),
  };
}

/** Where a long row may be cut: between any two of its lines. */
function rowLinesOf(lines: number, lineHeight: number): RowLines {
  return { tops: Array.from({ length: lines }, (_, line) => line * lineHeight), content: lines * lineHeight, chrome: ROW_CHROME };
}

/** A page being drawn: everything placed at an offset from the text area's top-left. */
class PageDrawing {
  readonly texts: TextRun[] = [];
  readonly rules: Rule[] = [];
  constructor(
    private readonly left: number,
    private readonly top: number,
    private readonly measure: MeasureText,
  ) {}

  block(block: Block, y: number): void {
    for (const [x, baseline, size, face, text] of block.texts) this.texts.push([this.left + x, this.top + y + baseline, size, face, text]);
    for (const [x1, y1, x2, y2] of block.rules) this.rules.push([this.left + x1, this.top + y + y1, this.left + x2, this.top + y + y2]);
  }

  /** A row's cells from `y`: lines [first, last) of each; `middle`, the header's content height its lines are centred in. */
  cells(table: Table, cells: string[][], y: number, bold: boolean, middle: number | null, lineRange: [number, number] = [0, Infinity]): void {
    const face = bold ? 'bold' : 'regular';
    cells.forEach((lines, column) => {
      const left = table.x[column] as number;
      const width = table.widths[column] as number;
      const align = bold ? 'center' : table.align[column];
      // The header's cells are centred vertically, as print.css has them.
      const shift = middle === null ? 0 : (middle - lines.length * table.lineHeight) / 2;
      lines.forEach((line, index) => {
        if (!line || index < lineRange[0] || index >= lineRange[1]) return;
        const textWidth = align === 'left' ? 0 : this.measure(line, face, table.size);
        const x = align === 'left' ? left + PAD_H : align === 'center' ? left + (width - textWidth) / 2 : left + width - PAD_H - RULE_WIDTH - WRAP_SLACK - textWidth;
        const top = y + PAD_V + RULE_WIDTH / 2 + shift + (index - lineRange[0]) * table.lineHeight;
        this.texts.push([this.left + x, this.top + top + baselineIn(table.lineHeight, table.size), table.size, faceIndex(face), line]);
      });
    });
  }

  horizontal(table: Table, y: number): void {
    const right = (table.x.at(-1) ?? 0) + (table.widths.at(-1) ?? 0);
    this.rules.push([this.left, this.top + y, this.left + right, this.top + y]);
  }

  verticals(table: Table, from: number, to: number): void {
    const edges = [...table.x, (table.x.at(-1) ?? 0) + (table.widths.at(-1) ?? 0)];
    for (const x of edges) this.rules.push([this.left + x, this.top + from, this.left + x, this.top + to]);
  }

  /** The page, its coordinates to a hundredth of a point (a third less to send, nothing to see). */
  page(): PrintedPage {
    const round = (value: number) => Math.round(value * 100) / 100;
    return {
      texts: this.texts.map(([x, y, size, face, text]): TextRun => [round(x), round(y), size, face, text]),
      rules: this.rules.map(([x1, y1, x2, y2]): Rule => [round(x1), round(y1), round(x2), round(y2)]),
    };
  }
}

/** The pages of a roster, ready to draw. `measure` gives widths in points in the print font (Tinos). */
export function layoutRoster(document: RosterDocument, setup: PageSetup, measureText: MeasureText): PrintedPage[] {
  const measure = cachedMeasure(measureText);
  const paper = PAPER[setup.orientation];
  const width = paper.width - MARGINS.left - MARGINS.right;
  const pageHeight = paper.height - MARGINS.top - MARGINS.bottom;
  const heading = headingBlock(document.settings, document.title, document.subtitle, document.date, width, measure);
  const signatures = signaturesBlock(document.settings, document.recipients ?? true, width, measure);
  const table = layoutTable(document, width, setup.fontSize, measure);

  // Long rows may be cut between lines: when no page holds them, to stay with the heading, or to give the signatures their last lines.
  const long = Math.min(pageHeight / 2, (pageHeight - signatures.height - table.head.height) / 3);
  const rowLines: Record<number, RowLines> = {};
  table.rowHeights.forEach((height, row) => {
    if (height > long) rowLines[row] = rowLinesOf(Math.max(...(table.rows[row] as string[][]).map((lines) => lines.length)), table.lineHeight);
  });
  const items: FlowItem[] = [
    { kind: 'atomic', height: heading.height },
    { kind: 'table', headHeight: table.head.height, rowHeights: table.rowHeights, rowLines },
    { kind: 'atomic', height: signatures.height, keepWithPrevious: true },
  ];
  const blocks = [heading, null, signatures];

  return paginate(items, pageHeight).map((fragments, index) => {
    const drawing = new PageDrawing(MARGINS.left, MARGINS.top, measure);
    if (index > 0) {
      const number = String(index + 1);
      drawing.texts.push([MARGINS.left + (width - measure(number, 'regular', BODY_SIZE)) / 2, MARGINS.pageNumber + baselineIn(1.3 * BODY_SIZE, BODY_SIZE), BODY_SIZE, faceIndex('regular'), number]);
    }
    let y = 0;
    for (const fragment of fragments) {
      const block = blocks[fragment.item];
      if (block) {
        drawing.block(block, y);
        y += block.height;
      } else y = drawTable(drawing, table, fragment, y);
    }
    return drawing.page();
  });
}

/** The table's header and the fragment's rows (parts of a cut row as cut) from `y`; where the table ends. */
function drawTable(drawing: PageDrawing, table: Table, fragment: Fragment, top: number): number {
  drawing.horizontal(table, top);
  drawing.cells(table, table.head.lines, top, true, table.head.height - ROW_CHROME);
  let y = top + table.head.height;
  drawing.horizontal(table, y);
  for (let row = fragment.from; row < fragment.to; row += 1) {
    const cells = table.rows[row] as string[][];
    const start = row === fragment.from ? (fragment.start ?? 0) : 0;
    const end = row === fragment.to - 1 ? fragment.end : undefined;
    const cut = start > 0 || end !== undefined;
    const first = Math.round(start / table.lineHeight);
    const last = end === undefined ? Infinity : Math.round(end / table.lineHeight);
    drawing.cells(table, cells, y, false, null, [first, last]);
    const content = Math.max(1, ...cells.map((lines) => lines.length)) * table.lineHeight;
    y += cut ? ROW_CHROME + (end ?? content) - start : (table.rowHeights[row] as number);
    drawing.horizontal(table, y);
  }
  drawing.verticals(table, top, y);
  return y;
}
