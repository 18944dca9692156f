/**
 * The packaged app (`npm run dist`'s unpacked folder: dist/linux-unpacked or dist/win-unpacked) runs its
 * command line as Task Scheduler does: `so-theo-doi --cli …`, on a real database, with its exit code.
 * Its window is not driven here: Playwright attaches to Electron through the Node inspector, which the
 * packaged app's fuses turn off (scripts/fuses.mjs); tests/e2e/electron.spec.ts drives the window of the
 * unpackaged app instead. Runs only where a packaged app was built (it needs the Internet); elsewhere it
 * is skipped, and says so.
 */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const executable = [join(root, 'dist', 'linux-unpacked', 'so-theo-doi'), join(root, 'dist', 'win-unpacked', 'so-theo-doi.exe')].find((file) => existsSync(file));
const skipReason = executable ? undefined : 'no packaged app in dist/ (npm run dist needs the Internet for Electron and its tools); run it on a machine with Internet to enable this spec';
if (skipReason) {
  // eslint-disable-next-line no-console
  console.log(`packaged.spec.ts NOT RUN: ${skipReason}`);
}
test.skip(skipReason !== undefined, skipReason ?? '');

test('the installed app runs the command line: info, then a backup to a folder, with exit code 0', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'antq-packaged-'));
  const target = mkdtempSync(join(tmpdir(), 'antq-packaged-backups-'));
  // Chromium refuses to start as root on Linux without this switch, even for a run with no window.
  const chromiumSwitches = process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const run = (...args: string[]) => execFileSync(executable as string, [...chromiumSwitches, '--cli', ...args], { encoding: 'utf8', timeout: 120_000 });
  try {
    expect(JSON.parse(run('info', '--json', '--data-dir', dataDir))).toMatchObject({ ok: true });
    run('backup', '--data-dir', dataDir, '--to', target);
    expect(readdirSync(target)).toEqual([expect.stringMatching(/^so-theo-doi_du-lieu_.*\.sqlite$/)]);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(target, { recursive: true, force: true });
  }
});
