import type { Migration } from 'kysely/migration';
import { type AnyDb, insertCatalogueRows, run, type SeedRow, stamped } from './run';

/** Award rounds, nominations with their status history, and the catalogue of award forms. */
export const awardsSchema: Migration = {
  async up(db: AnyDb) {
    const statements = [
      `create table award_forms (id text primary key, name text not null, active integer not null default 1,
        sort_key text not null default '', ${stamped})`,
      `create table award_rounds (id text primary key, name text not null, occasion text, period_from integer not null,
        period_to integer not null, deadline text, authority text, status text not null check (status in ('open','closed')),
        closed_at text, ${stamped})`,
      `create table nominations (id text primary key, round_id text not null references award_rounds(id),
        kind text not null check (kind in ('tap_the','ca_nhan')), model_id text references models(id),
        member_id text references model_members(id), nominee_name text not null, nominee_key text not null,
        gender text, birth_year integer, position text, unit text, ward_id text references wards(id),
        form_id text not null references award_forms(id), proposed_authority text, achievement text,
        tips_provided integer not null default 0, cases_helped integer not null default 0, years_active integer not null default 0,
        status text not null check (status in ('du_thao','da_trinh','duoc_duyet','khong_duyet','da_trao')),
        decision_number text, decision_date text, search_text text not null, sort_key text not null, ${stamped})`,
      `create unique index nominations_round_nominee on nominations (round_id, nominee_key) where deleted_at is null`,
      `create index nominations_nominee on nominations (nominee_key)`,
      `create index nominations_model on nominations (model_id)`,
      `create index nominations_live_sort on nominations (deleted_at, round_id, kind, sort_key)`,
      `create table nomination_status_changes (id text primary key, nomination_id text not null references nominations(id),
        from_status text, to_status text not null, changed_on text not null, reason text, decision_number text, decision_date text,
        created_at text not null, created_by text not null)`,
      `create index nomination_status_changes_nomination on nomination_status_changes (nomination_id, changed_on)`,
    ];
    for (const statement of statements) await run(db, statement);
    const now = new Date().toISOString();
    // The forms of award of the Law on Emulation and Commendation 2022 most used at ward and district
    // level, in the law's order, which their sort keys keep.
    const awardForms: SeedRow[] = [
      { name: 'Giấy khen', active: 1, sort_key: '000' },
      { name: 'Bằng khen', active: 1, sort_key: '001' },
      { name: 'Kỷ niệm chương', active: 1, sort_key: '002' },
      { name: 'Huy chương', active: 1, sort_key: '003' },
      { name: 'Huân chương', active: 1, sort_key: '004' },
    ];
    await insertCatalogueRows(db, 'award_forms', awardForms, now);
  },
};
