/** The preview of an analysed sheet, a page at a time: each row's action under the officer's decisions, the counts, the notes. */
import type { ImportAction, ImportDecisions, ImportPreview } from '../../../shared/imports';
import { formatNumber } from '../../../shared/text';
import { LEGACY_ENCODING_NAMES } from '../../import/legacy';
import type { DecodedCell } from '../../import/normalise';
import { completeAnalysis } from './analyse';
import { decisionSets, finalAction } from './decisions';
import type { Session } from './session';

export function previewImport(session: Session, input: ImportDecisions & { show: ImportAction | 'all' | 'problems'; offset: number; limit: number; decodedOffset?: number; decodedLimit?: number }): ImportPreview {
  const analysis = completeAnalysis(session);
  const repeated = new Set(analysis.rows.map((row) => row.repeatOf));
  const decisions = decisionSets(input);
  const rows = analysis.rows.map((row) => ({ ...row, action: finalAction(row, decisions), recheckOnSkip: analysis.leftOut.has(row.rowNumber) || repeated.has(row.rowNumber) }));
  const counts = { add: 0, update: 0, same: 0, check: 0, error: 0, skip: 0 } satisfies Record<ImportAction, number>;
  for (const row of rows) counts[row.action] += 1;
  const shown = rows.filter((row) => input.show === 'all' || row.action === input.show || (input.show === 'problems' && (row.action === 'error' || row.action === 'check')));
  const decoded = analysis.normalised.decoded;
  const decodedOffset = input.decodedOffset ?? 0;
  return {
    counts,
    unknownValues: analysis.lookup.catalogues.unknownValues(),
    invalidIdRows: rows.filter((row) => row.action === 'error' && row.invalidId).map((row) => row.rowNumber),
    total: shown.length,
    rows: shown.slice(input.offset, input.offset + input.limit).map(({ payload: _payload, alternative: _alternative, repeatOf: _repeatOf, ...row }) => row),
    dropped: analysis.normalised.dropped,
    notes: [...decodedNotes(decoded), ...analysis.lookup.catalogues.inactiveNotes()],
    decoded: {
      total: decoded.length,
      cells: decoded.slice(decodedOffset, decodedOffset + (input.decodedLimit ?? 20)).map((cell) => ({ ...cell, encoding: LEGACY_ENCODING_NAMES[cell.encoding] })),
    },
  };
}

/** One note for the cells converted from legacy encodings (the preview lists each one). */
function decodedNotes(decoded: readonly DecodedCell[]): string[] {
  if (decoded.length === 0) return [];
  const converted = decoded.filter((cell) => !cell.kept);
  const kept = decoded.length - converted.length;
  const byEncoding = (['tcvn3', 'vni'] as const)
    .map((encoding) => [LEGACY_ENCODING_NAMES[encoding], converted.filter((cell) => cell.encoding === encoding).length] as const)
    .filter(([, count]) => count > 0)
    .map(([name, count]) => `${formatNumber(count)} ô mã ${name}`);
  const parts = [
    ...(converted.length > 0 ? [`Đã chuyển sang Unicode ${formatNumber(converted.length)} ô gõ bằng phông chữ cũ (${byEncoding.join(', ')})`] : []),
    ...(kept > 0 ? [`${converted.length > 0 ? 'giữ' : 'Giữ'} nguyên như trong tệp ${formatNumber(kept)} ô gõ bằng phông chữ cũ`] : []),
  ];
  return [`${parts.join('; ')}.`];
}
