/**
 * Everything about a file offered for restore, read from a private copy of it (services/backup/staging.ts
 * makes the copy): what it is, whether it is whole, whether it is ours and of a version this app can open,
 * whether its schema is the app's (schema-check.ts), and what it holds.
 */
import BetterSqlite3 from 'better-sqlite3';
import { statSync } from 'node:fs';
import type { RegisterSnapshot } from '../../shared/backup';
import { readHead } from '../platform/file-head';
import { BACKUP_META_KEY, BackupError, integrityOk, isSqliteHeader, registerSnapshot, sizeText, type BackupMeta } from './backup';
import { SCHEMA_VERSION } from './migrations';
import { APPLICATION_ID } from './open';
import { foreignKeyProblems, listProblems, readSchema, referenceSchema, schemaProblems } from './schema-check';

type Sqlite = BetterSqlite3.Database;

export interface CandidateDetails {
  schemaVersion: number;
  registers: RegisterSnapshot;
  meta: BackupMeta | null;
  unit: string | null;
  demo: boolean;
}

/** Tables every version of the app's schema has: a file holding them is ours, whatever its header says. */
const OUR_TABLES = ['kysely_migration', 'settings', 'models'];

/**
 * Checks a candidate for restore. `file` must be a PRIVATE copy (it may be switched to rollback-journal
 * mode, replaying a -wal copied along with it); `name` is how the officer knows the original. Throws a
 * BackupError('bad_file') saying what is wrong: empty, not SQLite, truncated, damaged, another program's
 * database, a newer app's file, or a schema that is not the app's (a table, column, index or trigger
 * missing or altered, or rows pointing at nothing).
 */
export interface CandidateCheck {
  file: string;
  name: string;
  settingKeys: { unit: string; demo: string };
  /** better-sqlite3's Electron build, when the check runs under Electron. */
  nativeBinding?: string;
}

export async function checkCandidate({ file, name, settingKeys, nativeBinding }: CandidateCheck): Promise<CandidateDetails> {
  const size = statSync(file).size;
  if (size === 0) throw new BackupError('bad_file', `Tệp "${name}" trống (0 byte), không phải là bản sao lưu.`);
  const header = readHead(file, 100);
  if (!isSqliteHeader(header)) throw new BackupError('bad_file', `Tệp "${name}" không phải là bản sao lưu của ứng dụng (không phải cơ sở dữ liệu SQLite, cũng không phải bản sao lưu có mật khẩu).`);
  const truncated = (expected?: number) =>
    new BackupError(
      'bad_file',
      `Tệp "${name}" bị cắt cụt: chỉ có ${sizeText(size)}${expected ? ` trong ${sizeText(expected)}` : ''}. Có thể tệp chưa được chép xong hoặc ổ USB bị rút ra giữa chừng.`,
    );
  if (header.length < 100) throw truncated();
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = header.readUInt32BE(28);
  // The page count in the header is valid when "version-valid-for" equals the change counter.
  if (pageCount > 0 && header.readUInt32BE(92) === header.readUInt32BE(24) && size < pageSize * pageCount) throw truncated(pageSize * pageCount);

  const damaged = new BackupError('bad_file', `Tệp "${name}" bị hỏng (không qua được kiểm tra toàn vẹn của SQLite), không dùng để khôi phục được.`);
  let sqlite: Sqlite;
  try {
    if (header[18] === 2 || header[19] === 2) {
      // A WAL-mode file: opened read-only as is, SQLite would create -wal/-shm beside it. Converted on
      // the private copy, any -wal brought along with it is replayed into it first.
      const convert = new BetterSqlite3(file, { fileMustExist: true, nativeBinding });
      try {
        convert.pragma('journal_mode = DELETE');
      } finally {
        convert.close();
      }
    }
    sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true, nativeBinding });
  } catch {
    throw damaged;
  }
  /** integrity_check on a file that may fail it in any way: an error reading counts as damage. */
  const intact = () => {
    try {
      return integrityOk(sqlite);
    } catch {
      return false;
    }
  };
  try {
    let applicationId: number;
    let version: number;
    let tables: Set<string>;
    try {
      applicationId = sqlite.pragma('application_id', { simple: true }) as number;
      version = sqlite.pragma('user_version', { simple: true }) as number;
      tables = new Set(sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[]);
    } catch {
      throw damaged;
    }
    if (applicationId !== APPLICATION_ID || version < 1) {
      // Our tables under a header that is not ours: the header was overwritten, the file is damaged.
      if (OUR_TABLES.every((table) => tables.has(table))) {
        throw new BackupError('bad_file', `Tệp "${name}" bị hỏng: phần đầu của tệp (mã nhận dạng, phiên bản dữ liệu) đã bị ghi đè, không dùng để khôi phục được.`);
      }
      if (!intact()) throw damaged;
      throw new BackupError('bad_file', `Tệp "${name}" là cơ sở dữ liệu của một phần mềm khác, không phải bản sao lưu của ứng dụng này.`);
    }
    if (version > SCHEMA_VERSION) {
      throw new BackupError(
        'bad_file',
        `Tệp "${name}" được tạo bởi phiên bản mới hơn của ứng dụng (phiên bản dữ liệu ${version}, ứng dụng này hỗ trợ đến ${SCHEMA_VERSION}). Hãy cập nhật ứng dụng rồi khôi phục lại.`,
      );
    }
    // The schema before the pages: a missing table is named, rather than called damage by integrity_check
    // (which fails outright when an FTS5 shadow table is gone).
    const reference = await referenceSchema(version, nativeBinding);
    let schema: string[];
    try {
      schema = schemaProblems(readSchema(sqlite), reference);
    } catch {
      throw damaged;
    }
    if (schema.length > 0) throw schemaError(name, version, schema);
    if (!intact()) throw damaged;
    let orphans: string[];
    try {
      orphans = foreignKeyProblems(sqlite);
    } catch {
      throw damaged;
    }
    if (orphans.length > 0) throw schemaError(name, version, orphans);
    const setting = (key: string): unknown => {
      const value = sqlite.prepare('select value from settings where key = ?').pluck().get(key) as string | undefined;
      if (value === undefined) return undefined;
      try {
        return JSON.parse(value);
      } catch {
        return undefined;
      }
    };
    const meta = setting(BACKUP_META_KEY) as BackupMeta | undefined;
    const unit = setting(settingKeys.unit);
    return {
      schemaVersion: version,
      registers: registerSnapshot(sqlite),
      meta: meta && typeof meta === 'object' && typeof meta.createdAt === 'string' ? meta : null,
      unit: typeof unit === 'string' ? unit : (meta?.unit ?? null),
      demo: setting(settingKeys.demo) !== undefined,
    };
  } finally {
    sqlite.close();
  }
}

/** A file whose schema or references are not the app's; `migrated` when found after migrating it forward. */
export function schemaError(name: string, version: number, problems: string[], migrated = false): BackupError {
  const where = migrated ? `sau khi nâng cấp lên phiên bản dữ liệu ${version}` : `(phiên bản dữ liệu ${version})`;
  return new BackupError(
    'bad_file',
    `Tệp "${name}" ${where} không đúng cấu trúc dữ liệu của ứng dụng: ${listProblems(problems)}. Có thể tệp bị hỏng hoặc đã bị sửa bằng phần mềm khác; không dùng để khôi phục được.`,
  );
}

