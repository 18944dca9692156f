/**
 * What a date cell shows. A cell holds a whole day, but its number format may show only the month and
 * year ("mm/yyyy", "mmm yyyy") or the year ("yyyy"): the officer who typed 03/2016 into such a cell
 * knows the month, not the 1st of it. The reader gives such a cell as the text the import already
 * reads at that precision ("03/2016", "2016"); a format that shows a day stays a full date.
 */
import { pad } from '../../shared/dates';

export type ShownPrecision = 'month' | 'year';

const precisions = new Map<string, ShownPrecision | null>();

/**
 * The precision a date format shows when it shows no day: 'month' ("mm/yyyy", "m/yyyy", "mmm-yy",
 * "[$-42A]mm/yyyy"), 'year' ("yyyy", "\"Năm \"yyyy"); null for a format with a day part, and for one
 * without a year (a time of day, a month name alone), which the reader leaves as it was.
 */
export function shownPrecision(format: string): ShownPrecision | null {
  let precision = precisions.get(format);
  if (precision === undefined) {
    precision = precisionOf(format);
    precisions.set(format, precision);
  }
  return precision;
}

function precisionOf(format: string): ShownPrecision | null {
  const codes = format
    .replace(/"[^"]*"/g, ' ') // literal text: "Năm "yyyy
    .replace(/\\./g, ' ') // escaped characters: mmm\ yyyy
    .replace(/[_*]./g, ' ') // spacing and fill
    .replace(/\[(h+|m+|s+)\]/gi, '$1') // elapsed time: [h]:mm
    .replace(/\[[^\]]*\]/g, ' ') // locale, colour, condition: [$-42A], [Red], [>0]
    .split(';')[0]!
    .toLowerCase()
    .replace(/am\/pm|a\/p/g, ' ');
  const tokens = codes.match(/d+|m+|y+|h+|s+/g) ?? [];
  let day = false;
  let month = false;
  let year = false;
  tokens.forEach((token, index) => {
    if (token.startsWith('d')) day = true;
    else if (token.startsWith('y')) year = true;
    // "m" right after hours or right before seconds is minutes (h:mm, mm:ss), as Excel reads it.
    else if (token.startsWith('m') && !tokens[index - 1]?.startsWith('h') && !tokens[index + 1]?.startsWith('s')) month = true;
  });
  if (day || !year) return null;
  return month ? 'month' : 'year';
}


/**
 * A date cell as it shows: the text "03/2016" or "2016" when its format shows no day (see
 * shownPrecision), else the date itself (its UTC day, as the readers give it).
 */
export function shownDate(date: Date, format: string | number | undefined): Date | string {
  const precision = typeof format === 'string' ? shownPrecision(format) : null;
  if (!precision || Number.isNaN(date.getTime())) return date;
  const year = String(date.getUTCFullYear());
  return precision === 'year' ? year : `${pad(date.getUTCMonth() + 1)}/${year}`;
}
