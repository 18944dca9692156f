import BetterSqlite3 from 'better-sqlite3';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrations, SCHEMA_VERSION } from '../../src/main/db/migrations';
import { APPLICATION_ID, DatabaseRefusedError, openDatabase } from '../../src/main/db/open';
import { DATA_FILE_NAME, Workspace } from '../../src/main/workspace';
import { fixtures, openTestApp, sha256, tempDir } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an older schema than today's table types
type AnyDb = any;

const count = (sqlite: BetterSqlite3.Database, table: string) => (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

async function expectRefused(file: string, message: RegExp) {
  const dir = join(file, '..');
  const before = { hash: sha256(file), files: readdirSync(dir).sort() };
  const error = await openDatabase(file).then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DatabaseRefusedError);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message).toContain('Tệp được giữ nguyên');
  expect(sha256(file)).toBe(before.hash);
  expect(readdirSync(dir).sort()).toEqual(before.files); // no journal, -wal or -shm left behind
}

describe('openDatabase', () => {
  it('creates and migrates a new file, with our pragmas and the seeded catalogues', async () => {
    const file = join(tempDir(), 'nested', 'so.sqlite');
    const database = await openDatabase(file);
    try {
      expect(database.schemaVersion).toBe(SCHEMA_VERSION);
      expect(database.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(database.sqlite.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(database.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(count(database.sqlite, 'model_types')).toBe(5);
      expect(count(database.sqlite, 'wards')).toBe(18);
      const names = (database.sqlite.prepare('select name from wards where active = 1 order by sort_key').all() as { name: string }[]).map((row) => row.name);
      expect(names).toEqual(['Phường Bình Phú', 'Phường Bình Tây', 'Phường Bình Tiên', 'Phường Phú Lâm']);
    } finally {
      await database.close();
    }
  });

  it('adds the declared member count to a file of the previous version, keeping its models as they were', async () => {
    const file = join(tempDir(), 'so.sqlite');
    const sqlite = new BetterSqlite3(file);
    const db = new Kysely<AnyDb>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] });
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo('0006_backups');
    expect(error).toBeUndefined();
    sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    sqlite.pragma('user_version = 6');
    const typeId = sqlite.prepare('select id from model_types limit 1').pluck().get() as string;
    const wardId = sqlite.prepare('select id from wards limit 1').pluck().get() as string;
    const now = new Date().toISOString();
    sqlite
      .prepare(`insert into models (id, name, type_id, ward_id, founded_on, status, member_count, search_text, sort_key, created_at, updated_at, created_by, updated_by)
        values ('m1', 'Tổ cũ', ?, ?, '2016-03-05', 'hoat_dong', 3, 'to cu', 'to cu', ?, ?, 'system', 'system')`)
      .run(typeId, wardId, now, now);
    await db.destroy();

    const database = await openDatabase(file);
    try {
      expect(database.sqlite.prepare('select founded_on, member_count, declared_member_count from models').get()).toEqual({ founded_on: '2016-03-05', member_count: 3, declared_member_count: null });
      expect(() => database.sqlite.prepare("update models set declared_member_count = -1 where id = 'm1'").run()).toThrow(/CHECK constraint/);
    } finally {
      await database.close();
    }
  });

  it('keeps the data when the file is opened again, without seeding twice', async () => {
    const dir = tempDir();
    const first = await openTestApp({ dataDir: dir });
    const { model } = await fixtures(first);
    const created = await first.call('models.create', model());
    await first.workspace.close();

    const again = await Workspace.open({ dataDir: dir });
    try {
      expect(again.schemaVersion).toBe(SCHEMA_VERSION);
      expect(count(again.sqlite, 'model_types')).toBe(5);
      const row = again.sqlite.prepare('select name from models where id = ?').get(created.id) as { name: string };
      expect(row.name).toBe('Nhà trọ tự quản số 12 Bà Hom');
    } finally {
      await again.close();
    }
  });

  it('refuses a text file and leaves it unchanged', async () => {
    const file = join(tempDir(), DATA_FILE_NAME);
    writeFileSync(file, 'Họ và tên;Địa chỉ\nNguyễn Văn Bình;12 Bà Hom\n');
    await expectRefused(file, /không phải tệp SQLite/);
  });

  it('refuses the SQLite database of another program and leaves it unchanged', async () => {
    const file = join(tempDir(), DATA_FILE_NAME);
    const foreign = new BetterSqlite3(file);
    foreign.exec("create table contacts (name text); insert into contacts values ('Trần Thị Lan')");
    foreign.close();
    await expectRefused(file, /phần mềm khác/);
  });

  it('refuses a file made by a newer version of the app and leaves it unchanged', async () => {
    const file = join(tempDir(), DATA_FILE_NAME);
    const newer = new BetterSqlite3(file);
    newer.pragma(`application_id = ${APPLICATION_ID}`);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.exec('create table models (id text primary key)');
    newer.close();
    await expectRefused(file, /phiên bản mới hơn/);
  });

  it('refuses through Workspace.open as well', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, DATA_FILE_NAME), 'not a database');
    await expect(Workspace.open({ dataDir: dir })).rejects.toBeInstanceOf(DatabaseRefusedError);
  });

  it('accepts an empty file (or an empty SQLite database) as a new database', async () => {
    const dir = tempDir();
    const empty = join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    const blank = join(dir, 'blank.sqlite');
    new BetterSqlite3(blank).close();
    for (const file of [empty, blank]) {
      const database = await openDatabase(file);
      try {
        expect(database.schemaVersion).toBe(SCHEMA_VERSION);
        expect(database.sqlite.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
        expect(count(database.sqlite, 'model_types')).toBe(5);
      } finally {
        await database.close();
      }
    }
  });
});

describe('write transactions', () => {
  it('begin immediate, and a transaction SQLite already rolled back by itself fails with its own error', async () => {
    const database = await openDatabase(join(tempDir(), DATA_FILE_NAME));
    try {
      let inTransaction = false;
      await database.db.transaction().execute(async () => {
        inTransaction = database.sqlite.inTransaction;
      });
      expect(inTransaction).toBe(true);
      // As on a full disk: SQLite ends the transaction, then the error reaches Kysely, which rolls back too.
      const failure = database.db.transaction().execute(async () => {
        database.sqlite.exec('rollback');
        throw new BetterSqlite3.SqliteError('database or disk is full', 'SQLITE_FULL');
      });
      await expect(failure).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    } finally {
      await database.close();
    }
  });

  it('an empty file that must exist is refused, not made into a new database', async () => {
    const file = join(tempDir(), 'trong.sqlite');
    writeFileSync(file, '');
    await expect(openDatabase(file, { mustExist: true })).rejects.toBeInstanceOf(DatabaseRefusedError);
    expect(readdirSync(join(file, '..'))).toEqual(['trong.sqlite']);
  });
});
