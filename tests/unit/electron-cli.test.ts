/**
 * The installed app's command line: `so-theo-doi --cli backup …` runs the CLI in the app's own runtime
 * (src/main/index.ts with a stand-in electron module): no window, no instance lock of the app, the
 * command's work done on a real database, and the app's exit code is the command's.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cliArguments, openedBackupFile, restorePageHash } from '../../src/main/electron/cli-switch';
import { Workspace } from '../../src/main/workspace';
import { tempDir } from './helpers';

const fake = vi.hoisted(() => ({
  appPath: '',
  calls: [] as { name: string; args: unknown[] }[],
  exited: null as null | ((code: number) => void),
}));

vi.mock('electron', () => {
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      fake.calls.push({ name, args });
      if (name === 'exit') fake.exited?.(args[0] as number);
    };
  const app = new Proxy({ getAppPath: () => fake.appPath, isPackaged: false, getVersion: () => '0.1.0' } as Record<string, unknown>, {
    get: (target, name: string) => target[name] ?? record(name),
  });
  return { app, BrowserWindow: record('BrowserWindow'), ipcMain: {}, session: {}, dialog: {}, Menu: {}, shell: {}, powerMonitor: {}, safeStorage: { isEncryptionAvailable: () => false } };
});

// An app folder without the .electron-native build that `npm start` leaves in the sources (Electron's ABI, not this Node's).
fake.appPath = mkdtempSync(join(tmpdir(), 'antq-electron-cli-app-'));
const savedArgv = process.argv;
// The entry sets these for the command line it runs: put back as they were afterwards.
vi.stubEnv('ANTQ_SQLITE_BINDING', undefined);
vi.stubEnv('npm_package_version', undefined);
afterAll(() => {
  process.argv = savedArgv;
  vi.unstubAllEnvs();
  rmSync(fake.appPath, { recursive: true, force: true });
});

describe('a backup file the app is opened with', () => {
  it('is the argument ending in .antqbak, whatever its case, never a switch; the restore page names it', () => {
    expect(openedBackupFile(['/opt/so-theo-doi/so-theo-doi', '--no-sandbox', '/media/usb/sao-luu.ANTQBAK'])).toBe('/media/usb/sao-luu.ANTQBAK');
    // A Linux file manager's file: URL, and a path relative to where the file was opened from.
    expect(openedBackupFile(['/opt/so-theo-doi/so-theo-doi', 'file:///media/usb/sao-l%C6%B0u.antqbak'])).toBe('/media/usb/sao-lưu.antqbak');
    expect(openedBackupFile(['/opt/so-theo-doi/so-theo-doi', 'SaoLuu/p11.antqbak'], '/media/usb')).toBe('/media/usb/SaoLuu/p11.antqbak');
    expect(openedBackupFile(['/opt/so-theo-doi/so-theo-doi', '--data-dir', '/data'])).toBeNull();
    expect(openedBackupFile(['/opt/so-theo-doi/so-theo-doi', '--file=x.antqbak'])).toBeNull();
    expect(new URLSearchParams(restorePageHash('E:\\Sao lưu\\a&b.antqbak').split('?')[1]).get('file')).toBe('E:\\Sao lưu\\a&b.antqbak');
  });
});

describe('the --cli switch', () => {
  it('takes everything after --cli as the command line, and nothing without it', () => {
    expect(cliArguments(['/opt/so-theo-doi/so-theo-doi', '--no-sandbox', '--cli', 'backup', '--to', 'D:\\SaoLuu'])).toEqual(['backup', '--to', 'D:\\SaoLuu']);
    expect(cliArguments(['electron', '.', '--cli'])).toEqual([]);
    expect(cliArguments(['/opt/so-theo-doi/so-theo-doi', '--data-dir', '/data'])).toBeNull();
    // The executable's own path is never the switch.
    expect(cliArguments(['--cli'])).toBeNull();
  });

  it('runs a backup as Task Scheduler would, opens no window, and exits with the command\'s code', { timeout: 60_000 }, async () => {
    const dataDir = tempDir();
    const target = tempDir();
    await (await Workspace.open({ dataDir })).close();
    const exitCode = new Promise<number>((resolve) => (fake.exited = resolve));
    const output = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let printed: string;
    process.argv = [process.execPath, process.cwd(), '--cli', 'backup', '--data-dir', dataDir, '--to', target];
    try {
      await import('../../src/main/index');
      expect(await exitCode).toBe(0);
      printed = output.mock.calls.map(([text]) => String(text)).join('');
    } finally {
      output.mockRestore();
    }
    const written = readdirSync(target);
    expect(written).toEqual([expect.stringMatching(/^so-theo-doi_du-lieu_.*\.sqlite$/)]);
    const copy = new Database(join(target, written[0] as string), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect(printed).toContain(written[0]);
    const names = fake.calls.map((call) => call.name);
    // Ready for the key store (a saved server's sealed password), then the command's exit: no window, no lock.
    expect(names).toEqual(['whenReady', 'exit']);
  });
});
