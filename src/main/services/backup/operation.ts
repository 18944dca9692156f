/** One backup, check or restore at a time per workspace, with its progress for 'backup.progress'. */
import type { BackupProgress } from '../../../shared/backup';
import { BackupError } from '../../db/backup';
import type { Workspace } from '../../workspace';
import { nowIso } from '../context';

export type ProgressListener = (progress: BackupProgress) => void;

export interface Operation {
  report(phase: string, fraction?: number | null): void;
  end(): void;
}

interface Running {
  progress: BackupProgress;
  /** Started by the scheduler, in the background: an officer's own backup or restore waits for it instead of being refused. */
  automatic: boolean;
  finished: Promise<void>;
}

/** Keyed by the Workspace (or, for a check that needs no database, whatever owns the data folder). */
const running = new WeakMap<object, Running>();

/**
 * Starts the one operation a workspace runs at a time. An officer's operation waits for an automatic
 * backup in progress (it started on its own, seconds ago, and the officer cannot see or stop it); two
 * operations an officer started (two windows) or an automatic backup during anything are refused.
 */
export async function startOperation(workspace: object, operation: BackupProgress['operation'], onProgress?: ProgressListener, options: { automatic?: boolean } = {}): Promise<Operation> {
  const automatic = options.automatic === true;
  for (let current = running.get(workspace); current && current.automatic && !automatic; current = running.get(workspace)) await current.finished;
  if (running.has(workspace)) throw new BackupError('busy', 'Đang có một lần sao lưu hoặc khôi phục khác. Hãy đợi nó xong rồi thử lại.');
  const progress: BackupProgress = { operation, phase: 'Đang bắt đầu…', fraction: 0, startedAt: nowIso() };
  let finish = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  running.set(workspace, { progress, automatic, finished });
  return {
    report(phase, fraction = null) {
      progress.phase = phase;
      progress.fraction = fraction === null ? null : Math.max(0, Math.min(1, fraction));
      onProgress?.({ ...progress });
    },
    end: () => {
      running.delete(workspace);
      finish();
    },
  };
}

/** The backup or restore running now, if any. */
export const currentProgress = (workspace: Workspace): BackupProgress | null => {
  const current = running.get(workspace);
  return current ? { ...current.progress } : null;
};

/** Reports a sub-step's progress as a slice [from, to] of the whole. */
export const slice = (operation: Operation, phase: string, from: number, to: number) => (fraction: number) => operation.report(phase, from + (to - from) * fraction);
