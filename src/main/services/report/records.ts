/** The records behind one figure of the period report, a page at a time, from the same queries that count it. */
import { sql } from 'kysely';
import type { ParsedInput } from '../../../shared/api';
import type { ReportRecord, ReportRecords } from '../../../shared/report';
import type { Context } from '../context';
import { activitiesIn, awardsIn, gradeOf, modelMembers, modelsIn, scoresIn, standardsIn, statusAtEnd, subjectsHelpedIn, tipsIn } from './scope';

const NONE = sql<null>`null`;

/** One page of the rows and the count of them all. */
async function page(rows: Promise<ReportRecord[]>, total: Promise<{ n: number }>): Promise<ReportRecords> {
  const [list, count] = await Promise.all([rows, total]);
  return { total: Number(count.n), rows: list };
}

export async function reportRecords(ctx: Context, input: ParsedInput<'report.records'>): Promise<ReportRecords> {
  const { query, figure, offset, limit } = input;
  switch (figure.figure) {
    case 'sessions':
    case 'campaigns': {
      const programmeId = figure.figure === 'campaigns' ? figure.programmeId : undefined;
      const base = activitiesIn(ctx, query, figure.figure === 'sessions' ? 'tuyen_truyen' : 'van_dong')
        .innerJoin('wards as w', 'w.id', 'a.wardId')
        .leftJoin('programmes as p', 'p.id', 'a.programmeId')
        .$if(programmeId !== undefined, (builder) => builder.where('a.programmeId', '=', programmeId ?? ''));
      return page(
        base
          .select((eb) => [
            'a.id',
            sql<'activity'>`'activity'`.as('register'),
            'a.period as date',
            eb.fn.coalesce('a.topic', 'p.name', sql<string>`''`).as('title'),
            'w.name as wardName',
            'a.events',
            'a.participants',
            NONE.as('members'), NONE.as('score'),
            NONE.as('status'),
          ])
          .orderBy('a.period', 'desc')
          .orderBy('w.sortKey')
          .offset(offset)
          .limit(limit)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      );
    }
    case 'tips': {
      const base = tipsIn(ctx, query)
        .innerJoin('wards as w', 'w.id', 't.wardId')
        .$if(figure.only === 'valuable', (builder) => builder.where('t.valuable', '=', 1))
        .$if(figure.only === 'cases', (builder) => builder.where('t.caseHandled', '=', 1));
      return page(
        base
          .select([
            't.id',
            sql<'tip'>`'tip'`.as('register'),
            't.receivedOn as date',
            't.summary as title',
            'w.name as wardName',
            NONE.as('events'),
            NONE.as('participants'),
            NONE.as('members'), NONE.as('score'),
            sql<string>`case when t.case_handled = 1 then 'case' when t.valuable = 1 then 'valuable' else 'none' end`.as('status'),
          ])
          .orderBy('t.receivedOn', 'desc')
          .offset(offset)
          .limit(limit)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      );
    }
    case 'subjects': {
      const base = subjectsHelpedIn(ctx, query)
        .innerJoin('wards as w', 'w.id', 's.wardId')
        .$if(figure.categoryId !== undefined, (builder) => builder.where('s.categoryId', '=', figure.categoryId ?? ''))
        .$if(figure.status !== undefined, (builder) => builder.where(statusAtEnd(query), '=', figure.status ?? 'dang_giup_do'));
      return page(
        base
          .select(['s.id', sql<'subject'>`'subject'`.as('register'), 's.startDate as date', 's.fullName as title', 'w.name as wardName', NONE.as('events'), NONE.as('participants'), NONE.as('members'), NONE.as('score'), statusAtEnd(query).as('status')])
          .orderBy('s.sortKey')
          .offset(offset)
          .limit(limit)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      );
    }
    case 'models': {
      const base = modelsIn(ctx, query).$if(figure.typeId !== undefined, (builder) => builder.where('m.typeId', '=', figure.typeId ?? ''));
      return page(
        base
          .select(['m.id', sql<'model'>`'model'`.as('register'), 'm.foundedOn as date', 'm.name as title', 'w.name as wardName', NONE.as('events'), NONE.as('participants'), modelMembers.as('members'), NONE.as('score'), 'mt.name as status'])
          .orderBy('m.sortKey')
          .offset(offset)
          .limit(limit)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      );
    }
    case 'awards': {
      const base = awardsIn(ctx, query)
        .$if(figure.formId !== undefined, (builder) => builder.where('n.formId', '=', figure.formId ?? ''))
        .$if(figure.kind !== undefined, (builder) => builder.where('n.kind', '=', figure.kind ?? 'tap_the'));
      return page(
        base
          .select(['n.id', sql<'nomination'>`'nomination'`.as('register'), 'n.decisionDate as date', 'n.nomineeName as title', 'w.name as wardName', NONE.as('events'), NONE.as('participants'), NONE.as('members'), NONE.as('score'), 'n.kind as status'])
          .orderBy('n.kind')
          .orderBy('n.sortKey')
          .offset(offset)
          .limit(limit)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      );
    }
    case 'standards': {
      const base = standardsIn(ctx, query)
        .$if(figure.unitKind !== undefined, (builder) => builder.where('st.unitKind', '=', figure.unitKind ?? 'phuong'))
        .$if(figure.result !== undefined, (builder) => builder.where('st.result', '=', figure.result ?? 'dat'))
        .$if(figure.assessed === true, (builder) => builder.where('st.result', '<>', 'dang_ky'));
      return page(
        base
          .select([
            'st.id',
            sql<'standard'>`'standard'`.as('register'),
            sql<string>`cast(st.year as text)`.as('date'),
            sql<string>`coalesce(st.unit_name, n.name, w.name)`.as('title'),
            'w.name as wardName',
            NONE.as('events'),
            NONE.as('participants'),
            NONE.as('members'), NONE.as('score'),
            'st.result as status',
          ])
          .orderBy('st.year', 'desc')
          .orderBy('w.sortKey')
          .offset(offset)
          .limit(limit)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      );
    }
    case 'scores': {
      const base = scoresIn(ctx, query)
        .$if(figure.level !== undefined, (builder) => builder.where('sc.level', '=', figure.level ?? 'phuong'))
        .$if(figure.grade !== undefined, (builder) => builder.where(gradeOf, '=', figure.grade ?? 'yeu'));
      return page(
        base
          .select([
            'sc.id',
            sql<'score'>`'score'`.as('register'),
            sql<string>`cast(sc.year as text)`.as('date'),
            sql<string>`coalesce(n.name, w.name)`.as('title'),
            'w.name as wardName',
            NONE.as('events'),
            NONE.as('participants'),
            NONE.as('members'),
            sql<number>`sc.score`.as('score'),
            gradeOf.as('status'),
          ])
          .orderBy('sc.year', 'desc')
          .orderBy('w.sortKey')
          .offset(offset)
          .limit(limit)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      );
    }
  }
}
