/** Moving SQLite's WAL checkpoint out of a big write's COMMIT; on a server, a VACUUM after it. */
import { sql } from 'kysely';
import { onPostgres } from './engine';
import { sqliteHandle, type Db } from './open';
import { withSetting } from './setting-scope';

/**
 * Runs `work` (one big write transaction, e.g. an import's commit) with SQLite's automatic checkpoint
 * off, then checkpoints once the work has returned, on a later turn of the event loop.
 *
 * In WAL mode SQLite copies the log back into the database file inside the COMMIT call that takes the
 * log past `wal_autocheckpoint` pages; after 50.000 imported people (~150 MB of log) that is ~0,3 s of the
 * commit's ~0,5 s. Here the commit returns first and the checkpoint runs from setImmediate. The work
 * moves, it does not vanish: a checkpoint cannot be split, so that turn of the event loop still blocks
 * for as long (measured 0,21–0,25 s after 50.000 people, ~170 MB of log), only after the caller has its answer. Durability is
 * unchanged: the COMMIT itself is in the fsynced WAL (synchronous=FULL); a checkpoint only copies
 * committed pages into the main file. PASSIVE never waits for readers; what it cannot copy, a later
 * commit's automatic checkpoint does (the setting is restored before the checkpoint runs).
 */
export async function checkpointAfter<T>(db: Db, work: () => Promise<T>): Promise<T> {
  if (onPostgres(db)) {
    // A server checkpoints by itself. It is vacuumed instead: the new rows' pages marked all-visible, so that
    // counts and lists read the indexes alone from the next call, not once autovacuum comes by minutes later
    // (bench/engines.bench.ts: counts 3 times slower meanwhile). It reads only the pages changed since the last.
    const result = await work();
    await sql`vacuum`.execute(db);
    return result;
  }
  const sqlite = sqliteHandle(db);
  try {
    return await withSetting(sqlite, 'wal_autocheckpoint', () => 0, work);
  } finally {
    setImmediate(() => {
      if (!sqlite.open || sqlite.inTransaction) return; // closing checkpoints anyway; a later commit's autocheckpoint will
      try {
        sqlite.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // Busy or closing: nothing is lost, the next commit's automatic checkpoint copies the log back.
      }
    });
  }
}
