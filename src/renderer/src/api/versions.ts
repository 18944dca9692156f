/**
 * The versions of records this window saved itself (services/versions.ts on the server): a form saves
 * with `versionOf(record)`, so a drawer that stays open after a save, still holding the record as it was
 * opened, is not refused its own next save. Nothing else is noted: a version read by a list, or told by a
 * refused save, was not seen in the form; after a refusal the officer opens the record again, sees the
 * other officer's values in it, and enters their change again.
 */
import type { StaleRecord } from '../../../shared/errors';

const known = new Map<string, number>();

export function versionOf(record: { id: string; version: number }): number {
  return Math.max(record.version, known.get(record.id) ?? 0);
}

function noteVersion({ id, version }: StaleRecord): void {
  if (version > (known.get(id) ?? 0)) known.set(id, version);
}

/** The result of an edit (an `….update` method) is the record at the version the save made. */
export function noteSaved(method: string, result: unknown): void {
  if (!method.endsWith('.update') || typeof result !== 'object' || result === null) return;
  const { id, version } = result as Partial<StaleRecord>;
  if (typeof id === 'string' && typeof version === 'number') noteVersion({ id, version });
}
