import type { Migration } from 'kysely/migration';
import { type AnyDb, run } from './run';

/**
 * The history of backups: every attempt (good or failed) with where the file went, what it held and,
 * for automatic ones, when rotation removed the file. Only rows of kind 'automatic' are ever rotated.
 */
export const backupsSchema: Migration = {
  async up(db: AnyDb) {
    await run(db, `create table backups (id text primary key, kind text not null check (kind in ('manual','automatic','safety')),
        file text not null, created_at text not null, bytes integer not null default 0, encrypted integer not null default 0,
        status text not null check (status in ('ok','failed')), error text, counts_json text, removed_at text,
        created_by text not null)`);
    await run(db, `create index backups_created on backups (created_at)`);
  },
};
