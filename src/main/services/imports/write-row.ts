/** One row written: a new person through the bulk writer, an update of a person or a model row through the services. */
import { localToday } from '../../../shared/dates';
import type { RowWriter } from '../../db/bulk';
import { changedSince } from './batches';
import type { Context, Trx } from '../context';
import { createMemberIn, createModelIn, updateModelIn } from '../models';
import { changeSubjectStatusIn, createReviewIn, newSubjectRecord, updateSubjectIn } from '../subjects';
import type { Analysis, Payload } from './analysis';
import { hasReview, memberId, versionOf } from './stored';

/**
 * A new record, written as createSubjectIn, changeSubjectStatusIn and createReviewIn would write it. Their
 * checks were made by the analysis against the catalogues as they were, and nothing was written since
 * (the commit checks the last write); the foreign keys still refuse a missing catalogue entry.
 */
export function addSubject(writer: RowWriter, ctx: Context, payload: Extract<Payload, { register: 'subjects' }>, rowNumber: number) {
  const status = payload.status ? { status: payload.status, changedOn: localToday(), reason: IMPORT_REASON } : null;
  const record = newSubjectRecord(ctx, payload.values, { status, review: payload.review });
  writer.insert('subjects', record.subject, rowNumber);
  for (const row of record.statusChanges) writer.insert('subjectStatusChanges', row, rowNumber);
  for (const row of record.reviews) writer.insert('subjectReviews', row, rowNumber);
  for (const row of record.audit) writer.insert('auditLog', row, rowNumber);
}

const IMPORT_REASON = 'Nhập từ tệp Excel';

/** An existing record updated through the services, step by step; false when someone changed it since `since` (left alone). */
export async function updateSubject(trx: Trx, ctx: Context, payload: Extract<Payload, { register: 'subjects' }>, id: string, since: number): Promise<boolean> {
  if (await changedSince(trx, 'subject', id, since)) return false;
  // The import's own check of changes made since its analysis is changedSince's: the save is made on the version there is.
  const subject = await updateSubjectIn(trx, ctx, { id, version: await versionOf(trx, 'subjects', id), values: payload.values });
  if (payload.status && payload.status !== subject.status) await changeSubjectStatusIn(trx, ctx, { id: subject.id, status: payload.status, changedOn: localToday(), reason: IMPORT_REASON });
  if (payload.review && !(await hasReview(trx, subject.id, payload.review.reviewedOn as string))) await createReviewIn(trx, ctx, { ...payload.review, subjectId: subject.id });
  return true;
}

/** A model row: the model created or updated (once per import), then its member; false when someone changed the model since the analysis. */
export async function commitModelRow(trx: Trx, ctx: Context, payload: Extract<Payload, { register: 'models' }>, analysis: Analysis, written: Map<string, string>): Promise<boolean> {
  let modelId = written.get(payload.modelKey) ?? analysis.lookup.models.get(payload.modelKey)?.id;
  if (!written.has(payload.modelKey)) {
    if (modelId) {
      if (await changedSince(trx, 'model', modelId, analysis.lastWrite)) return false;
      const stored = (await trx.selectFrom('models').selectAll().where('id', '=', modelId).executeTakeFirstOrThrow()) as unknown as Record<string, unknown>;
      if (Object.entries(payload.model).some(([key, value]) => (stored[key] ?? null) !== (value ?? null))) await updateModelIn(trx, ctx, { id: modelId, version: Number(stored.version), values: payload.model });
    } else modelId = (await createModelIn(trx, ctx, payload.model)).id;
    written.set(payload.modelKey, modelId);
  }
  if (payload.member && modelId && !(await memberId(trx, modelId, payload.member.fullName))) await createMemberIn(trx, ctx, { ...payload.member, modelId });
  return true;
}
