/** The backup methods: status, settings, history, a backup now, checking and restoring a file, undoing a restore. */
import { backupCreateInput, backupHistoryQuery, backupInspectInput, backupRestoreInput, backupSettingsInput, type BackupCreated, type BackupInfo, type BackupProgress, type BackupRecord, type BackupStatus, type RestoreResult } from '../backup';
import { conflictDecision, mergeInput, type MergeConflict, type MergeReport, type ServerCopyReport } from '../merge';
import { method, none } from './method';

export const backupMethods = {
  'backup.status': method(none, 'read'),
  'backup.history': method(backupHistoryQuery.default({ limit: 100, includeRemoved: false }), 'read'),
  'backup.progress': method(none, 'read'),
  'backup.setSettings': method(backupSettingsInput, 'admin'),
  'backup.create': method(backupCreateInput, 'write'),
  'backup.inspect': method(backupInspectInput, 'admin'),
  'backup.restore': method(backupRestoreInput, 'admin'),
  'backup.undoRestore': method(none, 'admin'),
  /** "Gộp dữ liệu từ tệp": a ward's backup file merged into the data open here. */
  'backup.merge': method(mergeInput, 'admin'),
  /** The records merges left for the officer to decide, and the decision on one. */
  'backup.mergeConflicts': method(none, 'admin'),
  'backup.decideConflict': method(conflictDecision, 'admin'),
  /** This PC's data file copied into the empty PostgreSQL server the app is open on. */
  'backup.copyToServer': method(none, 'admin'),
} as const;

export interface BackupResults {
  'backup.status': BackupStatus;
  'backup.history': BackupRecord[];
  /** The backup or restore running now (poll it while a long call is pending), or null. */
  'backup.progress': BackupProgress | null;
  'backup.setSettings': BackupStatus;
  'backup.create': BackupCreated;
  'backup.inspect': BackupInfo;
  'backup.restore': RestoreResult;
  'backup.undoRestore': RestoreResult;
  'backup.merge': MergeReport;
  'backup.mergeConflicts': MergeConflict[];
  'backup.decideConflict': { ok: true };
  'backup.copyToServer': ServerCopyReport;
}
