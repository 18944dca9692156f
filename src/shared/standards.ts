/**
 * The yearly standard "An toàn về an ninh, trật tự" (issue 17 point 3): which wards, khu phố, agencies,
 * enterprises and schools registered for it, were assessed, and met it, with the decision; and the
 * movement's yearly 100-point scoring of each ward and khu phố, with its grade and the dossier deadlines
 * (khu phố before 20/11, wards before 30/11).
 */
import { z } from 'zod';
import { id, optionalDate, optionalText, type RowStamps } from './common';

export const STANDARD_UNIT_KINDS = ['phuong', 'khu_pho', 'co_quan', 'doanh_nghiep', 'truong_hoc'] as const;
export type StandardUnitKind = (typeof STANDARD_UNIT_KINDS)[number];

/** Registered and not yet assessed; assessed and not met; assessed and met ("được công nhận đạt chuẩn"). */
export const STANDARD_RESULTS = ['dang_ky', 'khong_dat', 'dat'] as const;
export type StandardResult = (typeof STANDARD_RESULTS)[number];

const year = z.coerce.number({ message: 'Hãy nhập năm.' }).int('Năm phải là số nguyên.').min(2000, 'Năm phải từ 2000 đến 2100.').max(2100, 'Năm phải từ 2000 đến 2100.');
const optionalId = id.nullish().or(z.literal('')).transform((value) => value || null);
const requiredWard = id.or(z.literal('')).refine((value) => value !== '', 'Hãy chọn phường.');

export const standardInput = z
  .object({
    year,
    unitKind: z.enum(STANDARD_UNIT_KINDS, { message: 'Hãy chọn loại đơn vị.' }),
    wardId: requiredWard,
    neighbourhoodId: optionalId,
    /** An agency's, enterprise's or school's name; a ward or khu phố is named by the catalogue. */
    unitName: optionalText('Tên đơn vị', 200),
    result: z.enum(STANDARD_RESULTS, { message: 'Hãy chọn kết quả.' }),
    decisionNumber: optionalText('Số quyết định công nhận', 100),
    decisionDate: optionalDate('Ngày quyết định'),
    note: optionalText('Ghi chú', 1000),
  })
  .superRefine((values, context) => {
    if (values.unitKind === 'khu_pho' && !values.neighbourhoodId) context.addIssue({ code: 'custom', path: ['neighbourhoodId'], message: 'Hãy chọn khu phố.' });
    if (!['phuong', 'khu_pho'].includes(values.unitKind) && !values.unitName) context.addIssue({ code: 'custom', path: ['unitName'], message: 'Hãy nhập tên cơ quan, doanh nghiệp, trường học.' });
    if (values.result === 'dat' && !values.decisionNumber) context.addIssue({ code: 'custom', path: ['decisionNumber'], message: 'Đơn vị đạt chuẩn cần số quyết định công nhận.' });
  });
export type StandardInput = z.input<typeof standardInput>;
export type StandardValues = z.output<typeof standardInput>;

export interface StandardRow extends StandardValues, RowStamps {
  id: string;
  wardName: string;
  neighbourhoodName: string | null;
  /** The unit as printed: the agency's name, the khu phố and ward, or the ward. */
  displayName: string;
  deletedAt: string | null;
}

export const standardFilter = z.object({
  year: z.number().int().min(2000).max(2100).optional(),
  unitKind: z.enum(STANDARD_UNIT_KINDS).optional(),
  trashed: z.boolean().default(false),
});

export const MOVEMENT_LEVELS = ['phuong', 'khu_pho'] as const;
export type MovementLevel = (typeof MOVEMENT_LEVELS)[number];
export const MOVEMENT_GRADES = ['xuat_sac', 'kha', 'trung_binh', 'yeu'] as const;
export type MovementGrade = (typeof MOVEMENT_GRADES)[number];

/** The grade of a 100-point sheet: Xuất sắc from 90, Khá from 70, Trung bình from 50, Yếu below. */
export function movementGrade(score: number): MovementGrade {
  if (score >= 90) return 'xuat_sac';
  if (score >= 70) return 'kha';
  if (score >= 50) return 'trung_binh';
  return 'yeu';
}

/** "87,5" or "87.5": a score out of 100, to one decimal. */
const score = z
  .union([z.number(), z.string()])
  .transform((value, context) => {
    const text = String(value).trim().replace(',', '.');
    const number = Number(text);
    if (!text || !Number.isFinite(number) || number < 0 || number > 100 || Math.round(number * 10) !== number * 10) {
      context.addIssue({ code: 'custom', message: 'Điểm là số từ 0 đến 100, lẻ đến một chữ số (ví dụ 87,5).' });
      return z.NEVER;
    }
    return number;
  });

export const scoreInput = z
  .object({
    year,
    level: z.enum(MOVEMENT_LEVELS, { message: 'Hãy chọn phường hay khu phố.' }),
    wardId: requiredWard,
    neighbourhoodId: optionalId,
    score,
    /** When the dossier went up: khu phố before 20/11, wards before 30/11. */
    submittedOn: optionalDate('Ngày nộp hồ sơ'),
    note: optionalText('Ghi chú', 1000),
  })
  .superRefine((values, context) => {
    if (values.level === 'khu_pho' && !values.neighbourhoodId) context.addIssue({ code: 'custom', path: ['neighbourhoodId'], message: 'Hãy chọn khu phố.' });
  });
export type ScoreInput = z.input<typeof scoreInput>;

export interface ScoreRow extends z.output<typeof scoreInput>, RowStamps {
  id: string;
  grade: MovementGrade;
  wardName: string;
  neighbourhoodName: string | null;
  deletedAt: string | null;
}

export const scoreFilter = z.object({
  year: z.number().int().min(2000).max(2100).optional(),
  level: z.enum(MOVEMENT_LEVELS).optional(),
  trashed: z.boolean().default(false),
});

/** The dossier deadlines of a year's scoring, by level: day and month. */
export const DOSSIER_DEADLINES: Record<MovementLevel, { day: number; month: number }> = { khu_pho: { day: 20, month: 11 }, phuong: { day: 30, month: 11 } };

export interface DossierDeadline {
  level: MovementLevel;
  /** ISO date of the deadline. */
  due: string;
  daysLeft: number;
  /** Units of that level with no sheet for the year yet, out of all live ones. */
  missing: number;
  of: number;
}
