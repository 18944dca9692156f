/** A new record's rows computed at once, without reading anything back: for writing many in one go (the import). */
import type { Insertable } from 'kysely';
import type { ParsedInput } from '../../../shared/api';
import type { SubjectValues } from '../../../shared/subjects';
import type { SubjectReviewsTable } from '../../db/schema';
import { auditRow, type Context } from '../context';
import { newSubjectRow, START_REASON, statusChangeRecord, statusChangeRow } from './crud';
import { newReviewRow } from './reviews';
import { reviewAnchorOf, toStored } from './values';

export type NewReview = Omit<ParsedInput<'reviews.create'>, 'subjectId'>;

/**
 * The rows of a new record with its status changed and a first review, exactly as createSubjectIn, then
 * changeSubjectStatusIn and createReviewIn write them one after another, with their audit entries, but
 * computed at once without reading anything back: for writing many records in one go (the import,
 * through db/bulk.ts). The caller has made those functions' checks (catalogues, review date); the
 * record is written in its final state (status, last review, due-date anchor).
 */
export function newSubjectRecord(ctx: Context, values: SubjectValues, then: { status?: Omit<ParsedInput<'subjects.changeStatus'>, 'id'> | null; review?: NewReview | null } = {}) {
  const stored = toStored(values);
  const subject = newSubjectRow(ctx, stored);
  const at = subject.updatedAt;
  const statusChanges = [statusChangeRow(ctx, subject.id, null, 'dang_giup_do', stored.startDate, START_REASON, at)];
  const audit = [auditRow(ctx, { entity: 'subject', entityId: subject.id, action: 'create', after: stored }, at)];
  if (then.status && then.status.status !== subject.status) {
    const change = statusChangeRecord(ctx, subject.id, subject.status, then.status, at);
    subject.status = then.status.status;
    statusChanges.push(change.history);
    audit.push(auditRow(ctx, change.audit, at));
  }
  const reviews: Insertable<SubjectReviewsTable>[] = [];
  if (then.review) {
    const values = { ...then.review, subjectId: subject.id };
    const review = newReviewRow(ctx, values);
    reviews.push(review);
    subject.lastReviewOn = review.reviewedOn;
    subject.reviewAnchor = reviewAnchorOf(review.reviewedOn, stored.startDate);
    audit.push(auditRow(ctx, { entity: 'review', entityId: review.id, action: 'create', after: values }, at));
  }
  return { subject, statusChanges, reviews, audit };
}
