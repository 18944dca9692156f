/**
 * Issue 13, point 4: demo and real never mix. A backup made from the demo data keeps its marker and
 * says so (mode 'demo'); restoring it over the real data is refused, through the service and the CLI,
 * and the live file, its -wal and its -shm stay byte for byte as they were. Verify still describes it.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT as BACKUP_EXIT } from '../../src/main/cli/exit-codes';
import { BackupError } from '../../src/main/db/backup';
import { inspectBackup, restoreBackup } from '../../src/main/services/backup';
import { DATA_FILE_NAME } from '../../src/main/workspace';
import { cli, fixtures, openTestApp, sha256, tempDir } from './helpers';

/** The live database and its sidecars, hashed ('-' for a file that is not there). */
const liveHashes = (dir: string) => ['', '-wal', '-shm'].map((suffix) => (existsSync(join(dir, DATA_FILE_NAME + suffix)) ? sha256(join(dir, DATA_FILE_NAME + suffix)) : '-'));

/** Real data with one model, and a backup made while the demo data was open; the real data open again. */
async function realAppWithDemoBackup() {
  const app = await openTestApp();
  await app.call('models.create', (await fixtures(app)).model({ name: 'Mô hình thật' }));
  await app.call('app.openDemo', {});
  const backup = (await app.call('backup.create', { target: { path: join(app.dir, 'mau') } })).record.file;
  expect((await app.call('app.openReal', {})).mode).toBe('real');
  return { app, backup };
}

describe('a backup of the demo data', () => {
  it('is recognised as demo data, and restoring it over the real data is refused with nothing changed', async () => {
    const { app, backup } = await realAppWithDemoBackup();
    const source = { path: backup, name: 'mau.sqlite' };
    const info = await inspectBackup(app.workspace, source);
    expect(info.mode).toBe('demo');
    expect(info.counts.models).toBe(100);

    const before = liveHashes(app.dir);
    const error = await restoreBackup(app.workspace, app.workspace.context(), source).then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(BackupError);
    expect((error as BackupError).reason).toBe('bad_file');
    expect((error as Error).message).toContain('DỮ LIỆU MẪU');
    expect((error as Error).message).toContain('Dữ liệu hiện tại không bị thay đổi.');
    expect(liveHashes(app.dir)).toEqual(before);
    expect((await app.call('app.info', {})).counts.models).toBe(1);
    expect((await app.call('backup.history', {})).filter((row) => row.kind === 'safety')).toEqual([]); // refused before the safety backup
  }, 60_000);

  it('through the CLI: restore exits "bad file" before asking and leaves the live file as it was; verify describes it as demo data', async () => {
    const { app, backup } = await realAppWithDemoBackup();
    const dataDir = join(tempDir(), 'du-lieu');
    mkdirSync(dataDir);
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(join(app.dir, DATA_FILE_NAME + suffix))) copyFileSync(join(app.dir, DATA_FILE_NAME + suffix), join(dataDir, DATA_FILE_NAME + suffix));
    const before = liveHashes(dataDir);

    const refused = await cli('restore', backup, '--yes', '--data-dir', dataDir);
    expect(refused.code).toBe(BACKUP_EXIT.badFile);
    expect(refused.stderr).toContain('DỮ LIỆU MẪU');
    expect(refused.stderr).toContain('Dữ liệu hiện tại không bị thay đổi.');
    expect(liveHashes(dataDir)).toEqual(before);

    const verified = await cli('verify', backup, '--data-dir', dataDir);
    expect(verified.code).toBe(BACKUP_EXIT.ok);
    expect(verified.stdout).toContain('là DỮ LIỆU MẪU: không khôi phục được vào dữ liệu thật');
    expect(liveHashes(dataDir)).toEqual(before);
  }, 120_000);
});
