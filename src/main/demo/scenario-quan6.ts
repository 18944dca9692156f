/**
 * `demo --scenario quan6-2013-2018`: the five years the seed document reviews (Quận 6, 01/01/2013 –
 * 30/09/2018), as records whose totals over that period are exactly the document's figures: 3.602
 * propaganda sessions with 141.174 attendances, 7.149 tips of which 3.564 valuable and 724 led to a case,
 * 834 individuals helped, the three campaign programmes (1.279 / 74.169, 701 / 52.433, 615 / 75.570),
 * models of the five named types, and the 2013–2018 award round: Giấy khen for 19 collectives and 18
 * individuals. Spread over Phường 1–14 (the district's wards then) and the months by weights, so a
 * year's report gives that year's share. Sessions and campaigns are entered as monthly totals per ward,
 * as officers keep them; tips one by one.
 */
import type { Insertable } from 'kysely';
import { methods, type Method, type ParsedInput } from '../../shared/api';
import { TIP_CHANNELS, type TipChannel } from '../../shared/activities';
import { collationKey } from '../../shared/text';
import type { ActivitiesTable, TipsTable } from '../db/schema';
import { changeNominationStatus, createNomination, createRound } from '../services/awards';
import { nowIso, writeAudit, type Context } from '../services/context';
import { DEMO_MARKER } from './marker';
import { generateModels } from './models';
import { random, type Rng } from './random';
import { generatePeople } from './subjects';

export const SCENARIOS = ['quan6-2013-2018'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** The seed document's figures, as the scenario must reproduce them over its period. */
export const QUAN6_FIGURES = {
  from: '2013-01-01',
  to: '2018-09-30',
  sessions: { events: 3602, participants: 141_174 },
  tips: { tips: 7149, valuable: 3564, cases: 724 },
  subjects: 834,
  campaigns: [
    { programme: 'Phòng, chống tội phạm xâm hại trẻ em, tội phạm trong lứa tuổi vị thành niên', events: 1279, participants: 74_169 },
    { programme: 'Chương trình quốc gia phòng, chống ma túy', events: 701, participants: 52_433 },
    { programme: 'Chương trình mục tiêu 3 giảm', events: 615, participants: 75_570 },
  ],
  awards: { form: 'Giấy khen', collectives: 19, individuals: 18 },
  models: 150,
} as const;

const TOPICS = [
  'Phòng, chống tội phạm và tệ nạn xã hội',
  'Phòng, chống ma túy trong thanh thiếu niên',
  'Cảnh giác với thủ đoạn lừa đảo chiếm đoạt tài sản',
  'Phòng, chống trộm cắp tài sản trong khu dân cư',
  'Phòng cháy, chữa cháy và cứu nạn, cứu hộ',
  'Bảo đảm trật tự an toàn giao thông',
  'Quản lý cư trú, nhà trọ và người lưu trú',
];
const TIP_SUMMARIES = [
  'Phát hiện đối tượng lạ mặt lảng vảng, nghi trộm cắp tài sản',
  'Báo tin nhóm thanh niên tụ tập gây mất trật tự lúc khuya',
  'Nghi có người sử dụng trái phép chất ma túy trong phòng trọ',
  'Báo tin đánh bạc trong khu dân cư',
  'Phát hiện xe máy nghi là tài sản trộm cắp',
  'Báo tin người lạ đến tạm trú không khai báo',
  'Phát hiện đối tượng cướp giật tài sản trên đường',
  'Báo tin tranh chấp, xô xát giữa các hộ dân',
];
const CHANNEL_WEIGHTS: Record<TipChannel, number> = { truc_tiep: 35, dien_thoai: 30, zalo: 10, mo_hinh: 20, khac: 5 };

const MONTHS: string[] = [];
for (let year = 2013; year <= 2018; year += 1) for (let month = 1; month <= (year === 2018 ? 9 : 12); month += 1) MONTHS.push(`${year}-${String(month).padStart(2, '0')}`);

/** Splits `total` in proportion to `weights`, in whole numbers that add up to it exactly (largest remainder). */
export function splitExactly(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((weight) => (total * weight) / sum);
  const parts = shares.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = shares.map((share, index) => ({ index, rest: share - Math.floor(share) })).sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (const { index } of order) {
    if (left === 0) break;
    parts[index] = (parts[index] as number) + 1;
    left -= 1;
  }
  return parts;
}

interface Cell {
  wardId: string;
  month: string;
  weight: number;
}

/** Every ward and month, weighted by the ward's size and a slow growth of the movement over the years. */
function monthCells(rng: Rng, wards: { id: string }[]): Cell[] {
  const wardWeights = wards.map(() => 0.6 + rng.next() * 0.8);
  return MONTHS.flatMap((month, monthIndex) =>
    wards.map((ward, wardIndex) => ({ wardId: ward.id, month, weight: (wardWeights[wardIndex] as number) * (1 + monthIndex / 120) * (0.8 + rng.next() * 0.4) })),
  );
}

/** Monthly totals per ward adding up to `events` and `participants`; cells that get no event are left out. */
function monthlyTotals(rng: Rng, cells: Cell[], events: number, participants: number, atLeastOne: boolean) {
  const counts = atLeastOne ? splitExactly(events - cells.length, cells.map((cell) => cell.weight)).map((count) => count + 1) : splitExactly(events, cells.map((cell) => cell.weight));
  const held = cells.map((cell, index) => ({ ...cell, events: counts[index] as number })).filter((cell) => cell.events > 0);
  const people = splitExactly(participants, held.map((cell) => cell.events * (0.7 + rng.next() * 0.6)));
  return held.map((cell, index) => ({ ...cell, participants: people[index] as number }));
}

/** `count` distinct positions out of `of`, drawn from the stream. */
function choose(rng: Rng, count: number, of: number): Set<number> {
  const positions = Array.from({ length: of }, (_, index) => index);
  for (let index = 0; index < count; index += 1) {
    const other = rng.int(index, of - 1);
    [positions[index], positions[other]] = [positions[other] as number, positions[index] as number];
  }
  return new Set(positions.slice(0, count));
}

const BATCH = 500;

export async function generateScenario(ctx: Context, scenario: Scenario): Promise<Record<string, number>> {
  if (scenario !== 'quan6-2013-2018') throw new Error(`Unknown scenario ${scenario as string}`);
  const figures = QUAN6_FIGURES;
  const rng = random(20181025);
  const now = nowIso();
  const stamps = { createdAt: now, updatedAt: now, createdBy: ctx.user.id, updatedBy: ctx.user.id, deletedAt: null };

  const summary = await ctx.db.transaction().execute(async (trx) => {
    const records = await Promise.all((['models', 'subjects', 'activities', 'tips', 'nominations'] as const).map((table) => trx.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()));
    if (records.some((row) => Number(row.n) > 0)) throw new Error('Kịch bản chỉ được tạo trong một tệp dữ liệu mẫu mới, chưa có bản ghi nào.');
    await trx.insertInto('settings').values({ key: DEMO_MARKER, value: JSON.stringify({ scenario }), updatedAt: now, updatedBy: ctx.user.id }).execute();
    const wards = (await trx.selectFrom('wards').select(['id', 'name']).where('deletedAt', 'is', null).orderBy('sortKey').execute()).filter((ward) => /^Phường \d+$/.test(ward.name));
    if (wards.length === 0) throw new Error('Danh mục phường không còn Phường 1–14 của Quận 6: không thể tạo kịch bản này.');
    const neighbourhoods: { id: string; wardId: string; name: string }[] = [];
    for (const ward of wards) {
      const rows = Array.from({ length: 6 }, (_, index) => ({ ...stamps, id: crypto.randomUUID(), wardId: ward.id, name: `Khu phố ${index + 1}`, active: 1, sortKey: collationKey(`Khu phố ${index + 1}`) }));
      await trx.insertInto('neighbourhoods').values(rows).execute();
      neighbourhoods.push(...rows);
    }
    const types = await trx.selectFrom('modelTypes').select(['id', 'name']).where('deletedAt', 'is', null).orderBy('sortKey').execute();
    const { members } = await generateModels(trx, rng, { count: figures.models, types, wards, neighbourhoods, stamps, history: { foundedFrom: 2010, thisYear: 2019 } });
    const people = await generatePeople(ctx, trx, random(0x5eed5eed), { count: figures.subjects, wards, neighbourhoods, stamps, history: { earliestStart: figures.from, today: figures.to } });

    // Sessions and campaigns: monthly totals per ward.
    const cells = monthCells(rng, wards);
    const programmes = await trx.selectFrom('programmes').select(['id', 'name']).where('deletedAt', 'is', null).execute();
    const activityRows: Insertable<ActivitiesTable>[] = [];
    const activity = (cell: Cell & { events: number; participants: number }, values: Pick<ActivitiesTable, 'kind' | 'topic' | 'programmeId' | 'organiser'>) =>
      activityRows.push({ ...stamps, id: crypto.randomUUID(), period: cell.month, events: cell.events, wardId: cell.wardId, neighbourhoodId: null, modelId: null, participants: cell.participants, note: null, ...values });
    const wardName = new Map(wards.map((ward) => [ward.id, ward.name]));
    for (const cell of monthlyTotals(rng, cells, figures.sessions.events, figures.sessions.participants, true)) {
      activity(cell, { kind: 'tuyen_truyen', topic: rng.pick(TOPICS), programmeId: null, organiser: `Công an ${wardName.get(cell.wardId)}` });
    }
    for (const campaign of figures.campaigns) {
      const programme = programmes.find((row) => row.name === campaign.programme);
      if (!programme) throw new Error(`Danh mục chương trình không còn "${campaign.programme}".`);
      for (const cell of monthlyTotals(rng, cells, campaign.events, campaign.participants, false)) {
        activity(cell, { kind: 'van_dong', topic: null, programmeId: programme.id, organiser: `Ủy ban MTTQ ${wardName.get(cell.wardId)}` });
      }
    }
    for (let index = 0; index < activityRows.length; index += BATCH) await trx.insertInto('activities').values(activityRows.slice(index, index + BATCH)).execute();

    // Tips one by one: a day in a ward's month, the outcome drawn so that the totals are exact.
    const tipCounts = splitExactly(figures.tips.tips, cells.map((cell) => cell.weight));
    const valuable = choose(rng, figures.tips.valuable, figures.tips.tips);
    const valuablePositions = [...valuable];
    const cases = new Set([...choose(rng, figures.tips.cases, figures.tips.valuable)].map((position) => valuablePositions[position] as number));
    const models = await trx.selectFrom('models').select(['id', 'wardId']).execute();
    const tipRows: Insertable<TipsTable>[] = [];
    cells.forEach((cell, cellIndex) => {
      const wardModels = models.filter((model) => model.wardId === cell.wardId);
      for (let k = 0; k < (tipCounts[cellIndex] as number); k += 1) {
        const position = tipRows.length;
        const lastDay = new Date(Date.UTC(Number(cell.month.slice(0, 4)), Number(cell.month.slice(5, 7)), 0)).getUTCDate();
        let channel = rng.weighted(TIP_CHANNELS.map((name) => [name, CHANNEL_WEIGHTS[name]] as const));
        if (channel === 'mo_hinh' && wardModels.length === 0) channel = 'truc_tiep';
        const caseHandled = cases.has(position);
        tipRows.push({
          ...stamps,
          id: crypto.randomUUID(),
          receivedOn: `${cell.month}-${String(rng.int(1, lastDay)).padStart(2, '0')}`,
          wardId: cell.wardId,
          neighbourhoodId: null,
          channel,
          modelId: channel === 'mo_hinh' ? rng.pick(wardModels).id : null,
          summary: rng.pick(TIP_SUMMARIES),
          valuable: valuable.has(position) ? 1 : 0,
          caseHandled: caseHandled ? 1 : 0,
          caseReference: caseHandled ? `Vụ việc số ${position + 1}/${cell.month.slice(0, 4)}` : null,
          note: null,
        });
      }
    });
    for (let index = 0; index < tipRows.length; index += BATCH) await trx.insertInto('tips').values(tipRows.slice(index, index + BATCH)).execute();
    return { models: figures.models, members, subjects: people.subjects, reviews: people.reviews, activities: activityRows.length, tips: tipRows.length };
  });

  const awards = await awardRound(ctx, rng);
  await writeAudit(ctx.db, ctx, { entity: 'setting', entityId: DEMO_MARKER, action: 'create', after: { demo: { scenario, ...summary, nominations: awards } } });
  return { ...summary, nominations: awards };
}

/** The 2013–2018 round through the awards service: 19 models and 18 of their members given Giấy khen, and a few not approved. */
async function awardRound(ctx: Context, rng: Rng): Promise<number> {
  const parse = <M extends Method>(name: M, input: unknown) => methods[name].input.parse(input) as ParsedInput<M>;
  const round = await createRound(
    ctx,
    parse('rounds.create', { name: 'Sơ kết 05 năm Chương trình 09, giai đoạn 2013–2018', occasion: 'Hội nghị sơ kết 05 năm thực hiện Chương trình số 09/CTr-BCA-MTTW', periodFrom: 2013, periodTo: 2018, authority: 'Ủy ban nhân dân quận 6' }),
  );
  const form = await ctx.db.selectFrom('awardForms').select('id').where('name', '=', QUAN6_FIGURES.awards.form).executeTakeFirstOrThrow();
  const models = await ctx.db.selectFrom('models').select(['id', 'name', 'wardId']).where('status', '=', 'hoat_dong').orderBy('sortKey').execute();
  const chosen = [...choose(rng, QUAN6_FIGURES.awards.collectives + 2, models.length)].map((position) => models[position]!);
  const nominees: { kind: 'tap_the' | 'ca_nhan'; modelId?: string; memberId?: string; nomineeName: string; wardId: string; given: boolean }[] = [];
  chosen.forEach((model, index) => nominees.push({ kind: 'tap_the', modelId: model.id, nomineeName: model.name, wardId: model.wardId, given: index < QUAN6_FIGURES.awards.collectives }));
  for (const [index, model] of chosen.slice(0, QUAN6_FIGURES.awards.individuals + 1).entries()) {
    const leader = await ctx.db.selectFrom('modelMembers').select(['id', 'fullName']).where('modelId', '=', model.id).where('role', '=', 'Tổ trưởng').executeTakeFirstOrThrow();
    nominees.push({ kind: 'ca_nhan', memberId: leader.id, nomineeName: leader.fullName, wardId: model.wardId, given: index < QUAN6_FIGURES.awards.individuals });
  }
  for (const nominee of nominees) {
    const { given, ...values } = nominee;
    const created = await createNomination(
      ctx,
      parse('nominations.create', { ...values, roundId: round.id, formId: form.id, proposedAuthority: 'Ủy ban nhân dân quận 6', achievement: 'Có thành tích xuất sắc trong thực hiện Chương trình số 09/CTr-BCA-MTTW giai đoạn 2013 – 2018.' }),
    );
    await changeNominationStatus(ctx, parse('nominations.changeStatus', { id: created.id, status: 'da_trinh', changedOn: '2018-10-05' }));
    if (!given) {
      await changeNominationStatus(ctx, parse('nominations.changeStatus', { id: created.id, status: 'khong_duyet', changedOn: '2018-10-20', note: 'Chưa đủ tiêu chuẩn.' }));
      continue;
    }
    const decision = { decisionNumber: '2156/QĐ-UBND', decisionDate: '2018-10-22' };
    await changeNominationStatus(ctx, parse('nominations.changeStatus', { id: created.id, status: 'duoc_duyet', changedOn: '2018-10-22', ...decision }));
    await changeNominationStatus(ctx, parse('nominations.changeStatus', { id: created.id, status: 'da_trao', changedOn: '2018-10-25', ...decision }));
  }
  return nominees.length;
}
