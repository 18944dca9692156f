/**
 * The command line's way into the app: the same handler table, input validation, access check and
 * errors as the Electron and web hosts (`handleRequest`), on a workspace the command opens for itself.
 * Until accounts exist the CLI acts as the built-in administrator, as the app does.
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { ApiInput, ApiResult, Method } from '../../shared/api';
import type { DatabaseMode } from '../../shared/app';
import { ApiError } from '../../shared/errors';
import { createHandlers, handleRequest } from '../api';
import type { PostgresSource } from '../db/postgres';
import { SYSTEM_USER } from '../db/system-user';
import { commandLineUser } from '../services/users/accounts';
import { Session } from '../session';
import { databaseFile, Workspace } from '../workspace';
import { CliError } from './exit-codes';

export interface Client {
  /** One contract call; a failure is thrown as the ApiError the app would show. */
  call<M extends Method>(method: M, input: ApiInput<M>): Promise<ApiResult<M>>;
  workspace: Workspace;
  close(): Promise<void>;
}

export interface ClientOptions {
  dataDir: string;
  /** A PostgreSQL server that holds the real data (--database). */
  server?: PostgresSource;
  mode?: DatabaseMode;
  /** Take the data folder's single-instance lock (restore: never swap the file under a running app). */
  lock?: boolean;
  /** Refuse, with this exit code, a folder with no data file yet: most commands never create an empty one. */
  missingExitCode?: number;
}

/** Who runs the command, as the operating system knows them. */
function osUserName(): string {
  try {
    return userInfo().username || 'không rõ';
  } catch {
    return process.env.USERNAME ?? process.env.USER ?? 'không rõ';
  }
}

export async function openClient(options: ClientOptions): Promise<Client> {
  const mode = options.mode ?? 'real';
  if (options.missingExitCode !== undefined && !(options.server && mode === 'real') && !existsSync(databaseFile(options.dataDir, mode))) {
    throw new CliError(`Chưa có tệp ${mode === 'demo' ? 'dữ liệu mẫu' : 'dữ liệu'} trong thư mục "${options.dataDir}".`, options.missingExitCode);
  }
  // ANTQ_SQLITE_BINDING: the Electron build of better-sqlite3 when the app runs the CLI from the sources (index.ts, --cli).
  const workspace = await Workspace.open({ dataDir: options.dataDir, server: options.server, mode, appVersion: process.env.npm_package_version, lock: options.lock, nativeBinding: process.env.ANTQ_SQLITE_BINDING || undefined });
  const handlers = createHandlers(workspace);
  // The command line runs as the operating-system user, with an administrator's rights on the data folder.
  const account = () => commandLineUser({ db: workspace.accounts() }, osUserName(), SYSTEM_USER);
  const session = new Session(await account(), account);
  return {
    workspace,
    async call(method, input) {
      const response = await handleRequest(workspace, handlers, session, method, input);
      if (!response.ok) throw ApiError.fromBody(response.error);
      return response.result as ApiResult<typeof method>;
    },
    close: () => workspace.close(),
  };
}

/** Runs `work` with a client, closed afterwards whatever happens. */
export async function withClient<T>(options: ClientOptions, work: (client: Client) => Promise<T>): Promise<T> {
  const client = await openClient(options);
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}
