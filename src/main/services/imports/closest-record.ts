/** Of the records a row of people may be, the one it agrees with most: the file's values laid over each, checked, the changes counted. */
import { subjectInput, type SubjectStatus, type SubjectValues } from '../../../shared/subjects';
import type { Context } from '../context';
import type { Issue, ReviewValues } from './analysis';
import type { Lookup, Person } from './lookup';
import { addSchemaIssues } from './row-values';
import { sameName } from './same-person';
import { checkReviewDate, checkSubjectRules } from './service-rules';
import { hasReview } from './stored';

/** A stored record as the form would show it, so the file's values can be laid over it and checked as one. */
function storedSubjectInput(stored: Record<string, unknown>): Record<string, unknown> {
  const date = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    ...Object.fromEntries(Object.keys(subjectInput.shape).map((key) => [key, stored[key] ?? null])),
    birth: date(stored.birthDate) ?? (stored.birthYear ? String(stored.birthYear) : null),
    confirmedDistinct: true,
  };
}

/**
 * The file's values over the record's: an empty cell keeps what the record has; a year alone keeps the
 * record's full date in that year; a note ("Ghi chú", no history column) is added to the history; the
 * name keeps the record's capitals.
 */
function overlaySubject(stored: Record<string, unknown>, raw: Record<string, string | null>, noteOnly: boolean): Record<string, unknown> {
  const merged = storedSubjectInput(stored);
  for (const [key, value] of Object.entries(raw)) if (value !== null && key !== 'history') merged[key] = value;
  // The same name in other capitals ("nguyễn văn an") is no change to the record's spelling.
  if (raw.fullName && typeof stored.fullName === 'string' && sameName(raw.fullName, stored.fullName)) merged.fullName = stored.fullName;
  const storedDate = typeof stored.birthDate === 'string' ? stored.birthDate : null;
  if (raw.birth && /^\d{4}$/.test(raw.birth) && storedDate?.startsWith(raw.birth)) merged.birth = storedDate;
  const history = typeof stored.history === 'string' ? stored.history : null;
  if (raw.history) merged.history = noteOnly ? (history?.includes(raw.history) ? history : [history, raw.history].filter(Boolean).join('; ')) : raw.history;
  return merged;
}

/** Stored columns the form's values are kept in (birth is kept as birthDate and birthYear). */
function changedFields(stored: Record<string, unknown>, values: SubjectValues): number {
  const { birth, confirmedDistinct: _confirmed, ...rest } = values;
  const next: Record<string, unknown> = { ...rest, birthDate: birth.birthDate, birthYear: birth.birthYear };
  return Object.entries(next).filter(([key, value]) => (stored[key] ?? null) !== (value ?? null)).length;
}

/**
 * Of the candidate records, the one the row agrees with most: the file's values laid over it, checked
 * with the form's schema and the services' rules, and how many things would change. Problems of the
 * merged record are the row's problems (only the closest candidate's).
 */
export async function closestRecord(ctx: Context, lookup: Lookup, candidates: Person[], raw: Record<string, string | null>, noteOnly: boolean, status: SubjectStatus | null, review: ReviewValues | null, issues: Issue[]) {
  let best: { person: Person; values: SubjectValues; differences: number } | null = null;
  let bestProblems: Issue[] = [];
  for (const person of candidates) {
    const stored = (await ctx.db.selectFrom('subjects').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow()) as unknown as Record<string, unknown>;
    const problems: Issue[] = [];
    const parsed = subjectInput.safeParse(overlaySubject(stored, raw, noteOnly));
    if (!parsed.success) {
      addSchemaIssues(problems, parsed.error, 'subjects', 'subjectInput');
      if (!best) bestProblems = problems;
      continue;
    }
    checkSubjectRules(parsed.data, lookup, problems);
    checkReviewDate(review, parsed.data.startDate, problems);
    const differences = changedFields(stored, parsed.data) + (status && status !== stored.status ? 1 : 0) + (review && !(await hasReview(ctx, person.id, review.reviewedOn as string)) ? 1 : 0);
    if (problems.length === 0 && (!best || differences < best.differences)) best = { person, values: parsed.data, differences };
    else if (!best) bestProblems = problems;
    if (best?.differences === 0) break;
  }
  if (!best) issues.push(...bestProblems);
  return best;
}
