import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase, type OpenFile } from '../../src/main/db/open';
import { SYSTEM_USER } from '../../src/main/db/system-user';
import { DEMO_MARKER, generateDemoData } from '../../src/main/demo';
import { derivedColumns } from '../../src/main/services/subjects';
import { DATA_FILE_NAME, DEMO_FILE_NAME } from '../../src/main/workspace';
import { fixtures, openTestApp, tempDir } from './helpers';
import { localToday } from '../../src/shared/dates';

async function freshDatabase(dir: string, name: string): Promise<OpenFile> {
  return openDatabase(join(dir, name));
}

const modelNames = (database: OpenFile) =>
  (database.sqlite.prepare('select name, leader_name as leader from models order by rowid').all() as { name: string; leader: string }[]).map(
    (row) => `${row.name} | ${row.leader}`,
  );

const subjectNames = (database: OpenFile) =>
  (database.sqlite.prepare('select full_name as name, alias, birth_year as year, current_address as address from subjects order by rowid').all() as Record<string, unknown>[]).map(
    (row) => Object.values(row).join(' | '),
  );

describe('generateDemoData', () => {
  it('makes the same data from the same seed', async () => {
    const dir = tempDir();
    const [first, second, other] = await Promise.all(['a.sqlite', 'b.sqlite', 'c.sqlite'].map((name) => freshDatabase(dir, name)));
    try {
      const ctx = (database: OpenFile) => ({ db: database.db, user: SYSTEM_USER });
      const summaries = [
        await generateDemoData(ctx(first!), { scale: 0.5, seed: 7 }),
        await generateDemoData(ctx(second!), { scale: 0.5, seed: 7 }),
        await generateDemoData(ctx(other!), { scale: 0.5, seed: 8 }),
      ];
      expect(summaries[0]).toEqual(summaries[1]);
      expect(modelNames(first!)).toHaveLength(50);
      expect(modelNames(first!)).toEqual(modelNames(second!));
      expect(modelNames(first!)).not.toEqual(modelNames(other!));
      expect(subjectNames(first!)).toHaveLength(50);
      expect(subjectNames(first!)).toEqual(subjectNames(second!));
      expect(subjectNames(first!)).not.toEqual(subjectNames(other!));
    } finally {
      await Promise.all([first, second, other].map((database) => database?.close()));
    }
  });

  it('makes 100 models per unit of scale, with members and a demo marker', async () => {
    const database = await freshDatabase(tempDir(), 'demo.sqlite');
    try {
      const summary = await generateDemoData({ db: database.db, user: SYSTEM_USER }, { scale: 2 });
      expect(summary.models).toBe(200);
      const count = (sql: string) => (database.sqlite.prepare(sql).get() as { n: number }).n;
      expect(count('select count(*) as n from models')).toBe(200);
      expect(count('select count(*) as n from model_members')).toBe(summary.members);
      expect(summary.members).toBeGreaterThanOrEqual(200 * 4);
      expect(summary.members).toBeLessThanOrEqual(200 * 16);
      expect(count('select sum(member_count) as n from models')).toBe(summary.members);
      expect(count(`select count(*) as n from settings where key = '${DEMO_MARKER}'`)).toBe(1);
    } finally {
      await database.close();
    }
  });

  it('makes assisted individuals consistent with what the service would store', async () => {
    const database = await freshDatabase(tempDir(), 'demo.sqlite');
    const print = vi.spyOn(process.stdout, 'write');
    try {
      const summary = await generateDemoData({ db: database.db, user: SYSTEM_USER }, { scale: 0.1, people: 400 });
      expect(print).not.toHaveBeenCalled();
      const all = <Row>(sql: string) => database.sqlite.prepare(sql).all() as Row[];
      const one = <Row>(sql: string) => database.sqlite.prepare(sql).get() as Row;
      expect(summary).toMatchObject({ models: 10, subjects: 400 });
      expect(one<{ n: number }>('select count(*) as n from subjects').n).toBe(400);
      expect(one<{ n: number }>('select count(*) as n from subject_reviews').n).toBe(summary.reviews);
      expect(summary.reviews / summary.subjects).toBeGreaterThan(7);
      expect(summary.reviews / summary.subjects).toBeLessThan(13);

      type Row = {
        id: string; full_name: string; alias: string | null; birth_date: string | null; birth_year: number; birth_sort: string | null; id_number: string | null;
        phone: string | null; permanent_address: string | null; current_address: string | null; name_fold: string; search_text: string; sort_key: string;
        start_date: string; planned_end_date: string | null; status: string; last_review_on: string | null; review_anchor: string;
        reintegration_group: string | null; uses_groups: number; last_reviewed: string | null; first_review: string | null; reviews: number;
        last_status: string; first_from: string | null; history_rows: number; helper_org_id: string | null;
      };
      const rows = all<Row>(`select s.*, c.uses_groups,
          (select max(r.reviewed_on) from subject_reviews r where r.subject_id = s.id) as last_reviewed,
          (select min(r.reviewed_on) from subject_reviews r where r.subject_id = s.id) as first_review,
          (select count(*) from subject_reviews r where r.subject_id = s.id) as reviews,
          (select h.to_status from subject_status_changes h where h.subject_id = s.id order by h.changed_on desc, h.rowid desc limit 1) as last_status,
          (select h.from_status from subject_status_changes h where h.subject_id = s.id order by h.changed_on, h.rowid limit 1) as first_from,
          (select count(*) from subject_status_changes h where h.subject_id = s.id) as history_rows
        from subjects s join subject_categories c on c.id = s.category_id`);
      const today = localToday();
      for (const row of rows) {
        const derived = derivedColumns({
          fullName: row.full_name, alias: row.alias, birthDate: row.birth_date, birthYear: row.birth_year, idNumber: row.id_number,
          phone: row.phone, permanentAddress: row.permanent_address, currentAddress: row.current_address,
        });
        expect({ birthSort: row.birth_sort, nameFold: row.name_fold, searchText: row.search_text, sortKey: row.sort_key }).toEqual(derived);
        expect(row.last_review_on).toBe(row.last_reviewed);
        expect(row.review_anchor).toBe(row.last_reviewed ?? row.start_date);
        if (row.first_review) expect(row.first_review >= row.start_date).toBe(true);
        if (row.last_reviewed) expect(row.last_reviewed <= today).toBe(true);
        if (row.planned_end_date) expect(row.planned_end_date > row.start_date).toBe(true);
        if (row.birth_date) expect(Number(row.birth_date.slice(0, 4))).toBe(row.birth_year);
        expect(row.id_number === null || /^(\d{9}|\d{12})$/.test(row.id_number)).toBe(true);
        expect(row.reintegration_group === null || row.uses_groups === 1).toBe(true);
        expect(row.last_status).toBe(row.status);
        expect(row.first_from).toBeNull();
        expect(row.history_rows).toBe(row.status === 'dang_giup_do' ? 1 : 2);
        expect(row.helper_org_id).not.toBeNull();
      }
      const share = (test: (row: Row) => boolean) => rows.filter(test).length / rows.length;
      expect(share((row) => row.status === 'dang_giup_do')).toBeGreaterThan(0.6);
      expect(share((row) => row.birth_date === null)).toBeGreaterThan(0.05);
      expect(share((row) => row.birth_date !== null)).toBeGreaterThan(0.6);
      expect(share((row) => row.id_number?.length === 12)).toBeGreaterThan(0.6);
      expect(share((row) => row.id_number?.length === 9)).toBeGreaterThan(0);
      expect(share((row) => row.id_number === null)).toBeGreaterThan(0);
      expect(share((row) => row.reintegration_group !== null)).toBeGreaterThan(0.2);
      expect(rows.every((row) => row.current_address?.includes('Khu phố'))).toBe(true);
      // Likely duplicates (same folded name, birth year and ward), some made on purpose, for the duplicates tool.
      const pairs = one<{ n: number }>(`select count(*) as n from subjects a join subjects b
        on b.name_fold = a.name_fold and b.birth_year = a.birth_year and b.ward_id = a.ward_id and a.id < b.id`).n;
      expect(pairs).toBeGreaterThanOrEqual(10);
    } finally {
      print.mockRestore();
      await database.close();
    }
  });

  it('makes the due view, the duplicates tool and the search show something', async () => {
    const app = await openTestApp();
    await generateDemoData(app.workspace.context(), { scale: 0.1, people: 300 });
    const due = await app.call('subjects.due', {});
    expect(due.counts.overdue).toBeGreaterThan(0);
    expect(due.counts.dueThisWeek).toBeGreaterThan(0);
    expect(due.counts.endingSoon).toBeGreaterThan(0);
    expect(due.counts.overdue + due.counts.dueThisWeek).toBeLessThan(300 * 0.7);
    const pairs = await app.call('subjects.duplicatePairs', {});
    expect(pairs.some((pair) => pair.reason === 'same_name_birth_year_ward')).toBe(true);
    const first = (await app.call('subjects.list', { limit: 1 })).rows[0]!;
    expect((await app.call('subjects.list', { search: first.fullName.toUpperCase() })).rows.map((row) => row.id)).toContain(first.id);
    const detail = await app.call('subjects.get', { id: first.id });
    expect(detail.subject.lastReviewOn).toBe(detail.reviews[0]?.reviewedOn ?? null);
  });

  it('makes no people when asked for none', async () => {
    const database = await freshDatabase(tempDir(), 'demo.sqlite');
    try {
      expect(await generateDemoData({ db: database.db, user: SYSTEM_USER }, { scale: 0.1, people: 0 })).toMatchObject({ models: 10, subjects: 0, reviews: 0 });
    } finally {
      await database.close();
    }
  });

  it('refuses to write into a database that holds real people', async () => {
    const app = await openTestApp();
    const { catalogues, wardId } = await fixtures(app);
    await app.call('subjects.create', {
      fullName: 'Nguyễn Văn Bình',
      gender: 'nam',
      birth: '1985',
      wardId: wardId('Phường Bình Tiên'),
      categoryId: catalogues.subjectCategories[0]!.id,
      startDate: '01/02/2024',
    });
    const before = { subjects: await app.rows('subjects'), models: await app.rows('models'), settings: await app.rows('settings') };
    await expect(generateDemoData(app.workspace.context(), { scale: 1 })).rejects.toThrow(/dữ liệu thật/);
    expect({ subjects: await app.rows('subjects'), models: await app.rows('models'), settings: await app.rows('settings') }).toEqual(before);
  });

  it('refuses to write into a database that holds real models', async () => {
    const app = await openTestApp();
    const { model } = await fixtures(app);
    await app.call('models.create', model());
    const before = { models: await app.rows('models'), settings: await app.rows('settings'), audit: await app.rows('audit_log') };
    await expect(generateDemoData(app.workspace.context(), { scale: 1 })).rejects.toThrow(/dữ liệu thật/);
    expect({ models: await app.rows('models'), settings: await app.rows('settings'), audit: await app.rows('audit_log') }).toEqual(before);
  });
});

describe('Workspace.switchTo', () => {
  it('opens the demo data in a separate file and leaves the real data untouched', async () => {
    const app = await openTestApp();
    const { model } = await fixtures(app);
    await app.call('models.create', model({ name: 'Mô hình thật' }));
    expect(existsSync(join(app.dir, DEMO_FILE_NAME))).toBe(false);

    const demo = await app.call('app.openDemo', {});
    expect(demo.mode).toBe('demo');
    expect(demo.dataFile).toBe(join(app.dir, DEMO_FILE_NAME));
    expect(demo.counts.models).toBe(100);
    expect(demo.counts.subjects).toBe(100);
    expect(demo.counts.reviews).toBeGreaterThan(500);
    expect(demo.firstRun).toBe(false);
    expect((await app.call('models.list', { search: 'mo hinh that' })).total).toBe(0);

    const real = await app.call('app.openReal', {});
    expect(real.mode).toBe('real');
    expect(real.dataFile).toBe(join(app.dir, DATA_FILE_NAME));
    expect(real.counts.models).toBe(1);
    expect((await app.call('models.list', {})).rows.map((row) => row.name)).toEqual(['Mô hình thật']);
    expect(app.workspace.sqlite.prepare('select key from settings where key = ?').get(DEMO_MARKER)).toBeUndefined();

    const again = await app.call('app.openDemo', {});
    expect(again.counts.models).toBe(100); // generated once, not again on the next visit
  });
});
