/** The commit of an analysed sheet as one import run: its progress, its summary, and the error of a commit stopped part way. */
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/errors';
import { STOPPED_RUN_FIELD, type ImportDecisions, type ImportSummary } from '../../../shared/imports';
import { BulkRowError } from '../../db/bulk';
import { log } from '../../platform/log';
import { stopReason } from './batches';
import type { Context } from '../context';
import { completeAnalysis } from './analyse';
import { decisionSets } from './decisions';
import type { Session } from './session';
import { StoppedPart, writeRows } from './write-batches';

/** How far a running commit is, or null when none runs. */
export const commitProgress = (session: Session) => session.committing;

/**
 * Writes every row to import, in batches (see writeRowsIn in write-batches.ts). The import is one run:
 * its audit entries carry the run's id (Context.importRun).
 */
export async function commitImport(ctx: Context, session: Session, decisions: ImportDecisions): Promise<ImportSummary> {
  const analysis = completeAnalysis(session);
  if (session.committing) throw new ApiError('conflict', 'Đang ghi dữ liệu của tệp này. Vui lòng chờ.');
  const runId = randomUUID();
  const summary: ImportSummary = { runId, fileName: session.fileName, sheet: analysis.sheet, register: analysis.register, added: 0, updated: 0, unchanged: 0, skipped: [], catalogueAdded: [] };
  session.committing = { done: 0, total: analysis.rows.length };
  try {
    await writeRows({ ...ctx, importRun: runId }, analysis, decisionSets(decisions), summary, session.committing);
  } catch (error) {
    if (!(error instanceof StoppedPart)) throw error;
    log.error('imports.stopped', error.cause instanceof BulkRowError ? error.cause.cause : error.cause, { runId, lastRowNumber: error.lastRowNumber });
    throw stoppedAt(error, runId);
  } finally {
    session.committing = null;
  }
  session.summary = summary;
  session.analysis = null;
  return summary;
}

/**
 * The error of a commit stopped after some batches were written: what is kept, and how to undo it (the run id
 * in the message for the command line, and as the field STOPPED_RUN_FIELD for the wizard).
 */
function stoppedAt(stopped: StoppedPart, runId: string): ApiError {
  return new ApiError(
    'validation',
    `Đã nhập các dòng đến dòng ${stopped.lastRowNumber} thì dừng vì lỗi: ${stopReason(stopped.cause)} Các dòng đã nhập được giữ lại. Có thể xử lý lỗi rồi nhập lại tệp (các dòng đã có sẽ được nhận ra, không nhập hai lần), hoặc hoàn tác phần đã nhập (mã lần nhập: ${runId}).`,
    [{ field: STOPPED_RUN_FIELD, message: runId }],
  );
}
