/**
 * Measured text: the widths of words in the print font, and greedy word wrap as the browser does it for
 * `overflow-wrap: anywhere` (a word longer than the line breaks between its letters). Written by hand:
 * the pages are laid out before anything is drawn, for the preview and the PDF alike, and no library
 * wraps text against a caller's own measure.
 */
import type { FontFace } from '../printed-pages';

/** Width in points of `text` set in `face` at `size` points. */
export type MeasureText = (text: string, face: FontFace, size: number) => number;

/** Tinos's vertical metrics (units of the em): the baseline of a line sits `ascent` below the top of its glyph box. */
const ASCENT = 1825 / 2048;
const DESCENT = 443 / 2048;

/** From the top of a line box of `lineHeight` to its baseline, as CSS centres the glyph box in the line. */
export const baselineIn = (lineHeight: number, size: number): number => (lineHeight - (ASCENT + DESCENT) * size) / 2 + ASCENT * size;

/** A measure that remembers each word: rosters repeat the same words thousands of times. */
export function cachedMeasure(measure: MeasureText): MeasureText {
  const known = new Map<string, number>();
  return (text, face, size) => {
    const key = `${face}${size}|${text}`;
    let width = known.get(key);
    if (width === undefined) {
      width = measure(text, face, size);
      known.set(key, width);
    }
    return width;
  };
}

/** Splits a word wider than `width` into pieces that fit, letter by letter. */
function breakWord(word: string, width: number, measure: (text: string) => number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const letter of word) {
    if (piece && measure(piece + letter) > width) {
      pieces.push(piece);
      piece = letter;
    } else piece += letter;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/**
 * The lines `text` wraps into in a line `width` wide: words joined by single spaces, a line break in the
 * text kept. The width of a line is taken as the sum of its words and spaces (kerning across a space is
 * nil in Tinos), so it never needs measuring whole.
 */
export function wrapText(text: string, width: number, face: FontFace, size: number, measure: MeasureText): string[] {
  const measureWord = (word: string) => measure(word, face, size);
  const space = measureWord(' ');
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const wordWidth = measureWord(word);
      if (line && used + space + wordWidth <= width) {
        line += ` ${word}`;
        used += space + wordWidth;
        continue;
      }
      if (line) lines.push(line);
      const pieces = wordWidth > width ? breakWord(word, width, measureWord) : [word];
      lines.push(...pieces.slice(0, -1));
      line = pieces[pieces.length - 1] ?? '';
      used = measureWord(line);
    }
    if (line || lines.length === 0) lines.push(line);
  }
  return lines;
}
