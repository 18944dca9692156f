/**
 * `so-theo-doi --cli <lệnh> [tùy chọn]`: the installed app runs its command line (index.ts). Everything
 * after the switch is the command line's; what comes before it (Chromium's switches, the app's path when
 * run from the sources) is not.
 */
export function cliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--cli', 1);
  return at === -1 ? null : argv.slice(at + 1);
}
