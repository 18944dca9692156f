/**
 * Bounds on the UI state a page may store (grid column layouts, printed columns): it is saved as one
 * JSON setting, so a value nested without end or of many megabytes is refused as invalid input before
 * anything walks it recursively (JSON.stringify of 100.000 nested arrays overflows the stack).
 */
import { z } from 'zod';

export const UI_STATE_MAX_BYTES = 64 * 1024;
/** Arrays and objects inside one another; a grid's column state uses 2. */
export const UI_STATE_MAX_DEPTH = 10;

/** Whether arrays and objects nest deeper than `limit`, walked without recursion and given up as soon as it is known. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ item: unknown; depth: number }> = [{ item: value, depth: 0 }];
  while (stack.length > 0) {
    const { item, depth } = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push({ item: child, depth: depth + 1 });
  }
  return false;
}

function serializedBytes(value: unknown): number | null {
  try {
    return new TextEncoder().encode(JSON.stringify(value ?? null)).length;
  } catch {
    return null; // a BigInt or the like: not JSON
  }
}

export const uiStateValue = z.unknown().superRefine((value, ctx) => {
  if (nestsDeeperThan(value, UI_STATE_MAX_DEPTH)) {
    ctx.addIssue({ code: 'custom', message: `Cài đặt giao diện lồng nhau quá sâu (tối đa ${UI_STATE_MAX_DEPTH} cấp).` });
    return;
  }
  const bytes = serializedBytes(value);
  if (bytes === null) ctx.addIssue({ code: 'custom', message: 'Cài đặt giao diện không lưu được dưới dạng JSON.' });
  else if (bytes > UI_STATE_MAX_BYTES) ctx.addIssue({ code: 'custom', message: `Cài đặt giao diện quá lớn để lưu (tối đa ${UI_STATE_MAX_BYTES / 1024} KB).` });
});
