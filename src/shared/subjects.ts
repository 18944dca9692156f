/**
 * Assisted individuals (đối tượng được giáo dục, giúp đỡ tiến bộ): schemas and types shared by every
 * layer. Criminal history and rehabilitation data are sensitive personal data: the ID number and the
 * reason/history travel only in the full record, whose every view is audited.
 */
import { z } from 'zod';
import { acrossFields, count, dateProblemMessage, dateRangeMessage, id, personName, optionalDate, optionalText, paging, phone, requiredChoice, sortDirection, type RowStamps } from './common';
import { readDate, yearOf } from './dates';

export const GENDERS = ['nam', 'nu'] as const;
export type Gender = (typeof GENDERS)[number];

export const GROUPS = ['A', 'B', 'C', 'D'] as const;
export type ReintegrationGroup = (typeof GROUPS)[number];

export const SUBJECT_STATUSES = ['dang_giup_do', 'da_tien_bo', 'tai_pham', 'chuyen_di', 'da_chet', 'ket_thuc'] as const;
export type SubjectStatus = (typeof SUBJECT_STATUSES)[number];
/**
 * The statuses of a person still being followed ("đang theo dõi"): educated, helped and reviewed. The
 * others end the follow-up (made progress, reoffended, moved away, deceased, finished). The one
 * definition behind every "đang theo dõi" count, the due lists and the next review date.
 */
export const ACTIVE_SUBJECT_STATUSES = ['dang_giup_do'] as const satisfies readonly SubjectStatus[];
export const isActiveStatus = (status: SubjectStatus): boolean => (ACTIVE_SUBJECT_STATUSES as readonly SubjectStatus[]).includes(status);

/** A citizen ID (CCCD, 12 digits) or an old identity card (CMND, 9 digits). */
export const VALID_ID_NUMBER = /^(\d{9}|\d{12})$/;

export const REVIEW_RESULTS = ['tien_bo', 'chua_tien_bo', 'vi_pham'] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number];

/** A birth date as dd/mm/yyyy, or only a year ("1985"), as real records often have: 1900 up to today. */
const birth = z
  .string()
  .nullish()
  .transform((value, context) => {
    if (!value || !value.trim()) return { birthDate: null, birthYear: null };
    const reading = readDate(value, { allowYear: true });
    if (!reading.ok) {
      context.addIssue({ code: 'custom', message: dateProblemMessage(reading, 'Ngày sinh phải có dạng ngày/tháng/năm (12/03/1985) hoặc chỉ năm sinh (1985).') });
      return z.NEVER;
    }
    const year = yearOf(reading);
    const message =
      year < 1900 || year > new Date().getFullYear()
        ? 'Năm sinh phải từ 1900 đến nay.'
        : reading.kind === 'date'
          ? dateRangeMessage('Ngày sinh', reading.iso, 'past')
          : null;
    if (message) {
      context.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    if (reading.kind === 'year') return { birthDate: null, birthYear: reading.year };
    return { birthDate: reading.iso, birthYear: year };
  });

/** 12-digit CCCD or the older 9-digit CMND; spaces and dots typed between digit groups are dropped. */
const idNumber = z
  .string()
  .nullish()
  .transform((value) => (value ? value.replace(/[\s.]/g, '') : ''))
  .refine((value) => value === '' || VALID_ID_NUMBER.test(value), 'Số CCCD phải gồm 12 chữ số (CMND cũ: 9 chữ số).')
  .transform((value) => value || null);

const optionalChoice = id.nullish().or(z.literal('')).transform((value) => value || null);

export const subjectInput = z
  .object({
    fullName: personName('Họ và tên'),
    alias: optionalText('Tên gọi khác', 100),
    gender: z.enum(GENDERS, { message: 'Vui lòng chọn giới tính.' }),
    birth,
    idNumber,
    phone,
    permanentAddress: optionalText('Nơi thường trú', 300),
    currentAddress: optionalText('Nơi ở hiện nay', 300),
    wardId: requiredChoice('Vui lòng chọn phường.'),
    neighbourhoodId: optionalChoice,
    categoryId: requiredChoice('Vui lòng chọn diện đối tượng.'),
    reintegrationGroup: z.enum(GROUPS).nullish().or(z.literal('')).transform((value) => value || null),
    history: optionalText('Lý do, quá trình vi phạm', 4000),
    startDate: optionalDate('Ngày bắt đầu giúp đỡ').refine((value) => value !== null, 'Vui lòng nhập ngày bắt đầu giúp đỡ.'),
    plannedEndDate: optionalDate('Ngày dự kiến kết thúc', 'any'),
    decisionNumber: optionalText('Số quyết định', 100),
    decisionDate: optionalDate('Ngày quyết định'),
    decisionIssuer: optionalText('Cơ quan ra quyết định', 200),
    helperName: optionalText('Người được phân công giúp đỡ', 100),
    helperOrgId: optionalChoice,
    helperPhone: phone,
    /** Set when the officer has confirmed that a person with the same ID number is someone else. */
    confirmedDistinct: z.boolean().default(false),
  })
  .refine(
    ...acrossFields<{ startDate: string | null; plannedEndDate: string | null }>(
      ['startDate', 'plannedEndDate'],
      (value) => !value.plannedEndDate || !value.startDate || value.plannedEndDate >= value.startDate,
      { path: ['plannedEndDate'], message: 'Ngày dự kiến kết thúc phải sau ngày bắt đầu giúp đỡ.' },
    ),
  );
export type SubjectInput = z.input<typeof subjectInput>;
export type SubjectValues = z.output<typeof subjectInput>;

/** A row of the register's grid: no ID number, no history (those need the full record). */
export interface SubjectRow {
  id: string;
  fullName: string;
  alias: string | null;
  gender: Gender;
  birthDate: string | null;
  birthYear: number | null;
  phone: string | null;
  currentAddress: string | null;
  wardId: string;
  wardName: string;
  neighbourhoodName: string | null;
  categoryId: string;
  categoryName: string;
  reintegrationGroup: ReintegrationGroup | null;
  startDate: string;
  plannedEndDate: string | null;
  helperName: string | null;
  helperOrgName: string | null;
  status: SubjectStatus;
  lastReviewOn: string | null;
  deletedAt: string | null;
  updatedAt: string;
  /** In the Trash list only: the record a merged one was merged into (null for an ordinary deletion). */
  mergedIntoRecord?: MergeLink | null;
}

/** The other side of a merge, as an officer tells records apart: name and birth. */
export interface MergeLink {
  id: string;
  fullName: string;
  birthDate: string | null;
  birthYear: number | null;
}

/** The sensitive columns, fetched for the grid only when the officer asks to see them. */
export interface SubjectSensitive {
  id: string;
  idNumber: string | null;
  history: string | null;
}

export interface Subject extends Omit<SubjectValues, 'birth' | 'confirmedDistinct'>, RowStamps {
  id: string;
  birthDate: string | null;
  birthYear: number | null;
  wardName: string;
  neighbourhoodName: string | null;
  categoryName: string;
  helperOrgName: string | null;
  status: SubjectStatus;
  lastReviewOn: string | null;
  deletedAt: string | null;
  mergedInto: string | null;
}

export const reviewInput = z.object({
  subjectId: id,
  reviewedOn: optionalDate('Ngày đánh giá').refine((value) => value !== null, 'Vui lòng nhập ngày đánh giá.'),
  period: optionalText('Kỳ đánh giá', 100),
  result: z.enum(REVIEW_RESULTS, { message: 'Vui lòng chọn kết quả đánh giá.' }),
  jobSituation: optionalText('Tình hình việc làm', 500),
  notes: optionalText('Nhận xét', 2000),
  reviewer: optionalText('Người đánh giá', 100),
});
export type ReviewInput = z.input<typeof reviewInput>;
export interface Review extends z.output<typeof reviewInput>, RowStamps {
  id: string;
  reviewedOn: string;
}

export const subjectStatusInput = z.object({
  id,
  status: z.enum(SUBJECT_STATUSES, { message: 'Vui lòng chọn tình trạng.' }),
  changedOn: optionalDate('Ngày thay đổi').refine((value) => value !== null, 'Vui lòng nhập ngày thay đổi.'),
  reason: optionalText('Lý do', 500),
});
export type SubjectStatusInput = z.input<typeof subjectStatusInput>;
export interface SubjectStatusChange {
  id: string;
  fromStatus: SubjectStatus | null;
  toStatus: SubjectStatus;
  changedOn: string;
  reason: string | null;
  createdAt: string;
  createdBy: string;
}

export const SUBJECT_SORT_FIELDS = ['rosterName', 'birth', 'wardName', 'categoryName', 'startDate', 'plannedEndDate', 'status', 'lastReviewOn', 'updatedAt'] as const;

export const subjectFilter = z.object({
  search: z.string().max(200).default(''),
  wardId: id.nullish(),
  categoryId: id.nullish(),
  group: z.enum(GROUPS).nullish(),
  status: z.enum(SUBJECT_STATUSES).nullish(),
  helperOrgId: id.nullish(),
  startYear: z.number().int().min(1900).max(2100).nullish(),
  trashed: z.boolean().default(false),
});
export type SubjectFilter = z.input<typeof subjectFilter>;

export const subjectListQuery = subjectFilter.extend({
  sort: z.object({ field: z.enum(SUBJECT_SORT_FIELDS), direction: sortDirection }).nullish(),
  ...paging,
});
export type SubjectListQuery = z.input<typeof subjectListQuery>;

export const sensitiveQuery = z.object({ ids: z.array(id).max(1000) });

export interface SubjectCounts {
  total: number;
  byCategory: { id: string; name: string; count: number }[];
  byStatus: { status: SubjectStatus; count: number }[];
}

export interface SubjectDetail {
  subject: Subject;
  reviews: Review[];
  statusChanges: SubjectStatusChange[];
  nextReviewDue: string | null;
  /** The record this one was merged into (when it is in the Trash because of a merge). */
  mergedIntoRecord: MergeLink | null;
  /** The records merged into this one (each can be taken back out with "Hoàn tác gộp"). */
  mergedFrom: MergeLink[];
}

export const duplicateCheckInput = z.object({
  id: id.nullish(),
  fullName: z.string().max(100).default(''),
  birth: z.string().max(20).nullish(),
  wardId: z.string().max(40).nullish(),
  idNumber: z.string().max(20).nullish(),
});

export interface DuplicateCandidate {
  subject: SubjectRow;
  reasons: ('same_id_number' | 'same_name_birth_year_ward')[];
}

export interface DuplicatePair {
  a: SubjectRow;
  b: SubjectRow;
  reason: 'same_id_number' | 'same_name_birth_year_ward';
}

/** Two records the officer says are two different people. */
export const distinctInput = z.object({ a: id, b: id }).refine((value) => value.a !== value.b, 'Hai hồ sơ phải khác nhau.');

export const mergeInput = z.object({ keepId: id, mergeId: id }).refine((value) => value.keepId !== value.mergeId, 'Không thể gộp một hồ sơ với chính nó.');

/** Undoes the merge of `mergedId` (a record in the Trash because it was merged): both records back as they were. */
export const unmergeInput = z.object({ mergedId: id });

export interface UnmergeResult {
  kept: Subject;
  restored: Subject;
}

export interface DueCounts {
  overdue: number;
  dueThisWeek: number;
  endingSoon: number;
}

/** The screen asks for the first 500 of each list; a printed or exported list asks for all of them. */
export const dueListInput = z.object({ all: z.boolean().default(false) }).default({ all: false });

/** Who needs attention: the lists hold the first 500 of each (or all), `counts` tells how many there are. */
export interface DueList {
  overdue: (SubjectRow & { dueOn: string })[];
  dueThisWeek: (SubjectRow & { dueOn: string })[];
  endingSoon: SubjectRow[];
  intervalMonths: number;
  counts: DueCounts;
  today: string;
}

export const reviewIntervalInput = z.object({
  months: count('Chu kỳ đánh giá', { min: 1, max: 12, minMessage: 'Chu kỳ đánh giá ít nhất 1 tháng.', maxMessage: 'Chu kỳ đánh giá tối đa 12 tháng.' }),
});

/** "1985" or "12/03/1985", the way a roster shows a birth. */
export function formatBirth(birthDate: string | null, birthYear: number | null): string {
  if (birthDate) return `${birthDate.slice(8, 10)}/${birthDate.slice(5, 7)}/${birthDate.slice(0, 4)}`;
  return birthYear ? String(birthYear) : '';
}

/** "Nguyễn Văn Bình (12/03/1985)": a person as an officer tells two look-alike records apart. */
export function personLabel(person: { fullName: string; birthDate: string | null; birthYear: number | null }): string {
  return person.birthYear ? `${person.fullName} (${formatBirth(person.birthDate, person.birthYear)})` : person.fullName;
}

/** What deleting a person for good removed (subjects.purge). */
export interface PurgeResult {
  /** The record and those merged into it. */
  records: number;
  reviews: number;
  statusChanges: number;
  /** Audit entries whose values gave way to a note of who deleted them and when. */
  auditEntries: number;
  /** The data file was written anew, so no old copy of the values lingers in its unused space. */
  fileCleaned: boolean;
}
