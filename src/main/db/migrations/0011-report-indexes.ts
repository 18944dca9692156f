import type { Migration } from 'kysely/migration';
import { type AnyDb, run } from './run';

/**
 * The period report's indexes (issue 17): it sums the live sessions and campaigns of a period by kind,
 * counts the live tips of a period and the people helped in it, over a million entries; these cover those
 * reads whole (a row lookup each would cost more than the sum).
 */
export const reportIndexes: Migration = {
  async up(db: AnyDb) {
    for (const statement of [
      `create index activities_report on activities (deleted_at, kind, period, ward_id, programme_id, events, participants)`,
      // Serves the tips register's date filter too, so it replaces the narrower index.
      `create index tips_report on tips (deleted_at, received_on, ward_id, valuable, case_handled)`,
      `drop index tips_live_received`,
      `create index subjects_report on subjects (deleted_at, start_date, merged_into, category_id, status, id, ward_id)`,
      // A person's status on a day (the last change up to it), read from the index alone; it serves the narrower index's reads too.
      `create index subject_status_on_day on subject_status_changes (subject_id, changed_on, to_status, created_at)`,
      `drop index subject_status_changes_subject`,
    ]) {
      await run(db, statement);
    }
  },
};
