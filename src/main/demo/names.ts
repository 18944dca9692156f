/** Names, streets, places and phone numbers of District 6, drawn from the seeded stream. */
import type { Rng } from './random';

export const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Võ', 'Phan', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Trương', 'Lâm', 'Quách'];
export const MIDDLE_MALE = ['Văn', 'Minh', 'Hữu', 'Quốc', 'Thanh', 'Đức', 'Công', 'Hoàng', 'Tấn', 'Văn Hoài'];
export const MIDDLE_FEMALE = ['Thị', 'Thị Thanh', 'Ngọc', 'Thị Huỳnh', 'Thu', 'Thị Kim', 'Mỹ', 'Thị Ngọc'];
export const GIVEN_MALE = ['Bình', 'An', 'Hùng', 'Tuấn', 'Dũng', 'Phúc', 'Long', 'Khoa', 'Sơn', 'Tài', 'Lộc', 'Ướt', 'Hải', 'Quang', 'Thắng', 'Việt'];
export const GIVEN_FEMALE = ['Lan', 'Hoa', 'Quỳnh', 'Thảo', 'Hằng', 'Nga', 'Trang', 'Yến', 'Hương', 'Ngọc', 'Vy', 'Mai', 'Linh', 'Tuyết'];
export const STREETS = ['Hậu Giang', 'Kinh Dương Vương', 'Hồng Bàng', 'Minh Phụng', 'Bình Tiên', 'Phạm Văn Chí', 'Lò Gốm', 'Bà Hom', 'Văn Thân', 'Tân Hóa', 'Bình Phú', 'Mai Xuân Thưởng', 'Nguyễn Văn Luông', 'Bãi Sậy', 'Tháp Mười', 'Cao Văn Lầu', 'An Dương Vương', 'Chợ Lớn'];
export const PLACES = ['chợ Bình Tây', 'chợ Phú Lâm', 'bến xe Chợ Lớn', 'chợ Bình Tiên', 'công viên Phú Lâm', 'chợ Cây Gõ'];

export function personName(rng: Rng) {
  const female = rng.next() < 0.4;
  return `${rng.pick(FAMILY)} ${rng.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE)} ${rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE)}`;
}

export const phoneNumber = (rng: Rng) => `09${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
