/**
 * The Vietnamese words for each coded value, written once: the UI (i18n/vi.ts), the exported files and
 * the import's choices all use these, as docs/UI.md wants one word for one thing.
 */
import type { NomineeKind, NominationStatus } from './awards';
import type { ModelStatus, Rating } from './models';
import type { MovementGrade, MovementLevel, StandardResult, StandardUnitKind } from './standards';
import type { Gender, ReviewResult, SubjectStatus } from './subjects';

export const MODEL_STATUS_LABELS: Record<ModelStatus, string> = { hoat_dong: 'Hoạt động', tam_ngung: 'Tạm ngưng', giai_the: 'Giải thể' };
export const RATING_LABELS: Record<Rating, string> = { tot: 'Tốt', kha: 'Khá', trung_binh: 'Trung bình', yeu: 'Yếu' };
export const GENDER_LABELS: Record<Gender, string> = { nam: 'Nam', nu: 'Nữ' };
export const SUBJECT_STATUS_LABELS: Record<SubjectStatus, string> = {
  dang_giup_do: 'Đang giúp đỡ',
  da_tien_bo: 'Đã tiến bộ',
  tai_pham: 'Tái phạm',
  chuyen_di: 'Chuyển đi',
  da_chet: 'Đã chết',
  ket_thuc: 'Kết thúc',
};
export const REVIEW_RESULT_LABELS: Record<ReviewResult, string> = { tien_bo: 'Tiến bộ', chua_tien_bo: 'Chưa tiến bộ', vi_pham: 'Vi phạm' };
export const NOMINEE_KIND_LABELS: Record<NomineeKind, string> = { tap_the: 'Tập thể', ca_nhan: 'Cá nhân' };
export const NOMINATION_STATUS_LABELS: Record<NominationStatus, string> = {
  du_thao: 'Dự thảo',
  da_trinh: 'Đã trình',
  duoc_duyet: 'Được duyệt',
  khong_duyet: 'Không duyệt',
  da_trao: 'Đã trao',
};
export const STANDARD_UNIT_LABELS: Record<StandardUnitKind, string> = { phuong: 'Phường', khu_pho: 'Khu phố', co_quan: 'Cơ quan', doanh_nghiep: 'Doanh nghiệp', truong_hoc: 'Trường học' };
export const STANDARD_RESULT_LABELS: Record<StandardResult, string> = { dang_ky: 'Đã đăng ký', khong_dat: 'Không đạt', dat: 'Đạt chuẩn' };
export const MOVEMENT_LEVEL_LABELS: Record<MovementLevel, string> = { phuong: 'Phường', khu_pho: 'Khu phố' };
export const MOVEMENT_GRADE_LABELS: Record<MovementGrade, string> = { xuat_sac: 'Xuất sắc', kha: 'Khá', trung_binh: 'Trung bình', yeu: 'Yếu' };
