/** What a stored record already has, asked by the analysis and again by the commit: a review on a day, a member of a name. */
import { foldForSearch } from '../../../shared/text';
import type { Context, Trx } from '../context';

export async function hasReview(db: Context | Trx, subjectId: string, reviewedOn: string): Promise<boolean> {
  const database = 'db' in db ? db.db : db;
  const found = await database.selectFrom('subjectReviews').select('id').where('subjectId', '=', subjectId).where('reviewedOn', '=', reviewedOn).where('deletedAt', 'is', null).executeTakeFirst();
  return Boolean(found);
}

/** A live member of the model with this name (case, accents and spacing aside), or null. */
export async function memberId(db: Context['db'] | Trx, modelId: string, fullName: string): Promise<string | null> {
  const members = await db.selectFrom('modelMembers').select(['id', 'fullName']).where('modelId', '=', modelId).where('deletedAt', 'is', null).execute();
  return members.find((candidate) => foldForSearch(candidate.fullName) === foldForSearch(fullName))?.id ?? null;
}

/** A record's version now. */
export async function versionOf(trx: Trx, table: 'subjects' | 'models', id: string): Promise<number> {
  const row = await trx.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow();
  return row.version;
}
