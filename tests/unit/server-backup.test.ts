/**
 * Backups of a PostgreSQL server (issue 18 point 4): the app's own backup format, made from a copy of the
 * server's data in a file of the same schema, so it verifies and restores into a local file like any other.
 * Run by `npm run test:pg`: without a server there is nothing to back up here (backup.test.ts has the file's).
 */
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stagingDir } from '../../src/main/services/backup/naming';
import { cli, fixtures, ON_SERVER, openTestApp, tempDir } from './helpers';

const PASSWORD = 'mat-khau-sao-luu-1';
const TABLES = ['subjects', 'subject_reviews', 'subject_status_changes', 'models', 'model_members', 'wards', 'subject_categories', 'audit_log'];

describe.runIf(ON_SERVER)('a backup of a PostgreSQL server', () => {
  it('is an encrypted file of the app, which restores into a local file with every record, the trash and the search', async () => {
    const app = await openTestApp();
    const f = await fixtures(app);
    const kept = await app.call('subjects.create', f.subject({ fullName: 'Nguyễn Văn Ướt' }));
    await app.call('reviews.create', { subjectId: kept.id, reviewedOn: '01/03/2024', result: 'tien_bo' });
    const trashed = await app.call('subjects.create', f.subject({ fullName: 'Trần Thị Gạo', idNumber: null }));
    await app.call('subjects.trash', { id: trashed.id });
    const model = await app.call('models.create', f.model());
    await app.call('members.create', { modelId: model.id, fullName: 'Lê Văn Tổ', role: 'Tổ trưởng' });
    await app.call('wards.create', { name: 'Phường Mới Lập' });

    const created = await app.call('backup.create', { target: { path: tempDir() }, password: PASSWORD });
    expect(created.record).toMatchObject({ status: 'ok', encrypted: true });
    expect(created.record.file).toMatch(/\.antqbak$/);
    // The private copy of the server's data is gone once the backup is written.
    const staging = stagingDir(app.dir);
    expect(existsSync(staging) ? readdirSync(staging).filter((name) => name.startsWith('may-chu')) : []).toEqual([]);

    const local = await openTestApp({ onFile: true });
    expect(local.workspace.engine).toBe('sqlite');
    const restored = await local.call('backup.restore', { file: { path: created.record.file }, password: PASSWORD });
    expect(restored.restored.encrypted).toBe(true);
    for (const table of TABLES) expect(await local.rows(table), table).toBe(await app.rows(table));
    const names = async (search?: string, trashed = false) => (await local.call('subjects.list', { offset: 0, limit: 50, search, trashed })).rows.map((row) => row.fullName);
    expect(await names('uot')).toEqual(['Nguyễn Văn Ướt']);
    expect(await names(undefined, true)).toEqual(['Trần Thị Gạo']);
    expect((await local.call('subjects.get', { id: kept.id })).subject.lastReviewOn).toBe('2024-03-01');
    expect((await local.call('catalogues.get', {})).wards.map((ward) => ward.name)).toContain('Phường Mới Lập');
  });
});

describe.runIf(ON_SERVER)('copy-to-server', () => {
  it("puts a PC's whole data file into a new server, ids, versions, merges and the log kept; refuses a server that has records", async () => {
    // The office's data so far, in the local file of a data folder.
    const local = await openTestApp({ onFile: true });
    const f = await fixtures(local);
    const kept = await local.call('subjects.create', f.subject({ fullName: 'Nguyễn Văn Ướt' }));
    await local.call('reviews.create', { subjectId: kept.id, reviewedOn: '01/03/2024', result: 'tien_bo' });
    const duplicate = await local.call('subjects.create', f.subject({ fullName: 'Nguyễn Văn Ướt', idNumber: null, confirmedDistinct: true }));
    await local.call('subjects.merge', { keepId: kept.id, mergeId: duplicate.id });
    const model = await local.call('models.create', f.model());
    await local.edit('models.update', { id: model.id, values: f.model({ address: '14 Bà Hom' }) });
    await local.call('wards.create', { name: 'Phường Mới Lập' });
    const before = await local.call('subjects.get', { id: kept.id }); // audited as a view, before the counts
    const expected = Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, await local.rows(table)])));
    await local.workspace.close();

    // A new server database for that data folder (the folder's file stays beside it).
    const server = await openTestApp({ dataDir: local.dir });
    const copied = await cli('copy-to-server', '--data-dir', local.dir, '--json');
    expect(copied.code, copied.stderr).toBe(0);
    expect((JSON.parse(copied.stdout) as { copy: { rows: Record<string, number> } }).copy.rows).toMatchObject(expected);
    for (const table of TABLES) expect(await server.rows(table), table).toBe(expected[table]);
    // The person whole: fields, version, reviews, status history and the record merged into it.
    expect(await server.call('subjects.get', { id: kept.id })).toEqual(before);
    expect((await server.call('subjects.list', { offset: 0, limit: 10, search: 'uot', trashed: true })).rows.map((row) => row.id)).toEqual([duplicate.id]);
    expect(await server.query('select version, address from models where id = ?', model.id)).toEqual([{ version: 2, address: '14 Bà Hom' }]);
    // The server numbers new people after the copied ones.
    const added = await server.call('subjects.create', f.subject({ fullName: 'Lê Thị Mới', idNumber: null }));
    expect((await server.call('subjects.list', { offset: 0, limit: 10, search: 'le thi moi' })).rows.map((row) => row.id)).toEqual([added.id]);

    const again = await cli('copy-to-server', '--data-dir', local.dir);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('Máy chủ đã có hồ sơ');
    expect(await server.rows('subjects')).toBe(3);
  });
});
