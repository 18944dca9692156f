/** The name a file layout's mapping is remembered under: a hash of its folded header labels. */
import { labelKey } from './columns';

/**
 * A stable name for a file layout (its folded header labels), under which the officer's mapping is
 * remembered: the same roster template gives the same key whatever its accents, case or spacing.
 */
export function layoutKey(labels: readonly string[]): string {
  const keys = labels.map(labelKey);
  while (keys.length > 0 && keys[keys.length - 1] === '') keys.pop();
  return `layout-${fnv1a(keys.join('\u0001'), 0x811c9dc5)}${fnv1a(keys.join('\u0002'), 0x01000193)}`;
}

function fnv1a(text: string, seed: number): string {
  let hash = seed;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
