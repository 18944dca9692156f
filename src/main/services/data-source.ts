/**
 * "Nguồn dữ liệu" (administrators): the local file or a PostgreSQL server, checked before it is saved and
 * applied at the next start (the open data is never swapped under the officers at work).
 */
import type { ParsedInput } from '../../shared/api';
import type { DataSourceStatus, SavedDataSource, ServerCheck } from '../../shared/data-source';
import { ApiError } from '../../shared/errors';
import { DatabaseRefusedError } from '../db/open';
import { probeServer, type PostgresSource } from '../db/postgres';
import { openSealedPassword, readServerSetting, serverUrl, writeServerSetting, type StoredServerSetting } from '../db/server-setting';
import { log } from '../platform/log';
import { trySeal } from '../platform/secrets';
import type { Workspace } from '../workspace';
import { writeAudit, type Context } from './context';

type ServerInput = ParsedInput<'dataSource.check'>;

export function dataSourceStatus(workspace: Workspace): DataSourceStatus {
  const setting = readServerSetting(workspace.dataDir);
  const saved: SavedDataSource = setting ? { kind: 'server', server: withoutPassword(setting), passwordSaved: Boolean(setting.sealedPassword) } : { kind: 'file' };
  const server = workspace.serverAddress;
  const nextAddress = setting ? serverUrl(setting) : null;
  return {
    active: server ? { kind: 'server', where: server } : { kind: 'file', where: workspace.realFile },
    saved,
    restartNeeded: (server === null) !== (nextAddress === null) || (server !== null && server !== nextAddress),
    canSavePassword: workspace.sealer !== null,
  };
}

/** "Kiểm tra kết nối": nothing on the server is created or changed. */
export async function checkServer(workspace: Workspace, input: ServerInput): Promise<ServerCheck> {
  return probe(sourceOf(input, readServerSetting(workspace.dataDir), workspace));
}

/**
 * Saves the choice for the next start. A server is checked first: one that cannot be reached, or holds
 * another program's or a newer app's data, is refused with the reason, and the setting stays as it was.
 */
export async function saveDataSource(workspace: Workspace, ctx: Context, input: ParsedInput<'dataSource.save'>): Promise<DataSourceStatus> {
  const before = readServerSetting(workspace.dataDir);
  let next: StoredServerSetting | null = null;
  if (input.kind === 'server') {
    const check = await probe(sourceOf(input.server, before, workspace));
    if (check.state === 'foreign') throw new ApiError('conflict', `Cơ sở dữ liệu "${check.address}" chứa dữ liệu của một phần mềm khác. Hãy chọn cơ sở dữ liệu khác (một cơ sở dữ liệu mới, trống, hoặc của ứng dụng này).`);
    if (check.state === 'newer') throw new ApiError('conflict', `Cơ sở dữ liệu "${check.address}" được tạo bởi phiên bản mới hơn của ứng dụng. Hãy cập nhật ứng dụng trên máy này trước.`);
    next = { ...withoutPassword(input.server), sealedPassword: sealedPassword(workspace, input.server.password, before) };
  }
  writeServerSetting(workspace.dataDir, next);
  await writeAudit(ctx.db, ctx, { entity: 'setting', entityId: 'data-source', action: 'update', before: described(before), after: described(next) });
  log.info('data_source.saved', { kind: input.kind });
  return dataSourceStatus(workspace);
}

const withoutPassword = <T extends { sealedPassword?: string; password?: string }>(setting: T) => {
  const { sealedPassword: _sealed, password: _password, ...server } = setting;
  return server as Omit<T, 'sealedPassword' | 'password'>;
};

const described = (setting: StoredServerSetting | null) => (setting ? { kind: 'server', address: serverUrl(setting) } : { kind: 'file' });

/** The password typed now, else the one saved before (sealed here), else none (the driver then reads PGPASSWORD or ~/.pgpass). */
function sourceOf(input: ServerInput, saved: StoredServerSetting | null, workspace: Workspace): PostgresSource {
  return { url: serverUrl(input), password: input.password || (saved ? openSealedPassword(saved, workspace.sealer) : undefined) };
}

/** A new password sealed by the key store; with none typed, the one saved before is kept. Without a key store, none is saved. */
function sealedPassword(workspace: Workspace, typed: string, before: StoredServerSetting | null): string | undefined {
  if (!typed) return before?.sealedPassword;
  return trySeal(workspace.sealer, typed, 'server.password_seal_failed') ?? undefined;
}

async function probe(source: PostgresSource): Promise<ServerCheck> {
  try {
    return await probeServer(source);
  } catch (error) {
    if (error instanceof DatabaseRefusedError) throw new ApiError('conflict', error.message, undefined, 'server');
    throw error;
  }
}
