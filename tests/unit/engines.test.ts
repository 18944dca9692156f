/**
 * What db/engine.ts and the PostgreSQL translation promise (issue 18 point 1): the same results on the local
 * file and on a server. `npm run test:unit` runs this file on SQLite and `npm run test:pg` on PostgreSQL.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { addMonthsSql, jsonField } from '../../src/main/db/engine';
import pg from 'pg';
import { connectionString, openPostgres } from '../../src/main/db/postgres';
import { foldForSearch } from '../../src/shared/text';
import { createDatabase, dropDatabase } from '../postgres/databases';
import { apiError, cli, EDITOR, fixtures, openTestApp, tempDir } from './helpers';

const postgres = inject('postgres');

describe('one app on either engine', () => {
  it('runs on the engine the run asks for', async () => {
    const app = await openTestApp();
    expect(app.workspace.engine).toBe(postgres ? 'postgres' : 'sqlite');
  });

  it('folds text for search in SQL as the app does in JavaScript', async () => {
    const app = await openTestApp();
    const texts = ['Nguyễn Văn Bình', 'ĐẶNG THỊ ỨNG', 'Phường  Bình   Tiên ', 'Hẻm 12/3 Lò Gốm', 'Trần Đức Thắng', 'Cù Huy Cận'];
    const folded = [];
    for (const text of texts) folded.push((await sql<{ folded: string }>`select fold_for_search(${text}) as folded`.execute(app.workspace.context().db)).rows[0]?.folded);
    expect(folded).toEqual(texts.map(foldForSearch));
  });

  it('adds months within the target month, and reads JSON fields', async () => {
    const app = await openTestApp();
    const db = app.workspace.context().db;
    const dates = ['2024-01-31', '2023-01-31', '2024-03-15', '2024-08-31'];
    const later: Record<string, string | undefined> = {};
    for (const day of dates) later[day] = (await sql<{ later: string }>`select ${addMonthsSql(db, 'd.day', 1)} as later from (select ${day} as day) as d`.execute(db)).rows[0]?.later;
    expect(later).toEqual({ '2024-01-31': '2024-02-29', '2023-01-31': '2023-02-28', '2024-03-15': '2024-04-15', '2024-08-31': '2024-09-30' });
    const json = await sql<{ run: string }>`select ${jsonField(db, 'j.body', 'importRun')} as run from (select ${JSON.stringify({ importRun: 'r-1', other: 2 })} as body) as j`.execute(db);
    expect(json.rows[0]?.run).toBe('r-1');
  });

  it('orders Vietnamese names as the collation keys say, and finds them without accents', async () => {
    const app = await openTestApp();
    const { subject } = await fixtures(app);
    for (const fullName of ['Nguyễn Văn Đạt', 'Nguyễn Văn Dũng', 'Trần Thị Ân', 'Lê Văn An', 'Phạm Văn Bình']) await app.call('subjects.create', subject({ fullName, idNumber: null }));
    // The roster's order: by given name, then the rest; a before â, d before đ.
    const listed = await app.call('subjects.list', { offset: 0, limit: 100, sort: { field: 'rosterName', direction: 'asc' } });
    expect(listed.rows.map((row) => row.fullName)).toEqual(['Lê Văn An', 'Trần Thị Ân', 'Phạm Văn Bình', 'Nguyễn Văn Dũng', 'Nguyễn Văn Đạt']);
    const found = async (search: string) => (await app.call('subjects.list', { offset: 0, limit: 100, search })).rows.map((row) => row.fullName);
    expect(await found('thi an')).toEqual(['Trần Thị Ân']);
    expect(await found('DAT')).toEqual(['Nguyễn Văn Đạt']);
    expect(await found('nguyen van')).toEqual(['Nguyễn Văn Dũng', 'Nguyễn Văn Đạt']);
  });
});

// These need a server: `npm run test:pg` runs them (on SQLite there is no server to refuse or to reach).
describe.runIf(postgres)('a PostgreSQL server as the data source', () => {
  const server = postgres!;
  const fresh = async () => {
    const name = `t_${crypto.randomUUID().replaceAll('-', '')}`;
    await createDatabase(server, name);
    return { name, url: server.url + name, drop: () => dropDatabase(server, name) };
  };

  // On the file, two writers are two processes (concurrency.test.ts): in one process better-sqlite3's busy
  // wait would block the event loop the first writer needs to finish.
  it('lets one of two saves made at once on the same version through, and refuses the other', async () => {
    const app = await openTestApp();
    const second = await openTestApp({ dataDir: app.dir });
    const { subject } = await fixtures(app);
    const created = await app.call('subjects.create', subject());
    const saves = await Promise.allSettled([
      app.call('subjects.update', { id: created.id, version: created.version, values: subject({ phone: '0909 111 222' }) }),
      second.call('subjects.update', { id: created.id, version: created.version, values: subject({ phone: '0909 333 444' }) }, EDITOR),
    ]);
    expect(saves.map((save) => save.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = saves.find((save) => save.status === 'rejected') as PromiseRejectedResult;
    expect(await apiError(Promise.reject(refused.reason))).toMatchObject({ code: 'conflict', reason: 'version' });
    const kept = (saves.find((save) => save.status === 'fulfilled') as PromiseFulfilledResult<{ phone: string | null }>).value;
    expect((await app.call('subjects.get', { id: created.id })).subject.phone).toBe(kept.phone);
  });
  it("refuses, untouched, another program's database and one of a newer app", async () => {
    const foreign = await fresh();
    try {
      const client = new pg.Client({ connectionString: connectionString({ url: foreign.url, password: server.password }) });
      await client.connect();
      await client.query('create table ke_toan (id integer)');
      await client.end();
      await expect(openPostgres({ url: foreign.url, password: server.password })).rejects.toThrow(/phần mềm khác/);
      const newer = await fresh();
      try {
        const opened = await openPostgres({ url: newer.url, password: server.password });
        await sql`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01')`.execute(opened.db);
        await opened.close();
        await expect(openPostgres({ url: newer.url, password: server.password })).rejects.toThrow(/phiên bản mới hơn/);
      } finally {
        await newer.drop();
      }
    } finally {
      await foreign.drop();
    }
  });

  it('says in words why a server cannot be used', async () => {
    await expect(openPostgres({ url: `${server.url}postgres`, password: 'sai-mat-khau' })).rejects.toThrow(/sai tên người dùng hoặc mật khẩu/);
    await expect(openPostgres({ url: `${server.url}chua_co`, password: server.password })).rejects.toThrow(/chưa có cơ sở dữ liệu này/);
  });

  it('serves the command line with --database and --database-password-file', async () => {
    const target = await fresh();
    try {
      const dir = tempDir();
      const passwordFile = join(dir, 'mat-khau.txt');
      writeFileSync(passwordFile, `${server.password}\n`);
      const info = await cli('info', '--json', '--data-dir', dir, '--database', target.url, '--database-password-file', passwordFile);
      expect(info.code, info.stderr).toBe(0);
      expect(JSON.parse(info.stdout)).toMatchObject({ mode: 'real', dataFile: target.url, counts: { subjects: 0 } });
    } finally {
      await target.drop();
    }
  });
});

describe('the --database option', () => {
  it('refuses a password written in the address, and a bad address, before opening anything', async () => {
    const inUrl = await cli('info', '--database', 'postgres://canbo:bimat@127.0.0.1:5432/so_theo_doi');
    expect(inUrl.code).toBe(2);
    expect(inUrl.stderr).toContain('Không ghi mật khẩu trong địa chỉ máy chủ');
    const wrong = await cli('info', '--database', 'mysql://127.0.0.1/so_theo_doi');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('phải bắt đầu bằng postgres://');
    const alone = await cli('info', '--database-password-file', 'x.txt');
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('chỉ dùng cùng --database');
  });
});
