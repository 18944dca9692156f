/**
 * What a merge of a ward's file reads and how (services/merge/merge.ts): the catalogues, matched by name;
 * the registers' records, by id, with the catalogue columns they refer to; and the rows only ever added
 * (histories, the audit log), taken when missing. In the order the foreign keys need.
 */
import type { Entity } from '../../../shared/app';

export interface CatalogueTable {
  table: string;
  /** Entries of another catalogue it belongs to (a khu phố to its phường). */
  parent?: { column: string; catalogue: string };
}

export const CATALOGUE_TABLES: CatalogueTable[] = [
  { table: 'wards' },
  { table: 'neighbourhoods', parent: { column: 'ward_id', catalogue: 'wards' } },
  { table: 'model_types' },
  { table: 'subject_categories' },
  { table: 'helper_orgs' },
  { table: 'award_forms' },
  { table: 'programmes' },
];

/** Columns holding a catalogue entry's id, and the catalogue. */
export const CATALOGUE_COLUMNS: Record<string, string> = {
  ward_id: 'wards',
  neighbourhood_id: 'neighbourhoods',
  type_id: 'model_types',
  category_id: 'subject_categories',
  helper_org_id: 'helper_orgs',
  form_id: 'award_forms',
  programme_id: 'programmes',
};

export interface RecordTable {
  table: string;
  /** The audit log's name for its records, and the column that names one in a report. */
  entity: Entity;
  label: string;
  /** The register it counts in, in the report. */
  register: MergedRegister;
}

export const MERGED_REGISTERS = ['subjects', 'reviews', 'models', 'members', 'evaluations', 'rounds', 'nominations', 'activities', 'tips', 'standards', 'scores'] as const;
export type MergedRegister = (typeof MERGED_REGISTERS)[number];

/** Versioned records: taken when missing, compared when both sides have them. */
export const RECORD_TABLES: RecordTable[] = [
  { table: 'subjects', entity: 'subject', label: 'full_name', register: 'subjects' },
  { table: 'subject_reviews', entity: 'review', label: 'reviewed_on', register: 'reviews' },
  { table: 'models', entity: 'model', label: 'name', register: 'models' },
  { table: 'model_members', entity: 'member', label: 'full_name', register: 'members' },
  { table: 'model_evaluations', entity: 'evaluation', label: 'year', register: 'evaluations' },
  { table: 'award_rounds', entity: 'round', label: 'name', register: 'rounds' },
  { table: 'nominations', entity: 'nomination', label: 'nominee_name', register: 'nominations' },
  { table: 'activities', entity: 'activity', label: 'period', register: 'activities' },
  { table: 'tips', entity: 'tip', label: 'received_on', register: 'tips' },
  { table: 'security_standards', entity: 'standard', label: 'year', register: 'standards' },
  { table: 'movement_scores', entity: 'score', label: 'year', register: 'scores' },
];

/** Rows only ever added (a status history, the pairs marked as different people, the audit log): taken when missing. */
export const APPENDED_TABLES = ['subject_status_changes', 'model_status_changes', 'nomination_status_changes', 'subject_distinct_pairs', 'audit_log'];

/** A record's columns that say who saved it last, when, and how often: not part of what it holds. */
export const STAMP_COLUMNS = new Set(['seq', 'updated_at', 'updated_by', 'version']);

/** Columns computed from a record's own fields (search text, sort keys): they follow the fields, never decided apart. */
export const DERIVED_COLUMNS = new Set(['search_text', 'sort_key', 'name_fold', 'birth_sort', 'nominee_key']);

/**
 * Columns computed from other rows (a person's last review, a model's member count): never taken from a
 * file nor compared (another table's change does not touch the record's version), but counted again here
 * after the merge (services/merge/merge.ts recount).
 */
export const DEPENDENT_COLUMNS = new Set(['last_review_on', 'review_anchor', 'member_count']);
