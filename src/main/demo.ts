/**
 * Deterministic synthetic data for District 6 (Quận 6, TP. Hồ Chí Minh): self-governance models of the
 * five seeded types across the wards, with members and yearly evaluations. The same generator feeds the
 * demo database, the tests and the benchmarks; `scale` 1 is 100 models and about 1.000 members.
 * It only ever writes into a database that is empty or already marked as demo data.
 */
import { MODEL_STATUSES, RATINGS, type ModelStatus, type Rating } from '../shared/models';
import { collationKey, foldForSearch, personNameKey } from '../shared/text';
import type { Insertable } from 'kysely';
import type { ModelEvaluationsTable, ModelMembersTable, ModelsTable } from './db/schema';
import { nowIso, writeAudit, type Context } from './services/context';

export const DEFAULT_DEMO_SCALE = 1;
export const DEMO_MARKER = 'app:demo';
const MODELS_PER_SCALE = 100;
const BATCH = 400;

export interface DemoSummary {
  models: number;
  members: number;
  evaluations: number;
  neighbourhoods: number;
}

/** mulberry32: small, fast and good enough to make the same data from the same seed everywhere. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, int, pick };
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Võ', 'Phan', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Trương', 'Lâm', 'Quách'];
const MIDDLE_MALE = ['Văn', 'Minh', 'Hữu', 'Quốc', 'Thanh', 'Đức', 'Công', 'Hoàng', 'Tấn', 'Văn Hoài'];
const MIDDLE_FEMALE = ['Thị', 'Thị Thanh', 'Ngọc', 'Thị Huỳnh', 'Thu', 'Thị Kim', 'Mỹ', 'Thị Ngọc'];
const GIVEN_MALE = ['Bình', 'An', 'Hùng', 'Tuấn', 'Dũng', 'Phúc', 'Long', 'Khoa', 'Sơn', 'Tài', 'Lộc', 'Ướt', 'Hải', 'Quang', 'Thắng', 'Việt'];
const GIVEN_FEMALE = ['Lan', 'Hoa', 'Quỳnh', 'Thảo', 'Hằng', 'Nga', 'Trang', 'Yến', 'Hương', 'Ngọc', 'Vy', 'Mai', 'Linh', 'Tuyết'];
const STREETS = ['Hậu Giang', 'Kinh Dương Vương', 'Hồng Bàng', 'Minh Phụng', 'Bình Tiên', 'Phạm Văn Chí', 'Lò Gốm', 'Bà Hom', 'Văn Thân', 'Tân Hóa', 'Bình Phú', 'Mai Xuân Thưởng', 'Nguyễn Văn Luông', 'Bãi Sậy', 'Tháp Mười', 'Cao Văn Lầu', 'An Dương Vương', 'Chợ Lớn'];
const PLACES = ['chợ Bình Tây', 'chợ Phú Lâm', 'bến xe Chợ Lớn', 'chợ Bình Tiên', 'công viên Phú Lâm', 'chợ Cây Gõ'];
const ROLES = ['Tổ viên', 'Tổ viên', 'Tổ viên', 'Tổ viên', 'Tổ phó', 'Thư ký'];
const NOTES = [
  'Phối hợp Công an phường tuần tra, giữ gìn trật tự khu vực.',
  'Cung cấp nhiều tin có giá trị giúp Công an phường giải quyết vụ việc.',
  'Duy trì sinh hoạt định kỳ hằng tháng, nắm tình hình người thuê trọ.',
  'Tham gia vận động người lầm lỡ hoàn lương, tái hòa nhập cộng đồng.',
  'Kịp thời phát hiện, ngăn chặn trộm cắp tài sản tại khu phố.',
];

function personName(rng: ReturnType<typeof random>) {
  const female = rng.next() < 0.4;
  return `${rng.pick(FAMILY)} ${rng.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE)} ${rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE)}`;
}

const phoneNumber = (rng: ReturnType<typeof random>) => `09${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;

function modelName(typeIndex: number, serial: number, rng: ReturnType<typeof random>, neighbourhood: string, wardName: string) {
  switch (typeIndex) {
    case 0:
      return `Đội công tác xã hội tình nguyện ${neighbourhood.toLowerCase()}, ${wardName}`;
    case 1:
      return `Tổ xe ôm tự quản ${rng.pick(PLACES)} số ${serial}`;
    case 2:
      return `Nhà trọ tự quản số ${rng.int(1, 450)} ${rng.pick(STREETS)}`;
    case 3:
      return `Nghiệp đoàn bốc xếp tự quản ${rng.pick(PLACES)} số ${serial}`;
    default:
      return `Tiếng chuông báo trộm ${neighbourhood.toLowerCase()} cụm ${serial}`;
  }
}

export async function generateDemoData(ctx: Context, options: { scale: number; seed?: number }): Promise<DemoSummary> {
  const rng = random(options.seed ?? 20181025);
  const modelCount = Math.max(1, Math.round(options.scale * MODELS_PER_SCALE));
  const now = nowIso();
  const stamps = { createdAt: now, updatedAt: now, createdBy: ctx.user.id, updatedBy: ctx.user.id, deletedAt: null };
  const uuid = () => crypto.randomUUID();

  return ctx.db.transaction().execute(async (trx) => {
    const marker = await trx.selectFrom('settings').select('key').where('key', '=', DEMO_MARKER).executeTakeFirst();
    const existing = await trx.selectFrom('models').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (!marker && Number(existing.n) > 0) {
      throw new Error('Cơ sở dữ liệu này chứa dữ liệu thật: không thể thêm dữ liệu mẫu vào đó.');
    }
    await trx.insertInto('settings').values({ key: DEMO_MARKER, value: JSON.stringify({ scale: options.scale }), updatedAt: now, updatedBy: ctx.user.id })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: JSON.stringify({ scale: options.scale }), updatedAt: now }))
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
      const rows = Array.from({ length: 8 }, (_, index) => ({ ...stamps, id: uuid(), wardId: ward.id, name: `Khu phố ${index + 1}`, active: 1, sortKey: collationKey(`Khu phố ${index + 1}`) }));
      await trx.insertInto('neighbourhoods').values(rows).execute();
      neighbourhoods.push(...rows);
    }

    let members = 0;
    let evaluations = 0;
    const thisYear = new Date().getFullYear();
    for (let start = 0; start < modelCount; start += BATCH) {
      const modelRows: Insertable<ModelsTable>[] = [];
      const memberRows: Insertable<ModelMembersTable>[] = [];
      const evaluationRows: Insertable<ModelEvaluationsTable>[] = [];
      for (let index = start; index < Math.min(modelCount, start + BATCH); index += 1) {
        const typeIndex = index % types.length;
        const type = types[typeIndex]!;
        const ward = usedWards[rng.int(0, usedWards.length - 1)]!;
        const wardNeighbourhoods = neighbourhoods.filter((n) => n.wardId === ward.id);
        const neighbourhood = rng.pick(wardNeighbourhoods);
        const name = modelName(typeIndex, Math.floor(index / types.length) + 1, rng, neighbourhood.name, ward.name);
        const foundedYear = rng.int(2008, thisYear - 1);
        const status: ModelStatus = rng.next() < 0.85 ? 'hoat_dong' : rng.pick(MODEL_STATUSES);
        const leaderName = personName(rng);
        const leaderPhone = phoneNumber(rng);
        const address = `${rng.int(1, 520)} ${rng.pick(STREETS)}, ${neighbourhood.name}, ${ward.name}`;
        const memberCount = rng.int(4, 16);
        const id = uuid();
        modelRows.push({
          ...stamps,
          id,
          name,
          typeId: type.id,
          wardId: ward.id,
          neighbourhoodId: neighbourhood.id,
          address,
          foundedOn: `${foundedYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
          foundingDecision: `${rng.int(1, 250)}/QĐ-UBND`,
          leaderName,
          leaderPhone,
          status,
          note: null,
          memberCount,
          searchText: foldForSearch([name, type.name, ward.name, neighbourhood.name, address, leaderName, leaderPhone].join(' ')),
          sortKey: collationKey(name),
        });
        for (let m = 0; m < memberCount; m += 1) {
          const fullName = m === 0 ? leaderName : personName(rng);
          memberRows.push({
            ...stamps,
            id: uuid(),
            modelId: id,
            fullName,
            role: m === 0 ? 'Tổ trưởng' : rng.pick(ROLES),
            phone: rng.next() < 0.8 ? phoneNumber(rng) : null,
            address: `${rng.int(1, 520)} ${rng.pick(STREETS)}, ${ward.name}`,
            sortKey: personNameKey(fullName),
          });
        }
        for (let year = Math.max(foundedYear + 1, thisYear - 3); year < thisYear; year += 1) {
          const rating: Rating = rng.next() < 0.5 ? 'tot' : rng.pick(RATINGS);
          evaluationRows.push({
            ...stamps,
            id: uuid(),
            modelId: id,
            year,
            rating,
            tipsPassed: rng.int(0, 30),
            offendersCaught: rng.int(0, 6),
            incidentsPrevented: rng.int(0, 10),
            notes: rng.pick(NOTES),
          });
        }
      }
      await trx.insertInto('models').values(modelRows).execute();
      for (let i = 0; i < memberRows.length; i += BATCH) await trx.insertInto('modelMembers').values(memberRows.slice(i, i + BATCH)).execute();
      for (let i = 0; i < evaluationRows.length; i += BATCH) await trx.insertInto('modelEvaluations').values(evaluationRows.slice(i, i + BATCH)).execute();
      members += memberRows.length;
      evaluations += evaluationRows.length;
    }
    const summary = { models: modelCount, members, evaluations, neighbourhoods: neighbourhoods.length };
    await writeAudit(trx, ctx, { entity: 'setting', entityId: DEMO_MARKER, action: 'create', after: { demo: summary } });
    return summary;
  });
}
