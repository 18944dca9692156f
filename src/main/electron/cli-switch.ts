/**
 * What the app was started with besides its own flags: `so-theo-doi --cli <lệnh> [tùy chọn]` runs the
 * command line (index.ts), and a backup file opened from the file manager (the installer associates
 * .antqbak with the app) opens the restore with that file.
 */

/** The command line's arguments when the app was started with `--cli`, else null. */
export function cliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--cli', 1);
  return at === -1 ? null : argv.slice(at + 1);
}

/** The backup file the app was opened with (Windows and Linux pass it as an argument), else null. */
export function openedBackupFile(argv: readonly string[]): string | null {
  return argv.slice(1).find((arg) => !arg.startsWith('-') && /\.antqbak$/i.test(arg)) ?? null;
}

/** The page that restores `file`: the Backup page, the file chosen (features/backup/RestorePanel.tsx). */
export const restorePageHash = (file: string) => `/backup?${new URLSearchParams({ file }).toString()}`;
