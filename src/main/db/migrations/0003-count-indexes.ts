import type { Migration } from 'kysely/migration';
import { type AnyDb, run } from './run';

/** Covering indexes for the register's counts (by type, ward, status) over live or trashed rows. */
export const countIndexes: Migration = {
  async up(db: AnyDb) {
    for (const column of ['type_id', 'ward_id', 'status']) {
      await run(db, `create index models_live_${column} on models (deleted_at, ${column}, member_count)`);
    }
  },
};
