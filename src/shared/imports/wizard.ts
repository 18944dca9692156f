/** The import wizard's API calls: their input schemas and what they return. */
import { z } from 'zod';
import { fileTarget } from '../common';
import type { ResolvedMapping } from './columns';
import { IMPORT_REGISTERS, type CatalogueName, type ImportRegister } from './fields-common';

/** What happens to a row: added, updated, already there unchanged, added though it likely duplicates another record, an error, skipped. */
export const IMPORT_ACTIONS = ['add', 'update', 'same', 'check', 'error', 'skip'] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];

const sessionId = z.uuid({ message: 'Phiên nhập dữ liệu không hợp lệ.' });
const register = z.enum(IMPORT_REGISTERS, { message: 'Sổ cần nhập phải là "models" (mô hình) hoặc "subjects" (đối tượng).' });
const sheet = z.string().min(1, 'Vui lòng chọn trang tính.').max(200);
const rowNumbers = z.array(z.number().int().positive()).max(1_000_000).default([]);

export const importOpenInput = z.object({
  file: z.union([z.object({ path: z.string().min(1).max(4000) }), z.object({ uploadId: z.uuid() })]),
});
export const importInspectInput = z.object({ sessionId, sheet, register });
/** Column index -> field key, or null for a column not imported. */
export const resolvedMapping = z.record(z.string().regex(/^\d{1,4}$/), z.string().max(60).nullable());
/**
 * What the officer decided for a value no catalogue entry matches (`key` as the preview gave it): add it
 * as a new entry (under the proposed name, or one typed), or take it as another name of an existing entry.
 */
export const catalogueChoice = z.discriminatedUnion('action', [
  z.object({ key: z.string().min(1).max(600), action: z.literal('add'), name: z.string().trim().min(1).max(200).optional() }),
  z.object({ key: z.string().min(1).max(600), action: z.literal('map'), entryId: z.uuid({ message: 'Mục danh mục đã chọn không hợp lệ.' }) }),
]);
export type CatalogueChoice = z.output<typeof catalogueChoice>;

export const importAnalyseInput = z.object({
  sessionId,
  sheet,
  register,
  mapping: resolvedMapping,
  /** Values the officer typed in the preview: row number -> column -> text. */
  fixes: z.record(z.string().regex(/^\d{1,7}$/), z.record(z.string().regex(/^\d{1,4}$/), z.string().max(4000))).default({}),
  /** Cells typed in a legacy encoding that the officer keeps as written rather than converted. */
  keepOriginal: z.array(z.object({ rowNumber: z.number().int().positive(), column: z.number().int().min(0).max(9999) })).max(1_000_000).default([]),
  /** Rows skipped so far: left out of the check, so a row that repeats one of them is read on its own. */
  skipped: rowNumbers,
  /** Unknown catalogue values: added or mapped. */
  catalogueChoices: z.array(catalogueChoice).max(10_000).default([]),
  /** Rows whose ID number is not valid, imported without it (the number kept in a note). */
  withoutId: rowNumbers,
  from: z.number().int().min(0),
  /** Remember the mapping for this file layout once every row is analysed (a dry run does not). */
  remember: z.boolean().default(true),
});
/** Rows left out; likely duplicates confirmed as the record they resemble (`sameAs`: the row updates it). */
export const importDecisions = z.object({ sessionId, skipped: rowNumbers, sameAs: rowNumbers });
export type ImportDecisions = Omit<z.output<typeof importDecisions>, 'sessionId'>;
export const NO_DECISIONS: ImportDecisions = { skipped: [], sameAs: [] };
export const importPreviewInput = importDecisions.extend({
  show: z.enum([...IMPORT_ACTIONS, 'all', 'problems']).default('all'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
  /** Which page of the cells converted from a legacy encoding to give (PreviewDecoded). */
  decodedOffset: z.number().int().min(0).default(0),
  decodedLimit: z.number().int().min(1).max(1000).default(20),
});
export type ImportKeptCell = z.output<typeof importAnalyseInput>['keepOriginal'][number];
export const importSessionInput = z.object({ sessionId });
/** Where the report of a commit goes: a path chosen in Electron, or a download from the web host. */
export const importReportInput = z.object({
  sessionId,
  target: fileTarget,
});

/** Undoing a committed import: the run named in its summary. */
export const importUndoInput = z.object({ runId: z.uuid('Mã lần nhập không hợp lệ.') });

/**
 * The field of a commit's error that carries the run id when the commit stopped after some batches were
 * written: what was kept can be undone as one import (imports.undo).
 */
export const STOPPED_RUN_FIELD = 'importRun';

export interface ImportUndone {
  /** Records (people, models) the import added, now in the Trash (they can be restored from there). */
  trashed: number;
  /** Members the import added to models that existed before, now removed (the models' member counts follow). */
  membersRemoved: number;
  /** Records or members the import added that were already in the Trash, removed or merged away. */
  alreadyGone: number;
  /** Records that already existed and that the import updated: left as they are (their History shows the change). */
  updatesKept: number;
  /** Records and members an earlier undo of this import had already removed before it was interrupted. */
  undoneEarlier: number;
}

export interface ImportOpened {
  sessionId: string;
  fileName: string;
  sheets: { name: string; rows: number }[];
}

export interface ImportLayout {
  /** 1-based, as Excel numbers rows. */
  headerRow: number;
  dataStartRow: number;
  labels: string[];
  mapping: ResolvedMapping;
  /** The mapping was the one the officer chose for this layout before. */
  remembered: boolean;
  /** The legacy encoding the header was typed in, e.g. "TCVN3 (ABC)". */
  headerEncoding: string | null;
  /** Per column, the first few values below the header, so an unclear header can be told by what it holds. */
  samples: string[][];
}

export interface PreviewRow {
  rowNumber: number;
  action: ImportAction;
  /** Field key -> the value as read, for display. */
  values: Record<string, string>;
  problems: { field: string; message: string }[];
  warnings: { field: string; message: string }[];
  /** The existing record this row updates or may duplicate. */
  matchName: string | null;
  /** For a row with problems: column index -> the cell as written in the file (what "Sửa" starts from). */
  cells: Record<string, string>;
  /** A likely duplicate that the officer may confirm as the record it resembles (the row then updates it). */
  canBeSame: boolean;
  /** An ID number as typed that is not one: the row can be imported without it (`withoutId`). */
  invalidId: string | null;
  /**
   * Skipping this row, or taking it back, changes how other rows read: another row repeats it, or it was
   * left out of the check. The wizard checks the rows again then.
   */
  recheckOnSkip: boolean;
}

/** A value of the file that no catalogue entry matches, once however many rows use it. */
export interface UnknownCatalogueValue {
  /** Names the value in a CatalogueChoice. */
  key: string;
  catalogue: CatalogueName;
  /** The field's word ("Phường", "Diện đối tượng"). */
  label: string;
  /** As first typed in the file. */
  text: string;
  /** A khu phố: the ward it was typed with, and that ward's entry if known (only its khu phố can be chosen). */
  wardText: string | null;
  wardId: string | null;
  rows: number;
  /** The name it would be added under. */
  proposedName: string;
  /** A likely entry (shared words), shown for the officer to confirm; never applied unasked. */
  suggestion: { id: string; name: string } | null;
  /** What the officer chose, as sent with the analysis. */
  choice: CatalogueChoice | null;
}

/** A cell typed in a legacy encoding (TCVN3 or VNI) and converted to Unicode, or kept as written. */
export interface PreviewDecodedCell {
  rowNumber: number;
  column: number;
  /** The import field the cell fills. */
  field: string;
  /** "TCVN3 (ABC)" or "VNI". */
  encoding: string;
  /** The cell's font named the encoding (else its text did). */
  byFont: boolean;
  original: string;
  decoded: string;
  kept: boolean;
}

export interface ImportPreview {
  counts: Record<ImportAction, number>;
  /** Values no catalogue entry matches: the rows using them wait for a choice. */
  unknownValues: UnknownCatalogueValue[];
  /** Every row refused for an ID number that is not one (any page): "import without it" can take them all. */
  invalidIdRows: number[];
  /** Rows matching `show`. */
  total: number;
  rows: PreviewRow[];
  dropped: { rowNumber: number; reason: 'blank' | 'total' | 'heading'; text: string }[];
  notes: string[];
  /** Every cell converted from a legacy encoding, a page of them at `decodedOffset`. */
  decoded: { total: number; cells: PreviewDecodedCell[] };
}

export interface ImportSummary {
  /** The import run: every audit entry it wrote carries it, so the import can be undone as one. */
  runId: string;
  fileName: string;
  sheet: string;
  register: ImportRegister;
  added: number;
  updated: number;
  unchanged: number;
  skipped: { rowNumber: number; reason: string }[];
  /** Entries the import added to the catalogues. */
  catalogueAdded: { catalogue: CatalogueName; name: string }[];
}
