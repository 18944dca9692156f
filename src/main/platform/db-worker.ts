/** The worker thread's entry (see worker-thread.ts): runs the one task it was started with and answers. */
import { parentPort, workerData } from 'node:worker_threads';
import { BackupError } from '../db/backup';
import type { SerializedError, WorkerMessage, WorkerStart } from './worker-thread';
import { WORKER_TASKS } from './worker-tasks';

const port = parentPort;
if (!port) throw new Error('db-worker runs only as a worker thread.');
const post = (message: WorkerMessage) => port.postMessage(message);

function serialize(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    code: typeof code === 'string' ? code : undefined,
    reason: error instanceof BackupError ? error.reason : undefined,
    field: error instanceof BackupError ? error.fields?.[0]?.field : undefined,
  };
}

const { task, input } = workerData as WorkerStart;
const run = WORKER_TASKS[task] as (input: unknown, report: (phase: string, fraction: number) => void) => Promise<unknown>;
run(input, (phase, fraction) => post({ type: 'progress', phase, fraction })).then(
  (result) => post({ type: 'done', result }),
  (error: unknown) => post({ type: 'failed', error: serialize(error) }),
);
