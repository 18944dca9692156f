/** Gathering ward files: a ward's backup file merged into the data open here (services/merge). */
import type { Entity } from './app';
import { backupInspectInput } from './backup';

/** A ward's backup file, and its password when it has one. */
export const mergeInput = backupInspectInput;

/** The registers a merge counts in. */
export type MergedRegisterCounts = Record<'subjects' | 'reviews' | 'models' | 'members' | 'evaluations' | 'rounds' | 'nominations' | 'activities' | 'tips' | 'standards' | 'scores', number>;

/** A record changed on both sides: kept as it is here, for the officer to decide field by field. */
export interface MergeConflict {
  register: keyof MergedRegisterCounts;
  entity: Entity;
  id: string;
  /** What names the record (a person's name, a model's name, a review's date). */
  label: string;
  ours: { updatedAt: string };
  theirs: { updatedAt: string };
  fields: { field: string; ours: unknown; theirs: unknown }[];
}

export interface MergeReport {
  file: string;
  unit: string | null;
  added: MergedRegisterCounts;
  updated: MergedRegisterCounts;
  unchanged: number;
  /** Status changes and audit entries the file had and this data had not. */
  historyAdded: number;
  cataloguesAdded: { catalogue: string; name: string }[];
  conflicts: MergeConflict[];
}
