/**
 * A restore while another process (a CLI `backup`, `verify` or `backups`) sweeps leftovers at its start
 * (issue 12 review): the private copy of the file being restored is never taken for a leftover, and if it
 * disappears all the same, the restore fails with the data unchanged: no new empty database is made in
 * its place and swapped in.
 *
 * fs.copyFile keeps the source's modification time on macOS and Windows, not on Linux: here it is made
 * to behave as there, so that a copy of an old backup looks old.
 */
import { readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cleanLeftovers, createBackup, restoreBackup } from '../../src/main/services/backup';
import { openTestApp, tempDir, type TestApp } from './helpers';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const copyFile: typeof actual.copyFile = async (source, target, mode) => {
    await actual.copyFile(source, target, mode);
    const { atime, mtime } = await actual.stat(source);
    await actual.utimes(target, atime, mtime);
  };
  return { ...actual, default: { ...actual, copyFile }, copyFile };
});

const PREPARING = 'Đang chuẩn bị dữ liệu…';
const filled = (app: TestApp) => app.workspace.sqlite.prepare("select count(*) from audit_log where entity = 'fill'").pluck().get() as number;
const fill = (app: TestApp, prefix: string, rows: number) =>
  app.workspace.sqlite
    .prepare(
      `with recursive n(i) as (select 1 union all select i + 1 from n where i < ?)
       insert into audit_log (id, at, user_id, entity, entity_id, action) select ? || i, '2026-01-01T00:00:00.000Z', 'test', 'fill', 'x', 'update' from n`,
    )
    .run(rows, prefix);

/** A backup holding 100 rows, written two days ago; the app has 3 more since. */
async function oldBackup(app: TestApp): Promise<string> {
  fill(app, 'truoc-', 100);
  const { path } = await createBackup(app.workspace, app.workspace.context(), { kind: 'manual', destination: { folder: join(tempDir(), 'sao-luu') } });
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
  utimesSync(path, twoDaysAgo, twoDaysAgo);
  fill(app, 'sau-', 3);
  return path;
}

describe('a restore while another process cleans up', () => {
  it('the private copy of a two-day-old backup is fresh and stays through a clean-up; the restore goes through', { timeout: 60_000 }, async () => {
    const app = await openTestApp();
    const path = await oldBackup(app);
    const staging = join(app.dir, 'tam');
    let ages: number[] = [];
    let swept: Promise<string[]> | null = null;
    await restoreBackup(app.workspace, app.workspace.context(), { path, name: 'sao-luu.sqlite' }, null, {
      onProgress: (progress) => {
        if (progress.phase !== PREPARING || swept) return;
        ages = readdirSync(staging).map((name) => Date.now() - statSync(join(staging, name)).mtimeMs);
        // The sweep of a `{ dataDir }` owner runs synchronously: it is done before the copy is opened.
        swept = cleanLeftovers({ dataDir: app.dir });
      },
    });
    expect(ages.length).toBeGreaterThan(0);
    for (const age of ages) expect(age).toBeLessThan(60_000);
    expect(await swept).toEqual([]);
    expect(filled(app)).toBe(100);
  });

  it('a private copy that disappears before it is prepared fails the restore with the data unchanged (no new empty database swapped in)', { timeout: 60_000 }, async () => {
    const app = await openTestApp();
    const path = await oldBackup(app);
    const staging = join(app.dir, 'tam');
    const restoring = restoreBackup(app.workspace, app.workspace.context(), { path, name: 'sao-luu.sqlite' }, null, {
      onProgress: (progress) => {
        if (progress.phase === PREPARING) for (const name of readdirSync(staging)) rmSync(join(staging, name), { force: true });
      },
    });
    await expect(restoring).rejects.toThrow(/đã bị xóa trong lúc đang xử lý.*Dữ liệu hiện tại không bị thay đổi/);
    expect(filled(app)).toBe(103);
    expect(readdirSync(staging)).toEqual([]);
  });
});
