/** The open import sessions: a file read once when opened, kept while the wizard uses it (two hours idle at most). */
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { ApiError } from '../../../shared/errors';
import type { ImportOpened, ImportSummary } from '../../../shared/imports';
import { ImportFileError, MAX_IMPORT_BYTES, readWorkbook, type Workbook } from '../../import/read';
import type { Analysis } from './analysis';

const SESSION_LIFETIME_MS = 2 * 60 * 60 * 1000;

export interface Session {
  id: string;
  fileName: string;
  workbook: Workbook;
  expires: number;
  analysis: Analysis | null;
  summary: ImportSummary | null;
  /** Rows written so far by a running commit, for the wizard's progress bar. */
  committing: { done: number; total: number } | null;
}

/** The open import sessions of one handler table (one per running app). */
export class ImportSessions {
  private readonly sessions = new Map<string, Session>();

  add(fileName: string, workbook: Workbook): Session {
    this.sweep();
    const session: Session = { id: randomUUID(), fileName, workbook, expires: Date.now() + SESSION_LIFETIME_MS, analysis: null, summary: null, committing: null };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string): Session {
    const session = this.sessions.get(id);
    if (!session || session.expires < Date.now()) throw new ApiError('not_found', 'Phiên nhập dữ liệu đã hết hạn hoặc đã đóng. Hãy chọn lại tệp.');
    session.expires = Date.now() + SESSION_LIFETIME_MS;
    return session;
  }

  close(id: string): void {
    this.sessions.delete(id);
  }

  private sweep(now = Date.now()) {
    for (const [id, session] of this.sessions) if (session.expires < now) this.sessions.delete(id);
  }
}

export async function openImport(sessions: ImportSessions, file: { path: string; name: string }): Promise<ImportOpened> {
  const size = statSync(file.path, { throwIfNoEntry: false })?.size;
  if (size === undefined) throw new ImportFileError('unreadable', 'Không tìm thấy tệp đã chọn.');
  if (size > MAX_IMPORT_BYTES) throw new ImportFileError('too_large', `Tệp quá lớn (tối đa ${MAX_IMPORT_BYTES / 1024 / 1024} MB).`);
  const workbook = await readWorkbook(readFileSync(file.path), file.name);
  const session = sessions.add(file.name, workbook);
  return { sessionId: session.id, fileName: file.name, sheets: workbook.sheets.map((sheet) => ({ name: sheet.name, rows: sheet.rows.length })) };
}
