/** A page of the register (sorted, filtered, searched) and its counts by category and status. */
import { sql } from 'kysely';
import type { ParsedInput } from '../../../shared/api';
import type { Page } from '../../../shared/common';
import type { SubjectCounts, SubjectRow, SubjectStatus } from '../../../shared/subjects';
import type { Context } from '../context';
import { selectRows } from './rows';
import { plan, type Where } from './search';

const SORT_COLUMNS = {
  rosterName: 's.sortKey',
  birth: 's.birthSort',
  wardName: 'w.sortKey',
  categoryName: 'c.sortKey',
  startDate: 's.startDate',
  plannedEndDate: 's.plannedEndDate',
  status: 's.status',
  lastReviewOn: 's.lastReviewOn',
  updatedAt: 's.updatedAt',
} as const;

type SortInput = NonNullable<ParsedInput<'subjects.list'>['sort']>;

/** The keys of one page: from an index walk in the sort order (ties in roster order, in the sort's direction, so one index serves both directions). */
async function pageKeys(ctx: Context, where: Where, sort: SortInput, offset: number, limit: number): Promise<number[]> {
  let keys = ctx.db.selectFrom('subjects as s').select('s.seq').where(where);
  if (sort.field === 'wardName') keys = keys.innerJoin('wards as w', 'w.id', 's.wardId') as unknown as typeof keys;
  if (sort.field === 'categoryName') keys = keys.innerJoin('subjectCategories as c', 'c.id', 's.categoryId') as unknown as typeof keys;
  if (sort.field !== 'rosterName') keys = keys.orderBy(sql.ref(SORT_COLUMNS[sort.field]), sort.direction);
  const rows = await keys.orderBy('s.sortKey', sort.direction).orderBy('s.id', sort.direction).offset(offset).limit(limit).execute();
  return rows.map((row) => row.seq);
}

/**
 * The keys of one page sorted by ward or category name, without sorting the register: the rows per
 * ward (or category) are counted, the wards taken in name order, and the page read from the one or two
 * wards it falls in, each in roster order from its (deleted_at, ward_id, sort_key, id) index.
 */
async function groupedPageKeys(ctx: Context, where: Where, sort: SortInput, offset: number, limit: number): Promise<{ seqs: number[]; total: number }> {
  const byWard = sort.field === 'wardName';
  const column = byWard ? 's.wardId' : 's.categoryId';
  const [counted, groups] = await Promise.all([
    ctx.db
      .selectFrom('subjects as s')
      .where(where)
      .select((eb) => [eb.ref(column).as('key'), eb.fn.countAll<number>().as('n')])
      .groupBy(column)
      .execute(),
    ctx.db
      .selectFrom(byWard ? 'wards' : 'subjectCategories')
      .select('id')
      .orderBy('sortKey', sort.direction)
      .orderBy('id', sort.direction)
      .execute(),
  ]);
  const counts = new Map(counted.map((row) => [row.key, Number(row.n)]));
  const seqs: number[] = [];
  let skip = offset;
  for (const group of groups) {
    if (seqs.length >= limit) break;
    const n = counts.get(group.id) ?? 0;
    if (skip >= n) {
      skip -= n;
      continue;
    }
    const inGroup = sql<boolean>`(${where} and ${sql.ref(column)} = ${group.id})`;
    seqs.push(...(await pageKeys(ctx, inGroup, { field: 'rosterName', direction: sort.direction }, skip, limit - seqs.length)));
    skip = 0;
  }
  return { seqs, total: [...counts.values()].reduce((sum, n) => sum + n, 0) };
}

export async function listSubjects(ctx: Context, query: ParsedInput<'subjects.list'>): Promise<Page<SubjectRow>> {
  const sort = query.sort ?? { field: 'rosterName', direction: 'asc' };
  const { page: where, lookup, count, total: known } = await plan(ctx, query);
  if (known === 0) return { rows: [], total: 0 };
  // The page's keys first (from an index, without the joins unless the sort needs a name) ...
  let seqs: number[];
  let counted: number | null = known;
  if ((sort.field === 'wardName' || sort.field === 'categoryName') && !lookup) {
    const grouped = await groupedPageKeys(ctx, where, sort, query.offset, query.limit);
    seqs = grouped.seqs;
    counted = grouped.total;
  } else {
    seqs = await pageKeys(ctx, where, sort, query.offset, query.limit);
  }
  // ... then those rows with their names, in the same order.
  const found = seqs.length === 0 ? [] : await selectRows(ctx.db).select('s.seq').where('s.seq', 'in', seqs).execute();
  const bySeq = new Map(found.map(({ seq, ...row }) => [seq, row as SubjectRow]));
  const rows = seqs.map((seq) => bySeq.get(seq)).filter((row): row is SubjectRow => row !== undefined);
  if (query.trashed) await markMerged(ctx, rows);
  const total =
    counted ??
    Number((await ctx.db.selectFrom('subjects as s').where(count).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()).total);
  return { rows, total };
}

/** The records that trashed rows were merged into, for the Trash list's "Đã gộp vào …". */
async function markMerged(ctx: Context, rows: SubjectRow[]) {
  if (rows.length === 0) return;
  const links = await ctx.db
    .selectFrom('subjects as m')
    .innerJoin('subjects as k', 'k.id', 'm.mergedInto')
    .select(['m.id as mergedId', 'k.id', 'k.fullName', 'k.birthDate', 'k.birthYear'])
    .where('m.id', 'in', rows.map((row) => row.id))
    .execute();
  const byMerged = new Map(links.map(({ mergedId, ...link }) => [mergedId, link]));
  for (const row of rows) row.mergedIntoRecord = byMerged.get(row.id) ?? null;
}

export async function countSubjects(ctx: Context, filter: ParsedInput<'subjects.counts'>): Promise<SubjectCounts> {
  const { count, total } = await plan(ctx, filter);
  // Two groupings rather than one by (category, status): each can follow an index's order.
  const countBy = async <Column extends 's.categoryId' | 's.status'>(column: Column) =>
    total === 0
      ? []
      : ctx.db
          .selectFrom('subjects as s')
          .where(count)
          .select((eb) => [eb.ref(column).as('key'), eb.fn.countAll<number>().as('count')])
          .groupBy(column)
          .execute();
  const [byCategory, byStatus, categories] = await Promise.all([
    countBy('s.categoryId'),
    countBy('s.status'),
    ctx.db.selectFrom('subjectCategories').select(['id', 'name']).orderBy('sortKey').execute(),
  ]);
  const categoryCounts = new Map(byCategory.map((row) => [row.key as string, Number(row.count)]));
  return {
    total: [...categoryCounts.values()].reduce((sum, value) => sum + value, 0),
    byCategory: categories.filter((category) => categoryCounts.has(category.id)).map((category) => ({ ...category, count: categoryCounts.get(category.id) ?? 0 })),
    byStatus: byStatus.map((row) => ({ status: row.key as SubjectStatus, count: Number(row.count) })),
  };
}
