/** The first bytes of a file (fewer when it is shorter): how files are recognised before they are opened. */
import { closeSync, openSync, readSync } from 'node:fs';

/** Reads up to `length` bytes of `file` from `position` (default: its start). Throws when it cannot be opened. */
export function readHead(file: string, length: number, position = 0): Buffer {
  const handle = openSync(file, 'r');
  try {
    return readAt(handle, position, length);
  } finally {
    closeSync(handle);
  }
}

/** Up to `length` bytes at `position` of an open file. */
export function readAt(handle: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  return buffer.subarray(0, readSync(handle, buffer, 0, length, position));
}
