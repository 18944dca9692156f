/**
 * The single IPC entry point. A call is served only when it comes from our renderer's main frame;
 * everything else (another page, an iframe, a destroyed frame, a malformed call) gets an error.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNEL, type ApiResponse } from '../../shared/api';
import { createHandlers, handleRequest } from '../api';
import { SYSTEM_USER } from '../db/system-user';
import { log } from '../log';
import type { Workspace } from '../workspace';
import { isRendererUrl, type RendererSource } from './policy';

const refused = (message: string): ApiResponse => ({ ok: false, error: { code: 'forbidden', message } });

/** True when the call comes from our renderer's main frame (not another page, an iframe or a destroyed frame). */
export function fromOurRenderer(event: IpcMainInvokeEvent, source: RendererSource): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isRendererUrl(frame.url, source);
}

export function registerIpc(workspace: Workspace, source: RendererSource): void {
  const handlers = createHandlers(workspace);
  ipcMain.handle(IPC_CHANNEL, async (event, method: unknown, input: unknown): Promise<ApiResponse> => {
    if (!fromOurRenderer(event, source)) {
      log.warn('ipc.sender_refused');
      return refused('Yêu cầu không đến từ cửa sổ của ứng dụng nên bị từ chối.');
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'unknown_method', message: 'Chức năng được yêu cầu không tồn tại.' } };
    }
    return handleRequest(workspace, handlers, SYSTEM_USER, method, input);
  });
}
