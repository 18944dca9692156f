/** Reading the audit trail (writing it is `writeAudit` in context.ts, part of every write). */
import type { AuditEntry } from '../../shared/app';
import type { ParsedInput } from '../../shared/api';
import type { Context } from './context';

const parseJson = (value: string | null): unknown => (value === null ? null : JSON.parse(value));

export async function auditForEntity(ctx: Context, query: ParsedInput<'audit.forEntity'>): Promise<AuditEntry[]> {
  const rows = await ctx.db
    .selectFrom('auditLog as a')
    .leftJoin('users as u', 'u.id', 'a.userId')
    .select(['a.id', 'a.at', 'a.entity', 'a.entityId', 'a.action', 'a.beforeJson', 'a.afterJson', 'u.displayName'])
    .where('a.entity', '=', query.entity)
    .where('a.entityId', '=', query.entityId)
    .orderBy('a.at', 'desc')
    .limit(500)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    userName: row.displayName ?? '',
    entity: row.entity,
    entityId: row.entityId,
    action: row.action,
    before: parseJson(row.beforeJson),
    after: parseJson(row.afterJson),
  }));
}
