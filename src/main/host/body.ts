/**
 * Request bodies with a ceiling. A body declared larger than the ceiling is refused before a byte of it
 * is read; one without a declared length (chunked) is read up to the ceiling and no further. Either way
 * the answer is 413 and the connection is closed without reading the rest (it may be gigabytes).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { JSON_TYPE, jsonError, send } from './http';

export class BodyTooLargeError extends Error {}

export function declaredTooLarge(request: IncomingMessage, maxBytes: number): boolean {
  return Number(request.headers['content-length'] ?? 0) > maxBytes;
}

/** The body as text, or BodyTooLargeError once it passes `maxBytes` (the rest is left unread). */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  if (declaredTooLarge(request, maxBytes)) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  // Stopping early must not destroy the request: the 413 still has to be written on its socket.
  for await (const chunk of request.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Answers 413 and closes the connection without reading what is left of the body. The socket is
 * destroyed once the answer is handed to the system, so nothing more is read (Node would otherwise
 * drain the body to keep the connection).
 */
export function refuseTooLarge(request: IncomingMessage, response: ServerResponse, message: string) {
  response.once('finish', () => request.socket.destroy());
  send(response, 413, jsonError(message), JSON_TYPE, { Connection: 'close' });
}
