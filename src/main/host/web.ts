/**
 * `npm run web`: the app in a browser, served on 127.0.0.1 from the built renderer.
 * Flags: `--data-dir`, `--port`, `--demo`, `--backup-password-file F` (the automatic-backup password for this run),
 * `--database postgres://…` with `--database-password-file F` (a PostgreSQL server instead of the folder's file;
 * without --database, the server saved in Settings, if any, with the password of that file).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBackupScheduler } from '../backup-scheduler';
import { holdPasswordForRun } from '../services/backup';
import { DatabaseRefusedError } from '../db/open';
import { serverFromOption, ServerAddressError } from '../db/postgres';
import { savedServerSource } from '../db/server-setting';
import { log } from '../platform/log';
import { PasswordFileError, readPasswordFile } from '../platform/password-file';
import { defaultDataDir } from '../platform/paths';
import { Workspace } from '../workspace';
import { startWebHost } from './server';

/** The built renderer: `out/renderer` in the nearest folder up from this file (the sources run by tsx, or a bundle of them). */
function builtRendererDir(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    const rendererDir = join(dir, 'out', 'renderer');
    if (existsSync(join(rendererDir, 'index.html'))) return rendererDir;
  }
  throw new Error('Chưa có giao diện đã dựng (out/renderer): hãy chạy lệnh npm run build.');
}

async function main() {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      demo: { type: 'boolean', default: false },
      'backup-password-file': { type: 'string' },
      database: { type: 'string' },
      'database-password-file': { type: 'string' },
    },
  });
  const databasePassword = values['database-password-file'] ? readPasswordFile(values['database-password-file']) : undefined;
  const dataDir = values['data-dir'] ?? defaultDataDir();
  // --database first; else the server the folder's setting names (Cài đặt → Nguồn dữ liệu), if any.
  const server = values.database ? serverFromOption(values.database, databasePassword) : savedServerSource(dataDir, { password: databasePassword });
  // Read before anything opens: a wrong file stops the start with its reason.
  const backupPassword = values['backup-password-file'] ? readPasswordFile(values['backup-password-file']) : null;
  const port = values.port ? Number(values.port) : 5180;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Cổng không hợp lệ: ${values.port}`);
  const rendererDir = builtRendererDir();

  // One instance per data folder: a second `npm run web` (or the Electron app) on it is refused.
  const workspace = await Workspace.open({ dataDir, server, mode: values.demo ? 'demo' : 'real', appVersion: process.env.npm_package_version, lock: true });
  // The browser host has no key store to seal the automatic-backup password with: it is held for this run.
  if (backupPassword) holdPasswordForRun(workspace, backupPassword);
  const host = await startWebHost({ workspace, rendererDir, port });
  const scheduler = startBackupScheduler(workspace);
  log.info('web.started', { port: host.port, mode: workspace.mode });
  process.stdout.write(`Sổ theo dõi phong trào đang chạy. Mở trình duyệt tại:\n${host.url}\n`);
  process.stdout.write('(Địa chỉ này chỉ mở được ứng dụng một lần, trong một trình duyệt. Muốn có địa chỉ mới, hãy tắt và chạy lại lệnh.)\n');
  process.stdout.write(`${workspace.engine === 'postgres' ? 'Máy chủ dữ liệu' : 'Tệp dữ liệu'}: ${workspace.file}${workspace.mode === 'demo' ? ' (DỮ LIỆU MẪU)' : ''}\n`);

  const shutdown = async () => {
    await host.close();
    await scheduler.stop();
    await workspace.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  if (error instanceof DatabaseRefusedError || error instanceof PasswordFileError || error instanceof ServerAddressError || (error instanceof Error && (error.message.startsWith('Cổng') || error.message.startsWith('Chưa có giao diện')))) {
    process.stderr.write(`${error.message}\n`);
  } else {
    log.error('web.start_failed', error);
    process.stderr.write('Không khởi động được máy chủ web cục bộ. Xem nhật ký ở trên.\n');
  }
  process.exit(1);
});
