/**
 * The register of assisted individuals: records, periodic reviews, status history, the due view,
 * duplicate detection and merging. Sensitive fields (ID number, history) leave this module only in the
 * full record (`getSubject`) or on explicit request (`sensitiveFields`), and both are audited as views.
 */

export { changeSubjectStatus, changeSubjectStatusIn, createSubject, createSubjectIn, restoreSubject, START_REASON, trashSubject, updateSubject, updateSubjectIn } from './crud';
export { getSubject, sensitiveFields } from './detail';
export { dueCounts, dueList, reviewIntervalMonths, setReviewInterval } from './due';
export { duplicatePairs, findDuplicates, markDistinct } from './duplicates';
export { countSubjects, listSubjects } from './list';
export { mergeSubjects, unmergeSubjects } from './merge';
export { newSubjectRecord, type NewReview } from './new-record';
export { createReview, createReviewIn, refreshReviewAnchor, removeReview, updateReview } from './reviews';
export { findSubject } from './rows';
export { birthSortKey, derivedColumns, reviewAnchorOf, type DerivedSource } from './values';
