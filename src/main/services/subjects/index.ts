/**
 * The register of assisted individuals: records, periodic reviews, status history, the due view,
 * duplicate detection and merging. Sensitive fields (ID number, history) leave this module only in the
 * full record (`getSubject`) or on explicit request (`sensitiveFields`), and both are audited as views.
 * This file is the folder's public surface.
 */
export { changeSubjectStatus, changeSubjectStatusIn, createSubject, createSubjectIn, restoreSubject, START_REASON, trashSubject, updateSubject, updateSubjectIn } from './crud';
export { getSubject, sensitiveFields } from './detail';
export { dueCounts, dueList, reviewIntervalMonths, setReviewInterval } from './due';
export { duplicatePairs, findDuplicates, markDistinct } from './duplicates';
export { countSubjects, listSubjects } from './list';
export { mergeSubjects, unmergeSubjects } from './merge';
export { newSubjectRecord, type NewReview } from './new-record';
export { purgeSubject } from './purge';
export { createReview, createReviewIn, removeReview, updateReview } from './reviews';
export { derivedColumns, reviewAnchorOf, type DerivedSource } from './values';
