/**
 * The handler table: each domain's methods (handlers/<domain>.ts) combined once. Every host (Electron
 * IPC, the loopback web host, the CLI) calls `handleRequest`, which validates input with the shared
 * schemas, enforces the method's access level for the request's user, and turns every failure into
 * ApiErrorBody.
 */
import type { z } from 'zod';
import { isMethod, methods, type Access, type ApiResponse, type Method, type ParsedInput } from '../shared/api';
import type { Role, User } from '../shared/app';
import { ApiError, INTERNAL_ERROR_MESSAGE } from '../shared/errors';
import { activityHandlers } from './handlers/activities';
import { reportHandlers } from './handlers/report';
import { standardHandlers } from './handlers/standards';
import { appHandlers } from './handlers/app';
import { awardHandlers } from './handlers/awards';
import { dataSourceHandlers } from './handlers/data-source';
import { backupHandlers } from './handlers/backup';
import { catalogueHandlers } from './handlers/catalogues';
import { exchangeHandlers } from './handlers/exchange';
import { hostFiles, removeOpenedFiles, type FileOpener } from './handlers/files';
import { modelHandlers } from './handlers/models';
import { printHandlers } from './handlers/print';
import { subjectHandlers } from './handlers/subjects';
import { userHandlers } from './handlers/users';
import { combineHandlers, type Handler, type Handlers } from './handlers/table';
import { SYSTEM_USER } from './db/system-user';
import { log } from './platform/log';
import { idleMinutes, passwordStamp, toUser } from './services/users/accounts';
import type { Session } from './session';
import type { Transfers } from './host/transfers';
import type { Workspace } from './workspace';

export type { Handlers };

/** What a host adds to the handler table: the web host's uploads and downloads (Electron and the CLI use real paths), Electron's file opener. */
export interface HostServices {
  transfers?: Transfers;
  opener?: FileOpener;
}

export function createHandlers(workspace: Workspace, host: HostServices = {}): Handlers {
  const files = hostFiles(host.transfers, host.opener);
  // Printouts opened in an earlier run (they may hold ID numbers) do not stay on the disk.
  if (host.opener) removeOpenedFiles(host.opener.folder, 0);
  return combineHandlers({
    app: appHandlers(workspace),
    catalogues: catalogueHandlers(),
    models: modelHandlers(),
    subjects: subjectHandlers(),
    awards: awardHandlers(),
    activities: activityHandlers(),
    standards: standardHandlers(),
    report: reportHandlers(files),
    backup: backupHandlers(workspace, files),
    exchange: exchangeHandlers(files),
    print: printHandlers(files),
    users: userHandlers(workspace),
    dataSource: dataSourceHandlers(workspace),
  });
}

export const ACCESS_BY_ROLE: Record<Role, Access[]> = {
  admin: ['read', 'write', 'admin'],
  editor: ['read', 'write'],
  viewer: ['read'],
};

export function validationError(error: z.ZodError): ApiError {
  const fields = error.issues.map((issue) => ({ field: issue.path.join('.').replace(/^values\./, ''), message: issue.message }));
  const first = fields[0];
  return new ApiError('validation', first ? `Dữ liệu chưa hợp lệ: ${first.message}` : 'Dữ liệu chưa hợp lệ.', fields);
}

/**
 * The signed-in account as it is now: its role may have changed; a disabled or vanished account, or one
 * whose password was changed or reset since, is signed out; past the idle minutes without a call the
 * session is locked (also if the page that should have locked it is gone).
 */
async function signedInUser(workspace: Workspace, session: Session, method: Method): Promise<User> {
  if (!session.user) throw new ApiError('unauthorized', 'Hãy đăng nhập để tiếp tục.');
  const db = workspace.accounts();
  const row = await db.selectFrom('users').select(['id', 'username', 'displayName', 'role', 'disabledAt', 'passwordHash', 'mustChangePassword', 'kind']).where('id', '=', session.user.id).executeTakeFirst();
  if (!row && session.renew) {
    session.user = await session.renew();
    return session.user;
  }
  if (!row || row.disabledAt || (row.kind === 'person' && passwordStamp(row.passwordHash) !== session.passwordStamp)) {
    session.signOut();
    throw new ApiError('unauthorized', 'Tài khoản này không còn dùng được hoặc mật khẩu đã đổi. Hãy đăng nhập lại.');
  }
  // The page tells of the officer's activity (auth.touch, once a minute at most); a minute of grace for it.
  if (row.kind === 'person' && !session.locked && Date.now() - session.lastActive > ((await idleMinutes({ db })) + 1) * 60_000) session.lock();
  if (session.locked) throw new ApiError('unauthorized', 'Màn hình đang khóa: hãy nhập lại mật khẩu để tiếp tục.', undefined, 'locked');
  session.lastActive = Date.now();
  session.user = toUser(row);
  session.mustChangePassword = row.mustChangePassword === 1;
  if (session.mustChangePassword && method !== 'auth.changePassword') throw new ApiError('forbidden', 'Hãy đổi mật khẩu trước khi tiếp tục.');
  return session.user;
}

export async function handleRequest(workspace: Workspace, handlers: Handlers, session: Session, method: string, input: unknown): Promise<ApiResponse> {
  try {
    if (!isMethod(method)) throw new ApiError('unknown_method', 'Chức năng được yêu cầu không tồn tại.');
    const definition = methods[method];
    // Before sign-in, the public methods act as the built-in account (the first run's audit names it).
    const user = definition.access === 'public' ? (session.user ?? SYSTEM_USER) : await signedInUser(workspace, session, method);
    if (definition.access !== 'public' && !ACCESS_BY_ROLE[user.role].includes(definition.access)) {
      throw new ApiError('forbidden', 'Tài khoản của bạn không có quyền thực hiện thao tác này.');
    }
    const parsed = definition.input.safeParse(input ?? {});
    if (!parsed.success) throw validationError(parsed.error);
    const handler = handlers[method] as Handler<Method>;
    return { ok: true, result: await handler({ ...workspace.context(user), session }, parsed.data as ParsedInput<Method>) };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toBody() };
    log.error('api.unexpected', error, { method });
    return { ok: false, error: { code: 'internal', message: INTERNAL_ERROR_MESSAGE } };
  }
}
