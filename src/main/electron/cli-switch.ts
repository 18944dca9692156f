/**
 * What the app was started with besides its own flags: `so-theo-doi --cli <lệnh> [tùy chọn]` runs the
 * command line (index.ts), and a backup file opened from the file manager (the installer associates
 * .antqbak with the app) opens the restore with that file.
 */

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The command line's arguments when the app was started with `--cli`, else null. */
export function cliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--cli', 1);
  return at === -1 ? null : argv.slice(at + 1);
}

/**
 * The backup file the app was opened with, else null. Windows passes it as a path; a Linux file manager
 * may pass a file: URL (the .desktop entry's %U). A relative path is taken from `workingDirectory` (a
 * second instance's, which may not be this process's).
 */
export function openedBackupFile(argv: readonly string[], workingDirectory = process.cwd()): string | null {
  const given = argv.slice(1).find((arg) => !arg.startsWith('-') && /\.antqbak$/i.test(arg));
  if (!given) return null;
  if (given.startsWith('file:')) {
    try {
      return fileURLToPath(given);
    } catch {
      return null; // a file: URL of another host: not a file of this PC
    }
  }
  return resolve(workingDirectory, given);
}

/** The page that restores `file`: the Backup page, the file chosen (features/backup/RestorePanel.tsx). */
export const restorePageHash = (file: string) => `/backup?${new URLSearchParams({ file }).toString()}`;
