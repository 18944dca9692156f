/**
 * Catalogue values as officers type them: "P11", "P.11", "phường 11" and "11" are one ward; "KP3",
 * "KP.03", "Khu phố 3" one khu phố. Each value reduces to match keys (folded words, the kind word dropped,
 * leading zeros of a number dropped); a value whose keys meet no entry is unknown, and may get a guess
 * (shared words, "MT" for "ma túy") that the officer confirms. Pure: the import service supplies the entries.
 */
import type { CatalogueName } from '../../shared/imports';
import { labelKey } from '../../shared/imports';
import { cleanText } from '../../shared/text';

// The kind word before a ward's or a khu phố's name or number ("p11", "p 11", "phuong binh tien", "kp3"):
// only the words of that catalogue's own kind, so "Tổ dân phố 5" or "Ấp 5" is never "Khu phố 5".
const KIND_WORD: Partial<Record<CatalogueName, RegExp>> = {
  wards: /^(?:thi tran|phuong|xa|p)(?:\s+|(?=\d))/,
  neighbourhoods: /^(?:khu pho|kp)(?:\s+|(?=\d))/,
};
const LEADING_ZEROS = /\b0+(?=\d)/g;

/** The folded words of a value, numbers without leading zeros ("KP.05" -> "kp 5"). */
const fullKey = (text: string) => labelKey(text).replace(LEADING_ZEROS, '');

/** The key a value is known by: its folded words without its catalogue's kind word ("KP.05" -> "5", "P. Bình Tiên" -> "binh tien"). */
export function valueKey(catalogue: CatalogueName, text: string): string {
  const folded = fullKey(text);
  const kind = KIND_WORD[catalogue];
  return (kind && folded.replace(kind, '')) || folded;
}

/** The keys a name or a cell answers to, the most exact first: its full folded words, then without the kind word. */
export function entryKeys(catalogue: CatalogueName, name: string): string[] {
  return [...new Set([fullKey(name), valueKey(catalogue, name)].filter(Boolean))];
}

const NUMBER = /^\d+$/;

// A ward's kind when the officer wrote it ("Xã Tân Nhựt"); a bare number or name is a phường.
const WARD_KINDS: { pattern: RegExp; name: string }[] = [
  { pattern: /^thi tran\b/, name: 'Thị trấn' },
  { pattern: /^xa\b/, name: 'Xã' },
];

/** Text typed all in capitals ("NGƯỜI SAU CAI NGHIỆN") written as a sentence; otherwise kept as typed. */
function sentenceCase(text: string): string {
  if (text !== text.toLocaleUpperCase('vi') || text === text.toLocaleLowerCase('vi')) return text;
  return capitalised(text.toLocaleLowerCase('vi'));
}

const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);

/** Each word starting with a capital, as place names are written ("binh tien" -> "Bình Tiên"). */
const titleCase = (text: string) => text.toLocaleLowerCase('vi').replace(/(^|\s)(\S)/g, (_match, space: string, letter: string) => space + letter.toLocaleUpperCase('vi'));

/**
 * The name a new entry gets from what was typed: a ward or khu phố number with its kind word ("P11" ->
 * "Phường 11", "kp.03" -> "Khu phố 3"), a place name with its kind word in full ("P. Bình Tiên" ->
 * "Phường Bình Tiên"); an "Ấp" or "Tổ dân phố" as typed; other catalogues keep the words as typed,
 * capitals turned into a sentence.
 */
export function proposedName(catalogue: CatalogueName, text: string): string {
  const clean = cleanText(text);
  if (catalogue !== 'wards' && catalogue !== 'neighbourhoods') return sentenceCase(clean);
  const folded = labelKey(clean);
  const key = valueKey(catalogue, clean);
  // A khu phố of another kind ("Ấp 2", "Tổ dân phố 5") keeps its own words.
  if (catalogue === 'neighbourhoods' && key === fullKey(clean) && !NUMBER.test(key)) {
    const allCapitals = clean === clean.toLocaleUpperCase('vi');
    return allCapitals ? titleCase(clean).replace(/^Tổ Dân Phố(?=\s|$)/, 'Tổ dân phố') : capitalised(clean);
  }
  const kind = catalogue === 'wards' ? (WARD_KINDS.find((candidate) => candidate.pattern.test(folded))?.name ?? 'Phường') : 'Khu phố';
  if (NUMBER.test(key)) return `${kind} ${key}`;
  // The typed words after the kind word, in their own accents: drop as many words as the kind word had.
  const kindWords = folded.split(' ').length - key.split(' ').length;
  const words = clean.replace(/[.,]/g, ' ').split(/\s+/).filter(Boolean);
  return `${kind} ${titleCase(words.slice(kindWords).join(' ') || clean)}`;
}

export interface Suggestible {
  id: string;
  name: string;
  /** The entry's name and aliases, as words (folded). */
  words: string[][];
}

/** Folded words of a name, for suggestions. */
export const wordsOf = (catalogue: CatalogueName, name: string) => valueKey(catalogue, name).split(' ').filter(Boolean);

/** How many of the value's words the entry has: the same word, or the initials of a run of its words ("mt" for "ma tuy"). */
function matchedWords(value: readonly string[], entry: readonly string[]): { count: number; long: boolean } {
  let count = 0;
  let long = false;
  for (const word of value) {
    if (entry.includes(word)) {
      count += 1;
      if (word.length >= 3) long = true;
      continue;
    }
    if (word.length < 2) continue;
    for (let start = 0; start + word.length <= entry.length; start++) {
      if (entry.slice(start, start + word.length).every((entryWord, index) => entryWord.startsWith(word[index] ?? ''))) {
        count += 1;
        break;
      }
    }
  }
  return { count, long };
}

const SUGGEST_SHARE = 0.6;

/**
 * The entry a value most likely means, or null: most of the value's words found in the entry's name or an
 * alias, with at least one real word (not only initials). Numbers are never guessed: "KP 3" is not "KP 8".
 */
export function suggestEntry<Entry extends Suggestible>(catalogue: CatalogueName, text: string, entries: readonly Entry[]): Entry | null {
  const value = wordsOf(catalogue, text);
  if (value.length === 0 || NUMBER.test(value.join(''))) return null;
  let best: { entry: Entry; share: number; extra: number } | null = null;
  for (const entry of entries) {
    for (const words of entry.words) {
      const { count, long } = matchedWords(value, words);
      const share = count / value.length;
      const extra = words.length - count;
      if (!long || share < SUGGEST_SHARE) continue;
      if (!best || share > best.share || (share === best.share && extra < best.extra)) best = { entry, share, extra };
    }
  }
  return best?.entry ?? null;
}
