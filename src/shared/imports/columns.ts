/**
 * The column matcher: header labels to the fields of a register (exact aliases, then the best partial
 * ones), and a cell's text to one of a field's choices.
 */
import { foldForSearch } from '../text';
import type { Choice, ImportField, ImportRegister } from './fields-common';
import { IMPORT_FIELDS } from './fields';

/** The comparable form of a header or value: folded, punctuation read as space ("Số CCCD/CMND" -> "so cccd cmnd"). */
export function labelKey(text: string): string {
  return foldForSearch(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface ColumnMatch {
  column: number;
  field: ImportField;
  exact: boolean;
}

// A partial match must cover at least this share of the header (plus the suffix bonus below).
const PARTIAL_THRESHOLD = 0.3;
// In a combined two-row header ("Ngày sinh Nam", "Thành viên Năm sinh") the child label, at the end,
// is the specific part: an alias found there outweighs a longer one found earlier.
const SUFFIX_BONUS = 0.5;
const MIN_PARTIAL_ALIAS = 3;

// Folding every alias is most of the matching's work: done once per field or choice.
const aliasKeyCache = new WeakMap<ImportField | Choice, string[]>();

function aliasKeysOf(entry: ImportField | Choice): string[] {
  let keys = aliasKeyCache.get(entry);
  if (!keys) {
    const names = 'key' in entry ? [entry.label, ...entry.aliases] : [entry.value, entry.label, ...entry.aliases];
    keys = names.map(labelKey);
    aliasKeyCache.set(entry, keys);
  }
  return keys;
}

function partialScore(label: string, alias: string): number {
  const isSuffix = label.endsWith(` ${alias}`);
  // A short alias ("Nữ", "KP") counts only as the last word, where a group header puts it.
  if (!` ${label} `.includes(` ${alias} `) || (alias.length < MIN_PARTIAL_ALIAS && !isSuffix)) return 0;
  return alias.length / label.length + (isSuffix ? SUFFIX_BONUS : 0);
}

/**
 * Matches header labels to fields: exact aliases first (in column order, each field once: a second
 * "Điện thoại" goes to the next field that has it), then the best partial matches. Blank labels stay
 * unmatched.
 */
export function matchColumns(labels: readonly string[], fields: readonly ImportField[]): ColumnMatch[] {
  const keys = labels.map(labelKey);
  const usedFields = new Set<ImportField>();
  const matches: ColumnMatch[] = [];

  keys.forEach((key, column) => {
    if (!key) return;
    const candidates = fields.filter((candidate) => !usedFields.has(candidate) && aliasKeysOf(candidate).includes(key));
    // A header several fields share ("Điện thoại", "Địa chỉ") belongs to the record of the columns before it.
    const previousEntity = matches[matches.length - 1]?.field.entity;
    const field = candidates.find((candidate) => candidate.entity === previousEntity) ?? candidates[0];
    if (!field) return;
    usedFields.add(field);
    matches.push({ column, field, exact: true });
  });

  const matchedColumns = new Set(matches.map((match) => match.column));
  const candidates: { column: number; field: ImportField; score: number }[] = [];
  keys.forEach((key, column) => {
    if (!key || matchedColumns.has(column)) return;
    for (const field of fields) {
      if (usedFields.has(field)) continue;
      const score = Math.max(...aliasKeysOf(field).map((alias) => partialScore(key, alias)));
      if (score >= PARTIAL_THRESHOLD) candidates.push({ column, field, score });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  for (const { column, field } of candidates) {
    if (matchedColumns.has(column) || usedFields.has(field)) continue;
    matchedColumns.add(column);
    usedFields.add(field);
    matches.push({ column, field, exact: false });
  }
  return matches.sort((a, b) => a.column - b.column);
}

/** Column index -> field key (null: not imported) for every column of the header. */
export type ResolvedMapping = Record<number, string | null>;

/** The mapping the wizard proposes for a header: every column, matched or null. */
export function autoMap(labels: readonly string[], register: ImportRegister): ResolvedMapping {
  const mapping: ResolvedMapping = Object.fromEntries(labels.map((_label, column) => [column, null]));
  for (const match of matchColumns(labels, IMPORT_FIELDS[register])) mapping[match.column] = match.field.key;
  return mapping;
}

/**
 * The choice a cell names: its label or an alias, exactly or as the first words ("Tiến bộ, đã có việc
 * làm" -> tien_bo); the longest alias wins, so "Chưa tiến bộ" is not read as "Tiến bộ".
 */
export function matchChoice(text: string, choices: readonly Choice[]): Choice | null {
  const key = labelKey(text);
  if (!key) return null;
  let best: { choice: Choice; length: number } | null = null;
  for (const choice of choices) {
    for (const alias of aliasKeysOf(choice)) {
      const fits = key === alias || key.startsWith(`${alias} `);
      if (fits && alias.length > (best?.length ?? 0)) best = { choice, length: alias.length };
    }
  }
  return best?.choice ?? null;
}
