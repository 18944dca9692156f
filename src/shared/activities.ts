/**
 * The movement's activities (issue 17): propaganda sessions (buổi sinh hoạt tuyên truyền) and campaigns
 * (cuộc vận động). Officers often have only a month's totals, so an entry is one event on a day, or the
 * total of a month for a ward with how many events it stands for; both count the same way.
 */
import { z } from 'zod';
import { count, dateProblemMessage, dateRangeMessage, id, optionalDate, optionalText, paging, requiredText, type Page, type RowStamps } from './common';
import { readPartialDate } from './dates';

export const ACTIVITY_KINDS = ['tuyen_truyen', 'van_dong'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** "25/10/2018" for one event, "10/2018" for the month's total; stored "2018-10-25" or "2018-10". */
const activityPeriod = z.string({ message: 'Hãy nhập ngày (một buổi) hoặc tháng/năm (tổng của tháng).' }).transform((value, context) => {
  const reading = readPartialDate(value.trim());
  const shape = 'Hãy nhập ngày/tháng/năm (một buổi) hoặc tháng/năm (tổng của tháng), ví dụ 25/10/2018 hoặc 10/2018.';
  const message = !value.trim()
    ? shape
    : !reading.ok
      ? dateProblemMessage(reading, shape)
      : reading.precision === 'year'
        ? 'Một năm là quá dài: hãy nhập tổng theo từng tháng (tháng/năm).'
        : dateRangeMessage('Thời gian', reading.iso, 'past');
  if (message || !reading.ok) {
    context.addIssue({ code: 'custom', message: message ?? shape });
    return z.NEVER;
  }
  return reading.iso;
});

const optionalId = id.nullish().or(z.literal('')).transform((value) => value || null);

export const activityInput = z
  .object({
    kind: z.enum(ACTIVITY_KINDS, { message: 'Hãy chọn loại hoạt động.' }),
    period: activityPeriod,
    /** How many sessions or campaigns the entry stands for: 1 for one event, more for a month's total. */
    events: count('Số buổi, số cuộc', { min: 1, max: 100_000, minMessage: 'Ít nhất là 1.' }).default(1),
    wardId: id.or(z.literal('')).refine((value) => value !== '', 'Hãy chọn phường.'),
    neighbourhoodId: optionalId,
    /** A session's topic (for a campaign: its name, if it has one). */
    topic: optionalText('Chủ đề, nội dung', 500),
    /** A campaign's programme (catalogue). */
    programmeId: optionalId,
    organiser: optionalText('Đơn vị, người tổ chức', 200),
    /** The model that held it, if one did. */
    modelId: optionalId,
    /** People who took part (lượt người): the whole month's for a total. */
    participants: count('Số người tham gia', { max: 10_000_000 }),
    note: optionalText('Ghi chú', 2000),
  })
  .superRefine((values, context) => {
    if (values.kind === 'van_dong' && !values.programmeId) context.addIssue({ code: 'custom', path: ['programmeId'], message: 'Hãy chọn chương trình của cuộc vận động.' });
    if (values.kind === 'tuyen_truyen' && !values.topic) context.addIssue({ code: 'custom', path: ['topic'], message: 'Hãy nhập chủ đề buổi sinh hoạt.' });
    if (values.period.length === 10 && values.events !== 1) {
      context.addIssue({ code: 'custom', path: ['events'], message: 'Một ngày là một buổi: tổng của nhiều buổi thì nhập theo tháng (tháng/năm).' });
    }
  });
export type ActivityInput = z.input<typeof activityInput>;
export type ActivityValues = z.output<typeof activityInput>;

export interface ActivityRow extends ActivityValues, RowStamps {
  id: string;
  wardName: string;
  neighbourhoodName: string | null;
  programmeName: string | null;
  modelName: string | null;
  deletedAt: string | null;
}

/** The register's filter: kind, ward, a date range (a month's total counts when its month overlaps it), text. */
export const activityFilter = z.object({
  kind: z.enum(ACTIVITY_KINDS).optional(),
  wardId: id.optional(),
  from: optionalDate('Từ ngày', 'any'),
  to: optionalDate('Đến ngày', 'any'),
  search: z.string().max(200).optional(),
  trashed: z.boolean().default(false),
});
export const activityListQuery = activityFilter.extend(paging);
export type ActivityFilter = z.output<typeof activityFilter>;

/** A page of the register, with the totals of every entry the filter matches. */
export interface ActivityList extends Page<ActivityRow> {
  totals: { events: number; participants: number };
}

export const programmeInput = z.object({
  name: requiredText('Tên chương trình', 200),
  active: z.boolean().default(true),
});
export interface Programme extends z.output<typeof programmeInput>, RowStamps {
  id: string;
}

/** How a tip from the public came in (tin báo): in person, by phone, in the ward's Zalo group, through a model. */
export const TIP_CHANNELS = ['truc_tiep', 'dien_thoai', 'zalo', 'mo_hinh', 'khac'] as const;
export type TipChannel = (typeof TIP_CHANNELS)[number];

export const tipInput = z
  .object({
    receivedOn: optionalDate('Ngày nhận tin').refine((value) => value !== null, 'Hãy nhập ngày nhận tin.'),
    wardId: id.or(z.literal('')).refine((value) => value !== '', 'Hãy chọn phường.'),
    neighbourhoodId: optionalId,
    channel: z.enum(TIP_CHANNELS, { message: 'Hãy chọn nguồn tin.' }),
    /** The model the tip came through (channel 'mo_hinh'). */
    modelId: optionalId,
    summary: requiredText('Nội dung tin', 2000),
    /** Found of value by the police. */
    valuable: z.boolean().default(false),
    /** Led to a case handled (vụ việc được xử lý, giải quyết). */
    caseHandled: z.boolean().default(false),
    caseReference: optionalText('Số, tên vụ việc', 200),
    note: optionalText('Ghi chú', 2000),
  })
  .superRefine((values, context) => {
    if (values.channel === 'mo_hinh' && !values.modelId) context.addIssue({ code: 'custom', path: ['modelId'], message: 'Hãy chọn mô hình đã báo tin.' });
    if (values.caseHandled && !values.valuable) context.addIssue({ code: 'custom', path: ['valuable'], message: 'Tin giúp xử lý vụ việc là tin có giá trị: hãy đánh dấu cả ô này.' });
  });
export type TipInput = z.input<typeof tipInput>;

export interface TipRow extends Omit<z.output<typeof tipInput>, 'receivedOn'>, RowStamps {
  id: string;
  receivedOn: string;
  wardName: string;
  neighbourhoodName: string | null;
  modelName: string | null;
  deletedAt: string | null;
}

export const tipFilter = z.object({
  wardId: id.optional(),
  modelId: id.optional(),
  channel: z.enum(TIP_CHANNELS).optional(),
  valuable: z.boolean().optional(),
  from: optionalDate('Từ ngày', 'any'),
  to: optionalDate('Đến ngày', 'any'),
  search: z.string().max(200).optional(),
  trashed: z.boolean().default(false),
});
export const tipListQuery = tipFilter.extend(paging);

/** A page of tips with the counts of every tip the filter matches: all, of value, that led to a case. */
export interface TipList extends Page<TipRow> {
  counts: { tips: number; valuable: number; cases: number };
}
