/**
 * The API channel: one call per method, served to our renderer's main frame only (see ipc-main.ts).
 * A call from elsewhere gets a forbidden response; a call whose method is no name gets unknown_method;
 * the method's input is then checked by its own schema in handleRequest, as for every host.
 */
import { powerMonitor, shell } from 'electron';
import { join } from 'node:path';
import { z } from 'zod';
import { IPC_CHANNEL, type ApiResponse } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import { createHandlers, handleRequest } from '../api';
import { Session } from '../session';
import type { Workspace } from '../workspace';
import { handle, type Refusal } from './ipc-main';
import type { RendererSource } from './policy';

/** The method name and its input (checked later by the method's own schema). */
const apiCall = z.tuple([z.string(), z.unknown().optional()]);

function refused(reason: Refusal): ApiResponse {
  return reason === 'sender'
    ? { ok: false, error: { code: 'forbidden', message: 'Yêu cầu không đến từ cửa sổ của ứng dụng nên bị từ chối.' } }
    : { ok: false, error: { code: 'unknown_method', message: 'Chức năng được yêu cầu không tồn tại.' } };
}

export function registerIpc(workspace: Workspace, source: RendererSource): void {
  // A printout opened for printing is written beside the data (never the shared temp folder: it may hold ID numbers).
  const opener = {
    folder: join(workspace.dataDir, 'ban-in'),
    open: async (path: string) => {
      const failure = await shell.openPath(path);
      if (failure) throw new ApiError('file', `Không mở được tệp PDF để in (${failure}). Hãy dùng "Lưu PDF" rồi mở tệp.`);
    },
  };
  const handlers = createHandlers(workspace, { opener });
  // One window, one officer at a time: the session lives here in the main process, out of the page's reach.
  const session = new Session();
  // The OS lock and sleep lock the app too: the page finds it locked when it is looked at again.
  powerMonitor.on('lock-screen', () => session.lock());
  powerMonitor.on('suspend', () => session.lock());
  handle(IPC_CHANNEL, { from: source, args: apiCall, refused }, (_caller, method, input) => handleRequest(workspace, handlers, session, method, input));
}
