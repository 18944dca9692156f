/** Playwright's global setup: the run's bundle of the command line and the web host (tests/bundle.ts), for host.ts. */
import { bundleTheApp } from '../bundle';

export default async function setup() {
  const bundle = await bundleTheApp();
  // The workers start after this and inherit the environment.
  process.env.E2E_CLI = bundle.cli;
  process.env.E2E_WEB_HOST = bundle.webHost;
  return () => bundle.remove();
}
