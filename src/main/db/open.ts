/** Opening the database file: recognise it, refuse what is not ours, set pragmas, migrate. */
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, type SqliteDatabase } from 'kysely';
import { Migrator } from 'kysely/migration';
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { readHead } from '../platform/file-head';
import { privateDir, privateFile } from '../platform/private-files';
import { ImmediateSqliteDialect } from './immediate-dialect';
import { ApiError } from '../../shared/errors';
import { foldForSearch } from '../../shared/text';
import { migrations, SCHEMA_VERSION } from './migrations';
import type { Database } from './schema';

/** "ANTQ" in ASCII: written into the SQLite header so our files are recognised as ours. */
export const APPLICATION_ID = 0x414e5451;
const SQLITE_MAGIC = 'SQLite format 3\u0000';

export type Db = Kysely<Database>;

/** The better-sqlite3 handle under each Kysely instance opened here, for the few bulk paths in db/. */
const handles = new WeakMap<Db, BetterSqlite3.Database>();

/** The better-sqlite3 handle of a database opened by `openDatabase` (not of a transaction). */
export function sqliteHandle(db: Db): BetterSqlite3.Database {
  const handle = handles.get(db);
  if (!handle) throw new ApiError('conflict', SERVER_UNSUPPORTED);
  return handle;
}

/** What a service that works on the local file alone answers on a PostgreSQL server (issue 18 ports them one by one). */
export const SERVER_UNSUPPORTED = 'Chức năng này hiện chỉ dùng được với tệp dữ liệu trên máy này, chưa dùng được với máy chủ PostgreSQL.';

export interface OpenDatabase {
  db: Db;
  /** The local file's handle; null on a PostgreSQL server (db/postgres.ts). */
  sqlite: BetterSqlite3.Database | null;
  /** The local file's path, or the server's address without its password. */
  file: string;
  schemaVersion: number;
  close(): Promise<void>;
}

/** A local file, opened by `openDatabase`. */
export interface OpenFile extends OpenDatabase {
  sqlite: BetterSqlite3.Database;
}

/** The file was not opened because it is not ours or is too new; it was left untouched. */
export class DatabaseRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseRefusedError';
  }
}

export interface OpenOptions {
  /** Path of an Electron-ABI build of better-sqlite3 (the Node build is used when absent). */
  nativeBinding?: string;
  /**
   * The file must already exist: a missing file is a FileMissingError, never a new empty database (a
   * restore candidate, a file that a restore swaps in, anything that must not be created).
   */
  mustExist?: boolean;
}

/** `openDatabase` with `mustExist` found no file; nothing was created. */
export class FileMissingError extends Error {
  readonly code = 'ENOENT';
  constructor(readonly file: string) {
    super(`Không tìm thấy tệp "${file}".`);
    this.name = 'FileMissingError';
  }
}

/** Inspects an existing file read-only, so a refused file is never modified (not even its journal mode). */
function checkExistingFile(file: string, options: OpenOptions): void {
  if (statSync(file).size === 0) {
    // An empty file is a new database, except where one must already exist (a copy being restored).
    if (options.mustExist) throw new DatabaseRefusedError(`Tệp "${file}" trống (0 byte), không phải cơ sở dữ liệu. Tệp được giữ nguyên.`);
    return;
  }
  if (readHead(file, 16).toString('latin1') !== SQLITE_MAGIC) {
    throw new DatabaseRefusedError(`Tệp "${file}" không phải là cơ sở dữ liệu của ứng dụng (không phải tệp SQLite). Tệp được giữ nguyên.`);
  }
  const probe = new BetterSqlite3(file, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
  try {
    const applicationId = probe.pragma('application_id', { simple: true }) as number;
    const version = probe.pragma('user_version', { simple: true }) as number;
    const tables = (probe.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as { n: number }).n;
    if (applicationId !== APPLICATION_ID && (applicationId !== 0 || tables > 0)) {
      throw new DatabaseRefusedError(`Tệp "${file}" là cơ sở dữ liệu của một phần mềm khác, không phải của ứng dụng này. Tệp được giữ nguyên.`);
    }
    if (version > SCHEMA_VERSION) {
      throw new DatabaseRefusedError(
        `Tệp "${file}" được tạo bởi phiên bản mới hơn của ứng dụng (phiên bản dữ liệu ${version}, ứng dụng này hỗ trợ đến ${SCHEMA_VERSION}). Vui lòng cập nhật ứng dụng. Tệp được giữ nguyên.`,
      );
    }
  } finally {
    probe.close();
  }
}

export async function openDatabase(file: string, options: OpenOptions = {}): Promise<OpenFile> {
  if (existsSync(file)) checkExistingFile(file, options);
  else if (options.mustExist) throw new FileMissingError(file);
  else privateDir(dirname(file));
  // Owner only, before SQLite creates it (its -wal and -shm files take the database file's mode).
  privateFile(file, { create: !options.mustExist });
  for (const path of [`${file}-wal`, `${file}-shm`]) privateFile(path, { create: false });

  let sqlite: BetterSqlite3.Database;
  try {
    // fileMustExist as well: the file may go between the check above and this open.
    sqlite = new BetterSqlite3(file, { nativeBinding: options.nativeBinding, fileMustExist: options.mustExist === true });
  } catch (error) {
    if (options.mustExist && !existsSync(file)) throw new FileMissingError(file);
    throw error;
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536'); // 64 MiB: registers of 100.000 rows stay in memory
  // Accent- and case-free text for searches over joined names (the activities register), as shared/text.ts folds it.
  sqlite.function('fold_for_search', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldForSearch(text) : null));
  if (sqlite.pragma('application_id', { simple: true }) !== APPLICATION_ID) sqlite.pragma(`application_id = ${APPLICATION_ID}`); // written only when it differs: each write bumps the header's change counter

  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }), plugins: [new CamelCasePlugin()] });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }
  if (sqlite.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) sqlite.pragma(`user_version = ${SCHEMA_VERSION}`);
  handles.set(db, sqlite);
  const close = async () => {
    if (!sqlite.open) return;
    sqlite.pragma('optimize'); // keeps the query planner's statistics current, as SQLite recommends
    await db.destroy();
  };
  return { db, sqlite, file, schemaVersion: SCHEMA_VERSION, close };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh; keeping the prepared statement of each SQL text saves that work on
 * every later call (a sixth of an import's commit time went to preparing). SQLite re-prepares a cached
 * statement by itself after a schema change. The least recently used statement is dropped past the size.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      const cached = cache.get(sql);
      if (cached) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      return statement;
    },
  };
}
