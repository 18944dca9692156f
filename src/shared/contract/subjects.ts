/** The individuals register's methods: records, reviews, duplicates and merges, the due view, the review interval. */
import { updateInput } from '../catalogues';
import { type Page } from '../common';
import { dueListInput, duplicateCheckInput, mergeInput, unmergeInput, distinctInput, reviewInput, reviewIntervalInput, sensitiveQuery, subjectFilter, subjectInput, subjectListQuery, subjectStatusInput, type DueCounts, type DueList, type DuplicateCandidate, type DuplicatePair, type Review, type Subject, type SubjectCounts, type SubjectDetail, type SubjectRow, type SubjectSensitive, type UnmergeResult, type PurgeResult } from '../subjects';
import { method, none, byId } from './method';

export const subjectMethods = {
  'subjects.list': method(subjectListQuery, 'read'),
  'subjects.counts': method(subjectFilter, 'read'),
  // The ID number and history: not for read-only accounts.
  'subjects.sensitive': method(sensitiveQuery, 'write'),
  'subjects.get': method(byId, 'read'),
  'subjects.create': method(subjectInput, 'write'),
  'subjects.update': method(updateInput(subjectInput), 'write'),
  'subjects.changeStatus': method(subjectStatusInput, 'write'),
  'subjects.trash': method(byId, 'write'),
  'subjects.restore': method(byId, 'write'),
  /** Deletes a record in the Trash for good, with those merged into it; its audit entries keep only a note. */
  'subjects.purge': method(byId, 'admin'),
  // Matched on ID numbers too: not for read-only accounts.
  'subjects.findDuplicates': method(duplicateCheckInput, 'write'),
  'subjects.duplicatePairs': method(none, 'write'),
  'subjects.merge': method(mergeInput, 'write'),
  'subjects.unmerge': method(unmergeInput, 'write'),
  'subjects.markDistinct': method(distinctInput, 'write'),
  'subjects.due': method(dueListInput, 'read'),
  'subjects.dueCounts': method(none, 'read'),
  'subjects.settings': method(none, 'read'),
  'subjects.setReviewInterval': method(reviewIntervalInput, 'admin'),
  'reviews.create': method(reviewInput, 'write'),
  'reviews.update': method(updateInput(reviewInput), 'write'),
  'reviews.remove': method(byId, 'write'),
} as const;

export interface SubjectResults {
  'subjects.list': Page<SubjectRow>;
  'subjects.counts': SubjectCounts;
  'subjects.sensitive': SubjectSensitive[];
  'subjects.get': SubjectDetail;
  'subjects.create': Subject;
  'subjects.update': Subject;
  'subjects.changeStatus': Subject;
  'subjects.trash': Subject;
  'subjects.restore': Subject;
  'subjects.purge': PurgeResult;
  'subjects.findDuplicates': DuplicateCandidate[];
  'subjects.duplicatePairs': DuplicatePair[];
  'subjects.merge': Subject;
  'subjects.unmerge': UnmergeResult;
  'subjects.markDistinct': { ok: true };
  'subjects.due': DueList;
  'subjects.dueCounts': DueCounts;
  'subjects.settings': { reviewIntervalMonths: number };
  'subjects.setReviewInterval': { reviewIntervalMonths: number };
  'reviews.create': Review;
  'reviews.update': Review;
  'reviews.remove': { ok: true };
}
