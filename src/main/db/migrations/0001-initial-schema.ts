import type { Migration } from 'kysely/migration';
import { type AnyDb, run, stamped } from './run';

export const initialSchema: Migration = {
  async up(db: AnyDb) {
    const statements = [
      `create table users (id text primary key, username text not null unique, display_name text not null,
        role text not null check (role in ('admin','editor','viewer')), ${stamped})`,
      `create table settings (key text primary key, value text not null, updated_at text not null, updated_by text not null)`,
      `create table audit_log (id text primary key, at text not null, user_id text not null, entity text not null,
        entity_id text not null, action text not null, before_json text, after_json text)`,
      `create index audit_log_entity on audit_log (entity, entity_id, at)`,
      `create table wards (id text primary key, name text not null, parent_unit text, active integer not null default 1,
        note text, sort_key text not null default '', ${stamped})`,
      `create table neighbourhoods (id text primary key, ward_id text not null references wards(id), name text not null,
        active integer not null default 1, sort_key text not null default '', ${stamped})`,
      `create index neighbourhoods_ward on neighbourhoods (ward_id)`,
      `create table model_types (id text primary key, name text not null, description text,
        active integer not null default 1, sort_key text not null default '', ${stamped})`,
      `create table models (id text primary key, name text not null, type_id text not null references model_types(id),
        ward_id text not null references wards(id), neighbourhood_id text references neighbourhoods(id), address text,
        founded_on text, founding_decision text, leader_name text, leader_phone text,
        status text not null check (status in ('hoat_dong','tam_ngung','giai_the')), note text,
        member_count integer not null default 0, search_text text not null, sort_key text not null, ${stamped})`,
      `create index models_live_sort on models (deleted_at, sort_key, search_text)`,
      `create index models_type on models (type_id)`,
      `create index models_ward on models (ward_id)`,
      `create table model_members (id text primary key, model_id text not null references models(id), full_name text not null,
        role text, phone text, address text, sort_key text not null, ${stamped})`,
      `create index model_members_model on model_members (model_id, deleted_at, sort_key)`,
      `create table model_evaluations (id text primary key, model_id text not null references models(id),
        year integer not null, rating text not null check (rating in ('tot','kha','trung_binh','yeu')),
        tips_passed integer not null default 0, offenders_caught integer not null default 0,
        incidents_prevented integer not null default 0, notes text, ${stamped})`,
      `create unique index model_evaluations_year on model_evaluations (model_id, year) where deleted_at is null`,
      `create table model_status_changes (id text primary key, model_id text not null references models(id),
        from_status text, to_status text not null, changed_on text not null, reason text,
        created_at text not null, created_by text not null)`,
      `create index model_status_changes_model on model_status_changes (model_id, changed_on)`,
    ];
    for (const statement of statements) await run(db, statement);
  },
};
