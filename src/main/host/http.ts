/** The web host's answers: security headers on every response, JSON errors, small Vietnamese pages, the status of each error code. */
import type { ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import type { ApiErrorCode } from '../../shared/errors';


export const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
};

/** Only an unexpected failure is the host's fault (500); every other code is about the request. */
export const ERROR_STATUS: Record<ApiErrorCode, number> = {
  validation: 400,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  unknown_method: 404,
  file: 422,
  internal: 500,
};

export const JSON_TYPE = 'application/json; charset=utf-8';

export function send(response: ServerResponse, status: number, body: string | Buffer, contentType = 'text/plain; charset=utf-8', headers: Record<string, string> = {}) {
  response.writeHead(status, { 'Content-Type': contentType, ...SECURITY_HEADERS, ...headers });
  response.end(body);
}

export const jsonError = (message: string, code: ApiErrorCode = 'validation') => JSON.stringify({ ok: false, error: { code, message } });

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A short page for a person who opened an address in the browser (a refused token, a missing cookie). */
export function sendPage(response: ServerResponse, status: number, title: string, message: string) {
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family: sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5"><h1 style="font-size: 1.4rem">${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
  send(response, status, html, 'text/html; charset=utf-8');
}
