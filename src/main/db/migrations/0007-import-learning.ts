import type { Migration } from 'kysely/migration';
import { type AnyDb, run, stamped } from './run';

/**
 * What imports and the duplicates page learn from the officer: other names of a catalogue entry ("Sau
 * cai nghiện" for "Người sau cai nghiện ma túy"), learnt when an import's value is mapped to the entry so
 * the next import matches it directly; and pairs of individuals said to be two people.
 */
export const importLearning: Migration = {
  async up(db: AnyDb) {
    await run(db, `create table catalogue_aliases (id text primary key,
        catalogue text not null check (catalogue in ('wards','neighbourhoods','modelTypes','subjectCategories','helperOrgs')),
        entry_id text not null, alias text not null, ${stamped})`);
    await run(db, `create index catalogue_aliases_entry on catalogue_aliases (catalogue, entry_id)`);
    // Pairs of individuals an officer said are two people: the duplicates page no longer lists them.
    await run(db, `create table subject_distinct_pairs (subject_a text not null references subjects(id), subject_b text not null references subjects(id),
        created_at text not null, created_by text not null, primary key (subject_a, subject_b))`);
  },
};
