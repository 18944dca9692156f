/**
 * The typed API client: window.api (Electron preload) when present, else POST /api/<method> to the
 * loopback web host. Errors arrive as ApiError with the Vietnamese message and the fields at fault.
 */
import type { ApiInput, ApiResponse, ApiResult, Method } from '../../../shared/api';
import { ApiError, INTERNAL_ERROR_MESSAGE } from '../../../shared/errors';
import { noteSaved } from './versions';

async function overHttp(method: string, input: unknown): Promise<ApiResponse> {
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, error: { code: 'internal', message: 'Mất kết nối tới máy chủ cục bộ của ứng dụng. Hãy kiểm tra cửa sổ "npm run web" còn chạy.' } };
  }
  try {
    return (await response.json()) as ApiResponse;
  } catch {
    return { ok: false, error: { code: 'internal', message: response.status === 403 ? 'Phiên làm việc đã hết hạn: hãy mở lại địa chỉ có mã truy cập.' : INTERNAL_ERROR_MESSAGE } };
  }
}

/** Told when a call finds the session signed out (a disabled account, a restart of the web host): the sign-in screen comes back. */
export const SIGNED_OUT_EVENT = 'antq:signed-out';
/** Told when a call finds the session locked (idle, or the OS lock): the lock screen comes, quietly. */
export const LOCKED_EVENT = 'antq:locked';

export async function call<M extends Method>(method: M, input: ApiInput<M>): Promise<ApiResult<M>> {
  const response = window.api ? await window.api.invoke(method, input) : await overHttp(method, input);
  if (!response.ok) {
    if (response.error.code === 'unauthorized' && !method.startsWith('auth.')) window.dispatchEvent(new Event(response.error.reason === 'locked' ? LOCKED_EVENT : SIGNED_OUT_EVENT));
    throw ApiError.fromBody(response.error);
  }
  noteSaved(method, response.result);
  return response.result as ApiResult<M>;
}
