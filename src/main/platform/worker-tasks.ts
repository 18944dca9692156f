/**
 * The tasks a worker thread runs (worker-thread.ts starts them, db-worker.ts dispatches them). A task is
 * a plain async function of serialisable input and a progress reporter; add one by adding it here
 * and its input and result types follow.
 */
import { writeBackupCopy } from '../services/backup/snapshot';
import { checkCandidate } from '../db/candidate';
import { mergeIntoFile } from '../services/merge/merge';

export type ReportProgress = (phase: string, fraction: number) => void;

export const WORKER_TASKS = {
  /** Snapshot of the live database, sealed, verified, encrypted if asked, into a partial file. */
  writeBackup: writeBackupCopy,
  /** Everything about a file offered for restore (integrity_check, schema, foreign keys), on its private copy. */
  checkCandidate: (input: Parameters<typeof checkCandidate>[0]) => checkCandidate(input),
  /** A ward's file (staged, checked, migrated) merged into the live data file, in one write transaction. */
  mergeIntoFile,
} satisfies Record<string, (input: never, report: ReportProgress) => Promise<unknown>>;

export type WorkerTaskName = keyof typeof WORKER_TASKS;
export type WorkerTaskInput<T extends WorkerTaskName> = Parameters<(typeof WORKER_TASKS)[T]>[0];
export type WorkerTaskResult<T extends WorkerTaskName> = Awaited<ReturnType<(typeof WORKER_TASKS)[T]>>;
