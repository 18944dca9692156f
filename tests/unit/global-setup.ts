/** Vitest's global setup: the run's bundle of the command line (tests/bundle.ts), for `cli()` in helpers.ts. */
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
  return () => bundle.remove();
}
