/**
 * Deterministic synthetic data for District 6 (Quận 6, TP. Hồ Chí Minh): self-governance models of the
 * five seeded types across the wards, with members and yearly evaluations, and assisted individuals
 * with their monthly reviews and status history. The same generator feeds the demo database, the tests
 * and the benchmarks; `scale` 1 is 100 models, about 1.000 members and 100 people with about 1.000
 * reviews. It only ever writes into a database that is empty or already marked as demo data.
 * Names and their order come from the seed alone; ids are random (time-ordered for the people and
 * their rows), and dates are relative to today.
 */
import type { Insertable } from 'kysely';
import { MODEL_STATUSES, RATINGS, type ModelStatus, type Rating } from '../shared/models';
import type { Gender, ReintegrationGroup, ReviewResult, SubjectStatus } from '../shared/subjects';
import { collationKey, foldForSearch, personNameKey } from '../shared/text';
import { rowWriter, type RowWriter } from './db/bulk';
import type { ModelEvaluationsTable, ModelMembersTable, ModelsTable, SubjectsTable } from './db/schema';
import { nowIso, writeAudit, type Context, type Trx } from './services/context';
import { modelDerivedColumns } from './services/models';
import { derivedColumns, reviewAnchorOf, START_REASON } from './services/subjects';
import { addDays, addMonths, localToday } from '../shared/dates';

export const DEFAULT_DEMO_SCALE = 1;
export const DEMO_MARKER = 'app:demo';
const MODELS_PER_SCALE = 100;
const PEOPLE_PER_SCALE = 100;
const BATCH = 400;

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
  /** Picks an item with probability proportional to its weight. */
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    let left = next() * items.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [item, weight] of items) {
      left -= weight;
      if (left < 0) return item;
    }
    return items[items.length - 1]![0];
  };
  return { next, int, pick, weighted };
}
type Rng = ReturnType<typeof random>;

/**
 * Ids for generated rows in the UUID version 7 layout (RFC 9562): the time, then a counter, then random
 * bits. Rows then arrive in id order, so a million inserts append to the indexes instead of landing
 * at random places in them (several times faster than random version 4 ids at that size).
 */
function orderedIds() {
  const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');
  const time = hex(Date.now(), 12);
  let counter = 0;
  return () => {
    counter += 1; // 36 bits: 12 in rand_a, 24 at the start of rand_b
    const high = Math.floor(counter / 2 ** 24);
    const low = counter % 2 ** 24;
    const random = crypto.randomUUID().slice(-9); // randomUUID draws from a cached pool: cheap
    return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(high & 0xfff, 3)}-${hex(0x8000 | (low >>> 10), 4)}-${hex(low & 0x3ff, 3)}${random}`;
  };
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

function personName(rng: Rng) {
  const female = rng.next() < 0.4;
  return `${rng.pick(FAMILY)} ${rng.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE)} ${rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE)}`;
}

const phoneNumber = (rng: Rng) => `09${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;

/**
 * As real rosters: some models' founding is known only to the year or the month ("2014", "03/2016"),
 * and some papers declare more members than are listed. Chosen by position, not drawn, so the random
 * stream (and every other value) stays what it was.
 */
function foundedOn(index: number, fullDate: string): string {
  // Not a multiple of the five model types, so every type has some of each.
  if (index % 7 === 1) return fullDate.slice(0, 4);
  if (index % 7 === 4) return fullDate.slice(0, 7);
  return fullDate;
}

function declaredMemberCount(index: number, listed: number): number | null {
  if (index % 4 === 0) return null;
  return index % 4 === 1 ? listed + (index % 7) : listed;
}

function modelName(typeIndex: number, serial: number, rng: Rng, neighbourhood: string, wardName: string) {
  switch (typeIndex) {
    case 0:
      return `Đội công tác xã hội tình nguyện số ${serial} ${neighbourhood.toLowerCase()}, ${wardName}`;
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

export async function generateDemoData(ctx: Context, options: DemoOptions): Promise<DemoSummary> {
  const seed = options.seed ?? 20181025;
  const rng = random(seed);
  const modelCount = Math.max(1, Math.round(options.scale * MODELS_PER_SCALE));
  const peopleCount = Math.max(0, Math.round(options.people ?? options.scale * PEOPLE_PER_SCALE));
  const now = nowIso();
  const stamps = { createdAt: now, updatedAt: now, createdBy: ctx.user.id, updatedBy: ctx.user.id, deletedAt: null };
  const uuid = () => crypto.randomUUID();

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
      const rows = Array.from({ length: 8 }, (_, index) => ({ ...stamps, id: uuid(), wardId: ward.id, name: `Khu phố ${index + 1}`, active: 1, sortKey: collationKey(`Khu phố ${index + 1}`) }));
      await trx.insertInto('neighbourhoods').values(rows).execute();
      neighbourhoods.push(...rows);
    }

    let members = 0;
    let evaluations = 0;
    const thisYear = new Date().getFullYear();
    const usedNames = new Set<string>();
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
        // Two models of one ward never share a name (an import tells models apart by name and ward).
        let name = modelName(typeIndex, Math.floor(index / types.length) + 1, rng, neighbourhood.name, ward.name);
        while (usedNames.has(`${ward.id} ${name}`)) name = modelName(typeIndex, Math.floor(index / types.length) + 1, rng, neighbourhood.name, ward.name);
        usedNames.add(`${ward.id} ${name}`);
        const foundedYear = rng.int(2008, thisYear - 1);
        const status: ModelStatus = rng.next() < 0.85 ? 'hoat_dong' : rng.pick(MODEL_STATUSES);
        const leaderName = personName(rng);
        const leaderPhone = phoneNumber(rng);
        const address = `${rng.int(1, 520)} ${rng.pick(STREETS)}, ${neighbourhood.name}, ${ward.name}`;
        const memberCount = rng.int(4, 16);
        const id = uuid();
        // In this order: the random draws of the founding date come before the decision's (seeded demo data stays the same).
        const founded = foundedOn(index, `${foundedYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`);
        const foundingDecision = `${rng.int(1, 250)}/QĐ-UBND`;
        modelRows.push({
          ...stamps,
          id,
          name,
          typeId: type.id,
          wardId: ward.id,
          neighbourhoodId: neighbourhood.id,
          address,
          foundedOn: founded,
          foundingDecision,
          leaderName,
          leaderPhone,
          status,
          note: null,
          memberCount,
          declaredMemberCount: declaredMemberCount(index, memberCount),
          ...modelDerivedColumns({ name, typeName: type.name, wardName: ward.name, neighbourhoodName: neighbourhood.name, address, leaderName, leaderPhone, foundingDecision }),
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
    // People come from their own stream, so they do not change with the number of models.
    const people = await generatePeople(ctx, trx, random(seed ^ 0x5eed5eed), { count: peopleCount, wards: usedWards, neighbourhoods, stamps });
    const summary = { models: modelCount, members, evaluations, neighbourhoods: neighbourhoods.length, subjects: people.subjects, reviews: people.reviews };
    await writeAudit(trx, ctx, { entity: 'setting', entityId: DEMO_MARKER, action: 'create', after: { demo: summary } });
    return summary;
  });
}

// ---------------------------------------------------------------- assisted individuals

const ALIASES = ['Tèo', 'Tí', 'Cu', 'Bờm', 'Sún', 'Mập', 'Còi', 'Đen', 'Sẹo', 'Út', 'Hai Lúa', 'Ba Đen', 'Tư Mập', 'Bảy Sẹo', 'Năm Còi'];
const JOBS = [
  'Làm thuê tự do',
  'Phụ hồ',
  'Chạy xe ôm công nghệ',
  'Bán hàng ở chợ Bình Tây',
  'Công nhân may',
  'Phụ quán ăn',
  'Sửa xe máy',
  'Bốc xếp ở chợ Bình Tây',
  'Buôn bán nhỏ tại nhà',
  'Đang học nghề hàn',
  'Chưa có việc làm',
];
const CRIMES = ['Trộm cắp tài sản', 'Cướp giật tài sản', 'Cố ý gây thương tích', 'Tàng trữ trái phép chất ma túy', 'Đánh bạc', 'Lừa đảo chiếm đoạt tài sản', 'Gây rối trật tự công cộng'];
const PETTY_OFFENCES = ['trộm cắp vặt', 'đánh nhau gây mất trật tự', 'sử dụng trái phép chất ma túy', 'đánh bạc', 'gây rối trật tự công cộng'];
const REHAB_CENTRES = ['Phú Văn', 'Bình Đức', 'Nhị Xuân', 'Phú Nghĩa', 'Bố Lá'];
const MOVED_TO = ['Bình Dương', 'Long An', 'Đồng Nai', 'Tiền Giang', 'phường An Lạc', 'phường Chánh Hưng'];
const REVIEW_NOTES: Record<ReviewResult, string[]> = {
  tien_bo: [
    'Chấp hành tốt quy định nơi cư trú, tích cực lao động.',
    'Có việc làm ổn định, quan hệ tốt với gia đình và hàng xóm.',
    'Tham gia sinh hoạt khu phố đầy đủ, không vi phạm.',
  ],
  chua_tien_bo: [
    'Chưa có việc làm ổn định, còn tụ tập với bạn bè xấu.',
    'Còn uống rượu bia nhiều, cần tiếp tục theo dõi.',
    'Gia đình phản ánh còn lười lao động, chưa chịu khó làm ăn.',
  ],
  vi_pham: [
    'Vi phạm hành chính (gây mất trật tự công cộng), đã bị xử phạt.',
    'Không đến trình diện, bỏ sinh hoạt theo quy định.',
    'Phát hiện sử dụng trái phép chất ma túy, đã lập biên bản.',
  ],
};

type CategoryKind = 'prison' | 'education' | 'drugs' | 'minor' | 'other';
const CATEGORY_WEIGHTS: Record<CategoryKind, number> = { prison: 40, education: 18, drugs: 25, minor: 8, other: 9 };

/** Which of the seeded categories a (possibly renamed or added) category is, to write a fitting history. */
function categoryKind(name: string): CategoryKind {
  const folded = foldForSearch(name);
  if (folded.includes('phat tu')) return 'prison';
  if (folded.includes('cai nghien')) return 'drugs';
  if (folded.includes('chua thanh nien')) return 'minor';
  if (folded.includes('giao duc')) return 'education';
  return 'other';
}

const STATUS_WEIGHTS: (readonly [SubjectStatus, number])[] = [
  ['dang_giup_do', 78],
  ['da_tien_bo', 10],
  ['ket_thuc', 4],
  ['tai_pham', 3],
  ['chuyen_di', 3],
  ['da_chet', 2],
];
const GROUP_WEIGHTS: (readonly [ReintegrationGroup, number])[] = [
  ['A', 50],
  ['B', 30],
  ['C', 15],
  ['D', 5],
];
/** The share of a person's reviews that read "tiến bộ", by group (other categories: 0.7). */
const PROGRESS: Record<ReintegrationGroup, number> = { A: 0.85, B: 0.7, C: 0.45, D: 0.6 };
/** Helper organisations in seeded order (Công an khu vực, Phụ nữ, Đoàn, Mặt trận, Gia đình); others weigh 10. */
const HELPER_ORG_WEIGHTS = [40, 15, 15, 20, 10];

const pad2 = (value: number) => String(value).padStart(2, '0');
const yearOf = (iso: string) => Number(iso.slice(0, 4));
const minDate = (a: string, b: string) => (a < b ? a : b);

function historyText(kind: CategoryKind, rng: Rng, startDate: string): string {
  const year = yearOf(startDate);
  switch (kind) {
    case 'prison':
      return `Năm ${year - rng.int(2, 6)} bị Tòa án nhân dân ${rng.pick(['Quận 6', 'Quận 8', 'Quận 5', 'TP. Hồ Chí Minh'])} xử phạt ${rng.int(1, 7)} năm tù về tội "${rng.pick(CRIMES)}". Chấp hành xong án phạt tù, về cư trú tại địa phương.`;
    case 'education':
      return `Nhiều lần ${rng.pick(PETTY_OFFENCES)}; Chủ tịch UBND phường quyết định áp dụng biện pháp giáo dục tại xã, phường ${rng.int(3, 6)} tháng.`;
    case 'drugs':
      return `Cai nghiện ma túy bắt buộc tại Cơ sở cai nghiện ${rng.pick(REHAB_CENTRES)} từ năm ${year - rng.int(2, 3)} đến năm ${year}; sau cai nghiện về sống cùng gia đình.`;
    case 'minor':
      return `Khi chưa đủ 18 tuổi đã ${rng.pick(PETTY_OFFENCES)}; gia đình và nhà trường cùng phường quản lý, giáo dục.`;
    default:
      return `Có biểu hiện ${rng.pick(PETTY_OFFENCES)}; gia đình đề nghị phường giúp đỡ.`;
  }
}

function endReason(status: SubjectStatus, rng: Rng): string {
  switch (status) {
    case 'da_tien_bo':
      return 'Hết thời hạn giúp đỡ, tiến bộ rõ rệt, có việc làm ổn định.';
    case 'ket_thuc':
      return 'Hết thời hạn giúp đỡ theo quyết định.';
    case 'tai_pham':
      return `Tái phạm tội "${rng.pick(CRIMES)}", bị khởi tố, tạm giam.`;
    case 'chuyen_di':
      return `Chuyển nơi cư trú về ${rng.pick(MOVED_TO)}.`;
    case 'da_chet':
      return 'Chết do bệnh.';
    default:
      return '';
  }
}

/** 12-digit CCCD (province 079, century and gender digit, year, serial), some older 9-digit CMND, some missing; never twice. */
function idNumberFor(rng: Rng, birthYear: number, gender: Gender, used: Set<string>): string | null {
  const roll = rng.next();
  if (roll < 0.07) return null;
  for (;;) {
    const value =
      roll < 0.17
        ? `02${String(rng.int(0, 9_999_999)).padStart(7, '0')}`
        : `079${(birthYear >= 2000 ? 2 : 0) + (gender === 'nu' ? 1 : 0)}${pad2(birthYear % 100)}${String(rng.int(0, 999_999)).padStart(6, '0')}`;
    if (!used.has(value)) {
      used.add(value);
      return value;
    }
  }
}

interface PeopleCatalogues {
  wards: { id: string; name: string }[];
  neighbourhoods: { id: string; wardId: string; name: string }[];
  categories: { id: string; kind: CategoryKind; usesGroups: boolean }[];
  helperOrgs: { id: string; family: boolean }[];
}

/** What a deliberate second record of someone copies from the first. */
interface DuplicateSource {
  fullName: string;
  gender: Gender;
  birthYear: number;
  birthDate: string | null;
  wardIndex: number;
  idNumber: string | null;
}

/**
 * People with their monthly reviews and status history. The main stream draws the same numbers for a
 * person whatever today is; each person's review dates come from a stream of their own, so the names
 * that follow never depend on the date. Rows are written with prepared statements (a million reviews).
 */
async function generatePeople(
  ctx: Context,
  trx: Trx,
  rng: Rng,
  options: { count: number; wards: { id: string; name: string }[]; neighbourhoods: { id: string; wardId: string; name: string }[]; stamps: { createdAt: string; updatedAt: string; createdBy: string; updatedBy: string; deletedAt: null } },
): Promise<{ subjects: number; reviews: number }> {
  if (options.count === 0) return { subjects: 0, reviews: 0 };
  const categories = await trx.selectFrom('subjectCategories').select(['id', 'name', 'usesGroups']).where('deletedAt', 'is', null).where('active', '=', 1).orderBy('createdAt').execute();
  const helperOrgs = await trx.selectFrom('helperOrgs').select(['id', 'name']).where('deletedAt', 'is', null).where('active', '=', 1).orderBy('createdAt').execute();
  if (categories.length === 0) throw new Error('Danh mục diện đối tượng đang trống: không thể tạo dữ liệu mẫu về đối tượng.');
  const catalogues: PeopleCatalogues = {
    wards: options.wards,
    neighbourhoods: options.neighbourhoods,
    categories: categories.map((category) => ({ id: category.id, kind: categoryKind(category.name), usesGroups: category.usesGroups === 1 })),
    helperOrgs: helperOrgs.map((org) => ({ id: org.id, family: foldForSearch(org.name).includes('gia dinh') })),
  };
  const writer = rowWriter(ctx.db);
  const newId = orderedIds();
  const today = localToday();
  const usedIdNumbers = new Set<string>();
  const duplicateCount = options.count >= 2 ? Math.max(1, Math.round(options.count / 40)) : 0;
  const sources: DuplicateSource[] = [];
  let reviews = 0;
  for (let index = 0; index < options.count; index += 1) {
    const copyOf = index >= options.count - duplicateCount ? sources[rng.int(0, sources.length - 1)] : undefined;
    const person = writePerson(writer, rng, catalogues, { today, usedIdNumbers, stamps: options.stamps, user: ctx.user.id, newId, copyOf });
    if (!copyOf) sources.push(person.source);
    reviews += person.reviews;
  }
  writer.finish();
  return { subjects: options.count, reviews };
}

function writePerson(
  writer: RowWriter,
  rng: Rng,
  catalogues: PeopleCatalogues,
  context: { today: string; usedIdNumbers: Set<string>; stamps: { createdAt: string; updatedAt: string; createdBy: string; updatedBy: string; deletedAt: null }; user: string; newId: () => string; copyOf?: DuplicateSource },
): { source: DuplicateSource; reviews: number } {
  const { today, stamps, newId, copyOf } = context;
  // Who: a name, gender, age and place, unless this is a second record of someone already written.
  const category = rng.weighted(catalogues.categories.map((item) => [item, CATEGORY_WEIGHTS[item.kind]] as const));
  const gender: Gender = copyOf?.gender ?? (rng.next() < (category.kind === 'prison' ? 0.1 : 0.2) ? 'nu' : 'nam');
  const familyName = rng.pick(FAMILY);
  const drawnName = `${familyName} ${rng.pick(gender === 'nu' ? MIDDLE_FEMALE : MIDDLE_MALE)} ${rng.pick(gender === 'nu' ? GIVEN_FEMALE : GIVEN_MALE)}`;
  const fullName = copyOf?.fullName ?? drawnName;
  const givenName = fullName.split(' ').pop() ?? '';
  const alias = rng.next() < 0.15 ? (rng.next() < 0.5 ? `${givenName} ${rng.pick(ALIASES)}` : rng.pick(ALIASES)) : null;
  const status: SubjectStatus = copyOf ? 'dang_giup_do' : rng.weighted(STATUS_WEIGHTS);
  const startAgo = status === 'dang_giup_do' ? rng.int(10, 680) : rng.int(200, 1400);
  const startDate = addDays(today, -startAgo);
  const age = category.kind === 'minor' ? rng.int(14, 17) : rng.int(18, 62);
  const drawnBirthYear = yearOf(startDate) - age;
  const yearOnly = rng.next() < 0.2;
  const drawnBirthDate = `${drawnBirthYear}-${pad2(rng.int(1, 12))}-${pad2(rng.int(1, 28))}`;
  const birthYear = copyOf?.birthYear ?? drawnBirthYear;
  const birthDate = copyOf ? (yearOnly ? null : copyOf.birthDate) : yearOnly ? null : drawnBirthDate;
  const idNumber = copyOf ? (rng.next() < 0.3 ? copyOf.idNumber : null) : idNumberFor(rng, birthYear, gender, context.usedIdNumbers);
  const wardIndex = copyOf?.wardIndex ?? rng.int(0, catalogues.wards.length - 1);
  const ward = catalogues.wards[wardIndex]!;
  const neighbourhood = rng.pick(catalogues.neighbourhoods.filter((item) => item.wardId === ward.id));
  const currentAddress = `${rng.int(1, 520)}/${rng.int(1, 40)} ${rng.pick(STREETS)}, ${neighbourhood.name}, ${ward.name}`;
  const samePermanent = rng.next() < 0.8;
  const otherAddress = `${rng.int(1, 520)} ${rng.pick(STREETS)}, ${rng.pick(catalogues.wards).name}`;
  const permanentAddress = samePermanent ? currentAddress : otherAddress;
  const phone = rng.next() < 0.7 ? phoneNumber(rng) : null;
  const group = rng.weighted(GROUP_WEIGHTS);
  const reintegrationGroup = category.usesGroups ? group : null;
  const history = historyText(category.kind, rng, startDate);

  // The decision and the helper.
  const hasDecision = rng.next() < 0.9;
  const decisionNumber = `${rng.int(1, 450)}/QĐ-UBND`;
  const decisionDate = addDays(startDate, -rng.int(0, 10));
  const org = catalogues.helperOrgs.length > 0 ? rng.weighted(catalogues.helperOrgs.map((item, position) => [item, HELPER_ORG_WEIGHTS[position] ?? 10] as const)) : null;
  const relative = `${familyName} ${rng.pick(MIDDLE_FEMALE)} ${rng.pick(GIVEN_FEMALE)}`;
  const officer = personName(rng);
  const helperName = org?.family ? relative : officer;
  const helperPhone = phoneNumber(rng);

  // When: the planned end, and for those no longer helped the date it stopped.
  const plannedMonths = rng.pick([6, 12, 12, 24]);
  const noPlannedEnd = rng.next() < 0.08;
  const helpedDays = rng.int(60, 600);
  const timeline = random(rng.int(0, 2 ** 31));
  let plannedEndDate: string | null;
  let endedOn: string | null = null;
  if (status === 'dang_giup_do') {
    // The shortest of 1, 2 or 3 years that has not yet run out, so some end within the month.
    const months = [12, 24, 36].find((value) => addMonths(startDate, value) >= today) ?? 36;
    plannedEndDate = noPlannedEnd ? null : addMonths(startDate, months);
  } else {
    plannedEndDate = noPlannedEnd ? null : addMonths(startDate, plannedMonths);
    const onSchedule = (status === 'da_tien_bo' || status === 'ket_thuc') && plannedEndDate !== null && plannedEndDate < today;
    endedOn = minDate(onSchedule && plannedEndDate ? plannedEndDate : addDays(startDate, helpedDays), addDays(today, -1));
  }

  // Monthly reviews, counted back from the last one: most are on time, some due this week, some overdue.
  const roll = timeline.next();
  const lastAgo = roll < 0.6 ? timeline.int(0, 22) : roll < 0.78 ? timeline.int(24, 30) : timeline.int(32, 120);
  const last = endedOn ? addDays(endedOn, -timeline.int(0, 20)) : addDays(today, -lastAgo);
  const earliest = addDays(startDate, 14);
  const dates: string[] = [];
  for (let k = 0; ; k += 1) {
    const date = k === 0 ? last : addDays(addMonths(last, -k), timeline.int(-4, 4));
    if (date < earliest) break;
    if (k > 0 && timeline.next() < 0.07) continue; // a month without a review
    dates.push(date);
  }
  dates.reverse();
  const progress = reintegrationGroup ? PROGRESS[reintegrationGroup] : 0.7;
  const job = timeline.pick(JOBS);
  const lastReviewOn = dates[dates.length - 1] ?? null;

  const id = newId();
  const derived = derivedColumns({ fullName, alias, birthDate, birthYear, idNumber, phone, permanentAddress, currentAddress });
  const row: Insertable<SubjectsTable> = {
    id,
    fullName,
    alias,
    gender,
    birthDate,
    birthYear,
    idNumber,
    phone,
    permanentAddress,
    currentAddress,
    wardId: ward.id,
    neighbourhoodId: neighbourhood.id,
    categoryId: category.id,
    reintegrationGroup,
    history,
    startDate,
    plannedEndDate,
    decisionNumber: hasDecision ? decisionNumber : null,
    decisionDate: hasDecision ? decisionDate : null,
    decisionIssuer: hasDecision ? `UBND ${ward.name}` : null,
    helperName,
    helperOrgId: org?.id ?? null,
    helperPhone,
    status,
    lastReviewOn,
    reviewAnchor: reviewAnchorOf(lastReviewOn, startDate),
    mergedInto: null,
    birthSort: derived.birthSort,
    nameFold: derived.nameFold,
    searchText: derived.searchText,
    sortKey: derived.sortKey,
    createdAt: stamps.createdAt,
    updatedAt: stamps.updatedAt,
    createdBy: stamps.createdBy,
    updatedBy: stamps.updatedBy,
    deletedAt: null,
  };
  writer.insert('subjects', row);
  dates.forEach((reviewedOn, position) => {
    const draw = timeline.next();
    const reoffended = status === 'tai_pham' && position === dates.length - 1;
    const result: ReviewResult = reoffended || draw >= progress + (1 - progress) * 0.8 ? 'vi_pham' : draw < progress ? 'tien_bo' : 'chua_tien_bo';
    const note = timeline.next() < 0.6 ? timeline.pick(REVIEW_NOTES[result]) : null;
    // No spread here: a million object literals of one fixed shape are several times cheaper.
    writer.insert('subjectReviews', {
      id: newId(),
      subjectId: id,
      reviewedOn,
      period: `Tháng ${reviewedOn.slice(5, 7)}/${reviewedOn.slice(0, 4)}`,
      result,
      jobSituation: result === 'tien_bo' ? job : timeline.pick(JOBS),
      notes: note,
      reviewer: helperName,
      createdAt: stamps.createdAt,
      updatedAt: stamps.updatedAt,
      createdBy: stamps.createdBy,
      updatedBy: stamps.updatedBy,
      deletedAt: null,
    });
  });
  const { createdAt } = stamps;
  const createdBy = context.user;
  writer.insert('subjectStatusChanges', { id: newId(), subjectId: id, fromStatus: null, toStatus: 'dang_giup_do', changedOn: startDate, reason: START_REASON, createdAt, createdBy });
  if (endedOn) {
    writer.insert('subjectStatusChanges', { id: newId(), subjectId: id, fromStatus: 'dang_giup_do', toStatus: status, changedOn: endedOn, reason: endReason(status, timeline), createdAt, createdBy });
  }
  return { source: { fullName, gender, birthYear, birthDate, wardIndex, idNumber }, reviews: dates.length };
}
