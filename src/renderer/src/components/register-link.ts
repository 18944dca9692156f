/**
 * A page opened with values in its address: a register already filtered ("#/models?typeId=…", how the
 * dashboard's charts link to their records; the register takes the filter as its starting one), or the
 * Backup page with a backup file the Electron app was opened with ("#/backup?file=…").
 */
export function registerHref(page: string, filter: Record<string, string>): string {
  return `#/${page}?${new URLSearchParams(filter).toString()}`;
}

/** The filter the address opened the page with: a value, or null. */
export function linkedFilter(name: string): string | null {
  return new URLSearchParams(window.location.hash.split('?')[1] ?? '').get(name);
}
