/**
 * Backup and restore (issue 5): nothing an officer enters is ever lost.
 * - A backup is written by a worker thread (snapshot.ts through worker-thread.ts): a snapshot
 *   of the live database taken in one read transaction with the counts it is checked against, the
 *   automatic-backup password removed, verified (integrity_check, every table's row count), sealed
 *   (`backup:meta`, written last), optionally encrypted from memory (no plaintext on disk) and checked
 *   again, synced; here it is renamed from its `.dang-ghi` name into place: a failure leaves no partial
 *   file, a crash one that `cleanLeftovers` removes and `inspectBackup` refuses. Every attempt, good or
 *   failed, goes into the `backups` history.
 * - A file offered for restore is read through a private copy in `<data folder>/tam` (decrypted there
 *   when it has a password), so the original is never touched, and checked in full before anything else.
 * - A restore migrates that copy forward, takes a safety backup of the current data, carries the backup
 *   history and settings over, and swaps the file in atomically through the Workspace; any failure puts
 *   the original back. "Undo" restores the safety backup the same way.
 * - Automatic backups (backup-scheduler.ts) go to one or two folders and are rotated; manual and safety
 *   backups never are.
 * This file is the folder's public surface; crypto.ts (the .antqbak format) and snapshot.ts (the worker's
 * side) are imported directly by the worker thread and the tests.
 */
export { runAutomaticBackup } from './automatic';
export { createBackup, type BackupRequest, type BackupWritten } from './create';
export { inspectBackup } from './inspect';
export { cleanLeftovers } from './leftovers';
export { destinationFromPath, stagingDir, type BackupDestination } from './naming';
export { currentProgress, type ProgressListener } from './operation';
export { refuseDemoBackup, restoreBackup, undoRestore, type RestoreOptions } from './restore';
export { backupsToRemove, rotateAutomaticBackups } from './rotate';
export { holdPasswordForRun, protectStoredPassword, readBackupSettings } from './settings';
export { type SourceFile } from './staging';
export { backupHistory, backupStatus, encryptAutomaticBackups, setBackupSettings } from './status';
