/**
 * The versions of records this window knows to be its own (services/versions.ts on the server): the
 * version its last save of a record made, and the version a refused save was told of, once the officer
 * has seen what the other officer saved. A form saves with `versionOf(record)`: a drawer that stays open
 * after a save still holds the record as it was opened, and must not be refused its own next save.
 * Records read by lists or pages are never noted: a newer version read there was not seen in the form.
 */
import type { StaleRecord } from '../../../shared/errors';

const known = new Map<string, number>();

export function versionOf(record: { id: string; version: number }): number {
  return Math.max(record.version, known.get(record.id) ?? 0);
}

export function noteVersion({ id, version }: StaleRecord): void {
  if (version > (known.get(id) ?? 0)) known.set(id, version);
}

/** The result of an edit (an `….update` method) is the record at the version the save made. */
export function noteSaved(method: string, result: unknown): void {
  if (!method.endsWith('.update') || typeof result !== 'object' || result === null) return;
  const { id, version } = result as Partial<StaleRecord>;
  if (typeof id === 'string' && typeof version === 'number') noteVersion({ id, version });
}
