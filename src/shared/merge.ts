/** Gathering ward files: a ward's backup file merged into the data open here (services/merge). */
import { z } from 'zod';
import type { Entity } from './app';
import { id } from './common';
import { backupInspectInput } from './backup';

/** A ward's backup file, and its password when it has one. */
export const mergeInput = backupInspectInput;

/** The registers a merge counts in. */
export type MergedRegisterCounts = Record<'subjects' | 'reviews' | 'models' | 'members' | 'evaluations' | 'rounds' | 'nominations' | 'activities' | 'tips' | 'standards' | 'scores', number>;

/** A record changed on both sides: kept as it is here until the officer decides, its fields side by side. */
export interface MergeConflict {
  /** The install the file came from (services/merge/merge.ts sourceOf), and the file's name. */
  source: string;
  sourceFile: string;
  register: keyof MergedRegisterCounts;
  entity: Entity;
  id: string;
  /** What names the record (a person's name, a model's name, a review's date). */
  label: string;
  /** Each side's last save: when, and (here) the version a decision is made on. */
  ours: { updatedAt: string; version: number };
  theirs: { updatedAt: string };
  /** The fields that differ, as stored (a catalogue entry by its name). */
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
  /** New records of the file not added: one here already holds their key (one score sheet per ward and year…). */
  notAdded: { register: keyof MergedRegisterCounts; label: string; reason: string }[];
  conflicts: MergeConflict[];
}

/** The officer's decision on a conflict: keep the record as it is here, or take the file's version of it whole. */
export const conflictDecision = z.object({
  source: z.string().min(1).max(200),
  register: z.enum(['subjects', 'reviews', 'models', 'members', 'evaluations', 'rounds', 'nominations', 'activities', 'tips', 'standards', 'scores']),
  id,
  version: z.number().int().positive(),
  keep: z.enum(['ours', 'theirs']),
});

/** The data file of this PC copied into the (empty) PostgreSQL server the app is open on. */
export interface ServerCopyReport {
  /** The local file copied. */
  file: string;
  /** Rows copied, by table (the database's own table names). */
  rows: Record<string, number>;
}
