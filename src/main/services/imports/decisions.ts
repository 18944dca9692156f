/** The officer's decisions (rows skipped, likely duplicates taken as the record they resemble) applied to analysed rows. */
import type { ImportAction, ImportDecisions } from '../../../shared/imports';
import type { AnalysedRow } from './analysis';

/** The officer's decisions as sets of row numbers: asked once per row, of lists that may be thousands long. */
export type DecisionSets = { skipped: Set<number>; sameAs: Set<number> };

export const decisionSets = (decisions: ImportDecisions): DecisionSets => ({ skipped: new Set(decisions.skipped), sameAs: new Set(decisions.sameAs) });

export function finalAction(row: AnalysedRow, decisions: DecisionSets): ImportAction {
  if (decisions.skipped.has(row.rowNumber)) return 'skip';
  if (row.action === 'check' && row.alternative && decisions.sameAs.has(row.rowNumber)) return 'update';
  return row.action;
}

/** What the commit writes for a row: the update of the resembled record when the officer said so. */
export const payloadOf = (row: AnalysedRow, action: ImportAction) => (row.action === 'check' && action === 'update' ? row.alternative : row.payload);
