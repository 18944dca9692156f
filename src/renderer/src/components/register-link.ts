/**
 * A register opened already filtered ("#/models?typeId=…"): the dashboard's charts link to their records
 * this way, and the register pages take the filter as their starting one.
 */
export function registerHref(page: string, filter: Record<string, string>): string {
  return `#/${page}?${new URLSearchParams(filter).toString()}`;
}

/** The filter the address opened the page with: a value, or null. */
export function linkedFilter(name: string): string | null {
  return new URLSearchParams(window.location.hash.split('?')[1] ?? '').get(name);
}
