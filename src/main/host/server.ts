/**
 * The loopback web host: serves the built renderer and POST /api/<method> on 127.0.0.1 only.
 * A random token per run (exchanged once for an HttpOnly cookie), and Host/Origin checks, keep other
 * local programs and web pages from reaching the data.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { createHandlers, handleRequest } from '../api';
import { log } from '../platform/log';
import { stagingDir } from '../services/backup';
import { BrowserSessions } from './sessions';
import { MAX_UPLOAD_BYTES, Transfers, UploadTooLargeError } from './transfers';
import type { Workspace } from '../workspace';
import { AccessGate } from './access';
import { BodyTooLargeError, declaredTooLarge, readBody, refuseTooLarge } from './body';
import { ERROR_STATUS, JSON_TYPE, SECURITY_HEADERS, jsonError, send, sendPage } from './http';
import { requestPathSegments } from './request-path';


/** Largest accepted POST /api body. */
export const MAX_API_BODY_BYTES = 5 * 1024 * 1024;

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

const UPLOAD_TOO_LARGE = 'Tệp quá lớn để tải lên.';

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

/** "attachment" with the file name, plain ASCII for old clients and UTF-8 (RFC 6266) for the rest. */
function attachment(name: string): string {
  const ascii = name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'sao-luu';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const gate = new AccessGate(options.token ?? randomBytes(24).toString('base64url'));
  const transfers = new Transfers(stagingDir(options.workspace.dataDir));
  const handlers = createHandlers(options.workspace, { transfers });
  const sessions = new BrowserSessions();
  const maxUploadBytes = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  const rendererRoot = resolve(options.rendererDir);
  let allowedHosts: string[] = [];

  async function serveStatic(segments: string[], response: ServerResponse) {
    let file = resolve(rendererRoot, ...segments);
    // requestPathSegments already refused every way out; this is the last guard (a drive letter on Windows).
    if (file !== rendererRoot && !file.startsWith(rendererRoot + sep)) return send(response, 400, 'Bad Request');
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
      const body = await readBody(request, MAX_API_BODY_BYTES);
      input = body ? JSON.parse(body) : {};
    } catch (error) {
      if (error instanceof BodyTooLargeError) return refuseTooLarge(request, response, 'Yêu cầu quá lớn.');
      // Not JSON, or JSON nested too deeply for the parser (a RangeError): the request is at fault.
      return send(response, 400, jsonError('Yêu cầu không hợp lệ.'), JSON_TYPE);
    }
    const { id, session, setCookie } = sessions.of(request);
    const before = session.user;
    const result = await handleRequest(options.workspace, handlers, session, method, input);
    const status = result.ok ? 200 : ERROR_STATUS[result.error.code];
    const signedIn = session.user !== null && session.user.id !== before?.id;
    const cookie = signedIn ? sessions.renew(id, session) : setCookie;
    send(response, status, JSON.stringify(result), JSON_TYPE, cookie ? { 'Set-Cookie': cookie } : {});
  }

  /** POST /upload: the body (application/octet-stream) is a backup to inspect or restore; answers { uploadId, bytes }. */
  async function handleUpload(request: IncomingMessage, response: ServerResponse) {
    if (request.method !== 'POST') return send(response, 405, 'Method Not Allowed');
    if (!(request.headers['content-type'] ?? '').startsWith('application/octet-stream')) return send(response, 415, 'Unsupported Media Type');
    if (declaredTooLarge(request, maxUploadBytes)) return refuseTooLarge(request, response, UPLOAD_TOO_LARGE);
    let name: string;
    try {
      name = decodeURIComponent(String(request.headers['x-file-name'] ?? '')).slice(0, 255);
    } catch {
      name = '';
    }
    try {
      const result = await transfers.receiveUpload(request, name.replace(/[\\/]/g, '_'), maxUploadBytes);
      send(response, 200, JSON.stringify({ ok: true, result }), JSON_TYPE);
    } catch (error) {
      if (error instanceof UploadTooLargeError) return refuseTooLarge(request, response, UPLOAD_TOO_LARGE);
      log.error('web.upload_failed', error);
      if (!response.headersSent) send(response, 500, jsonError('Không nhận được tệp tải lên (kết nối bị ngắt hoặc ổ đĩa đầy).', 'internal'), JSON_TYPE);
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
      ...SECURITY_HEADERS,
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
      const segments = requestPathSegments(request.url ?? '');
      if (!segments) return send(response, 400, 'Bad Request: đường dẫn không hợp lệ.');
      const url = new URL(request.url ?? '/', `http://${host}`);
      const forScript = segments[0] === 'api' || segments[0] === 'upload';

      const givenToken = url.searchParams.get('token');
      if (givenToken !== null) {
        const exchange = gate.exchange(givenToken, request);
        if (exchange.kind === 'wrong') return sendPage(response, 403, 'Mã truy cập không đúng', 'Hãy mở đúng địa chỉ được in ra khi khởi động "npm run web".');
        if (exchange.kind === 'spent') {
          return sendPage(
            response,
            403,
            'Địa chỉ này đã được dùng',
            'Mỗi địa chỉ có mã truy cập chỉ mở được ứng dụng một lần. Hãy quay lại thẻ trình duyệt đang mở ứng dụng; nếu đã đóng thẻ đó, hãy tắt và chạy lại "npm run web" để nhận địa chỉ mới.',
          );
        }
        const cookie: Record<string, string> = exchange.kind === 'granted' ? { 'Set-Cookie': exchange.setCookie } : {};
        return send(response, 302, '', 'text/plain', { Location: '/', ...cookie });
      }
      if (!gate.admits(request)) {
        const message = 'Cần mở ứng dụng bằng địa chỉ (có ?token=…) được in ra khi khởi động "npm run web".';
        return forScript ? send(response, 403, jsonError(message, 'forbidden'), JSON_TYPE) : sendPage(response, 403, 'Cần mã truy cập', message);
      }
      if (url.pathname.startsWith('/api/')) return handleApi(url.pathname.slice('/api/'.length), request, response);
      const transfer = url.pathname === '/upload' || url.pathname.startsWith('/download/');
      // Files go to and from a signed-in officer only.
      if (transfer && !sessions.signedIn(request)) return send(response, 401, jsonError('Hãy đăng nhập để tiếp tục.', 'unauthorized'), JSON_TYPE);
      if (url.pathname === '/upload') return handleUpload(request, response);
      if (url.pathname.startsWith('/download/')) return handleDownload(url.pathname.slice('/download/'.length), request, response);
      if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'Method Not Allowed');
      return serveStatic(segments, response);
    })().catch((error) => {
      log.error('web.request_failed', error);
      if (!response.headersSent) send(response, 500, 'Internal error');
      else response.destroy();
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return {
    url: `http://127.0.0.1:${port}/?token=${gate.token}`,
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
