/**
 * Runs one task of `worker-tasks.ts` in a worker thread (node:worker_threads) with its own SQLite
 * connection, so integrity checks, copies and encryption never hold the main thread (in Electron, the
 * window's process). One worker per task: it starts, reports progress, answers and exits.
 *
 * Loading the worker in every host:
 * - electron-vite bundle: `db-worker` is a second main entry (electron.vite.config.ts), so
 *   out/main/db-worker.js sits beside out/main/index.js and is loaded as is;
 * - from the .ts sources (tsx for the web host and the CLI, vitest): Node 20 does not apply the parent's
 *   loader hooks to a worker's entry, so a small bootstrap registers tsx in the worker, then imports
 *   db-worker.ts; a test run gives a bundle of db-worker.ts instead (ANTQ_DB_WORKER_BUNDLE).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BackupError, type BackupFailure } from '../db/backup';
import type { WorkerTaskInput, WorkerTaskName, WorkerTaskResult } from './worker-tasks';

/** What the worker posts back. */
export type WorkerMessage =
  | { type: 'progress'; phase: string; fraction: number }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  reason?: BackupFailure;
  field?: string;
}

export interface WorkerRunOptions {
  /** Each progress report of the task: a phase for people and the fraction of the task done. */
  onProgress?: (phase: string, fraction: number) => void;
}

/** What a task is started with (`workerData`). */
export interface WorkerStart<T extends WorkerTaskName = WorkerTaskName> {
  task: T;
  input: WorkerTaskInput<T>;
}

const sourceMode = import.meta.url.endsWith('.ts');

function workerEntry(): { entry: URL | string; eval: boolean } {
  if (sourceMode) {
    // A test run's bundle of the worker (tests/bundle.ts): the same sources, without compiling them again in
    // every worker (0,6 s a start instead of 1,8 s).
    const bundled = process.env.ANTQ_DB_WORKER_BUNDLE;
    if (bundled && existsSync(bundled)) return { entry: pathToFileURL(bundled), eval: false };
    // tsx's ESM API by its file: import.meta.resolve is not available under every test runner.
    const tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
    const entry = new URL('./db-worker.ts', import.meta.url).href;
    return { entry: `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, eval: true };
  }
  // The bundle puts shared code in chunks: the entry is beside index.js, one folder up from a chunk.
  for (const candidate of ['./db-worker.js', '../db-worker.js']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return { entry: url, eval: false };
  }
  throw new Error(`db-worker.js not found next to ${import.meta.url}`);
}

/** An error from the worker as the main thread's code expects it (a BackupError keeps its reason, fs errors their code). */
function revive(serialized: SerializedError): Error {
  if (serialized.reason) return new BackupError(serialized.reason, serialized.message, serialized.field);
  const error = new Error(serialized.message) as Error & { code?: string };
  error.name = serialized.name;
  if (serialized.code) error.code = serialized.code;
  if (serialized.stack) error.stack = `${serialized.stack}\n    (in the worker thread)`;
  return error;
}

/** Runs `task` in a new worker thread; resolves with its result, or rejects with its error. */
export function runInWorker<T extends WorkerTaskName>(task: T, input: WorkerTaskInput<T>, options: WorkerRunOptions = {}): Promise<WorkerTaskResult<T>> {
  const { entry, eval: isEval } = workerEntry();
  const start: WorkerStart<T> = { task, input };
  return new Promise((resolve, reject) => {
    let settled = false;
    const worker = new Worker(entry, { eval: isEval, workerData: start });
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') options.onProgress?.(message.phase, message.fraction);
      else if (message.type === 'done') settle(() => resolve(message.result as WorkerTaskResult<T>));
      else settle(() => reject(revive(message.error)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`The worker thread for "${task}" exited (code ${code}) without an answer.`))));
  });
}
