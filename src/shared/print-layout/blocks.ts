/**
 * The parts of an official document that are not its table, laid out as blocks of positioned text
 * (Decree 30/2020/NĐ-CP, Annex I): the two-column heading (issuing unit; national title and motto; place
 * and date), the title and subtitle, and the signatures with "Nơi nhận". Sizes and spaces follow
 * print.css, which lays out the record sheets the same way.
 */
import { officialDate, type PrintSettings } from '../print';
import { faceIndex, mm, RULE_WIDTH, type FontFace, type Rule, type TextRun } from '../printed-pages';
import { baselineIn, wrapText, type MeasureText } from './text';

/** Positioned text and rules from the block's top-left; `height` is what the block takes on the page. */
export interface Block {
  height: number;
  texts: TextRun[];
  rules: Rule[];
}

/** Body text: 13 pt with a line height of 1.3, as the document's CSS. */
export const BODY_SIZE = 13;
const LINE = 1.3;

type Align = 'left' | 'center';

/** A column of centred (or left) lines stacked from the top, each wrapped in the column's width. */
class Stack {
  y = 0;
  widest = 0;
  readonly texts: TextRun[] = [];
  readonly rules: Rule[] = [];
  constructor(
    private readonly x: number,
    private readonly width: number,
    private readonly measure: MeasureText,
  ) {}

  text(text: string, face: FontFace, size: number, align: Align = 'center', lines?: string[]): this {
    const height = LINE * size;
    for (const line of lines ?? wrapText(text, this.width, face, size, this.measure)) {
      const lineWidth = this.measure(line, face, size);
      this.widest = Math.max(this.widest, lineWidth);
      const x = align === 'center' ? this.x + (this.width - lineWidth) / 2 : this.x;
      if (line) this.texts.push([x, this.y + baselineIn(height, size), size, faceIndex(face), line]);
      this.y += height;
    }
    return this;
  }

  /** A short centred rule under a line, `share` of the column wide, with the CSS margins around it. */
  rule(share: number, above: number, below: number): this {
    const width = this.width * share;
    const y = this.y + above;
    this.rules.push([this.x + (this.width - width) / 2, y, this.x + (this.width + width) / 2, y]);
    this.y = y + RULE_WIDTH + below;
    return this;
  }

  space(points: number): this {
    this.y += points;
    return this;
  }
}

const upper = (text: string) => text.toLocaleUpperCase('vi');

/** Several stacks side by side as one block, as tall as the tallest. */
function merge(stacks: Stack[], extra = 0): Block {
  return {
    height: Math.max(...stacks.map((stack) => stack.y)) + extra,
    texts: stacks.flatMap((stack) => stack.texts),
    rules: stacks.flatMap((stack) => stack.rules),
  };
}

/** The heading, title and subtitle: one block, kept together on the first page. */
export function headingBlock(settings: PrintSettings, title: string, subtitle: string | undefined, date: Date, width: number, measure: MeasureText): Block {
  const gap = mm(4);
  // The unit's column is as wide as its longest line, up to half the page; the national title takes the rest.
  const unitLines = [upper(settings.parentUnit), upper(settings.unitName)];
  const unitWidth = Math.min(width / 2, Math.max(...unitLines.map((line, index) => measure(line, index === 0 ? 'regular' : 'bold', 12))) + 1);
  const unit = new Stack(0, unitWidth, measure).text(unitLines[0] as string, 'regular', 12).text(unitLines[1] as string, 'bold', 12).rule(0.35, 2, 4);
  if (settings.documentNumber) unit.text(`Số: ${settings.documentNumber}`, 'regular', BODY_SIZE);
  const nation = new Stack(unitWidth + gap, width - unitWidth - gap, measure)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'bold', 12)
    .text('Độc lập - Tự do - Hạnh phúc', 'bold', 14)
    .rule(0.55, 2, 4)
    .space(4);
  // A long place name moves the date to a line of its own, never a word of it.
  const placeDate = `${settings.place}, ${officialDate(date)}`;
  const fits = measure(placeDate, 'italic', BODY_SIZE) <= width - unitWidth - gap;
  nation.text(placeDate, 'italic', BODY_SIZE, 'center', fits ? [placeDate] : [...wrapText(`${settings.place},`, width - unitWidth - gap, 'italic', BODY_SIZE, measure), officialDate(date)]);
  const top = merge([unit, nation], mm(6));
  const titles = new Stack(0, width, measure).space(mm(4)).text(upper(title), 'bold', 14).space(mm(1));
  if (subtitle) titles.text(subtitle, 'italic', BODY_SIZE).space(mm(4));
  return stackBelow(top, merge([titles]));
}

const space = (height: number): Block => ({ height, texts: [], rules: [] });

/** `lower` placed under `upper`, as one block. */
function stackBelow(upper: Block, lower: Block): Block {
  return {
    height: upper.height + lower.height,
    texts: [...upper.texts, ...lower.texts.map(([x, y, size, face, text]): TextRun => [x, y + upper.height, size, face, text])],
    rules: [...upper.rules, ...lower.rules.map(([x1, y1, x2, y2]): Rule => [x1, y1 + upper.height, x2, y2 + upper.height])],
  };
}

const SIGNATURE_SPACE = mm(22);

/** The signatures: the preparer (or "Nơi nhận") on the left, the signer on the right; the preparer below when recipients are listed. */
export function signaturesBlock(settings: PrintSettings, recipients: boolean, width: number, measure: MeasureText): Block {
  const half = width / 2;
  const preparer = (stack: Stack) => {
    stack.text(upper(settings.preparerTitle), 'bold', BODY_SIZE).space(SIGNATURE_SPACE);
    if (settings.preparerName) stack.text(settings.preparerName, 'bold', BODY_SIZE);
    return stack;
  };
  const signer = new Stack(half, half, measure).text(upper(settings.signerTitle), 'bold', BODY_SIZE).text('(Ký, ghi rõ họ tên, đóng dấu)', 'italic', 11).space(SIGNATURE_SPACE);
  if (settings.signerName) signer.text(settings.signerName, 'bold', BODY_SIZE);
  const withRecipients = recipients && Boolean(settings.recipients);
  const left = new Stack(0, half, measure);
  if (withRecipients) {
    left.text('Nơi nhận:', 'boldItalic', 12, 'left');
    for (const line of (settings.recipients ?? '').split('\n')) left.text(line, 'regular', 11, 'left');
  } else preparer(left);
  const signatures = stackBelow(space(mm(8)), merge([left, signer]));
  return withRecipients ? stackBelow(stackBelow(signatures, space(mm(8))), merge([preparer(new Stack(0, half, measure))])) : signatures;
}
