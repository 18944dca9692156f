/** Record ids: valid UUIDs of version 7, increasing in the order they are made, even within a millisecond or when the clock steps back. */
import { describe, expect, it } from 'vitest';
import { id } from '../../src/shared/common';
import { newRecordId } from '../../src/shared/ids';

describe('record ids', () => {
  it('are UUIDs of version 7 that the API accepts, each greater than the one before', () => {
    const start = Date.UTC(2030, 0, 1);
    const times = [start, start, start, start + 1, start + 1, start - 5_000, start + 2, ...Array.from({ length: 5000 }, () => start + 3)];
    const ids = times.map((time) => newRecordId(time));
    for (const value of ids) {
      expect(id.safeParse(value).success).toBe(true);
      expect(value[14]).toBe('7');
      expect('89ab').toContain(value[19]);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((value, index) => index === 0 || value > (ids[index - 1] as string))).toBe(true);
    // The time is in the first 48 bits: a later millisecond sorts after.
    expect(parseInt(ids[3]!.replace('-', '').slice(0, 12), 16)).toBe(start + 1);
  });
});
