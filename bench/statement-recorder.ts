/**
 * Records the statements a handler runs on a better-sqlite3 connection, with their parameters, so a
 * bench can replay them raw or explain them. Installed before anything is prepared: the connection
 * keeps its prepared statements (db/open.ts), so each statement is proxied once, when it is prepared,
 * and recorded at every run while `capture` is running.
 */
import type BetterSqlite3 from 'better-sqlite3';

/** One statement a handler ran, with its parameters. */
export interface Captured {
  sql: string;
  parameters: unknown[];
  reader: boolean;
}

const RUNS = new Set<PropertyKey>(['all', 'get', 'run', 'iterate']);

export function statementRecorder(sqlite: BetterSqlite3.Database) {
  const prepare = sqlite.prepare.bind(sqlite);
  let log: Captured[] | null = null;
  sqlite.prepare = ((source: string) =>
    new Proxy(prepare(source), {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown;
        if (typeof value !== 'function') return value;
        if (!RUNS.has(property)) return (value as (...rest: unknown[]) => unknown).bind(target);
        // Kysely's SQLite driver passes one parameter array; the bulk writer passes the values one by one.
        return (...values: unknown[]) => {
          const parameters = values.length === 1 && Array.isArray(values[0]) ? values[0] : values;
          log?.push({ sql: source, parameters: [...parameters], reader: target.reader });
          return (value as (...rest: unknown[]) => unknown).apply(target, values);
        };
      },
    })) as typeof sqlite.prepare;
  return {
    /** The connection's own prepare, unrecorded: for raw replays. */
    prepare,
    async capture(run: () => Promise<unknown>): Promise<Captured[]> {
      log = [];
      try {
        await run();
        return log;
      } finally {
        log = null;
      }
    },
  };
}
