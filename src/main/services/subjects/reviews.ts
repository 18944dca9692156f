/** The periodic reviews of a record, and the last-review date and due-date anchor they keep up to date. */
import type { Selectable } from 'kysely';
import type { ParsedInput } from '../../../shared/api';
import { localToday } from '../../../shared/dates';
import { ApiError } from '../../../shared/errors';
import type { Review, Subject } from '../../../shared/subjects';
import type { SubjectReviewsTable } from '../../db/schema';
import { inTransaction, newRowStamps, notFound, nowIso, updateStamps, writeAudit, type Context, type Trx } from '../context';
import { fieldError } from './crud';
import { findSubject } from './rows';
import { checkVersion } from '../versions';

export const toReview = (row: Selectable<SubjectReviewsTable>): Review => ({
  id: row.id,
  subjectId: row.subjectId,
  reviewedOn: row.reviewedOn,
  period: row.period,
  result: row.result,
  jobSituation: row.jobSituation,
  notes: row.notes,
  reviewer: row.reviewer,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  createdBy: row.createdBy,
  updatedBy: row.updatedBy,
  version: row.version,
});

/** Keeps last_review_on and the due-date anchor in step with the live reviews. */
export async function refreshReviewAnchor(trx: Trx, subjectId: string) {
  const latest = await trx
    .selectFrom('subjectReviews')
    .select((eb) => eb.fn.max('reviewedOn').as('last'))
    .where('subjectId', '=', subjectId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  const last = (latest?.last as string | null | undefined) ?? null;
  await trx
    .updateTable('subjects')
    .set((eb) => ({ lastReviewOn: last, reviewAnchor: last ?? eb.ref('startDate') }))
    .where('id', '=', subjectId)
    .execute();
}

async function findReview(trx: Trx, id: string) {
  const row = await trx.selectFrom('subjectReviews').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  if (!row) throw notFound('lần đánh giá');
  return row;
}

/** A review lies between the start of the help and today. */
function checkReviewDate(subject: Subject, reviewedOn: string | null) {
  if (reviewedOn && reviewedOn < subject.startDate) throw fieldError('reviewedOn', 'Ngày đánh giá không được trước ngày bắt đầu giúp đỡ.');
  if (reviewedOn && reviewedOn > localToday()) throw fieldError('reviewedOn', 'Ngày đánh giá không được sau hôm nay.');
}

/** A new review's row. */
export const newReviewRow = (ctx: Context, values: ParsedInput<'reviews.create'>) => ({ ...newRowStamps(ctx), ...values, reviewedOn: values.reviewedOn as string });

export async function createReviewIn(trx: Trx, ctx: Context, values: ParsedInput<'reviews.create'>): Promise<Review> {
  checkReviewDate(await findSubject(trx, values.subjectId), values.reviewedOn);
  const row = newReviewRow(ctx, values);
  await trx.insertInto('subjectReviews').values(row).execute();
  await refreshReviewAnchor(trx, values.subjectId);
  await writeAudit(trx, ctx, { entity: 'review', entityId: row.id, action: 'create', after: values });
  return toReview(row);
}

export const createReview = inTransaction(createReviewIn);

export async function updateReview(ctx: Context, input: ParsedInput<'reviews.update'>): Promise<Review> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findReview(trx, input.id);
    if (before.subjectId !== input.values.subjectId) throw new ApiError('validation', 'Không thể chuyển lần đánh giá sang hồ sơ khác.');
    await checkVersion(trx, ctx, 'review', before, input.version, input.values);
    checkReviewDate(await findSubject(trx, before.subjectId), input.values.reviewedOn);
    const changes = { ...input.values, reviewedOn: input.values.reviewedOn as string, ...updateStamps(ctx) };
    await trx.updateTable('subjectReviews').set(changes).where('id', '=', input.id).execute();
    await refreshReviewAnchor(trx, before.subjectId);
    await writeAudit(trx, ctx, { entity: 'review', entityId: input.id, action: 'update', before: toReview(before), after: input.values });
    return toReview(await findReview(trx, input.id));
  });
}

export async function removeReview(ctx: Context, input: ParsedInput<'reviews.remove'>): Promise<{ ok: true }> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findReview(trx, input.id);
    await trx.updateTable('subjectReviews').set({ deletedAt: nowIso(), ...updateStamps(ctx) }).where('id', '=', input.id).execute();
    await refreshReviewAnchor(trx, before.subjectId);
    await writeAudit(trx, ctx, { entity: 'review', entityId: input.id, action: 'trash', before: toReview(before) });
    return { ok: true };
  });
}
