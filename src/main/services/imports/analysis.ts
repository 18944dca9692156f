/** What an analysis holds (the sheet as read, what the database had, each row's verdict) and what analysing one row gives. */
import type { ImportAction, ImportRegister, PreviewRow, ResolvedMapping } from '../../../shared/imports';
import type { memberInput, ModelValues } from '../../../shared/models';
import type { reviewInput, SubjectStatus, SubjectValues } from '../../../shared/subjects';
import type { NormalisedSheet } from '../../import/normalise';
import type { CellValue } from '../../import/read';
import type { Lookup } from './lookup';

export type Issue = { field: string; message: string };

/** What the commit writes for one row. */
export type Payload =
  | { register: 'subjects'; values: SubjectValues; status: SubjectStatus | null; review: ReviewValues | null; matchId: string | null }
  | { register: 'models'; modelKey: string; model: ModelValues; member: MemberValues | null };

export type ReviewValues = Omit<ReturnType<typeof reviewInput.parse>, 'subjectId'>;

export type MemberValues = Omit<ReturnType<typeof memberInput.parse>, 'modelId'>;

export interface AnalysedRow extends PreviewRow {
  payload: Payload | null;
  /** For a possible duplicate: the update of the record it resembles, if the officer says it is the same. */
  alternative: Payload | null;
  /** The earlier row of the file this one repeats (and is refused for). */
  repeatOf: number | null;
}

export interface Analysis {
  key: string;
  register: ImportRegister;
  sheet: string;
  layout: string;
  mapping: ResolvedMapping;
  normalised: NormalisedSheet;
  /** The sheet's cells as analysed (the officer's fixes in place). */
  cells: CellValue[][];
  lookup: Lookup;
  /** Rows the officer skipped before this check: left out of it, so a row repeating one of them is read on its own. */
  leftOut: Set<number>;
  rows: AnalysedRow[];
  /** The register's last write when the analysis began: the commit is refused if anything was written since. */
  lastWrite: number;
}

export type RowResult = { action: ImportAction; payload: Payload | null; matchName?: string | null; alternative?: Payload | null; repeatOf?: number; invalidId?: string };

export function fail(issues: Issue[], field: string, message: string, repeatOf?: number): RowResult {
  issues.push({ field, message });
  return { action: 'error', payload: null, repeatOf };
}
