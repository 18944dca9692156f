/**
 * "Nguồn dữ liệu" (issue 18 point 1): an administrator chooses this PC's file or a PostgreSQL server; the
 * server is checked without being changed, the password is kept sealed by the key store (never as text),
 * and the next start of any host opens what was saved. `npm run test:unit` runs the parts that need no
 * server; `npm run test:pg` runs them all against the throwaway cluster.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { connectionString } from '../../src/main/db/postgres';
import { savedServerSource, SERVER_SETTING_FILE } from '../../src/main/db/server-setting';
import { Workspace } from '../../src/main/workspace';
import { createDatabase, dropDatabase } from '../postgres/databases';
import { apiError, cli, EDITOR, fixtures, openTestApp, tempDir, testKeyStore } from './helpers';

const postgres = inject('postgres');

/** A port of 127.0.0.1 nobody listens on (taken, then let go). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('the data source setting', () => {
  it('starts on this PC’s file, and says whether this host can keep a password', async () => {
    const app = await openTestApp({ onFile: true });
    expect(await app.call('dataSource.status', {})).toEqual({
      active: { kind: 'file', where: app.workspace.realFile },
      saved: { kind: 'file' },
      restartNeeded: false,
      canSavePassword: false,
    });
    const desktop = await openTestApp({ onFile: true, sealer: testKeyStore() });
    expect((await desktop.call('dataSource.status', {})).canSavePassword).toBe(true);
  });

  it('is for administrators only', async () => {
    const app = await openTestApp({ onFile: true });
    expect(await apiError(app.call('dataSource.status', {}, EDITOR))).toMatchObject({ code: 'forbidden' });
    expect(await apiError(app.call('dataSource.save', { kind: 'file' }, EDITOR))).toMatchObject({ code: 'forbidden' });
  });

  it('refuses bad settings field by field, in Vietnamese', async () => {
    const app = await openTestApp({ onFile: true });
    const refused = await apiError(app.call('dataSource.check', { host: 'máy chủ xã', port: 70000, database: '', user: 'can bo', tls: 'prefer' as never }));
    expect(refused.code).toBe('validation');
    expect(Object.fromEntries((refused.fields ?? []).map((field) => [field.field, field.message]))).toEqual({
      host: expect.stringContaining('chỉ gồm chữ không dấu'),
      port: 'Cổng từ 1 đến 65535.',
      database: 'Hãy nhập cơ sở dữ liệu.',
      user: expect.stringContaining('chỉ gồm chữ không dấu'),
      tls: 'Chế độ mã hóa không hợp lệ.',
    });
  });

  it('says in words that nobody answers, and saves nothing then', async () => {
    const app = await openTestApp({ onFile: true, sealer: testKeyStore() });
    const settings = { host: '127.0.0.1', port: await closedPort(), database: 'so_theo_doi', user: 'canbo', password: 'mat-khau-may-chu' };
    const check = await apiError(app.call('dataSource.check', settings));
    expect(check).toMatchObject({ code: 'conflict', reason: 'server' });
    expect(check.message).toContain('máy chủ không nhận kết nối');
    expect(check.message).not.toContain('mat-khau-may-chu');
    expect((await apiError(app.call('dataSource.save', { kind: 'server', server: settings }))).message).toContain('máy chủ không nhận kết nối');
    expect(existsSync(join(app.dir, SERVER_SETTING_FILE))).toBe(false);
    expect((await app.call('dataSource.status', {})).saved).toEqual({ kind: 'file' });
  });

  it('stops the start on a damaged setting instead of guessing which data to open', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, SERVER_SETTING_FILE), '{"host": "192.168.1.10", "port": ');
    expect(() => savedServerSource(dir, {})).toThrow(/bị hỏng/);
    const run = await cli('info', '--data-dir', dir);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`Tệp cài đặt máy chủ dữ liệu "${join(dir, SERVER_SETTING_FILE)}" bị hỏng`);
  });
});

// These need a server: `npm run test:pg` runs them.
describe.runIf(postgres)('the data source setting with a server', () => {
  const server = postgres!;
  const settingsFor = (database: string, password = server.password, address = new URL(server.url)) => ({ host: address.hostname, port: Number(address.port), database, user: decodeURIComponent(address.username), password, tls: 'disable' as const });
  const fresh = async () => {
    const name = `t_${crypto.randomUUID().replaceAll('-', '')}`;
    await createDatabase(server, name);
    return { name, drop: () => dropDatabase(server, name) };
  };

  it('checks a server without changing it: empty, the app’s data with its people, or a wrong password in words', async () => {
    const app = await openTestApp({ onFile: true });
    const empty = await fresh();
    try {
      expect(await app.call('dataSource.check', settingsFor(empty.name))).toMatchObject({ state: 'empty', schemaVersion: null, people: null, encrypted: false });
      // Still empty: the check created nothing.
      expect(await app.call('dataSource.check', settingsFor(empty.name))).toMatchObject({ state: 'empty' });
    } finally {
      await empty.drop();
    }
    const shared = await openTestApp();
    const { subject } = await fixtures(shared);
    await shared.call('subjects.create', subject());
    const database = new URL(shared.workspace.serverAddress!).pathname.slice(1);
    expect(await app.call('dataSource.check', settingsFor(database))).toMatchObject({ state: 'ours', schemaVersion: shared.workspace.schemaVersion, people: 1 });
    expect((await apiError(app.call('dataSource.check', settingsFor(database, 'sai-mat-khau')))).message).toContain('sai tên người dùng hoặc mật khẩu');
  });

  it('keeps the password sealed, and the next start of the desktop app and of the CLI opens the saved server', async () => {
    const sealer = testKeyStore();
    const app = await openTestApp({ onFile: true, sealer });
    const target = await fresh();
    try {
      const status = await app.call('dataSource.save', { kind: 'server', server: settingsFor(target.name) });
      expect(status).toMatchObject({ active: { kind: 'file' }, saved: { kind: 'server', server: { database: target.name, tls: 'disable' }, passwordSaved: true }, restartNeeded: true });
      const stored = readFileSync(join(app.dir, SERVER_SETTING_FILE), 'utf8');
      expect(stored).not.toContain(server.password);
      expect(sealer.open((JSON.parse(stored) as { sealedPassword: string }).sealedPassword)).toBe(server.password);
      const [audit] = (await app.call('audit.list', { offset: 0, limit: 1, entity: 'setting' })).rows;
      expect(audit).toMatchObject({ entityId: 'data-source', after: { kind: 'server', address: expect.stringContaining(target.name) } });
      expect(JSON.stringify(audit)).not.toContain(server.password);

      // Saved again without a password: the sealed one is kept.
      await app.call('dataSource.save', { kind: 'server', server: { ...settingsFor(target.name), password: '' } });
      expect(sealer.open((JSON.parse(readFileSync(join(app.dir, SERVER_SETTING_FILE), 'utf8')) as { sealedPassword: string }).sealedPassword)).toBe(server.password);

      // The next start: the desktop app opens the server with the sealed password.
      const next = await Workspace.open({ dataDir: tempDir(), server: savedServerSource(app.dir, { sealer }), sealer });
      try {
        expect(next.engine).toBe('postgres');
        expect(next.serverAddress).toContain(`/${target.name}?sslmode=disable`);
      } finally {
        await next.close();
      }
      // The CLI (no key store) with the password in a file, on the same folder, without --database.
      const passwordFile = join(tempDir(), 'mat-khau.txt');
      writeFileSync(passwordFile, `${server.password}\n`);
      const info = await cli('info', '--json', '--data-dir', app.dir, '--database-password-file', passwordFile);
      expect(info.code, info.stderr).toBe(0);
      expect(JSON.parse(info.stdout).dataFile).toContain(`/${target.name}?sslmode=disable`);

      // Back to the file: the setting is removed.
      expect(await app.call('dataSource.save', { kind: 'file' })).toMatchObject({ saved: { kind: 'file' }, restartNeeded: false });
      expect(existsSync(join(app.dir, SERVER_SETTING_FILE))).toBe(false);
    } finally {
      await target.drop();
    }
  });

  it("refuses to save another program's database", async () => {
    const app = await openTestApp({ onFile: true });
    const foreign = await fresh();
    try {
      const client = new pg.Client({ connectionString: connectionString({ url: server.url + foreign.name, password: server.password }) });
      await client.connect();
      await client.query('create table ke_toan (id integer)');
      await client.end();
      expect(await app.call('dataSource.check', settingsFor(foreign.name))).toMatchObject({ state: 'foreign' });
      expect((await apiError(app.call('dataSource.save', { kind: 'server', server: settingsFor(foreign.name) }))).message).toContain('phần mềm khác');
      expect(existsSync(join(app.dir, SERVER_SETTING_FILE))).toBe(false);
    } finally {
      await foreign.drop();
    }
  });
});
