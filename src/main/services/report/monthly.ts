/** The dashboard's months: sessions, campaigns and tips per month, up to this month (a month's total counts in its month). */
import { sql } from 'kysely';
import { addMonths, localToday } from '../../../shared/dates';
import type { MonthFigures } from '../../../shared/report';
import type { Context } from '../context';

export async function monthlyFigures(ctx: Context, input: { months: number }, today = localToday()): Promise<MonthFigures[]> {
  const last = today.slice(0, 7);
  const first = addMonths(`${last}-01`, -(input.months - 1)).slice(0, 7);
  const month = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 7)`;
  const [activities, tips] = await Promise.all([
    ctx.db
      .selectFrom('activities')
      .where('deletedAt', 'is', null)
      .where('period', '>=', first)
      .where('period', '<=', `${last}-31`)
      .select((eb) => [month('period').as('month'), 'kind', eb.fn.sum<number>('events').as('events'), eb.fn.sum<number>('participants').as('participants')])
      .groupBy(['month', 'kind'])
      .execute(),
    ctx.db
      .selectFrom('tips')
      .where('deletedAt', 'is', null)
      .where('receivedOn', '>=', `${first}-01`)
      .where('receivedOn', '<=', `${last}-31`)
      .select((eb) => [month('receivedOn').as('month'), eb.fn.countAll<number>().as('tips'), eb.fn.sum<number>('valuable').as('valuable')])
      .groupBy('month')
      .execute(),
  ]);
  return Array.from({ length: input.months }, (_, index) => {
    const key = addMonths(`${first}-01`, index).slice(0, 7);
    const of = (kind: string) => activities.find((row) => row.month === key && row.kind === kind);
    const tipRow = tips.find((row) => row.month === key);
    return {
      month: key,
      sessions: Number(of('tuyen_truyen')?.events ?? 0),
      participants: Number(of('tuyen_truyen')?.participants ?? 0),
      campaigns: Number(of('van_dong')?.events ?? 0),
      tips: Number(tipRow?.tips ?? 0),
      valuable: Number(tipRow?.valuable ?? 0),
    };
  });
}
