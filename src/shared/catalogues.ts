/**
 * Editable catalogues: wards (phường), neighbourhoods (khu phố) and model types. What a new database
 * starts with is seeded by the frozen migrations (src/main/db/migrations/), which carry it as literals.
 */
import { z } from 'zod';
import type { Programme } from './activities';
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
  /** The programmes campaigns belong to (cuộc vận động). */
  programmes: Programme[];
}

/** An edit: the record, the version it was made on (a save over a newer version is refused), the values. */
export const updateInput = <Schema extends z.ZodObject>(schema: Schema) => z.object({ id, version: z.number().int().positive(), values: schema });

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
