/** Finding likely duplicates (while typing, and across the register) and marking two records as different people; merging them: merge.ts. */
import { sql } from 'kysely';
import type { ParsedInput } from '../../../shared/api';
import { parseDateInput } from '../../../shared/dates';
import { VALID_ID_NUMBER, type DuplicateCandidate, type DuplicatePair, type SubjectRow } from '../../../shared/subjects';
import { foldForSearch } from '../../../shared/text';
import { notFound, nowIso, writeAudit, type Context } from '../context';
import { selectRows } from './rows';

/** Likely duplicates of what is being typed: same ID number, or same folded name and birth year in the same ward. */
export async function findDuplicates(ctx: Context, input: ParsedInput<'subjects.findDuplicates'>): Promise<DuplicateCandidate[]> {
  const idNumber = input.idNumber?.replace(/[\s.]/g, '') || null;
  const birthYear = (() => {
    const parsed = input.birth ? parseDateInput(input.birth, { allowYear: true }) : null;
    if (!parsed) return null;
    return parsed.kind === 'year' ? parsed.year : Number(parsed.iso.slice(0, 4));
  })();
  const nameFold = foldForSearch(input.fullName);
  const found = new Map<string, DuplicateCandidate>();
  const add = (rows: SubjectRow[], reason: DuplicateCandidate['reasons'][number]) => {
    for (const row of rows) {
      if (row.id === input.id) continue;
      const candidate = found.get(row.id) ?? { subject: row, reasons: [] };
      candidate.reasons.push(reason);
      found.set(row.id, candidate);
    }
  };
  if (idNumber && VALID_ID_NUMBER.test(idNumber)) {
    add((await selectRows(ctx.db).where('s.idNumber', '=', idNumber).where('s.deletedAt', 'is', null).limit(20).execute()) as SubjectRow[], 'same_id_number');
  }
  if (nameFold && birthYear && input.wardId) {
    add(
      (await selectRows(ctx.db)
        .where('s.nameFold', '=', nameFold)
        .where('s.birthYear', '=', birthYear)
        .where('s.wardId', '=', input.wardId)
        .where('s.deletedAt', 'is', null)
        .limit(20)
        .execute()) as SubjectRow[],
      'same_name_birth_year_ward',
    );
  }
  return [...found.values()];
}

/** Likely duplicate pairs across the whole register, for the duplicates tool. */
export async function duplicatePairs(ctx: Context): Promise<DuplicatePair[]> {
  const [byIdNumber, byNameYearWard] = await Promise.all([
    sql<{ a: string; b: string }>`select a.id as a, b.id as b from subjects a join subjects b on b.id_number = a.id_number and a.id < b.id
      where a.id_number is not null and a.deleted_at is null and b.deleted_at is null limit 500`.execute(ctx.db),
    sql<{ a: string; b: string }>`select a.id as a, b.id as b from subjects a join subjects b
      on b.name_fold = a.name_fold and b.birth_year = a.birth_year and b.ward_id = a.ward_id and a.id < b.id
      where a.birth_year is not null and a.deleted_at is null and b.deleted_at is null limit 500`.execute(ctx.db),
  ]);
  const pairs = new Map<string, { a: string; b: string; reason: DuplicatePair['reason'] }>();
  for (const row of byIdNumber.rows) pairs.set(`${row.a}:${row.b}`, { ...row, reason: 'same_id_number' });
  for (const row of byNameYearWard.rows) if (!pairs.has(`${row.a}:${row.b}`)) pairs.set(`${row.a}:${row.b}`, { ...row, reason: 'same_name_birth_year_ward' });
  const distinct = await ctx.db.selectFrom('subjectDistinctPairs').select(['subjectA', 'subjectB']).execute();
  for (const pair of distinct) pairs.delete(`${pair.subjectA}:${pair.subjectB}`);
  const ids = [...new Set([...pairs.values()].flatMap((pair) => [pair.a, pair.b]))];
  if (ids.length === 0) return [];
  const rows = new Map(((await selectRows(ctx.db).where('s.id', 'in', ids).execute()) as SubjectRow[]).map((row) => [row.id, row]));
  return [...pairs.values()]
    .filter((pair) => rows.has(pair.a) && rows.has(pair.b))
    .map((pair) => ({ a: rows.get(pair.a)!, b: rows.get(pair.b)!, reason: pair.reason }));
}

/** Records the officer says are two people: their pair leaves the duplicates page (audited on both). */
export async function markDistinct(ctx: Context, input: ParsedInput<'subjects.markDistinct'>): Promise<{ ok: true }> {
  const [subjectA, subjectB] = [input.a, input.b].sort() as [string, string];
  await ctx.db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('subjects').select('id').where('id', 'in', [subjectA, subjectB]).where('deletedAt', 'is', null).execute();
    if (found.length !== 2) throw notFound('hồ sơ');
    await trx.insertInto('subjectDistinctPairs').values({ subjectA, subjectB, createdAt: nowIso(), createdBy: ctx.user.id }).onConflict((conflict) => conflict.doNothing()).execute();
    for (const [id, other] of [[subjectA, subjectB], [subjectB, subjectA]] as const) await writeAudit(trx, ctx, { entity: 'subject', entityId: id, action: 'update', after: { distinctFrom: other } });
  });
  return { ok: true };
}
