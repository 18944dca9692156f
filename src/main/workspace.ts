/**
 * The open database of this run: the real one, or the separate demo file. Both hosts and the CLI hold
 * one Workspace; switching to demo data closes the real file first, so the two are never mixed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseMode, User } from '../shared/app';
import { ApiError } from '../shared/errors';
import { BackupError, hasSidecars, swapInFile } from './db/backup';
import { openDatabase, SERVER_UNSUPPORTED, type Db, type OpenDatabase } from './db/open';
import { describeSource, openPostgres, type PostgresSource } from './db/postgres';
import { SYSTEM_USER } from './db/system-user';
import { generateDemoData, DEFAULT_DEMO_SCALE } from './demo';
import { acquireInstanceLock, type InstanceLock } from './platform/instance-lock';
import { privateDir, tightenDataFolder } from './platform/private-files';
import { HeldSecrets, type SecretSealer } from './platform/secrets';
import type { Context } from './services/context';

export const DATA_FILE_NAME = 'so-theo-doi.sqlite';
export const DEMO_FILE_NAME = 'du-lieu-mau.sqlite';

export interface WorkspaceOptions {
  dataDir: string;
  mode?: DatabaseMode;
  nativeBinding?: string;
  appVersion?: string;
  /** Take the data folder's single-instance lock (the app hosts do; the CLI does not, except to restore). */
  lock?: boolean;
  /** A PostgreSQL server holds the real data instead of the folder's file (the demo stays a local file). */
  server?: PostgresSource;
  /** The operating system's key store (Electron's safeStorage), if the host has one: see platform/secrets.ts. */
  sealer?: SecretSealer;
}

export function databaseFile(dataDir: string, mode: DatabaseMode): string {
  return join(dataDir, mode === 'demo' ? DEMO_FILE_NAME : DATA_FILE_NAME);
}

export class Workspace {
  private constructor(
    private readonly options: WorkspaceOptions,
    private database: OpenDatabase,
    public mode: DatabaseMode,
    private readonly lock: InstanceLock | null,
  ) {}

  /** The real database while the demo is open (see `accounts`). */
  private realWhileDemo: OpenDatabase | null = null;

  /** Opens the data folder; with `lock`, a second instance on the same folder is refused before anything is opened. */
  static async open(options: WorkspaceOptions): Promise<Workspace> {
    const mode = options.mode ?? 'real';
    tightenDataFolder(options.dataDir);
    const lock = options.lock ? acquireInstanceLock(options.dataDir) : null;
    try {
      const workspace = new Workspace(options, await openMode(options, 'real'), 'real', lock);
      if (mode === 'demo') await workspace.switchTo('demo');
      return workspace;
    } catch (error) {
      lock?.release();
      throw error;
    }
  }

  get dataDir() {
    return this.options.dataDir;
  }
  get file() {
    return this.database.file;
  }
  /** The real data file's path, also while the demo data is open. */
  get realFile() {
    return databaseFile(this.options.dataDir, 'real');
  }
  get schemaVersion() {
    return this.database.schemaVersion;
  }
  get appVersion() {
    return this.options.appVersion ?? '0.0.0';
  }
  /** Where the open data lives: the local file, or a PostgreSQL server. */
  get engine(): 'sqlite' | 'postgres' {
    return this.database.sqlite ? 'sqlite' : 'postgres';
  }
  /** The server the real data is on (its address, without a password), or null for the folder's file. */
  get serverAddress(): string | null {
    return this.options.server ? describeSource(this.options.server.url) : null;
  }
  /** The local file's handle; work that needs it is refused, in words, on a server. */
  get sqlite() {
    if (!this.database.sqlite) throw new ApiError('conflict', SERVER_UNSUPPORTED);
    return this.database.sqlite;
  }
  /** The Electron-ABI build of better-sqlite3, if any: worker threads open their connections with it too. */
  get nativeBinding() {
    return this.options.nativeBinding;
  }
  get sealer(): SecretSealer | null {
    return this.options.sealer ?? null;
  }
  /** Secrets held in memory for this run (a host without a key store): see platform/secrets.ts. */
  readonly heldSecrets = new HeldSecrets();

  context(user: User = SYSTEM_USER): Context {
    return { db: this.database.db, user };
  }

  /**
   * The database that holds the accounts: always the real one, also while the demo data is open (the
   * demo file has no accounts; signing in and managing accounts go on against the real file).
   */
  accounts(): Db {
    return (this.realWhileDemo ?? this.database).db;
  }

  async switchTo(mode: DatabaseMode): Promise<void> {
    if (mode === this.mode) return;
    if (mode === 'demo') {
      // The real file stays open beside the demo, for the accounts.
      this.realWhileDemo = this.database;
      this.database = await openMode(this.options, 'demo');
    } else {
      const demo = this.database;
      this.database = this.realWhileDemo ?? (await openMode(this.options, 'real'));
      this.realWhileDemo = null;
      await demo.close();
    }
    this.mode = mode;
  }

  /**
   * Puts `staged` (a closed, checked and migrated database file in the data folder) in place of the real
   * database and opens it. The live file is checkpointed and closed first; if another program still has
   * it open, or the swap or the reopening fails, the original file is put back and reopened, unchanged,
   * and the error is thrown. `afterOpen` runs once the new file is open (a failure there also rolls back).
   */
  async replaceDatabase(staged: string, afterOpen?: () => Promise<void>): Promise<void> {
    if (this.mode !== 'real') throw new Error('Only the real database is replaced.');
    const target = this.database.file;
    const liveFile = this.sqlite;
    const reopen = () => openDatabase(target, { nativeBinding: this.options.nativeBinding, mustExist: true }); // the swapped-in file or the original: never a new one
    const live = this.database;
    // Waits for statements and transactions in flight (Kysely holds one connection at a time).
    await live.db.connection().execute(async () => {
      liveFile.pragma('wal_checkpoint(TRUNCATE)');
      await live.close();
    });
    if (hasSidecars(target)) {
      // The last connection to close removes them: another program (the CLI?) still has the file open.
      this.database = await reopen();
      throw new BackupError('busy', 'Một chương trình khác (ví dụ lệnh sao lưu đang chạy) đang mở tệp dữ liệu nên chưa thay được tệp. Hãy đợi nó xong rồi thử lại.');
    }
    let swap;
    try {
      swap = swapInFile(target, staged);
    } catch (error) {
      this.database = await reopen();
      throw error;
    }
    try {
      this.database = await reopen();
      await afterOpen?.();
      swap.commit();
    } catch (error) {
      if (this.database.file === target && this.database.sqlite?.open) await this.database.close().catch(() => undefined);
      swap.rollback();
      this.database = await reopen();
      throw error;
    }
  }

  async close(): Promise<void> {
    try {
      await this.database.close();
      await this.realWhileDemo?.close();
    } finally {
      this.lock?.release();
    }
  }
}

/** Opens the file for a mode; the demo file is generated the first time it is asked for. */
async function openMode(options: WorkspaceOptions, mode: DatabaseMode): Promise<OpenDatabase> {
  if (mode === 'real' && options.server) {
    privateDir(options.dataDir); // the folder still holds backups, exports and the demo file
    return openPostgres(options.server);
  }
  const file = databaseFile(options.dataDir, mode);
  const isNewDemo = mode === 'demo' && !existsSync(file);
  const database = await openDatabase(file, { nativeBinding: options.nativeBinding });
  if (isNewDemo) await generateDemoData({ db: database.db, user: SYSTEM_USER }, { scale: DEFAULT_DEMO_SCALE });
  return database;
}
