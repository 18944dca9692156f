/** The demo generator's randomness: a seeded stream (the same data from the same seed) and ordered row ids. */
import { hex } from '../../shared/ids';

/** mulberry32: small, fast and good enough to make the same data from the same seed everywhere. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  /** Picks an item with probability proportional to its weight. */
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    let left = next() * items.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [item, weight] of items) {
      left -= weight;
      if (left < 0) return item;
    }
    return items[items.length - 1]![0];
  };
  return { next, int, pick, weighted };
}
export type Rng = ReturnType<typeof random>;

/**
 * Ids for generated rows in the UUID version 7 layout (RFC 9562): the time, then a counter, then random
 * bits. Rows then arrive in id order, so a million inserts append to the indexes instead of landing
 * at random places in them (several times faster than random version 4 ids at that size).
 */
export function orderedIds() {
  const time = hex(Date.now(), 12);
  let counter = 0;
  return () => {
    counter += 1; // 36 bits: 12 in rand_a, 24 at the start of rand_b
    const high = Math.floor(counter / 2 ** 24);
    const low = counter % 2 ** 24;
    const random = crypto.randomUUID().slice(-9); // randomUUID draws from a cached pool: cheap
    return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(high & 0xfff, 3)}-${hex(0x8000 | (low >>> 10), 4)}-${hex(low & 0x3ff, 3)}${random}`;
  };
}
