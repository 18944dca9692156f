import type { Migration } from 'kysely/migration';
import { type AnyDb, run } from './run';

/**
 * What a model's papers say beside what the register lists: the member count they declare ("18 người"),
 * kept apart from `member_count` (the members listed, which the count indexes cover), and a founding
 * date known only to the month or the year. `founded_on` keeps its ISO text, now of the precision known:
 * "2014", "2016-03" or "2016-03-05" (text order is still time order). Rows stored so far hold full dates
 * and stay as they are: a "01/01" once written for a year alone cannot be told from a real 1 January.
 * Nothing was ever stored of a declared count, so it starts empty.
 */
export const modelDeclaredCounts: Migration = {
  async up(db: AnyDb) {
    await run(db, `alter table models add column declared_member_count integer check (declared_member_count is null or declared_member_count >= 0)`);
  },
};
