/**
 * A report (báo cáo) laid out as pages: the official heading, then the officer's paragraphs set justified
 * with a first-line indent, as Decree 30/2020 prose is, the charts, then the signatures, kept whole.
 * Page numbers at the top from the second page. Shared by the print preview (the canvas measure) and the
 * CLI's PDF (fontkit's), so both give the same lines and page breaks.
 */
import type { PrintSettings } from '../print';
import type { ReportChart } from '../report-charts';
import { faceIndex, MARGINS, mm, PAPER, type PrintedPage, type TextRun } from '../printed-pages';
import { BODY_SIZE, headingBlock, signaturesBlock, type Block } from './blocks';
import { baselineIn, cachedMeasure, type MeasureText } from './text';

export interface ReportDocument {
  settings: PrintSettings;
  title: string;
  subtitle: string;
  /** The text as the officer left it: one paragraph a line (blank lines ignored). */
  paragraphs: string[];
  date: Date;
  /** Charts after the text, each under its title, kept whole on a page. */
  charts?: ReportChart[];
}

const SIZE = 14;
const LINE = 1.3 * SIZE;
const INDENT = mm(10);
const AFTER_PARAGRAPH = 4;

interface Line {
  words: string[];
  widths: number[];
  indent: number;
  /** The paragraph's last line: set flush left, not stretched. */
  last: boolean;
}

/** A paragraph's lines: greedy, the first one indented; a word too long for a line is left whole on its own. */
function paragraphLines(text: string, width: number, measure: MeasureText): Line[] {
  const space = measure(' ', 'regular', SIZE);
  const lines: Line[] = [];
  let current: Line = { words: [], widths: [], indent: INDENT, last: false };
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const wordWidth = measure(word, 'regular', SIZE);
    const room = width - current.indent;
    if (current.words.length > 0 && used + space + wordWidth > room) {
      lines.push(current);
      current = { words: [], widths: [], indent: 0, last: false };
      used = 0;
    }
    used += (current.words.length > 0 ? space : 0) + wordWidth;
    current.words.push(word);
    current.widths.push(wordWidth);
  }
  lines.push({ ...current, last: true });
  return lines;
}

/** The runs of one line at `y`: a stretched line puts each word where justification takes it. */
function lineRuns(line: Line, x: number, y: number, width: number): TextRun[] {
  const face = faceIndex('regular');
  const baseline = y + baselineIn(LINE, SIZE);
  if (line.last || line.words.length < 2) return line.words.length > 0 ? [[x + line.indent, baseline, SIZE, face, line.words.join(' ')]] : [];
  const gap = (width - line.indent - line.widths.reduce((sum, value) => sum + value, 0)) / (line.words.length - 1);
  const runs: TextRun[] = [];
  let left = x + line.indent;
  line.words.forEach((word, index) => {
    runs.push([left, baseline, SIZE, face, word]);
    left += (line.widths[index] as number) + gap;
  });
  return runs;
}

export function layoutReport(document: ReportDocument, measureText: MeasureText): PrintedPage[] {
  const measure = cachedMeasure(measureText);
  const { width: pageWidth, height: pageHeight } = PAPER.portrait;
  const width = pageWidth - MARGINS.left - MARGINS.right;
  const bottom = pageHeight - MARGINS.bottom;
  const pages: PrintedPage[] = [];
  let page: PrintedPage = { texts: [], rules: [] };
  let y = MARGINS.top;

  const newPage = () => {
    pages.push(page);
    page = { texts: [], rules: [] };
    const number = String(pages.length + 1);
    page.texts.push([MARGINS.left + (width - measure(number, 'regular', BODY_SIZE)) / 2, MARGINS.pageNumber + baselineIn(1.3 * BODY_SIZE, BODY_SIZE), BODY_SIZE, faceIndex('regular'), number]);
    y = MARGINS.top;
  };
  const place = (block: Block) => {
    if (y + block.height > bottom && y > MARGINS.top) newPage();
    page.texts.push(...block.texts.map(([x, top, size, face, text]): TextRun => [x + MARGINS.left, top + y, size, face, text]));
    page.rules.push(...block.rules.map(([x1, y1, x2, y2]): [number, number, number, number] => [x1 + MARGINS.left, y1 + y, x2 + MARGINS.left, y2 + y]));
    y += block.height;
  };

  place(headingBlock(document.settings, document.title, document.subtitle, document.date, width, measure));
  for (const paragraph of document.paragraphs.map((text) => text.trim()).filter(Boolean)) {
    for (const line of paragraphLines(paragraph, width, measure)) {
      if (y + LINE > bottom) newPage();
      page.texts.push(...lineRuns(line, MARGINS.left, y, width));
      y += LINE;
    }
    y += AFTER_PARAGRAPH;
  }
  const titleHeight = 1.3 * BODY_SIZE;
  const above = mm(4) + titleHeight + mm(2);
  for (const chart of document.charts ?? []) {
    // A chart taller than a page is drawn smaller (its proportions kept) to fit one.
    const height = Math.min(chart.height, bottom - MARGINS.top - above);
    if (y + above + height > bottom) newPage();
    y += mm(4);
    const titleWidth = measure(chart.title, 'bold', BODY_SIZE);
    page.texts.push([MARGINS.left + (width - titleWidth) / 2, y + baselineIn(titleHeight, BODY_SIZE), BODY_SIZE, faceIndex('bold'), chart.title]);
    y += titleHeight + mm(2);
    (page.images ??= []).push([MARGINS.left + (width - chart.width) / 2, y, chart.width, height, chart.svg]);
    y += height;
  }
  place(signaturesBlock(document.settings, true, width, measure));
  pages.push(page);
  return pages;
}

/** The officer's text as paragraphs: a line each, blank lines dropped. */
export const reportParagraphs = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** The width charts take on a report's page: the text's width. */
export const REPORT_TEXT_WIDTH = PAPER.portrait.width - MARGINS.left - MARGINS.right;
