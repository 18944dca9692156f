/**
 * Sessions, campaigns and tips month by month (or year by year) over a period: the dashboard's last
 * twelve months, and the printed report's chart. A month's total counts in its month.
 */
import { sql } from 'kysely';
import { addMonths, localToday } from '../../../shared/dates';
import type { PeriodSeries, ReportQuery, SeriesPoint } from '../../../shared/report';
import { periodInRange } from '../activities';
import type { Context } from '../context';

/** Months up to this many are shown one by one; a longer period by year. */
const MONTHS_SHOWN = 24;

function keysOf(from: string, to: string, bucket: 'month' | 'year'): string[] {
  const keys: string[] = [];
  if (bucket === 'year') for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year += 1) keys.push(String(year));
  else for (let month = `${from.slice(0, 7)}-01`; month.slice(0, 7) <= to.slice(0, 7); month = addMonths(month, 1)) keys.push(month.slice(0, 7));
  return keys;
}

export async function periodSeries(ctx: Context, query: ReportQuery): Promise<PeriodSeries> {
  const months = (Number(query.to.slice(0, 4)) - Number(query.from.slice(0, 4))) * 12 + Number(query.to.slice(5, 7)) - Number(query.from.slice(5, 7)) + 1;
  const bucket = months <= MONTHS_SHOWN ? 'month' : 'year';
  const length = bucket === 'month' ? 7 : 4;
  const keyOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, ${length})`;
  const wards = query.wardIds;
  const [activities, tips] = await Promise.all([
    ctx.db
      .selectFrom('activities as a')
      .where('a.deletedAt', 'is', null)
      .where((eb) => eb.and(periodInRange(query.from, query.to)))
      .$if(wards.length > 0, (builder) => builder.where('a.wardId', 'in', wards))
      .select((eb) => [keyOf('a.period').as('key'), 'a.kind', eb.fn.sum<number>('a.events').as('events'), eb.fn.sum<number>('a.participants').as('participants')])
      .groupBy(['key', 'a.kind'])
      .execute(),
    ctx.db
      .selectFrom('tips as t')
      .where('t.deletedAt', 'is', null)
      .where('t.receivedOn', '>=', query.from)
      .where('t.receivedOn', '<=', query.to)
      .$if(wards.length > 0, (builder) => builder.where('t.wardId', 'in', wards))
      .select((eb) => [keyOf('t.receivedOn').as('key'), eb.fn.countAll<number>().as('tips'), eb.fn.sum<number>('t.valuable').as('valuable')])
      .groupBy('key')
      .execute(),
  ]);
  const points = keysOf(query.from, query.to, bucket).map((key): SeriesPoint => {
    const of = (kind: string) => activities.find((row) => row.key === key && row.kind === kind);
    const tipRow = tips.find((row) => row.key === key);
    return {
      key,
      sessions: Number(of('tuyen_truyen')?.events ?? 0),
      participants: Number(of('tuyen_truyen')?.participants ?? 0),
      campaigns: Number(of('van_dong')?.events ?? 0),
      tips: Number(tipRow?.tips ?? 0),
      valuable: Number(tipRow?.valuable ?? 0),
    };
  });
  return { bucket, points };
}

/** The dashboard's last `months` months, this one included. */
export async function monthlyFigures(ctx: Context, input: { months: number }, today = localToday()): Promise<SeriesPoint[]> {
  const first = addMonths(`${today.slice(0, 7)}-01`, -(input.months - 1));
  const lastDay = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0)).getUTCDate();
  return (await periodSeries(ctx, { from: first, to: `${today.slice(0, 7)}-${String(lastDay).padStart(2, '0')}`, wardIds: [] })).points;
}
