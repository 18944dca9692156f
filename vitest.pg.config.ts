/**
 * `npm run test:pg` (issue 18 point 5): the service tests again, each on a database of its own on a
 * throwaway PostgreSQL cluster (tests/postgres) instead of a file, with the same assertions.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// The tests of the services, through the handler table, the CLI and the web host. Left to the file run
// alone: backups and restores of the file and the data folder, the demo file, the SQLite file's own opening,
// crash, concurrency and migration tests, the bulk writer's SQLite internals (import-commit: its search
// index, dropped indexes and checkpoints), and the tests that open no database.
const SERVICE_TESTS = [
  'accounts', 'activities', 'awards', 'cli-client', 'cli', 'data-source', 'derived-columns', 'engines', 'exports', 'following-count', 'handler-table', 'history',
  'import-batches', 'import-catalogues', 'import-read', 'import-real-roster', 'imports', 'member-order', 'merge', 'models', 'print-pdf', 'report',
  'roster-layout', 'roundtrip', 'server-backup', 'standards', 'subject-merge', 'subject-purge', 'subjects', 'versions', 'web-host',
];

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: SERVICE_TESTS.map((name) => `tests/unit/${name}.test.ts`),
    globalSetup: [...base.test.globalSetup, 'tests/postgres/global-setup.ts'],
  },
});
