/**
 * Record ids: UUIDs of version 7 (RFC 9562), ordered by time, so a new row lands at the end of every
 * index on an id, where a random UUID (version 4) lands anywhere in it: an import of 50.000 records
 * inserted two to three times slower with random ids. Within one millisecond a counter keeps them
 * increasing (the 12 bits of rand_a and the first 24 bits of rand_b); the last 36 bits are random, so
 * ids made on two machines (or by the app and the command line) at the same moment still differ.
 */
let lastMs = 0;
let counter = 0;
/** The id's first 19 characters (time, version) for lastMs, made once per millisecond. */
let timePart = '';

export const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => hex(byte, 2));

// Random bytes drawn 4 KiB at a time (crypto.getRandomValues, which Node and browsers both have): one
// call per 910 ids rather than one per id, which made up most of an id's cost in a bulk import.
const pool = new Uint8Array(4096);
let poolAt = pool.length;

/** 36 random bits as 9 hex digits. */
function randomTail(): string {
  if (poolAt + 5 > pool.length) {
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  const at = poolAt;
  poolAt += 5;
  return HEX_BYTES[pool[at]!]!.slice(1) + HEX_BYTES[pool[at + 1]!]! + HEX_BYTES[pool[at + 2]!]! + HEX_BYTES[pool[at + 3]!]! + HEX_BYTES[pool[at + 4]!]!;
}

export function newRecordId(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
    timePart = '';
  } else if (++counter >= 2 ** 36) {
    lastMs += 1; // 68 billion ids in one millisecond: borrow the next one
    counter = 0;
    timePart = '';
  }
  if (!timePart) {
    const time = hex(lastMs, 12);
    timePart = `${time.slice(0, 8)}-${time.slice(8)}-7`;
  }
  const high = Math.floor(counter / 2 ** 24);
  const low = counter % 2 ** 24;
  return `${timePart}${hex(high, 3)}-${hex(0x8000 | (low >>> 10), 4)}-${hex(low & 0x3ff, 3)}${randomTail()}`;
}
