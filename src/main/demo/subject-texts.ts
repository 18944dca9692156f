/** The words of a demo person's record: nicknames, jobs, the history that brought them under help, review notes, why help ended. */
import type { ReviewResult, SubjectStatus } from '../../shared/subjects';
import { foldForSearch } from '../../shared/text';
import type { Rng } from './random';

export const ALIASES = ['Tèo', 'Tí', 'Cu', 'Bờm', 'Sún', 'Mập', 'Còi', 'Đen', 'Sẹo', 'Út', 'Hai Lúa', 'Ba Đen', 'Tư Mập', 'Bảy Sẹo', 'Năm Còi'];
export const JOBS = [
  'Làm thuê tự do',
  'Phụ hồ',
  'Chạy xe ôm công nghệ',
  'Bán hàng ở chợ Bình Tây',
  'Công nhân may',
  'Phụ quán ăn',
  'Sửa xe máy',
  'Bốc xếp ở chợ Bình Tây',
  'Buôn bán nhỏ tại nhà',
  'Đang học nghề hàn',
  'Chưa có việc làm',
];
const CRIMES = ['Trộm cắp tài sản', 'Cướp giật tài sản', 'Cố ý gây thương tích', 'Tàng trữ trái phép chất ma túy', 'Đánh bạc', 'Lừa đảo chiếm đoạt tài sản', 'Gây rối trật tự công cộng'];
const PETTY_OFFENCES = ['trộm cắp vặt', 'đánh nhau gây mất trật tự', 'sử dụng trái phép chất ma túy', 'đánh bạc', 'gây rối trật tự công cộng'];
const REHAB_CENTRES = ['Phú Văn', 'Bình Đức', 'Nhị Xuân', 'Phú Nghĩa', 'Bố Lá'];
const MOVED_TO = ['Bình Dương', 'Long An', 'Đồng Nai', 'Tiền Giang', 'phường An Lạc', 'phường Chánh Hưng'];
export const REVIEW_NOTES: Record<ReviewResult, string[]> = {
  tien_bo: [
    'Chấp hành tốt quy định nơi cư trú, tích cực lao động.',
    'Có việc làm ổn định, quan hệ tốt với gia đình và hàng xóm.',
    'Tham gia sinh hoạt khu phố đầy đủ, không vi phạm.',
  ],
  chua_tien_bo: [
    'Chưa có việc làm ổn định, còn tụ tập với bạn bè xấu.',
    'Còn uống rượu bia nhiều, cần tiếp tục theo dõi.',
    'Gia đình phản ánh còn lười lao động, chưa chịu khó làm ăn.',
  ],
  vi_pham: [
    'Vi phạm hành chính (gây mất trật tự công cộng), đã bị xử phạt.',
    'Không đến trình diện, bỏ sinh hoạt theo quy định.',
    'Phát hiện sử dụng trái phép chất ma túy, đã lập biên bản.',
  ],
};

export type CategoryKind = 'prison' | 'education' | 'drugs' | 'minor' | 'other';

/** Which of the seeded categories a (possibly renamed or added) category is, to write a fitting history. */
export function categoryKind(name: string): CategoryKind {
  const folded = foldForSearch(name);
  if (folded.includes('phat tu')) return 'prison';
  if (folded.includes('cai nghien')) return 'drugs';
  if (folded.includes('chua thanh nien')) return 'minor';
  if (folded.includes('giao duc')) return 'education';
  return 'other';
}

export const yearOf = (iso: string) => Number(iso.slice(0, 4));

export function historyText(kind: CategoryKind, rng: Rng, startDate: string): string {
  const year = yearOf(startDate);
  switch (kind) {
    case 'prison':
      return `Năm ${year - rng.int(2, 6)} bị Tòa án nhân dân ${rng.pick(['Quận 6', 'Quận 8', 'Quận 5', 'TP. Hồ Chí Minh'])} xử phạt ${rng.int(1, 7)} năm tù về tội "${rng.pick(CRIMES)}". Chấp hành xong án phạt tù, về cư trú tại địa phương.`;
    case 'education':
      return `Nhiều lần ${rng.pick(PETTY_OFFENCES)}; Chủ tịch UBND phường quyết định áp dụng biện pháp giáo dục tại xã, phường ${rng.int(3, 6)} tháng.`;
    case 'drugs':
      return `Cai nghiện ma túy bắt buộc tại Cơ sở cai nghiện ${rng.pick(REHAB_CENTRES)} từ năm ${year - rng.int(2, 3)} đến năm ${year}; sau cai nghiện về sống cùng gia đình.`;
    case 'minor':
      return `Khi chưa đủ 18 tuổi đã ${rng.pick(PETTY_OFFENCES)}; gia đình và nhà trường cùng phường quản lý, giáo dục.`;
    default:
      return `Có biểu hiện ${rng.pick(PETTY_OFFENCES)}; gia đình đề nghị phường giúp đỡ.`;
  }
}

export function endReason(status: SubjectStatus, rng: Rng): string {
  switch (status) {
    case 'da_tien_bo':
      return 'Hết thời hạn giúp đỡ, tiến bộ rõ rệt, có việc làm ổn định.';
    case 'ket_thuc':
      return 'Hết thời hạn giúp đỡ theo quyết định.';
    case 'tai_pham':
      return `Tái phạm tội "${rng.pick(CRIMES)}", bị khởi tố, tạm giam.`;
    case 'chuyen_di':
      return `Chuyển nơi cư trú về ${rng.pick(MOVED_TO)}.`;
    case 'da_chet':
      return 'Chết do bệnh.';
    default:
      return '';
  }
}
