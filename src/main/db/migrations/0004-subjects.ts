import type { Migration } from 'kysely/migration';
import { type AnyDb, insertCatalogueRows, run, type SeedRow, stamped } from './run';

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
export const subjectsSchema: Migration = {
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
    for (const statement of statements) await run(db, statement);
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
