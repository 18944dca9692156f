/**
 * The legacy font of each text cell of an Excel 97–2003 (.xls, BIFF8) workbook. SheetJS reads the
 * workbook's fonts but gives no cell its font, so this walks the workbook stream's records itself: the
 * fonts (FONT), the cell formats naming them (XF), the sheets (BOUNDSHEET), and each sheet's text cells
 * (LABELSST, LABEL, RSTRING) with the format they use. Anything it cannot read gives no fonts: the
 * import then tells legacy text by its bytes alone.
 */
import { legacyFontOf, type LegacyFont } from './legacy';

/** Row index -> column -> the legacy font the cell's text is set in. */
export type LegacyFonts = Map<number, Map<number, LegacyFont>>;

/** The parts of SheetJS's compound-file reader this needs. */
export interface CompoundFileReader {
  read(data: Buffer, options: { type: 'buffer' }): unknown;
  find(container: unknown, path: string): { content?: ArrayLike<number> } | null;
}

const BOF = 0x0809;
const EOF = 0x000a;
const FONT = 0x0031;
const XF = 0x00e0;
const BOUNDSHEET = 0x0085;
const TEXT_CELLS = new Set([0x00fd /* LABELSST */, 0x0204 /* LABEL */, 0x00d6 /* RSTRING */]);
const BIFF8 = 0x0600;

/** Sheet name -> its cells set in a legacy font; empty when the workbook uses none. */
export function xlsLegacyFonts(cfb: CompoundFileReader, data: Buffer): Map<string, LegacyFonts> {
  const result = new Map<string, LegacyFonts>();
  try {
    const container = cfb.read(data, { type: 'buffer' });
    const content = (cfb.find(container, 'Workbook') ?? cfb.find(container, 'Book'))?.content;
    if (!content) return result;
    const stream = Buffer.from(content as Uint8Array);
    if (stream.readUInt16LE(0) !== BOF || stream.readUInt16LE(4) !== BIFF8) return result;
    const fonts: string[] = [];
    const xfFonts: (LegacyFont | null)[] = [];
    const sheets: { name: string; offset: number }[] = [];
    for (const { type, body } of records(stream, 0)) {
      if (type === FONT) fonts.push(shortString(stream, body + 14));
      // Font number 4 does not exist in BIFF: numbers from 4 on point one font earlier.
      else if (type === XF) xfFonts.push(legacyFontOf(fonts[fontIndex(stream.readUInt16LE(body))]));
      else if (type === BOUNDSHEET) sheets.push({ offset: stream.readUInt32LE(body), name: shortString(stream, body + 6) });
    }
    if (!xfFonts.some(Boolean)) return result;
    for (const sheet of sheets) {
      const cells: LegacyFonts = new Map();
      for (const { type, body } of records(stream, sheet.offset)) {
        if (!TEXT_CELLS.has(type)) continue;
        const font = xfFonts[stream.readUInt16LE(body + 4)];
        if (!font) continue;
        const row = stream.readUInt16LE(body);
        let columns = cells.get(row);
        if (!columns) cells.set(row, (columns = new Map()));
        columns.set(stream.readUInt16LE(body + 2), font);
      }
      if (cells.size > 0) result.set(sheet.name, cells);
    }
  } catch {
    result.clear();
  }
  return result;
}

const fontIndex = (ifnt: number) => (ifnt >= 4 ? ifnt - 1 : ifnt);

/** The records of one substream, from its BOF to its EOF. */
function* records(stream: Buffer, start: number): Generator<{ type: number; body: number }> {
  let offset = start;
  while (offset + 4 <= stream.length) {
    const type = stream.readUInt16LE(offset);
    const length = stream.readUInt16LE(offset + 2);
    yield { type, body: offset + 4 };
    if (type === EOF) return;
    offset += 4 + length;
  }
}

/** A BIFF8 ShortXLUnicodeString: a length byte, a flags byte (bit 0: two bytes a character), the characters. */
function shortString(stream: Buffer, offset: number): string {
  const length = stream.readUInt8(offset);
  const wide = (stream.readUInt8(offset + 1) & 1) === 1;
  const start = offset + 2;
  return wide ? stream.toString('utf16le', start, start + 2 * length) : stream.toString('latin1', start, start + length);
}
