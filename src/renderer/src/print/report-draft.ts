/**
 * The report as the officer left it, handed to the print view (its own route) through the session's
 * storage: the text can be long, and it must not go into the address.
 */
export interface SavedDraft {
  title: string;
  subtitle: string;
  /** Paragraphs, one a line (blank lines between them are allowed). */
  body: string;
  /** The period and wards counted, for the charts printed after the text (none: no charts). */
  charts?: ReportQueryInput | null;
}

import type { ReportQueryInput } from '../../../shared/report';

const KEY = 'report:draft';

export function saveReportDraft(draft: SavedDraft): void {
  sessionStorage.setItem(KEY, JSON.stringify(draft));
}

export function savedReportDraft(): SavedDraft | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<SavedDraft> | null;
    return value && typeof value.title === 'string' && typeof value.subtitle === 'string' && typeof value.body === 'string' ? (value as SavedDraft) : null;
  } catch {
    return null;
  }
}
