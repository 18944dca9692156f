/**
 * Deterministic synthetic data for District 6 (Quận 6, TP. Hồ Chí Minh): self-governance models of the
 * five seeded types across the wards, with members and yearly evaluations, and assisted individuals
 * with their monthly reviews and status history. The same generator feeds the demo database, the tests
 * and the benchmarks; `scale` 1 is 100 models, about 1.000 members and 100 people with about 1.000
 * reviews. It only ever writes into a database that is empty or already marked as demo data.
 * Names and their order come from the seed alone; ids are random (time-ordered for the people and
 * their rows), and dates are relative to today.
 */
import { collationKey } from '../../shared/text';
import { nowIso, writeAudit, type Context } from '../services/context';
import { DEMO_MARKER } from './marker';
import { generateModels } from './models';
import { random } from './random';
import { generatePeople } from './subjects';

export const DEFAULT_DEMO_SCALE = 1;
const MODELS_PER_SCALE = 100;
const PEOPLE_PER_SCALE = 100;

export interface DemoOptions {
  scale: number;
  seed?: number;
  /** Assisted individuals to make; default 100 per unit of scale. */
  people?: number;
}

export interface DemoSummary {
  models: number;
  members: number;
  evaluations: number;
  neighbourhoods: number;
  subjects: number;
  reviews: number;
}

export async function generateDemoData(ctx: Context, options: DemoOptions): Promise<DemoSummary> {
  const seed = options.seed ?? 20181025;
  const rng = random(seed);
  const modelCount = Math.max(1, Math.round(options.scale * MODELS_PER_SCALE));
  const peopleCount = Math.max(0, Math.round(options.people ?? options.scale * PEOPLE_PER_SCALE));
  const now = nowIso();
  const stamps = { createdAt: now, updatedAt: now, createdBy: ctx.user.id, updatedBy: ctx.user.id, deletedAt: null };

  return ctx.db.transaction().execute(async (trx) => {
    const marker = await trx.selectFrom('settings').select('key').where('key', '=', DEMO_MARKER).executeTakeFirst();
    const existing = await trx.selectFrom('models').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const existingPeople = await trx.selectFrom('subjects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (!marker && (Number(existing.n) > 0 || Number(existingPeople.n) > 0)) {
      throw new Error('Cơ sở dữ liệu này chứa dữ liệu thật: không thể thêm dữ liệu mẫu vào đó.');
    }
    await trx.insertInto('settings').values({ key: DEMO_MARKER, value: JSON.stringify({ scale: options.scale, people: peopleCount }), updatedAt: now, updatedBy: ctx.user.id })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: JSON.stringify({ scale: options.scale, people: peopleCount }), updatedAt: now }))
      .execute();

    const types = await trx.selectFrom('modelTypes').select(['id', 'name']).where('deletedAt', 'is', null).orderBy('createdAt').execute();
    const wards = await trx.selectFrom('wards').select(['id', 'name', 'active']).where('deletedAt', 'is', null).orderBy('sortKey').execute();
    const liveWards = wards.filter((ward) => ward.active === 1);
    const usedWards = liveWards.length > 0 ? liveWards : wards;

    const neighbourhoods: { id: string; wardId: string; name: string }[] = [];
    for (const ward of usedWards) {
      const existingRows = await trx.selectFrom('neighbourhoods').select(['id', 'wardId', 'name']).where('wardId', '=', ward.id).where('deletedAt', 'is', null).execute();
      if (existingRows.length > 0) {
        neighbourhoods.push(...existingRows);
        continue;
      }
      const rows = Array.from({ length: 8 }, (_, index) => ({ ...stamps, id: crypto.randomUUID(), wardId: ward.id, name: `Khu phố ${index + 1}`, active: 1, sortKey: collationKey(`Khu phố ${index + 1}`) }));
      await trx.insertInto('neighbourhoods').values(rows).execute();
      neighbourhoods.push(...rows);
    }

    const { members, evaluations } = await generateModels(trx, rng, { count: modelCount, types, wards: usedWards, neighbourhoods, stamps });
    // People come from their own stream, so they do not change with the number of models.
    const people = await generatePeople(ctx, trx, random(seed ^ 0x5eed5eed), { count: peopleCount, wards: usedWards, neighbourhoods, stamps });
    const summary = { models: modelCount, members, evaluations, neighbourhoods: neighbourhoods.length, subjects: people.subjects, reviews: people.reviews };
    await writeAudit(trx, ctx, { entity: 'setting', entityId: DEMO_MARKER, action: 'create', after: { demo: summary } });
    return summary;
  });
}
