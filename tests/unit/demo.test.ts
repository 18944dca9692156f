import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../src/main/db/open';
import { SYSTEM_USER } from '../../src/main/db/system-user';
import { DEMO_MARKER, generateDemoData } from '../../src/main/demo';
import { DATA_FILE_NAME, DEMO_FILE_NAME } from '../../src/main/workspace';
import { fixtures, openTestApp, tempDir } from './helpers';

async function freshDatabase(dir: string, name: string): Promise<OpenDatabase> {
  return openDatabase(join(dir, name));
}

const modelNames = (database: OpenDatabase) =>
  (database.sqlite.prepare('select name, leader_name as leader from models order by rowid').all() as { name: string; leader: string }[]).map(
    (row) => `${row.name} | ${row.leader}`,
  );

describe('generateDemoData', () => {
  it('makes the same data from the same seed', async () => {
    const dir = tempDir();
    const [first, second, other] = await Promise.all(['a.sqlite', 'b.sqlite', 'c.sqlite'].map((name) => freshDatabase(dir, name)));
    try {
      const ctx = (database: OpenDatabase) => ({ db: database.db, user: SYSTEM_USER });
      const summaries = [
        await generateDemoData(ctx(first!), { scale: 0.5, seed: 7 }),
        await generateDemoData(ctx(second!), { scale: 0.5, seed: 7 }),
        await generateDemoData(ctx(other!), { scale: 0.5, seed: 8 }),
      ];
      expect(summaries[0]).toEqual(summaries[1]);
      expect(modelNames(first!)).toHaveLength(50);
      expect(modelNames(first!)).toEqual(modelNames(second!));
      expect(modelNames(first!)).not.toEqual(modelNames(other!));
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

  it('refuses to write into a database that holds real models', async () => {
    const app = await openTestApp();
    const { model } = await fixtures(app);
    await app.call('models.create', model());
    const before = { models: app.rows('models'), settings: app.rows('settings'), audit: app.rows('audit_log') };
    await expect(generateDemoData(app.workspace.context(), { scale: 1 })).rejects.toThrow(/dữ liệu thật/);
    expect({ models: app.rows('models'), settings: app.rows('settings'), audit: app.rows('audit_log') }).toEqual(before);
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
