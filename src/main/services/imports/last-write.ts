/** The register's state as an analysis read it, so the commit can tell whether anything was written since. */
import { sql } from 'kysely';
import type { Entity } from '../../../shared/app';
import type { ImportRegister } from '../../../shared/imports';
import type { Context, Trx } from '../context';

/** What an analysis of each register reads: the register's own records and the catalogues its rows name. */
const ANALYSED_ENTITIES: Record<ImportRegister, Entity[]> = {
  subjects: ['subject', 'review', 'ward', 'neighbourhood', 'subject_category', 'helper_org'],
  models: ['model', 'member', 'model_type', 'ward', 'neighbourhood'],
};

/**
 * Every write appends to the audit log (views aside): the last entry of what the analysis read marks the
 * register's state. Writes elsewhere (the app saving models while the CLI imports people) leave it as it is.
 */
export async function lastWrite(db: Context['db'] | Trx, register: ImportRegister): Promise<number> {
  const row = await db
    .selectFrom('auditLog')
    .select((eb) => eb.fn.max<number>(sql<number>`rowid`).as('last'))
    .where('entity', 'in', ANALYSED_ENTITIES[register])
    .where('action', '!=', 'view')
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}
