import type { Migration } from 'kysely/migration';
import { type AnyDb, run } from './run';

/**
 * Accounts that sign in: a password (scrypt, its parameters and salt in the stored text), a forced change
 * after an administrator's reset, the wrong passwords in a row and the lock they cause, and when the
 * account was disabled (never deleted: the audit keeps its name). `kind` tells people from the seeded
 * built-in account and the command line's accounts (one per operating-system user), which never sign in.
 */
export const accounts: Migration = {
  async up(db: AnyDb) {
    for (const statement of [
      `alter table users add column password_hash text`,
      `alter table users add column must_change_password integer not null default 0`,
      `alter table users add column failed_sign_ins integer not null default 0`,
      `alter table users add column locked_until text`,
      `alter table users add column disabled_at text`,
      `alter table users add column kind text not null default 'person' check (kind in ('person','system','cli'))`,
      `update users set kind = 'system' where id = '00000000-0000-4000-8000-000000000001'`,
    ]) {
      await run(db, statement);
    }
  },
};
