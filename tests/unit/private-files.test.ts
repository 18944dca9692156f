/** The data folder is for its owner only on POSIX: folders 0700, files 0600, new or left by an older version. */
import { chmodSync, existsSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOCK_FILE_NAME } from '../../src/main/platform/instance-lock';
import { databaseFile, Workspace } from '../../src/main/workspace';
import { createBackup, runAutomaticBackup } from '../../src/main/services/backup';
import { openTestApp, tempDir } from './helpers';

/**
 * chmod refused, as on a vfat/NTFS/SMB mount or for a file left root-owned by a `sudo` run (neither can
 * be set up in a test: the tests may run as root, which chmod never refuses).
 */
const chmodRefused = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const chmodSync: typeof actual.chmodSync = (path, mode) => {
    if (chmodRefused.on) throw Object.assign(new Error(`EPERM: operation not permitted, chmod '${String(path)}'`), { code: 'EPERM' });
    actual.chmodSync(path, mode);
  };
  return { ...actual, default: { ...actual, chmodSync }, chmodSync };
});
afterEach(() => {
  chmodRefused.on = false;
});

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

// POSIX only: Windows has no file modes (the user's profile restricts the data folder there).
describe.runIf(process.platform !== 'win32')('private data files', () => {
  it('creates a fresh data folder 0700 with the database, its -wal and -shm and the lock file 0600', async () => {
    const dataDir = join(tempDir(), 'du-lieu');
    const workspace = await Workspace.open({ dataDir, lock: true });
    try {
      await workspace.context().db.insertInto('settings').values({ key: 'thu', value: '1', updatedAt: new Date().toISOString(), updatedBy: 'thu-nghiem' }).execute();
      const file = databaseFile(dataDir, 'real');
      expect(existsSync(`${file}-wal`) && existsSync(`${file}-shm`)).toBe(true);
      expect([dataDir, file, `${file}-wal`, `${file}-shm`, join(dataDir, LOCK_FILE_NAME)].map(mode)).toEqual(['700', '600', '600', '600', '600']);
    } finally {
      await workspace.close();
    }
  });

  it('tightens a data folder an older version left readable by others, its backup and staging folders too', async () => {
    const dataDir = tempDir();
    const first = await Workspace.open({ dataDir });
    await first.close();
    const file = databaseFile(dataDir, 'real');
    for (const name of ['sao-luu', 'tam']) {
      mkdirSync(join(dataDir, name));
      chmodSync(join(dataDir, name), 0o755);
      writeFileSync(join(dataDir, name, 'cu.antqbak'), 'x', { mode: 0o644 });
      chmodSync(join(dataDir, name, 'cu.antqbak'), 0o644);
    }
    chmodSync(dataDir, 0o755);
    chmodSync(file, 0o644);
    const workspace = await Workspace.open({ dataDir });
    try {
      expect([dataDir, file, join(dataDir, 'sao-luu'), join(dataDir, 'tam'), join(dataDir, 'sao-luu', 'cu.antqbak'), join(dataDir, 'tam', 'cu.antqbak')].map(mode)).toEqual(['700', '600', '700', '700', '600', '600']);
    } finally {
      await workspace.close();
    }
  });

  it('leaves a symbolic link in the data folder alone, and what it points to outside the folder', async () => {
    const dataDir = tempDir();
    await (await Workspace.open({ dataDir })).close();
    const outside = join(tempDir(), 'o-dia-khac');
    mkdirSync(outside);
    chmodSync(outside, 0o755);
    writeFileSync(join(outside, 'chung.txt'), 'x');
    chmodSync(join(outside, 'chung.txt'), 0o644);
    symlinkSync(outside, join(dataDir, 'sao-luu'));
    symlinkSync(join(outside, 'chung.txt'), join(dataDir, 'lien-ket.txt'));
    chmodSync(dataDir, 0o755);
    const workspace = await Workspace.open({ dataDir });
    try {
      expect([dataDir, outside, join(outside, 'chung.txt')].map(mode)).toEqual(['700', '755', '644']);
    } finally {
      await workspace.close();
    }
  });

  it('starts when chmod is refused, with a warning that names no path', async () => {
    const dataDir = join(tempDir(), 'du-lieu');
    await (await Workspace.open({ dataDir, lock: true })).close();
    chmodSync(dataDir, 0o755);
    chmodSync(databaseFile(dataDir, 'real'), 0o644);
    const written: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    chmodRefused.on = true;
    let workspace: Workspace;
    try {
      workspace = await Workspace.open({ dataDir, lock: true });
    } finally {
      stderr.mockRestore();
    }
    try {
      await workspace.context().db.insertInto('settings').values({ key: 'thu', value: '1', updatedAt: new Date().toISOString(), updatedBy: 'thu-nghiem' }).execute();
      expect(mode(dataDir)).toBe('755'); // refused, as the test set it up
      const warnings = written.filter((line) => line.includes('"private_files.chmod_failed"'));
      expect(warnings.length).toBeGreaterThan(0);
      for (const line of warnings) {
        expect(JSON.parse(line)).toMatchObject({ level: 'warn', code: 'EPERM' });
        expect(line).not.toContain(dataDir);
      }
    } finally {
      await workspace.close();
    }
  });

  it('writes backups 0600 in folders outside the data folder: plain, encrypted, and the copy in the second folder', { timeout: 60_000 }, async () => {
    const app = await openTestApp();
    const outside = tempDir();
    chmodSync(outside, 0o755);
    const ctx = app.workspace.context();
    const plain = await createBackup(app.workspace, ctx, { kind: 'manual', destination: { folder: join(outside, 'thu-cong') } });
    const encrypted = await createBackup(app.workspace, ctx, { kind: 'manual', destination: { folder: join(outside, 'thu-cong') }, password: 'mat-khau-thu-nghiem' });
    await app.call('backup.setSettings', { automatic: true, intervalHours: 24, folder: join(outside, 'chinh'), secondFolder: join(outside, 'thu-hai'), encryptAutomatic: false, clearPassword: false });
    const automatic = await runAutomaticBackup(app.workspace);
    expect(automatic.map((record) => record.file.startsWith(join(outside, 'thu-hai')))).toEqual([false, true]);
    expect([plain.path, encrypted.path, ...automatic.map((record) => record.file)].map(mode)).toEqual(['600', '600', '600', '600']);
  });
});
