/** Writing a record: create, edit, change its status, trash and restore it, with the checks each makes. */
import type { Selectable } from 'kysely';
import type { ParsedInput } from '../../../shared/api';
import { localToday } from '../../../shared/dates';
import { ApiError } from '../../../shared/errors';
import { newRecordId } from '../../../shared/ids';
import { formatBirth, type Subject, type SubjectStatus } from '../../../shared/subjects';
import type { SubjectsTable } from '../../db/schema';
import { inTransaction, newRowStamps, nowIso, updateStamps, writeAudit, type AuditRecord, type Context, type Trx } from '../context';
import { findSubject } from './rows';
import { derivedColumns, reviewAnchorOf, toStored, type Stored } from './values';
import { checkVersion } from '../versions';

/** The reason written on the first status-history row of every record. */
export const START_REASON = 'Bắt đầu giúp đỡ';

export function fieldError(field: string, message: string, code: 'validation' | 'conflict' = 'validation') {
  return new ApiError(code, message, [{ field, message }]);
}

async function checkReferences(trx: Trx, stored: Stored) {
  const ward = await trx.selectFrom('wards').select('id').where('id', '=', stored.wardId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!ward) throw fieldError('wardId', 'Phường đã chọn không có trong danh mục.');
  if (stored.neighbourhoodId) {
    const neighbourhood = await trx.selectFrom('neighbourhoods').select('wardId').where('id', '=', stored.neighbourhoodId).where('deletedAt', 'is', null).executeTakeFirst();
    if (neighbourhood?.wardId !== stored.wardId) throw fieldError('neighbourhoodId', 'Khu phố đã chọn không thuộc phường này.');
  }
  const category = await trx.selectFrom('subjectCategories').select('usesGroups').where('id', '=', stored.categoryId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!category) throw fieldError('categoryId', 'Diện đối tượng đã chọn không có trong danh mục.');
  if (stored.reintegrationGroup && category.usesGroups !== 1) throw fieldError('reintegrationGroup', 'Diện đối tượng này không phân nhóm A, B, C, D.');
  if (stored.helperOrgId) {
    const org = await trx.selectFrom('helperOrgs').select('id').where('id', '=', stored.helperOrgId).where('deletedAt', 'is', null).executeTakeFirst();
    if (!org) throw fieldError('helperOrgId', 'Tổ chức phụ trách đã chọn không có trong danh mục.');
  }
}

/** The same ID number on two live records is refused unless the officer confirmed they are different people. */
async function checkIdNumber(trx: Trx, stored: Stored, confirmedDistinct: boolean, exceptId?: string) {
  if (!stored.idNumber || confirmedDistinct) return;
  let query = trx.selectFrom('subjects').select(['fullName', 'birthDate', 'birthYear']).where('idNumber', '=', stored.idNumber).where('deletedAt', 'is', null);
  if (exceptId) query = query.where('id', '!=', exceptId);
  const other = await query.executeTakeFirst();
  if (other) {
    throw fieldError(
      'idNumber',
      `Số CCCD/CMND này đã có trong hồ sơ của ${other.fullName}${other.birthYear ? ` (sinh ${formatBirth(other.birthDate, other.birthYear)})` : ''}. Nếu đây là người khác, hãy xác nhận trước khi lưu.`,
      'conflict',
    );
  }
}

/** A row of the status history (the record's first row, and every change). */
export function statusChangeRow(ctx: Context, subjectId: string, from: SubjectStatus | null, to: SubjectStatus, changedOn: string, reason: string | null, createdAt = nowIso()) {
  return { id: newRecordId(), subjectId, fromStatus: from, toStatus: to, changedOn, reason, createdAt, createdBy: ctx.user.id };
}

async function recordStatusChange(trx: Trx, ctx: Context, subjectId: string, from: SubjectStatus | null, to: SubjectStatus, changedOn: string, reason: string | null) {
  await trx.insertInto('subjectStatusChanges').values(statusChangeRow(ctx, subjectId, from, to, changedOn, reason)).execute();
}

/**
 * A new record's row: its stamps, derived columns, first status and due-date anchor. Written out column
 * by column (every column required by the type): an object of one fixed shape is several times cheaper
 * than spreads when an import makes 50.000 of them.
 */
export function newSubjectRow(ctx: Context, stored: Stored): Omit<Selectable<SubjectsTable>, 'seq'> {
  const stamps = newRowStamps(ctx);
  const derived = derivedColumns(stored);
  return {
    id: stamps.id,
    fullName: stored.fullName,
    alias: stored.alias,
    gender: stored.gender,
    birthDate: stored.birthDate,
    birthYear: stored.birthYear,
    birthSort: derived.birthSort,
    idNumber: stored.idNumber,
    phone: stored.phone,
    permanentAddress: stored.permanentAddress,
    currentAddress: stored.currentAddress,
    wardId: stored.wardId,
    neighbourhoodId: stored.neighbourhoodId,
    categoryId: stored.categoryId,
    reintegrationGroup: stored.reintegrationGroup,
    history: stored.history,
    startDate: stored.startDate,
    plannedEndDate: stored.plannedEndDate,
    decisionNumber: stored.decisionNumber,
    decisionDate: stored.decisionDate,
    decisionIssuer: stored.decisionIssuer,
    helperName: stored.helperName,
    helperOrgId: stored.helperOrgId,
    helperPhone: stored.helperPhone,
    status: 'dang_giup_do',
    lastReviewOn: null,
    reviewAnchor: reviewAnchorOf(null, stored.startDate),
    nameFold: derived.nameFold,
    searchText: derived.searchText,
    sortKey: derived.sortKey,
    mergedInto: null,
    createdAt: stamps.createdAt,
    updatedAt: stamps.updatedAt,
    createdBy: stamps.createdBy,
    updatedBy: stamps.updatedBy,
    deletedAt: null,
    version: stamps.version,
  };
}

/** What a status change writes after the change itself: its history row and its audit entry. */
export function statusChangeRecord(ctx: Context, subjectId: string, from: SubjectStatus, input: Omit<ParsedInput<'subjects.changeStatus'>, 'id'>, at = nowIso()) {
  const changedOn = input.changedOn ?? localToday();
  return {
    history: statusChangeRow(ctx, subjectId, from, input.status, changedOn, input.reason, at),
    audit: { entity: 'subject', entityId: subjectId, action: 'status', before: { status: from }, after: { status: input.status, changedOn, reason: input.reason } } satisfies AuditRecord,
  };
}

export async function createSubjectIn(trx: Trx, ctx: Context, values: ParsedInput<'subjects.create'>): Promise<Subject> {
  const stored = toStored(values);
  await checkReferences(trx, stored);
  await checkIdNumber(trx, stored, values.confirmedDistinct);
  const row = newSubjectRow(ctx, stored);
  await trx.insertInto('subjects').values(row).execute();
  await recordStatusChange(trx, ctx, row.id, null, 'dang_giup_do', stored.startDate, START_REASON);
  await writeAudit(trx, ctx, { entity: 'subject', entityId: row.id, action: 'create', after: stored });
  return findSubject(trx, row.id);
}

export const createSubject = inTransaction(createSubjectIn);

export async function updateSubjectIn(trx: Trx, ctx: Context, input: ParsedInput<'subjects.update'>): Promise<Subject> {
  const stored = toStored(input.values);
  const before = await findSubject(trx, input.id);
  await checkVersion(trx, ctx, 'subject', before, input.version, stored);
  await checkReferences(trx, stored);
  // A number confirmed as someone else's when it was entered is not questioned again on every edit.
  if (stored.idNumber !== before.idNumber) await checkIdNumber(trx, stored, input.values.confirmedDistinct, input.id);
  await trx
    .updateTable('subjects')
    .set({ ...stored, ...derivedColumns(stored), reviewAnchor: reviewAnchorOf(before.lastReviewOn, stored.startDate), ...updateStamps(ctx) })
    .where('id', '=', input.id)
    .execute();
  await writeAudit(trx, ctx, { entity: 'subject', entityId: input.id, action: 'update', before, after: stored });
  return findSubject(trx, input.id);
}

export const updateSubject = inTransaction(updateSubjectIn);

export async function changeSubjectStatusIn(trx: Trx, ctx: Context, input: ParsedInput<'subjects.changeStatus'>): Promise<Subject> {
  const before = await findSubject(trx, input.id);
  if (before.status === input.status) throw fieldError('status', 'Hồ sơ đang ở tình trạng này rồi. Vui lòng chọn tình trạng khác.');
  await trx.updateTable('subjects').set({ status: input.status, ...updateStamps(ctx) }).where('id', '=', input.id).execute();
  const change = statusChangeRecord(ctx, input.id, before.status, input);
  await trx.insertInto('subjectStatusChanges').values(change.history).execute();
  await writeAudit(trx, ctx, change.audit);
  return findSubject(trx, input.id);
}

export const changeSubjectStatus = inTransaction(changeSubjectStatusIn);

async function setTrashed(ctx: Context, id: string, trashed: boolean): Promise<Subject> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findSubject(trx, id, { includeTrashed: true });
    if (before.mergedInto) throw new ApiError('conflict', 'Hồ sơ này đã được gộp vào một hồ sơ khác: dùng "Hoàn tác gộp" để tách hai hồ sơ ra như trước khi gộp.');
    if (Boolean(before.deletedAt) === trashed) throw new ApiError('conflict', trashed ? 'Hồ sơ này đã ở trong Thùng rác.' : 'Hồ sơ này không ở trong Thùng rác.');
    await trx.updateTable('subjects').set({ deletedAt: trashed ? nowIso() : null, ...updateStamps(ctx) }).where('id', '=', id).execute();
    await writeAudit(trx, ctx, { entity: 'subject', entityId: id, action: trashed ? 'trash' : 'restore' });
    return findSubject(trx, id, { includeTrashed: true });
  });
}

export const trashSubject = (ctx: Context, input: ParsedInput<'subjects.trash'>) => setTrashed(ctx, input.id, true);
export const restoreSubject = (ctx: Context, input: ParsedInput<'subjects.restore'>) => setTrashed(ctx, input.id, false);
