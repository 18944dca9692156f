/**
 * The automatic-backup password (issue 16): sealed by the operating system's key store where the host has
 * one (Electron's safeStorage), else held for the run only; never in the data file as text.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, handleRequest } from '../../src/main/api';
import { SYSTEM_USER } from '../../src/main/db/system-user';
import type { SecretSealer } from '../../src/main/platform/secrets';
import { holdPasswordForRun, protectStoredPassword, runAutomaticBackup } from '../../src/main/services/backup';
import { Session } from '../../src/main/session';
import { Workspace } from '../../src/main/workspace';
import { tempDir, testKeyStore } from './helpers';

const PASSWORD = 'mật khẩu sao lưu 2026';

/** One run of a host on the data folder: its workspace, and its calls as the built-in administrator. */
async function run(dataDir: string, sealer?: SecretSealer) {
  const workspace = await Workspace.open({ dataDir, sealer });
  const handlers = createHandlers(workspace);
  const call = async (method: string, input: unknown) => {
    const response = await handleRequest(workspace, handlers, new Session(SYSTEM_USER), method, input);
    if (!response.ok) throw new Error(response.error.message);
    return response.result as Record<string, unknown>;
  };
  return { workspace, call };
}

/** Every byte the data file and its journal hold once the run has ended. */
function fileBytes(dataDir: string): Buffer {
  return Buffer.concat(['so-theo-doi.sqlite', 'so-theo-doi.sqlite-wal'].map((name) => join(dataDir, name)).filter(existsSync).map((file) => readFileSync(file)));
}

const storedValue = (workspace: Workspace) => workspace.sqlite.prepare("select value from settings where key = 'backup:password'").pluck().get() as string | undefined;
const backupFailure = (workspace: Workspace) => runAutomaticBackup(workspace).then(() => null, (error: { reason?: string }) => error.reason);

describe('the automatic-backup password', () => {
  it('without a key store (browser, CLI) is held for the run only: never in the file; the next run makes no plain backup and says so', async () => {
    const dataDir = tempDir();
    const folder = join(tempDir(), 'SaoLuu');
    const first = await run(dataDir);
    await first.call('backup.setSettings', { automatic: true, intervalHours: 6, folder, encryptAutomatic: true, password: PASSWORD });
    expect(await first.call('backup.status', {})).toMatchObject({ hasAutomaticPassword: true, passwordKeeping: 'this-run' });
    const [made] = await runAutomaticBackup(first.workspace);
    expect(made!.encrypted).toBe(true);
    expect(storedValue(first.workspace)).toBeUndefined();
    await first.workspace.close();
    expect(fileBytes(dataDir).includes(Buffer.from(PASSWORD))).toBe(false);

    const second = await run(dataDir);
    expect(await second.call('backup.status', {})).toMatchObject({ hasAutomaticPassword: false, settings: { encryptAutomatic: true } });
    expect(await backupFailure(second.workspace)).toBe('password');
    expect(readdirSync(folder)).toHaveLength(1);
    expect(((await second.call('backup.status', {})).lastFailure as { error: string }).error).toMatch(/chưa có mật khẩu ở lần chạy này/);
    // Given at start (npm run web -- --backup-password-file F), it works for that run.
    holdPasswordForRun(second.workspace, PASSWORD);
    expect((await runAutomaticBackup(second.workspace))[0]!.encrypted).toBe(true);
    await second.workspace.close();
  });

  it('with the key store (Electron) is kept sealed in the file: the next run opens it, another user cannot', async () => {
    const dataDir = tempDir();
    const folder = join(tempDir(), 'SaoLuu');
    const store = testKeyStore();
    const first = await run(dataDir, store);
    await first.call('backup.setSettings', { automatic: true, intervalHours: 6, folder, encryptAutomatic: true, password: PASSWORD });
    expect(await first.call('backup.status', {})).toMatchObject({ hasAutomaticPassword: true, passwordKeeping: 'sealed' });
    const stored = JSON.parse(storedValue(first.workspace)!) as { sealed: string };
    expect(store.open(stored.sealed)).toBe(PASSWORD);
    await first.workspace.close();
    expect(fileBytes(dataDir).includes(Buffer.from(PASSWORD))).toBe(false);

    const second = await run(dataDir, store);
    expect(await second.call('backup.status', {})).toMatchObject({ hasAutomaticPassword: true });
    const [made] = await runAutomaticBackup(second.workspace);
    expect(await second.call('backup.inspect', { file: { path: made!.file }, password: PASSWORD })).toMatchObject({ encrypted: true, kind: 'automatic' });
    await second.workspace.close();

    const otherUser = await run(dataDir, testKeyStore());
    expect(await otherUser.call('backup.status', {})).toMatchObject({ hasAutomaticPassword: false });
    expect(await backupFailure(otherUser.workspace)).toBe('password');
    await otherUser.workspace.close();
  });

  it('stored as text by an earlier version is sealed, or held for the run, at start, and its text overwritten in the file', async () => {
    for (const sealer of [testKeyStore(), undefined]) {
      const dataDir = tempDir();
      const app = await run(dataDir, sealer);
      app.workspace.sqlite.prepare("insert into settings (key, value, updated_at, updated_by) values ('backup:password', ?, '2026-01-01T00:00:00.000Z', ?)").run(JSON.stringify(PASSWORD), SYSTEM_USER.id);
      await protectStoredPassword(app.workspace);
      expect(await app.call('backup.status', {})).toMatchObject({ hasAutomaticPassword: true, passwordKeeping: sealer ? 'sealed' : 'this-run' });
      const value = storedValue(app.workspace);
      if (sealer) expect(sealer.open((JSON.parse(value!) as { sealed: string }).sealed)).toBe(PASSWORD);
      else expect(value).toBeUndefined();
      await app.workspace.close();
      expect(fileBytes(dataDir).includes(Buffer.from(JSON.stringify(PASSWORD)))).toBe(false);
    }
  });

  it('is offered on the first-run screen: automatic backups encrypted from the start', async () => {
    const dataDir = tempDir();
    const app = await run(dataDir, testKeyStore());
    const session = new Session(null);
    const setup = await handleRequest(app.workspace, createHandlers(app.workspace), session, 'auth.setup', {
      unitName: 'Công an phường 11',
      username: 'truong.ca',
      displayName: 'Nguyễn Văn Trưởng',
      password: 'mật khẩu quản trị đủ dài',
      backupPassword: PASSWORD,
    });
    expect(setup.ok).toBe(true);
    expect(await app.call('backup.status', {})).toMatchObject({ hasAutomaticPassword: true, passwordKeeping: 'sealed', settings: { encryptAutomatic: true } });
    const refused = await handleRequest(app.workspace, createHandlers(app.workspace), new Session(null), 'auth.setup', { unitName: 'X', username: 'khac', displayName: 'Khác', password: 'mật khẩu quản trị đủ dài', backupPassword: 'ngắn' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation' } });
    await app.workspace.close();
  });

  it('held for the run when the key store refuses to seal it, and never left as text', async () => {
    const dataDir = tempDir();
    const refusing: SecretSealer = {
      seal: () => {
        throw new Error('The keychain refused.');
      },
      open: () => {
        throw new Error('The keychain refused.');
      },
    };
    const app = await run(dataDir, refusing);
    await app.call('backup.setSettings', { automatic: true, intervalHours: 6, folder: join(tempDir(), 'SaoLuu'), encryptAutomatic: true, password: PASSWORD });
    expect(await app.call('backup.status', {})).toMatchObject({ hasAutomaticPassword: true, passwordKeeping: 'this-run' });
    expect(storedValue(app.workspace)).toBeUndefined();
    // An older version's text: overwritten though it cannot be sealed.
    app.workspace.sqlite.prepare("insert into settings (key, value, updated_at, updated_by) values ('backup:password', ?, '2026-01-01T00:00:00.000Z', ?)").run(JSON.stringify('mật khẩu cũ dạng chữ'), SYSTEM_USER.id);
    await protectStoredPassword(app.workspace);
    expect(storedValue(app.workspace)).toBeUndefined();
    await app.workspace.close();
    expect(fileBytes(dataDir).includes(Buffer.from('mật khẩu cũ dạng chữ'))).toBe(false);
  });
});
