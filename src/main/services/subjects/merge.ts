/**
 * Merging two records of the same person, and undoing it ("Hoàn tác gộp"). A merge moves the reviews
 * and status history of one record to the other, fills the kept record's empty fields from it, and puts
 * it in the Trash marked `merged_into`. Everything an undo needs is written in the merge's audit entry
 * (the ids of the rows that moved, the fields filled with their values before and after): no table of
 * its own, so no migration, and the audit log is already written in the same transaction as the merge.
 */
import { z } from 'zod';
import type { ParsedInput } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import { SUBJECT_COLUMNS } from '../../../shared/exports';
import { formatBirth, type Subject, type UnmergeResult } from '../../../shared/subjects';
import { cleanText } from '../../../shared/text';
import type { SubjectsTable } from '../../db/schema';
import { notFound, nowIso, updateStamps, writeAudit, type Context, type Trx } from '../context';
import { refreshReviewAnchor } from './reviews';
import { findSubject } from './rows';
import { derivedColumns, type DerivedSource } from './values';

/** The kept record's fields a merge fills when they are empty (the birth and the history have rules of their own). */
const FILLABLE_FIELDS = [
  'alias', 'idNumber', 'phone', 'permanentAddress', 'currentAddress', 'neighbourhoodId', 'reintegrationGroup',
  'history', 'plannedEndDate', 'decisionNumber', 'decisionDate', 'decisionIssuer', 'helperName', 'helperOrgId', 'helperPhone',
] as const;

type FilledField = (typeof FILLABLE_FIELDS)[number] | 'birthDate' | 'birthYear' | 'birthSort';
type SubjectRowValues = Omit<SubjectsTable, 'seq'>;

/** What a merge records in its audit entries (`after`), and what an undo reads back. */
const mergeRecord = z.object({
  keepId: z.string(),
  mergeId: z.string(),
  filledFields: z.array(z.string()),
  movedReviews: z.number(),
  /** The rows that moved to the kept record: exactly these go back. */
  reviewIds: z.array(z.string()),
  statusChangeIds: z.array(z.string()),
  /** The kept record's filled fields: the values the merge wrote, and those it replaced. */
  filled: z.record(z.string(), z.unknown()),
  keptBefore: z.record(z.string(), z.unknown()),
});
type MergeRecord = z.infer<typeof mergeRecord>;

/**
 * Merges `mergeId` into `keepId`: reviews and status history move to the kept record, its empty fields
 * are filled from the other, and the merged record goes to the trash marked `merged_into` (never purged).
 */
export async function mergeSubjects(ctx: Context, input: ParsedInput<'subjects.merge'>): Promise<Subject> {
  return ctx.db.transaction().execute(async (trx) => {
    const keep = await trx.selectFrom('subjects').selectAll().where('id', '=', input.keepId).where('deletedAt', 'is', null).executeTakeFirst();
    const merge = await trx.selectFrom('subjects').selectAll().where('id', '=', input.mergeId).where('deletedAt', 'is', null).executeTakeFirst();
    if (!keep || !merge) throw notFound('hồ sơ cần gộp');
    const filled: Record<string, unknown> = {};
    for (const field of FILLABLE_FIELDS) if (keep[field] === null && merge[field] !== null) filled[field] = merge[field];
    // The birth is one value: a full date is taken with its year (and sort key), and only when the years agree.
    const moreExactBirth = merge.birthYear !== null && (keep.birthYear === null || (keep.birthDate === null && merge.birthDate !== null && merge.birthYear === keep.birthYear));
    if (moreExactBirth) Object.assign(filled, { birthDate: merge.birthDate, birthYear: merge.birthYear, birthSort: merge.birthSort });
    if (keep.history && merge.history && keep.history !== merge.history) filled.history = `${keep.history}\n---\n${merge.history}`;
    const reviewIds = (await trx.selectFrom('subjectReviews').select('id').where('subjectId', '=', merge.id).execute()).map((row) => row.id);
    const statusChangeIds = (await trx.selectFrom('subjectStatusChanges').select('id').where('subjectId', '=', merge.id).execute()).map((row) => row.id);
    await trx.updateTable('subjectReviews').set({ subjectId: keep.id }).where('subjectId', '=', merge.id).execute();
    await trx.updateTable('subjectStatusChanges').set({ subjectId: keep.id }).where('subjectId', '=', merge.id).execute();
    await trx
      .updateTable('subjects')
      .set({ ...filled, searchText: derivedColumns({ ...keep, ...filled } as DerivedSource).searchText, ...updateStamps(ctx) })
      .where('id', '=', keep.id)
      .execute();
    await trx.updateTable('subjects').set({ deletedAt: nowIso(), mergedInto: keep.id, ...updateStamps(ctx) }).where('id', '=', merge.id).execute();
    await refreshReviewAnchor(trx, keep.id);
    const keptBefore = Object.fromEntries(Object.keys(filled).map((field) => [field, keep[field as FilledField]]));
    const summary: MergeRecord = {
      keepId: keep.id,
      mergeId: merge.id,
      filledFields: Object.keys(filled),
      movedReviews: reviewIds.length,
      reviewIds,
      statusChangeIds,
      filled,
      keptBefore,
    };
    await writeAudit(trx, ctx, { entity: 'subject', entityId: keep.id, action: 'merge', before: keep, after: summary });
    await writeAudit(trx, ctx, { entity: 'subject', entityId: merge.id, action: 'merge', before: merge, after: summary });
    return findSubject(trx, keep.id);
  });
}

/** The newest merge of `mergedId` into `keepId`, as its audit entry recorded it (null for a merge made before undo existed). */
async function lastMerge(trx: Trx, mergedId: string, keepId: string): Promise<MergeRecord | null> {
  const entry = await trx
    .selectFrom('auditLog')
    .select('afterJson')
    .where('entity', '=', 'subject')
    .where('entityId', '=', mergedId)
    .where('action', '=', 'merge')
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const parsed = mergeRecord.safeParse(entry?.afterJson ? JSON.parse(entry.afterJson) : null);
  return parsed.success && parsed.data.keepId === keepId && parsed.data.mergeId === mergedId ? parsed.data : null;
}

/** The words an officer knows a field by (the register's column headers), for the message that names the edited fields. */
const COLUMN_OF: Partial<Record<FilledField, string>> = { neighbourhoodId: 'neighbourhoodName', reintegrationGroup: 'group', helperOrgId: 'helperOrgName', birthDate: 'birth', birthYear: 'birth' };
const fieldLabel = (field: FilledField) => SUBJECT_COLUMNS.find((column) => column.key === (COLUMN_OF[field] ?? field))?.header ?? field;

/**
 * The same stored value, texts compared as the form saves them: the merge joins two histories with line
 * breaks, which a later save of the form (the history untouched) writes back as spaces.
 */
const unchanged = (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' ? cleanText(a) === cleanText(b) : (a ?? null) === (b ?? null));

/**
 * Undoes a merge: the merged record comes back out of the Trash, exactly the reviews and status changes
 * that moved go back to it, and the kept record's filled fields get their values from before the merge.
 * Rows added to the kept record after the merge stay with it; a moved review edited since moves back
 * with its edits (it is the other person's review).
 *
 * If a filled field of the kept record was edited after the merge (it holds neither the merged value
 * nor the value from before), the undo is refused and says which fields. That is the safer of the two
 * choices: refusing changes nothing, while keeping the later edit and undoing the rest would leave on
 * this record a value that may have come from the other person (their ID number, their history) with
 * the merge that brought it gone, which is the mix-up an undo is meant to clear. The officer can put
 * those fields back and undo, or separate the records by hand.
 */
export async function unmergeSubjects(ctx: Context, input: ParsedInput<'subjects.unmerge'>): Promise<UnmergeResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const merged = await trx.selectFrom('subjects').selectAll().where('id', '=', input.mergedId).executeTakeFirst();
    if (!merged) throw notFound('hồ sơ');
    if (!merged.mergedInto || !merged.deletedAt) throw new ApiError('conflict', 'Hồ sơ này không phải là hồ sơ đã gộp (có thể việc gộp đã được hoàn tác), nên không có gì để hoàn tác.');
    const keep = await trx.selectFrom('subjects').selectAll().where('id', '=', merged.mergedInto).executeTakeFirstOrThrow();
    const keptName = `"${keep.fullName}"${keep.birthYear ? ` (${formatBirth(keep.birthDate, keep.birthYear)})` : ''}`; // the name quoted, as in other messages
    if (keep.mergedInto) throw new ApiError('conflict', `Hồ sơ ${keptName} đã được gộp tiếp vào một hồ sơ khác. Hãy hoàn tác lần gộp đó trước.`);
    if (keep.deletedAt) throw new ApiError('conflict', `Hồ sơ ${keptName} đang ở Thùng rác. Hãy khôi phục hồ sơ đó trước khi hoàn tác gộp.`);
    const record = await lastMerge(trx, merged.id, keep.id);
    if (!record) throw new ApiError('conflict', 'Lần gộp này không lưu đủ dữ liệu để hoàn tác (gộp từ phiên bản cũ của phần mềm). Hãy tách hai hồ sơ bằng tay.');

    const fields = Object.keys(record.filled) as FilledField[];
    const edited = fields.filter((field) => field !== 'birthSort' && !unchanged(keep[field], record.filled[field]) && !unchanged(keep[field], record.keptBefore[field]));
    if (edited.length > 0) {
      const labels = [...new Set(edited.map(fieldLabel))].join(', ');
      throw new ApiError(
        'conflict',
        `Không hoàn tác gộp được: hồ sơ ${keptName} đã được sửa sau khi gộp (${labels}). Hoàn tác sẽ ghi đè những thay đổi đó, nên chưa làm gì cả. Hãy kiểm tra lại các mục này, hoặc tách hai hồ sơ bằng tay.`,
      );
    }

    const moveBack = async (table: 'subjectReviews' | 'subjectStatusChanges', ids: string[]) => {
      if (ids.length === 0) return;
      const moved = await trx.updateTable(table).set({ subjectId: merged.id }).where('id', 'in', ids).where('subjectId', '=', keep.id).executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== ids.length) throw new ApiError('conflict', 'Một số lần đánh giá hoặc lịch sử tình trạng của lần gộp này không còn ở hồ sơ được giữ lại, nên không hoàn tác được.');
    };
    await moveBack('subjectReviews', record.reviewIds);
    await moveBack('subjectStatusChanges', record.statusChangeIds);

    const restoredFields = Object.fromEntries(fields.map((field) => [field, record.keptBefore[field] ?? null])) as Partial<SubjectRowValues>;
    await trx
      .updateTable('subjects')
      .set({ ...restoredFields, ...derivedColumns({ ...keep, ...restoredFields } as DerivedSource), ...updateStamps(ctx) })
      .where('id', '=', keep.id)
      .execute();
    await trx.updateTable('subjects').set({ deletedAt: null, mergedInto: null, ...updateStamps(ctx) }).where('id', '=', merged.id).execute();
    await refreshReviewAnchor(trx, keep.id);
    await refreshReviewAnchor(trx, merged.id);

    const summary = { keepId: keep.id, mergedId: merged.id, restoredFields: fields, reviewIds: record.reviewIds, statusChangeIds: record.statusChangeIds };
    await writeAudit(trx, ctx, { entity: 'subject', entityId: keep.id, action: 'unmerge', before: Object.fromEntries(fields.map((field) => [field, keep[field]])), after: { ...summary, values: restoredFields } });
    await writeAudit(trx, ctx, { entity: 'subject', entityId: merged.id, action: 'unmerge', before: { deletedAt: merged.deletedAt, mergedInto: merged.mergedInto }, after: summary });
    return { kept: await findSubject(trx, keep.id), restored: await findSubject(trx, merged.id) };
  });
}
