/**
 * The catalogue values of an import: each cell's phường, khu phố, category, helper organisation or model
 * type resolved to an entry by its normalised keys (names and learnt aliases), else counted as an unknown
 * value for the officer to add or map. Choices become entries and aliases only when the import commits.
 */
import { helperOrgInput, modelTypeInput, neighbourhoodInput, subjectCategoryInput, wardInput } from '../../../shared/catalogues';
import { ApiError } from '../../../shared/errors';
import { newRecordId } from '../../../shared/ids';
import type { CatalogueChoice, CatalogueName, UnknownCatalogueValue } from '../../../shared/imports/index';
import { foldForSearch, formatNumber } from '../../../shared/text';
import { entryKeys, proposedName, suggestEntry, valueKey, wordsOf, type Suggestible } from '../../import/catalogue-values';
import { addCatalogueAliasIn, addCatalogueEntryIn } from '../catalogues';
import type { Context, Trx } from '../context';

// In the order new entries are written: a new khu phố belongs to a ward written before it.
const CATALOGUES: readonly CatalogueName[] = ['wards', 'neighbourhoods', 'modelTypes', 'subjectCategories', 'helperOrgs'];

/** The catalogue forms' own rule for a name (length above all): a new entry from a long cell is refused as the form would. */
const NAME_SCHEMAS = {
  wards: wardInput.shape.name,
  neighbourhoods: neighbourhoodInput.shape.name,
  modelTypes: modelTypeInput.shape.name,
  subjectCategories: subjectCategoryInput.shape.name,
  helperOrgs: helperOrgInput.shape.name,
} as const;

interface Entry extends Suggestible {
  catalogue: CatalogueName;
  wardId: string | null;
  /** Out of use (an old ward kept for old records): matched, and said so in the preview's notes. */
  active: boolean;
}

/** An entry the import adds when it commits. */
export interface NewEntry {
  id: string;
  catalogue: CatalogueName;
  name: string;
  wardId: string | null;
  /** A category some row gives a group A–D for: it is made to use groups. */
  usesGroups: boolean;
}

export interface CatalogueResolution {
  id: string | null;
  problem?: string;
}

/** The ward a khu phố was typed with: its entry (if resolved) and its text (which names the khu phố's question). */
export interface WardContext {
  id: string | null;
  text: string | null;
}

export class CatalogueValues {
  private readonly byKey = new Map<string, Entry[]>();
  private readonly entries: Entry[] = [];
  private readonly choices: Map<string, CatalogueChoice>;
  private readonly unknowns = new Map<string, UnknownCatalogueValue>();
  private readonly added = new Map<string, NewEntry>();
  /** The "map" choices that resolved a row: only they teach an alias. */
  private readonly mapped = new Set<string>();
  /** Entries out of use that rows were filed under, with how many rows. */
  private readonly inactive = new Map<string, { label: string; entry: Entry; rows: number }>();

  constructor(entries: (Entry & { keys: string[] })[], choices: readonly CatalogueChoice[]) {
    this.choices = new Map(choices.map((choice) => [choice.key, choice]));
    for (const entry of entries) this.index(entry);
  }

  private index(entry: Entry & { keys: string[] }) {
    this.entries.push(entry);
    for (const key of entry.keys) {
      const bucket = `${entry.catalogue}|${key}`;
      this.byKey.set(bucket, [...(this.byKey.get(bucket) ?? []), entry]);
    }
  }

  /** Entries whose name or alias has the text's keys, the most exact key first (a khu phố: of its ward). */
  private matches(catalogue: CatalogueName, text: string, wardId: string | null): Entry[] {
    for (const key of entryKeys(catalogue, text)) {
      const found = (this.byKey.get(`${catalogue}|${key}`) ?? []).filter((entry) => catalogue !== 'neighbourhoods' || entry.wardId === wardId);
      if (found.length > 0) return found;
    }
    return [];
  }

  /** The entry a cell names, the entry the officer chose for it, or a problem saying a choice is needed. */
  resolve(catalogue: CatalogueName, label: string, text: string, ward: WardContext = { id: null, text: null }): CatalogueResolution {
    const found = this.matches(catalogue, text, ward.id);
    const match = found.find((entry) => entry.active) ?? found[0];
    if (match) {
      if (!match.active) this.countInactive(label, match);
      return { id: match.id };
    }
    const wardKey = catalogue === 'neighbourhoods' ? valueKey('wards', ward.text ?? '') : '';
    const key = `${catalogue}|${wardKey}|${valueKey(catalogue, text)}`;
    const choice = this.choices.get(key) ?? null;
    const unknown = this.unknowns.get(key) ?? this.newUnknown(key, catalogue, label, text, ward, choice);
    unknown.rows += 1;
    if (choice?.action === 'map') {
      const entry = this.entries.find((candidate) => candidate.id === choice.entryId && candidate.catalogue === catalogue);
      if (!entry) return { id: null, problem: `${label} "${text}": mục đã chọn không còn trong danh mục. Hãy chọn lại.` };
      if (catalogue === 'neighbourhoods' && entry.wardId !== ward.id) return { id: null, problem: `${label} "${text}": khu phố đã chọn không thuộc phường của dòng này.` };
      this.mapped.add(key);
      return { id: entry.id };
    }
    if (choice?.action === 'add') {
      // A khu phố belongs to a ward: without the row's ward there is nothing to add it to.
      if (catalogue === 'neighbourhoods' && !ward.id) return { id: null, problem: `${label} "${text}": chưa xác định được phường của dòng này nên chưa thêm được khu phố.` };
      const name = choice.name ?? unknown.proposedName;
      const named = NAME_SCHEMAS[catalogue].safeParse(name);
      if (!named.success) return { id: null, problem: `${label} "${text}": ${named.error.issues[0]?.message ?? 'tên không hợp lệ.'}` };
      return { id: this.addedEntry(catalogue, named.data, ward.id).id };
    }
    const where = catalogue === 'neighbourhoods' && ward.text ? ` (${ward.text})` : '';
    return { id: null, problem: `${label} "${text}"${where} chưa có trong danh mục.` };
  }

  private countInactive(label: string, entry: Entry) {
    const use = this.inactive.get(entry.id) ?? { label, entry, rows: 0 };
    use.rows += 1;
    this.inactive.set(entry.id, use);
  }

  /** One note per entry out of use that rows were filed under (old records keep the unit they were made under). */
  inactiveNotes(): string[] {
    return [...this.inactive.values()].map(({ label, entry, rows }) => `${label} "${entry.name}" đã thôi sử dụng (đơn vị cũ): ${formatNumber(rows)} dòng được ghi vào mục này như trong tệp.`);
  }

  private newUnknown(key: string, catalogue: CatalogueName, label: string, text: string, ward: WardContext, choice: CatalogueChoice | null): UnknownCatalogueValue {
    const options = this.entries.filter((entry) => entry.catalogue === catalogue && (catalogue !== 'neighbourhoods' || !ward.id || entry.wardId === ward.id));
    const suggestion = suggestEntry(catalogue, text, options);
    const unknown: UnknownCatalogueValue = {
      key,
      catalogue,
      label,
      text,
      wardText: catalogue === 'neighbourhoods' ? ward.text : null,
      wardId: catalogue === 'neighbourhoods' ? ward.id : null,
      rows: 0,
      proposedName: proposedName(catalogue, text),
      suggestion: suggestion && { id: suggestion.id, name: suggestion.name },
      choice,
    };
    this.unknowns.set(key, unknown);
    return unknown;
  }

  /** One new entry per name (and ward), however many typed values the officer adds under it; an existing entry of that name is used instead. */
  private addedEntry(catalogue: CatalogueName, name: string, wardId: string | null): { id: string } {
    const existing = this.matches(catalogue, name, wardId)[0];
    if (existing) return existing;
    const key = `${catalogue}|${wardId ?? ''}|${foldForSearch(name)}`;
    let entry = this.added.get(key);
    if (!entry) {
      entry = { id: newRecordId(), catalogue, name, wardId, usesGroups: false };
      this.added.set(key, entry);
    }
    return entry;
  }

  /** Whether the id is an entry this import adds (its rules are the rows' own: a new category takes groups if rows give them). */
  isNew(id: string): NewEntry | undefined {
    return [...this.added.values()].find((entry) => entry.id === id);
  }

  unknownValues(): UnknownCatalogueValue[] {
    return [...this.unknowns.values()];
  }

  newEntries(): NewEntry[] {
    return [...this.added.values()];
  }

  /** The aliases the officer's "map" choices teach (those that resolved a row whose entry is written): the typed value, for the chosen entry. */
  aliases(usedIds: ReadonlySet<string>): { catalogue: CatalogueName; entryId: string; alias: string }[] {
    return this.unknownValues().flatMap((unknown) =>
      unknown.choice?.action === 'map' && this.mapped.has(unknown.key) && usedIds.has(unknown.choice.entryId) ? [{ catalogue: unknown.catalogue, entryId: unknown.choice.entryId, alias: unknown.text }] : [],
    );
  }
}

/** Every live entry of the importable catalogues, with the aliases imports have taught them. */
export async function loadCatalogueValues(ctx: Context, choices: readonly CatalogueChoice[]): Promise<CatalogueValues> {
  const aliasRows = await ctx.db.selectFrom('catalogueAliases').select(['catalogue', 'entryId', 'alias']).where('deletedAt', 'is', null).execute();
  const aliases = new Map<string, string[]>();
  for (const row of aliasRows) aliases.set(row.entryId, [...(aliases.get(row.entryId) ?? []), row.alias]);
  const entries: (Entry & { keys: string[] })[] = [];
  for (const catalogue of CATALOGUES) {
    const rows =
      catalogue === 'neighbourhoods'
        ? await ctx.db.selectFrom('neighbourhoods').select(['id', 'name', 'active', 'wardId']).where('deletedAt', 'is', null).execute()
        : await ctx.db.selectFrom(catalogue).select(['id', 'name', 'active']).where('deletedAt', 'is', null).execute();
    for (const row of rows) {
      const names = [row.name, ...(aliases.get(row.id) ?? [])];
      const keys = names.flatMap((name) => entryKeys(catalogue, name));
      entries.push({ id: row.id, name: row.name, catalogue, active: row.active === 1, wardId: 'wardId' in row ? (row.wardId as string) : null, keys, words: names.map((name) => wordsOf(catalogue, name)) });
    }
  }
  return new CatalogueValues(entries, choices);
}

/**
 * Makes the entries the committed rows use (wards first: a new khu phố belongs to one) and records the
 * aliases the officer's choices taught, inside the import's transaction.
 */
export async function writeCatalogueChoices(trx: Trx, ctx: Context, values: CatalogueValues, usedIds: ReadonlySet<string>, groupedIds: ReadonlySet<string>): Promise<NewEntry[]> {
  const made = values
    .newEntries()
    .filter((entry) => usedIds.has(entry.id))
    .sort((a, b) => CATALOGUES.indexOf(a.catalogue) - CATALOGUES.indexOf(b.catalogue));
  const aliases = values.aliases(usedIds);
  // The catalogues are the administrator's, whichever way in: an import adds to them only for one.
  if ((made.length > 0 || aliases.length > 0) && ctx.user.role !== 'admin') {
    throw new ApiError('forbidden', 'Chỉ quản trị viên được thêm mục mới hoặc tên gọi khác vào danh mục. Hãy nhờ quản trị viên nhập tệp này, hoặc thêm các mục vào Danh mục trước rồi kiểm tra lại.');
  }
  for (const entry of made) await addCatalogueEntryIn(trx, ctx, entry.catalogue, { ...entry, usesGroups: groupedIds.has(entry.id) });
  for (const alias of aliases) await addCatalogueAliasIn(trx, ctx, alias.catalogue, alias.entryId, alias.alias);
  return made;
}
