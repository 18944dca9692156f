/** A connection setting (a PRAGMA) changed for the span of some work, and restored after it. */
import type BetterSqlite3 from 'better-sqlite3';

const scopes = new WeakMap<BetterSqlite3.Database, Map<string, { saved: number; depth: number }>>();

/**
 * Runs `work` with PRAGMA `name` set to `choose(current value)`, and restores the value it had. Spans may
 * overlap (two imports committed at once, the second waiting for the connection): the first sets the
 * value, the last to end restores it, so an inner span never "restores" the outer span's value for good.
 */
export async function withSetting<T>(sqlite: BetterSqlite3.Database, name: string, choose: (current: number) => number, work: () => Promise<T>): Promise<T> {
  let settings = scopes.get(sqlite);
  if (!settings) scopes.set(sqlite, (settings = new Map()));
  let scope = settings.get(name);
  if (scope) scope.depth += 1;
  else {
    const saved = sqlite.pragma(name, { simple: true }) as number;
    scope = { saved, depth: 1 };
    settings.set(name, scope);
    const value = choose(saved);
    if (value !== saved) sqlite.pragma(`${name} = ${value}`);
  }
  try {
    return await work();
  } finally {
    scope.depth -= 1;
    if (scope.depth === 0) {
      settings.delete(name);
      if (sqlite.open) sqlite.pragma(`${name} = ${scope.saved}`);
    }
  }
}
