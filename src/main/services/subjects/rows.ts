/** How records are read: the list's row with its catalogue names, and one full record. */
import type { Kysely } from 'kysely';
import type { Subject } from '../../../shared/subjects';
import type { Database } from '../../db/schema';
import { notFound } from '../context';

function withNames(db: Kysely<Database>) {
  return db
    .selectFrom('subjects as s')
    .innerJoin('wards as w', 'w.id', 's.wardId')
    .innerJoin('subjectCategories as c', 'c.id', 's.categoryId')
    .leftJoin('neighbourhoods as n', 'n.id', 's.neighbourhoodId')
    .leftJoin('helperOrgs as h', 'h.id', 's.helperOrgId');
}

const ROW_COLUMNS = [
  's.id',
  's.fullName',
  's.alias',
  's.gender',
  's.birthDate',
  's.birthYear',
  's.phone',
  's.currentAddress',
  's.wardId',
  'w.name as wardName',
  'n.name as neighbourhoodName',
  's.categoryId',
  'c.name as categoryName',
  's.reintegrationGroup',
  's.startDate',
  's.plannedEndDate',
  's.helperName',
  'h.name as helperOrgName',
  's.status',
  's.lastReviewOn',
  's.deletedAt',
  's.updatedAt',
] as const;

export const selectRows = (db: Kysely<Database>) => withNames(db).select(ROW_COLUMNS);

export async function findSubject(db: Kysely<Database>, id: string, options: { includeTrashed?: boolean } = {}): Promise<Subject> {
  let query = withNames(db)
    .selectAll('s')
    .select(['w.name as wardName', 'n.name as neighbourhoodName', 'c.name as categoryName', 'h.name as helperOrgName'])
    .where('s.id', '=', id);
  if (!options.includeTrashed) query = query.where('s.deletedAt', 'is', null);
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('hồ sơ đối tượng');
  const { seq: _seq, birthSort: _birthSort, reviewAnchor: _anchor, nameFold: _fold, searchText: _search, sortKey: _sort, ...subject } = row;
  return subject;
}
