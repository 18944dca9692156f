/**
 * Automatic backups while the app runs (both hosts start this; the CLI does not): one shortly after
 * start, then whenever the last attempt of this run is older than the interval in the settings. It
 * checks once a minute, so a changed setting applies within a minute; demo data is never backed up.
 * Failures are recorded in the history (and so shown on the home page) by the service; here they are
 * only logged, without data.
 */
import { BackupError } from './db/backup';
import { log } from './platform/log';
import { cleanLeftovers, protectStoredPassword, readBackupSettings, runAutomaticBackup } from './services/backup';
import type { Workspace } from './workspace';

export interface SchedulerOptions {
  /** Wait before the start-up backup, so the window opens first (default 3 s). */
  startDelayMs?: number;
  /** How often the interval is checked (default one minute). */
  checkEveryMs?: number;
  now?: () => Date;
}

export interface BackupScheduler {
  /** Checks now, making a backup if one is due; resolves when it is done. */
  tick(): Promise<void>;
  /** Stops the timers and waits for a backup in progress to finish. */
  stop(): Promise<void>;
}

export function startBackupScheduler(workspace: Workspace, options: SchedulerOptions = {}): BackupScheduler {
  const clock = options.now ?? (() => new Date());
  let lastAttempt: number | null = null;
  let current: Promise<void> | null = null;
  let stopped = false;

  // A password an earlier version stored as text is sealed or held before the first backup needs it.
  const protectedPassword = protectStoredPassword(workspace).catch((error: unknown) => log.error('backup.password_protect_failed', error));
  const check = async () => {
    await protectedPassword;
    // A server's data is backed up on the server (pg_dump, README) until the app's backup of a server exists.
    if (workspace.mode !== 'real' || workspace.engine !== 'sqlite') return;
    const settings = await readBackupSettings(workspace, workspace.context());
    if (!settings.automatic) return;
    const now = clock();
    if (lastAttempt !== null && now.getTime() - lastAttempt < settings.intervalHours * 3600 * 1000) return;
    lastAttempt = now.getTime();
    try {
      const records = await runAutomaticBackup(workspace, { now });
      log.info('backup.automatic_done', { files: records.length });
    } catch (error) {
      if (error instanceof BackupError && error.reason === 'busy') lastAttempt = null; // a manual one is running: try again next check
      if (error instanceof BackupError) log.warn('backup.automatic_failed', { reason: error.reason });
      else log.error('backup.automatic_failed', error);
    }
  };

  const tick = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    current ??= check()
      .catch((error: unknown) => log.error('backup.scheduler_failed', error))
      .finally(() => {
        current = null;
      });
    return current;
  };

  cleanLeftovers(workspace).catch((error: unknown) => log.error('backup.cleanup_failed', error));
  const startTimer = setTimeout(() => void tick(), options.startDelayMs ?? 3000);
  const interval = setInterval(() => void tick(), options.checkEveryMs ?? 60_000);
  startTimer.unref();
  interval.unref();

  return {
    tick,
    async stop() {
      stopped = true;
      clearTimeout(startTimer);
      clearInterval(interval);
      await current;
    },
  };
}
