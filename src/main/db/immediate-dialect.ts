/** Kysely's SQLite dialect, with write transactions that wait for other processes instead of failing. */
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type TransactionSettings } from 'kysely';

/**
 * A plain BEGIN is deferred: the transaction reads from a snapshot and asks for the write lock at its
 * first write. If another process (the CLI, a backup) committed meanwhile, SQLite cannot let it write
 * from that stale snapshot and answers SQLITE_BUSY_SNAPSHOT at once, without waiting: busy_timeout never
 * applies. BEGIN IMMEDIATE takes the write lock first (waiting up to busy_timeout for it), so the
 * snapshot the transaction reads is already the latest and its writes cannot be refused for contention.
 * A transaction declared read only (`setAccessMode('read only')`) keeps the deferred BEGIN: it never
 * writes, so it need not hold other processes' writers back.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(settings?.accessMode === 'read only' ? 'begin deferred' : 'begin immediate'));
  }

  /**
   * On a full disk, an I/O error or no memory, SQLite rolls the transaction back by itself; Kysely's own
   * ROLLBACK then fails with "no transaction is active", and that error would replace the real one.
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } catch (error) {
      if (!/no transaction is active/i.test(error instanceof Error ? error.message : '')) throw error;
    }
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];

  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
