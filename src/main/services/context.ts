/** What every service call receives: the open database and the user on whose behalf it runs. */
import { sql, type Insertable, type Transaction } from 'kysely';
import type { AuditAction, Entity, User } from '../../shared/app';
import { ApiError } from '../../shared/errors';
import { newRecordId } from '../../shared/ids';
import type { Db } from '../db/open';
import type { AuditLogTable, Database } from '../db/schema';

export interface Context {
  db: Db;
  user: User;
  /**
   * The import run a write belongs to (an import commits in several transactions): recorded in the
   * audit entries it writes (after.importRun), so the run's records can be found again as one import.
   */
  importRun?: string;
}

export type Trx = Transaction<Database>;

/** A service step that runs inside its caller's transaction, made a call of its own (one transaction). */
export function inTransaction<Input, Result>(step: (trx: Trx, ctx: Context, input: Input) => Promise<Result>) {
  return (ctx: Context, input: Input): Promise<Result> => ctx.db.transaction().execute((trx) => step(trx, ctx, input));
}

export const nowIso = () => new Date().toISOString();

export function newRowStamps(ctx: Context) {
  const now = nowIso();
  return { id: newRecordId(), createdAt: now, updatedAt: now, createdBy: ctx.user.id, updatedBy: ctx.user.id, deletedAt: null, version: 1 };
}

/** Who changed a record and when, and its version one more (a form open on the version before can no longer save over it). */
export function updateStamps(ctx: Context) {
  return { updatedAt: nowIso(), updatedBy: ctx.user.id, version: sql<number>`version + 1` };
}

export interface AuditRecord {
  entity: Entity;
  entityId: string;
  action: AuditAction;
  before?: unknown;
  after?: unknown;
}

/** The audit_log row of a record: the one shape every write appends (one by one, or many at once). */
export function auditRow(ctx: Context, record: AuditRecord, at = nowIso()): Insertable<AuditLogTable> {
  return {
    id: newRecordId(),
    at,
    userId: ctx.user.id,
    entity: record.entity,
    entityId: record.entityId,
    action: record.action,
    beforeJson: record.before === undefined ? null : JSON.stringify(record.before),
    afterJson: record.after === undefined ? null : JSON.stringify(ctx.importRun && isPlainObject(record.after) ? { ...record.after, importRun: ctx.importRun } : record.after),
  };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Appends to audit_log inside the caller's transaction, so a write and its audit entry land together. */
export async function writeAudit(trx: Trx | Db, ctx: Context, record: AuditRecord): Promise<void> {
  await trx.insertInto('auditLog').values(auditRow(ctx, record)).execute();
}

export function notFound(what: string): ApiError {
  return new ApiError('not_found', `Không tìm thấy ${what}. Có thể bản ghi đã bị xóa.`);
}

/** Escapes LIKE wildcards in a search term (used with ESCAPE '\'). */
export const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
