/**
 * Vitest global setup: the command line bundled once per run, as the packaged app bundles it, so that each
 * `cli()` in the tests starts in about 2 s instead of the 4 s tsx takes to compile the sources again.
 * Packages stay outside the bundle (as in electron-vite's build); the worker thread's entry is built beside it,
 * where worker-thread.ts looks for it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    cliBundle: string;
  }
}

const projectRoot = join(import.meta.dirname, '..');

export default async function setup(project: TestProject) {
  // Inside the project, so that the bundle finds the project's node_modules; one folder per run.
  const cacheRoot = join(projectRoot, 'node_modules', '.cache');
  const outdir = mkdtempSync(join(cacheRoot, 'antq-cli-'));
  await build({
    entryPoints: { cli: join(projectRoot, 'src/main/cli.ts'), 'db-worker': join(projectRoot, 'src/main/platform/db-worker.ts') },
    outdir,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  writeFileSync(join(outdir, 'package.json'), JSON.stringify({ type: 'module' }));
  project.provide('cliBundle', join(outdir, 'cli.js'));
  return () => rmSync(outdir, { recursive: true, force: true });
}
