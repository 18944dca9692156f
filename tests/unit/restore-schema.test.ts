/**
 * Issue 12, points 1 and 6: restore and verify compare the whole schema of a backup with a database
 * migrated in memory to the same version, and a refused restore leaves the live database, its -wal and
 * its -shm byte for byte as they were (through the service and through the CLI, a real process).
 */
import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { EXIT as BACKUP_EXIT } from '../../src/main/cli/exit-codes';
import { BackupError } from '../../src/main/db/backup';
import { migrations, SCHEMA_VERSION } from '../../src/main/db/migrations';
import { APPLICATION_ID, openDatabase } from '../../src/main/db/open';
import { referenceSchema } from '../../src/main/db/schema-check';
import { writeSetting } from '../../src/main/services/app';
import { inspectBackup, restoreBackup } from '../../src/main/services/backup';
import { DATA_FILE_NAME } from '../../src/main/workspace';
import { cli, fixtures, openTestApp, sha256, tempDir, type TestApp } from './helpers';

/** The live database and its sidecars, hashed ('-' for a file that is not there). */
const liveHashes = (dir: string) => ['', '-wal', '-shm'].map((suffix) => (existsSync(join(dir, DATA_FILE_NAME + suffix)) ? sha256(join(dir, DATA_FILE_NAME + suffix)) : '-'));

/** An app with rows in the registers (the search index included) and a verified backup of it. */
async function appWithBackup() {
  const app = await openTestApp();
  const f = await fixtures(app);
  await writeSetting(app.workspace.context(), 'unit:name', 'Công an phường Bình Tiên');
  await app.call('models.create', f.model());
  const subject = await app.call('subjects.create', f.subject());
  await app.call('reviews.create', { subjectId: subject.id, reviewedOn: '15/06/2024', result: 'tien_bo' });
  const backup = (await app.call('backup.create', { target: { path: join(app.dir, 'ra') } })).record.file;
  return { app, backup };
}

/** A copy of `backup` changed by `change` (foreign keys off and shadow tables unprotected, as a tool would). */
function alteredCopy(backup: string, folder: string, name: string, change: (sqlite: BetterSqlite3.Database) => void): string {
  mkdirSync(folder, { recursive: true });
  const file = join(folder, name);
  copyFileSync(backup, file);
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('foreign_keys = OFF');
  sqlite.unsafeMode(true);
  try {
    change(sqlite);
  } finally {
    sqlite.close();
  }
  return file;
}

/** The refusal of both verify and restore through the service, which must name the same thing. */
async function refusals(app: TestApp, file: string): Promise<string[]> {
  const source = { path: file, name: file };
  const messages: string[] = [];
  for (const attempt of [() => inspectBackup(app.workspace, source), () => restoreBackup(app.workspace, app.workspace.context(), source)]) {
    const error = await attempt().then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error, file).toBeInstanceOf(BackupError);
    expect((error as BackupError).reason).toBe('bad_file');
    messages.push((error as Error).message);
  }
  expect(messages[1]).toContain('Dữ liệu hiện tại không bị thay đổi.');
  return messages;
}

/** A file of schema version `version` (as the app of that time made it), with one model in it. */
async function olderFile(file: string, version: number, change?: (sqlite: BetterSqlite3.Database) => void): Promise<string> {
  const sqlite = new BetterSqlite3(file);
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] });
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(Object.keys(migrations)[version - 1]!);
  expect(error).toBeUndefined();
  sqlite.pragma(`application_id = ${APPLICATION_ID}`);
  sqlite.pragma(`user_version = ${version}`);
  const now = new Date().toISOString();
  const typeId = sqlite.prepare('select id from model_types limit 1').pluck().get();
  const wardId = sqlite.prepare('select id from wards limit 1').pluck().get();
  sqlite
    .prepare(
      `insert into models (id, name, type_id, ward_id, status, search_text, sort_key, created_at, updated_at, created_by, updated_by)
       values (?, 'Mô hình từ phiên bản cũ', ?, ?, 'hoat_dong', 'mo hinh tu phien ban cu', 'mo hinh', ?, ?, 'he-thong', 'he-thong')`,
    )
    .run(crypto.randomUUID(), typeId, wardId, now, now);
  change?.(sqlite);
  await db.destroy();
  return file;
}

describe('restore and verify check the whole schema', () => {
  it('the reference of each version is what the migrations make: every app table of today, FTS5 shadow tables included', async () => {
    const current = await referenceSchema(SCHEMA_VERSION);
    const tables = [...current.values()].filter((object) => object.type === 'table').map((object) => object.name);
    expect(tables).toEqual(expect.arrayContaining(['models', 'subjects', 'subjects_search', 'subjects_search_data', 'subjects_search_config', 'backups', 'kysely_migration']));
    expect(current.get('models')?.columns?.some((column) => column.startsWith('declared_member_count '))).toBe(true);
    const three = await referenceSchema(3);
    expect(three.has('models_live_status')).toBe(true);
    expect(three.has('subjects')).toBe(false);
    expect(await referenceSchema(3)).toBe(three); // built once
  });

  it('refuses a backup missing any one table, naming it, in verify and restore; the live data is untouched', async () => {
    const { app, backup } = await appWithBackup();
    const tables = [...(await referenceSchema(SCHEMA_VERSION)).values()].filter((object) => object.type === 'table').map((object) => object.name);
    expect(tables.length).toBeGreaterThan(25);
    const before = liveHashes(app.dir);
    const folder = join(app.dir, 'hong');
    for (const table of tables) {
      const file = alteredCopy(backup, folder, `thieu-${table}.sqlite`, (sqlite) => sqlite.exec(`drop table "${table}"`));
      for (const message of await refusals(app, file)) expect(message, table).toContain(`thiếu bảng "${table}"`);
      expect(liveHashes(app.dir), table).toEqual(before);
    }
    expect((await app.call('backup.history', {})).length).toBe(1); // no safety backup, no failed attempt recorded
    // Some 60 full checks, each in a worker thread of its own.
  }, 180_000);

  it('refuses a dropped, added or altered column, a dropped index or trigger, an extra trigger and rows pointing at nothing', async () => {
    const { app, backup } = await appWithBackup();
    const before = liveHashes(app.dir);
    const folder = join(app.dir, 'sua');
    const alterSql = (sqlite: BetterSqlite3.Database, table: string, from: string, to: string) => {
      sqlite.pragma('writable_schema = ON');
      expect(sqlite.prepare('update sqlite_master set sql = replace(sql, ?, ?) where name = ?').run(from, to, table).changes).toBe(1);
    };
    const cases: [string, (sqlite: BetterSqlite3.Database) => void, string][] = [
      ['dropped column', (sqlite) => sqlite.exec('alter table models drop column note'), 'bảng "models" thiếu cột "note"'],
      ['added column', (sqlite) => sqlite.exec('alter table subjects add column ghi_chu_them text'), 'bảng "subjects" có thêm cột "ghi_chu_them"'],
      ['altered column', (sqlite) => alterSql(sqlite, 'wards', 'name text not null', 'name text'), 'bảng "wards" có cột "name" đã bị thay đổi'],
      ['altered constraint', (sqlite) => alterSql(sqlite, 'models', "'hoat_dong','tam_ngung','giai_the'", "'hoat_dong','tam_ngung','giai_the','khac'"), 'bảng "models" có ràng buộc khác'],
      ['dropped index', (sqlite) => sqlite.exec('drop index subjects_due'), 'thiếu chỉ mục "subjects_due" của bảng "subjects"'],
      ['altered index', (sqlite) => sqlite.exec('drop index models_ward; create index models_ward on models (ward_id, name)'), 'chỉ mục "models_ward" của bảng "models" đã bị thay đổi'],
      ['dropped trigger', (sqlite) => sqlite.exec('drop trigger subjects_search_insert'), 'thiếu trigger "subjects_search_insert" của bảng "subjects"'],
      ['extra trigger', (sqlite) => sqlite.exec('create trigger xoa_het after insert on models begin delete from subjects; end'), 'có thêm trigger "xoa_het"'],
      [
        'orphan rows',
        (sqlite) => sqlite.prepare("update models set ward_id = 'khong-co-phuong-nay'").run(),
        'dòng trong bảng "models" trỏ tới dữ liệu không có trong bảng "wards"',
      ],
    ];
    for (const [name, change, expected] of cases) {
      const file = alteredCopy(backup, folder, `${name.replace(/ /g, '-')}.sqlite`, change);
      for (const message of await refusals(app, file)) expect(message, name).toContain(expected);
      expect(liveHashes(app.dir), name).toEqual(before);
    }
  }, 120_000);

  it('an older version restores (migrated and checked again); one missing a table of its own version, or claiming migrations it lacks, is refused', async () => {
    const { app } = await appWithBackup();
    const folder = tempDir();
    const good = await olderFile(join(folder, 'phien-ban-5.sqlite'), 5);
    const missing = await olderFile(join(folder, 'phien-ban-5-thieu.sqlite'), 5, (sqlite) => sqlite.exec('drop table award_rounds'));
    // The migration log says every migration ran; the tables say version 3: only the check after migrating sees it.
    const lying = await olderFile(join(folder, 'phien-ban-3-sai.sqlite'), 3, (sqlite) => {
      const insert = sqlite.prepare('insert into kysely_migration (name, timestamp) values (?, ?)');
      for (const name of Object.keys(migrations).slice(3)) insert.run(name, new Date().toISOString());
    });

    const before = liveHashes(app.dir);
    for (const message of await refusals(app, missing)) expect(message).toMatch(/\(phiên bản dữ liệu 5\).*thiếu bảng "award_rounds"/);
    for (const message of await refusals(app, lying)) expect(message).toMatch(new RegExp(`sau khi nâng cấp lên phiên bản dữ liệu ${SCHEMA_VERSION}.*thiếu bảng "subject_categories"`));
    expect(liveHashes(app.dir)).toEqual(before);

    expect(await app.call('backup.inspect', { file: { path: good } })).toMatchObject({ schemaVersion: 5, needsMigration: true, counts: { models: 1 } });
    await app.call('backup.restore', { file: { path: good } });
    expect(app.workspace.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(app.workspace.sqlite.prepare('select name from models').pluck().all()).toEqual(['Mô hình từ phiên bản cũ']);
    await app.call('models.create', { ...(await fixtures(app)).model({ name: 'Ghi sau khi khôi phục' }), declaredMemberCount: 12 });
    expect(await app.rows('models')).toBe(2);
  });
});

describe('a refused restore changes nothing', () => {
  it('opening an up-to-date database and closing it leaves the file byte for byte as it was', async () => {
    const file = join(tempDir(), 'du-lieu.sqlite');
    await (await openDatabase(file)).close();
    const hash = sha256(file);
    for (let round = 0; round < 2; round += 1) {
      const database = await openDatabase(file);
      await database.db.selectFrom('models').selectAll().execute();
      await database.close();
      expect(sha256(file)).toBe(hash);
    }
  });

  it('through the CLI: the live file, its -wal and -shm stay byte-identical, and the live database is never opened', async () => {
    const { app, backup } = await appWithBackup();
    // A data folder as a PC that lost power leaves it: commits still in the -wal, the -shm beside it.
    const dataDir = join(tempDir(), 'du-lieu');
    mkdirSync(dataDir);
    await app.call('models.create', (await fixtures(app)).model({ name: 'Chỉ có trong -wal' }));
    for (const suffix of ['', '-wal', '-shm']) copyFileSync(join(app.dir, DATA_FILE_NAME + suffix), join(dataDir, DATA_FILE_NAME + suffix));
    const before = liveHashes(dataDir);
    expect(before).not.toContain('-');

    const missing = alteredCopy(backup, tempDir(), 'thieu-bang.sqlite', (sqlite) => sqlite.exec('drop table subjects'));
    const refused = await cli('restore', missing, '--yes', '--data-dir', dataDir);
    expect(refused.code).toBe(BACKUP_EXIT.badFile);
    expect(refused.stderr).toContain('thiếu bảng "subjects"');
    expect(liveHashes(dataDir)).toEqual(before);

    const verified = await cli('verify', missing, '--data-dir', dataDir);
    expect(verified.code).toBe(BACKUP_EXIT.badFile);
    expect(verified.stderr).toContain('thiếu bảng "subjects"');
    expect(liveHashes(dataDir)).toEqual(before);
  });
});
