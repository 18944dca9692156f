/** The rows of a commit written in short transactions, batch by batch, with what is left out and why. */
import { ApiError } from '../../../shared/errors';
import type { ImportAction, ImportSummary } from '../../../shared/imports';
import { BulkRowError, rowWriter, type RowWriter } from '../../db/bulk';
import { checkpointAfter } from '../../db/checkpoint';
import { withBigPageCache } from '../../db/page-cache';
import { BATCH_MS, BATCH_ROWS, CHANGED_MEANWHILE, pauseBetweenBatches, refusalReason, RowRefused, rowProblemOf } from './batches';
import { writeCatalogueChoices } from './catalogues';
import type { Context, Trx } from '../context';
import type { AnalysedRow, Analysis } from './analysis';
import { finalAction, payloadOf, type DecisionSets } from './decisions';
import { lastWrite } from './last-write';
import { addSubject, commitModelRow, updateSubject } from './write-row';

export async function writeRows(ctx: Context, analysis: Analysis, decisions: DecisionSets, summary: ImportSummary, progress: { done: number }) {
  // The WAL checkpoint of the rows runs after the commit has returned, not inside it (db/checkpoint.ts);
  // a larger page cache meanwhile keeps the new rows in memory (db/page-cache.ts).
  await checkpointAfter(ctx.db, () => withBigPageCache(ctx.db, () => writeRowsIn(ctx, analysis, decisions, summary, progress)));
}

type Tally = Pick<ImportSummary, 'added' | 'updated' | 'unchanged' | 'skipped'>;

/**
 * The rows are written in batches, each its own write transaction (BEGIN IMMEDIATE, about BATCH_MS
 * of work), with a pause after each in which other processes' saves and this process's other calls get
 * in (services/imports/batches.ts). The first batch checks that nothing was written since the analysis
 * began, so the analysis holds for it; a later batch may meet others' changes: a record someone changed
 * meanwhile is not written over (the row is left out, and said so), and a row refused for itself (a
 * constraint, a service's check: rowProblemOf) is left out with its reason, the rest of its batch written
 * again. Any other error (disk full, I/O) stops the import: the batches committed before it are kept, and
 * the error names the last row kept and the run id to undo them with. A crash keeps them too.
 *
 * New records go through the bulk writer (db/bulk.ts): the rows the services would write for them
 * (newSubjectRecord: the record, its status history, review and audit entries), inserted with prepared
 * statements, the search index of each batch's new records built at the end of the batch. When the records
 * the import has still to add outnumber those in the register, a batch also sets the register's indexes
 * aside and rebuilds them at its end (manyNewRecords); otherwise they are kept up row by row. Either way
 * within the batch's transaction: no other process, and no crash, ever finds an index missing. Updates of
 * existing records go through the services one by one.
 */
async function writeRowsIn(ctx: Context, analysis: Analysis, decisions: DecisionSets, summary: ImportSummary, progress: { done: number }) {
  const rows = analysis.rows;
  const refused = new Map<number, string>();
  let models = new Map<string, string>();
  let from = 0;
  for (let first = true; first || from < rows.length; ) {
    const tally: Tally = { added: 0, updated: 0, unchanged: 0, skipped: [] };
    const batchModels = new Map(models);
    let end = from;
    try {
      await ctx.db.transaction().execute(async (trx) => {
        if (first) {
          if ((await lastWrite(trx, analysis.register)) !== analysis.lastWrite) {
            throw new ApiError('conflict', 'Sổ đã có thay đổi sau khi kiểm tra tệp (có người vừa ghi dữ liệu). Chưa nhập dòng nào; hãy kiểm tra lại tệp rồi nhập.');
          }
          summary.catalogueAdded = (await writeCatalogueChoices(trx, ctx, analysis.lookup.catalogues, ...catalogueIdsOf(analysis, decisions))).map(({ catalogue, name }) => ({ catalogue, name }));
        }
        const rebuildIndexes = await manyNewRecords(trx, analysis, decisions, from);
        end = await writeBatch(trx, ctx, { analysis, decisions, from, refused, models: batchModels, tally, rebuildIndexes });
      });
    } catch (error) {
      if (first) throw error instanceof RowRefused ? rowFailed(error) : error;
      // Only a refusal of the row itself leaves that row out; anything else stops the import with what is kept.
      if (!(error instanceof RowRefused)) throw new StoppedPart(rows[from - 1]?.rowNumber ?? 0, error);
      refused.set(error.index, `Dòng này không được ghi vì dữ liệu đã thay đổi trong lúc nhập: ${refusalReason(error.cause)}`);
      continue; // the same batch again, without that row
    }
    first = false;
    models = batchModels;
    summary.added += tally.added;
    summary.updated += tally.updated;
    summary.unchanged += tally.unchanged;
    summary.skipped.push(...tally.skipped);
    from = end;
    progress.done = end;
    if (from < rows.length) await pauseBetweenBatches();
  }
}

interface Batch {
  analysis: Analysis;
  decisions: DecisionSets;
  from: number;
  /** Rows the database refused in an earlier try, with the reason: left out. */
  refused: Map<number, string>;
  /** The models written by the import so far, by model key. */
  models: Map<string, string>;
  tally: Tally;
  /** Set the register's indexes aside while writing the batch's new records, and rebuild them at its end. */
  rebuildIndexes: boolean;
}

/** Writes rows from `from` until BATCH_MS have gone by; returns the index of the first row not written. */
async function writeBatch(trx: Trx, ctx: Context, { analysis, decisions, from, refused, models, tally, rebuildIndexes }: Batch): Promise<number> {
  const rows = analysis.rows;
  const deadline = performance.now() + BATCH_MS;
  let writer: RowWriter | null = null;
  const indexOf = (rowNumber: number) => rows.findIndex((row) => row.rowNumber === rowNumber);
  let index = from;
  for (; index < rows.length && (index === from || (index - from < BATCH_ROWS && performance.now() < deadline)); index += 1) {
    const row = rows[index] as AnalysedRow;
    const action = finalAction(row, decisions);
    const payload = payloadOf(row, action);
    if (action === 'same') {
      tally.unchanged += 1;
      continue;
    }
    const refusal = refused.get(index);
    if (action === 'skip' || action === 'error' || !payload || refusal) {
      tally.skipped.push({ rowNumber: row.rowNumber, reason: refusal ?? skipReason(action, row) });
      continue;
    }
    try {
      if (payload.register === 'subjects' && !payload.matchId) addSubject((writer ??= rowWriter(ctx.db, trx, { deferIndexes: rebuildIndexes })), ctx, payload, row.rowNumber);
      else {
        // The new records held by the bulk writer land first, so every row is written in the file's order.
        await (writer as RowWriter | null)?.flush();
        const written = payload.register === 'subjects' ? await updateSubject(trx, ctx, payload, payload.matchId as string, analysis.lastWrite) : await commitModelRow(trx, ctx, payload, analysis, models);
        if (!written) {
          tally.skipped.push({ rowNumber: row.rowNumber, reason: CHANGED_MEANWHILE });
          continue;
        }
      }
    } catch (error) {
      const problem = rowProblemOf(error);
      if (!problem) throw error;
      const source = error instanceof BulkRowError && error.source !== undefined ? error.source : row.rowNumber;
      throw new RowRefused(indexOf(source), source, problem);
    }
    // A likely duplicate is a record of its own until the officer merges it.
    if (action === 'add' || action === 'check') tally.added += 1;
    else tally.updated += 1;
  }
  // The search index of the batch's new records, and the search trigger back, before the commit.
  try {
    await (writer as RowWriter | null)?.finish();
  } catch (error) {
    const problem = rowProblemOf(error);
    if (!problem) throw error;
    const source = error instanceof BulkRowError ? (error.source ?? 0) : 0;
    throw new RowRefused(indexOf(source), source, problem);
  }
  return index;
}

/**
 * New records per record already in the register from which rebuilding the register's indexes once beats
 * keeping them up row by row (measured with time-ordered ids: 30.000 new beside 1.000 about 20 % faster
 * rebuilt, 20.000 beside 20.000 even, 15.000 beside 40.000 1,5 times slower rebuilt).
 */
const REBUILD_INDEXES_AT = 1;

/** Whether the records the import has still to add from row `from` on are many beside those in the register. */
async function manyNewRecords(trx: Trx, analysis: Analysis, decisions: DecisionSets, from: number): Promise<boolean> {
  let adding = 0;
  for (let index = from; index < analysis.rows.length; index += 1) {
    const row = analysis.rows[index] as AnalysedRow;
    const action = finalAction(row, decisions);
    const payload = payloadOf(row, action);
    if ((action === 'add' || action === 'check') && payload?.register === 'subjects' && !payload.matchId) adding += 1;
  }
  if (adding === 0) return false;
  const { count } = await trx.selectFrom('subjects').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return adding >= Number(count) * REBUILD_INDEXES_AT;
}

/** The error that stops a commit at a row of its first batch (nothing written). */
function rowFailed(error: RowRefused): ApiError {
  return new ApiError('validation', `Dòng ${error.rowNumber}: ${refusalReason(error.cause)} Chưa nhập dòng nào; hãy sửa dòng này hoặc bỏ qua rồi nhập lại.`);
}

/** A commit stopped after some batches were written (e.g. the disk is full), before its run id is put to it. */
export class StoppedPart extends Error {
  constructor(
    readonly lastRowNumber: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** The catalogue ids the written rows use, and the categories they give a group A–D. */
function catalogueIdsOf(analysis: Analysis, decisions: DecisionSets): [Set<string>, Set<string>] {
  const used = new Set<string>();
  const grouped = new Set<string>();
  for (const row of analysis.rows) {
    const action = finalAction(row, decisions);
    const payload = payloadOf(row, action);
    if (!payload || (action !== 'add' && action !== 'update' && action !== 'check')) continue;
    const values: Record<string, unknown> = payload.register === 'subjects' ? payload.values : payload.model;
    for (const field of ['wardId', 'neighbourhoodId', 'categoryId', 'helperOrgId', 'typeId']) if (typeof values[field] === 'string') used.add(values[field]);
    if (payload.register === 'subjects' && payload.values.reintegrationGroup) grouped.add(payload.values.categoryId);
  }
  return [used, grouped];
}

function skipReason(action: ImportAction, row: AnalysedRow): string {
  if (action === 'skip') return 'Cán bộ chọn bỏ qua.';
  return row.problems.map((problem) => problem.message).join(' ') || 'Dòng có lỗi.';
}
