/**
 * The command line's exit codes, one table for every command, and how a failure maps to one: the CLI's
 * own failures carry theirs; an API error is told apart by its reason (the same error the app shows).
 */
import { ApiError } from '../../shared/errors';
import type { BackupFailure } from '../db/backup';
import { DatabaseRefusedError } from '../db/open';
import { NO_DATA_ROWS } from '../import/read';
import { InstanceLockedError } from '../platform/instance-lock';

export const EXIT = {
  ok: 0,
  /** Unexpected failure (no data changed). */
  failed: 1,
  /** Bad usage: unknown command or option, a missing argument, a bad --filter, --columns or --mapping. */
  usage: 2,
  /** The data folder's database was refused (not ours or too new); it was left untouched. */
  refused: 3,
  /** The backup file is refused: missing, empty, not ours, truncated, damaged, or from a newer app. */
  badFile: 4,
  /** The password: missing for an encrypted file, wrong, too short, or the password file unreadable. */
  password: 5,
  /** The destination cannot be written: folder missing or read-only, disk full, drive removed. */
  destination: 6,
  /** The backup written did not pass verification (it was removed). */
  verify: 7,
  /** Busy: the app has the data folder open (restore), or another backup or restore is running. */
  busy: 8,
  /** The restore failed after the swap began; the original data was put back as it was. */
  restoreFailed: 9,
  /** Restore not confirmed (no --yes, and no "co" typed); nothing changed. */
  notConfirmed: 10,
  /** Not possible now (e.g. no data file yet to back up). */
  unavailable: 11,
  /** The import left rows out (problems, unknown catalogue values, skipped likely duplicates); they are listed. */
  rowsLeftOut: 12,
  /** The sheet has no data rows (or the workbook no data at all). */
  noDataRows: 13,
  /** The file was refused as unreadable (not a workbook or CSV, damaged, password-protected, too large). */
  fileRefused: 14,
  /** The merge left records changed on both sides for the officer to decide (listed); the rest was merged. */
  mergeConflicts: 15,
} as const;

const EXIT_OF_REASON: Record<string, number> = {
  bad_file: EXIT.badFile,
  password: EXIT.password,
  destination: EXIT.destination,
  verify: EXIT.verify,
  busy: EXIT.busy,
  restore_failed: EXIT.restoreFailed,
  unavailable: EXIT.unavailable,
  [NO_DATA_ROWS]: EXIT.noDataRows,
  file_refused: EXIT.fileRefused,
} satisfies Record<BackupFailure | typeof NO_DATA_ROWS | 'file_refused', number>;

/** A failure explained to the officer: its message is printed as is. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad usage: exit code 2, the message and the usage text on stderr. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'UsageError';
  }
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  // An InstanceLockedError is also a DatabaseRefusedError, but means the app is running.
  if (error instanceof InstanceLockedError) return EXIT.busy;
  if (error instanceof DatabaseRefusedError) return EXIT.refused;
  if (error instanceof ApiError && error.reason !== undefined) return EXIT_OF_REASON[error.reason] ?? EXIT.failed;
  return EXIT.failed;
}
