/** Editable catalogues: wards (phường), neighbourhoods (khu phố) and model types, with their defaults. */
import { z } from 'zod';
import type { AwardForm } from './awards';
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

/** Another name of an entry, learnt when an import's value was mapped to it. */
export interface CatalogueAlias {
  id: string;
  entryId: string;
  alias: string;
}

export interface Catalogues {
  /** Every entry's other names (any catalogue: entry ids are unique). */
  aliases: CatalogueAlias[];
  wards: Ward[];
  neighbourhoods: Neighbourhood[];
  modelTypes: ModelType[];
  subjectCategories: SubjectCategory[];
  helperOrgs: HelperOrg[];
  awardForms: AwardForm[];
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

export const subjectCategoryInput = z.object({
  name: requiredText('Tên diện đối tượng', 200),
  /** Whether people of this category are sorted into reintegration groups A–D (Circular 10/2024/TT-BCA). */
  usesGroups: z.boolean().default(false),
  active: z.boolean().default(true),
});
export type SubjectCategoryInput = z.input<typeof subjectCategoryInput>;
export interface SubjectCategory extends z.output<typeof subjectCategoryInput>, RowStamps {
  id: string;
}

export const helperOrgInput = z.object({
  name: requiredText('Tên tổ chức phụ trách', 150),
  active: z.boolean().default(true),
});
export type HelperOrgInput = z.input<typeof helperOrgInput>;
export interface HelperOrg extends z.output<typeof helperOrgInput>, RowStamps {
  id: string;
}

/** Categories of assisted individuals named in PRODUCT.md (Decree 49/2020, 120/2021, …). */
export const DEFAULT_SUBJECT_CATEGORIES: SubjectCategoryInput[] = [
  { name: 'Người chấp hành xong án phạt tù về địa phương', usesGroups: true },
  { name: 'Người bị áp dụng biện pháp giáo dục tại xã, phường', usesGroups: false },
  { name: 'Người sau cai nghiện ma túy', usesGroups: false },
  { name: 'Người chưa thành niên vi phạm pháp luật', usesGroups: false },
  { name: 'Đối tượng khác', usesGroups: false },
];

export const DEFAULT_HELPER_ORGS: HelperOrgInput[] = [
  { name: 'Công an khu vực' },
  { name: 'Hội Liên hiệp Phụ nữ' },
  { name: 'Đoàn Thanh niên' },
  { name: 'Ban công tác Mặt trận khu phố' },
  { name: 'Gia đình' },
];
