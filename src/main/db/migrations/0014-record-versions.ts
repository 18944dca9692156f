import type { Migration } from 'kysely/migration';
import { type AnyDb, run } from './run';

/**
 * A version on every record, one more at each save (services/context.ts updateStamps): a form sends the
 * version it opened, and a save over a record someone else saved since is refused (services/versions.ts).
 * The time of the last save is no version: two saves may fall in one millisecond, and PCs' clocks differ.
 */
const VERSIONED_TABLES = [
  'users', 'wards', 'neighbourhoods', 'model_types', 'models', 'model_members', 'model_evaluations', 'subject_categories', 'helper_orgs', 'subjects',
  'subject_reviews', 'award_forms', 'award_rounds', 'nominations', 'catalogue_aliases', 'programmes', 'activities', 'tips', 'security_standards', 'movement_scores',
];
export const recordVersions: Migration = {
  async up(db: AnyDb) {
    for (const table of VERSIONED_TABLES) await run(db, `alter table ${table} add column version integer not null default 1`);
  },
};
