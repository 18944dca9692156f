/** The demo's assisted individuals: records with their monthly reviews and status history, some entered twice on purpose. */
import type { Insertable } from 'kysely';
import { addDays, addMonths, localToday, pad } from '../../shared/dates';
import type { Gender, ReintegrationGroup, SubjectStatus, ReviewResult } from '../../shared/subjects';
import { foldForSearch } from '../../shared/text';
import { rowWriter, type RowWriter } from '../db/bulk';
import type { SubjectsTable } from '../db/schema';
import type { Context, Trx } from '../services/context';
import { derivedColumns, reviewAnchorOf, START_REASON } from '../services/subjects';
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE, MIDDLE_FEMALE, MIDDLE_MALE, personName, phoneNumber, STREETS } from './names';
import { orderedIds, random, type Rng } from './random';
import { ALIASES, categoryKind, endReason, historyText, JOBS, REVIEW_NOTES, yearOf, type CategoryKind } from './subject-texts';

const CATEGORY_WEIGHTS: Record<CategoryKind, number> = { prison: 40, education: 18, drugs: 25, minor: 8, other: 9 };

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

const minDate = (a: string, b: string) => (a < b ? a : b);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** 12-digit CCCD (province 079, century and gender digit, year, serial), some older 9-digit CMND, some missing; never twice. */
function idNumberFor(rng: Rng, birthYear: number, gender: Gender, used: Set<string>): string | null {
  const roll = rng.next();
  if (roll < 0.07) return null;
  for (;;) {
    const value =
      roll < 0.17
        ? `02${String(rng.int(0, 9_999_999)).padStart(7, '0')}`
        : `079${(birthYear >= 2000 ? 2 : 0) + (gender === 'nu' ? 1 : 0)}${pad(birthYear % 100)}${String(rng.int(0, 999_999)).padStart(6, '0')}`;
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
export async function generatePeople(
  ctx: Context,
  trx: Trx,
  rng: Rng,
  options: {
    count: number;
    wards: { id: string; name: string }[];
    neighbourhoods: { id: string; wardId: string; name: string }[];
    stamps: { createdAt: string; updatedAt: string; createdBy: string; updatedBy: string; deletedAt: null };
    /** A history instead of today's register: everyone started between `earliestStart` and `today`, no one entered twice. */
    history?: { earliestStart: string; today: string };
  },
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
  const writer = rowWriter(ctx.db, trx);
  const newId = orderedIds();
  const today = options.history?.today ?? localToday();
  const startWindow = options.history ? daysBetween(options.history.earliestStart, today) : undefined;
  const usedIdNumbers = new Set<string>();
  const duplicateCount = options.count >= 2 && !options.history ? Math.max(1, Math.round(options.count / 40)) : 0;
  const sources: DuplicateSource[] = [];
  let reviews = 0;
  for (let index = 0; index < options.count; index += 1) {
    const copyOf = index >= options.count - duplicateCount ? sources[rng.int(0, sources.length - 1)] : undefined;
    const person = writePerson(writer, rng, catalogues, { today, startWindow, usedIdNumbers, stamps: options.stamps, user: ctx.user.id, newId, copyOf });
    if (!copyOf) sources.push(person.source);
    reviews += person.reviews;
    // A server's writer holds the rows until flushed: 5.000 people (some 50.000 rows) at a time.
    if (index % 5000 === 4999) await writer.flush();
  }
  await writer.finish();
  return { subjects: options.count, reviews };
}

function writePerson(
  writer: RowWriter,
  rng: Rng,
  catalogues: PeopleCatalogues,
  context: { today: string; startWindow: number | undefined; usedIdNumbers: Set<string>; stamps: { createdAt: string; updatedAt: string; createdBy: string; updatedBy: string; deletedAt: null }; user: string; newId: () => string; copyOf?: DuplicateSource },
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
  const startAgo = context.startWindow !== undefined ? rng.int(30, context.startWindow) : status === 'dang_giup_do' ? rng.int(10, 680) : rng.int(200, 1400);
  const startDate = addDays(today, -startAgo);
  const age = category.kind === 'minor' ? rng.int(14, 17) : rng.int(18, 62);
  const drawnBirthYear = yearOf(startDate) - age;
  const yearOnly = rng.next() < 0.2;
  const drawnBirthDate = `${drawnBirthYear}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
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
