/** Every figure of the period report, counted from the records (scope.ts says which records count). */
import { sql } from 'kysely';
import type { ReportFigures, ReportQuery } from '../../../shared/report';
import type { SubjectStatus } from '../../../shared/subjects';
import type { Context } from '../context';
import { MOVEMENT_GRADES, STANDARD_UNIT_KINDS, type MovementGrade } from '../../../shared/standards';
import { activitiesIn, awardsIn, evaluationYears, gradeOf, modelMembers, modelsIn, scoresIn, standardsIn, statusAtEnd, subjectsHelpedIn, tipsIn } from './scope';

const zero = sql<number>`0`;

async function sessions(ctx: Context, query: ReportQuery): Promise<ReportFigures['sessions']> {
  const row = await activitiesIn(ctx, query, 'tuyen_truyen')
    .select((eb) => [eb.fn.coalesce(eb.fn.sum<number>('a.events'), zero).as('events'), eb.fn.coalesce(eb.fn.sum<number>('a.participants'), zero).as('participants')])
    .executeTakeFirstOrThrow();
  return { events: Number(row.events), participants: Number(row.participants) };
}

async function campaigns(ctx: Context, query: ReportQuery): Promise<ReportFigures['campaigns']> {
  const [held, programmes] = await Promise.all([
    activitiesIn(ctx, query, 'van_dong')
      .where('a.programmeId', 'is not', null)
      .select((eb) => ['a.programmeId', eb.fn.sum<number>('a.events').as('events'), eb.fn.sum<number>('a.participants').as('participants')])
      .groupBy('a.programmeId')
      .execute(),
    ctx.db.selectFrom('programmes').select(['id', 'name', 'active']).where('deletedAt', 'is', null).orderBy('sortKey').execute(),
  ]);
  const byProgramme = new Map(held.map((row) => [row.programmeId, row]));
  return programmes
    .filter((programme) => programme.active === 1 || byProgramme.has(programme.id))
    .map((programme) => ({
      programmeId: programme.id,
      name: programme.name,
      events: Number(byProgramme.get(programme.id)?.events ?? 0),
      participants: Number(byProgramme.get(programme.id)?.participants ?? 0),
    }));
}

async function tips(ctx: Context, query: ReportQuery): Promise<ReportFigures['tips']> {
  const row = await tipsIn(ctx, query)
    .select((eb) => [eb.fn.countAll<number>().as('tips'), eb.fn.coalesce(eb.fn.sum<number>('t.valuable'), zero).as('valuable'), eb.fn.coalesce(eb.fn.sum<number>('t.caseHandled'), zero).as('cases')])
    .executeTakeFirstOrThrow();
  return { tips: Number(row.tips), valuable: Number(row.valuable), cases: Number(row.cases) };
}

async function subjects(ctx: Context, query: ReportQuery): Promise<ReportFigures['subjects']> {
  const [rows, categories] = await Promise.all([
    // Grouped outside: PostgreSQL groups by a column, not by an output name computed from ungrouped ones.
    ctx.db
      .selectFrom(subjectsHelpedIn(ctx, query).select(['s.categoryId', statusAtEnd(query).as('status')]).as('h'))
      .select((eb) => ['h.categoryId', 'h.status', eb.fn.countAll<number>().as('count')])
      .groupBy(['h.categoryId', 'h.status'])
      .execute(),
    ctx.db.selectFrom('subjectCategories').select(['id', 'name']).execute(),
  ]);
  const names = new Map(categories.map((category) => [category.id, category.name]));
  const byCategory = new Map<string, { categoryId: string; name: string; count: number }>();
  const byStatus = new Map<SubjectStatus, number>();
  for (const row of rows) {
    const category = byCategory.get(row.categoryId) ?? { categoryId: row.categoryId, name: names.get(row.categoryId) ?? '', count: 0 };
    category.count += Number(row.count);
    byCategory.set(row.categoryId, category);
    byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + Number(row.count));
  }
  return {
    total: rows.reduce((sum, row) => sum + Number(row.count), 0),
    byCategory: [...byCategory.values()].sort((a, b) => b.count - a.count),
    byStatus: [...byStatus].map(([status, count]) => ({ status, count })).sort((a, b) => b.count - a.count),
  };
}

async function models(ctx: Context, query: ReportQuery): Promise<ReportFigures['models']> {
  const years = evaluationYears(query);
  const [types, rated] = await Promise.all([
    modelsIn(ctx, query)
      .select((eb) => ['m.typeId', 'mt.name', eb.fn.countAll<number>().as('count'), eb.fn.sum<number>(modelMembers).as('members')])
      .groupBy(['m.typeId', 'mt.name', 'mt.sortKey'])
      .orderBy('mt.sortKey')
      .execute(),
    modelsIn(ctx, query)
      .innerJoin('modelEvaluations as e', 'e.modelId', 'm.id')
      .where('e.deletedAt', 'is', null)
      .where('e.rating', '=', 'tot')
      .where('e.year', '>=', years.from)
      .where('e.year', '<=', years.to)
      .select((eb) => ['m.typeId', eb.fn.count<number>('m.id').distinct().as('good')])
      .groupBy('m.typeId')
      .execute(),
  ]);
  const good = new Map(rated.map((row) => [row.typeId, Number(row.good)]));
  const byType = types.map((row) => ({ typeId: row.typeId, name: row.name, count: Number(row.count), members: Number(row.members), ratedGood: good.get(row.typeId) ?? 0 }));
  return { total: byType.reduce((sum, row) => sum + row.count, 0), members: byType.reduce((sum, row) => sum + row.members, 0), byType };
}

async function awards(ctx: Context, query: ReportQuery): Promise<ReportFigures['awards']> {
  const rows = await awardsIn(ctx, query)
    .select((eb) => ['n.formId', 'f.name', 'n.kind', eb.fn.countAll<number>().as('count')])
    .groupBy(['n.formId', 'n.kind', 'f.name', 'f.sortKey'])
    .orderBy('f.sortKey')
    .execute();
  const byForm = new Map<string, ReportFigures['awards'][number]>();
  for (const row of rows) {
    const form = byForm.get(row.formId) ?? { formId: row.formId, name: row.name, collectives: 0, individuals: 0 };
    if (row.kind === 'tap_the') form.collectives += Number(row.count);
    else form.individuals += Number(row.count);
    byForm.set(row.formId, form);
  }
  return [...byForm.values()];
}

async function standards(ctx: Context, query: ReportQuery): Promise<ReportFigures['standards']> {
  const rows = await standardsIn(ctx, query).select((eb) => ['st.unitKind', 'st.result', eb.fn.countAll<number>().as('count')]).groupBy(['st.unitKind', 'st.result']).execute();
  return STANDARD_UNIT_KINDS.flatMap((unitKind) => {
    const of = rows.filter((row) => row.unitKind === unitKind);
    const count = (results: string[]) => of.filter((row) => results.includes(row.result)).reduce((sum, row) => sum + Number(row.count), 0);
    return of.length === 0 ? [] : [{ unitKind, registered: count(['dang_ky', 'khong_dat', 'dat']), assessed: count(['khong_dat', 'dat']), met: count(['dat']) }];
  });
}

async function scores(ctx: Context, query: ReportQuery): Promise<ReportFigures['scores']> {
  const rows = await scoresIn(ctx, query).select((eb) => ['sc.level', gradeOf.as('grade'), eb.fn.countAll<number>().as('count')]).groupBy(['sc.level', 'grade']).execute();
  return (['phuong', 'khu_pho'] as const).flatMap((level) => {
    const of = rows.filter((row) => row.level === level);
    if (of.length === 0) return [];
    const grades = Object.fromEntries(MOVEMENT_GRADES.map((grade) => [grade, Number(of.find((row) => row.grade === grade)?.count ?? 0)])) as Record<MovementGrade, number>;
    return [{ level, total: Object.values(grades).reduce((sum, value) => sum + value, 0), grades }];
  });
}

export async function reportFigures(ctx: Context, query: ReportQuery): Promise<ReportFigures> {
  const wardNames = query.wardIds.length === 0 ? [] : (await ctx.db.selectFrom('wards').select('name').where('id', 'in', query.wardIds).orderBy('sortKey').execute()).map((ward) => ward.name);
  const [sessionFigures, campaignFigures, tipFigures, subjectFigures, modelFigures, awardFigures, standardFigures, scoreFigures] = await Promise.all([
    sessions(ctx, query),
    campaigns(ctx, query),
    tips(ctx, query),
    subjects(ctx, query),
    models(ctx, query),
    awards(ctx, query),
    standards(ctx, query),
    scores(ctx, query),
  ]);
  return { query, wardNames, sessions: sessionFigures, campaigns: campaignFigures, tips: tipFigures, subjects: subjectFigures, models: modelFigures, awards: awardFigures, standards: standardFigures, scores: scoreFigures };
}
