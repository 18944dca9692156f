/**
 * What an export adds to a page of the grid's rows when its columns ask for more: the members each
 * model lists, and the fields of an individual's full record (ID number, history, permanent address,
 * decision, helper's phone, latest review). Reading a full record is audited here as opening it is.
 */
import type { ExportedModel, ExportedSubject, SubjectRecordFields } from '../../shared/exports';
import { leaderFirst, type ModelRow } from '../../shared/models';
import type { SubjectRow } from '../../shared/subjects';
import { auditRow, nowIso, type Context } from './context';

const VIEW_ENTRIES_PER_TRANSACTION = 1000;

/** Each model once per live member (its leader first, then roster order), or once with no member when it lists none. */
export async function withMembers(ctx: Context, models: ModelRow[]): Promise<ExportedModel[][]> {
  if (models.length === 0) return [];
  const members = await ctx.db
    .selectFrom('modelMembers')
    .select(['modelId', 'fullName', 'role', 'phone', 'address'])
    .where(
      'modelId',
      'in',
      models.map((model) => model.id),
    )
    .where('deletedAt', 'is', null)
    .orderBy('sortKey')
    .orderBy('id')
    .execute();
  const byModel = new Map<string, typeof members>();
  for (const member of members) byModel.set(member.modelId, [...(byModel.get(member.modelId) ?? []), member]);
  return models.map((model) => {
    const listed = leaderFirst(byModel.get(model.id) ?? [], model.leaderName);
    return listed.length === 0 ? [{ ...model, member: null }] : listed.map(({ modelId: _modelId, ...member }) => ({ ...model, member }));
  });
}

/** The fields of the full records of one page, each person's reading written to the audit log with the fields named. */
export async function withRecordFields(ctx: Context, rows: SubjectRow[], fields: readonly string[]): Promise<ExportedSubject[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [records, reviews] = await Promise.all([
    ctx.db
      .selectFrom('subjects')
      .select(['id', 'idNumber', 'history', 'permanentAddress', 'decisionNumber', 'decisionDate', 'decisionIssuer', 'helperPhone'])
      .where('id', 'in', ids)
      .execute(),
    ctx.db
      .selectFrom('subjectReviews')
      .select(['subjectId', 'reviewedOn', 'period', 'result', 'jobSituation', 'notes', 'reviewer'])
      .where('subjectId', 'in', ids)
      .where('deletedAt', 'is', null)
      // The latest review: the last of its day written last, as the record's review list shows it first.
      .orderBy('reviewedOn', 'desc')
      .orderBy('createdAt', 'desc')
      .execute(),
  ]);
  const latest = new Map<string, SubjectRecordFields['latestReview']>();
  for (const { subjectId, ...review } of reviews) if (!latest.has(subjectId)) latest.set(subjectId, review);
  const byId = new Map(records.map((record) => [record.id, record]));
  // One "viewed" entry per person exported, in short transactions: a district-wide export must not hold
  // the write lock for seconds while the app (or another officer's process) waits to save.
  const at = nowIso();
  for (let start = 0; start < ids.length; start += VIEW_ENTRIES_PER_TRANSACTION) {
    const chunk = ids.slice(start, start + VIEW_ENTRIES_PER_TRANSACTION);
    await ctx.db.transaction().execute((trx) =>
      trx
        .insertInto('auditLog')
        .values(chunk.map((id) => auditRow(ctx, { entity: 'subject', entityId: id, action: 'view', after: { fields } }, at)))
        .execute(),
    );
  }
  return rows.map((row) => {
    const { id: _id, ...record } = byId.get(row.id) ?? { id: row.id, idNumber: null, history: null, permanentAddress: null, decisionNumber: null, decisionDate: null, decisionIssuer: null, helperPhone: null };
    return { ...row, ...record, latestReview: latest.get(row.id) ?? null };
  });
}
