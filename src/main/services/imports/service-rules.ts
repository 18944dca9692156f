/** The services' own checks on a row's values (khu phố in its ward, groups A–D, review dates), as row problems. */
import { localToday } from '../../../shared/dates';
import type { SubjectValues } from '../../../shared/subjects';
import type { Issue, ReviewValues } from './analysis';
import type { Lookup } from './lookup';

/** The services' own checks, as row problems (else the commit would stop at this row). */
export function checkNeighbourhood(values: { neighbourhoodId: string | null; wardId: string }, lookup: Lookup, issues: Issue[]): void {
  const wardOf = (id: string) => lookup.neighbourhoodWard.get(id) ?? lookup.catalogues.isNew(id)?.wardId;
  if (values.neighbourhoodId && wardOf(values.neighbourhoodId) !== values.wardId) issues.push({ field: 'neighbourhood', message: 'Khu phố không thuộc phường của dòng này.' });
}

export function checkSubjectRules(values: SubjectValues, lookup: Lookup, issues: Issue[]): void {
  checkNeighbourhood(values, lookup, issues);
  // A category the import adds takes groups when its rows give them.
  if (values.reintegrationGroup && !lookup.categoriesWithGroups.has(values.categoryId) && !lookup.catalogues.isNew(values.categoryId)) issues.push({ field: 'group', message: 'Diện đối tượng này không phân nhóm A, B, C, D.' });
}

export function checkReviewDate(review: ReviewValues | null, startDate: string | null, issues: Issue[]): void {
  const reviewedOn = review?.reviewedOn;
  if (reviewedOn && startDate && reviewedOn < startDate) issues.push({ field: 'reviewDate', message: 'Ngày đánh giá không được trước ngày bắt đầu giúp đỡ.' });
  if (reviewedOn && reviewedOn > localToday()) issues.push({ field: 'reviewDate', message: 'Ngày đánh giá không được sau hôm nay.' });
}
