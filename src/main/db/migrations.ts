/**
 * Schema migrations, listed statically (the main process is bundled: no folder to scan).
 * Append only: a released migration is never edited. The schema version is their count.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { DEFAULT_HELPER_ORGS, DEFAULT_MODEL_TYPES, DEFAULT_SUBJECT_CATEGORIES, DEFAULT_WARDS } from '../../shared/catalogues';
import { collationKey } from '../../shared/text';
import { DEFAULT_AWARD_FORMS } from '../../shared/awards';
import { SYSTEM_USER } from './system-user';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
type AnyDb = Kysely<any>;

const stamped = `
  created_at text not null,
  updated_at text not null,
  created_by text not null,
  updated_by text not null,
  deleted_at text`;

const initialSchema: Migration = {
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
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};

const seedCatalogues: Migration = {
  async up(db: AnyDb) {
    const now = new Date().toISOString();
    const stamps = { createdAt: now, updatedAt: now, createdBy: SYSTEM_USER.id, updatedBy: SYSTEM_USER.id };
    await db
      .insertInto('users')
      .values({ id: SYSTEM_USER.id, username: SYSTEM_USER.username, displayName: SYSTEM_USER.displayName, role: SYSTEM_USER.role, ...stamps })
      .execute();
    await db
      .insertInto('modelTypes')
      .values(DEFAULT_MODEL_TYPES.map((type) => ({ id: crypto.randomUUID(), name: type.name, description: type.description ?? null, active: 1, sortKey: collationKey(type.name), ...stamps })))
      .execute();
    await db
      .insertInto('wards')
      .values(
        DEFAULT_WARDS.map((ward) => ({
          id: crypto.randomUUID(),
          name: ward.name,
          parentUnit: ward.parentUnit ?? null,
          active: ward.active === false ? 0 : 1,
          note: ward.note ?? null,
          sortKey: collationKey(ward.name),
          ...stamps,
        })),
      )
      .execute();
  },
};

/** Covering indexes for the register's counts (by type, ward, status) over live or trashed rows. */
const countIndexes: Migration = {
  async up(db: AnyDb) {
    for (const column of ['type_id', 'ward_id', 'status']) {
      await sql.raw(`create index models_live_${column} on models (deleted_at, ${column}, member_count)`).execute(db);
    }
  },
};

/**
 * The register of assisted individuals, their periodic reviews and status history, and its catalogues.
 * Sized for 100.000 people and a million reviews (see bench/subjects.bench.ts):
 * - `seq` is an INTEGER PRIMARY KEY (the rowid, which VACUUM never renumbers) so the search index can
 *   point at rows; `id` (the UUID every other table and the API use) is unique.
 * - `subjects_search` is an FTS5 trigram index over `search_text` of the live rows (not the trash),
 *   kept in step by triggers: a search term of 3 characters or more is a substring lookup in it.
 *   Being live rows only, it must not be 'rebuild'-ed from the table (that would index the trash),
 *   and FTS5's content-comparing 'integrity-check' (rank 1) reports the trash; PRAGMA integrity_check
 *   is unaffected.
 * - `subjects_live_sort` walks the register in roster order with every filter column and the search
 *   text in the index, so a page (even 50.000 rows deep) is picked without reading the table;
 *   `subjects_live_ward` and `subjects_live_category` do the same within a ward or a category (and
 *   cover the counts under any filter); `subjects_live_by_*` serve the other sortable columns (ties in
 *   roster order).
 */
const subjectsSchema: Migration = {
  async up(db: AnyDb) {
    const statements = [
      `create table subject_categories (id text primary key, name text not null, uses_groups integer not null default 0,
        active integer not null default 1, sort_key text not null default '', ${stamped})`,
      `create table helper_orgs (id text primary key, name text not null, active integer not null default 1,
        sort_key text not null default '', ${stamped})`,
      `create table subjects (seq integer primary key, id text not null unique, full_name text not null, alias text,
        gender text not null check (gender in ('nam','nu')), birth_date text, birth_year integer, birth_sort text,
        id_number text, phone text, permanent_address text, current_address text,
        ward_id text not null references wards(id), neighbourhood_id text references neighbourhoods(id),
        category_id text not null references subject_categories(id), reintegration_group text check (reintegration_group in ('A','B','C','D')),
        history text, start_date text not null, planned_end_date text, decision_number text, decision_date text, decision_issuer text,
        helper_name text, helper_org_id text references helper_orgs(id), helper_phone text,
        status text not null check (status in ('dang_giup_do','da_tien_bo','tai_pham','chuyen_di','da_chet','ket_thuc')),
        last_review_on text, review_anchor text not null, name_fold text not null, search_text text not null, sort_key text not null,
        merged_into text references subjects(id), ${stamped})`,
      `create index subjects_live_sort on subjects (deleted_at, sort_key, id, ward_id, status, category_id, reintegration_group, helper_org_id,
        start_date, search_text)`,
      `create index subjects_live_ward on subjects (deleted_at, ward_id, sort_key, id, status, category_id, reintegration_group, helper_org_id, start_date)`,
      `create index subjects_live_category on subjects (deleted_at, category_id, sort_key, id, status, ward_id, reintegration_group, helper_org_id,
        start_date)`,
      ...['birth_sort', 'start_date', 'planned_end_date', 'last_review_on', 'updated_at'].map(
        (column) => `create index subjects_live_by_${column} on subjects (deleted_at, ${column}, sort_key, id)`,
      ),
      `create index subjects_id_number on subjects (id_number) where id_number is not null`,
      `create index subjects_duplicates on subjects (name_fold, birth_year, ward_id)`,
      `create index subjects_due on subjects (deleted_at, status, review_anchor)`,
      `create index subjects_ending on subjects (deleted_at, status, planned_end_date)`,
      `create virtual table subjects_search using fts5(search_text, content = 'subjects', content_rowid = 'seq', tokenize = 'trigram', detail = 'full')`,
      `create trigger subjects_search_insert after insert on subjects when new.deleted_at is null begin
        insert into subjects_search (rowid, search_text) values (new.seq, new.search_text);
      end`,
      `create trigger subjects_search_update after update of search_text, deleted_at on subjects begin
        insert into subjects_search (subjects_search, rowid, search_text) select 'delete', old.seq, old.search_text where old.deleted_at is null;
        insert into subjects_search (rowid, search_text) select new.seq, new.search_text where new.deleted_at is null;
      end`,
      `create trigger subjects_search_delete after delete on subjects when old.deleted_at is null begin
        insert into subjects_search (subjects_search, rowid, search_text) values ('delete', old.seq, old.search_text);
      end`,
      `create table subject_reviews (id text primary key, subject_id text not null references subjects(id), reviewed_on text not null,
        period text, result text not null check (result in ('tien_bo','chua_tien_bo','vi_pham')), job_situation text, notes text,
        reviewer text, ${stamped})`,
      `create index subject_reviews_subject on subject_reviews (subject_id, deleted_at, reviewed_on)`,
      `create table subject_status_changes (id text primary key, subject_id text not null references subjects(id),
        from_status text, to_status text not null, changed_on text not null, reason text, created_at text not null, created_by text not null)`,
      `create index subject_status_changes_subject on subject_status_changes (subject_id, changed_on)`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
    const now = new Date().toISOString();
    const stamps = { createdAt: now, updatedAt: now, createdBy: SYSTEM_USER.id, updatedBy: SYSTEM_USER.id };
    await db
      .insertInto('subjectCategories')
      .values(DEFAULT_SUBJECT_CATEGORIES.map((category) => ({ id: crypto.randomUUID(), name: category.name, usesGroups: category.usesGroups ? 1 : 0, active: 1, sortKey: collationKey(category.name), ...stamps })))
      .execute();
    await db
      .insertInto('helperOrgs')
      .values(DEFAULT_HELPER_ORGS.map((org) => ({ id: crypto.randomUUID(), name: org.name, active: 1, sortKey: collationKey(org.name), ...stamps })))
      .execute();
  },
};

/** Award rounds, nominations with their status history, and the catalogue of award forms. */
const awardsSchema: Migration = {
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
    for (const statement of statements) await sql.raw(statement).execute(db);
    const now = new Date().toISOString();
    const stamps = { createdAt: now, updatedAt: now, createdBy: SYSTEM_USER.id, updatedBy: SYSTEM_USER.id };
    await db
      .insertInto('awardForms')
      .values(DEFAULT_AWARD_FORMS.map((form, index) => ({ id: crypto.randomUUID(), name: form.name, active: 1, sortKey: String(index).padStart(3, '0'), ...stamps })))
      .execute();
  },
};

/**
 * The history of backups: every attempt (good or failed) with where the file went, what it held and,
 * for automatic ones, when rotation removed the file. Only rows of kind 'automatic' are ever rotated.
 */
const backupsSchema: Migration = {
  async up(db: AnyDb) {
    await sql
      .raw(
        `create table backups (id text primary key, kind text not null check (kind in ('manual','automatic','safety')),
        file text not null, created_at text not null, bytes integer not null default 0, encrypted integer not null default 0,
        status text not null check (status in ('ok','failed')), error text, counts_json text, removed_at text,
        created_by text not null)`,
      )
      .execute(db);
    await sql.raw(`create index backups_created on backups (created_at)`).execute(db);
  },
};

/**
 * What imports and the duplicates page learn from the officer: other names of a catalogue entry ("Sau
 * cai nghiện" for "Người sau cai nghiện ma túy"), learnt when an import's value is mapped to the entry so
 * the next import matches it directly; and pairs of individuals said to be two people.
 */
const importLearning: Migration = {
  async up(db: AnyDb) {
    await sql
      .raw(
        `create table catalogue_aliases (id text primary key,
        catalogue text not null check (catalogue in ('wards','neighbourhoods','modelTypes','subjectCategories','helperOrgs')),
        entry_id text not null, alias text not null, ${stamped})`,
      )
      .execute(db);
    await sql.raw(`create index catalogue_aliases_entry on catalogue_aliases (catalogue, entry_id)`).execute(db);
    // Pairs of individuals an officer said are two people: the duplicates page no longer lists them.
    await sql
      .raw(
        `create table subject_distinct_pairs (subject_a text not null references subjects(id), subject_b text not null references subjects(id),
        created_at text not null, created_by text not null, primary key (subject_a, subject_b))`,
      )
      .execute(db);
  },
};

/**
 * What a model's papers say beside what the register lists: the member count they declare ("18 người"),
 * kept apart from `member_count` (the members listed, which the count indexes cover), and a founding
 * date known only to the month or the year. `founded_on` keeps its ISO text, now of the precision known:
 * "2014", "2016-03" or "2016-03-05" (text order is still time order). Rows stored so far hold full dates
 * and stay as they are: a "01/01" once written for a year alone cannot be told from a real 1 January.
 * Nothing was ever stored of a declared count, so it starts empty.
 */
const modelDeclaredCounts: Migration = {
  async up(db: AnyDb) {
    await sql.raw(`alter table models add column declared_member_count integer check (declared_member_count is null or declared_member_count >= 0)`).execute(db);
  },
};

export const migrations: Record<string, Migration> = {
  '0001_initial_schema': initialSchema,
  '0002_seed_catalogues': seedCatalogues,
  '0003_count_indexes': countIndexes,
  '0004_subjects': subjectsSchema,
  '0005_awards': awardsSchema,
  '0006_backups': backupsSchema,
  '0007_import_learning': importLearning,
  // Kysely runs migrations in name order and refuses a database where one ran after a missing one:
  // a new migration's name sorts after every released one.
  '0008_model_declared_counts': modelDeclaredCounts,
};

export const SCHEMA_VERSION = Object.keys(migrations).length;
