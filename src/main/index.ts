/**
 * The Electron entry (built into out/main/index.js). One instance per data folder; opens the
 * Workspace, hardens every page, registers the IPC channels (each through electron/ipc-main.ts) and shows the window.
 * Flags: `--data-dir <folder>` (default: defaultDataDir()), `--demo` (open the demo database).
 * A .antqbak file among the arguments (opened from the file manager) opens the restore of that file.
 * `--cli <lệnh> [tùy chọn]` runs the command line instead (cli.ts), with no window: the installed app
 * has no Node of its own to run it (the RunAsNode fuse is off), so Task Scheduler runs `so-theo-doi --cli backup …`.
 */
import { app, dialog } from 'electron';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startBackupScheduler } from './backup-scheduler';
import { DatabaseRefusedError } from './db/open';
import { savedServerSource } from './db/server-setting';
import { cliArguments, openedBackupFile, restorePageHash } from './electron/cli-switch';
import { registerDialogs } from './electron/dialogs';
import { registerPrinting } from './electron/print';
import { installMenu } from './electron/menu';
import { registerIpc } from './electron/ipc';
import { osSealer } from './electron/secrets';
import type { RendererSource } from './electron/policy';
import { installSecurity } from './electron/security';
import { createMainWindow, goToPage } from './electron/window';
import { log } from './platform/log';
import { defaultDataDir } from './platform/paths';
import { Workspace } from './workspace';

function commandLine(): { dataDir: string; demo: boolean } {
  // Not strict: Chromium and test drivers add switches of their own (--inspect, --remote-debugging-port...).
  const { values } = parseArgs({
    args: process.argv.slice(1),
    options: { 'data-dir': { type: 'string' }, demo: { type: 'boolean' } },
    strict: false,
    allowPositionals: true,
  });
  const dataDir = values['data-dir'];
  return { dataDir: resolve(typeof dataDir === 'string' && dataDir ? dataDir : defaultDataDir()), demo: values.demo === true };
}

/**
 * The Electron-ABI build of better-sqlite3 made by `npm start` (the Node build in node_modules is for tests).
 * The packaged app loads only its own (unpacked beside app.asar): never a library named from outside.
 */
function nativeBinding(appRoot: string): string | undefined {
  if (app.isPackaged) return undefined;
  if (process.env.ANTQ_SQLITE_BINDING) return process.env.ANTQ_SQLITE_BINDING;
  const built = join(appRoot, '.electron-native', 'better_sqlite3.node');
  return existsSync(built) ? built : undefined;
}

function reportStartFailure(error: unknown): void {
  if (error instanceof DatabaseRefusedError) {
    dialog.showErrorBox('Không mở được dữ liệu', error.message);
    return;
  }
  log.error('electron.start_failed', error);
  const code = (error as { code?: unknown })?.code;
  const nativeProblem = code === 'ERR_DLOPEN_FAILED' || (error instanceof Error && /NODE_MODULE_VERSION|better_sqlite3\.node/.test(error.message));
  dialog.showErrorBox(
    'Không khởi động được ứng dụng',
    nativeProblem
      ? 'Thư viện SQLite chưa được dựng cho Electron. Hãy chạy "npm start" (lần đầu cần Internet) để dựng lại.'
      : 'Đã xảy ra lỗi khi khởi động. Dữ liệu chưa bị thay đổi. Xem nhật ký để biết chi tiết.',
  );
}

/**
 * The real data: on the server the folder's setting names (Cài đặt → Nguồn dữ liệu), else the folder's file.
 * A server that cannot be used at start is said in words, with a choice: try again, open this PC's file
 * this time (so an administrator can change the setting), or quit. Null when the app should quit.
 */
async function openWorkspace(dataDir: string, demo: boolean, binding: string | undefined): Promise<Workspace | null> {
  const sealer = osSealer();
  let server;
  try {
    server = savedServerSource(dataDir, { sealer });
  } catch (error) {
    reportStartFailure(error);
    return null;
  }
  for (;;) {
    try {
      return await Workspace.open({ dataDir, server, mode: demo ? 'demo' : 'real', nativeBinding: binding, appVersion: app.getVersion(), lock: true, sealer });
    } catch (error) {
      if (!server || !(error instanceof DatabaseRefusedError)) {
        reportStartFailure(error); // a refused file or server was only read, never written
        return null;
      }
      const { response } = await dialog.showMessageBox({
        type: 'error',
        title: 'Không kết nối được máy chủ dữ liệu',
        message: error.message,
        detail: 'Có thể thử lại, hoặc mở tệp dữ liệu trên máy này lần này (dữ liệu nhập vào tệp đó không có trên máy chủ) để người quản trị sửa cài đặt "Nguồn dữ liệu".',
        buttons: ['Thử lại', 'Mở tệp dữ liệu trên máy này', 'Thoát'],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
      });
      if (response === 2) return null;
      if (response === 1) {
        log.warn('electron.server_skipped');
        server = undefined;
      }
    }
  }
}

async function start(dataDir: string, demo: boolean): Promise<void> {
  app.on('window-all-closed', () => app.quit());

  await app.whenReady();
  const appRoot = app.getAppPath();
  const source: RendererSource = {
    file: join(appRoot, 'out', 'renderer', 'index.html'),
    // A packaged app never follows this variable to another page.
    devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined,
  };

  const workspace = await openWorkspace(dataDir, demo, nativeBinding(appRoot));
  if (!workspace) {
    app.exit(1);
    return;
  }
  log.info('electron.started', { mode: workspace.mode });
  const scheduler = startBackupScheduler(workspace);

  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void scheduler
      .stop()
      .then(() => workspace.close())
      .catch((error: unknown) => log.error('electron.close_failed', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  installSecurity(source);
  installMenu();
  registerIpc(workspace, source);
  registerDialogs(source);
  registerPrinting(source);
  const opened = openedBackupFile(process.argv);
  const mainWindow = createMainWindow(source, join(appRoot, 'out', 'preload', 'index.cjs'), opened ? restorePageHash(opened) : undefined);
  app.on('second-instance', (_event: unknown, argv: string[] = [], workingDirectory?: string) => {
    if (mainWindow.isDestroyed()) return;
    // A backup file opened while the app runs: the restore of that file, in this window.
    const file = openedBackupFile(argv, workingDirectory);
    if (file) goToPage(mainWindow, restorePageHash(file));
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
}

/** The command line in the app's own runtime: the CLI's output and exit code, then the app exits. */
async function runCli(args: string[]): Promise<void> {
  // The Electron build of better-sqlite3 when running from the sources (npm start made it); packaged, its own.
  const binding = nativeBinding(app.getAppPath());
  if (binding) process.env.ANTQ_SQLITE_BINDING = binding;
  else delete process.env.ANTQ_SQLITE_BINDING;
  // Backups record the app's version (under npm it is in the environment already).
  process.env.npm_package_version ||= app.getVersion();
  const { main } = await import('./cli');
  // The key store opens a saved server's sealed password (Task Scheduler's backups of a server).
  await app.whenReady();
  app.exit(await main(args, osSealer()));
}

const cliArgs = cliArguments(process.argv);
if (cliArgs) {
  runCli(cliArgs).catch((error: unknown) => {
    log.error('cli.failed', error);
    app.exit(1);
  });
} else {
  const { dataDir, demo } = commandLine();
  // userData holds the lock file too, so "single instance" means one instance per data folder.
  app.setPath('userData', dataDir);
  app.enableSandbox();

  if (!app.requestSingleInstanceLock()) {
    app.quit();
  } else {
    start(dataDir, demo).catch((error: unknown) => {
      log.error('electron.start_failed', error);
      app.exit(1);
    });
  }
}
