/**
 * Concurrent officers: every save names the version of the record it was made on (migration 0014; the
 * version is one more at each save, services/context.ts updateStamps). A save over a version someone else
 * saved since is refused, and nothing is written: the error says who saved and when, and puts what they
 * saved next to each field where it differs from this save, for the officer to read. The error carries the
 * record's version now (for a program that saves again knowingly); the app's forms do not take it: the
 * officer opens the record again, on its new version, and enters the change again.
 */
import type { Entity } from '../../shared/app';
import { formatDateTime } from '../../shared/dates';
import { ApiError, type FieldProblem } from '../../shared/errors';
import { fieldChanges } from '../../shared/history';
import { fieldValue } from '../../shared/history-text';
import { catalogueNames, named, vietnameseTexts, visibleTo } from './audit';
import type { Context, Trx } from './context';

interface Versioned {
  id: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

/** The form fields some stored fields are entered in (a subject's birth date or year: one "Ngày sinh" field). */
const FORM_FIELD: Record<string, string> = { birthDate: 'birth', birthYear: 'birth' };

/**
 * Refuses a save made on `expected` when the record is at another version. `stored` is the record as
 * saved (its fields as the audit log keeps them), `submitted` the values of this save in the same shape.
 */
export async function checkVersion(trx: Trx, ctx: Context, entity: Entity, stored: Versioned, expected: number, submitted: object): Promise<void> {
  if (stored.version === expected) return;
  const user = await trx.selectFrom('users').select('displayName').where('id', '=', stored.updatedBy).executeTakeFirst();
  const who = user?.displayName ?? 'người khác';
  const t = vietnameseTexts();
  // Only the fields this save carries: a field its form does not hold (a status) is not the officer's to re-enter.
  const changes = fieldChanges(entity, 'update', submitted, visibleTo(ctx, stored)).filter((change) => Object.hasOwn(submitted, change.field));
  const names = await catalogueNames(trx, changes);
  const fields = new Map<string, FieldProblem>();
  for (const change of changes.map((one) => named(one, names))) {
    const field = FORM_FIELD[change.field] ?? change.field;
    if (!fields.has(field)) fields.set(field, { field, message: `${who} đã lưu: ${fieldValue(t, entity, change.field, change.after)}` });
  }
  throw new ApiError('conflict', `Hồ sơ đã được ${who} sửa lúc ${formatDateTime(stored.updatedAt)} — xem và nhập lại.`, [...fields.values()], 'version', { id: stored.id, version: stored.version });
}
