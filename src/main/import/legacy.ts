/**
 * Text typed in the legacy TCVN3 (ABC) and VNI encodings, which a Unicode workbook shows as Latin-1
 * gibberish ("NguyÔn V¨n An", "Nguyeãn Vaên An"): recognising it from many cells, and converting it.
 */
import { foldForSearch } from '../../shared/text';
import { TCVN3_TABLE, VNI_TABLE } from './legacy-encodings';

export type LegacyEncoding = 'tcvn3' | 'vni';

interface Decoder {
  /** One legacy character -> a letter. */
  singles: Map<string, string>;
  /** A base letter and its mark (VNI) -> a letter. */
  pairs: Map<string, string>;
}

function decoderFor(table: readonly (readonly [string, string])[]): Decoder {
  const decoder: Decoder = { singles: new Map(), pairs: new Map() };
  // Lower-case letters first: a TCVN3 code shared by ễ and Ễ decodes as ễ (restoreCapitals sees to the case).
  const lowerFirst = [...table].sort(([a], [b]) => Number(a !== a.toLowerCase()) - Number(b !== b.toLowerCase()));
  for (const [letter, code] of lowerFirst) {
    const map = code.length === 1 ? decoder.singles : decoder.pairs;
    if (!map.has(code)) map.set(code, letter);
  }
  return decoder;
}

const DECODERS: Record<LegacyEncoding, Decoder> = { tcvn3: decoderFor(TCVN3_TABLE), vni: decoderFor(VNI_TABLE) };

const NO_BREAK_SPACE = '\u00a0';
const WORD = /[^\s\u00a0!-/:-@[-`{-~]+/g;

/** Converted text, and how many Latin-1 characters had no meaning in the encoding. */
function decode(text: string, decoder: Decoder): { text: string; unknown: number } {
  let result = '';
  let unknown = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] ?? '';
    const pair = decoder.pairs.size > 0 ? decoder.pairs.get(char + (text[index + 1] ?? '')) : undefined;
    if (pair) {
      result += pair;
      index++;
      continue;
    }
    const letter = decoder.singles.get(char);
    if (!letter && char > NO_BREAK_SPACE && char <= '\u00ff') unknown++;
    result += letter ?? char;
  }
  return { text: result, unknown };
}

// Letters whose case TCVN3 keeps: ASCII, and the seven modified letters with codes for both cases.
const TCVN3_UPPER = new Set('¡¢£¤¥¦§');
const TCVN3_LOWER = new Set('¨©ª«¬\u00ad®');

/**
 * TCVN3 text typed in capitals ("NGUYÔN V¡N Hå") has its toned vowels in lower case: the encoding has
 * no capitals for them. When every letter whose case is known is a capital, and there are a few, the
 * whole text is; a single capital ("Tæ", "Hå") is a name's initial and says nothing.
 */
function restoreCapitals(original: string, converted: string): string {
  let capitals = 0;
  for (const char of original) {
    if ((char >= 'a' && char <= 'z') || TCVN3_LOWER.has(char)) return converted;
    if ((char >= 'A' && char <= 'Z') || TCVN3_UPPER.has(char)) capitals++;
  }
  return capitals >= 2 ? converted.toLocaleUpperCase('vi') : converted;
}

/**
 * Text typed in a legacy encoding, in Unicode (NFC). ASCII is left as it is, and so is a cell already in
 * Unicode Vietnamese (letters past Latin-1, such as ă, ư, ạ): a column typed mostly in TCVN3 may have
 * rows added later in Unicode.
 */
export function convertLegacy(text: string, encoding: LegacyEncoding, options: { capitals?: boolean } = {}): string {
  if (hasUnicodeLetters(text)) return text.normalize('NFC');
  return finishConversion(text, decode(text, DECODERS[encoding]).text, encoding, options.capitals ?? false);
}

function finishConversion(original: string, converted: string, encoding: LegacyEncoding, capitals: boolean): string {
  // A capitals font (".VnTimeH") draws every letter as a capital, whatever code was typed.
  if (capitals) return converted.toLocaleUpperCase('vi').normalize('NFC');
  return (encoding === 'tcvn3' ? restoreCapitals(original, converted) : converted).normalize('NFC');
}

/** Characters past Latin-1 (other than Windows-1252's punctuation): the text is Unicode, no legacy encoding gives them. */
export function hasUnicodeLetters(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) > 0xff && !WINDOWS_1252_PUNCTUATION.has(text.charAt(index))) return true;
  }
  return false;
}

/** How one cell was decoded: its encoding, whether a capitals font or any font said so, and the Unicode text. */
export interface CellDecoding {
  encoding: LegacyEncoding;
  capitals: boolean;
  byFont: boolean;
  text: string;
}

/**
 * One cell's text decoded, or null when it is not legacy text: the font it is set in decides; else its
 * column's encoding (unless the cell reads only in the other one: a VNI cell in a TCVN3 column); else its
 * own text, read carefully (detectCellEncoding). Text with letters past Latin-1 is Unicode already.
 */
export function decodeCell(text: string, font: LegacyFont | null | undefined, columnEncoding: LegacyEncoding | null): CellDecoding | null {
  if (hasUnicodeLetters(text)) return null;
  const result = (encoding: LegacyEncoding, converted: string, byFont: boolean, capitals = false): CellDecoding => ({
    encoding,
    capitals,
    byFont,
    text: finishConversion(text, converted, encoding, capitals),
  });
  if (font) {
    const encoding = encodingOfFont(font);
    return result(encoding, decode(text, DECODERS[encoding]).text, true, font === 'tcvn3Capitals');
  }
  if (columnEncoding) {
    const own = decode(text, DECODERS[columnEncoding]);
    if (own.unknown === 0 && readsAsVietnamese(own.text)) return result(columnEncoding, own.text, false);
    const other: LegacyEncoding = columnEncoding === 'tcvn3' ? 'vni' : 'tcvn3';
    const evidence = evidenceOf(text);
    if (evidence === other) return result(other, decode(text, DECODERS[other]).text, false);
    return result(columnEncoding, own.text, false);
  }
  const detected = detectCellEncoding(text);
  return detected && result(detected, decode(text, DECODERS[detected]).text, false);
}

/**
 * The legacy font a cell is set in, from the font's name: ".VnTime", ".VnArial", ".VnTimeH" (capitals)…
 * are TCVN3's; "VNI-Times", "VNI-Helve"… are VNI's. Null for any other font, which says nothing.
 */
export type LegacyFont = 'tcvn3' | 'tcvn3Capitals' | 'vni';

const fontCache = new Map<string, LegacyFont | null>();

export function legacyFontOf(name: string | undefined): LegacyFont | null {
  if (!name) return null;
  let font = fontCache.get(name);
  if (font === undefined) {
    const trimmed = name.trim();
    // TCVN3's capital fonts end in "H": ".VnTimeH", ".VnArialH", ".VnBahamasBH".
    font = /^\.vn/i.test(trimmed) ? (/H$/.test(trimmed) ? 'tcvn3Capitals' : 'tcvn3') : /^vni[- _]/i.test(trimmed) ? 'vni' : null;
    if (fontCache.size < 1000) fontCache.set(name, font);
  }
  return font;
}

export const encodingOfFont = (font: LegacyFont): LegacyEncoding => (font === 'vni' ? 'vni' : 'tcvn3');

/**
 * The legacy encoding one cell on its own was typed in, or null: only when no font says it, so this is
 * careful. The cell must convert cleanly from exactly one encoding, not read as Vietnamese already
 * ("Hoàng", "Tâm"), and every word with a letter must then be a Vietnamese syllable ("São Paulo" is not:
 * "Paulo" is no syllable, so it stays as typed).
 */
export function detectCellEncoding(text: string): LegacyEncoding | null {
  const evidence = evidenceOf(text);
  if (evidence !== 'tcvn3' && evidence !== 'vni') return null;
  const words = decode(text, DECODERS[evidence]).text.match(WORD) ?? [];
  const lettered = words.filter((word) => /\p{L}/u.test(word));
  return lettered.length > 0 && lettered.every(isSyllable) ? evidence : null;
}



// A Vietnamese syllable once marks are folded away: an initial consonant, one of the language's vowel
// groups ("ươi" folds to "uoi"; "aa" or "ae" never occur, as VNI's "Traàn", "Vaên" have them), a final consonant.
const VOWEL_GROUPS = 'ieu|yeu|oai|oay|oeo|uay|uoi|uou|uya|uye|uyu|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ya|ye|yu|a|e|i|o|u|y';
const SYLLABLE = new RegExp(`^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?(${VOWEL_GROUPS})(ng|nh|ch|[cmnpt])?$`);
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const VIETNAMESE_LATIN1 = new Set('ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý');
// What Windows-1252 shows for the codes 0x80–0x9F: punctuation that says nothing about the encoding.
const WINDOWS_1252_PUNCTUATION = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function isSyllable(word: string): boolean {
  return (word.normalize('NFD').match(TONE_MARKS)?.length ?? 0) <= 1 && SYLLABLE.test(foldForSearch(word));
}

/** Every word with a non-ASCII letter reads as a Vietnamese syllable. */
function readsAsVietnamese(text: string): boolean {
  return (text.match(WORD) ?? []).every((word) => !/[^!-~]/.test(word) || isSyllable(word));
}

function convertsCleanly(text: string, encoding: LegacyEncoding): boolean {
  const { text: converted, unknown } = decode(text, DECODERS[encoding]);
  return unknown === 0 && readsAsVietnamese(converted);
}

/** `latin1`: Latin-1 letters that read as Vietnamese as they are ("Hoàng", or TCVN3's "Khu phè" for "Khu phố"). */
type TextEvidence = 'unicode' | 'tcvn3' | 'vni' | 'both' | 'latin1' | 'none';

function evidenceOf(text: string): TextEvidence {
  let latin1 = false;
  let onlyVietnameseLetters = true;
  for (const char of text) {
    if (char > '\u00ff' && !WINDOWS_1252_PUNCTUATION.has(char)) return 'unicode';
    if (char < '\u00a0' || char === NO_BREAK_SPACE) continue;
    if (char <= '\u00ff') {
      latin1 = true;
      if (!VIETNAMESE_LATIN1.has(char)) onlyVietnameseLetters = false;
    }
  }
  if (!latin1) return 'none';
  // "Hoàng", "Tâm": real Unicode Vietnamese that happens to need only Latin-1 letters proves nothing.
  if (onlyVietnameseLetters && readsAsVietnamese(text)) return 'latin1';
  const tcvn3 = convertsCleanly(text, 'tcvn3');
  const vni = convertsCleanly(text, 'vni');
  return tcvn3 && vni ? 'both' : tcvn3 ? 'tcvn3' : vni ? 'vni' : 'none';
}

/**
 * How many texts read as Unicode Vietnamese, how many convert cleanly from each legacy encoding, and how
 * many have Latin-1 letters that read either way (they follow the rest of the sheet).
 */
export interface LegacyVotes {
  unicode: number;
  tcvn3: number;
  vni: number;
  latin1: number;
}

export const NO_VOTES: LegacyVotes = { unicode: 0, tcvn3: 0, vni: 0, latin1: 0 };

export function countLegacyVotes(texts: Iterable<string>): LegacyVotes {
  const votes: LegacyVotes = { ...NO_VOTES };
  for (const text of texts) {
    const evidence = evidenceOf(text);
    if (evidence === 'unicode') votes.unicode++;
    if (evidence === 'latin1') votes.latin1++;
    if (evidence === 'tcvn3' || evidence === 'both') votes.tcvn3++;
    if (evidence === 'vni' || evidence === 'both') votes.vni++;
  }
  return votes;
}

const MIN_VOTES = 2;
const UNICODE_MARGIN = 3;

/** The encoding the votes point to: at least two texts, clearly more than those in Unicode, and not a tie. */
export function chooseLegacyEncoding(votes: LegacyVotes): LegacyEncoding | null {
  const best: LegacyEncoding | null = votes.tcvn3 > votes.vni ? 'tcvn3' : votes.vni > votes.tcvn3 ? 'vni' : null;
  if (!best) return null;
  return votes[best] >= MIN_VOTES && votes[best] > UNICODE_MARGIN * votes.unicode ? best : null;
}

/**
 * The legacy encoding a set of texts (a column's or a sheet's cells) was typed in, or null for Unicode
 * or plain text. One cell proves little ("São Paulo" converts cleanly from TCVN3), so it takes several
 * cells that convert to Vietnamese syllables and few that are already Unicode Vietnamese.
 */
export function detectLegacyEncoding(texts: Iterable<string>): LegacyEncoding | null {
  return chooseLegacyEncoding(countLegacyVotes(texts));
}

export const LEGACY_ENCODING_NAMES: Record<LegacyEncoding, string> = { tcvn3: 'TCVN3 (ABC)', vni: 'VNI' };
