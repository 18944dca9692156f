/** A PRAGMA changed for the span of some work comes back as it was, also when spans overlap. */
import BetterSqlite3 from 'better-sqlite3';
import { expect, it } from 'vitest';
import { withSetting } from '../../src/main/db/setting-scope';

it('restores a setting after overlapping spans only when the last one ends, and after a failure', async () => {
  const sqlite = new BetterSqlite3(':memory:');
  const value = () => sqlite.pragma('cache_size', { simple: true });
  sqlite.pragma('cache_size = -2000');
  let endFirst!: () => void;
  const first = withSetting(sqlite, 'cache_size', () => -9000, () => new Promise<void>((resolve) => (endFirst = resolve)));
  expect(value()).toBe(-9000);
  let endSecond!: () => void;
  const second = withSetting(sqlite, 'cache_size', () => -5000, () => new Promise<void>((resolve) => (endSecond = resolve)));
  expect(value()).toBe(-9000); // the outer span's value holds
  endFirst();
  await first;
  expect(value()).toBe(-9000); // the second span still runs
  endSecond();
  await second;
  expect(value()).toBe(-2000);
  await expect(withSetting(sqlite, 'cache_size', () => -7000, () => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
  expect(value()).toBe(-2000);
  sqlite.close();
});
