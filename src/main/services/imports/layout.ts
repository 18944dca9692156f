/** The layout of a chosen sheet for the mapping step: its header, the mapping remembered for it (else the automatic one), sample values. */
import { autoMap, layoutKey, type ImportLayout, type ImportRegister, type ResolvedMapping } from '../../../shared/imports';
import { cleanText } from '../../../shared/text';
import { LEGACY_ENCODING_NAMES } from '../../import/legacy';
import { cellText, type CellValue } from '../../import/read';
import { getUiState } from '../app';
import type { Context } from '../context';
import type { Session } from './session';
import { headerOf, sheetOf } from './sheet';

export const mappingStateKey = (register: ImportRegister, layout: string) => `import:${register}:${layout}`;

/** The header of the chosen sheet, the mapping remembered for its layout (else the automatic one), a few rows. */
export async function inspectImport(ctx: Context, session: Session, input: { sheet: string; register: ImportRegister }): Promise<ImportLayout> {
  const { rows, legacyFonts } = sheetOf(session, input.sheet);
  const header = headerOf(rows, input.register, legacyFonts);
  const layout = layoutKey(header.labels);
  const remembered = (await getUiState(ctx, { key: mappingStateKey(input.register, layout) })).value as ResolvedMapping | null;
  const known = remembered && Object.keys(remembered).length === header.labels.length;
  return {
    headerRow: (header.rowIndices[0] ?? 0) + 1,
    dataStartRow: header.dataStart + 1,
    labels: header.labels,
    mapping: known ? remembered : autoMap(header.labels, input.register),
    remembered: Boolean(known),
    headerEncoding: header.encoding ? LEGACY_ENCODING_NAMES[header.encoding] : null,
    samples: header.labels.map((_label, column) => columnSamples(rows, header.dataStart, column)),
  };
}

const SAMPLES = 3;
const SAMPLE_ROWS = 200;
const SAMPLE_LENGTH = 40;

/** The first different values of a column below the header (within its first 200 rows), shortened. */
function columnSamples(rows: CellValue[][], dataStart: number, column: number): string[] {
  const samples: string[] = [];
  for (const row of rows.slice(dataStart, dataStart + SAMPLE_ROWS)) {
    const text = cleanText(cellText(row[column] ?? null));
    const sample = text.length > SAMPLE_LENGTH ? `${text.slice(0, SAMPLE_LENGTH - 1)}…` : text;
    if (sample && !samples.includes(sample)) samples.push(sample);
    if (samples.length === SAMPLES) break;
  }
  return samples;
}
