/**
 * Import from officers' own workbooks: the fields each register can read, the words their rosters use
 * for them, and the matching of column headers to fields. Pure: shared by the import service, the CLI
 * and the wizard.
 */
import { z } from 'zod';
import { GENDER_LABELS, MODEL_STATUS_LABELS, REVIEW_RESULT_LABELS, SUBJECT_STATUS_LABELS } from './labels';
import { GROUPS, type Gender } from './subjects';
import { foldForSearch } from './text';

export const IMPORT_REGISTERS = ['models', 'subjects'] as const;
export type ImportRegister = (typeof IMPORT_REGISTERS)[number];

/**
 * How a cell is read. `catalogue` values are names resolved against an editable list by the service;
 * `birthOfGender` is a birth written under a "Nam" or "Nữ" column, which also gives the gender;
 * `partialDate` keeps what is known of a date: the year, the month and year, or the day;
 * `ordinal` is the STT column: recognised so the header is found, never stored.
 */
export type FieldKind = 'ordinal' | 'text' | 'name' | 'catalogue' | 'choice' | 'date' | 'partialDate' | 'birth' | 'birthOfGender' | 'phone' | 'idNumber' | 'count';

export type CatalogueName = 'modelTypes' | 'wards' | 'neighbourhoods' | 'subjectCategories' | 'helperOrgs';

/** The shared input schema and field a value ends up in. */
export interface FieldTarget {
  input: 'modelInput' | 'memberInput' | 'subjectInput' | 'subjectStatusInput' | 'reviewInput';
  field: string;
  /** Appended to what other columns put in the same field rather than replacing it. */
  append?: boolean;
}

export interface Choice {
  value: string;
  label: string;
  aliases: readonly string[];
}

/** A coded value's choices: its word (shared/labels.ts) and the other words rosters use for it. */
const choicesOf = <Value extends string>(labels: Record<Value, string>, aliases: Record<Value, readonly string[]>): Choice[] =>
  (Object.keys(labels) as Value[]).map((value) => ({ value, label: labels[value], aliases: aliases[value] }));

export interface ImportField {
  key: string;
  /** The word of the app's own forms and rosters (UI.md). */
  label: string;
  /** Header texts seen in officers' workbooks; matched accent-, case- and punctuation-insensitively. */
  aliases: readonly string[];
  kind: FieldKind;
  /** Which record of the row the value belongs to: a models sheet may list one member per row. */
  entity: 'model' | 'member' | 'subject' | 'review' | null;
  /** null: read to check or to recognise the header, not stored. */
  target: FieldTarget | null;
  catalogue?: CatalogueName;
  choices?: readonly Choice[];
  gender?: Gender;
}

const BIRTH_ALIASES = ['Ngày sinh', 'Năm sinh', 'Ngày tháng năm sinh', 'Ngày, tháng, năm sinh', 'Ngày/tháng/năm sinh', 'Sinh ngày', 'Ngày sinh / Năm sinh', 'NS'];
const genderedBirthAliases = (gender: string) => [gender, ...BIRTH_ALIASES.map((alias) => `${alias} ${gender}`)];

const ordinal = {
  key: 'ordinal',
  label: 'STT',
  aliases: ['STT', 'TT', 'Số TT', 'Số thứ tự'],
  kind: 'ordinal',
  entity: null,
  target: null,
} as const satisfies ImportField;

const modelStatusChoices = choicesOf(MODEL_STATUS_LABELS, { hoat_dong: ['Đang hoạt động', 'HĐ'], tam_ngung: ['Tạm ngừng', 'Tạm dừng', 'Ngưng hoạt động'], giai_the: ['Đã giải thể', 'Giải tán'] });

export const MODEL_IMPORT_FIELDS = [
  ordinal,
  {
    key: 'name',
    label: 'Tên mô hình',
    aliases: ['Tên mô hình', 'Mô hình', 'Tên mô hình tự quản', 'Tên mô hình, tổ chức', 'Tên tổ, đội', 'Tên tổ chức', 'Tên'],
    kind: 'text',
    entity: 'model',
    target: { input: 'modelInput', field: 'name' },
  },
  {
    key: 'type',
    label: 'Loại mô hình',
    aliases: ['Loại mô hình', 'Loại', 'Loại hình', 'Phân loại', 'Hình thức'],
    kind: 'catalogue',
    catalogue: 'modelTypes',
    entity: 'model',
    target: { input: 'modelInput', field: 'typeId' },
  },
  {
    key: 'ward',
    label: 'Phường/xã',
    aliases: ['Phường/xã', 'Phường', 'Xã', 'Phường, xã', 'Đơn vị', 'Địa bàn'],
    kind: 'catalogue',
    catalogue: 'wards',
    entity: 'model',
    target: { input: 'modelInput', field: 'wardId' },
  },
  {
    key: 'neighbourhood',
    label: 'Khu phố/ấp',
    aliases: ['Khu phố/ấp', 'Khu phố', 'KP', 'Ấp', 'Khu phố, ấp', 'Tổ dân phố'],
    kind: 'catalogue',
    catalogue: 'neighbourhoods',
    entity: 'model',
    target: { input: 'modelInput', field: 'neighbourhoodId' },
  },
  {
    key: 'address',
    label: 'Địa chỉ',
    aliases: ['Địa chỉ', 'Địa điểm', 'Địa chỉ hoạt động', 'Trụ sở', 'Nơi sinh hoạt'],
    kind: 'text',
    entity: 'model',
    target: { input: 'modelInput', field: 'address' },
  },
  {
    key: 'foundedOn',
    label: 'Ngày thành lập',
    aliases: ['Ngày thành lập', 'Thành lập', 'Năm thành lập', 'Thời gian thành lập', 'Ngày TL'],
    // Rosters often give only the year ("Năm thành lập") or the month: kept as given ("2014", "03/2016").
    kind: 'partialDate',
    entity: 'model',
    target: { input: 'modelInput', field: 'foundedOn' },
  },
  {
    key: 'foundingDecision',
    label: 'Quyết định thành lập',
    aliases: ['Quyết định thành lập', 'QĐ thành lập', 'Số quyết định', 'Số QĐ', 'Quyết định'],
    kind: 'text',
    entity: 'model',
    target: { input: 'modelInput', field: 'foundingDecision' },
  },
  {
    key: 'leaderName',
    label: 'Tổ trưởng / Người phụ trách',
    aliases: ['Tổ trưởng / Người phụ trách', 'Tổ trưởng', 'Người phụ trách', 'Họ tên tổ trưởng', 'Chủ nhiệm', 'Đội trưởng', 'Trưởng ban', 'Trưởng mô hình'],
    kind: 'name',
    entity: 'model',
    target: { input: 'modelInput', field: 'leaderName' },
  },
  {
    key: 'leaderPhone',
    label: 'Điện thoại liên hệ',
    aliases: ['Điện thoại liên hệ', 'Điện thoại tổ trưởng', 'Điện thoại người phụ trách', 'SĐT tổ trưởng', 'Điện thoại', 'Số điện thoại', 'SĐT'],
    kind: 'phone',
    entity: 'model',
    target: { input: 'modelInput', field: 'leaderPhone' },
  },
  {
    key: 'memberCount',
    label: 'Số thành viên (theo khai báo)',
    aliases: ['Số thành viên', 'Số thành viên khai báo', 'Số lượng thành viên', 'Tổng số thành viên', 'Số TV', 'Số người', 'Số lượng'],
    kind: 'count',
    entity: 'model',
    // The figure the roster declares ("18 người"), kept beside the members the app lists.
    target: { input: 'modelInput', field: 'declaredMemberCount' },
  },
  {
    key: 'listedMemberCount',
    label: 'Số thành viên (theo danh sách)',
    aliases: ['Số thành viên theo danh sách', 'Số thành viên trong danh sách'],
    kind: 'count',
    entity: 'model',
    // The app's own export: the members it listed, which the member rows give again. Not stored.
    target: null,
  },
  {
    key: 'status',
    label: 'Tình trạng',
    aliases: ['Tình trạng', 'Trạng thái', 'Tình hình hoạt động'],
    kind: 'choice',
    choices: modelStatusChoices,
    entity: 'model',
    target: { input: 'modelInput', field: 'status' },
  },
  {
    key: 'note',
    label: 'Ghi chú',
    aliases: ['Ghi chú', 'Ghi chú khác'],
    kind: 'text',
    entity: 'model',
    target: { input: 'modelInput', field: 'note' },
  },
  {
    key: 'memberName',
    label: 'Họ và tên thành viên',
    aliases: ['Họ và tên thành viên', 'Họ tên thành viên', 'Tên thành viên', 'Thành viên', 'Họ và tên', 'Họ tên'],
    kind: 'name',
    entity: 'member',
    target: { input: 'memberInput', field: 'fullName' },
  },
  {
    key: 'memberBirth',
    label: 'Năm sinh thành viên',
    aliases: ['Năm sinh thành viên', 'Ngày sinh thành viên', ...BIRTH_ALIASES],
    kind: 'birth',
    entity: 'member',
    // Members have no birth field yet: read so the column is recognised, and shown in the preview.
    target: null,
  },
  {
    key: 'memberRole',
    label: 'Chức vụ trong mô hình',
    aliases: ['Chức vụ trong mô hình', 'Chức vụ', 'Vai trò', 'Chức danh', 'Nhiệm vụ'],
    kind: 'text',
    entity: 'member',
    target: { input: 'memberInput', field: 'role' },
  },
  {
    key: 'memberPhone',
    label: 'Điện thoại thành viên',
    aliases: ['Điện thoại thành viên', 'SĐT thành viên', 'Điện thoại', 'Số điện thoại', 'SĐT'],
    kind: 'phone',
    entity: 'member',
    target: { input: 'memberInput', field: 'phone' },
  },
  {
    key: 'memberAddress',
    label: 'Địa chỉ thành viên',
    aliases: ['Địa chỉ thành viên', 'Nơi ở thành viên', 'Địa chỉ', 'Nơi ở'],
    kind: 'text',
    entity: 'member',
    target: { input: 'memberInput', field: 'address' },
  },
] as const satisfies readonly ImportField[];

const genderChoices = choicesOf(GENDER_LABELS, { nam: ['Trai', 'M', 'Male'], nu: ['Gái', 'F', 'Female'] });
const groupChoices: Choice[] = GROUPS.map((group) => ({ value: group, label: group, aliases: [`Nhóm ${group}`] }));

const subjectStatusChoices = choicesOf(SUBJECT_STATUS_LABELS, {
  dang_giup_do: ['Đang quản lý', 'Đang theo dõi', 'Đang giáo dục'],
  da_tien_bo: ['Tiến bộ'],
  tai_pham: ['Vi phạm lại'],
  chuyen_di: ['Đã chuyển đi', 'Chuyển nơi khác', 'Chuyển cư'],
  da_chet: ['Chết', 'Đã mất', 'Từ trần'],
  ket_thuc: ['Đã kết thúc', 'Hết thời hạn', 'Chấm dứt'],
});

const reviewResultChoices = choicesOf(REVIEW_RESULT_LABELS, { tien_bo: ['Có tiến bộ', 'Đã tiến bộ'], chua_tien_bo: ['Không tiến bộ', 'Chưa có tiến bộ'], vi_pham: ['Có vi phạm', 'Tái phạm'] });

export const SUBJECT_IMPORT_FIELDS = [
  ordinal,
  {
    key: 'fullName',
    label: 'Họ và tên',
    aliases: ['Họ và tên', 'Họ tên', 'Họ, tên', 'Họ và tên đối tượng', 'Họ tên đối tượng', 'Tên đối tượng'],
    kind: 'name',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'fullName' },
  },
  {
    key: 'alias',
    label: 'Tên gọi khác',
    aliases: ['Tên gọi khác', 'Tên khác', 'Bí danh', 'Biệt danh', 'Tên thường gọi'],
    kind: 'text',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'alias' },
  },
  {
    key: 'birth',
    label: 'Ngày sinh',
    aliases: BIRTH_ALIASES,
    kind: 'birth',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'birth' },
  },
  {
    key: 'birthMale',
    label: 'Ngày sinh (Nam)',
    aliases: genderedBirthAliases('Nam'),
    kind: 'birthOfGender',
    gender: 'nam',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'birth' },
  },
  {
    key: 'birthFemale',
    label: 'Ngày sinh (Nữ)',
    aliases: genderedBirthAliases('Nữ'),
    kind: 'birthOfGender',
    gender: 'nu',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'birth' },
  },
  {
    key: 'gender',
    label: 'Giới tính',
    aliases: ['Giới tính', 'Giới', 'Phái', 'Nam/Nữ', 'Nam, nữ'],
    kind: 'choice',
    choices: genderChoices,
    entity: 'subject',
    target: { input: 'subjectInput', field: 'gender' },
  },
  {
    key: 'idNumber',
    label: 'Số CCCD/CMND',
    aliases: ['Số CCCD/CMND', 'Số CCCD', 'CCCD', 'CMND', 'Số CMND', 'CCCD/CMND', 'CMND/CCCD', 'Số CMND/CCCD', 'Số định danh', 'Số định danh cá nhân', 'Căn cước', 'Số căn cước'],
    kind: 'idNumber',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'idNumber' },
  },
  {
    key: 'phone',
    label: 'Điện thoại',
    aliases: ['Điện thoại', 'Số điện thoại', 'SĐT', 'ĐT', 'Điện thoại liên hệ'],
    kind: 'phone',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'phone' },
  },
  {
    key: 'permanentAddress',
    label: 'Nơi thường trú',
    aliases: ['Nơi thường trú', 'Thường trú', 'Địa chỉ thường trú', 'Hộ khẩu thường trú', 'HKTT', 'Hộ khẩu', 'Nơi đăng ký thường trú'],
    kind: 'text',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'permanentAddress' },
  },
  {
    key: 'currentAddress',
    label: 'Nơi ở hiện nay',
    aliases: ['Nơi ở hiện nay', 'Địa chỉ', 'Chỗ ở hiện nay', 'Nơi ở', 'Địa chỉ hiện nay', 'Nơi cư trú', 'Địa chỉ cư trú', 'Tạm trú'],
    kind: 'text',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'currentAddress' },
  },
  {
    key: 'ward',
    label: 'Phường',
    aliases: ['Phường', 'Phường/xã', 'Xã', 'Phường, xã', 'Đơn vị'],
    kind: 'catalogue',
    catalogue: 'wards',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'wardId' },
  },
  {
    key: 'neighbourhood',
    label: 'Khu phố',
    aliases: ['Khu phố', 'KP', 'Khu phố/ấp', 'Ấp', 'Tổ dân phố'],
    kind: 'catalogue',
    catalogue: 'neighbourhoods',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'neighbourhoodId' },
  },
  {
    key: 'category',
    label: 'Diện đối tượng',
    aliases: ['Diện đối tượng', 'Diện', 'Loại đối tượng', 'Thuộc diện', 'Diện quản lý', 'Loại', 'Phân loại'],
    kind: 'catalogue',
    catalogue: 'subjectCategories',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'categoryId' },
  },
  {
    key: 'group',
    label: 'Nhóm',
    aliases: ['Nhóm', 'Phân nhóm', 'Xếp nhóm', 'Nhóm đối tượng', 'Nhóm A/B/C/D'],
    kind: 'choice',
    choices: groupChoices,
    entity: 'subject',
    target: { input: 'subjectInput', field: 'reintegrationGroup' },
  },
  {
    key: 'history',
    label: 'Lý do, quá trình vi phạm',
    aliases: ['Lý do, quá trình vi phạm', 'Quá trình vi phạm', 'Lý do', 'Tiền án, tiền sự', 'Tiền án', 'Tội danh', 'Hành vi vi phạm', 'Nội dung vi phạm'],
    kind: 'text',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'history' },
  },
  {
    key: 'startDate',
    label: 'Ngày bắt đầu giúp đỡ',
    aliases: ['Ngày bắt đầu giúp đỡ', 'Ngày bắt đầu', 'Bắt đầu', 'Từ ngày', 'Thời gian bắt đầu', 'Ngày đưa vào diện', 'Ngày về địa phương'],
    kind: 'date',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'startDate' },
  },
  {
    key: 'plannedEndDate',
    label: 'Ngày dự kiến kết thúc',
    aliases: ['Ngày dự kiến kết thúc', 'Dự kiến kết thúc', 'Ngày kết thúc', 'Đến ngày', 'Ngày hết hạn'],
    kind: 'date',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'plannedEndDate' },
  },
  {
    key: 'decisionNumber',
    label: 'Số quyết định',
    aliases: ['Số quyết định', 'Số QĐ', 'Quyết định số', 'QĐ số', 'Quyết định'],
    kind: 'text',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'decisionNumber' },
  },
  {
    key: 'decisionDate',
    label: 'Ngày quyết định',
    aliases: ['Ngày quyết định', 'Ngày QĐ', 'Ngày ra quyết định', 'Ngày ký quyết định'],
    kind: 'date',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'decisionDate' },
  },
  {
    key: 'decisionIssuer',
    label: 'Cơ quan ra quyết định',
    aliases: ['Cơ quan ra quyết định', 'Nơi ra quyết định', 'Cơ quan quyết định'],
    kind: 'text',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'decisionIssuer' },
  },
  {
    key: 'helperName',
    label: 'Người được phân công giúp đỡ',
    aliases: ['Người được phân công giúp đỡ', 'Người giúp đỡ', 'Người được phân công', 'Người phụ trách', 'Cán bộ phụ trách', 'Người theo dõi', 'Họ tên người giúp đỡ'],
    kind: 'name',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'helperName' },
  },
  {
    key: 'helperOrg',
    label: 'Tổ chức phụ trách',
    aliases: ['Tổ chức phụ trách', 'Tổ chức giúp đỡ', 'Cơ quan phụ trách', 'Đơn vị phụ trách', 'Đơn vị giúp đỡ', 'Tổ chức, đoàn thể', 'Đoàn thể phụ trách'],
    kind: 'catalogue',
    catalogue: 'helperOrgs',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'helperOrgId' },
  },
  {
    key: 'helperPhone',
    label: 'Điện thoại người giúp đỡ',
    aliases: ['Điện thoại người giúp đỡ', 'SĐT người giúp đỡ', 'Điện thoại người phụ trách'],
    kind: 'phone',
    entity: 'subject',
    target: { input: 'subjectInput', field: 'helperPhone' },
  },
  {
    key: 'status',
    label: 'Tình trạng',
    aliases: ['Tình trạng', 'Trạng thái', 'Tình trạng hiện nay', 'Tình hình hiện nay'],
    kind: 'choice',
    choices: subjectStatusChoices,
    entity: 'subject',
    target: { input: 'subjectStatusInput', field: 'status' },
  },
  {
    key: 'reviewDate',
    label: 'Ngày đánh giá',
    aliases: ['Ngày đánh giá', 'Đánh giá gần nhất', 'Ngày đánh giá gần nhất', 'Lần đánh giá gần nhất', 'Đánh giá ngày', 'Ngày nhận xét'],
    kind: 'date',
    entity: 'review',
    target: { input: 'reviewInput', field: 'reviewedOn' },
  },
  {
    key: 'reviewPeriod',
    label: 'Kỳ đánh giá',
    aliases: ['Kỳ đánh giá', 'Đợt đánh giá', 'Kỳ'],
    kind: 'text',
    entity: 'review',
    target: { input: 'reviewInput', field: 'period' },
  },
  {
    key: 'reviewResult',
    label: 'Kết quả đánh giá',
    aliases: ['Kết quả đánh giá', 'Kết quả', 'Đánh giá', 'Xếp loại', 'Kết quả giúp đỡ'],
    kind: 'choice',
    choices: reviewResultChoices,
    entity: 'review',
    target: { input: 'reviewInput', field: 'result' },
  },
  {
    key: 'reviewJob',
    label: 'Tình hình việc làm',
    aliases: ['Tình hình việc làm', 'Việc làm', 'Nghề nghiệp', 'Công việc'],
    kind: 'text',
    entity: 'review',
    target: { input: 'reviewInput', field: 'jobSituation' },
  },
  {
    key: 'reviewNotes',
    label: 'Nhận xét',
    aliases: ['Nhận xét', 'Nội dung đánh giá', 'Nhận xét đánh giá', 'Ghi chú đánh giá'],
    kind: 'text',
    entity: 'review',
    target: { input: 'reviewInput', field: 'notes' },
  },
  {
    key: 'reviewer',
    label: 'Người đánh giá',
    aliases: ['Người đánh giá', 'Người nhận xét'],
    kind: 'name',
    entity: 'review',
    target: { input: 'reviewInput', field: 'reviewer' },
  },
  {
    key: 'note',
    label: 'Ghi chú',
    aliases: ['Ghi chú', 'Ghi chú khác'],
    kind: 'text',
    entity: 'subject',
    // Individuals have no note of their own: a roster's remarks join the history, after it.
    target: { input: 'subjectInput', field: 'history', append: true },
  },
] as const satisfies readonly ImportField[];

export type ModelFieldKey = (typeof MODEL_IMPORT_FIELDS)[number]['key'];
export type SubjectFieldKey = (typeof SUBJECT_IMPORT_FIELDS)[number]['key'];
export type ImportFieldKey = ModelFieldKey | SubjectFieldKey;

export const IMPORT_FIELDS: Record<ImportRegister, readonly ImportField[]> = {
  models: MODEL_IMPORT_FIELDS,
  subjects: SUBJECT_IMPORT_FIELDS,
};

/** The field of a register by its key, or undefined. */
export function importField(register: ImportRegister, key: string): ImportField | undefined {
  return IMPORT_FIELDS[register].find((field) => field.key === key);
}

/** The comparable form of a header or value: folded, punctuation read as space ("Số CCCD/CMND" -> "so cccd cmnd"). */
export function labelKey(text: string): string {
  return foldForSearch(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface ColumnMatch {
  column: number;
  field: ImportField;
  exact: boolean;
}

// A partial match must cover at least this share of the header (plus the suffix bonus below).
const PARTIAL_THRESHOLD = 0.3;
// In a combined two-row header ("Ngày sinh Nam", "Thành viên Năm sinh") the child label, at the end,
// is the specific part: an alias found there outweighs a longer one found earlier.
const SUFFIX_BONUS = 0.5;
const MIN_PARTIAL_ALIAS = 3;

// Folding every alias is most of the matching's work: done once per field or choice.
const aliasKeyCache = new WeakMap<ImportField | Choice, string[]>();

function aliasKeysOf(entry: ImportField | Choice): string[] {
  let keys = aliasKeyCache.get(entry);
  if (!keys) {
    const names = 'key' in entry ? [entry.label, ...entry.aliases] : [entry.value, entry.label, ...entry.aliases];
    keys = names.map(labelKey);
    aliasKeyCache.set(entry, keys);
  }
  return keys;
}

function partialScore(label: string, alias: string): number {
  const isSuffix = label.endsWith(` ${alias}`);
  // A short alias ("Nữ", "KP") counts only as the last word, where a group header puts it.
  if (!` ${label} `.includes(` ${alias} `) || (alias.length < MIN_PARTIAL_ALIAS && !isSuffix)) return 0;
  return alias.length / label.length + (isSuffix ? SUFFIX_BONUS : 0);
}

/**
 * Matches header labels to fields: exact aliases first (in column order, each field once: a second
 * "Điện thoại" goes to the next field that has it), then the best partial matches. Blank labels stay
 * unmatched.
 */
export function matchColumns(labels: readonly string[], fields: readonly ImportField[]): ColumnMatch[] {
  const keys = labels.map(labelKey);
  const usedFields = new Set<ImportField>();
  const matches: ColumnMatch[] = [];

  keys.forEach((key, column) => {
    if (!key) return;
    const candidates = fields.filter((candidate) => !usedFields.has(candidate) && aliasKeysOf(candidate).includes(key));
    // A header several fields share ("Điện thoại", "Địa chỉ") belongs to the record of the columns before it.
    const previousEntity = matches[matches.length - 1]?.field.entity;
    const field = candidates.find((candidate) => candidate.entity === previousEntity) ?? candidates[0];
    if (!field) return;
    usedFields.add(field);
    matches.push({ column, field, exact: true });
  });

  const matchedColumns = new Set(matches.map((match) => match.column));
  const candidates: { column: number; field: ImportField; score: number }[] = [];
  keys.forEach((key, column) => {
    if (!key || matchedColumns.has(column)) return;
    for (const field of fields) {
      if (usedFields.has(field)) continue;
      const score = Math.max(...aliasKeysOf(field).map((alias) => partialScore(key, alias)));
      if (score >= PARTIAL_THRESHOLD) candidates.push({ column, field, score });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  for (const { column, field } of candidates) {
    if (matchedColumns.has(column) || usedFields.has(field)) continue;
    matchedColumns.add(column);
    usedFields.add(field);
    matches.push({ column, field, exact: false });
  }
  return matches.sort((a, b) => a.column - b.column);
}

/** Column index -> field key (null: not imported) for every column of the header. */
export type ResolvedMapping = Record<number, string | null>;

/** The mapping the wizard proposes for a header: every column, matched or null. */
export function autoMap(labels: readonly string[], register: ImportRegister): ResolvedMapping {
  const mapping: ResolvedMapping = Object.fromEntries(labels.map((_label, column) => [column, null]));
  for (const match of matchColumns(labels, IMPORT_FIELDS[register])) mapping[match.column] = match.field.key;
  return mapping;
}

/**
 * A stable name for a file layout (its folded header labels), under which the officer's mapping is
 * remembered: the same roster template gives the same key whatever its accents, case or spacing.
 */
export function layoutKey(labels: readonly string[]): string {
  const keys = labels.map(labelKey);
  while (keys.length > 0 && keys[keys.length - 1] === '') keys.pop();
  return `layout-${fnv1a(keys.join('\u0001'), 0x811c9dc5)}${fnv1a(keys.join('\u0002'), 0x01000193)}`;
}

function fnv1a(text: string, seed: number): string {
  let hash = seed;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** "A" -> 0, "AB" -> 27: columns as Excel names them. */
export function columnIndex(letters: string): number {
  return [...letters.toUpperCase()].reduce((index, letter) => index * 26 + letter.charCodeAt(0) - 64, 0) - 1;
}

/** 0 -> "A", 27 -> "AB". */
export function columnLetters(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

const COLUMN_LETTERS = /^[A-Z]{1,3}$/;

/**
 * A mapping chosen by the officer in the wizard or given as `--mapping M.json`: each column, named by its
 * letter ("C") or by its header as written in the file ("Họ và tên"), to a field key, or null to skip it.
 */
export const columnMapping = z
  .object({
    register: z.enum(IMPORT_REGISTERS, { message: 'Sổ cần nhập phải là "models" (mô hình) hoặc "subjects" (đối tượng).' }),
    columns: z.record(z.string().min(1, 'Tên cột không được để trống.').max(200), z.string().nullable()),
  })
  .superRefine((mapping, context) => {
    const used = new Map<string, string>();
    for (const [column, key] of Object.entries(mapping.columns)) {
      if (key === null) continue;
      if (!importField(mapping.register, key)) {
        context.addIssue({ code: 'custom', path: ['columns', column], message: `Cột "${column}": không có trường "${key}" trong sổ này.` });
      } else if (used.has(key)) {
        context.addIssue({ code: 'custom', path: ['columns', column], message: `Trường "${key}" đã gán cho cột "${used.get(key)}", không gán thêm cho cột "${column}".` });
      }
      used.set(key, column);
    }
  });
export type ColumnMapping = z.output<typeof columnMapping>;

/**
 * Applies a given mapping to a header: names that are column letters select by position, others by their
 * folded header text. Columns the mapping does not name are not imported. Unknown names are returned so
 * the caller can say which ones did not fit the file.
 */
export function resolveColumnMapping(mapping: ColumnMapping, labels: readonly string[]): { columns: ResolvedMapping; unknown: string[] } {
  const columns: ResolvedMapping = Object.fromEntries(labels.map((_label, column) => [column, null]));
  const labelKeys = labels.map(labelKey);
  const unknown: string[] = [];
  for (const [name, key] of Object.entries(mapping.columns)) {
    const byLetter = COLUMN_LETTERS.test(name) ? columnIndex(name) : -1;
    const column = byLetter >= 0 && byLetter < labels.length ? byLetter : labelKeys.indexOf(labelKey(name));
    if (column < 0 || !labelKey(name)) unknown.push(name);
    else columns[column] = key;
  }
  return { columns, unknown };
}

/**
 * The choice a cell names: its label or an alias, exactly or as the first words ("Tiến bộ, đã có việc
 * làm" -> tien_bo); the longest alias wins, so "Chưa tiến bộ" is not read as "Tiến bộ".
 */
export function matchChoice(text: string, choices: readonly Choice[]): Choice | null {
  const key = labelKey(text);
  if (!key) return null;
  let best: { choice: Choice; length: number } | null = null;
  for (const choice of choices) {
    for (const alias of aliasKeysOf(choice)) {
      const fits = key === alias || key.startsWith(`${alias} `);
      if (fits && alias.length > (best?.length ?? 0)) best = { choice, length: alias.length };
    }
  }
  return best?.choice ?? null;
}

// ------------------------------------------------------------------------- the wizard's API calls

/** What happens to a row: added, updated, already there unchanged, added though it likely duplicates another record, an error, skipped. */
export const IMPORT_ACTIONS = ['add', 'update', 'same', 'check', 'error', 'skip'] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];

const sessionId = z.uuid({ message: 'Phiên nhập dữ liệu không hợp lệ.' });
const register = z.enum(IMPORT_REGISTERS, { message: 'Sổ cần nhập phải là "models" (mô hình) hoặc "subjects" (đối tượng).' });
const sheet = z.string().min(1, 'Vui lòng chọn trang tính.').max(200);
const rowNumbers = z.array(z.number().int().positive()).max(1_000_000).default([]);

export const importOpenInput = z.object({
  file: z.union([z.object({ path: z.string().min(1).max(4000) }), z.object({ uploadId: z.uuid() })]),
});
export const importInspectInput = z.object({ sessionId, sheet, register });
/** Column index -> field key, or null for a column not imported. */
export const resolvedMapping = z.record(z.string().regex(/^\d{1,4}$/), z.string().max(60).nullable());
/**
 * What the officer decided for a value no catalogue entry matches (`key` as the preview gave it): add it
 * as a new entry (under the proposed name, or one typed), or take it as another name of an existing entry.
 */
export const catalogueChoice = z.discriminatedUnion('action', [
  z.object({ key: z.string().min(1).max(600), action: z.literal('add'), name: z.string().trim().min(1).max(200).optional() }),
  z.object({ key: z.string().min(1).max(600), action: z.literal('map'), entryId: z.uuid({ message: 'Mục danh mục đã chọn không hợp lệ.' }) }),
]);
export type CatalogueChoice = z.output<typeof catalogueChoice>;

export const importAnalyseInput = z.object({
  sessionId,
  sheet,
  register,
  mapping: resolvedMapping,
  /** Values the officer typed in the preview: row number -> column -> text. */
  fixes: z.record(z.string().regex(/^\d{1,7}$/), z.record(z.string().regex(/^\d{1,4}$/), z.string().max(4000))).default({}),
  /** Cells typed in a legacy encoding that the officer keeps as written rather than converted. */
  keepOriginal: z.array(z.object({ rowNumber: z.number().int().positive(), column: z.number().int().min(0).max(9999) })).max(1_000_000).default([]),
  /** Rows skipped so far: left out of the check, so a row that repeats one of them is read on its own. */
  skipped: rowNumbers,
  /** Unknown catalogue values: added or mapped. */
  catalogueChoices: z.array(catalogueChoice).max(10_000).default([]),
  /** Rows whose ID number is not valid, imported without it (the number kept in a note). */
  withoutId: rowNumbers,
  from: z.number().int().min(0),
  /** Remember the mapping for this file layout once every row is analysed (a dry run does not). */
  remember: z.boolean().default(true),
});
/** Rows left out; likely duplicates confirmed as the record they resemble (`sameAs`: the row updates it). */
export const importDecisions = z.object({ sessionId, skipped: rowNumbers, sameAs: rowNumbers });
export type ImportDecisions = Omit<z.output<typeof importDecisions>, 'sessionId'>;
export const NO_DECISIONS: ImportDecisions = { skipped: [], sameAs: [] };
export const importPreviewInput = importDecisions.extend({
  show: z.enum([...IMPORT_ACTIONS, 'all', 'problems']).default('all'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
  /** Which page of the cells converted from a legacy encoding to give (PreviewDecoded). */
  decodedOffset: z.number().int().min(0).default(0),
  decodedLimit: z.number().int().min(1).max(1000).default(20),
});
export type ImportKeptCell = z.output<typeof importAnalyseInput>['keepOriginal'][number];
export const importSessionInput = z.object({ sessionId });
/** Where the report of a commit goes: a path chosen in Electron, or a download from the web host. */
export const importReportInput = z.object({
  sessionId,
  target: z.union([z.literal('download'), z.object({ path: z.string().min(1).max(4000, 'Đường dẫn quá dài.') })]),
});

/** Undoing a committed import: the run named in its summary. */
export const importUndoInput = z.object({ runId: z.uuid('Mã lần nhập không hợp lệ.') });

/**
 * The field of a commit's error that carries the run id when the commit stopped after some batches were
 * written: what was kept can be undone as one import (imports.undo).
 */
export const STOPPED_RUN_FIELD = 'importRun';

export interface ImportUndone {
  /** Records (people, models) the import added, now in the Trash (they can be restored from there). */
  trashed: number;
  /** Members the import added to models that existed before, now removed (the models' member counts follow). */
  membersRemoved: number;
  /** Records or members the import added that were already in the Trash, removed or merged away. */
  alreadyGone: number;
  /** Records that already existed and that the import updated: left as they are (their History shows the change). */
  updatesKept: number;
  /** Records and members an earlier undo of this import had already removed before it was interrupted. */
  undoneEarlier: number;
}

export interface ImportOpened {
  sessionId: string;
  fileName: string;
  sheets: { name: string; rows: number }[];
}

export interface ImportLayout {
  /** 1-based, as Excel numbers rows. */
  headerRow: number;
  dataStartRow: number;
  labels: string[];
  mapping: ResolvedMapping;
  /** The mapping was the one the officer chose for this layout before. */
  remembered: boolean;
  /** The legacy encoding the header was typed in, e.g. "TCVN3 (ABC)". */
  headerEncoding: string | null;
  /** Per column, the first few values below the header, so an unclear header can be told by what it holds. */
  samples: string[][];
}

export interface PreviewRow {
  rowNumber: number;
  action: ImportAction;
  /** Field key -> the value as read, for display. */
  values: Record<string, string>;
  problems: { field: string; message: string }[];
  warnings: { field: string; message: string }[];
  /** The existing record this row updates or may duplicate. */
  matchName: string | null;
  /** For a row with problems: column index -> the cell as written in the file (what "Sửa" starts from). */
  cells: Record<string, string>;
  /** A likely duplicate that the officer may confirm as the record it resembles (the row then updates it). */
  canBeSame: boolean;
  /** An ID number as typed that is not one: the row can be imported without it (`withoutId`). */
  invalidId: string | null;
  /**
   * Skipping this row, or taking it back, changes how other rows read: another row repeats it, or it was
   * left out of the check. The wizard checks the rows again then.
   */
  recheckOnSkip: boolean;
}

/** A value of the file that no catalogue entry matches, once however many rows use it. */
export interface UnknownCatalogueValue {
  /** Names the value in a CatalogueChoice. */
  key: string;
  catalogue: CatalogueName;
  /** The field's word ("Phường", "Diện đối tượng"). */
  label: string;
  /** As first typed in the file. */
  text: string;
  /** A khu phố: the ward it was typed with, and that ward's entry if known (only its khu phố can be chosen). */
  wardText: string | null;
  wardId: string | null;
  rows: number;
  /** The name it would be added under. */
  proposedName: string;
  /** A likely entry (shared words), shown for the officer to confirm; never applied unasked. */
  suggestion: { id: string; name: string } | null;
  /** What the officer chose, as sent with the analysis. */
  choice: CatalogueChoice | null;
}

/** A cell typed in a legacy encoding (TCVN3 or VNI) and converted to Unicode, or kept as written. */
export interface PreviewDecodedCell {
  rowNumber: number;
  column: number;
  /** The import field the cell fills. */
  field: string;
  /** "TCVN3 (ABC)" or "VNI". */
  encoding: string;
  /** The cell's font named the encoding (else its text did). */
  byFont: boolean;
  original: string;
  decoded: string;
  kept: boolean;
}

export interface ImportPreview {
  counts: Record<ImportAction, number>;
  /** Values no catalogue entry matches: the rows using them wait for a choice. */
  unknownValues: UnknownCatalogueValue[];
  /** Every row refused for an ID number that is not one (any page): "import without it" can take them all. */
  invalidIdRows: number[];
  /** Rows matching `show`. */
  total: number;
  rows: PreviewRow[];
  dropped: { rowNumber: number; reason: 'blank' | 'total' | 'heading'; text: string }[];
  notes: string[];
  /** Every cell converted from a legacy encoding, a page of them at `decodedOffset`. */
  decoded: { total: number; cells: PreviewDecodedCell[] };
}

export interface ImportSummary {
  /** The import run: every audit entry it wrote carries it, so the import can be undone as one. */
  runId: string;
  fileName: string;
  sheet: string;
  register: ImportRegister;
  added: number;
  updated: number;
  unchanged: number;
  skipped: { rowNumber: number; reason: string }[];
  /** Entries the import added to the catalogues. */
  catalogueAdded: { catalogue: CatalogueName; name: string }[];
}
