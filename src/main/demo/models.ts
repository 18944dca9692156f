/** The demo models: self-governance models of the seeded types across the wards, with members and yearly evaluations. */
import type { Insertable } from 'kysely';
import { MODEL_STATUSES, RATINGS, type ModelStatus, type Rating } from '../../shared/models';
import { personNameKey } from '../../shared/text';
import type { ModelEvaluationsTable, ModelMembersTable, ModelsTable } from '../db/schema';
import type { Trx } from '../services/context';
import { modelDerivedColumns } from '../services/models';
import { personName, phoneNumber, PLACES, STREETS } from './names';
import type { Rng } from './random';

const BATCH = 400;

const ROLES = ['Tổ viên', 'Tổ viên', 'Tổ viên', 'Tổ viên', 'Tổ phó', 'Thư ký'];
const NOTES = [
  'Phối hợp Công an phường tuần tra, giữ gìn trật tự khu vực.',
  'Cung cấp nhiều tin có giá trị giúp Công an phường giải quyết vụ việc.',
  'Duy trì sinh hoạt định kỳ hằng tháng, nắm tình hình người thuê trọ.',
  'Tham gia vận động người lầm lỡ hoàn lương, tái hòa nhập cộng đồng.',
  'Kịp thời phát hiện, ngăn chặn trộm cắp tài sản tại khu phố.',
];

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

/** The models in batches of BATCH, with their members and evaluations; how many of those were written. */
export async function generateModels(
  trx: Trx,
  rng: Rng,
  options: {
    count: number;
    types: { id: string; name: string }[];
    wards: { id: string; name: string }[];
    neighbourhoods: { id: string; wardId: string; name: string }[];
    stamps: { createdAt: string; updatedAt: string; createdBy: string; updatedBy: string; deletedAt: null };
    /** A history instead of today's register: founded from `foundedFrom`, evaluated up to the year before `thisYear`. */
    history?: { foundedFrom: number; thisYear: number };
  },
): Promise<{ members: number; evaluations: number }> {
  const { count: modelCount, types, wards: usedWards, neighbourhoods, stamps } = options;
  const uuid = () => crypto.randomUUID();
  let members = 0;
  let evaluations = 0;
  const thisYear = options.history?.thisYear ?? new Date().getFullYear();
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
      const foundedYear = rng.int(options.history?.foundedFrom ?? 2008, thisYear - 1);
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
  return { members, evaluations };
}
