/**
 * Schema migrations, listed statically (the main process is bundled: no folder to scan).
 * Append only: a released migration is never edited. The schema version is their count.
 *
 * Migrations are frozen: each carries the data it seeds as literals and imports nothing of today's
 * code (no catalogue constants, no text helpers, no table types), so what a migration does can never
 * change when a constant or a helper does. A sort key a migration wrote is a literal here, computed by
 * `collationKey` when the migration was frozen; if the collation changes, a new migration recomputes
 * the keys. tests/unit/migrations-frozen.test.ts compares a fresh database with a committed snapshot.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
type AnyDb = Kysely<any>;

const stamped = `
  created_at text not null,
  updated_at text not null,
  created_by text not null,
  updated_by text not null,
  deleted_at text`;

/**
 * The one account migration 0002 creates, which every seeded row names as its author. A literal (not
 * db/system-user.ts's SYSTEM_USER, which must keep this id): a migration never reads today's code.
 */
const SEED_USER = { id: '00000000-0000-4000-8000-000000000001', username: 'quantri', display_name: 'Quản trị', role: 'admin' };

type SeedRow = Record<string, string | number | null>;

/** The stamps of a seeded row: written now, by the seed account. */
const seedStamps = (now: string): SeedRow => ({ created_at: now, updated_at: now, created_by: SEED_USER.id, updated_by: SEED_USER.id });

/**
 * Inserts rows given with the table's own column names, in order. Plain SQL, not Kysely's query
 * builder, whose identifiers pass through the plugins of whichever instance runs the migration.
 * Frozen like the migrations that call it: a different need is a new helper.
 */
async function insertSeedRows(db: AnyDb, table: string, rows: SeedRow[]): Promise<void> {
  for (const row of rows) {
    const columns = Object.keys(row);
    await sql`insert into ${sql.raw(table)} (${sql.raw(columns.join(', '))}) values (${sql.join(columns.map((column) => row[column]))})`.execute(db);
  }
}

/** Catalogue rows: each with a new id and the seed's stamps. Frozen like insertSeedRows. */
const insertCatalogueRows = (db: AnyDb, table: string, rows: SeedRow[], now: string) => insertSeedRows(db, table, rows.map((row) => ({ id: crypto.randomUUID(), ...row, ...seedStamps(now) })));

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

/**
 * The seed account, the model types named in the source document (Báo cáo sơ kết 05 năm CT09, Quận 6)
 * and the wards: those that replaced Quận 6's on 01/07/2025 when Ho Chi Minh City dropped the district
 * tier, and Phường 1–14 of Quận 6 (inactive), kept for old records.
 */
const seedCatalogues: Migration = {
  async up(db: AnyDb) {
    const now = new Date().toISOString();
    await insertSeedRows(db, 'users', [{ ...SEED_USER, ...seedStamps(now) }]);
    const modelTypes: SeedRow[] = [
      { name: 'Đội công tác xã hội tình nguyện', description: 'Lực lượng tình nguyện tham gia giữ gìn trật tự, giúp đỡ người lầm lỡ.', active: 1, sort_key: '\u0106\u0113\u010c \u0104\u0113\u0111\u010a \u0119\u0100\u0104 \u011e\u0100 \u010b\u0113\u010c \u0119\u010c\u0111\u010b \u0111\u010a\u011a\u011f\u0108\u0111\u00010500000000400030050001000000050\u00011000000000000000000000000000000' },
      { name: 'Tổ xe ôm tự quản', description: 'Tổ tự quản của người chạy xe ôm, tham gia phát hiện, tố giác tội phạm.', active: 1, sort_key: '\u0119\u0113 \u011e\u0107 \u0113\u0110 \u0119\u011b \u0116\u011a\u0100\u0111\u00010200000000500020\u00011000000000000000' },
      { name: 'Nhà trọ tự quản', description: 'Chủ nhà trọ và người thuê trọ cùng tự quản về an ninh, trật tự.', active: 1, sort_key: '\u0111\u010b\u0100 \u0119\u0117\u0112 \u0119\u011b \u0116\u011a\u0100\u0111\u0001001000500500020\u0001100000000000000' },
      { name: 'Nghiệp đoàn bốc xếp tự quản', description: 'Nghiệp đoàn bốc xếp tự quản tại chợ, bến bãi.', active: 1, sort_key: '\u0111\u010a\u010b\u010c\u0108\u0115 \u0106\u0112\u0100\u0111 \u0103\u0113\u0104 \u011e\u0108\u0115 \u0119\u011b \u0116\u011a\u0100\u0111\u0001000050000100040004000500020\u0001100000000000000000000000000' },
      { name: 'Tiếng chuông báo trộm', description: 'Các hộ liên kết chuông báo động để phòng chống trộm cắp.', active: 1, sort_key: '\u0119\u010c\u0108\u0111\u010a \u0104\u010b\u011a\u0113\u0111\u010a \u0103\u0100\u0112 \u0119\u0117\u0113\u0110\u0001004000000000004000050\u0001100000000000000000000' },
    ];
    await insertCatalogueRows(db, 'model_types', modelTypes, now);
    const currentWard = { parent_unit: 'TP. Hồ Chí Minh', active: 1, note: null };
    const formerWard = { parent_unit: 'Quận 6 (trước 01/07/2025)', active: 0, note: 'Đơn vị hành chính cũ, giữ lại cho hồ sơ lập trước khi sáp nhập.' };
    const wards: SeedRow[] = [
      { name: 'Phường Bình Tiên', ...currentWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a \u0103\u010c\u0111\u010b \u0119\u010c\u0108\u0111\u00010001000010000000\u00011000000100001000' },
      { name: 'Phường Bình Tây', ...currentWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a \u0103\u010c\u0111\u010b \u0119\u0102\u011f\u0001000100001000000\u0001100000010000100' },
      { name: 'Phường Bình Phú', ...currentWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a \u0103\u010c\u0111\u010b \u0115\u010b\u011a\u0001000100001000004\u0001100000010000100' },
      { name: 'Phường Phú Lâm', ...currentWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a \u0115\u010b\u011a \u010f\u0102\u0110\u000100010000040000\u000110000001000100' },
      { name: 'Phường 1', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000001\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 2', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000002\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 3', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000003\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 4', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000004\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 5', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000005\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 6', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000006\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 7', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000007\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 8', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000008\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 9', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000009\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 10', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000010\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 11', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000011\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 12', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000012\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 13', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000013\u0001000100000000000\u0001100000000000000' },
      { name: 'Phường 14', ...formerWard, sort_key: '\u0115\u010b\u011b\u0114\u0111\u010a 00000014\u0001000100000000000\u0001100000000000000' },
    ];
    await insertCatalogueRows(db, 'wards', wards, now);
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
    // The categories named in PRODUCT.md (Decree 49/2020, 120/2021, …); groups A–D per Circular 10/2024/TT-BCA.
    const categories: SeedRow[] = [
      { name: 'Người chấp hành xong án phạt tù về địa phương', uses_groups: 1, active: 1, sort_key: '\u0111\u010a\u011b\u0114\u010c \u0104\u010b\u0102\u0115 \u010b\u0100\u0111\u010b \u011e\u0112\u0111\u010a \u0100\u0111 \u0115\u010b\u0100\u0119 \u0119\u011a \u011c\u0108 \u0106\u010c\u0100 \u0115\u010b\u011b\u0114\u0111\u010a\u0001000100004000100000000400005000100100500000000\u0001100000000000000000000000000000000000000000000' },
      { name: 'Người bị áp dụng biện pháp giáo dục tại xã, phường', uses_groups: 0, active: 1, sort_key: '\u0111\u010a\u011b\u0114\u010c \u0103\u010c \u0100\u0115 \u0105\u011a\u0111\u010a \u0103\u010c\u0108\u0111 \u0115\u010b\u0100\u0115 \u010a\u010c\u0100\u0112 \u0105\u011a\u0104 \u0119\u0100\u010c \u011e\u0100\u102c \u0115\u010b\u011b\u0114\u0111\u010a\u000100010005040005000005000040000400050005000300000100\u000110000000000000000000000000000000000000000000000000' },
      { name: 'Người sau cai nghiện ma túy', uses_groups: 0, active: 1, sort_key: '\u0111\u010a\u011b\u0114\u010c \u0118\u0100\u011a \u0104\u0100\u010c \u0111\u010a\u010b\u010c\u0108\u0111 \u0110\u0100 \u0119\u011a\u011f\u0001000100000000000000500000040\u0001100000000000000000000000000' },
      { name: 'Người chưa thành niên vi phạm pháp luật', uses_groups: 0, active: 1, sort_key: '\u0111\u010a\u011b\u0114\u010c \u0104\u010b\u011b\u0100 \u0119\u010b\u0100\u0111\u010b \u0111\u010c\u0108\u0111 \u011c\u010c \u0115\u010b\u0100\u0110 \u0115\u010b\u0100\u0115 \u010f\u011a\u0102\u0119\u0001000100000000010000000000000500004000050\u0001100000000000000000000000000000000000000' },
      { name: 'Đối tượng khác', uses_groups: 0, active: 1, sort_key: '\u0106\u0113\u010c \u0119\u011b\u0114\u0111\u010a \u010e\u010b\u0100\u0104\u000104000050000040\u000110000000000000' },
    ];
    await insertCatalogueRows(db, 'subject_categories', categories, now);
    const helperOrgs: SeedRow[] = [
      { name: 'Công an khu vực', active: 1, sort_key: '\u0104\u0113\u0111\u010a \u0100\u0111 \u010e\u010b\u011a \u011c\u011b\u0104\u0001000000000000050\u0001100000000000000' },
      { name: 'Hội Liên hiệp Phụ nữ', active: 1, sort_key: '\u010b\u0113\u010c \u010f\u010c\u0108\u0111 \u010b\u010c\u0108\u0115 \u0115\u010b\u011a \u0111\u011b\u000105000000000500005003\u000110001000000000100000' },
      { name: 'Đoàn Thanh niên', active: 1, sort_key: '\u0106\u0112\u0100\u0111 \u0119\u010b\u0100\u0111\u010b \u0111\u010c\u0108\u0111\u0001001000000000000\u0001100001000000000' },
      { name: 'Ban công tác Mặt trận khu phố', active: 1, sort_key: '\u0103\u0100\u0111 \u0104\u0113\u0111\u010a \u0119\u0100\u0104 \u0110\u0101\u0119 \u0119\u0117\u0102\u0111 \u010e\u010b\u011a \u0115\u010b\u0113\u000100000000004000500005000000004\u000110000000000001000000000000000' },
      { name: 'Gia đình', active: 1, sort_key: '\u010a\u010c\u0100 \u0106\u010c\u0111\u010b\u000100000100\u000110000000' },
    ];
    await insertCatalogueRows(db, 'helper_orgs', helperOrgs, now);
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

/**
 * Accounts that sign in: a password (scrypt, its parameters and salt in the stored text), a forced change
 * after an administrator's reset, the wrong passwords in a row and the lock they cause, and when the
 * account was disabled (never deleted: the audit keeps its name). `kind` tells people from the seeded
 * built-in account and the command line's accounts (one per operating-system user), which never sign in.
 */
const accounts: Migration = {
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
      await sql.raw(statement).execute(db);
    }
  },
};

/**
 * The movement's activities (issue 17): propaganda sessions (buổi sinh hoạt tuyên truyền) and campaigns
 * (cuộc vận động), each one event on a day or the total of a month for a ward, which `events` says how
 * many events it stands for; `period` is "yyyy-mm-dd" or "yyyy-mm" (text order is time order). Campaigns
 * belong to a programme, from an editable catalogue seeded with the three the district reports on.
 * Tips from the public (tin báo): when, where, by which channel (a model's, linked to it), whether the
 * police found it of value and whether it led to a case handled.
 */
const activities: Migration = {
  async up(db: AnyDb) {
    for (const statement of [
      `create table programmes (id text primary key, name text not null, active integer not null default 1,
        sort_key text not null default '', ${stamped})`,
      `create table activities (id text primary key, kind text not null check (kind in ('tuyen_truyen','van_dong')),
        period text not null, events integer not null default 1 check (events >= 1),
        ward_id text not null references wards(id), neighbourhood_id text references neighbourhoods(id),
        topic text, programme_id text references programmes(id), organiser text, model_id text references models(id),
        participants integer not null default 0 check (participants >= 0), note text, ${stamped})`,
      `create index activities_live_period on activities (deleted_at, period)`,
      `create index activities_ward on activities (ward_id, period)`,
      `create index activities_model on activities (model_id)`,
      `create table tips (id text primary key, received_on text not null, ward_id text not null references wards(id),
        neighbourhood_id text references neighbourhoods(id),
        channel text not null check (channel in ('truc_tiep','dien_thoai','zalo','mo_hinh','khac')), model_id text references models(id),
        summary text not null, valuable integer not null default 0, case_handled integer not null default 0, case_reference text,
        note text, ${stamped})`,
      `create index tips_live_received on tips (deleted_at, received_on)`,
      `create index tips_ward on tips (ward_id, received_on)`,
      `create index tips_model on tips (model_id, received_on)`,
    ]) {
      await sql.raw(statement).execute(db);
    }
    // In the order the district's reports list them, which their sort keys keep.
    await insertCatalogueRows(db, 'programmes', [
      { name: 'Phòng, chống tội phạm xâm hại trẻ em, tội phạm trong lứa tuổi vị thành niên', active: 1, sort_key: '000' },
      { name: 'Chương trình quốc gia phòng, chống ma túy', active: 1, sort_key: '001' },
      { name: 'Chương trình mục tiêu 3 giảm', active: 1, sort_key: '002' },
    ], new Date().toISOString());
  },
};

/**
 * The period report's indexes (issue 17): it sums the live sessions and campaigns of a period by kind,
 * counts the live tips of a period and the people helped in it, over a million entries; these cover those
 * reads whole (a row lookup each would cost more than the sum).
 */
const reportIndexes: Migration = {
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
      await sql.raw(statement).execute(db);
    }
  },
};

/**
 * The yearly standard "An toàn về an ninh, trật tự" per unit (a ward, a khu phố, an agency, enterprise or
 * school) with its result and decision, and the movement's yearly 100-point sheet per ward and khu phố.
 */
const standards: Migration = {
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
      await sql.raw(statement).execute(db);
    }
  },
};

/**
 * The search index of many new people built once, not row by row: while a row of `search_deferred` exists
 * (only inside a bulk write's own transaction, db/bulk.ts), new subjects skip the per-row search trigger and
 * the writer indexes them in one statement before its commit. FTS5 flushes its pending terms at every
 * statement of a trigger, so row by row made a segment per statement: 50.000 people took 7 s, at once 0,4 s.
 */
const deferredSearch: Migration = {
  async up(db: AnyDb) {
    for (const statement of [
      `create table search_deferred (from_seq integer not null)`,
      `drop trigger subjects_search_insert`,
      `create trigger subjects_search_insert after insert on subjects when new.deleted_at is null and not exists (select 1 from search_deferred) begin
        insert into subjects_search (rowid, search_text) values (new.seq, new.search_text);
      end`,
    ]) {
      await sql.raw(statement).execute(db);
    }
  },
};

/**
 * A version on every record, one more at each save (services/context.ts updateStamps): a form sends the
 * version it opened, and a save over a record someone else saved since is refused (services/versions.ts).
 * The time of the last save is no version: two saves may fall in one millisecond, and PCs' clocks differ.
 */
const VERSIONED_TABLES = [
  'users', 'wards', 'neighbourhoods', 'model_types', 'models', 'model_members', 'model_evaluations', 'subject_categories', 'helper_orgs', 'subjects',
  'subject_reviews', 'award_forms', 'award_rounds', 'nominations', 'catalogue_aliases', 'programmes', 'activities', 'tips', 'security_standards', 'movement_scores',
];
const recordVersions: Migration = {
  async up(db: AnyDb) {
    for (const table of VERSIONED_TABLES) await sql.raw(`alter table ${table} add column version integer not null default 1`).execute(db);
  },
};

/**
 * Gathering ward files (services/merge): for each record a merge took from a file, the record's version in
 * that file and here just after the merge (versions, not save times: the two PCs' clocks differ). At the
 * next merge of that ward's file, a record changed since on one side only is taken from that side; changed
 * on both, it waits in merge_conflicts, with the file's version of it, for the officer to decide.
 */
const mergedRecords: Migration = {
  async up(db: AnyDb) {
    for (const statement of [
      `create table merged_records (source text not null, table_name text not null, record_id text not null,
        source_version integer not null, local_version integer not null, primary key (source, table_name, record_id))`,
      `create table merge_conflicts (source text not null, table_name text not null, record_id text not null,
        source_file text not null, theirs_json text not null, found_at text not null, primary key (source, table_name, record_id))`,
    ]) {
      await sql.raw(statement).execute(db);
    }
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
  '0009_accounts': accounts,
  '0010_activities': activities,
  '0011_report_indexes': reportIndexes,
  '0012_standards': standards,
  '0013_deferred_search': deferredSearch,
  '0014_record_versions': recordVersions,
  '0015_merged_records': mergedRecords,
};

export const SCHEMA_VERSION = Object.keys(migrations).length;
