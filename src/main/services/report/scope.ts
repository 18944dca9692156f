/**
 * The records a period report counts, as one query per kind of record, shared by the figures and by the
 * lists behind them (so a figure and its list can never disagree). The big tables are not joined here:
 * a join costs a lookup per row counted (a million activities), so only the lists join the wards' names.
 * - sessions and campaigns: entries whose day or month overlaps the period (a month's total counts when
 *   its month touches the period, as in the activities register);
 * - tips: received in the period;
 * - individuals helped: by their status history, helped at some time in the period; counted by their
 *   status at its end (a later change does not rewrite an earlier report);
 * - models: founded by its end (to the precision known) and not dissolved before it began;
 * - awards: nominations given their award in rounds whose years lie within the period's years;
 * - the standard "An toàn về an ninh, trật tự" and the movement's sheets: those of the period's years,
 *   each unit once (its latest year in the period).
 */
import { sql } from 'kysely';
import type { ReportQuery } from '../../../shared/report';
import type { SubjectStatus } from '../../../shared/subjects';
import { periodInRange } from '../activities';
import type { Context } from '../context';

const yearOf = (iso: string) => Number(iso.slice(0, 4));

export function activitiesIn(ctx: Context, query: ReportQuery, kind: 'tuyen_truyen' | 'van_dong') {
  return ctx.db
    .selectFrom('activities as a')
    .where('a.deletedAt', 'is', null)
    .where('a.kind', '=', kind)
    .where((eb) => eb.and(periodInRange(query.from, query.to)))
    .$if(query.wardIds.length > 0, (builder) => builder.where('a.wardId', 'in', query.wardIds));
}

export function tipsIn(ctx: Context, query: ReportQuery) {
  return ctx.db
    .selectFrom('tips as t')
    .where('t.deletedAt', 'is', null)
    .where('t.receivedOn', '>=', query.from)
    .where('t.receivedOn', '<=', query.to)
    .$if(query.wardIds.length > 0, (builder) => builder.where('t.wardId', 'in', query.wardIds));
}

/** The last status a person's history gives on or before a day (null: no change that early). */
const statusChangedBy = (day: string) =>
  sql<string | null>`(select h.to_status from subject_status_changes h where h.subject_id = s.id and h.changed_on <= ${day} order by h.changed_on desc, h.created_at desc limit 1)`;

/** A person's status at the period's end, from their history (their record's status when it has none). */
export const statusAtEnd = (query: ReportQuery) => sql<SubjectStatus>`coalesce(${statusChangedBy(query.to)}, s.status)`;

/**
 * People helped in the period, from their status history: started in it, or being helped when it began,
 * or taken up again during it; a person with no history at all, by their record's status.
 */
export function subjectsHelpedIn(ctx: Context, query: ReportQuery) {
  return ctx.db
    .selectFrom('subjects as s')
    .where('s.deletedAt', 'is', null)
    .where('s.mergedInto', 'is', null)
    .where('s.startDate', '<=', query.to)
    .where(
      sql<boolean>`(s.start_date >= ${query.from}
        or ${statusChangedBy(query.from)} = 'dang_giup_do'
        or exists (select 1 from subject_status_changes h where h.subject_id = s.id and h.to_status = 'dang_giup_do' and h.changed_on between ${query.from} and ${query.to})
        or (s.status = 'dang_giup_do' and not exists (select 1 from subject_status_changes h where h.subject_id = s.id)))`,
    )
    .$if(query.wardIds.length > 0, (builder) => builder.where('s.wardId', 'in', query.wardIds));
}

/** Members of a model: those listed, or the count its sheet declared when that is more. */
export const modelMembers = sql<number>`case when m.member_count >= coalesce(m.declared_member_count, 0) then m.member_count else m.declared_member_count end`;

export function modelsIn(ctx: Context, query: ReportQuery) {
  return ctx.db
    .selectFrom('models as m')
    .innerJoin('wards as w', 'w.id', 'm.wardId')
    .innerJoin('modelTypes as mt', 'mt.id', 'm.typeId')
    .where('m.deletedAt', 'is', null)
    .where(sql<boolean>`(m.founded_on is null or m.founded_on <= substr(${query.to}, 1, length(m.founded_on)))`)
    .where(sql<boolean>`(m.status <> 'giai_the' or (select max(h.changed_on) from model_status_changes h where h.model_id = m.id) >= ${query.from})`)
    .$if(query.wardIds.length > 0, (builder) => builder.where('m.wardId', 'in', query.wardIds));
}

/** The evaluation years a period covers. */
export const evaluationYears = (query: ReportQuery) => ({ from: yearOf(query.from), to: yearOf(query.to) });

export function awardsIn(ctx: Context, query: ReportQuery) {
  const years = evaluationYears(query);
  return ctx.db
    .selectFrom('nominations as n')
    .innerJoin('awardRounds as r', 'r.id', 'n.roundId')
    .innerJoin('awardForms as f', 'f.id', 'n.formId')
    .leftJoin('wards as w', 'w.id', 'n.wardId')
    .where('n.deletedAt', 'is', null)
    .where('r.deletedAt', 'is', null)
    .where('n.status', '=', 'da_trao')
    .where('r.periodFrom', '>=', years.from)
    .where('r.periodTo', '<=', years.to)
    .$if(query.wardIds.length > 0, (builder) => builder.where('n.wardId', 'in', query.wardIds));
}

/** The standard's entries of the period's years, a unit's latest. */
export function standardsIn(ctx: Context, query: ReportQuery) {
  const years = evaluationYears(query);
  return ctx.db
    .selectFrom('securityStandards as st')
    .innerJoin('wards as w', 'w.id', 'st.wardId')
    .leftJoin('neighbourhoods as n', 'n.id', 'st.neighbourhoodId')
    .where('st.deletedAt', 'is', null)
    .where('st.year', '>=', years.from)
    .where('st.year', '<=', years.to)
    // Over several years a unit counts once, by its latest year in the period.
    .where(
      sql<boolean>`st.year = (select max(x.year) from security_standards x where x.deleted_at is null and x.year between ${years.from} and ${years.to}
        and x.unit_kind = st.unit_kind and x.ward_id = st.ward_id and coalesce(x.neighbourhood_id, '') = coalesce(st.neighbourhood_id, '') and coalesce(x.unit_name, '') = coalesce(st.unit_name, ''))`,
    )
    .$if(query.wardIds.length > 0, (builder) => builder.where('st.wardId', 'in', query.wardIds));
}

/** The movement's sheets of the period's years, a unit's latest. */
export function scoresIn(ctx: Context, query: ReportQuery) {
  const years = evaluationYears(query);
  return ctx.db
    .selectFrom('movementScores as sc')
    .innerJoin('wards as w', 'w.id', 'sc.wardId')
    .leftJoin('neighbourhoods as n', 'n.id', 'sc.neighbourhoodId')
    .where('sc.deletedAt', 'is', null)
    .where('sc.year', '>=', years.from)
    .where('sc.year', '<=', years.to)
    .where(
      sql<boolean>`sc.year = (select max(x.year) from movement_scores x where x.deleted_at is null and x.year between ${years.from} and ${years.to}
        and x.level = sc.level and x.ward_id = sc.ward_id and coalesce(x.neighbourhood_id, '') = coalesce(sc.neighbourhood_id, ''))`,
    )
    .$if(query.wardIds.length > 0, (builder) => builder.where('sc.wardId', 'in', query.wardIds));
}

/** A sheet's grade in SQL, as movementGrade reckons it. */
export const gradeOf = sql<string>`case when sc.score >= 90 then 'xuat_sac' when sc.score >= 70 then 'kha' when sc.score >= 50 then 'trung_binh' else 'yeu' end`;
