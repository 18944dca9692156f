import type { Migration } from 'kysely/migration';
import { type AnyDb, run } from './run';

/**
 * Gathering ward files (services/merge): for each record a merge took from a file, the record's version in
 * that file and here just after the merge (versions, not save times: the two PCs' clocks differ). At the
 * next merge of that ward's file, a record changed since on one side only is taken from that side; changed
 * on both, it waits in merge_conflicts, with the file's version of it, for the officer to decide.
 */
export const mergedRecords: Migration = {
  async up(db: AnyDb) {
    for (const statement of [
      `create table merged_records (source text not null, table_name text not null, record_id text not null,
        source_version integer not null, local_version integer not null, primary key (source, table_name, record_id))`,
      `create table merge_conflicts (source text not null, table_name text not null, record_id text not null,
        source_file text not null, theirs_json text not null, found_at text not null, primary key (source, table_name, record_id))`,
    ]) {
      await run(db, statement);
    }
  },
};
