/** How a filter finds its rows: the WHERE clause on the register, and the plan that picks the search index or a scan. */
import { sql } from 'kysely';
import type { ParsedInput } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import { searchTerms } from '../../../shared/text';
import { onPostgres } from '../../db/engine';
import { likePattern, type Context } from '../context';

/**
 * Searching and paging at size (100.000 people; see bench/subjects.bench.ts). Every filter touches the
 * subjects table alone, so pages are picked and counted without joins, and the names are joined to the
 * page's 100 rows only. A search term of 3 characters or more is looked up in the trigram index
 * `subjects_search` (live rows only), which also tells how many rows match it; shorter terms, and
 * searches in the trash, use LIKE on search_text.
 * - Few matches (up to PAGE_LOOKUP_LIMIT): the page's rows are read by the search index and sorted.
 * - Many matches, or no search: the page is picked by walking an index in the sort order (the roster
 *   index holds every filter column and the search text), which stops as soon as the page is full.
 * - The total is the search index's count when nothing else filters; otherwise matches are counted by
 *   reading them (up to COUNT_LOOKUP_LIMIT) or by scanning a covering index.
 */
const PAGE_LOOKUP_LIMIT = 2000;
const COUNT_LOOKUP_LIMIT = 20_000;

type SubjectFilterInput = ParsedInput<'subjects.counts'>;

/** An FTS5 query: every term a quoted string, i.e. a substring (the trigram tokenizer), all required. */
const ftsQuery = (terms: string[]) => terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(' AND ');

const hasOtherFilters = (filter: SubjectFilterInput) =>
  Boolean(filter.wardId || filter.categoryId || filter.group || filter.status || filter.helperOrgId || filter.startYear);

/**
 * The WHERE clause on `subjects as s`: `like` terms are matched with LIKE on search_text; with `fts`
 * terms, the rows come from the search index `subjects_search` (s.seq in …) and the other columns get
 * a unary + so that SQLite reads those rows by rowid rather than walking an index (with or without
 * ANALYZE statistics).
 */
function whereSubjects(filter: SubjectFilterInput, search: { like: string[]; fts?: string[] }) {
  const column = (name: string) => sql.raw(search.fts ? `+s.${name}` : `s.${name}`);
  // The Trash holds merged records too (marked with the record they went into, and taken out with "Hoàn tác gộp").
  const conditions = [filter.trashed ? sql`${column('deleted_at')} is not null` : sql`${column('deleted_at')} is null`];
  if (search.fts) conditions.push(sql`s.seq in (select rowid from subjects_search where subjects_search match ${ftsQuery(search.fts)})`);
  for (const term of search.like) conditions.push(sql`${column('search_text')} like ${likePattern(term)} escape '\\'`);
  if (filter.wardId) conditions.push(sql`${column('ward_id')} = ${filter.wardId}`);
  if (filter.categoryId) conditions.push(sql`${column('category_id')} = ${filter.categoryId}`);
  if (filter.group) conditions.push(sql`${column('reintegration_group')} = ${filter.group}`);
  if (filter.status) conditions.push(sql`${column('status')} = ${filter.status}`);
  if (filter.helperOrgId) conditions.push(sql`${column('helper_org_id')} = ${filter.helperOrgId}`);
  if (filter.startYear) {
    conditions.push(sql`${column('start_date')} >= ${`${filter.startYear}-01-01`} and ${column('start_date')} < ${`${filter.startYear + 1}-01-01`}`);
  }
  return sql<boolean>`(${sql.join(conditions, sql` and `)})`;
}

export type Where = ReturnType<typeof whereSubjects>;

/**
 * How a filter finds its rows: the WHERE clauses for the page (`lookup`: from the search index) and for
 * counting, and the total when the search index already told it.
 */
export async function plan(ctx: Context, filter: SubjectFilterInput): Promise<{ page: Where; lookup: boolean; count: Where; total: number | null }> {
  // The search text holds the ID number: a read-only account could otherwise rebuild one digit by digit.
  if (ctx.user.role === 'viewer' && /\d{4}/.test(filter.search ?? '')) {
    throw new ApiError('forbidden', 'Tài khoản chỉ xem không tìm theo số CCCD/CMND hay số điện thoại (dãy từ 4 chữ số).');
  }
  const terms = searchTerms(filter.search);
  const indexed = filter.trashed ? [] : terms.filter((term) => term.length >= 3);
  const scan = whereSubjects(filter, { like: terms });
  // On PostgreSQL the LIKE terms are served by the pg_trgm index over the live rows' search_text (db/migrations/postgres.ts).
  if (indexed.length === 0 || onPostgres(ctx.db)) return { page: scan, lookup: false, count: scan, total: null };
  const { rows } = await sql<{ n: number }>`select count(*) as n from subjects_search where subjects_search match ${ftsQuery(indexed)}`.execute(ctx.db);
  const hits = Number(rows[0]?.n ?? 0);
  const short = terms.filter((term) => term.length < 3);
  const lookup = whereSubjects(filter, { like: short, fts: indexed });
  return {
    page: hits <= PAGE_LOOKUP_LIMIT ? lookup : scan,
    lookup: hits <= PAGE_LOOKUP_LIMIT,
    count: hits <= COUNT_LOOKUP_LIMIT ? lookup : scan,
    total: hits === 0 ? 0 : short.length === 0 && !hasOtherFilters(filter) ? hits : null,
  };
}
