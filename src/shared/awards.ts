/**
 * Award nominations (đề nghị khen thưởng), grouped in rounds (đợt khen thưởng): schemas and types
 * shared by every layer. A round's list is printed as the official danh sách đề nghị khen thưởng.
 */
import { z } from 'zod';
import { acrossFields, count, id, optionalDate, optionalText, paging, personName, requiredChoice, requiredText, sortDirection, type RowStamps } from './common';

export const NOMINEE_KINDS = ['tap_the', 'ca_nhan'] as const;
export type NomineeKind = (typeof NOMINEE_KINDS)[number];

export const NOMINATION_STATUSES = ['du_thao', 'da_trinh', 'duoc_duyet', 'khong_duyet', 'da_trao'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

/** The workflow: which status may follow which (a submitted nomination may also be withdrawn to draft). */
export const NEXT_STATUSES: Record<NominationStatus, NominationStatus[]> = {
  du_thao: ['da_trinh'],
  da_trinh: ['duoc_duyet', 'khong_duyet', 'du_thao'],
  duoc_duyet: ['da_trao'],
  khong_duyet: [],
  da_trao: [],
};
/** Statuses that need the decision number and date. */
export const DECIDED_STATUSES: NominationStatus[] = ['duoc_duyet', 'da_trao'];

export const ROUND_STATUSES = ['open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** A year; rounds start from 1975, birth years of nominees (often elders of the neighbourhood) go further back. */
const year = (label: string, min = 1975) => count(label, { min, max: 2100, minMessage: `${label} không hợp lệ.`, maxMessage: `${label} không hợp lệ.` });

/** A nominee's birth year: 1900 up to this year. */
const birthYear = count('Năm sinh', { min: 1900, max: 2100, minMessage: 'Năm sinh phải từ 1900 đến nay.', maxMessage: 'Năm sinh phải từ 1900 đến nay.' }).refine(
  (value) => value <= new Date().getFullYear(),
  'Năm sinh phải từ 1900 đến nay.',
);

export const roundInput = z
  .object({
    name: requiredText('Tên đợt khen thưởng', 200),
    occasion: optionalText('Dịp khen thưởng', 500),
    periodFrom: year('Năm bắt đầu'),
    periodTo: year('Năm kết thúc'),
    deadline: optionalDate('Hạn nộp hồ sơ', 'any'),
    authority: optionalText('Cấp khen thưởng', 200),
  })
  .refine(
    ...acrossFields<{ periodFrom: number; periodTo: number }>(['periodFrom', 'periodTo'], (value) => value.periodTo >= value.periodFrom, {
      path: ['periodTo'],
      message: 'Năm kết thúc phải từ năm bắt đầu trở đi.',
    }),
  );
export type RoundInput = z.input<typeof roundInput>;

export interface Round extends z.output<typeof roundInput>, RowStamps {
  id: string;
  status: RoundStatus;
  closedAt: string | null;
  deletedAt: string | null;
}

export interface RoundCounts {
  total: number;
  byKind: { kind: NomineeKind; count: number }[];
  byForm: { id: string; name: string; count: number }[];
  byStatus: { status: NominationStatus; count: number }[];
}

export interface RoundSummary extends Round {
  counts: RoundCounts;
}

export const nominationInput = z
  .object({
    roundId: id,
    kind: z.enum(NOMINEE_KINDS, { message: 'Vui lòng chọn tập thể hoặc cá nhân.' }),
    /** A collective picked from the models register. */
    modelId: id.nullish().or(z.literal('')).transform((value) => value || null),
    /** An individual picked from a model's members. */
    memberId: id.nullish().or(z.literal('')).transform((value) => value || null),
    nomineeName: personName('Tên tập thể / cá nhân được đề nghị'),
    gender: z.enum(['nam', 'nu']).nullish().or(z.literal('')).transform((value) => value || null),
    birthYear: z
      .preprocess(
        (value) => (value === '' || value === undefined ? null : value),
        birthYear.nullable(),
      )
      .optional(),
    position: optionalText('Chức vụ', 200),
    unit: optionalText('Đơn vị / địa chỉ', 300),
    wardId: id.nullish().or(z.literal('')).transform((value) => value || null),
    formId: requiredChoice('Vui lòng chọn hình thức khen thưởng.'),
    proposedAuthority: optionalText('Cấp đề nghị khen thưởng', 200),
    achievement: optionalText('Tóm tắt thành tích', 8000),
    tipsProvided: count('Số tin cung cấp').default(0),
    casesHelped: count('Số vụ việc giúp giải quyết').default(0),
    yearsActive: count('Số năm tham gia').default(0),
    /** Set when the officer has seen the "already awarded for this period" warning and goes on. */
    acknowledgedEarlierAward: z.boolean().default(false),
  })
  .refine(
    ...acrossFields<{ kind: NomineeKind; modelId: string | null }>(['kind', 'modelId'], (value) => value.kind === 'tap_the' || !value.modelId, {
      path: ['modelId'],
      message: 'Chỉ tập thể mới chọn từ sổ mô hình.',
    }),
  )
  .refine(
    ...acrossFields<{ kind: NomineeKind; memberId: string | null }>(['kind', 'memberId'], (value) => value.kind === 'ca_nhan' || !value.memberId, {
      path: ['memberId'],
      message: 'Chỉ cá nhân mới chọn từ thành viên mô hình.',
    }),
  );
export type NominationInput = z.input<typeof nominationInput>;
export type NominationValues = z.output<typeof nominationInput>;

export interface Nomination extends Omit<NominationValues, 'acknowledgedEarlierAward'>, RowStamps {
  id: string;
  roundName: string;
  roundStatus: RoundStatus;
  formName: string;
  wardName: string | null;
  status: NominationStatus;
  decisionNumber: string | null;
  decisionDate: string | null;
  deletedAt: string | null;
}

export const nominationStatusInput = z
  .object({
    id,
    status: z.enum(NOMINATION_STATUSES, { message: 'Vui lòng chọn trạng thái.' }),
    changedOn: optionalDate('Ngày thay đổi').refine((value) => value !== null, 'Vui lòng nhập ngày thay đổi.'),
    decisionNumber: optionalText('Số quyết định', 100),
    decisionDate: optionalDate('Ngày quyết định'),
    note: optionalText('Ghi chú', 500),
  })
  .refine(
    ...acrossFields<{ status: NominationStatus; decisionNumber: string | null }>(
      ['status', 'decisionNumber'],
      (value) => !DECIDED_STATUSES.includes(value.status) || Boolean(value.decisionNumber),
      { path: ['decisionNumber'], message: 'Vui lòng nhập số quyết định khen thưởng.' },
    ),
  )
  .refine(
    ...acrossFields<{ status: NominationStatus; decisionDate: string | null }>(
      ['status', 'decisionDate'],
      (value) => !DECIDED_STATUSES.includes(value.status) || Boolean(value.decisionDate),
      { path: ['decisionDate'], message: 'Vui lòng nhập ngày quyết định khen thưởng.' },
    ),
  );
export type NominationStatusInput = z.input<typeof nominationStatusInput>;

export interface NominationStatusChange {
  id: string;
  fromStatus: NominationStatus | null;
  toStatus: NominationStatus;
  changedOn: string;
  reason: string | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  createdAt: string;
  createdBy: string;
}

export const NOMINATION_SORT_FIELDS = ['nomineeName', 'kind', 'formName', 'status', 'roundName', 'updatedAt'] as const;

export const nominationFilter = z.object({
  search: z.string().max(200).default(''),
  roundId: id.nullish(),
  kind: z.enum(NOMINEE_KINDS).nullish(),
  formId: id.nullish(),
  status: z.enum(NOMINATION_STATUSES).nullish(),
  wardId: id.nullish(),
  trashed: z.boolean().default(false),
});
export type NominationFilter = z.input<typeof nominationFilter>;

export const nominationListQuery = nominationFilter.extend({
  sort: z.object({ field: z.enum(NOMINATION_SORT_FIELDS), direction: sortDirection }).nullish(),
  ...paging,
});

export interface NominationDetail {
  nomination: Nomination;
  statusChanges: NominationStatusChange[];
}

/** Who a nomination is about: a model, a model's member, or a typed name. */
export const nomineeQuery = z.object({
  modelId: id.nullish(),
  memberId: id.nullish(),
  kind: z.enum(NOMINEE_KINDS).nullish(),
  nomineeName: z.string().max(200).nullish(),
  /** A typed individual is told apart by birth year as well as by name. */
  birthYear: z.number().int().nullish(),
});

export interface NominationWarning {
  nomination: Nomination;
  reason: 'earlier_award_same_period';
}

/** The round's list as the official danh sách: collectives and individuals in separate numbered tables. */
export interface RoundList {
  round: Round;
  collectives: Nomination[];
  individuals: Nomination[];
}

export const awardFormInput = z.object({
  name: requiredText('Tên hình thức khen thưởng', 150),
  active: z.boolean().default(true),
});
export type AwardFormInput = z.input<typeof awardFormInput>;
export interface AwardForm extends z.output<typeof awardFormInput>, RowStamps {
  id: string;
}
