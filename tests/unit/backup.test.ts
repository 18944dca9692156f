/** Backup, restore and data safety (issue 5), on real files in temp folders. */
import BetterSqlite3 from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { basename, join } from 'node:path';
import { CamelCasePlugin, Kysely, sql, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it, vi } from 'vitest';
import { startBackupScheduler } from '../../src/main/backup-scheduler';
import { BACKUP_COMMANDS } from '../../src/main/cli/backup';
import type { Options } from '../../src/main/cli/options';
import { EXIT as BACKUP_EXIT, exitCodeOf } from '../../src/main/cli/exit-codes';
import { BackupError } from '../../src/main/db/backup';
import { migrations, SCHEMA_VERSION } from '../../src/main/db/migrations';
import { APPLICATION_ID } from '../../src/main/db/open';
import type { Database } from '../../src/main/db/schema';
import { SYSTEM_USER } from '../../src/main/db/system-user';
import { startWebHost } from '../../src/main/host/server';
import { InstanceLockedError, LOCK_FILE_NAME } from '../../src/main/platform/instance-lock';
import { registerCounts, writeSetting } from '../../src/main/services/app';
import { backupsToRemove, createBackup, restoreBackup, rotateAutomaticBackups, runAutomaticBackup, stagingDir } from '../../src/main/services/backup';
import { DATA_FILE_NAME, Workspace } from '../../src/main/workspace';
import type { BackupRecord } from '../../src/shared/backup';
import { apiError, fixtures, openTestApp, sha256, tempDir, type TestApp } from './helpers';

const UNIT = 'Công an phường Bình Tiên';
const AUTO_PASSWORD = 'mat-khau-tu-dong-2026';
const BACKUP_PASSWORD = 'Mật khẩu sao lưu 2026';

/** Every row of every ordinary table, as text: "the data is exactly as before" is this being equal. */
function dump(sqlite: BetterSqlite3.Database): string {
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and sql not like 'create virtual%' order by name").pluck().all() as string[];
  return JSON.stringify(tables.map((table) => [table, sqlite.prepare(`select * from "${table}"`).all().map((row) => JSON.stringify(row)).sort()]));
}

/** Working files left in the data folder's staging folder (there should be none). */
const leftovers = (dataDir: string) => (existsSync(stagingDir(dataDir)) ? readdirSync(stagingDir(dataDir)).filter((name) => name !== 'tai-xuong') : []);

const modelNames = (app: TestApp) => (app.workspace.sqlite.prepare('select name from models where deleted_at is null order by name').pluck().all() as string[]);

/** A test app with a unit name, two models and a person. */
async function appWithData(options: { dataDir?: string } = {}) {
  const app = await openTestApp(options);
  const f = await fixtures(app);
  await writeSetting(app.workspace.context(), 'unit:name', UNIT);
  await app.call('models.create', f.model({ name: 'Nhà trọ tự quản số 12 Bà Hom' }));
  await app.call('models.create', f.model({ name: 'Tổ tự quản Khu phố 3' }));
  await app.call('subjects.create', f.subject());
  return { app, f };
}

const makeBackup = async (app: TestApp, folder: string, password?: string) => (await app.call('backup.create', { target: { path: folder }, password })).record;

describe('backup', () => {
  it('writes a verified copy named with the unit and date-time, records it, and never copies the automatic-backup password', async () => {
    const { app } = await appWithData();
    // Set, then change, the password: neither value may reach a copy (not even in free space).
    await app.call('backup.setSettings', { automatic: true, intervalHours: 6, password: 'mat-khau-cu-12345' });
    await app.call('backup.setSettings', { automatic: true, intervalHours: 6, encryptAutomatic: true, password: AUTO_PASSWORD });
    const folder = join(tempDir(), 'USB', 'SaoLuu');

    const record = await makeBackup(app, folder);
    expect(record.status).toBe('ok');
    expect(basename(record.file)).toMatch(/^so-theo-doi_cong-an-phuong-binh-tien_\d{4}-\d{2}-\d{2}_\d{4}\.sqlite$/);
    expect(readdirSync(folder)).toEqual([basename(record.file)]); // no partial, journal, -wal or -shm left
    expect(record.bytes).toBe(statSync(record.file).size);
    const live = await registerCounts(app.workspace.context());
    expect(record.counts).toEqual({ models: live.models, members: live.members, evaluations: live.evaluations, subjects: live.subjects, reviews: live.reviews, nominations: 0 });

    const bytes = readFileSync(record.file);
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
    expect(bytes[18]).toBe(1); // a self-contained rollback-journal file, not WAL
    expect(bytes.includes(Buffer.from(AUTO_PASSWORD))).toBe(false);
    expect(bytes.includes(Buffer.from('mat-khau-cu-12345'))).toBe(false);
    // With no key store here (the browser's and the CLI's case) the password is held for the run, not stored.
    expect(app.workspace.sqlite.prepare("select value from settings where key = 'backup:password'").pluck().get()).toBeUndefined();

    const copy = new BetterSqlite3(record.file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('select count(*) from models').pluck().get()).toBe(2);
    copy.close();
    expect(readdirSync(folder)).toEqual([basename(record.file)]);

    const second = await makeBackup(app, folder); // same minute: a second name, never an overwrite
    expect(second.file).not.toBe(record.file);
    const history = await app.call('backup.history', {});
    expect(history.map((row) => row.id)).toEqual([second.id, record.id]);
    const status = await app.call('backup.status', {});
    expect(status.last?.id).toBe(second.id);
    expect(status.stale).toBe(false);
    expect(status.hasAutomaticPassword).toBe(true);
    expect(JSON.stringify(status)).not.toContain(AUTO_PASSWORD);

    const info = await app.call('backup.inspect', { file: { path: record.file } });
    expect(info).toMatchObject({ unit: UNIT, kind: 'manual', schemaVersion: SCHEMA_VERSION, needsMigration: false, encrypted: false, mode: 'real', counts: record.counts });
    expect(info.createdAt).toBe(record.createdAt);
    expect(sha256(record.file)).toBe(sha256(record.file)); // inspect read a private copy
    expect(readdirSync(folder).sort()).toEqual([basename(record.file), basename(second.file)].sort());
    expect(leftovers(app.dir)).toEqual([]);
  });

  it('reports progress and refuses a second operation while one runs', async () => {
    const { app } = await appWithData();
    const folder = tempDir();
    const phases: number[] = [];
    const first = createBackup(app.workspace, app.workspace.context(), { kind: 'manual', destination: { folder }, onProgress: (progress) => phases.push(progress.fraction ?? -1) });
    const busy = await apiError(app.call('backup.create', { target: { path: folder } }));
    expect(busy.message).toMatch(/Đang có một lần sao lưu/);
    expect((await app.call('backup.progress', {}))?.operation).toBe('backup');
    await first;
    expect(phases.at(-1)).toBe(1);
    expect(phases.length).toBeGreaterThan(2);
    expect(await app.call('backup.progress', {})).toBeNull();
  });

  it("makes an officer's backup wait for an automatic one in progress, and refuses an automatic one during an officer's", async () => {
    const { app } = await appWithData();
    await app.call('backup.setSettings', { automatic: true, intervalHours: 6, folder: tempDir() });
    const finished: string[] = [];
    const automatic = runAutomaticBackup(app.workspace).then((records) => (finished.push('automatic'), records));
    expect((await app.call('backup.progress', {}))?.operation).toBe('backup');
    const manual = app.call('backup.create', { target: { path: tempDir() } }).then((created) => (finished.push('manual'), created));
    const [automaticRecords, created] = await Promise.all([automatic, manual]);
    expect(finished).toEqual(['automatic', 'manual']);
    expect(automaticRecords.map((record) => record.status)).toEqual(['ok']);
    expect(created.record.status).toBe('ok');

    const officers = createBackup(app.workspace, app.workspace.context(), { kind: 'manual', destination: { folder: tempDir() } });
    const refused = await runAutomaticBackup(app.workspace).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(BackupError);
    expect((refused as BackupError).reason).toBe('busy');
    expect((await officers).record.status).toBe('ok');
  });

  it('encrypts with a password: unreadable without it, a wrong or missing password is refused, the right one restores', async () => {
    const { app, f } = await appWithData();
    const folder = tempDir();
    const record = await makeBackup(app, folder, BACKUP_PASSWORD);
    expect(record.encrypted).toBe(true);
    expect(record.file).toMatch(/\.antqbak$/);
    const bytes = readFileSync(record.file);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('ANTQBAK\u0000');
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(bytes.includes(Buffer.from('Bà Hom'))).toBe(false);

    const missing = await apiError(app.call('backup.inspect', { file: { path: record.file } }));
    expect(missing.message).toMatch(/được bảo vệ bằng mật khẩu/);
    expect(missing.fields?.[0]?.field).toBe('password');
    const wrong = await apiError(app.call('backup.inspect', { file: { path: record.file }, password: 'mat-khau-sai-123' }));
    expect(wrong.message).toMatch(/Mật khẩu không đúng/);
    // The same password typed with decomposed accents (another input method) still opens it.
    const info = await app.call('backup.inspect', { file: { path: record.file }, password: BACKUP_PASSWORD.normalize('NFD') });
    expect(info).toMatchObject({ encrypted: true, unit: UNIT, counts: record.counts });

    await app.call('models.create', f.model({ name: 'Mô hình thêm sau khi sao lưu' }));
    const before = dump(app.workspace.sqlite);
    const refused = await apiError(app.call('backup.restore', { file: { path: record.file }, password: 'mat-khau-sai-123' }));
    expect(refused.message).toMatch(/Mật khẩu không đúng.*Dữ liệu hiện tại không bị thay đổi/);
    expect(dump(app.workspace.sqlite)).toBe(before);

    const result = await app.call('backup.restore', { file: { path: record.file }, password: BACKUP_PASSWORD });
    expect(result.restored.encrypted).toBe(true);
    expect(modelNames(app)).toEqual(['Nhà trọ tự quản số 12 Bà Hom', 'Tổ tự quản Khu phố 3']);
  });

  it('refuses every bad file with its own message, leaving the current data and the file untouched', async () => {
    const { app } = await appWithData();
    const dir = tempDir();
    const good = await makeBackup(app, join(dir, 'tot'));
    const encrypted = await makeBackup(app, join(dir, 'mat-khau'), BACKUP_PASSWORD);
    const bad = join(dir, 'hong');
    mkdirSync(bad);
    const file = (name: string, content: Buffer | string) => {
      writeFileSync(join(bad, name), content);
      return join(bad, name);
    };
    const goodBytes = readFileSync(good.file);
    const encryptedBytes = readFileSync(encrypted.file);
    const otherApp = join(bad, 'danh-ba.sqlite');
    const other = new BetterSqlite3(otherApp);
    other.pragma('journal_mode = WAL'); // opened carelessly, a WAL file would grow -wal/-shm beside it
    other.exec("create table contacts (name text); insert into contacts values ('Trần Thị Lan')");
    other.close();
    const newer = file('ban-moi.sqlite', goodBytes);
    const newerDb = new BetterSqlite3(newer);
    newerDb.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newerDb.close();
    const tampered = Buffer.from(encryptedBytes);
    tampered[200] = (tampered[200] ?? 0) ^ 0xff;

    const cases: { name: string; path: string; password?: string; message: RegExp }[] = [
      { name: 'empty file', path: file('trong.sqlite', ''), message: /trống \(0 byte\)/ },
      { name: 'random bytes renamed .sqlite', path: file('ngau-nhien.sqlite', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251))), message: /không phải là bản sao lưu của ứng dụng/ },
      { name: 'a text file', path: file('ghi-chu.sqlite', 'Họ và tên;Địa chỉ\n'), message: /đây là tệp văn bản\/CSV, hãy dùng Nhập từ Excel/ },
      { name: 'truncated file', path: file('cat-cut.sqlite', goodBytes.subarray(0, Math.floor(goodBytes.length / 2))), message: /bị cắt cụt/ },
      { name: 'truncated header', path: file('cat-dau.sqlite', goodBytes.subarray(0, 60)), message: /bị cắt cụt/ },
      { name: 'damaged pages', path: file('hong-trang.sqlite', Buffer.concat([goodBytes.subarray(0, 4096), Buffer.alloc(goodBytes.length - 4096, 0x5a)])), message: /bị hỏng/ },
      { name: "another app's database", path: otherApp, message: /của một phần mềm khác/ },
      { name: "a newer app version's file", path: newer, message: new RegExp(`phiên bản mới hơn.*phiên bản dữ liệu ${SCHEMA_VERSION + 1}`) },
      { name: 'missing password', path: encrypted.file, message: /được bảo vệ bằng mật khẩu/ },
      { name: 'wrong password', path: encrypted.file, password: 'khong-dung-dau', message: /Mật khẩu không đúng/ },
      { name: 'truncated encrypted file', path: file('cat-cut.antqbak', encryptedBytes.subarray(0, encryptedBytes.length - 1000)), password: BACKUP_PASSWORD, message: /bị cắt cụt/ },
      { name: 'tampered encrypted file', path: file('sua-doi.antqbak', tampered), password: BACKUP_PASSWORD, message: /bị hỏng hoặc đã bị sửa đổi/ },
      { name: 'missing file', path: join(bad, 'khong-co.sqlite'), message: /Không tìm thấy/ },
      { name: 'a folder', path: bad, message: /là một thư mục/ },
    ];

    const liveFile = join(app.dir, DATA_FILE_NAME);
    const before = { rows: dump(app.workspace.sqlite), hash: sha256(liveFile), history: (await app.call('backup.history', {})).length };
    for (const testCase of cases) {
      const filesBefore = readdirSync(bad).sort();
      const hashBefore = existsSync(testCase.path) && statSync(testCase.path).isFile() ? sha256(testCase.path) : null;
      for (const method of ['backup.inspect', 'backup.restore'] as const) {
        const error = await apiError(app.call(method, { file: { path: testCase.path }, password: testCase.password }));
        expect(error.message, `${testCase.name} (${method})`).toMatch(testCase.message);
        if (method === 'backup.restore') expect(error.message, testCase.name).toContain('Dữ liệu hiện tại không bị thay đổi.');
      }
      expect(readdirSync(bad).sort(), testCase.name).toEqual(filesBefore); // no -wal, -shm or journal beside it
      if (hashBefore) expect(sha256(testCase.path), testCase.name).toBe(hashBefore);
    }
    expect(dump(app.workspace.sqlite)).toBe(before.rows);
    expect(sha256(liveFile)).toBe(before.hash);
    expect((await app.call('backup.history', {})).length).toBe(before.history); // no safety backup was even started
    expect(leftovers(app.dir)).toEqual([]);
    expect(readdirSync(app.dir).filter((name) => name.includes('truoc-khoi-phuc'))).toEqual([]);
  });

  it('restores, keeping a safety copy, the backup history and settings; undo brings the data back', async () => {
    const { app, f } = await appWithData();
    await app.call('backup.setSettings', { automatic: true, intervalHours: 3, encryptAutomatic: true, password: AUTO_PASSWORD });
    const backup = await makeBackup(app, tempDir());
    await app.call('models.create', f.model({ name: 'Mô hình thêm sau khi sao lưu' }));
    const beforeRestore = dump(app.workspace.sqlite);

    const result = await app.call('backup.restore', { file: { path: backup.file } });
    expect(modelNames(app)).toEqual(['Nhà trọ tự quản số 12 Bà Hom', 'Tổ tự quản Khu phố 3']);
    expect(result.safetyBackup).toMatchObject({ kind: 'safety', status: 'ok' });
    expect(result.safetyBackup.file.startsWith(join(app.dir, 'sao-luu'))).toBe(true);
    expect(result.restored.counts.models).toBe(2);
    // Installation facts survive: the history (with the safety copy), the settings and the stored password.
    const history = await app.call('backup.history', {});
    expect(history.map((row) => row.id)).toEqual(expect.arrayContaining([backup.id, result.safetyBackup.id]));
    const status = await app.call('backup.status', {});
    expect(status).toMatchObject({ undoAvailable: true, hasAutomaticPassword: true, settings: { intervalHours: 3, encryptAutomatic: true } });
    expect(status.lastRestore).toMatchObject({ restoredFile: backup.file, safetyBackupId: result.safetyBackup.id });
    expect(app.workspace.sqlite.prepare("select count(*) from settings where key = 'backup:meta'").pluck().get()).toBe(0);
    expect(readdirSync(app.dir).filter((name) => name.includes('truoc-khoi-phuc'))).toEqual([]);

    const undone = await app.call('backup.undoRestore', {});
    expect(undone.safetyBackup.kind).toBe('safety');
    expect(modelNames(app)).toEqual(['Mô hình thêm sau khi sao lưu', 'Nhà trọ tự quản số 12 Bà Hom', 'Tổ tự quản Khu phố 3']);
    const tables = (text: string) => (JSON.parse(text) as [string, unknown[]][]).filter(([table]) => table !== 'backups' && table !== 'settings');
    expect(tables(dump(app.workspace.sqlite))).toEqual(tables(beforeRestore));
    const after = await app.call('backup.status', {});
    expect(after).toMatchObject({ undoAvailable: false, lastRestore: null, hasAutomaticPassword: true });
    expect((await apiError(app.call('backup.undoRestore', {}))).message).toMatch(/Chưa có lần khôi phục nào/);
    // The reopened database works as before.
    await app.call('models.create', f.model({ name: 'Mô hình sau khi hoàn tác' }));
    expect(await app.rows('models')).toBe(4);
  });

  it('puts the original back when the restore fails after the swap', async () => {
    const { app, f } = await appWithData();
    const backup = await makeBackup(app, tempDir());
    await app.call('models.create', f.model({ name: 'Mô hình thêm sau khi sao lưu' }));
    const before = dump(app.workspace.sqlite);
    const error = await restoreBackup(app.workspace, app.workspace.context(), { path: backup.file, name: backup.file }, null, {
      afterOpen: async () => {
        throw Object.assign(new Error('simulated failure once the new file is open'), { code: 'EIO' });
      },
    }).then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(BackupError);
    expect((error as BackupError).reason).toBe('restore_failed');
    expect((error as Error).message).toMatch(/tệp dữ liệu cũ đã được đặt lại đúng như trước.*Dữ liệu hiện tại không bị thay đổi/);
    const tables = (text: string) => (JSON.parse(text) as [string, unknown[]][]).filter(([table]) => table !== 'backups');
    expect(tables(dump(app.workspace.sqlite))).toEqual(tables(before)); // only the safety copy's history row is new
    expect(readdirSync(app.dir).filter((name) => name.includes('truoc-khoi-phuc'))).toEqual([]);
    expect((await app.call('backup.status', {})).undoAvailable).toBe(false);
    await app.call('models.create', f.model({ name: 'Vẫn ghi được' }));
    expect(modelNames(app)).toContain('Vẫn ghi được');
  });

  it('restores a file from an older version and migrates it forward', async () => {
    const app = await openTestApp();
    const folder = tempDir();
    await makeBackup(app, folder); // history that must survive the restore
    const old = join(folder, 'ban-cu-phien-ban-3.sqlite');
    const sqlite = new BetterSqlite3(old);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] });
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo('0003_count_indexes');
    expect(error).toBeUndefined();
    sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    sqlite.pragma('user_version = 3');
    const typeId = sqlite.prepare('select id from model_types limit 1').pluck().get() as string;
    const wardId = sqlite.prepare('select id from wards limit 1').pluck().get() as string;
    const now = new Date().toISOString();
    await sql`insert into models (id, name, type_id, ward_id, status, search_text, sort_key, created_at, updated_at, created_by, updated_by)
      values (${crypto.randomUUID()}, 'Mô hình từ phiên bản cũ', ${typeId}, ${wardId}, 'hoat_dong', 'mo hinh tu phien ban cu', 'mo hinh', ${now}, ${now}, ${SYSTEM_USER.id}, ${SYSTEM_USER.id})`.execute(db);
    await db.destroy();

    const info = await app.call('backup.inspect', { file: { path: old } });
    expect(info).toMatchObject({ schemaVersion: 3, needsMigration: true, createdAt: null, counts: { models: 1, subjects: 0 } });
    await app.call('backup.restore', { file: { path: old } });
    expect(app.workspace.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(modelNames(app)).toEqual(['Mô hình từ phiên bản cũ']);
    expect(await app.rows('subject_categories')).toBeGreaterThan(0); // later migrations ran, seeding included
    expect((await app.call('backup.history', {})).length).toBe(2); // the earlier backup and the safety copy
    await app.call('subjects.create', (await fixtures(app)).subject());
    expect(await app.rows('subjects')).toBe(1);
  });

  it('restores a data file copied together with its -wal, commits in the -wal included, without touching either', async () => {
    // E.g. the data folder of a PC that died: the last commits are still in so-theo-doi.sqlite-wal.
    const { app: old, f } = await appWithData();
    await old.call('models.create', f.model({ name: 'Mô hình chỉ có trong tệp -wal' }));
    const copied = join(tempDir(), 'may-cu');
    mkdirSync(copied);
    for (const suffix of ['', '-wal']) writeFileSync(join(copied, `${DATA_FILE_NAME}${suffix}`), readFileSync(join(old.dir, `${DATA_FILE_NAME}${suffix}`)));
    expect(statSync(join(copied, `${DATA_FILE_NAME}-wal`)).size).toBeGreaterThan(0);
    const hashes = [sha256(join(copied, DATA_FILE_NAME)), sha256(join(copied, `${DATA_FILE_NAME}-wal`))];
    const alone = join(tempDir(), 'chi-tep-chinh.sqlite'); // the main file by itself lacks the last commit
    writeFileSync(alone, readFileSync(join(copied, DATA_FILE_NAME)));
    const aloneDb = new BetterSqlite3(alone);
    const hasModels = aloneDb.prepare("select count(*) from sqlite_master where name = 'models'").pluck().get() === 1;
    expect(hasModels ? aloneDb.prepare('select count(*) from models where name = ?').pluck().get('Mô hình chỉ có trong tệp -wal') : 0).toBe(0);
    aloneDb.close();

    const app = await openTestApp();
    await app.call('backup.restore', { file: { path: join(copied, DATA_FILE_NAME) } });
    expect(modelNames(app)).toContain('Mô hình chỉ có trong tệp -wal');
    expect(app.workspace.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect([sha256(join(copied, DATA_FILE_NAME)), sha256(join(copied, `${DATA_FILE_NAME}-wal`))]).toEqual(hashes);
    expect(readdirSync(copied).sort()).toEqual([DATA_FILE_NAME, `${DATA_FILE_NAME}-wal`]);
  });

  it('fails cleanly on a folder that cannot be created or written, leaving nothing and marking nothing good', async () => {
    const { app } = await appWithData();
    const dir = tempDir();
    // Tests run as root, where permissions do not stop writes: a folder under a FILE cannot be created
    // by anyone. A full disk cannot be simulated portably; it takes the same path (ENOSPC/SQLITE_FULL).
    const blocker = join(dir, 'khong-phai-thu-muc');
    writeFileSync(blocker, 'x');
    const error = await apiError(app.call('backup.create', { target: { path: join(blocker, 'SaoLuu') } }));
    expect(error.message).toMatch(/không tồn tại và không tạo được/);
    expect(error.message).toMatch(/Dữ liệu trong ứng dụng không bị ảnh hưởng/);
    expect(readdirSync(dir)).toEqual(['khong-phai-thu-muc']);
    expect(readFileSync(blocker, 'utf8')).toBe('x');
    const encryptedError = await apiError(app.call('backup.create', { target: { path: join(blocker, 'SaoLuu') }, password: BACKUP_PASSWORD }));
    expect(encryptedError.message).toMatch(/không tồn tại và không tạo được/);
    expect(leftovers(app.dir)).toEqual([]); // the plain working copy is gone too

    const status = await app.call('backup.status', {});
    expect(status.last).toBeNull();
    expect(status.stale).toBe(true);
    expect(status.lastFailure?.error).toMatch(/không tồn tại và không tạo được/);
    const history = await app.call('backup.history', {});
    expect(history.map((row) => row.status)).toEqual(['failed', 'failed']);

    // Never over the live database, nor over a file that is not a backup.
    const overLive = await apiError(app.call('backup.create', { target: { path: join(app.dir, DATA_FILE_NAME) } }));
    expect(overLive.message).toMatch(/đè lên chính tệp dữ liệu/);
    const notBackup = join(dir, 'bao-cao.sqlite');
    writeFileSync(notBackup, 'báo cáo quan trọng');
    expect((await apiError(app.call('backup.create', { target: { path: notBackup } }))).message).toMatch(/không ghi đè/);
    expect(readFileSync(notBackup, 'utf8')).toBe('báo cáo quan trọng');
    // Settings check a folder when it is chosen.
    const settingsError = await apiError(app.call('backup.setSettings', { automatic: true, intervalHours: 6, folder: join(blocker, 'SaoLuu') }));
    expect(settingsError.fields?.[0]?.field).toBe('folder');
  });

  it('replaces an earlier backup at an explicit file path (a scheduled task), atomically', async () => {
    const { app, f } = await appWithData();
    const target = join(tempDir(), 'hang-ngay.sqlite');
    await makeBackup(app, target);
    await app.call('models.create', f.model({ name: 'Mô hình mới' }));
    const second = await makeBackup(app, target);
    expect(second.file).toBe(target);
    expect(second.counts?.models).toBe(3);
    expect(readdirSync(join(target, '..'))).toEqual(['hang-ngay.sqlite']);
  });
});

describe('automatic backups', () => {
  it('go to the folder and the second folder, encrypted with the stored password that no copy contains', async () => {
    const { app } = await appWithData();
    const first = join(tempDir(), 'chinh');
    const second = join(tempDir(), 'o-dia-khac');
    await app.call('backup.setSettings', { automatic: true, intervalHours: 6, folder: first, secondFolder: second, encryptAutomatic: true, password: AUTO_PASSWORD });
    const records = await runAutomaticBackup(app.workspace);
    expect(records).toHaveLength(2);
    expect(records.map((record) => record.kind)).toEqual(['automatic', 'automatic']);
    expect(records[0]!.file.startsWith(first)).toBe(true);
    expect(records[1]!.file.startsWith(second)).toBe(true);
    expect(basename(records[0]!.file)).toMatch(/_tu-dong\.antqbak$/);
    expect(sha256(records[0]!.file)).toBe(sha256(records[1]!.file));
    const info = await app.call('backup.inspect', { file: { path: records[1]!.file }, password: AUTO_PASSWORD });
    expect(info).toMatchObject({ kind: 'automatic', encrypted: true });
    // Decrypted, the copy holds the data but not the password.
    const restoredHere = await openTestApp();
    await restoredHere.call('backup.restore', { file: { path: records[0]!.file }, password: AUTO_PASSWORD });
    expect(await restoredHere.rows('models')).toBe(2);
    expect(restoredHere.workspace.sqlite.prepare("select count(*) from settings where key = 'backup:password'").pluck().get()).toBe(0);
    const status = await app.call('backup.status', {});
    expect(status.last?.kind).toBe('automatic');
  });

  it('never fall back to a plain file when encryption is on but the password is gone', async () => {
    const { app } = await appWithData();
    const folder = tempDir();
    await app.call('backup.setSettings', { automatic: true, intervalHours: 6, folder, encryptAutomatic: true, password: AUTO_PASSWORD });
    app.workspace.heldSecrets.set(app.workspace.file, 'backup:password', null); // as in the next run of a browser host
    const error = await runAutomaticBackup(app.workspace).then(
      () => null,
      (reason: unknown) => reason as BackupError,
    );
    expect(error?.reason).toBe('password');
    expect(readdirSync(folder)).toEqual([]);
    expect((await app.call('backup.status', {})).lastFailure?.error).toMatch(/chưa có mật khẩu ở lần chạy này/);
    const refused = await apiError(app.call('backup.setSettings', { automatic: true, intervalHours: 6, encryptAutomatic: true }));
    expect(refused.fields?.[0]?.field).toBe('password');
  });

  it('run on start and then every N hours, never on demo data', async () => {
    const { app } = await appWithData();
    const folder = tempDir();
    await app.call('backup.setSettings', { automatic: true, intervalHours: 2, folder });
    let now = new Date(2026, 10, 26, 9, 15);
    const scheduler = startBackupScheduler(app.workspace, { startDelayMs: 3_600_000, checkEveryMs: 3_600_000, now: () => now });
    try {
      await scheduler.tick();
      expect(readdirSync(folder)).toEqual(['so-theo-doi_cong-an-phuong-binh-tien_2026-11-26_0915_tu-dong.sqlite']);
      now = new Date(2026, 10, 26, 10, 30);
      await scheduler.tick();
      expect(readdirSync(folder)).toHaveLength(1);
      now = new Date(2026, 10, 26, 11, 16);
      await scheduler.tick();
      expect(readdirSync(folder)).toHaveLength(2);
      await app.call('backup.setSettings', { automatic: false, intervalHours: 2, folder });
      now = new Date(2026, 10, 26, 20, 0);
      await scheduler.tick();
      expect(readdirSync(folder)).toHaveLength(2);
    } finally {
      await scheduler.stop();
    }
  });

  it('rotation keeps all of today, the newest of each of 14 days, the newest of each of 12 months', () => {
    const now = new Date(2026, 10, 26, 15, 0); // 26/11/2026 15:00 local
    const at = (y: number, m: number, d: number, h = 12) => ({ id: `${y}-${m + 1}-${d}-${h}`, createdAt: new Date(y, m, d, h).toISOString() });
    const backups = [
      at(2026, 10, 26, 1), at(2026, 10, 26, 9), at(2026, 10, 26, 14), // today: all kept
      at(2026, 10, 25, 8), at(2026, 10, 25, 20), // yesterday: the 20:00 one
      at(2026, 10, 12, 10), at(2026, 10, 12, 11), // 14 days ago: the 11:00 one
      at(2026, 10, 11, 10), // 15 days ago: not the newest of November, removed
      at(2026, 9, 3), at(2026, 9, 30, 9), at(2026, 9, 30, 18), // October: only the newest
      at(2025, 10, 2), at(2025, 10, 20), // November 2025 (12 months ago): the newest
      at(2025, 9, 31), // 13 months ago: removed
    ];
    expect(backupsToRemove(backups, now).sort()).toEqual(['2025-10-31-12', '2025-11-2-12', '2026-10-3-12', '2026-10-30-9', '2026-11-11-10', '2026-11-12-10', '2026-11-25-8'].sort());
  });

  it('rotation deletes only rotated automatic files, folder by folder, never manual or safety ones', async () => {
    const app = await openTestApp();
    const ctx = app.workspace.context();
    const folders = [tempDir(), tempDir()];
    const now = new Date(2026, 10, 26, 15, 0);
    const add = async (kind: BackupRecord['kind'], folder: string, createdAt: Date, name: string) => {
      const file = join(folder, name);
      writeFileSync(file, name);
      await ctx.db
        .insertInto('backups')
        .values({ id: crypto.randomUUID(), kind, file, createdAt: createdAt.toISOString(), bytes: 1, encrypted: 0, status: 'ok', error: null, countsJson: null, removedAt: null, createdBy: SYSTEM_USER.id })
        .execute();
      return file;
    };
    const kept: string[] = [];
    const gone: string[] = [];
    for (const folder of folders) {
      kept.push(await add('automatic', folder, new Date(2026, 10, 20, 10), 'a-20-10'));
      gone.push(await add('automatic', folder, new Date(2026, 10, 20, 9), 'a-20-09'));
      kept.push(await add('manual', folder, new Date(2026, 10, 20, 8), 'm-20-08'));
      kept.push(await add('safety', folder, new Date(2024, 0, 1), 's-2024'));
    }
    const removed = await rotateAutomaticBackups(ctx, now);
    expect(removed.map((row) => row.file).sort()).toEqual(gone.sort());
    for (const file of kept) expect(existsSync(file), file).toBe(true);
    for (const file of gone) expect(existsSync(file), file).toBe(false);
    expect((await app.call('backup.history', {})).map((row) => row.file)).not.toContain(gone[0]);
    expect((await app.call('backup.history', { includeRemoved: true })).map((row) => row.file)).toContain(gone[0]);
  });
});

describe('single instance per data folder', () => {
  it('refuses a second app instance without touching anything, and takes over a stale lock', async () => {
    const dir = tempDir();
    const first = await Workspace.open({ dataDir: dir, lock: true });
    const lockFile = join(dir, LOCK_FILE_NAME);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    await first.close();
    const again = await Workspace.open({ dataDir: dir, lock: true });
    const listing = readdirSync(dir).sort();
    const lockContent = readFileSync(lockFile, 'utf8');
    const error = await Workspace.open({ dataDir: dir, lock: true }).then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(InstanceLockedError);
    expect((error as Error).message).toMatch(/đang được mở ở một cửa sổ khác \(tiến trình \d+\).*Dữ liệu không bị thay đổi/);
    expect(readdirSync(dir).sort()).toEqual(listing);
    expect(readFileSync(lockFile, 'utf8')).toBe(lockContent); // the first instance keeps its lock
    expect(exitCodeOf(error)).toBe(BACKUP_EXIT.busy);
    // The CLI (no lock) may still open it alongside, e.g. to back up.
    const cli = await Workspace.open({ dataDir: dir });
    await cli.close();
    await again.close();
    expect(existsSync(lockFile)).toBe(false);

    // A lock left by a process that died (same machine, same boot) is taken over.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const boot = Math.round((Date.now() - uptime() * 1000) / 60_000) * 60_000;
    writeFileSync(lockFile, JSON.stringify({ pid: dead, host: hostname(), boot, at: new Date().toISOString() }));
    const takeover = await Workspace.open({ dataDir: dir, lock: true });
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    await takeover.close();
  });
});

describe('web host transfers', () => {
  it('downloads a backup once by its token and restores an upload; uploads need the cookie and respect the cap', async () => {
    const { app, f } = await appWithData();
    const rendererDir = tempDir();
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>test</title>');
    const host = await startWebHost({ workspace: app.workspace, rendererDir, maxUploadBytes: 50 * 1024 * 1024 });
    try {
      const base = `http://127.0.0.1:${host.port}`;
      const login = await fetch(host.url, { redirect: 'manual' });
      const gate = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      // An officer signed in: the user session's cookie beside the gate's.
      await app.call('users.add', { username: 'quantri.thu', displayName: 'Quản trị thử', role: 'admin', password: 'mật khẩu thử đủ dài', mustChangePassword: false });
      const signIn = await fetch(`${base}/api/auth.signIn`, { method: 'POST', headers: { cookie: gate, 'content-type': 'application/json' }, body: JSON.stringify({ username: 'quantri.thu', password: 'mật khẩu thử đủ dài' }) });
      const cookie = `${gate}; ${(signIn.headers.get('set-cookie') ?? '').split(';')[0]}`;
      const api = async (method: string, input: unknown) => (await (await fetch(`${base}/api/${method}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(input) })).json()) as { ok: boolean; result: never; error: { message: string } };

      const created = await api('backup.create', { target: 'download' });
      expect(created.ok).toBe(true);
      const { downloadUrl, record } = created.result as { downloadUrl: string; record: BackupRecord };
      expect(downloadUrl).toMatch(/^\/download\/[\w-]{20,}$/);
      const download = await fetch(`${base}${downloadUrl}`, { headers: { cookie } });
      expect(download.status).toBe(200);
      expect(download.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(record.file)}`);
      const bytes = Buffer.from(await download.arrayBuffer());
      expect(bytes.length).toBe(record.bytes);
      expect((await fetch(`${base}${downloadUrl}`, { headers: { cookie } })).status).toBe(404); // once only
      // the host deletes the file when the response closes, which may come just after the client has every byte
      await vi.waitFor(() => expect(readdirSync(join(stagingDir(app.dir), 'tai-xuong'))).toEqual([]));

      await app.call('models.create', f.model({ name: 'Mô hình thêm sau khi sao lưu' }));
      expect((await fetch(`${base}/upload`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: bytes })).status).toBe(403);
      const tooBig = await fetch(`${base}/upload`, { method: 'POST', headers: { cookie, 'content-type': 'application/octet-stream' }, body: Buffer.alloc(51 * 1024 * 1024) });
      expect(tooBig.status).toBe(413);
      const upload = (await (await fetch(`${base}/upload`, { method: 'POST', headers: { cookie, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(record.file) }, body: bytes })).json()) as {
        result: { uploadId: string; bytes: number };
      };
      expect(upload.result.bytes).toBe(bytes.length);
      const inspected = await api('backup.inspect', { file: { uploadId: upload.result.uploadId } });
      expect(inspected.result).toMatchObject({ file: record.file, unit: UNIT });
      const restored = await api('backup.restore', { file: { uploadId: upload.result.uploadId } });
      expect(restored.ok).toBe(true);
      expect(modelNames(app)).toEqual(['Nhà trọ tự quản số 12 Bà Hom', 'Tổ tự quản Khu phố 3']);
      const again = await api('backup.inspect', { file: { uploadId: upload.result.uploadId } });
      expect(again.error.message).toMatch(/Tệp tải lên không còn/);
    } finally {
      await host.close();
    }
    expect(readdirSync(stagingDir(app.dir)).filter((name) => name.startsWith('tai-len'))).toEqual([]);
  });

  it('Electron has no uploads or downloads: it says so', async () => {
    const app = await openTestApp();
    expect((await apiError(app.call('backup.create', { target: 'download' }))).message).toMatch(/trong trình duyệt/);
    expect((await apiError(app.call('backup.inspect', { file: { uploadId: crypto.randomUUID() } }))).message).toMatch(/trong trình duyệt/);
  });

  it('admin methods are refused to an editor; an editor may back up', async () => {
    const app = await openTestApp();
    const editor = { id: '00000000-0000-4000-8000-0000000000a2', username: 'nhaplieu', displayName: 'Cán bộ nhập liệu', role: 'editor' as const };
    for (const method of ['backup.restore', 'backup.inspect', 'backup.undoRestore', 'backup.setSettings'] as const) {
      const response = await app.request(method, { file: { path: '/x' }, automatic: true, intervalHours: 1 }, editor);
      expect(response.ok ? null : response.error.code, method).toBe('forbidden');
    }
    const made = await app.call('backup.create', { target: { path: tempDir() } }, editor);
    expect(made.record.status).toBe('ok');
  });
});

describe('command line backup commands', () => {
  const run = async (name: keyof typeof BACKUP_COMMANDS, options: Omit<Options, 'demo'>) => {
    try {
      return { code: 0, output: await BACKUP_COMMANDS[name].run({ demo: false, ...options }) };
    } catch (error) {
      return { code: exitCodeOf(error), message: (error as Error).message };
    }
  };

  it('backup, verify, backups and restore, with distinct exit codes per failure', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const { app } = await appWithData({ dataDir: dir });
    await app.workspace.close(); // the CLI runs on its own
    const out = tempDir();
    const passwordFile = join(out, 'mat-khau.txt');
    writeFileSync(passwordFile, `${BACKUP_PASSWORD}\r\n`);

    const made = await run('backup', { dataDir: dir, json: true, to: join(out, 'dem-nay.antqbak'), passwordFile });
    expect(made.code).toBe(0);
    expect((made.output!.json.backup as BackupRecord).file).toBe(join(out, 'dem-nay.antqbak'));
    expect((await run('backup', { dataDir: dir, json: false })).code).toBe(BACKUP_EXIT.usage);
    const tooLong = join(out, 'qua-dai.txt');
    writeFileSync(tooLong, `${'m'.repeat(201)}\n`); // the app's password fields stop at 200
    expect((await run('backup', { dataDir: dir, json: false, to: out, passwordFile: tooLong })).code).toBe(BACKUP_EXIT.password);
    expect((await run('backup', { dataDir: tempDir(), json: false, to: out })).code).toBe(BACKUP_EXIT.unavailable);
    const blocked = join(out, 'tep');
    writeFileSync(blocked, '');
    expect((await run('backup', { dataDir: dir, json: false, to: join(blocked, 'x') })).code).toBe(BACKUP_EXIT.destination);

    const verified = await run('verify', { dataDir: dir, json: false, file: join(out, 'dem-nay.antqbak'), passwordFile });
    expect(verified.output!.lines.join('\n')).toContain(`đơn vị: ${UNIT}`);
    expect((await run('verify', { dataDir: dir, json: false, file: join(out, 'dem-nay.antqbak') })).code).toBe(BACKUP_EXIT.password);
    writeFileSync(join(out, 'sai.txt'), 'sai-mat-khau\n');
    expect((await run('verify', { dataDir: dir, json: false, file: join(out, 'dem-nay.antqbak'), passwordFile: join(out, 'sai.txt') })).code).toBe(BACKUP_EXIT.password);
    expect((await run('verify', { dataDir: dir, json: false, file: passwordFile })).code).toBe(BACKUP_EXIT.badFile);

    const history = await run('backups', { dataDir: dir, json: false });
    expect(history.output!.lines[0]).toMatch(/Lịch sử sao lưu \(2,/); // the good one and the failed attempt
    expect(history.output!.lines.join('\n')).toMatch(/LỖI/);

    // Without --yes and without a terminal to ask at, nothing is restored.
    expect((await run('restore', { dataDir: dir, json: true, file: join(out, 'dem-nay.antqbak'), passwordFile })).code).toBe(BACKUP_EXIT.notConfirmed);
    const running = await Workspace.open({ dataDir: dir, lock: true }); // the app is open
    expect((await run('restore', { dataDir: dir, json: false, file: join(out, 'dem-nay.antqbak'), passwordFile, yes: true })).code).toBe(BACKUP_EXIT.busy);
    await running.close();
    const restored = await run('restore', { dataDir: dir, json: false, file: join(out, 'dem-nay.antqbak'), passwordFile, yes: true });
    expect(restored.code).toBe(0);
    expect(restored.output!.lines.join('\n')).toMatch(/Bản sao an toàn của dữ liệu trước khi khôi phục: .*_truoc-khoi-phuc\.sqlite/);
  });
});
