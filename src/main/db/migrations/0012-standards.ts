import type { Migration } from 'kysely/migration';
import { type AnyDb, run, stamped } from './run';

/**
 * The yearly standard "An toàn về an ninh, trật tự" per unit (a ward, a khu phố, an agency, enterprise or
 * school) with its result and decision, and the movement's yearly 100-point sheet per ward and khu phố.
 */
export const standards: Migration = {
  async up(db: AnyDb) {
    for (const statement of [
      `create table security_standards (id text primary key, year integer not null,
        unit_kind text not null check (unit_kind in ('phuong','khu_pho','co_quan','doanh_nghiep','truong_hoc')),
        ward_id text not null references wards(id), neighbourhood_id text references neighbourhoods(id), unit_name text,
        result text not null check (result in ('dang_ky','khong_dat','dat')), decision_number text, decision_date text, note text, ${stamped})`,
      `create index security_standards_year on security_standards (year, unit_kind) where deleted_at is null`,
      // One live entry a unit a year, whatever reaches the table (the service says so in words first).
      `create unique index security_standards_one on security_standards (year, unit_kind, ward_id, coalesce(neighbourhood_id, ''), coalesce(unit_name, '')) where deleted_at is null`,
      `create table movement_scores (id text primary key, year integer not null, level text not null check (level in ('phuong','khu_pho')),
        ward_id text not null references wards(id), neighbourhood_id text references neighbourhoods(id),
        score real not null check (score >= 0 and score <= 100), submitted_on text, note text, ${stamped})`,
      `create index movement_scores_year on movement_scores (year, level) where deleted_at is null`,
      `create unique index movement_scores_one on movement_scores (year, level, ward_id, coalesce(neighbourhood_id, '')) where deleted_at is null`,
    ]) {
      await run(db, statement);
    }
  },
};
