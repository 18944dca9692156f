/**
 * A PostgreSQL server as the data source (issue 18): several officers' PCs on one shared database. The same
 * migrations create the schema (db/migrations/postgres.ts translates the few SQLite-only statements) and the same
 * Kysely queries run on it; db/engine.ts holds the SQL that differs between the two engines.
 */
import { CamelCasePlugin, CompiledQuery, Kysely, PostgresDialect, PostgresDriver, sql, type DatabaseConnection, type Driver, type TransactionSettings } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { log } from '../platform/log';
import { DatabaseRefusedError, type Db, type OpenDatabase } from './open';
import { migrations, SCHEMA_VERSION } from './migrations';
import type { Database } from './schema';
import type { ServerCheck } from '../../shared/data-source';

export interface PostgresSource {
  /** postgres://user@host:port/database, with `?sslmode=…` for TLS; never with the password in it. */
  url: string;
  password?: string;
}

/** A server URL refused as given: said in words, nothing opened. */
export class ServerAddressError extends Error {}

/**
 * The server the CLI's and the web host's `--database postgres://…` name, with the password read from
 * `--database-password-file` (or, without it, from PGPASSWORD or ~/.pgpass, as PostgreSQL's own tools do).
 * A password written in the URL is refused: command lines are seen by every user of the PC.
 */
export function serverFromOption(url: string, password: string | undefined): PostgresSource {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ServerAddressError(`Địa chỉ máy chủ không hợp lệ: "${url}". Ví dụ: postgres://canbo@192.168.1.10:5432/so_theo_doi`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ServerAddressError(`Địa chỉ máy chủ phải bắt đầu bằng postgres:// (ví dụ postgres://canbo@192.168.1.10:5432/so_theo_doi), không phải "${parsed.protocol}".`);
  }
  if (parsed.password) throw new ServerAddressError('Không ghi mật khẩu trong địa chỉ máy chủ: hãy để mật khẩu ở dòng đầu một tệp và dùng --database-password-file TỆP.');
  if (parsed.pathname.length <= 1) throw new ServerAddressError(`Địa chỉ máy chủ thiếu tên cơ sở dữ liệu (ví dụ postgres://canbo@192.168.1.10:5432/so_theo_doi).`);
  return { url, password };
}

/** The server's address as shown to officers and written in logs: the URL without any password. */
export function describeSource(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}

/** An address nobody answers at (a switched-off server, a firewall) is said so after this, not waited on for minutes. */
const CONNECT_TIMEOUT_MS = 10_000;

/** Any number of ours: the advisory lock that write transactions take one at a time. */
const WRITE_LOCK = 0x414e5451;

/**
 * One write transaction at a time, as on the SQLite file (db/immediate-dialect.ts): services read, check
 * and then write (a record's version, a duplicate, a count), which holds only if no other writer runs
 * between. Each write transaction waits for the lock first; reads never wait, and a read-only transaction
 * takes none. The lock goes with the transaction's end, whatever ends it.
 */
class SerialWritesDriver extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await super.beginTransaction(connection, settings);
    if (settings.accessMode !== 'read only') await connection.executeQuery(CompiledQuery.raw(`select pg_advisory_xact_lock(${WRITE_LOCK})`));
  }
}

class SerialWritesDialect extends PostgresDialect {
  readonly #config: ConstructorParameters<typeof PostgresDialect>[0];

  constructor(config: ConstructorParameters<typeof PostgresDialect>[0]) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new SerialWritesDriver(this.#config);
  }
}

/** Counts (bigint) and sums (numeric) come back as numbers, as SQLite gives them. */
const NUMERIC_OIDS = new Set([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    NUMERIC_OIDS.has(oid) ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Accent-, case- and đ-free text, as shared/text.ts foldForSearch folds it (the activities and tips
 * registers search joined names with it). Upper-case Vietnamese letters lose their marks before lower()
 * meets them, so the result does not depend on the server's locale.
 */
const FOLD_FUNCTION = `create or replace function fold_for_search(value text) returns text language sql immutable strict parallel safe as $$
  select btrim(regexp_replace(lower(translate(regexp_replace(normalize(normalize(value, NFC), NFD), '[\\u0300-\\u036f]', '', 'g'), 'đĐ', 'dd')), '\\s+', ' ', 'g'))
$$`;

/** The URL with the password in it, for the driver only (pg reads the password from the URL over its `password` option). */
export function connectionString(source: PostgresSource): string {
  const url = new URL(source.url);
  if (source.password !== undefined) url.password = encodeURIComponent(source.password);
  return url.toString();
}

export async function openPostgres(source: PostgresSource): Promise<OpenDatabase> {
  const pool = new pg.Pool({ connectionString: connectionString(source), max: 10, types, application_name: 'so-theo-doi', connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A connection the server drops while idle (a restart, the network) is an event: unheard, it would end the process.
  // The pool replaces it; the call that next needs the server gets the error.
  pool.on('error', (error: Error & { code?: string }) => log.warn('server.connection_lost', { code: error.code ?? 'unknown' }));
  const db: Db = new Kysely<Database>({ dialect: new SerialWritesDialect({ pool }), plugins: [new CamelCasePlugin()] });
  try {
    await checkServerDatabase(db, source.url);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
    // In a write transaction: two PCs starting at once would otherwise replace the function together and fail.
    await db.transaction().execute((trx) => sql.raw(FOLD_FUNCTION).execute(trx));
  } catch (error) {
    await db.destroy();
    throw unreachable(error, source.url);
  }
  return { db, sqlite: null, file: describeSource(source.url), schemaVersion: SCHEMA_VERSION, close: () => db.destroy() };
}

/** Why the server could not be used, in words (the driver's own message may quote the address or the user). */
function unreachable(error: unknown, url: string): unknown {
  if (error instanceof DatabaseRefusedError) return error;
  const reason = reasonInWords(error);
  if (!reason) return error;
  return new DatabaseRefusedError(`Không dùng được máy chủ dữ liệu "${describeSource(url)}": ${reason}.`);
}

const CERTIFICATE_CODES = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID']);

function reasonInWords(error: unknown): string | null {
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : '';
  if (code === 'ECONNREFUSED') return 'máy chủ không nhận kết nối (PostgreSQL chưa chạy, hoặc sai địa chỉ, sai cổng)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'không tìm thấy máy chủ có tên này trong mạng';
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || /connection timeout/i.test(message)) return 'không liên lạc được với máy chủ (kiểm tra mạng, tường lửa)';
  if (code === '28P01' || code === '28000') return 'sai tên người dùng hoặc mật khẩu, hoặc máy chủ không cho người dùng này đăng nhập (từ máy này, hoặc không mã hóa)';
  if (/client password must be a string/.test(message)) return 'máy chủ cần mật khẩu mà chưa có mật khẩu nào được nhập hoặc lưu trên máy này';
  if (code === '3D000') return 'trên máy chủ chưa có cơ sở dữ liệu này (người quản trị máy chủ tạo trước bằng createdb)';
  if (code === '42501') return 'người dùng này không có quyền tạo bảng trong cơ sở dữ liệu';
  if (/does not support SSL/i.test(message)) return 'máy chủ không hỗ trợ kết nối mã hóa (chọn "Không mã hóa", hoặc bật ssl trên máy chủ)';
  if (typeof code === 'string' && CERTIFICATE_CODES.has(code)) return 'chứng chỉ của máy chủ không được tin cậy hoặc không đúng tên máy chủ (chọn "Mã hóa, không kiểm tra chứng chỉ", hoặc cài chứng chỉ hợp lệ)';
  return null;
}

type DatabaseState = { state: 'empty' | 'ours' | 'newer' | 'foreign'; version: number | null };

/** Whose tables the database holds, read only: none, the app's (of which data version), or another program's. */
async function inspectServerDatabase(db: Db): Promise<DatabaseState> {
  const { rows } = await sql<{ tables: number; ours: boolean }>`select count(*) as tables, bool_or(table_name = 'kysely_migration') as ours
    from information_schema.tables where table_schema = current_schema()`.execute(db);
  const { tables, ours } = rows[0] ?? { tables: 0, ours: false };
  if (!ours) return { state: tables > 0 ? 'foreign' : 'empty', version: null };
  const applied = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(db);
  const version = applied.rows[0]?.n ?? 0;
  return { state: version > SCHEMA_VERSION ? 'newer' : 'ours', version };
}

/**
 * "Kiểm tra kết nối": signs in with the given settings and reads what the database holds, creating and
 * changing nothing (the first start creates the tables). A failure is thrown in words.
 */
export async function probeServer(source: PostgresSource): Promise<ServerCheck> {
  const pool = new pg.Pool({ connectionString: connectionString(source), max: 1, types, application_name: 'so-theo-doi', connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  pool.on('error', () => undefined); // the one connection is ended below; a drop before that fails the query instead
  const db: Db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  try {
    const { state, version } = await inspectServerDatabase(db);
    const people = state === 'ours' ? Number((await sql<{ n: number }>`select count(*) as n from subjects where deleted_at is null`.execute(db)).rows[0]?.n ?? 0) : null;
    const ssl = await sql<{ ssl: boolean }>`select coalesce((select ssl from pg_stat_ssl where pid = pg_backend_pid()), false) as ssl`.execute(db);
    return { address: describeSource(source.url), state, schemaVersion: version, people, encrypted: ssl.rows[0]?.ssl ?? false };
  } catch (error) {
    throw unreachable(error, source.url);
  } finally {
    await db.destroy();
  }
}

/** Refuses, untouched, a database that holds another program's tables or a newer schema than this app's. */
async function checkServerDatabase(db: Db, url: string): Promise<void> {
  const { state, version } = await inspectServerDatabase(db);
  const where = describeSource(url);
  if (state === 'foreign') throw new DatabaseRefusedError(`Cơ sở dữ liệu "${where}" chứa dữ liệu của một phần mềm khác, không phải của ứng dụng này. Dữ liệu được giữ nguyên.`);
  if (state === 'newer') {
    throw new DatabaseRefusedError(
      `Cơ sở dữ liệu "${where}" được tạo bởi phiên bản mới hơn của ứng dụng (phiên bản dữ liệu ${version}, ứng dụng này hỗ trợ đến ${SCHEMA_VERSION}). Vui lòng cập nhật ứng dụng. Dữ liệu được giữ nguyên.`,
    );
  }
}
