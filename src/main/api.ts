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
import { appHandlers } from './handlers/app';
import { awardHandlers } from './handlers/awards';
import { backupHandlers } from './handlers/backup';
import { catalogueHandlers } from './handlers/catalogues';
import { exchangeHandlers } from './handlers/exchange';
import { hostFiles, type FileOpener } from './handlers/files';
import { modelHandlers } from './handlers/models';
import { printHandlers } from './handlers/print';
import { subjectHandlers } from './handlers/subjects';
import { combineHandlers, type Handler, type Handlers } from './handlers/table';
import { log } from './platform/log';
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
  return combineHandlers({
    app: appHandlers(workspace),
    catalogues: catalogueHandlers(),
    models: modelHandlers(),
    subjects: subjectHandlers(),
    awards: awardHandlers(),
    backup: backupHandlers(workspace, files),
    exchange: exchangeHandlers(files),
    print: printHandlers(files),
  });
}

const ACCESS_BY_ROLE: Record<Role, Access[]> = {
  admin: ['read', 'write', 'admin'],
  editor: ['read', 'write'],
  viewer: ['read'],
};

export function validationError(error: z.ZodError): ApiError {
  const fields = error.issues.map((issue) => ({ field: issue.path.join('.').replace(/^values\./, ''), message: issue.message }));
  const first = fields[0];
  return new ApiError('validation', first ? `Dữ liệu chưa hợp lệ: ${first.message}` : 'Dữ liệu chưa hợp lệ.', fields);
}

export async function handleRequest(workspace: Workspace, handlers: Handlers, user: User, method: string, input: unknown): Promise<ApiResponse> {
  try {
    if (!isMethod(method)) throw new ApiError('unknown_method', 'Chức năng được yêu cầu không tồn tại.');
    const definition = methods[method];
    if (!ACCESS_BY_ROLE[user.role].includes(definition.access)) {
      throw new ApiError('forbidden', 'Tài khoản của bạn không có quyền thực hiện thao tác này.');
    }
    const parsed = definition.input.safeParse(input ?? {});
    if (!parsed.success) throw validationError(parsed.error);
    const handler = handlers[method] as Handler<Method>;
    return { ok: true, result: await handler(workspace.context(user), parsed.data as ParsedInput<Method>) };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toBody() };
    log.error('api.unexpected', error, { method });
    return { ok: false, error: { code: 'internal', message: INTERNAL_ERROR_MESSAGE } };
  }
}
