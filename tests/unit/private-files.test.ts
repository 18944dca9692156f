/** The data folder is for its owner only on POSIX: folders 0700, files 0600, new or left by an older version. */
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from '../../src/main/instance-lock';
import { databaseFile, Workspace } from '../../src/main/workspace';
import { tempDir } from './helpers';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

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
});
