/**
 * Vitest's global setup: the run's bundle (tests/bundle.ts) of the command line, for `cli()` in helpers.ts,
 * and of the worker thread, which platform/worker-thread.ts starts instead of compiling its sources again.
 */
import type { TestProject } from 'vitest/node';
import { bundleTheApp } from '../bundle';

declare module 'vitest' {
  export interface ProvidedContext {
    cliBundle: string;
  }
}

export default async function setup(project: TestProject) {
  const bundle = await bundleTheApp();
  project.provide('cliBundle', bundle.cli);
  // The test processes start after this and inherit the environment.
  process.env.ANTQ_DB_WORKER_BUNDLE = bundle.dbWorker;
  return () => bundle.remove();
}
