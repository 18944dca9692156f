/** What the database already holds, loaded once per analysis: catalogues, people or models, and what the file's rows have claimed so far. */
import { labelKey } from '../../../shared/imports';
import { loadCatalogueValues, type CatalogueValues } from './catalogues';
import type { Context } from '../context';
import type { AnalyseInput } from './analyse';
import type { Resembling } from './same-person';

export interface Person {
  id: string;
  fullName: string;
  birthDate: string | null;
  birthYear: number | null;
  idNumber: string | null;
  wardId: string;
}

export interface Lookup {
  /** Catalogue entries by their normalised names and aliases; the values that match none, with the officer's choices. */
  catalogues: CatalogueValues;
  /** The ward of each khu phố, and the categories that use groups A–D (the services' own checks). */
  neighbourhoodWard: Map<string, string>;
  categoriesWithGroups: Set<string>;
  /** Subjects: by ID number, and by folded name (case, accents and spacing aside). */
  byIdNumber: Map<string, Person>;
  byName: Map<string, Person[]>;
  /** Models: by name key + ward; their members' name keys. */
  models: Map<string, { id: string; name: string }>;
  /** Rows of this file seen so far: ID numbers and person/model keys, to catch repeats within the file. */
  seen: Map<string, number>;
  /** Records an earlier row of the file was matched to, and that row. */
  claimed: Map<string, number>;
  /** Records the officer merged into another, by folded name: a row naming one is that other record, already there. */
  mergedAway: Map<string, (Person & { keptName: string })[]>;
  /** People of the file's earlier new rows, by folded name: a row resembling one is a likely duplicate. */
  fileNamesakes: Map<string, (Resembling & { rowNumber: number })[]>;
  /** Rows imported without their (invalid) ID number, as the officer chose. */
  withoutId: Set<number>;
}

export async function loadLookup(ctx: Context, input: Pick<AnalyseInput, 'register' | 'catalogueChoices' | 'withoutId'>): Promise<Lookup> {
  const catalogues = await loadCatalogueValues(ctx, input.catalogueChoices ?? []);
  const neighbourhoods = await ctx.db.selectFrom('neighbourhoods').select(['id', 'wardId']).where('deletedAt', 'is', null).execute();
  const grouped = await ctx.db.selectFrom('subjectCategories').select('id').where('usesGroups', '=', 1).execute();
  const lookup: Lookup = {
    catalogues,
    // The live khu phố (the services refuse a trashed one too).
    neighbourhoodWard: new Map(neighbourhoods.map((row) => [row.id, row.wardId])),
    categoriesWithGroups: new Set(grouped.map((row) => row.id)),
    byIdNumber: new Map(),
    byName: new Map(),
    models: new Map(),
    seen: new Map(),
    claimed: new Map(),
    mergedAway: new Map(),
    fileNamesakes: new Map(),
    withoutId: new Set(input.withoutId ?? []),
  };
  if (input.register === 'subjects') {
    const people = await ctx.db.selectFrom('subjects').select(['id', 'fullName', 'nameFold', 'birthDate', 'birthYear', 'idNumber', 'wardId']).where('deletedAt', 'is', null).execute();
    for (const { nameFold, ...person } of people) {
      if (person.idNumber) lookup.byIdNumber.set(person.idNumber, person);
      lookup.byName.set(nameFold, [...(lookup.byName.get(nameFold) ?? []), person]);
    }
    const merged = await ctx.db
      .selectFrom('subjects as m')
      .innerJoin('subjects as k', 'k.id', 'm.mergedInto')
      .select(['m.id', 'm.fullName', 'm.nameFold', 'm.birthDate', 'm.birthYear', 'm.idNumber', 'm.wardId', 'k.fullName as keptName'])
      .execute();
    for (const { nameFold, ...person } of merged) lookup.mergedAway.set(nameFold, [...(lookup.mergedAway.get(nameFold) ?? []), person]);
  } else {
    const models = await ctx.db.selectFrom('models').select(['id', 'name', 'wardId']).where('deletedAt', 'is', null).execute();
    for (const model of models) lookup.models.set(modelKey(model.name, model.wardId), { id: model.id, name: model.name });
  }
  return lookup;
}

export const modelKey = (name: string, wardId: string) => `${labelKey(name)}\u0001${wardId}`;
