/**
 * The loopback web host: serves the built renderer and POST /api/<method> on 127.0.0.1 only.
 * A random token per run (exchanged once for an HttpOnly cookie), and Host/Origin checks, keep other
 * local programs and web pages from reaching the data.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createHandlers, handleRequest } from '../api';
import { SYSTEM_USER } from '../db/system-user';
import { log } from '../log';
import { stagingDir } from '../services/backup';
import { MAX_UPLOAD_BYTES, Transfers, UploadTooLargeError } from '../transfers';
import type { Workspace } from '../workspace';

const COOKIE = 'antq_token';
const MAX_BODY_BYTES = 5 * 1024 * 1024;
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

const ERROR_STATUS: Record<string, number> = { validation: 400, not_found: 404, conflict: 409, forbidden: 403, unknown_method: 404, internal: 500 };

export interface WebHostOptions {
  workspace: Workspace;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Largest accepted POST /upload body (default MAX_UPLOAD_BYTES). */
  maxUploadBytes?: number;
}

export interface WebHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(request: IncomingMessage): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return undefined;
}

function send(response: ServerResponse, status: number, body: string | Buffer, contentType = 'text/plain; charset=utf-8', headers: Record<string, string> = {}) {
  response.writeHead(status, {
    'Content-Type': contentType,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    ...headers,
  });
  response.end(body);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** "attachment" with the file name, plain ASCII for old clients and UTF-8 (RFC 6266) for the rest. */
function attachment(name: string): string {
  const ascii = name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'sao-luu';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const jsonError = (message: string) => JSON.stringify({ ok: false, error: { code: 'validation', message } });

/**
 * Reads and drops the rest of a refused upload, so the browser receives the 413 answer instead of a
 * connection closed while it was still sending (nothing is stored).
 */
function discard(request: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    if (request.readableEnded) return resolve();
    request.once('end', resolve);
    request.once('error', () => resolve());
    request.once('close', resolve);
    request.resume();
  });
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const transfers = new Transfers(stagingDir(options.workspace.dataDir));
  const handlers = createHandlers(options.workspace, { transfers });
  const maxUploadBytes = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  const rendererRoot = resolve(options.rendererDir);
  let allowedHosts: string[] = [];

  async function serveStatic(pathname: string, response: ServerResponse) {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = resolve(join(rendererRoot, relative));
    if (file !== rendererRoot && !file.startsWith(rendererRoot + sep)) return send(response, 403, 'Forbidden');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) file = join(rendererRoot, 'index.html'); // the app routes inside the page
    const content = await readFile(file).catch(() => null);
    if (!content) return send(response, 500, 'Ứng dụng chưa được build: hãy chạy "npm run build".');
    send(response, 200, content, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
  }

  async function handleApi(method: string, request: IncomingMessage, response: ServerResponse) {
    if (request.method !== 'POST') return send(response, 405, 'Method Not Allowed');
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return send(response, 415, 'Unsupported Media Type');
    let input: unknown;
    try {
      const body = await readBody(request);
      input = body ? JSON.parse(body) : {};
    } catch {
      return send(response, 400, JSON.stringify({ ok: false, error: { code: 'validation', message: 'Yêu cầu không hợp lệ.' } }), 'application/json');
    }
    const result = await handleRequest(options.workspace, handlers, SYSTEM_USER, method, input);
    const status = result.ok ? 200 : (ERROR_STATUS[result.error.code] ?? 500);
    send(response, status, JSON.stringify(result), 'application/json; charset=utf-8');
  }

  /** POST /upload: the body (application/octet-stream) is a backup to inspect or restore; answers { uploadId, bytes }. */
  async function handleUpload(request: IncomingMessage, response: ServerResponse) {
    if (request.method !== 'POST') return send(response, 405, 'Method Not Allowed');
    if (!(request.headers['content-type'] ?? '').startsWith('application/octet-stream')) return send(response, 415, 'Unsupported Media Type');
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxUploadBytes) {
      await discard(request);
      response.setHeader('Connection', 'close');
      return send(response, 413, jsonError('Tệp quá lớn để tải lên.'), 'application/json; charset=utf-8');
    }
    let name: string;
    try {
      name = decodeURIComponent(String(request.headers['x-file-name'] ?? '')).slice(0, 255);
    } catch {
      name = '';
    }
    try {
      const result = await transfers.receiveUpload(request, name.replace(/[\\/]/g, '_'), maxUploadBytes);
      send(response, 200, JSON.stringify({ ok: true, result }), 'application/json; charset=utf-8');
    } catch (error) {
      if (error instanceof UploadTooLargeError) {
        await discard(request);
        response.setHeader('Connection', 'close');
        return send(response, 413, jsonError('Tệp quá lớn để tải lên.'), 'application/json; charset=utf-8');
      }
      log.error('web.upload_failed', error);
      if (!response.headersSent) send(response, 500, jsonError('Không nhận được tệp tải lên (kết nối bị ngắt hoặc ổ đĩa đầy).'), 'application/json; charset=utf-8');
    }
  }

  /** GET /download/<token>: a backup or an exported file made for the browser, once; the file is deleted when sent. */
  async function handleDownload(downloadToken: string, request: IncomingMessage, response: ServerResponse) {
    if (request.method !== 'GET') return send(response, 405, 'Method Not Allowed');
    const download = transfers.takeDownload(downloadToken);
    const info = download ? await stat(download.file).catch(() => null) : null;
    if (!download || !info) return send(response, 404, 'Liên kết tải xuống không còn hiệu lực (mỗi tệp chỉ tải được một lần). Hãy làm lại thao tác để tải tệp mới.');
    response.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(info.size),
      'Content-Disposition': attachment(download.name),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    });
    const stream = createReadStream(download.file);
    const cleanUp = () => rmSync(download.file, { force: true });
    stream.on('error', (error) => {
      log.error('web.download_failed', error);
      response.destroy();
      cleanUp();
    });
    response.on('close', cleanUp);
    stream.pipe(response);
  }

  const server = createServer((request, response) => {
    void (async () => {
      const host = request.headers.host ?? '';
      if (!allowedHosts.includes(host)) return send(response, 421, 'Misdirected Request');
      const origin = request.headers.origin;
      if (origin && !allowedHosts.some((allowed) => origin === `http://${allowed}`)) return send(response, 403, 'Forbidden origin');
      const url = new URL(request.url ?? '/', `http://${host}`);

      const givenToken = url.searchParams.get('token');
      if (givenToken !== null) {
        if (!sameSecret(givenToken, token)) return send(response, 403, 'Mã truy cập không đúng. Hãy mở địa chỉ được in ra khi khởi động.');
        return send(response, 302, '', 'text/plain', {
          Location: '/',
          'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        });
      }
      if (!sameSecret(cookieToken(request), token)) {
        return send(response, 403, 'Cần mã truy cập: hãy mở địa chỉ (có ?token=…) được in ra khi khởi động "npm run web".');
      }
      if (url.pathname.startsWith('/api/')) return handleApi(url.pathname.slice('/api/'.length), request, response);
      if (url.pathname === '/upload') return handleUpload(request, response);
      if (url.pathname.startsWith('/download/')) return handleDownload(url.pathname.slice('/download/'.length), request, response);
      if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'Method Not Allowed');
      return serveStatic(url.pathname, response);
    })().catch((error) => {
      log.error('web.request_failed', error);
      if (!response.headersSent) send(response, 500, 'Internal error');
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => {
          transfers.close();
          resolveClose();
        });
      }),
  };
}
