/**
 * The one print layout every register uses: the two-column header of an administrative document,
 * the place-and-date line, the title, the body (tables and blocks), signature blocks and "Nơi nhận".
 * The document is laid out once off screen, measured, and cut into A4 sheets (`paginate`), so the
 * screen shows the pages exactly as they print, and printing never asks the browser to fragment a
 * table of thousands of rows.
 */
import { Loader } from '@mantine/core';
import { isValidElement, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { officialDate, type PaperOrientation, type PrintSettings, type TableFontSize } from '../../../shared/print';
import { fitColumns, sampleRows } from './column-widths';
import { pageUsed, paginate, type FlowItem, type Pages, type RowLines } from './paginate';
import './print.css';

export interface PrintColumn<Row> {
  key: string;
  header: string;
  cell: (row: Row, index: number) => ReactNode;
  className?: 'number' | 'right';
  /** Its share of the room left once every column fits its text (default 1): more for names than codes. */
  grow?: number;
}

type AnyRow = { id: string };

/** What a document's body is made of, in order. */
export type PrintBlock =
  | { kind: 'table'; label: string; columns: PrintColumn<AnyRow>[]; rows: AnyRow[] }
  /** A section title: kept on the page of what follows it. */
  | { kind: 'section'; content: ReactNode }
  /** A labelled fact of a record sheet: kept whole, or split between its lines when taller than a page. */
  | { kind: 'fact'; label: string; text: string };

export function tableBlock<Row extends AnyRow>(label: string, columns: PrintColumn<Row>[], rows: Row[]): PrintBlock {
  return { kind: 'table', label, columns: columns as unknown as PrintColumn<AnyRow>[], rows };
}

type Orientation = PaperOrientation;

/** The text area of an A4 sheet between the margins (30 mm left, 15 mm right), in millimetres. */
const CONTENT_WIDTH_MM: Record<Orientation, number> = { portrait: 210 - 45, landscape: 297 - 45 };
const PX_PER_MM = 96 / 25.4;
const PX_PER_PT = 96 / 72;
/** A cell's horizontal padding (3 pt each side, print.css), its border and a pixel of rounding. */
const CELL_CHROME_PX = 2 * 3 * PX_PER_PT + 2;
/** Rows the columns are fitted to: enough to know the typical text of a 20.000-row roster. */
const SAMPLED_ROWS = 400;

/**
 * A cell's text for measuring: its strings and numbers, inside the elements some cells are made of. Inline
 * pieces join as they print ("Tên" and ", 1985" make "Tên, 1985"); a block element starts a new word.
 */
function cellText(content: ReactNode): string {
  if (typeof content === 'string') return content;
  if (typeof content === 'number') return String(content);
  if (Array.isArray(content)) return content.map(cellText).join('');
  if (isValidElement<{ children?: ReactNode }>(content)) {
    const inner = cellText(content.props.children);
    return content.type === 'div' ? ` ${inner} ` : inner;
  }
  return '';
}

/** Widths in millimetres of a table's columns, fitted to their texts in the print font (see fit-columns). */
function tableWidths(block: Extract<PrintBlock, { kind: 'table' }>, orientation: Orientation, fontSize: TableFontSize): number[] {
  const context = document.createElement('canvas').getContext('2d');
  const lineWidth = CONTENT_WIDTH_MM[orientation] * PX_PER_MM;
  if (!context) return block.columns.map(() => CONTENT_WIDTH_MM[orientation] / block.columns.length);
  const rows = sampleRows(block.rows.map((row, index) => ({ row, index })), SAMPLED_ROWS);
  const fontPx = fontSize * PX_PER_PT;
  // Rosters repeat the same words (ward names, types) thousands of times: each is measured once.
  const measured = new Map<string, number>();
  const measure = (text: string, bold: boolean) => {
    const key = `${bold ? 'b' : 'r'}${text}`;
    let width = measured.get(key);
    if (width === undefined) {
      const font = `${bold ? 'bold ' : ''}${fontPx}px Tinos, "Times New Roman", serif`; // as print.css, fallbacks included
      if (context.font !== font) context.font = font;
      width = context.measureText(text).width;
      measured.set(key, width);
    }
    return width;
  };
  const contents = block.columns.map((column) => ({ header: column.header, grow: column.grow, texts: rows.map(({ row, index }) => cellText(column.cell(row, index))) }));
  return fitColumns(contents, lineWidth, measure, CELL_CHROME_PX).map((width) => width / PX_PER_MM);
}

/**
 * A part of a cell's content, from `start` down `height` pixels (to its end when null): the rest is
 * clipped, and a clipped line is not in the PDF either.
 */
function CellPart({ start, height, children }: { start: number; height: number | null; children: ReactNode }) {
  return (
    <div className="print-cell-part" style={height === null ? undefined : { height: `${height}px` }}>
      <div style={{ marginTop: `${-start}px` }}>{children}</div>
    </div>
  );
}

interface TablePart {
  from?: number;
  to?: number;
  /** Where the first row's content starts and the last row's ends, when they are cut (see paginate). */
  start?: number;
  end?: number;
  rowLines?: Record<number, RowLines>;
}

/** The part of row `index` a table part shows, when the row is cut at a page's end or begun on the page before. */
function rowCut({ from = 0, to = from + 1, start, end, rowLines }: TablePart, index: number): RowCut | null {
  const lines = rowLines?.[index];
  const top = index === from ? (start ?? 0) : 0;
  const bottom = index === to - 1 ? end : undefined;
  // The last part runs to the row's end, so nothing below its last line's measured box is clipped.
  return lines && (top > 0 || bottom !== undefined) ? { start: top, height: bottom === undefined ? null : bottom - top } : null;
}

type RowCut = { start: number; height: number | null };

/** A cell's content, or the part of it a cut row shows. */
const cellContent = (cut: RowCut | null, content: ReactNode) =>
  cut ? (
    <CellPart start={cut.start} height={cut.height}>
      {content}
    </CellPart>
  ) : (
    content
  );

function PrintTable({ block, widths, part }: { block: Extract<PrintBlock, { kind: 'table' }>; widths: number[]; part: TablePart }) {
  const { from = 0, to = block.rows.length } = part;
  return (
    <table className="print-table" aria-label={block.label}>
      <colgroup>
        {widths.map((width, index) => (
          <col key={block.columns[index]?.key} style={{ width: `${width}mm` }} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {block.columns.map((column) => (
            <th key={column.key}>{column.header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {block.rows.slice(from, to).map((row, index) => {
          const cut = rowCut({ ...part, from, to }, from + index);
          return (
            <tr key={row.id}>
              {block.columns.map((column) => (
                <td key={column.key} className={column.className}>
                  {cellContent(cut, column.cell(row, from + index))}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Upper case the Vietnamese way, in the text itself so the PDF's text layer reads the same as the page. */
const upper = (text: string) => text.toLocaleUpperCase('vi');

interface PrintDocumentProps {
  settings: PrintSettings;
  orientation: Orientation;
  title: string;
  subtitle?: string;
  date?: Date;
  blocks: PrintBlock[];
  recipients?: boolean;
  fontSize?: TableFontSize;
  /** Told the number of sheets once the document is cut into pages. */
  onPaged?: (pages: number) => void;
}

function Heading({ settings, title, subtitle, date }: Pick<PrintDocumentProps, 'settings' | 'title' | 'subtitle'> & { date: Date }) {
  return (
    <>
      <header className="print-header">
        <div>
          <div className="unit-parent">{upper(settings.parentUnit)}</div>
          <div className="unit-name">{upper(settings.unitName)}</div>
          <div className="rule" />
          {settings.documentNumber && <div>Số: {settings.documentNumber}</div>}
        </div>
        <div>
          <div className="nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
          <div className="motto">Độc lập - Tự do - Hạnh phúc</div>
          <div className="rule wide" />
          {/* A long place name moves the date to a line of its own, never a word of it. */}
          <div className="place-date">
            <span>{settings.place},</span> <span>{officialDate(date)}</span>
          </div>
        </div>
      </header>
      <h1 className="print-title">{upper(title)}</h1>
      {subtitle && <div className="print-subtitle">{subtitle}</div>}
    </>
  );
}

function Signatures({ settings, recipients }: { settings: PrintSettings; recipients: boolean }) {
  const preparer = (
    <>
      <div className="role">{upper(settings.preparerTitle)}</div>
      <div className="name">{settings.preparerName}</div>
    </>
  );
  const withRecipients = recipients && Boolean(settings.recipients);
  return (
    <>
      <section className="print-signatures">
        <div>
          {withRecipients ? (
            <div className="print-recipients">
              <div className="label">Nơi nhận:</div>
              {(settings.recipients ?? '').split('\n').map((line) => (
                <div key={line}>{line}</div>
              ))}
            </div>
          ) : (
            preparer
          )}
        </div>
        <div>
          <div className="role">{upper(settings.signerTitle)}</div>
          <div className="hint">(Ký, ghi rõ họ tên, đóng dấu)</div>
          <div className="name">{settings.signerName}</div>
        </div>
      </section>
      {withRecipients && (
        <section className="print-signatures">
          <div>{preparer}</div>
          <div />
        </section>
      )}
    </>
  );
}

/** A fact's label and text: a one-row table, cut between its lines like a table's row when taller than a page. */
function Fact({ fact, part }: { fact: Extract<PrintBlock, { kind: 'fact' }>; part: TablePart }) {
  const cut = rowCut(part, 0);
  return (
    <table className="print-facts">
      <tbody>
        <tr>
          <td className="label">{cellContent(cut, `${fact.label}:`)}</td>
          <td>{cellContent(cut, fact.text)}</td>
        </tr>
      </tbody>
    </table>
  );
}

type Flow = PrintBlock | { kind: 'heading' | 'signatures'; content: ReactNode };

function FlowPart({ flow, widths, part = {} }: { flow: Flow; widths?: number[]; part?: TablePart }) {
  const content = flow.kind === 'table' ? <PrintTable block={flow} widths={widths ?? []} part={part} /> : flow.kind === 'fact' ? <Fact fact={flow} part={part} /> : flow.content;
  return <div className="print-flow">{content}</div>;
}

/** The heights of a table's rows: from each row's top to the next one's, the last to the table's bottom. */
function rowHeightsOf(table: HTMLElement): number[] {
  const bottom = table.getBoundingClientRect().bottom;
  const tops = Array.from(table.querySelectorAll('tbody > tr'), (row) => row.getBoundingClientRect().top);
  return tops.map((top, index) => (tops[index + 1] ?? bottom) - top);
}

const PRINT_FONTS = ['12pt Tinos', 'bold 12pt Tinos', 'italic 12pt Tinos'];
// Letters of every subset the font is split into (Latin, Latin Extended, Vietnamese), so all of them load.
const FONT_SAMPLE = 'Aa Ăă Đđ Ơơ Ưư Ảả Ếế Ộộ Ữữ Ỹỹ 0123';

/**
 * True once the print font is loaded. The document is laid out only then: laid out in a fallback font
 * first, Chromium lays a 20.000-row roster out a second time when the font arrives (4 s each).
 */
function usePrintFonts(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    void Promise.all(PRINT_FONTS.map((font) => document.fonts.load(font, FONT_SAMPLE))).finally(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);
  return ready;
}

/**
 * The lines of a table row too tall for a page, from the top of the cells' content: it may be cut midway
 * between two lines of its tallest cell (every cell has the same font, line height and padding, so their
 * lines line up), where no letter of either line is, so no line is split or printed twice.
 */
function linesOfRow(row: HTMLElement, rowHeight: number): RowLines {
  const cells = Array.from(row.children as HTMLCollectionOf<HTMLElement>);
  const style = cells[0] ? getComputedStyle(cells[0]) : null;
  const contentTop = (cells[0]?.getBoundingClientRect().top ?? 0) + parseFloat(style?.paddingTop ?? '0') + parseFloat(style?.borderTopWidth ?? '0');
  let lines: { top: number; bottom: number }[] = [];
  for (const cell of cells) {
    const range = document.createRange();
    range.selectNodeContents(cell);
    const cellLines: { top: number; bottom: number }[] = [];
    for (const rect of Array.from(range.getClientRects()).sort((a, b) => a.top - b.top)) {
      if (rect.height === 0) continue;
      const last = cellLines[cellLines.length - 1];
      // The pieces of one line (text, inline elements) start within a pixel of each other.
      if (last && rect.top - contentTop - last.top < 1) last.bottom = Math.max(last.bottom, rect.bottom - contentTop);
      else cellLines.push({ top: rect.top - contentTop, bottom: rect.bottom - contentTop });
    }
    if ((cellLines[cellLines.length - 1]?.bottom ?? 0) > (lines[lines.length - 1]?.bottom ?? 0)) lines = cellLines;
  }
  const tops = [0, ...lines.slice(1).map((line, index) => ((lines[index] as { bottom: number }).bottom + line.top) / 2)];
  const content = lines[lines.length - 1]?.bottom ?? 0;
  return { tops, content, chrome: rowHeight - content };
}

/** Heights in CSS pixels of every part of the off-screen layout, for `paginate`. */
function measure(root: HTMLElement, flows: Flow[]): { items: FlowItem[]; pageHeight: number } {
  const pageHeight = (root.querySelector('.print-page-height') as HTMLElement).getBoundingClientRect().height;
  const parts = Array.from(root.querySelectorAll<HTMLElement>(':scope > .print-flow'));
  const signaturesHeight = parts[parts.length - 1]?.getBoundingClientRect().height ?? 0;
  const items = flows.map((flow, index): FlowItem => {
    const part = parts[index] as HTMLElement;
    const height = part.getBoundingClientRect().height;
    const factRow = part.querySelector('tr');
    // A fact taller than a page: a table of one row, with no header, cut between its lines.
    if (flow.kind === 'fact' && height > pageHeight && factRow) {
      return { kind: 'table', headHeight: 0, rowHeights: [height], rowLines: { 0: linesOfRow(factRow, height) } };
    }
    if (flow.kind !== 'table') {
      return { kind: 'atomic', height, keepWithNext: flow.kind === 'section', keepWithPrevious: flow.kind === 'signatures' };
    }
    const table = part.querySelector('table') as HTMLElement;
    const box = table.getBoundingClientRect();
    const firstRowTop = table.querySelector('tbody > tr')?.getBoundingClientRect().top ?? box.bottom;
    const headHeight = firstRowTop - box.top;
    const rowHeights = rowHeightsOf(table);
    const rows = Array.from(table.querySelectorAll<HTMLElement>('tbody > tr'));
    const rowLines: Record<number, RowLines> = {};
    // Long rows may be cut: when no page holds them, to stay with their section title, or to give the
    // signatures their last lines.
    const long = Math.min(pageHeight / 2, (pageHeight - signaturesHeight - headHeight) / 3);
    rowHeights.forEach((rowHeight, row) => {
      if (rowHeight > long && rows[row]) rowLines[row] = linesOfRow(rows[row], rowHeight);
    });
    return { kind: 'table', headHeight, rowHeights, rowLines };
  });
  return { items, pageHeight };
}

const fontStyle = (fontSize: TableFontSize) => ({ '--print-table-font': `${fontSize}pt` }) as CSSProperties;

export function PrintDocument({ settings, orientation, title, subtitle, date, blocks, recipients = true, fontSize = 12, onPaged }: PrintDocumentProps) {
  const flows = useMemo<Flow[]>(
    () => [
      { kind: 'heading', content: <Heading settings={settings} title={title} subtitle={subtitle} date={date ?? new Date()} /> },
      ...blocks,
      { kind: 'signatures', content: <Signatures settings={settings} recipients={recipients} /> },
    ],
    [settings, title, subtitle, date, blocks, recipients],
  );
  const fontsReady = usePrintFonts();
  // Measured in the print font, so only once it is loaded; the same widths for the measuring and the pages.
  const widths = useMemo(
    () => (fontsReady ? flows.map((flow) => (flow.kind === 'table' ? tableWidths(flow, orientation, fontSize) : undefined)) : null),
    [fontsReady, flows, orientation, fontSize],
  );
  const [paged, setPaged] = useState<{ widths: unknown; pages: Pages; overfull: Set<number>; rowLines: Map<number, Record<number, RowLines>> } | null>(null);
  const measureRef = useRef<HTMLDivElement>(null);
  const current = widths && paged?.widths === widths ? paged : null;

  useLayoutEffect(() => {
    const root = measureRef.current;
    if (!widths || !root || paged?.widths === widths) return;
    const { items, pageHeight } = measure(root, flows);
    const pages = paginate(items, pageHeight);
    const overfull = new Set(pages.flatMap((page, index) => (pageUsed(page, items) > pageHeight ? [index] : [])));
    const rowLines = new Map(items.flatMap((item, index) => (item.kind === 'table' && item.rowLines ? [[index, item.rowLines] as const] : [])));
    setPaged({ widths, pages, overfull, rowLines });
    onPaged?.(pages.length);
  }, [widths, flows, paged, onPaged]);

  if (!current) {
    return (
      <>
        <Loader className="no-print" m="xl" />
        {widths && (
          <div className={`print-document print-measure ${orientation}`} style={fontStyle(fontSize)} ref={measureRef} aria-hidden>
            <div className="print-page-height" />
            {flows.map((flow, index) => (
              <FlowPart key={index} flow={flow} widths={widths[index]} />
            ))}
          </div>
        )}
      </>
    );
  }
  return (
    <div className={`print-document ${orientation}`} style={fontStyle(fontSize)} data-testid="print-document" data-pages={current.pages.length}>
      <style>{`@page { size: A4 ${orientation}; margin: 0; }`}</style>
      {current.pages.map((fragments, page) => (
        // What paginate cannot cut (a single line taller than a page) grows its sheet, and the browser breaks
        // it across pages rather than cut off what does not fit.
        <section key={page} className={`print-sheet ${orientation}${current.overfull.has(page) ? ' overfull' : ''}`} aria-label={`Trang ${page + 1}`}>
          {page > 0 && <div className="print-page-number">{page + 1}</div>}
          {fragments.map((fragment) => (
            <FlowPart
              key={`${fragment.item}-${fragment.from}-${fragment.start ?? 0}`}
              flow={flows[fragment.item] as Flow}
              widths={widths?.[fragment.item]}
              part={{ ...fragment, rowLines: current.rowLines.get(fragment.item) }}
            />
          ))}
        </section>
      ))}
    </div>
  );
}
