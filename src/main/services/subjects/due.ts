/** The due view: who is due a review or ending help soon, counted and listed, and the review interval setting. */
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../../shared/api';
import { addDays, addMonths, localToday } from '../../../shared/dates';
import { ACTIVE_SUBJECT_STATUSES, type DueCounts, type DueList, type SubjectRow } from '../../../shared/subjects';
import { addMonthsSql } from '../../db/engine';
import type { Database } from '../../db/schema';
import { nowIso, writeAudit, type Context } from '../context';
import { selectRows } from './rows';

const REVIEW_INTERVAL_KEY = 'subjects:reviewIntervalMonths';
const DEFAULT_REVIEW_INTERVAL_MONTHS = 1;
const DUE_LIST_LIMIT = 500;

export async function reviewIntervalMonths(ctx: Context): Promise<number> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', REVIEW_INTERVAL_KEY).executeTakeFirst();
  const value = row ? Number(JSON.parse(row.value)) : DEFAULT_REVIEW_INTERVAL_MONTHS;
  return Number.isInteger(value) && value >= 1 ? value : DEFAULT_REVIEW_INTERVAL_MONTHS;
}

export async function setReviewInterval(ctx: Context, input: ParsedInput<'subjects.setReviewInterval'>): Promise<{ reviewIntervalMonths: number }> {
  const before = await reviewIntervalMonths(ctx);
  const row = { key: REVIEW_INTERVAL_KEY, value: JSON.stringify(input.months), updatedAt: nowIso(), updatedBy: ctx.user.id };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('settings').values(row).onConflict((conflict) => conflict.column('key').doUpdateSet({ value: row.value, updatedAt: row.updatedAt, updatedBy: row.updatedBy })).execute();
    await writeAudit(trx, ctx, { entity: 'setting', entityId: REVIEW_INTERVAL_KEY, action: 'update', before, after: input.months });
  });
  return { reviewIntervalMonths: input.months };
}

/**
 * The first anchor (last review or start date) whose next review falls on or after `date`: anchors
 * before it are due before `date`. Not simply `date - months`: months have different lengths, and a
 * review on 28/02 is due on 28/03, so on 30/03 it is overdue though 30/03 - 1 month is 28/02.
 */
function firstAnchorDueFrom(date: string, months: number): string {
  let anchor = addMonths(date, -months);
  while (addMonths(anchor, months) < date) anchor = addDays(anchor, 1);
  while (addMonths(addDays(anchor, -1), months) >= date) anchor = addDays(anchor, -1);
  return anchor;
}

/** The anchors before which a review is overdue (due before today), or due within the next 7 days. */
function dueThresholds(today: string, months: number) {
  return { overdueBefore: firstAnchorDueFrom(today, months), dueWeekBefore: firstAnchorDueFrom(addDays(today, 7), months), endingBy: addDays(today, 30) };
}

const underHelp = (db: Kysely<Database>) => db.selectFrom('subjects as s').where('s.deletedAt', 'is', null).where('s.status', 'in', [...ACTIVE_SUBJECT_STATUSES]);

async function countDue(ctx: Context, today: string, months: number): Promise<DueCounts> {
  const { overdueBefore, dueWeekBefore, endingBy } = dueThresholds(today, months);
  const count = async (query: ReturnType<typeof underHelp>) => Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    overdue: await count(underHelp(ctx.db).where('s.reviewAnchor', '<', overdueBefore)),
    dueThisWeek: await count(underHelp(ctx.db).where('s.reviewAnchor', '>=', overdueBefore).where('s.reviewAnchor', '<', dueWeekBefore)),
    endingSoon: await count(underHelp(ctx.db).where('s.plannedEndDate', '>=', today).where('s.plannedEndDate', '<=', endingBy)),
  };
}

export async function dueCounts(ctx: Context): Promise<DueCounts> {
  return countDue(ctx, localToday(), await reviewIntervalMonths(ctx));
}

export async function dueList(ctx: Context, input: ParsedInput<'subjects.due'> = { all: false }): Promise<DueList> {
  const today = localToday();
  const months = await reviewIntervalMonths(ctx);
  const { overdueBefore, dueWeekBefore, endingBy } = dueThresholds(today, months);
  // Up to DUE_LIST_LIMIT rows each, or every row when all are asked for.
  const upTo = <Query extends { limit(count: number): Query }>(query: Query) => (input.all ? query : query.limit(DUE_LIST_LIMIT));
  const due = async (from: string | null, before: string) => {
    let query = selectRows(ctx.db).select(addMonthsSql(ctx.db, 's.review_anchor', months).as('dueOn')).where('s.deletedAt', 'is', null).where('s.status', 'in', [...ACTIVE_SUBJECT_STATUSES]).where('s.reviewAnchor', '<', before);
    if (from) query = query.where('s.reviewAnchor', '>=', from);
    return (await upTo(query.orderBy('s.reviewAnchor')).execute()) as (SubjectRow & { dueOn: string })[];
  };
  const [overdue, dueThisWeek, endingSoon, counts] = await Promise.all([
    due(null, overdueBefore),
    due(overdueBefore, dueWeekBefore),
    upTo(
      selectRows(ctx.db)
        .where('s.deletedAt', 'is', null)
        .where('s.status', 'in', [...ACTIVE_SUBJECT_STATUSES])
        .where('s.plannedEndDate', '>=', today)
        .where('s.plannedEndDate', '<=', endingBy)
        .orderBy('s.plannedEndDate'),
    ).execute(),
    countDue(ctx, today, months),
  ]);
  return { overdue, dueThisWeek, endingSoon: endingSoon as SubjectRow[], intervalMonths: months, counts, today };
}
