/** A larger SQLite page cache for the span of one big write. */
import { onPostgres } from './engine';
import { sqliteHandle, type Db } from './open';
import { withSetting } from './setting-scope';

/**
 * The page cache while an import's 50.000 people are written (MiB). With the usual 64 MiB the new rows'
 * pages are pushed out to the WAL while they are written, then read back from it by each of the
 * rebuilt indexes and the search index; measured on that commit: 64 MiB 2,69 s, 128 MiB 2,51 s,
 * 256 MiB 2,45 s. SQLite takes the pages only as it needs them and frees what is above the usual size
 * when the setting is restored, but the process keeps the memory from the allocator: measured after
 * that commit, 535 MiB resident instead of 435 MiB. The price of the 0,2 s, paid only by big imports
 * (a handful of rows use a handful of pages).
 */
const BIG_WRITE_CACHE_MIB = 256;

/** Runs `work` with the page cache at BIG_WRITE_CACHE_MIB (never smaller than it was), then restores it. */
export async function withBigPageCache<T>(db: Db, work: () => Promise<T>): Promise<T> {
  if (onPostgres(db)) return work(); // a server's cache is the server's
  const big = -BIG_WRITE_CACHE_MIB * 1024;
  // A negative size is in KiB, a positive one in pages: only a known smaller size is raised.
  return withSetting(sqliteHandle(db), 'cache_size', (size) => (size < 0 && size > big ? big : size), work);
}
