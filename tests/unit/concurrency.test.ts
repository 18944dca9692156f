/**
 * Two real processes on one data folder: the app saving continuously (tests/unit/fixtures/saver.ts, with
 * the instance lock, through the handler table) while the CLI imports a roster of 20.000 people, or backs
 * up the database. Write transactions begin immediate and the import commits in short batches, so every
 * save waits its turn instead of failing, and the import succeeds beside them; the backup reads one
 * snapshot in a read transaction (WAL), so the saves go on beside it.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { databaseFile, Workspace } from '../../src/main/workspace';
import { tempDir, type CliRun } from './helpers';
import { rosterFile } from './import-helpers';
import { ROSTER_HEADER, rosterRows, startSaver } from './saver-process';

const projectRoot = join(import.meta.dirname, '..', '..');
const PEOPLE = 20_000;

/** The CLI, as tests/unit/helpers.ts runs it, with room for a long import on a loaded machine. */
function cli(...args: string[]): Promise<CliRun> {
  const env = { ...process.env };
  delete env.ANTQ_DATA_DIR;
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', ...args], { cwd: projectRoot, env, encoding: 'utf8', timeout: 400_000, maxBuffer: 64 * 1024 * 1024 }, (_error, stdout, stderr) =>
      resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

describe('the app and the CLI writing at once', () => {
  it('a CLI import of 20.000 people while the app saves: no save fails, the import exits 0, every acknowledged save is kept', { timeout: 600_000 }, async () => {
    const dir = tempDir();
    const roster = await rosterFile(dir, 'danh-sach.xlsx', ROSTER_HEADER, rosterRows(PEOPLE));
    await (await Workspace.open({ dataDir: dir })).close();
    const saver = startSaver(dir);
    await saver.saved(10);
    const importStarted = performance.now();
    const imported = await cli('import', 'subjects', roster, '--data-dir', dir);
    const importEnded = performance.now();
    const { saves, failures } = await saver.stop();

    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('thêm mới 20.000');
    expect(failures).toEqual([]);
    // The app kept saving while the import ran (not only before or after it).
    expect(saves.filter((save) => save.at > importStarted && save.at < importEnded).length).toBeGreaterThan(10);
    const database = new BetterSqlite3(databaseFile(dir, 'real'), { readonly: true });
    try {
      const kept = database.prepare('select id from models union all select id from model_members').pluck().all() as string[];
      expect(new Set(kept)).toEqual(new Set(saves.map((save) => save.id)));
      expect(database.prepare('select count(*) from subjects').pluck().get()).toBe(PEOPLE);
      expect(database.prepare('pragma integrity_check').pluck().all()).toEqual(['ok']);
    } finally {
      database.close();
    }
  });

  it('a CLI backup of a 24 MB database while the app saves: no save fails, the backup exits 0 and holds one moment of the saves', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const workspace = await Workspace.open({ dataDir: dir });
    workspace.sqlite
      .prepare(
        `with recursive n(i) as (select 1 union all select i + 1 from n where i < ?)
         insert into audit_log (id, at, user_id, entity, entity_id, action, before_json)
         select 'fill-' || i, '2026-01-01T00:00:00.000Z', 'test', 'fill', 'x', 'update', hex(randomblob(2000)) from n`,
      )
      .run(24 * 256);
    await workspace.close();
    const saver = startSaver(dir);
    await saver.saved(10);
    const backupStarted = performance.now();
    const backedUp = await cli('backup', '--data-dir', dir, '--to', join(tempDir(), 'sao-luu'), '--json');
    const backupEnded = performance.now();
    const { saves, failures } = await saver.stop();

    expect(backedUp.code, backedUp.stderr).toBe(0);
    expect(failures).toEqual([]);
    expect(saves.filter((save) => save.at > backupStarted && save.at < backupEnded).length).toBeGreaterThan(10);
    const idsIn = (file: string) => {
      const database = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
      try {
        return new Set(database.prepare('select id from models union all select id from model_members').pluck().all() as string[]);
      } finally {
        database.close();
      }
    };
    // The copy: everything acknowledged before the backup began, nothing that was never saved.
    const { backup } = JSON.parse(backedUp.stdout) as { backup: { file: string } };
    const inCopy = idsIn(backup.file);
    const saved = new Set(saves.map((save) => save.id));
    expect(saves.filter((save) => save.at < backupStarted).every((save) => inCopy.has(save.id))).toBe(true);
    expect([...inCopy].filter((id) => !saved.has(id))).toEqual([]);
    // The live file: every acknowledged save, before, during and after the backup.
    expect(idsIn(databaseFile(dir, 'real'))).toEqual(saved);
  });
});
