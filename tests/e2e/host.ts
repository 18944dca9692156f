/** Starts the real web host (the run's bundle of it, on a real SQLite file in a temp data dir) for a Playwright test. */
import { expect, test as base, type Locator, type Page } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ARTIFACTS = join(process.cwd(), 'tests', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

/**
 * Calls a method of the contract from the page, as the app's client does (the page's session cookie);
 * a refused call fails the test with the API's error rather than handing on undefined.
 */
export async function api(page: Page, method: string, input: unknown) {
  return page.evaluate(
    async ([name, body]) => {
      const response = await fetch(`/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const answer = await response.json();
      if (!answer.ok) throw new Error(`${name}: ${JSON.stringify(answer.error)}`);
      return answer.result;
    },
    [method, input] as const,
  );
}

/** The run's bundle of an entry (tests/bundle.ts), made by tests/e2e/global-setup.ts. */
function bundled(entry: 'E2E_CLI' | 'E2E_WEB_HOST'): string {
  const file = process.env[entry];
  if (!file) throw new Error(`${entry} is not set: run the tests with playwright.config.ts (its global setup bundles the app).`);
  return file;
}

/** Runs the command line (`npm run cli -- ...args`), failing the test on a non-zero exit with its stderr. */
export function cli(...args: string[]): Buffer {
  return execFileSync(process.execPath, [bundled('E2E_CLI'), ...args], { stdio: 'pipe' });
}

/** The officer every e2e test signs in as: an administrator made with the CLI before the host starts. */
export const E2E_ACCOUNT = { username: 'canbo.e2e', password: 'mat-khau-kiem-thu', displayName: 'Cán bộ kiểm thử' };

/** Adds the e2e account to a data folder with the CLI (`users add`), unless it is there already. */
export function addE2eAccount(dataDir: string): void {
  const passwordFile = join(dataDir, '..', `${dataDir.split(/[\\/]/).pop()}-mat-khau.txt`);
  writeFileSync(passwordFile, E2E_ACCOUNT.password);
  try {
    cli('users', 'add', '--username', E2E_ACCOUNT.username, '--name', E2E_ACCOUNT.displayName, '--role', 'quan_tri', '--password-file', passwordFile, '--keep-password', '--data-dir', dataDir);
  } catch (error) {
    if (!String((error as { stderr?: Buffer }).stderr ?? '').includes('đã có người dùng')) throw error;
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/** Signs in on the sign-in screen, as an officer types it. */
export async function signIn(page: Page, account: { username: string; password: string } = E2E_ACCOUNT) {
  await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(account.username);
  await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeHidden();
}

/** Opens the printed address (the token) and signs in: the app as an officer sees it after signing in. */
export async function openApp(page: Page, host: { url: string }) {
  await page.goto(host.url);
  await signIn(page);
}

export interface Host {
  /** The address printed at start-up: its token opens the app once, in one browser context (later visits go to its origin). */
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Hosts started by the current test; stopped after it even when it fails half-way. */
const running = new Set<Host>();

/** Starts the web host on `dataDir`, with the e2e account in it unless `account` is false (a first run). */
export async function startHost(dataDir: string, extraArgs: string[] = [], { account = true }: { account?: boolean } = {}): Promise<Host> {
  if (account) addE2eAccount(dataDir);
  const child: ChildProcess = spawn(process.execPath, [bundled('E2E_WEB_HOST'), '--data-dir', dataDir, '--port', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${stderr}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}:\n${stderr}`));
    });
  });
  const host: Host = {
    url,
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        running.delete(host);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
  running.add(host);
  return host;
}

export const test = base.extend<{ dataDir: string; host: Host; app: Page; stopHosts: void }>({
  // Every host a test started stops after it, even when it fails half-way. A fixture, not a top-level
  // test.afterEach here: this module is loaded once per worker, so such a hook joined only the first spec
  // file, and the hosts of later files' tests were left running after the run.
  stopHosts: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use();
      await Promise.all([...running].map((host) => host.stop()));
    },
    { auto: true },
  ],
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'antq-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  host: async ({ dataDir }, use) => {
    const host = await startHost(dataDir);
    await use(host);
    await host.stop();
  },
  app: async ({ page, host }, use) => {
    await openApp(page, host);
    await use(page);
  },
});

export { expect };

/**
 * Opens a record from its grid row with one click. The grid is aria-busy while a block of rows loads (a
 * new filter, search or sort): its rows are about to be replaced, and a click on one of them would be
 * lost. So wait until the grid holding the cell has settled and the cell is shown, then click once.
 */
export async function openRow(page: Page, cell: Locator) {
  await expect(page.locator('[role="region"][aria-busy]').filter({ has: cell })).toHaveAttribute('aria-busy', 'false');
  await expect(cell).toBeVisible();
  await cell.click();
  await expect(page.getByRole('dialog').last()).toBeVisible();
}

export const screenshot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
