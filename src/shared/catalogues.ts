/** Editable catalogues: wards (phường), neighbourhoods (khu phố) and model types, with their defaults. */
import { z } from 'zod';
import { id, optionalText, requiredText, type RowStamps } from './common';

export const wardInput = z.object({
  name: requiredText('Tên phường', 100),
  /** The unit above the ward when the record was made, e.g. "Quận 6" before the 2025 merger. */
  parentUnit: optionalText('Đơn vị cấp trên', 100),
  active: z.boolean().default(true),
  note: optionalText('Ghi chú'),
});
export type WardInput = z.input<typeof wardInput>;
export interface Ward extends z.output<typeof wardInput>, RowStamps {
  id: string;
}

export const neighbourhoodInput = z.object({
  wardId: id,
  name: requiredText('Tên khu phố', 100),
  active: z.boolean().default(true),
});
export type NeighbourhoodInput = z.input<typeof neighbourhoodInput>;
export interface Neighbourhood extends z.output<typeof neighbourhoodInput>, RowStamps {
  id: string;
}

export const modelTypeInput = z.object({
  name: requiredText('Tên loại mô hình', 150),
  description: optionalText('Mô tả', 1000),
  active: z.boolean().default(true),
});
export type ModelTypeInput = z.input<typeof modelTypeInput>;
export interface ModelType extends z.output<typeof modelTypeInput>, RowStamps {
  id: string;
}

export interface Catalogues {
  wards: Ward[];
  neighbourhoods: Neighbourhood[];
  modelTypes: ModelType[];
}

export const updateInput = <Schema extends z.ZodObject>(schema: Schema) => z.object({ id, values: schema });

/** The five model types named in the source document (Báo cáo sơ kết 05 năm CT09, Quận 6). */
export const DEFAULT_MODEL_TYPES: ModelTypeInput[] = [
  { name: 'Đội công tác xã hội tình nguyện', description: 'Lực lượng tình nguyện tham gia giữ gìn trật tự, giúp đỡ người lầm lỡ.' },
  { name: 'Tổ xe ôm tự quản', description: 'Tổ tự quản của người chạy xe ôm, tham gia phát hiện, tố giác tội phạm.' },
  { name: 'Nhà trọ tự quản', description: 'Chủ nhà trọ và người thuê trọ cùng tự quản về an ninh, trật tự.' },
  { name: 'Nghiệp đoàn bốc xếp tự quản', description: 'Nghiệp đoàn bốc xếp tự quản tại chợ, bến bãi.' },
  { name: 'Tiếng chuông báo trộm', description: 'Các hộ liên kết chuông báo động để phòng chống trộm cắp.' },
];

/**
 * Wards of District 6 as the source document knew them (Phường 1–14, Quận 6), kept for old records,
 * and the wards that replaced them on 01/07/2025 when Ho Chi Minh City dropped the district tier.
 */
export const DEFAULT_WARDS: WardInput[] = [
  ...['Bình Tiên', 'Bình Tây', 'Bình Phú', 'Phú Lâm'].map((name) => ({
    name: `Phường ${name}`,
    parentUnit: 'TP. Hồ Chí Minh',
    active: true,
  })),
  ...Array.from({ length: 14 }, (_, index) => ({
    name: `Phường ${index + 1}`,
    parentUnit: 'Quận 6 (trước 01/07/2025)',
    active: false,
    note: 'Đơn vị hành chính cũ, giữ lại cho hồ sơ lập trước khi sáp nhập.',
  })),
];
