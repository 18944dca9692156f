/**
 * One row of people analysed: its ID number checked, then the record it is (found by ID number, else by
 * name and birth), a record merged away, a likely duplicate of one, or a new record.
 */
import { z } from 'zod';
import { formatDate } from '../../../shared/dates';
import { reviewInput, subjectInput, subjectStatusInput, VALID_ID_NUMBER, type SubjectStatus } from '../../../shared/subjects';
import { foldForSearch } from '../../../shared/text';
import type { NormalisedRow } from '../../import/normalise';
import type { Context } from '../context';
import { fail, type Issue, type Payload, type ReviewValues, type RowResult } from './analysis';
import { closestRecord } from './closest-record';
import type { Lookup } from './lookup';
import { addSchemaIssues, asInput, fieldValues } from './row-values';
import { likelySame, sameFullBirth, sameName, type Resembling } from './same-person';
import { checkReviewDate, checkSubjectRules } from './service-rules';

// Who the row is about, read first to find the record (the whole row is checked once merged with it).
const IDENTITY = z.object({ fullName: subjectInput.shape.fullName, birth: subjectInput.shape.birth, idNumber: subjectInput.shape.idNumber });


/** Why an ID number as typed is not one: its length, or a character that is not a digit. */
function invalidIdReason(id: string): string {
  return /\D/.test(id) ? 'có ký tự không phải chữ số' : `có ${id.length} chữ số (CCCD có 12, CMND cũ có 9)`;
}

const LIKELY_DUPLICATE_NOTE = 'Vẫn nhập thành hồ sơ riêng; xem và gộp ở trang "Hồ sơ trùng lặp", hoặc chọn là cùng người để cập nhật hồ sơ đó.';

export async function analyseSubject(ctx: Context, lookup: Lookup, row: NormalisedRow, issues: Issue[], warnings: Issue[]): Promise<RowResult> {
  const raw = fieldValues(row, 'subjects', 'subjectInput', lookup, issues);
  const status = statusOf(row, issues);
  const review = reviewOf(row, lookup, issues);
  // An ID number that is not one is never changed: the row waits for the officer (import it without, or skip it).
  const invalidId = raw.idNumber && !VALID_ID_NUMBER.test(raw.idNumber) ? raw.idNumber : undefined;
  if (invalidId) {
    raw.idNumber = null;
    if (lookup.withoutId.has(row.rowNumber)) {
      const note = `Số CCCD/CMND ghi trong tệp không hợp lệ: ${invalidId}`;
      raw.history = [raw.history, note].filter(Boolean).join('; ');
      warnings.push({ field: 'idNumber', message: `Số CCCD/CMND ${invalidIdReason(invalidId)}: nhập không có số này, ghi lại trong phần lý do, quá trình.` });
    } else {
      // The number itself stays out of the message: messages reach the import report and the CLI's output.
      issues.push({ field: 'idNumber', message: `Số CCCD/CMND ${invalidIdReason(invalidId)}. Hãy sửa, nhập dòng không có số này, hoặc bỏ qua dòng.` });
    }
  }
  const identity = IDENTITY.safeParse(raw);
  if (!identity.success) addSchemaIssues(issues, identity.error, 'subjects', 'subjectInput');
  if (!identity.success || issues.length > 0) return { action: 'error', payload: null, invalidId };
  const { fullName, birth, idNumber } = identity.data;
  const nameFold = foldForSearch(fullName);

  const idRepeat = idNumber ? lookup.seen.get(`id:${idNumber}`) : undefined;
  if (idRepeat) return fail(issues, 'idNumber', `Trùng với dòng ${idRepeat} của tệp.`, idRepeat);
  if (idNumber) lookup.seen.set(`id:${idNumber}`, row.rowNumber);
  const byId = idNumber ? lookup.byIdNumber.get(idNumber) : undefined;
  if (byId && foldForSearch(byId.fullName) !== nameFold) return fail(issues, 'idNumber', `Số CCCD/CMND này đã có trong hồ sơ của ${byId.fullName}.`);

  // Two different ID numbers are two different people, whatever their names.
  const namesakes = (lookup.byName.get(nameFold) ?? []).filter((person) => !(person.idNumber && idNumber && person.idNumber !== idNumber));
  // Records not yet matched by an earlier row (a register may hold two records of one name and birth,
  // a duplicate not merged yet, and a file listing both must find each once), the same full birth date,
  // or the same ID number. A year alone, or an accent of difference, is only a likely duplicate.
  const candidates = byId ? [byId] : namesakes.filter((person) => !lookup.claimed.has(person.id) && sameFullBirth(person, birth));
  const noteOnly = !('history' in row.values) || row.values.history === null;
  const match = await closestRecord(ctx, lookup, candidates, raw, noteOnly, status, review, issues);
  if (issues.length > 0) return { action: 'error', payload: null };
  // The same ID number is the same person, even with the accents of the name written otherwise.
  if (match && (byId || sameName(match.person.fullName, fullName))) {
    lookup.claimed.set(match.person.id, row.rowNumber);
    return { action: match.differences > 0 ? 'update' : 'same', payload: { register: 'subjects', values: match.values, status, review, matchId: match.person.id }, matchName: match.person.fullName };
  }

  // A record the officer merged into another: the person is there already, under the record kept.
  const merged = (lookup.mergedAway.get(nameFold) ?? []).find((person) => sameName(person.fullName, fullName) && sameFullBirth(person, birth) && !(person.idNumber && idNumber && person.idNumber !== idNumber));
  if (merged) {
    warnings.push({ field: 'fullName', message: `Hồ sơ này đã được gộp vào hồ sơ ${merged.keptName}: không nhập lại.` });
    return { action: 'same', payload: null, matchName: merged.keptName };
  }

  // The row as the file gives it, for the record it resembles (the defaults below are for a new record only).
  const given = { ...raw };
  // A new record: help starts with the decision when the roster gives no start date.
  if (!raw.startDate && raw.decisionDate) {
    raw.startDate = raw.decisionDate;
    warnings.push({ field: 'startDate', message: `Không có ngày bắt đầu giúp đỡ: lấy ngày quyết định ${formatDate(raw.decisionDate)}.` });
  }
  const parsed = subjectInput.safeParse({ ...raw, wardId: raw.wardId ?? '', categoryId: raw.categoryId ?? '', gender: raw.gender ?? undefined });
  if (!parsed.success) addSchemaIssues(issues, parsed.error, 'subjects', 'subjectInput');
  else {
    checkSubjectRules(parsed.data, lookup, issues);
    checkReviewDate(review, parsed.data.startDate, issues);
  }
  if (!parsed.success || issues.length > 0) return { action: 'error', payload: null };
  const person: Resembling = { ...birth, wardId: parsed.data.wardId, idNumber };
  const earlierRows = lookup.fileNamesakes.get(nameFold) ?? [];
  lookup.fileNamesakes.set(nameFold, [...earlierRows, { ...person, rowNumber: row.rowNumber }]);
  const payload: Payload = { register: 'subjects', values: { ...parsed.data, confirmedDistinct: true }, status, review, matchId: null };

  // A likely duplicate is imported as its own record, and said so: the duplicates page lists the pair.
  const resembled = match ? { person: match.person, reason: likelySame(match.person, person) ?? 'cùng họ tên (khác dấu), ngày sinh' } : namesakes.map((candidate) => ({ person: candidate, reason: likelySame(candidate, person) })).find((found) => found.reason);
  if (resembled?.reason) {
    const { person: possible, reason } = resembled;
    warnings.push({ field: 'fullName', message: `Có thể trùng với hồ sơ ${possible.fullName}${possible.birthYear ? ` (sinh ${possible.birthDate ? formatDate(possible.birthDate) : possible.birthYear})` : ''}: ${reason}. ${LIKELY_DUPLICATE_NOTE}` });
    // What the row would do to that record, should the officer say it is the same person (not for a
    // record another row of the file already updates).
    const claimedBy = lookup.claimed.get(possible.id);
    const same = claimedBy ? null : (match ?? (await closestRecord(ctx, lookup, [possible], given, noteOnly, status, review, [])));
    const alternative: Payload | null = same ? { register: 'subjects', values: same.values, status, review, matchId: possible.id } : null;
    // Skipping the row that updates that record lets this one be the same person instead: checked again then.
    return { action: 'check', payload, matchName: possible.fullName, alternative, repeatOf: claimedBy };
  }
  const earlier = earlierRows.map((candidate) => ({ rowNumber: candidate.rowNumber, reason: likelySame(candidate, person) })).find((found) => found.reason);
  if (earlier) {
    warnings.push({ field: 'fullName', message: `Có thể trùng với dòng ${earlier.rowNumber} của tệp: ${earlier.reason}. Vẫn nhập thành hồ sơ riêng; xem và gộp ở trang "Hồ sơ trùng lặp".` });
    return { action: 'check', payload, repeatOf: earlier.rowNumber };
  }
  return { action: 'add', payload };
}

function statusOf(row: NormalisedRow, issues: Issue[]): SubjectStatus | null {
  const status = asInput(row.values.status);
  if (!status) return null;
  const parsed = subjectStatusInput.shape.status.safeParse(status);
  if (!parsed.success) issues.push({ field: 'status', message: 'Tình trạng không hợp lệ.' });
  return parsed.success ? parsed.data : null;
}

/**
 * The row's latest review. A date without a result (a register's "Đánh giá gần nhất" column) is no review
 * to add: it is noted when the record does not already have a review on that day.
 */
function reviewOf(row: NormalisedRow, lookup: Lookup, issues: Issue[]): ReviewValues | null {
  const raw = fieldValues(row, 'subjects', 'reviewInput', lookup, issues);
  if (Object.values(raw).every((value) => value === null)) return null;
  if (!raw.result && Object.entries(raw).every(([key, value]) => key === 'reviewedOn' || value === null)) return null;
  const parsed = reviewInput.safeParse({ ...raw, subjectId: '00000000-0000-4000-8000-000000000000', result: raw.result ?? undefined });
  if (!parsed.success) {
    addSchemaIssues(issues, parsed.error, 'subjects', 'reviewInput');
    return null;
  }
  const { subjectId: _subjectId, ...review } = parsed.data;
  return review;
}
