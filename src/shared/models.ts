/** Self-governance models (mô hình tự quản, tự phòng): schemas and types shared by every layer. */
import { z } from 'zod';
import { count, id, personName, requiredChoice, optionalCount, optionalDate, optionalPartialDate, optionalText, paging, phone, requiredText, sortDirection, type RowStamps } from './common';
import { foldForSearch } from './text';

export const MODEL_STATUSES = ['hoat_dong', 'tam_ngung', 'giai_the'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

export const RATINGS = ['tot', 'kha', 'trung_binh', 'yeu'] as const;
export type Rating = (typeof RATINGS)[number];

export const modelInput = z.object({
  name: requiredText('Tên mô hình', 200),
  typeId: requiredChoice('Vui lòng chọn loại mô hình.'),
  wardId: requiredChoice('Vui lòng chọn phường.'),
  neighbourhoodId: id.nullish().or(z.literal('')).transform((value) => value || null),
  address: optionalText('Địa chỉ', 300),
  /** Known to the year, month or day: "2014", "2016-03" or "2016-03-05" (shared/text.ts parsePartialDate). */
  foundedOn: optionalPartialDate('Ngày thành lập'),
  foundingDecision: optionalText('Quyết định thành lập', 200),
  leaderName: optionalText('Tổ trưởng / Người phụ trách', 100),
  leaderPhone: phone,
  status: z.enum(MODEL_STATUSES, { message: 'Tình trạng không hợp lệ.' }).default('hoat_dong'),
  /** The member count the model's papers declare, beside the members listed (`memberCount`); null when not given. */
  declaredMemberCount: optionalCount('Số thành viên theo khai báo'),
  note: optionalText('Ghi chú', 2000),
});
export type ModelInput = z.input<typeof modelInput>;
export type ModelValues = z.output<typeof modelInput>;

export interface ModelRow extends ModelValues, RowStamps {
  id: string;
  typeName: string;
  wardName: string;
  neighbourhoodName: string | null;
  memberCount: number;
  latestRating: Rating | null;
  latestRatingYear: number | null;
  deletedAt: string | null;
}

export const memberInput = z.object({
  modelId: id,
  fullName: personName('Họ và tên'),
  role: optionalText('Chức vụ trong mô hình', 100),
  phone,
  address: optionalText('Địa chỉ', 300),
});
export type MemberInput = z.input<typeof memberInput>;
export interface Member extends z.output<typeof memberInput>, RowStamps {
  id: string;
}

/** A leader's role, folded: Tổ trưởng, Trưởng ban, Đội trưởng, Người phụ trách, Chủ nhiệm — not a deputy (Phó trưởng ban). */
const LEADER_ROLE = /\btruong\b|\bphu trach\b|\bchu nhiem\b/;
const DEPUTY_ROLE = /\bpho\b/;

/** Whether a member leads the model: named its leader on the model's record, or holding a leader's role. */
export function isLeader(member: Pick<Member, 'fullName' | 'role'>, leaderName: string | null): boolean {
  if (leaderName && foldForSearch(member.fullName.trim()) === foldForSearch(leaderName.trim())) return true;
  const role = foldForSearch(member.role ?? '');
  return LEADER_ROLE.test(role) && !DEPUTY_ROLE.test(role);
}

/**
 * The members as every list shows them (the record's tab, its printed sheet, the export): the leader
 * (Tổ trưởng) first, then the others, each part in the roster order they came in (by given name).
 */
export function leaderFirst<Row extends Pick<Member, 'fullName' | 'role'>>(members: readonly Row[], leaderName: string | null): Row[] {
  const leaders = members.filter((member) => isLeader(member, leaderName));
  return leaders.length === 0 ? [...members] : [...leaders, ...members.filter((member) => !leaders.includes(member))];
}

const currentYear = () => new Date().getFullYear();
export const evaluationInput = z.object({
  modelId: id,
  year: count('Năm đánh giá', { min: 1990, minMessage: 'Năm đánh giá phải từ 1990 trở đi.' }).refine((year) => year <= currentYear(), 'Năm đánh giá không được sau năm hiện tại.'),
  rating: z.enum(RATINGS, { message: 'Vui lòng chọn xếp loại.' }),
  tipsPassed: count('Số tin báo cung cấp').default(0),
  offendersCaught: count('Số đối tượng bắt giữ').default(0),
  incidentsPrevented: count('Số vụ việc ngăn chặn').default(0),
  notes: optionalText('Kết quả đạt được', 2000),
});
export type EvaluationInput = z.input<typeof evaluationInput>;
export interface Evaluation extends z.output<typeof evaluationInput>, RowStamps {
  id: string;
}

export const statusChangeInput = z.object({
  id,
  status: z.enum(MODEL_STATUSES, { message: 'Tình trạng không hợp lệ.' }),
  changedOn: optionalDate('Ngày thay đổi').refine((value) => value !== null, 'Vui lòng nhập ngày thay đổi.'),
  reason: optionalText('Lý do', 500),
});
export type StatusChangeInput = z.input<typeof statusChangeInput>;
export interface StatusChange {
  id: string;
  fromStatus: ModelStatus | null;
  toStatus: ModelStatus;
  changedOn: string;
  reason: string | null;
  createdBy: string;
  createdAt: string;
}

export const MODEL_SORT_FIELDS = ['name', 'typeName', 'wardName', 'foundedOn', 'status', 'memberCount', 'updatedAt'] as const;

export const modelFilter = z.object({
  search: z.string().max(200).default(''),
  typeId: id.nullish(),
  wardId: id.nullish(),
  status: z.enum(MODEL_STATUSES).nullish(),
  trashed: z.boolean().default(false),
});
export type ModelFilter = z.input<typeof modelFilter>;

export const modelListQuery = modelFilter.extend({
  sort: z.object({ field: z.enum(MODEL_SORT_FIELDS), direction: sortDirection }).nullish(),
  ...paging,
});
export type ModelListQuery = z.input<typeof modelListQuery>;

export interface ModelCounts {
  total: number;
  members: number;
  byType: { id: string; name: string; count: number }[];
  byWard: { id: string; name: string; count: number }[];
  byStatus: { status: ModelStatus; count: number }[];
}

export interface ModelDetail {
  model: ModelRow;
  members: Member[];
  evaluations: Evaluation[];
  statusChanges: StatusChange[];
}
