/**
 * The period report (báo cáo sơ kết, tổng kết; issue 17): a period and a scope of wards, every figure
 * counted from the records, and for each figure the records behind it. The report's wording is in
 * report-text.ts.
 */
import { z } from 'zod';
import { NOMINEE_KINDS } from './awards';
import { id, optionalDate, type Page } from './common';
import { MOVEMENT_GRADES, MOVEMENT_LEVELS, STANDARD_RESULTS, STANDARD_UNIT_KINDS, type MovementGrade, type MovementLevel, type StandardUnitKind } from './standards';
import { SUBJECT_STATUSES, type SubjectStatus } from './subjects';

const requiredDate = (label: string) => optionalDate(label, 'any').refine((value) => value !== null, `Hãy nhập ${label.toLowerCase()}.`).transform((value) => value as string);

export const reportQuery = z
  .object({
    from: requiredDate('Từ ngày'),
    to: requiredDate('Đến ngày'),
    /** The wards counted; none means every ward. */
    wardIds: z.array(id).max(500).default([]),
  })
  .refine((value) => value.from <= value.to, { path: ['to'], message: 'Ngày kết thúc phải từ ngày bắt đầu trở đi.' });
export type ReportQueryInput = z.input<typeof reportQuery>;
export type ReportQuery = z.output<typeof reportQuery>;

/** One figure of the report, to open the records behind it. */
export const reportFigure = z.discriminatedUnion('figure', [
  z.object({ figure: z.literal('sessions') }),
  z.object({ figure: z.literal('campaigns'), programmeId: id.optional() }),
  z.object({ figure: z.literal('tips'), only: z.enum(['valuable', 'cases']).optional() }),
  z.object({ figure: z.literal('subjects'), categoryId: id.optional(), status: z.enum(SUBJECT_STATUSES).optional() }),
  z.object({ figure: z.literal('models'), typeId: id.optional() }),
  z.object({ figure: z.literal('awards'), formId: id.optional(), kind: z.enum(NOMINEE_KINDS).optional() }),
  z.object({ figure: z.literal('standards'), unitKind: z.enum(STANDARD_UNIT_KINDS).optional(), result: z.enum(STANDARD_RESULTS).optional(), assessed: z.boolean().optional() }),
  z.object({ figure: z.literal('scores'), level: z.enum(MOVEMENT_LEVELS).optional(), grade: z.enum(MOVEMENT_GRADES).optional() }),
]);
export type ReportFigure = z.infer<typeof reportFigure>;

export const reportRecordsQuery = z.object({
  query: reportQuery,
  figure: reportFigure,
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
});

/** The register a record behind a figure belongs to, so the page can open it. */
export type ReportRecordRegister = 'activity' | 'tip' | 'subject' | 'model' | 'nomination' | 'standard' | 'score';

export interface ReportRecord {
  id: string;
  register: ReportRecordRegister;
  /** ISO of the precision stored: a day, a month (a month's total), a year. */
  date: string | null;
  /** A session's topic, a campaign's programme, a tip's summary, a person's, model's or nominee's name. */
  title: string;
  wardName: string | null;
  /** What the record adds to its figure: sessions or campaigns and people, members. */
  events: number | null;
  participants: number | null;
  members: number | null;
  /** A movement sheet's points. */
  score: number | null;
  /** A person's status, a tip's outcome ('valuable', 'case' or 'none'), a nominee's kind, a standard's result, a sheet's grade. */
  status: string | null;
}

export type ReportRecords = Page<ReportRecord>;

export interface ReportFigures {
  query: ReportQuery;
  /** The wards of the scope by name (empty: every ward). */
  wardNames: string[];
  sessions: { events: number; participants: number };
  tips: { tips: number; valuable: number; cases: number };
  subjects: {
    total: number;
    byCategory: { categoryId: string; name: string; count: number }[];
    byStatus: { status: SubjectStatus; count: number }[];
  };
  /** Every programme in use in the period, and every active one (0 when none was held). */
  campaigns: { programmeId: string; name: string; events: number; participants: number }[];
  models: {
    total: number;
    members: number;
    /** Per type, with how many of its models were rated Tốt in one of the period's years. */
    byType: { typeId: string; name: string; count: number; members: number; ratedGood: number }[];
  };
  /** Awarded nominations of the rounds whose years lie in the period's, per form. */
  awards: { formId: string; name: string; collectives: number; individuals: number }[];
  /** The standard "An toàn về an ninh, trật tự" in the period's years, per kind of unit (kinds with entries only). */
  standards: { unitKind: StandardUnitKind; registered: number; assessed: number; met: number }[];
  /** The movement's 100-point sheets of the period's years, per level and grade (levels with sheets only). */
  scores: { level: MovementLevel; total: number; grades: Record<MovementGrade, number> }[];
}

/** The report as the officer left it, to be saved as .docx or printed. */
export const reportDraftInput = z.object({
  title: z.string().trim().min(1, 'Hãy nhập tên báo cáo.').max(200),
  subtitle: z.string().trim().max(500).default(''),
  paragraphs: z.array(z.string().max(20_000)).max(500),
});
export type ReportDraftInput = z.input<typeof reportDraftInput>;

/** The months the dashboard charts, up to this month. */
export const monthlyQuery = z.object({ months: z.number().int().min(1).max(24).default(12) });

/** One month (or year) of the movement: sessions and campaigns held (events), their people, tips and those of value. */
export interface SeriesPoint {
  /** "2018-10" for a month, "2018" for a year */
  key: string;
  sessions: number;
  participants: number;
  campaigns: number;
  tips: number;
  valuable: number;
}

/** A period's points: by month up to two years, by year beyond. */
export interface PeriodSeries {
  bucket: 'month' | 'year';
  points: SeriesPoint[];
}
