/** One record as the detail view shows it, and the hidden fields of listed rows: both audited as views. */
import type { ParsedInput } from '../../../shared/api';
import { addMonths } from '../../../shared/dates';
import { isActiveStatus, type SubjectDetail, type SubjectSensitive, type SubjectStatusChange } from '../../../shared/subjects';
import { writeAudit, type Context } from '../context';
import { reviewIntervalMonths } from './due';
import { toReview } from './reviews';
import { findSubject } from './rows';

/** The hidden columns of the rows on screen, shown on demand; each person shown is an audited view. */
export async function sensitiveFields(ctx: Context, input: ParsedInput<'subjects.sensitive'>): Promise<SubjectSensitive[]> {
  if (input.ids.length === 0) return [];
  const rows = await ctx.db.selectFrom('subjects').select(['id', 'idNumber', 'history']).where('id', 'in', input.ids).execute();
  await ctx.db.transaction().execute(async (trx) => {
    for (const row of rows) await writeAudit(trx, ctx, { entity: 'subject', entityId: row.id, action: 'view', after: { fields: ['idNumber', 'history'] } });
  });
  return rows;
}

export async function getSubject(ctx: Context, input: ParsedInput<'subjects.get'>): Promise<SubjectDetail> {
  const subject = await findSubject(ctx.db, input.id, { includeTrashed: true });
  const link = ['id', 'fullName', 'birthDate', 'birthYear'] as const;
  const [reviews, statusChanges, months, mergedIntoRecord, mergedFrom] = await Promise.all([
    ctx.db.selectFrom('subjectReviews').selectAll().where('subjectId', '=', input.id).where('deletedAt', 'is', null).orderBy('reviewedOn', 'desc').execute(),
    ctx.db.selectFrom('subjectStatusChanges').selectAll().where('subjectId', '=', input.id).orderBy('changedOn', 'desc').orderBy('createdAt', 'desc').execute(),
    reviewIntervalMonths(ctx),
    subject.mergedInto ? ctx.db.selectFrom('subjects').select(link).where('id', '=', subject.mergedInto).executeTakeFirst() : undefined,
    ctx.db.selectFrom('subjects').select(link).where('mergedInto', '=', input.id).orderBy('sortKey').execute(),
  ]);
  await writeAudit(ctx.db, ctx, { entity: 'subject', entityId: input.id, action: 'view' });
  // A read-only account never sees the ID number or the history (Decree 13/2023: sensitive personal data).
  if (ctx.user.role === 'viewer') Object.assign(subject, { idNumber: null, history: null });
  const nextReviewDue = isActiveStatus(subject.status) && !subject.deletedAt ? addMonths(subject.lastReviewOn ?? subject.startDate, months) : null;
  return { subject, reviews: reviews.map(toReview), statusChanges: statusChanges as SubjectStatusChange[], nextReviewDue, mergedIntoRecord: mergedIntoRecord ?? null, mergedFrom };
}
