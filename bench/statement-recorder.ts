/**
 * Records the statements a handler runs on a better-sqlite3 connection, with their parameters, so a
 * bench can replay them raw or explain them. It wraps the run methods of better-sqlite3's Statement
 * (all, get, run, iterate) once, on their prototype, rather than each statement as it is prepared: the
 * connection keeps its prepared statements (db/open.ts), and a statement prepared before the recorder
 * (while the demo data were made, say) ran unrecorded, so a raw replay missed it and timed 0,00 ms.
 */
import type BetterSqlite3 from 'better-sqlite3';

/** One statement a handler ran, with its parameters. */
export interface Captured {
  sql: string;
  parameters: unknown[];
  reader: boolean;
}

const RUNS = ['all', 'get', 'run', 'iterate'] as const;
/** The connection being recorded and its log, or null between captures. */
let recording: { sqlite: BetterSqlite3.Database; log: Captured[] } | null = null;
const wrapped = new WeakSet<object>();

function wrapRunMethods(prototype: Record<(typeof RUNS)[number], (...values: unknown[]) => unknown>) {
  if (wrapped.has(prototype)) return;
  wrapped.add(prototype);
  for (const name of RUNS) {
    const original = prototype[name];
    prototype[name] = function (this: BetterSqlite3.Statement, ...values: unknown[]) {
      if (recording && this.database === recording.sqlite) {
        // Kysely's SQLite driver passes one parameter array; the bulk writer passes the values one by one.
        const parameters = values.length === 1 && Array.isArray(values[0]) ? values[0] : values;
        recording.log.push({ sql: this.source, parameters: [...parameters], reader: this.reader });
      }
      return original.apply(this, values);
    };
  }
}

export function statementRecorder(sqlite: BetterSqlite3.Database) {
  const probe = sqlite.prepare('select 1');
  wrapRunMethods(Object.getPrototypeOf(probe) as Parameters<typeof wrapRunMethods>[0]);
  return {
    /** The connection's prepare: replays run outside `capture`, so they are not recorded. */
    prepare: (source: string) => sqlite.prepare(source),
    async capture(run: () => Promise<unknown>): Promise<Captured[]> {
      const log: Captured[] = [];
      recording = { sqlite, log };
      try {
        await run();
        return log;
      } finally {
        recording = null;
      }
    },
  };
}
