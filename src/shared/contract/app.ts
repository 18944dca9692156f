/** The app shell's methods: which data file is open, the demo switch, remembered UI state, a record's history. */
import { auditListQuery, auditQuery, dataFolderInput, uiStateInput, uiStateKey, type AppInfo, type AuditEntry } from '../app';
import type { Page } from '../common';
import { method, none } from './method';

export const appMethods = {
  'app.info': method(none, 'read'),
  // Only marks the welcome seen: also for a read-only officer who signs in first on an empty file.
  'app.dismissWelcome': method(none, 'read'),
  'app.openDemo': method(none, 'read'),
  'app.openReal': method(none, 'read'),
  'app.setDataFolder': method(dataFolderInput, 'admin'),
  'ui.getState': method(uiStateKey, 'read'),
  'ui.setState': method(uiStateInput, 'write'),
  'audit.forEntity': method(auditQuery, 'read'),
  'audit.list': method(auditListQuery, 'admin'),
} as const;

export interface AppResults {
  'app.info': AppInfo;
  'app.dismissWelcome': AppInfo;
  'app.openDemo': AppInfo;
  'app.openReal': AppInfo;
  /** The folder the next starts without --data-dir open. */
  'app.setDataFolder': { folder: string };
  'ui.getState': { value: unknown };
  'ui.setState': { ok: true };
  'audit.forEntity': AuditEntry[];
  'audit.list': Page<AuditEntry>;
}
