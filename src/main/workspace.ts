/**
 * The open database of this run: the real one, or the separate demo file. Both hosts and the CLI hold
 * one Workspace; switching to demo data closes the real file first, so the two are never mixed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseMode, User } from '../shared/app';
import { openDatabase, type OpenDatabase } from './db/open';
import { SYSTEM_USER } from './db/system-user';
import { generateDemoData, DEFAULT_DEMO_SCALE } from './demo';
import type { Context } from './services/context';

export const DATA_FILE_NAME = 'so-theo-doi.sqlite';
export const DEMO_FILE_NAME = 'du-lieu-mau.sqlite';

export interface WorkspaceOptions {
  dataDir: string;
  mode?: DatabaseMode;
  nativeBinding?: string;
  appVersion?: string;
}

export function databaseFile(dataDir: string, mode: DatabaseMode): string {
  return join(dataDir, mode === 'demo' ? DEMO_FILE_NAME : DATA_FILE_NAME);
}

export class Workspace {
  private constructor(
    private readonly options: WorkspaceOptions,
    private database: OpenDatabase,
    public mode: DatabaseMode,
  ) {}

  static async open(options: WorkspaceOptions): Promise<Workspace> {
    const mode = options.mode ?? 'real';
    return new Workspace(options, await openMode(options, mode), mode);
  }

  get file() {
    return this.database.file;
  }
  get schemaVersion() {
    return this.database.schemaVersion;
  }
  get appVersion() {
    return this.options.appVersion ?? '0.0.0';
  }
  get sqlite() {
    return this.database.sqlite;
  }

  context(user: User = SYSTEM_USER): Context {
    return { db: this.database.db, user };
  }

  async switchTo(mode: DatabaseMode): Promise<void> {
    if (mode === this.mode) return;
    const next = await openMode(this.options, mode);
    await this.database.close();
    this.database = next;
    this.mode = mode;
  }

  close(): Promise<void> {
    return this.database.close();
  }
}

/** Opens the file for a mode; the demo file is generated the first time it is asked for. */
async function openMode(options: WorkspaceOptions, mode: DatabaseMode): Promise<OpenDatabase> {
  const file = databaseFile(options.dataDir, mode);
  const isNewDemo = mode === 'demo' && !existsSync(file);
  const database = await openDatabase(file, { nativeBinding: options.nativeBinding });
  if (isNewDemo) await generateDemoData({ db: database.db, user: SYSTEM_USER }, { scale: DEFAULT_DEMO_SCALE });
  return database;
}
