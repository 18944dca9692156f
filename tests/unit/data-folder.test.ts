/**
 * Another data folder chosen on the first-run screen ("Đổi thư mục dữ liệu"): checked, remembered beside the
 * usual per-user folder, and opened by the next start without --data-dir (here the CLI's), while the run
 * that chose it keeps its file. The usual folder is a temporary one (XDG_CONFIG_HOME), never this machine's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_FOLDER_NAME, defaultDataDir } from '../../src/main/platform/paths';
import { apiError, cli, openTestApp, tempDir } from './helpers';

let configHome: string;
beforeEach(() => {
  configHome = tempDir();
  vi.stubEnv('XDG_CONFIG_HOME', configHome);
  vi.stubEnv('ANTQ_DATA_DIR', undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('choosing the data folder', () => {
  it('refuses a relative path, remembers a full one for the next start (which opens a new file there), and forgets it for the usual folder', { timeout: 60_000 }, async () => {
    const usual = join(configHome, APP_FOLDER_NAME);
    expect(defaultDataDir()).toBe(usual);
    const app = await openTestApp();
    expect(await apiError(app.call('app.setDataFolder', { folder: 'SoTheoDoi' }))).toMatchObject({ code: 'validation', message: 'Hãy chọn thư mục bằng đường dẫn đầy đủ (ví dụ D:\\SaoLuu).' });
    expect(defaultDataDir()).toBe(usual);

    const chosen = join(tempDir(), 'D', 'SoTheoDoi');
    expect(await app.call('app.setDataFolder', { folder: `  ${chosen}  ` })).toEqual({ folder: chosen });
    expect(existsSync(chosen)).toBe(true); // created, and found writable
    expect(defaultDataDir()).toBe(chosen);
    expect(readFileSync(join(usual, 'thu-muc-du-lieu.txt'), 'utf8').trim()).toBe(chosen);
    // This run keeps its file; the next start without --data-dir opens (here: creates) the file in the chosen folder.
    expect(app.workspace.file.startsWith(app.dir)).toBe(true);
    const next = await cli('info', '--json');
    expect(next.code, next.stderr).toBe(0);
    expect(JSON.parse(next.stdout)).toMatchObject({ ok: true, dataFile: join(chosen, 'so-theo-doi.sqlite') });

    await app.call('app.setDataFolder', { folder: usual });
    expect(existsSync(join(usual, 'thu-muc-du-lieu.txt'))).toBe(false);
    expect(defaultDataDir()).toBe(usual);
  });
});
