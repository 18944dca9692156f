/** Application-wide schemas: which database is open, per-user UI state, the audit trail. */
import { z } from 'zod';
import type { FieldChange } from './history';
import { id, optionalDate, paging } from './common';
import { uiStateValue } from './ui-state';

export type DatabaseMode = 'real' | 'demo';

export const ROLES = ['admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

export interface RegisterCounts {
  models: number;
  members: number;
  evaluations: number;
  trashedModels: number;
  /** Every person in the register (not in the Trash), whatever their status. */
  subjects: number;
  /** Those still being followed ("đang theo dõi"): the active statuses only (ACTIVE_SUBJECT_STATUSES). */
  following: number;
  reviews: number;
}

export interface AppInfo {
  mode: DatabaseMode;
  /** The open data's file path, or its server's address (without a password). */
  dataFile: string;
  /** Where the open data lives: this PC's file, or a shared PostgreSQL server. */
  engine: 'sqlite' | 'postgres';
  schemaVersion: number;
  appVersion: string;
  firstRun: boolean;
  user: User;
  counts: RegisterCounts;
}

/** Another data folder for the next starts (the first-run screen's "Đổi thư mục dữ liệu"). */
export const dataFolderInput = z.object({ folder: z.string().trim().min(1, 'Hãy nhập đường dẫn thư mục dữ liệu.').max(4000, 'Đường dẫn quá dài.') });

export const uiStateKey = z.object({ key: z.string().regex(/^[a-z0-9:._-]{1,80}$/i, 'Khóa cài đặt không hợp lệ.') });
export const uiStateInput = uiStateKey.extend({ value: uiStateValue });

export const ENTITIES = ['ward', 'neighbourhood', 'model_type', 'model', 'member', 'evaluation', 'setting', 'subject_category', 'helper_org', 'subject', 'review', 'award_form', 'round', 'nomination', 'user', 'activity', 'programme', 'tip', 'standard', 'score'] as const;
export type Entity = (typeof ENTITIES)[number];
export const AUDIT_ACTIONS = ['create', 'update', 'trash', 'restore', 'delete', 'status', 'view', 'merge', 'unmerge', 'close', 'reopen', 'sign_in', 'sign_in_failed', 'disable', 'enable', 'password', 'unlock'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditQuery = z.object({
  entity: z.enum(ENTITIES),
  entityId: id,
  /** With the record's own lists too: a model's members and yearly evaluations, a person's reviews. */
  related: z.boolean().default(false),
});

/** The audit log for an administrator: who did what and when, filtered, newest first, a page at a time. */
export const auditListQuery = z.object({
  userId: id.optional(),
  entity: z.enum(ENTITIES).optional(),
  entityId: id.optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  from: optionalDate('Từ ngày', 'any'),
  to: optionalDate('Đến ngày', 'any'),
  ...paging,
});

export interface AuditEntry {
  id: string;
  at: string;
  userName: string;
  entity: Entity;
  entityId: string;
  action: AuditAction;
  before: unknown;
  after: unknown;
  /** The fields an edit or status change changed (shared/history.ts), catalogue ids given as the entries' names. */
  changes: FieldChange[];
  /** The record was deleted for good: its values are gone from this entry, only who deleted it and when remain. */
  purged?: PurgedNote['purged'];
}

/** What an audit entry of a record deleted for good keeps instead of its values. */
export interface PurgedNote {
  purged: { by: string; at: string };
}
