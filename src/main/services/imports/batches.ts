/**
 * The pace of an import's commit: write transactions of about a second with pauses between them, so the
 * app's saves get in while the CLI imports a long roster (and the other way round).
 *
 * A save waiting for the write lock sits in SQLite's busy handler (busy_timeout, db/open.ts), which tries
 * again after 1, 2, 5, 10… ms, then every 100 ms, for up to 5 s. SQLite keeps no queue: the waiter gets
 * the lock only if one of its tries falls while nobody holds it. A pause of PAUSE_MS, longer than the
 * handler's longest sleep, always holds one of its tries; a batch holds the lock for BATCH_MS of writing
 * plus its end (the search index, the indexes when rebuilt, the commit), well inside the 5 s.
 *
 * Longer batches are faster: a batch's end rewrites the index pages it touched, and the register's indexes
 * can be set aside and rebuilt only when a batch brings many new records (write-batches.ts). Measured with
 * bench/import-commit.bench.ts (50.000 new people, 2 cores): batches of 100 ms with pauses of 20 ms
 * 15,4 s; 1 s and 150 ms 5,8 s; one transaction 3,7–4,6 s, but holding the lock that long leaves a
 * waiting save on a slower PC close to its 5 s.
 */
import { sql } from 'kysely';
import { ZodError } from 'zod';
import type { Entity } from '../../../shared/app';
import { ApiError } from '../../../shared/errors';
import { BulkRowError } from '../../db/bulk';
import type { Trx } from '../context';
import { refusedBy } from '../../db/engine';

/** Writing per write transaction (ms of the import's own time), before the batch's end. See above. */
export const BATCH_MS = 1000;
/**
 * Rows per write transaction at most, whatever the time: on a fast machine BATCH_MS could take in a whole
 * roster, and a batch's WAL pages stay bounded. Measured batches hold about 19.000 new people (2 cores).
 */
export const BATCH_ROWS = 50_000;
/**
 * Records an undo of an import moves to the Trash per write transaction (services/imports/undo.ts): about
 * 0,6 s of work (undoing 50.000 imported people: 15,8 s in batches of 2.000, 36,7 s in batches of 500).
 */
export const UNDO_BATCH_RECORDS = 2000;
/** Time without the write lock after each batch (ms): longer than the busy handler's 100 ms between tries. */
export const PAUSE_MS = 150;

export const pauseBetweenBatches = () => new Promise<void>((resolve) => setTimeout(resolve, PAUSE_MS));

/**
 * What one row can be refused for: a constraint of the database (a catalogue entry gone, a value taken),
 * or a service's own check (ApiError, ZodError), also when the bulk writer wraps it. Anything else (disk
 * full, I/O error, out of memory, a damaged file) is not the row's doing: it stops the import.
 */
export function rowProblemOf(error: unknown): unknown {
  const cause = error instanceof BulkRowError ? error.cause : error;
  if (cause instanceof ApiError || cause instanceof ZodError) return cause;
  return refusedBy(cause) ? cause : null;
}

/** What the database or a service said of a refused row, as a sentence. */
export function refusalReason(cause: unknown): string {
  if (cause instanceof ApiError) return cause.message;
  if (cause instanceof ZodError) return cause.issues[0]?.message ?? 'Dữ liệu không hợp lệ.';
  const refused = refusedBy(cause);
  if (refused === 'foreign_key') return 'Một mục mà dòng này dùng (phường, khu phố, diện, tổ chức phụ trách, loại mô hình hoặc mô hình) không còn trong sổ.';
  if (refused === 'unique') return 'Trùng với một bản ghi đã có trong sổ.';
  return 'Giá trị của dòng này không hợp lệ với cơ sở dữ liệu.';
}

/** Why an import stopped after some batches were written (an error that is not one row's), as a sentence. */
export function stopReason(error: unknown): string {
  const cause = error instanceof BulkRowError ? error.cause : error;
  if (cause instanceof ApiError) return cause.message;
  const code = String((cause as { code?: unknown } | null)?.code ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === '53100') return 'Ổ đĩa đã đầy.';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'Lỗi đọc ghi ổ đĩa.';
  if (code === 'SQLITE_NOMEM' || code === '53200') return 'Máy không đủ bộ nhớ.';
  if (code.startsWith('08') || code === 'ECONNRESET' || code === 'ECONNREFUSED' || code === '57P01') return 'Mất kết nối với máy chủ dữ liệu.';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'Tệp dữ liệu bị hỏng; hãy khôi phục từ bản sao lưu.';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'Tệp dữ liệu bị một chương trình khác giữ quá lâu.';
  return code ? `Lỗi không mong muốn (${code}).` : 'Lỗi không mong muốn.';
}

/** A row the database refused while its batch was written: the batch is rolled back and written again without it. */
export class RowRefused extends Error {
  constructor(
    readonly index: number,
    readonly rowNumber: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'RowRefused';
  }
}

/**
 * Whether someone wrote to a record after the audit entry `since` (the register's last write when the
 * import's analysis began). The import's values for a record were laid over the record as it was then:
 * written over a later change, they would undo it.
 */
export async function changedSince(trx: Trx, entity: Entity, id: string, since: number): Promise<boolean> {
  const found = await trx
    .selectFrom('auditLog')
    .select('id')
    .where('entity', '=', entity)
    .where('entityId', '=', id)
    .where(sql<number>`rowid`, '>', since)
    .where('action', '!=', 'view')
    .executeTakeFirst();
  return Boolean(found);
}

export const CHANGED_MEANWHILE = 'Hồ sơ này vừa được người khác sửa trong lúc nhập nên dòng này không được ghi, để không đè mất thay đổi đó. Hãy nhập lại tệp để cập nhật dòng này.';
