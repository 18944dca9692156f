/**
 * The command line, the web host and the worker thread bundled once per test run, as the packaged app
 * bundles them, so that each start in a test takes under a second instead of the 2 to 4 s tsx takes to
 * compile the sources again. Packages stay outside the bundle, as in electron-vite's build, and the libraries the
 * app loads only when asked for stay in chunks of their own. The worker thread's entry is built beside the
 * others, where worker-thread.ts looks for it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const projectRoot = join(import.meta.dirname, '..');

export interface AppBundle {
  cli: string;
  webHost: string;
  dbWorker: string;
  remove(): void;
}

export async function bundleTheApp(): Promise<AppBundle> {
  // Inside the project, so that the bundle finds the project's node_modules; one folder per run.
  const cacheRoot = join(projectRoot, 'node_modules', '.cache');
  mkdirSync(cacheRoot, { recursive: true });
  const outdir = mkdtempSync(join(cacheRoot, 'antq-bundle-'));
  await build({
    entryPoints: {
      cli: join(projectRoot, 'src/main/cli.ts'),
      web: join(projectRoot, 'src/main/host/web.ts'),
      'db-worker': join(projectRoot, 'src/main/platform/db-worker.ts'),
    },
    outdir,
    bundle: true,
    splitting: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  writeFileSync(join(outdir, 'package.json'), JSON.stringify({ type: 'module' }));
  return { cli: join(outdir, 'cli.js'), webHost: join(outdir, 'web.js'), dbWorker: join(outdir, 'db-worker.js'), remove: () => rmSync(outdir, { recursive: true, force: true }) };
}
