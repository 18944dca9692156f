/** Vietnamese text helpers shared by every layer: normalisation, search folding, collation keys, formats. */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Trim, collapse inner whitespace and normalise to NFC: every text we store goes through this. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** A name typed in capitals ("NGUYỄN VĂN BÌNH", common in old rosters) written as a name: "Nguyễn Văn Bình". */
export function properName(value: string): string {
  const name = cleanText(value);
  if (name !== name.toLocaleUpperCase('vi') || name === name.toLocaleLowerCase('vi')) return name;
  return name
    .toLocaleLowerCase('vi')
    .split(' ')
    .map((word) => word.charAt(0).toLocaleUpperCase('vi') + word.slice(1))
    .join(' ');
}

/** Accent-, case- and đ-insensitive form used for search ("Nguyễn Văn Bình" -> "nguyen van binh"). */
export function foldForSearch(value: string): string {
  // Digits and plain lower-case words (ID numbers, phones, what is folded already) fold to themselves.
  if (FOLDED.test(value)) return value;
  let folded = folds.get(value);
  if (folded === undefined) {
    folded = computeFold(value);
    if (folds.size >= FOLDS_KEPT) folds.clear();
    folds.set(value, folded);
  }
  return folded;
}

const FOLDED = /^[0-9a-z]+(?: [0-9a-z]+)*$/;
// An import folds the same addresses, wards and names over and over: the folds of the texts seen are kept.
const FOLDS_KEPT = 20_000;
const folds = new Map<string, string>();

function computeFold(value: string): string {
  return value
    .normalize('NFC')
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Search terms of a query: folded words, each of which must occur. */
export function searchTerms(query: string): string[] {
  const folded = foldForSearch(query);
  return folded ? folded.split(' ') : [];
}

// Vietnamese alphabet order: letters with breve, circumflex, horn and the stroke of đ are letters of
// their own; tone marks only break ties (secondary level), and case after that (tertiary).
const ALPHABET = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
const MODIFIED_LETTERS: Record<string, Record<string, string>> = {
  '\u0306': { a: 'ă' }, // breve
  '\u0302': { a: 'â', e: 'ê', o: 'ô' }, // circumflex
  '\u031b': { o: 'ơ', u: 'ư' }, // horn
};
const TONES = ['\u0300', '\u0309', '\u0303', '\u0301', '\u0323']; // huyền, hỏi, ngã, sắc, nặng

interface CollationUnit {
  primary: number;
  tone: number;
  upper: boolean;
}

function collationUnits(value: string): CollationUnit[] {
  const units: CollationUnit[] = [];
  for (const char of value.normalize('NFD')) {
    const lower = char.toLowerCase();
    const last = units[units.length - 1];
    const toneIndex = TONES.indexOf(char);
    if (toneIndex >= 0 && last) {
      last.tone = toneIndex + 1;
      continue;
    }
    if (last && /[\u0300-\u036f]/.test(char)) {
      const base = ALPHABET[last.primary - 0x100];
      const letter = base ? MODIFIED_LETTERS[char]?.[base] : undefined;
      if (letter) last.primary = 0x100 + ALPHABET.indexOf(letter);
      continue;
    }
    const index = ALPHABET.indexOf(lower);
    // As in Intl.Collator: spaces sort before digits, and digits before letters.
    const primary =
      index >= 0 ? 0x100 + index : /\s/.test(char) ? 0x20 : /\d/.test(char) ? 0x30 + Number(char) : 0x1000 + (char.codePointAt(0) ?? 0);
    units.push({ primary, tone: 0, upper: lower !== char });
  }
  return units;
}

/**
 * A key whose plain binary order is Vietnamese collation order (as Intl.Collator('vi', { numeric: true })
 * sorts), so
 * SQLite can sort and page by an indexed column: better-sqlite3 cannot register a custom collation.
 */
export function collationKey(value: string): string {
  let key = collationKeys.get(value);
  if (key === undefined) {
    key = computeCollationKey(value);
    if (collationKeys.size >= COLLATION_KEYS_KEPT) collationKeys.clear();
    collationKeys.set(value, key);
  }
  return key;
}

// Names are made of few words (a handful of family names, common middle and given names): the keys of
// the words already seen are kept, which makes a roster's sort keys several times cheaper to compute.
const COLLATION_KEYS_KEPT = 20_000;
const collationKeys = new Map<string, string>();

function computeCollationKey(value: string): string {
  // Digit runs are zero-padded so "Phường 2" sorts before "Phường 10" (Intl.Collator's numeric option).
  const units = collationUnits(cleanText(value).replace(/\d+/g, (digits) => digits.padStart(8, '0')));
  const primary = units.map((unit) => String.fromCodePoint(unit.primary)).join('');
  const secondary = units.map((unit) => String(unit.tone)).join('');
  const tertiary = units.map((unit) => (unit.upper ? '1' : '0')).join('');
  return `${primary}\u0001${secondary}\u0001${tertiary}`;
}

/**
 * Vietnamese roster order: by given name (the last word), then by the middle names, then by the family
 * name (the first word), as school and ward rosters are sorted: "Nguyễn Văn An" < "Trần Thị Bình" < "Lê Văn Bình".
 */
export function personNameKey(fullName: string): string {
  const words = cleanText(fullName).split(' ');
  const givenName = words.pop() ?? '';
  const rest = [...words.slice(1), ...words.slice(0, 1)].join(' ');
  return `${collationKey(givenName)}\u0002${collationKey(rest)}`;
}

const collator = new Intl.Collator('vi', { numeric: true });
export const compareVietnamese = (a: string, b: string): number => collator.compare(a, b);

const numberFormat = new Intl.NumberFormat('vi-VN');
/** 3602 -> "3.602". */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/**
 * Reads a whole number as officers type it: "3602", "3.602" or "3 602" (Vietnamese thousands groups).
 * Null for empty text; otherwise the number, or why it is not a whole number: a decimal part ("3,5"),
 * a minus sign, or anything else.
 */
export function readWholeNumber(input: string): { ok: true; value: number } | { ok: false; problem: 'fraction' | 'negative' | 'shape' } | null {
  const text = input.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  if (text === '') return null;
  if (/^-\s*\d/.test(text)) return { ok: false, problem: 'negative' };
  if (/^\d+$/.test(text) || /^\d{1,3}(?:\.\d{3})+$/.test(text) || /^\d{1,3}(?: \d{3})+$/.test(text)) {
    const value = Number(text.replace(/[. ]/g, ''));
    return Number.isSafeInteger(value) ? { ok: true, value } : { ok: false, problem: 'shape' };
  }
  if (/^[\d. ]*\d,\d+$/.test(text)) return { ok: false, problem: 'fraction' };
  return { ok: false, problem: 'shape' };
}

/** "12 Hậu Giang, Khu phố 7, Phường Bình Tiên": address parts joined, skipping empty ones and ones the address already names. */
export function joinAddress(...parts: (string | null | undefined)[]): string {
  const kept: string[] = [];
  for (const part of parts) {
    if (part && !foldForSearch(kept.join(', ')).includes(foldForSearch(part))) kept.push(part);
  }
  return kept.join(', ');
}
