/**
 * Export of a register's current view (filter, sort, chosen columns) or a round's list to .xlsx or CSV:
 * the input schema and each register's columns. The exported file is always Vietnamese, so headers and
 * labels are the words of the printed rosters (shared/labels.ts).
 */
import { z } from 'zod';
import { auditListQuery } from './app';
import type { Nomination } from './awards';
import { fileTarget, id } from './common';
import { GENDER_LABELS, MODEL_STATUS_LABELS, NOMINATION_STATUS_LABELS, RATING_LABELS, REVIEW_RESULT_LABELS, SUBJECT_STATUS_LABELS } from './labels';
import type { Catalogues } from './catalogues';
import { modelListQuery, type Member, type ModelFilter, type ModelRow } from './models';
import { subjectListQuery, type Review, type SubjectFilter, type SubjectRow } from './subjects';
import { cleanText } from './text';

export const EXPORT_REGISTERS = ['models', 'subjects', 'round', 'due'] as const;
export type ExportRegister = (typeof EXPORT_REGISTERS)[number];

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** How a value is written: text as a string cell, a date as an Excel date, a number as a number. */
export type CellKind = 'text' | 'date' | 'number';
/** text: a string; date: an ISO date (yyyy-mm-dd), or a year alone as a number; number: a number. */
export type CellValue = string | number | null;

export interface ExportColumn<Row> {
  key: string;
  header: string;
  kind: CellKind;
  /** `index` counts from 0 within the list (within its section for a round). */
  value: (row: Row, index: number) => CellValue;
  /** Left out unless the caller asks for it. */
  optional?: boolean;
}

const stt = <Row>(): ExportColumn<Row> => ({ key: 'stt', header: 'STT', kind: 'number', value: (_row, index) => index + 1 });

/**
 * A founding date in a date column: a full date is an Excel date, a year alone a number (as a birth
 * year), a month the text "03/2016" (Excel has no month value); each is read back at its precision.
 */
const partialDateCell = (iso: string | null): CellValue => (iso && /^\d{4}$/.test(iso) ? Number(iso) : iso);

/** A row of the models' list; with member columns chosen, one row per member listed. */
export type ExportedModel = ModelRow & { member?: Pick<Member, 'fullName' | 'role' | 'phone' | 'address'> | null };

/** Columns of the members listed: a model is written once per member (its own cells repeated). */
export const MEMBER_COLUMNS = ['memberName', 'memberRole', 'memberPhone', 'memberAddress'] as const;

export const MODEL_COLUMNS: ExportColumn<ExportedModel>[] = [
  stt(),
  { key: 'name', header: 'Tên mô hình', kind: 'text', value: (row) => row.name },
  { key: 'typeName', header: 'Loại mô hình', kind: 'text', value: (row) => row.typeName },
  { key: 'neighbourhoodName', header: 'Khu phố', kind: 'text', value: (row) => row.neighbourhoodName },
  { key: 'wardName', header: 'Phường', kind: 'text', value: (row) => row.wardName },
  { key: 'address', header: 'Địa chỉ', kind: 'text', value: (row) => row.address, optional: true },
  { key: 'leaderName', header: 'Tổ trưởng / Người phụ trách', kind: 'text', value: (row) => row.leaderName },
  { key: 'leaderPhone', header: 'Điện thoại liên hệ', kind: 'text', value: (row) => row.leaderPhone },
  // The members listed and the count the model's papers declare ("18 người"): two figures, two columns.
  { key: 'memberCount', header: 'Số thành viên (theo danh sách)', kind: 'number', value: (row) => row.memberCount },
  { key: 'declaredMemberCount', header: 'Số thành viên (theo khai báo)', kind: 'number', value: (row) => row.declaredMemberCount },
  { key: 'foundedOn', header: 'Ngày thành lập', kind: 'date', value: (row) => partialDateCell(row.foundedOn) },
  { key: 'foundingDecision', header: 'Quyết định thành lập', kind: 'text', value: (row) => row.foundingDecision, optional: true },
  { key: 'status', header: 'Tình trạng', kind: 'text', value: (row) => MODEL_STATUS_LABELS[row.status] },
  { key: 'latestRating', header: 'Xếp loại gần nhất', kind: 'text', value: (row) => (row.latestRating ? RATING_LABELS[row.latestRating] : null) },
  { key: 'latestRatingYear', header: 'Năm đánh giá', kind: 'number', value: (row) => row.latestRatingYear },
  { key: 'note', header: 'Ghi chú', kind: 'text', value: (row) => row.note, optional: true },
  { key: 'memberName', header: 'Họ và tên thành viên', kind: 'text', value: (row) => row.member?.fullName ?? null, optional: true },
  { key: 'memberRole', header: 'Chức vụ trong mô hình', kind: 'text', value: (row) => row.member?.role ?? null, optional: true },
  { key: 'memberPhone', header: 'Điện thoại thành viên', kind: 'text', value: (row) => row.member?.phone ?? null, optional: true },
  { key: 'memberAddress', header: 'Địa chỉ thành viên', kind: 'text', value: (row) => row.member?.address ?? null, optional: true },
];

/** The fields of an individual's full record that the grid's rows do not carry, and the latest review. */
export interface SubjectRecordFields {
  idNumber: string | null;
  history: string | null;
  permanentAddress: string | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  decisionIssuer: string | null;
  helperPhone: string | null;
  latestReview: Pick<Review, 'reviewedOn' | 'period' | 'result' | 'jobSituation' | 'notes' | 'reviewer'> | null;
}

/** A row of the individuals' list, with the fields of the full record when they were asked for. */
export type ExportedSubject = SubjectRow & Partial<SubjectRecordFields>;

/** Sensitive columns: the file then needs care (the command line says so). */
export const SENSITIVE_SUBJECT_COLUMNS = ['idNumber', 'history'] as const;

/**
 * Columns read from the full record, only when chosen; every person whose record is read so is written
 * to the audit log with the fields shown, as opening the record would be.
 */
export const RECORD_SUBJECT_COLUMNS = [
  ...SENSITIVE_SUBJECT_COLUMNS,
  'permanentAddress',
  'decisionNumber',
  'decisionDate',
  'decisionIssuer',
  'helperPhone',
  'reviewResult',
  'reviewPeriod',
  'reviewJob',
  'reviewNotes',
  'reviewer',
] as const;

export const SUBJECT_COLUMNS: ExportColumn<ExportedSubject>[] = [
  stt(),
  { key: 'fullName', header: 'Họ và tên', kind: 'text', value: (row) => row.fullName },
  { key: 'alias', header: 'Tên gọi khác', kind: 'text', value: (row) => row.alias },
  // A full date is an Excel date; a year alone (common in real records) stays a number.
  { key: 'birth', header: 'Ngày sinh / Năm sinh', kind: 'date', value: (row) => row.birthDate ?? row.birthYear },
  { key: 'gender', header: 'Giới tính', kind: 'text', value: (row) => GENDER_LABELS[row.gender] },
  { key: 'idNumber', header: 'Số CCCD/CMND', kind: 'text', value: (row) => row.idNumber ?? null, optional: true },
  { key: 'phone', header: 'Điện thoại', kind: 'text', value: (row) => row.phone, optional: true },
  { key: 'permanentAddress', header: 'Nơi thường trú', kind: 'text', value: (row) => row.permanentAddress ?? null, optional: true },
  { key: 'currentAddress', header: 'Nơi ở hiện nay', kind: 'text', value: (row) => row.currentAddress },
  { key: 'neighbourhoodName', header: 'Khu phố', kind: 'text', value: (row) => row.neighbourhoodName },
  { key: 'wardName', header: 'Phường', kind: 'text', value: (row) => row.wardName },
  { key: 'categoryName', header: 'Diện đối tượng', kind: 'text', value: (row) => row.categoryName },
  { key: 'group', header: 'Nhóm', kind: 'text', value: (row) => row.reintegrationGroup },
  { key: 'history', header: 'Lý do, quá trình vi phạm', kind: 'text', value: (row) => row.history ?? null, optional: true },
  { key: 'startDate', header: 'Ngày bắt đầu giúp đỡ', kind: 'date', value: (row) => row.startDate },
  { key: 'plannedEndDate', header: 'Ngày dự kiến kết thúc', kind: 'date', value: (row) => row.plannedEndDate },
  { key: 'decisionNumber', header: 'Số quyết định', kind: 'text', value: (row) => row.decisionNumber ?? null, optional: true },
  { key: 'decisionDate', header: 'Ngày quyết định', kind: 'date', value: (row) => row.decisionDate ?? null, optional: true },
  { key: 'decisionIssuer', header: 'Cơ quan ra quyết định', kind: 'text', value: (row) => row.decisionIssuer ?? null, optional: true },
  { key: 'helperName', header: 'Người được phân công giúp đỡ', kind: 'text', value: (row) => row.helperName },
  { key: 'helperOrgName', header: 'Tổ chức phụ trách', kind: 'text', value: (row) => row.helperOrgName },
  { key: 'helperPhone', header: 'Điện thoại người giúp đỡ', kind: 'text', value: (row) => row.helperPhone ?? null, optional: true },
  { key: 'status', header: 'Tình trạng', kind: 'text', value: (row) => SUBJECT_STATUS_LABELS[row.status] },
  { key: 'lastReviewOn', header: 'Đánh giá gần nhất', kind: 'date', value: (row) => row.lastReviewOn },
  // The latest review (the one of "Đánh giá gần nhất"), so an import adds it back.
  { key: 'reviewPeriod', header: 'Kỳ đánh giá', kind: 'text', value: (row) => row.latestReview?.period ?? null, optional: true },
  { key: 'reviewResult', header: 'Kết quả đánh giá', kind: 'text', value: (row) => (row.latestReview ? REVIEW_RESULT_LABELS[row.latestReview.result] : null), optional: true },
  { key: 'reviewJob', header: 'Tình hình việc làm', kind: 'text', value: (row) => row.latestReview?.jobSituation ?? null, optional: true },
  { key: 'reviewNotes', header: 'Nhận xét', kind: 'text', value: (row) => row.latestReview?.notes ?? null, optional: true },
  { key: 'reviewer', header: 'Người đánh giá', kind: 'text', value: (row) => row.latestReview?.reviewer ?? null, optional: true },
];

export const ROUND_COLUMNS: ExportColumn<Nomination>[] = [
  stt(),
  { key: 'nomineeName', header: 'Tên tập thể / Họ và tên', kind: 'text', value: (row) => row.nomineeName },
  { key: 'birthYear', header: 'Năm sinh', kind: 'number', value: (row) => row.birthYear ?? null },
  { key: 'gender', header: 'Giới tính', kind: 'text', value: (row) => (row.gender ? GENDER_LABELS[row.gender] : null), optional: true },
  { key: 'position', header: 'Chức vụ', kind: 'text', value: (row) => row.position },
  { key: 'unit', header: 'Đơn vị / địa chỉ', kind: 'text', value: (row) => row.unit },
  { key: 'wardName', header: 'Phường', kind: 'text', value: (row) => row.wardName, optional: true },
  { key: 'achievement', header: 'Tóm tắt thành tích', kind: 'text', value: (row) => row.achievement },
  { key: 'tipsProvided', header: 'Số tin cung cấp', kind: 'number', value: (row) => row.tipsProvided, optional: true },
  { key: 'casesHelped', header: 'Số vụ việc giúp giải quyết', kind: 'number', value: (row) => row.casesHelped, optional: true },
  { key: 'yearsActive', header: 'Số năm tham gia', kind: 'number', value: (row) => row.yearsActive, optional: true },
  { key: 'formName', header: 'Hình thức khen thưởng', kind: 'text', value: (row) => row.formName },
  { key: 'proposedAuthority', header: 'Cấp đề nghị', kind: 'text', value: (row) => row.proposedAuthority, optional: true },
  { key: 'status', header: 'Trạng thái', kind: 'text', value: (row) => NOMINATION_STATUS_LABELS[row.status], optional: true },
  { key: 'decisionNumber', header: 'Số quyết định', kind: 'text', value: (row) => row.decisionNumber, optional: true },
  { key: 'decisionDate', header: 'Ngày quyết định', kind: 'date', value: (row) => row.decisionDate, optional: true },
];

/** A row of the due lists: the review due date for the first two, the planned end for the third. */
export type DueRow = SubjectRow & { dueOn?: string };

export const DUE_COLUMNS: ExportColumn<DueRow>[] = [
  stt(),
  { key: 'fullName', header: 'Họ và tên', kind: 'text', value: (row) => row.fullName },
  { key: 'birth', header: 'Ngày sinh / Năm sinh', kind: 'date', value: (row) => row.birthDate ?? row.birthYear },
  { key: 'currentAddress', header: 'Nơi ở hiện nay', kind: 'text', value: (row) => row.currentAddress },
  { key: 'wardName', header: 'Phường', kind: 'text', value: (row) => row.wardName },
  { key: 'lastReviewOn', header: 'Đánh giá gần nhất', kind: 'date', value: (row) => row.lastReviewOn },
  { key: 'dueOn', header: 'Hạn đánh giá', kind: 'date', value: (row) => row.dueOn ?? null },
  { key: 'plannedEndDate', header: 'Ngày dự kiến kết thúc', kind: 'date', value: (row) => row.plannedEndDate },
  { key: 'helperName', header: 'Người được phân công giúp đỡ', kind: 'text', value: (row) => row.helperName },
  { key: 'helperOrgName', header: 'Tổ chức phụ trách', kind: 'text', value: (row) => row.helperOrgName, optional: true },
];

export const EXPORT_COLUMNS = { models: MODEL_COLUMNS, subjects: SUBJECT_COLUMNS, round: ROUND_COLUMNS, due: DUE_COLUMNS } as const;

/** What the file is called and says about itself. */
/** A file's title (over the table), sheet name and file name stem. */
export interface ExportDocument {
  title: string;
  sheetName: string;
  fileStem: string;
}

export const EXPORT_DOCUMENTS: Record<ExportRegister, ExportDocument> = {
  models: { title: 'Danh sách mô hình tự quản, tự phòng', sheetName: 'Mô hình tự quản', fileStem: 'danh-sach-mo-hinh' },
  subjects: { title: 'Danh sách đối tượng được giáo dục, giúp đỡ tiến bộ', sheetName: 'Đối tượng giáo dục, giúp đỡ', fileStem: 'danh-sach-doi-tuong' },
  round: { title: 'Danh sách đề nghị khen thưởng', sheetName: 'Đề nghị khen thưởng', fileStem: 'danh-sach-de-nghi-khen-thuong' },
  due: { title: 'Danh sách đối tượng đến hạn đánh giá', sheetName: 'Đến hạn đánh giá', fileStem: 'danh-sach-den-han-danh-gia' },
};
export const AUDIT_DOCUMENT: ExportDocument = { title: 'Nhật ký sử dụng phần mềm', sheetName: 'Nhật ký', fileStem: 'nhat-ky' };

/** The two sections of a round's list, each numbered from 1. */
export const ROUND_SECTIONS = { collectives: 'I. TẬP THỂ', individuals: 'II. CÁ NHÂN' } as const;
/** The three due lists, as the screen and the printed list name them. */
export const DUE_SECTIONS = { overdue: 'I. QUÁ HẠN ĐÁNH GIÁ', dueThisWeek: 'II. ĐẾN HẠN TRONG 7 NGÀY TỚI', endingSoon: 'III. SẮP HẾT THỜI HẠN GIÚP ĐỠ (30 NGÀY)' } as const;

// The filter of a list in words, under the title of its export and its printout.

const searchWords = (search: string | undefined) => (search?.trim() ? `Tìm kiếm: "${cleanText(search)}"` : null);
const describe = (parts: (string | null | undefined)[]) => {
  const shown = parts.filter(Boolean);
  return shown.length > 0 ? `Lọc theo: ${shown.join('; ')}` : null;
};
type Named = { id: string; name: string }[];
const nameIn = (entries: Named, id: string | null | undefined) => (id ? (entries.find((entry) => entry.id === id)?.name ?? 'không có trong danh mục') : null);
const labelled = (label: string, value: string | null) => value && `${label}: ${value}`;

export function describeModelFilter(filter: ModelFilter, catalogues: Pick<Catalogues, 'wards' | 'modelTypes'>): string | null {
  return describe([
    filter.trashed ? 'Thùng rác' : null,
    nameIn(catalogues.wards, filter.wardId),
    labelled('Loại mô hình', nameIn(catalogues.modelTypes, filter.typeId)),
    filter.status && `Tình trạng: ${MODEL_STATUS_LABELS[filter.status]}`,
    searchWords(filter.search),
  ]);
}

export function describeSubjectFilter(filter: SubjectFilter, catalogues: Pick<Catalogues, 'wards' | 'subjectCategories' | 'helperOrgs'>): string | null {
  return describe([
    filter.trashed ? 'Thùng rác' : null,
    nameIn(catalogues.wards, filter.wardId),
    labelled('Diện đối tượng', nameIn(catalogues.subjectCategories, filter.categoryId)),
    filter.group && `Nhóm ${filter.group}`,
    filter.status && `Tình trạng: ${SUBJECT_STATUS_LABELS[filter.status]}`,
    labelled('Tổ chức phụ trách', nameIn(catalogues.helperOrgs, filter.helperOrgId)),
    filter.startYear ? `Năm bắt đầu giúp đỡ: ${filter.startYear}` : null,
    searchWords(filter.search),
  ]);
}

/** Every column of a list, optional ones included: a full export, which an import reads back whole. */
export const allColumnKeys = (register: ExportRegister): string[] => EXPORT_COLUMNS[register].map((column) => column.key);

/** The chosen columns in the order given; without a choice, every column not marked optional. */
export function chosenColumns<Row>(columns: readonly ExportColumn<Row>[], keys?: readonly string[]): ExportColumn<Row>[] {
  if (!keys) return columns.filter((column) => !column.optional);
  return keys.map((key) => columns.find((column) => column.key === key)).filter((column): column is ExportColumn<Row> => column !== undefined);
}

const columnChoice = (columns: readonly { key: string }[]) => {
  const known = columns.map((column) => column.key);
  return z
    .array(z.string())
    .min(1, 'Vui lòng chọn ít nhất một cột.')
    .superRefine((keys, context) => {
      const unknown = keys.filter((key) => !known.includes(key));
      if (unknown.length > 0) {
        context.addIssue({ code: 'custom', message: `Không có cột ${unknown.map((key) => `"${key}"`).join(', ')}. Các cột xuất được: ${known.join(', ')}.` });
      }
      const repeated = keys.filter((key, index) => keys.indexOf(key) !== index);
      if (repeated.length > 0) context.addIssue({ code: 'custom', message: `Cột "${repeated[0]}" được chọn hai lần.` });
    })
    .optional();
};

const format = z.enum(EXPORT_FORMATS, { message: 'Định dạng tệp phải là xlsx hoặc csv.' });
/** The list query without paging; strict, so a misspelt filter is refused rather than silently ignored. */
const withoutPaging = { offset: true, limit: true } as const;

export const exportInput = z.discriminatedUnion(
  'register',
  [
    z.object({
      register: z.literal('models'),
      format,
      filter: modelListQuery.omit(withoutPaging).strict().prefault({}),
      columns: columnChoice(MODEL_COLUMNS),
    }),
    z.object({
      register: z.literal('subjects'),
      format,
      filter: subjectListQuery.omit(withoutPaging).strict().prefault({}),
      columns: columnChoice(SUBJECT_COLUMNS),
    }),
    z.object({
      register: z.literal('round'),
      format,
      roundId: id,
      columns: columnChoice(ROUND_COLUMNS),
    }),
    z.object({
      register: z.literal('due'),
      format,
      columns: columnChoice(DUE_COLUMNS),
    }),
  ],
  { message: 'Danh sách cần xuất phải là models, subjects, round hoặc due.' },
);
export type ExportInput = z.input<typeof exportInput>;
export type ExportValues = z.output<typeof exportInput>;

/** Where the file goes: a path chosen in Electron's save dialog, or a one-time download from the web host. */
export const exportFileInput = z.object({
  export: exportInput,
  target: fileTarget,
});

/** The audit log as the Nhật ký page filters it, to a file (administrators). */
export const auditExportInput = z.object({
  filter: auditListQuery.omit(withoutPaging).strict().prefault({}),
  format,
  target: fileTarget,
});

export interface ExportedFile {
  fileName: string;
  rows: number;
  /** The web host's one-time download link (target 'download'), else null. */
  downloadUrl: string | null;
}
