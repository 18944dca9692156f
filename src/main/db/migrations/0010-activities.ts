import type { Migration } from 'kysely/migration';
import { type AnyDb, insertCatalogueRows, run, stamped } from './run';

/**
 * The movement's activities (issue 17): propaganda sessions (buổi sinh hoạt tuyên truyền) and campaigns
 * (cuộc vận động), each one event on a day or the total of a month for a ward, which `events` says how
 * many events it stands for; `period` is "yyyy-mm-dd" or "yyyy-mm" (text order is time order). Campaigns
 * belong to a programme, from an editable catalogue seeded with the three the district reports on.
 * Tips from the public (tin báo): when, where, by which channel (a model's, linked to it), whether the
 * police found it of value and whether it led to a case handled.
 */
export const activities: Migration = {
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
      await run(db, statement);
    }
    // In the order the district's reports list them, which their sort keys keep.
    await insertCatalogueRows(db, 'programmes', [
      { name: 'Phòng, chống tội phạm xâm hại trẻ em, tội phạm trong lứa tuổi vị thành niên', active: 1, sort_key: '000' },
      { name: 'Chương trình quốc gia phòng, chống ma túy', active: 1, sort_key: '001' },
      { name: 'Chương trình mục tiêu 3 giảm', active: 1, sort_key: '002' },
    ], new Date().toISOString());
  },
};
