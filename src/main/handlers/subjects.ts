/** The individuals register's methods: records, reviews, duplicates and merges, the due view, the review interval. */
import * as subjects from '../services/subjects';
import type { HandlerGroup } from './table';

export function subjectHandlers(): HandlerGroup {
  return {
    'subjects.list': subjects.listSubjects,
    'subjects.counts': subjects.countSubjects,
    'subjects.sensitive': subjects.sensitiveFields,
    'subjects.get': subjects.getSubject,
    'subjects.create': subjects.createSubject,
    'subjects.update': subjects.updateSubject,
    'subjects.changeStatus': subjects.changeSubjectStatus,
    'subjects.trash': subjects.trashSubject,
    'subjects.restore': subjects.restoreSubject,
    'subjects.purge': subjects.purgeSubject,
    'subjects.findDuplicates': subjects.findDuplicates,
    'subjects.duplicatePairs': subjects.duplicatePairs,
    'subjects.merge': subjects.mergeSubjects,
    'subjects.unmerge': subjects.unmergeSubjects,
    'subjects.markDistinct': subjects.markDistinct,
    'subjects.due': subjects.dueList,
    'subjects.dueCounts': subjects.dueCounts,
    'subjects.settings': async (ctx) => ({ reviewIntervalMonths: await subjects.reviewIntervalMonths(ctx) }),
    'subjects.setReviewInterval': subjects.setReviewInterval,
    'reviews.create': subjects.createReview,
    'reviews.update': subjects.updateReview,
    'reviews.remove': subjects.removeReview,
  };
}
