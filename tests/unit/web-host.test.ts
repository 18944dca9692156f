/**
 * The loopback web host over real sockets: Host and Origin checks, the one-time token, malformed and
 * traversing paths, body ceilings, the HTTP status of every error code, and the bounds on UI state.
 * node:http is used rather than fetch, which forbids setting Host and hides the raw path.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { MAX_API_BODY_BYTES, startWebHost, type WebHost } from '../../src/main/host/server';
import { ERROR_STATUS } from '../../src/main/host/http';
import { stagingDir } from '../../src/main/services/backup';
import { methods } from '../../src/shared/api';
import { API_ERROR_CODES } from '../../src/shared/errors';
import { UI_STATE_MAX_BYTES, UI_STATE_MAX_DEPTH } from '../../src/shared/ui-state';
import { openTestApp, tempDir, VIEWER, type TestApp } from './helpers';

const SECRET = 'nội dung bí mật ngoài thư mục renderer';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Call {
  method?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Send the headers (and `body`, if any) but never end the request: the answer must come anyway. */
  leaveOpen?: boolean;
  /** Chunked transfer: no Content-Length. */
  chunked?: boolean;
}

function call(host: WebHost, path: string, options: Call = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { host: `127.0.0.1:${host.port}`, ...options.headers };
    if (options.body !== undefined && !options.chunked && headers['content-length'] === undefined) headers['content-length'] = Buffer.byteLength(options.body);
    const request = httpRequest({ host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers, agent: false });
    let answered = false;
    request.on('response', (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    // Once answered, the host may close the connection under a body still being sent: that is the point.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (options.body !== undefined) request.write(options.body);
    if (options.leaveOpen) request.flushHeaders();
    else request.end();
  });
}

interface Fixture {
  app: TestApp;
  host: WebHost;
  token: string;
  cookie: string;
  rendererDir: string;
}

async function startHost(maxUploadBytes?: number): Promise<Fixture> {
  const app = await openTestApp();
  const outside = tempDir();
  const rendererDir = join(outside, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ứng dụng</title>');
  writeFileSync(join(rendererDir, 'assets', 'tệp.js'), 'console.log("tệp")');
  writeFileSync(join(outside, 'secret.txt'), SECRET);
  const host = await startWebHost({ workspace: app.workspace, rendererDir, maxUploadBytes });
  onTestFinishedClose(host);
  const token = new URL(host.url).searchParams.get('token')!;
  const login = await call(host, `/?token=${token}`);
  const gateCookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
  // An officer's account, signed in: the user session's cookie beside the gate's.
  await app.call('users.add', { username: 'quantri.thu', displayName: 'Quản trị thử', role: 'admin', password: TEST_PASSWORD, mustChangePassword: false });
  const signIn = await call(host, '/api/auth.signIn', { method: 'POST', headers: { cookie: gateCookie, 'content-type': 'application/json' }, body: JSON.stringify({ username: 'quantri.thu', password: TEST_PASSWORD }) });
  const cookie = `${gateCookie}; ${String(signIn.headers['set-cookie']?.[0] ?? '').split(';')[0]}`;
  return { app, host, token, cookie, rendererDir };
}

const TEST_PASSWORD = 'mat-khau-thu-10';

function onTestFinishedClose(host: WebHost) {
  onTestFinished(() => host.close());
}

const stagedUploads = (f: Fixture) => (existsSync(stagingDir(f.app.dir)) ? readdirSync(stagingDir(f.app.dir)).filter((name) => name.startsWith('tai-len')) : []);

const api = (f: Fixture, method: string, input: unknown, headers: Record<string, string> = {}) =>
  call(f.host, `/api/${method}`, { method: 'POST', headers: { cookie: f.cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify(input) });

describe('web host: who may connect', () => {
  it('answers 421 to a Host that is not this loopback address and port (DNS rebinding)', async () => {
    const f = await startHost();
    for (const host of ['evil.example', `evil.example:${f.host.port}`, '127.0.0.1', `127.0.0.1:${f.host.port + 1}`, `[::1]:${f.host.port}`]) {
      expect((await call(f.host, '/', { headers: { host, cookie: f.cookie } })).status, host).toBe(421);
    }
    expect((await call(f.host, '/', { headers: { host: `localhost:${f.host.port}`, cookie: f.cookie } })).status).toBe(200);
    expect((await call(f.host, '/', { headers: { cookie: f.cookie } })).status).toBe(200);
  });

  it('answers 403 to a foreign Origin, even with the cookie', async () => {
    const f = await startHost();
    for (const origin of ['http://evil.example', `http://127.0.0.1:${f.host.port + 1}`, `https://127.0.0.1:${f.host.port}`, 'null']) {
      const reply = await api(f, 'app.info', {}, { origin });
      expect(reply.status, origin).toBe(403);
      expect(reply.body).not.toContain('dataFile');
    }
    const own = await api(f, 'app.info', {}, { origin: `http://127.0.0.1:${f.host.port}` });
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body)).toMatchObject({ ok: true, result: { dataFile: f.app.workspace.file } });
  });

  it('exchanges the token once for an HttpOnly cookie; a second use is refused, a wrong or missing one too', async () => {
    const app = await openTestApp();
    const rendererDir = tempDir();
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ứng dụng</title>');
    const host = await startWebHost({ workspace: app.workspace, rendererDir });
    onTestFinishedClose(host);
    const token = new URL(host.url).searchParams.get('token')!;

    const missing = await call(host, '/');
    expect(missing.status).toBe(403);
    expect(missing.headers['content-type']).toContain('text/html');
    expect(missing.body).toContain('Cần mã truy cập');
    const missingApi = await call(host, '/api/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(missingApi.status).toBe(403);
    expect(JSON.parse(missingApi.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Change the last character to another one: a random token may itself end in the replacement.
    const wrongToken = token.slice(0, -1) + (token.endsWith('x') ? 'y' : 'x');
    const wrong = await call(host, `/?token=${wrongToken}`);
    expect(wrong.status).toBe(403);
    expect(wrong.body).toContain('Mã truy cập không đúng');

    const login = await call(host, `/?token=${token}`);
    expect(login.status).toBe(302);
    expect(login.headers.location).toBe('/');
    const setCookie = String(login.headers['set-cookie']?.[0]);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(token); // the cookie's secret is not the URL's
    const cookie = setCookie.split(';')[0]!;

    const again = await call(host, `/?token=${token}`);
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.body).toContain('Địa chỉ này đã được dùng');
    expect(again.body).toContain('chạy lại');
    // The URL's token is no cookie either.
    expect((await call(host, '/api/app.info', { method: 'POST', headers: { cookie: `antq_session=${token}`, 'content-type': 'application/json' }, body: '{}' })).status).toBe(403);

    // Through the gate: the API answers, and asks for sign-in before anything but the auth methods.
    const works = await call(host, '/api/auth.status', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(works.status).toBe(200);
    expect((await call(host, '/api/app.info', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await call(host, '/', { headers: { cookie } })).body).toContain('ứng dụng');
    // The browser that holds the cookie opening the printed address again simply goes back to the app.
    const sameBrowser = await call(host, `/?token=${token}`, { headers: { cookie } });
    expect(sameBrowser.status).toBe(302);
    expect(sameBrowser.headers['set-cookie']).toBeUndefined();
  });
});

describe('web host: paths', () => {
  it('serves the renderer, and answers 400 to malformed or traversing paths without leaving the folder', async () => {
    const f = await startHost();
    const asset = await call(f.host, `/assets/${encodeURIComponent('tệp.js')}`, { headers: { cookie: f.cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('text/javascript');
    expect(asset.body).toBe('console.log("tệp")');
    expect((await call(f.host, '/mo-hinh/chi-tiet', { headers: { cookie: f.cookie } })).body).toContain('ứng dụng'); // routed inside the page

    const malformed = [
      '/%E0%A4%A',
      '/assets/%E0%A4%A.js',
      '/%',
      '/%00',
      '/index.html%00.js',
      '/assets/%0a',
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/.%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%5c..%5csecret.txt',
      '/..\\secret.txt',
      '/./index.html',
      '//secret.txt',
      '/assets//tệp.js'.replace('tệp', encodeURIComponent('tệp')),
      '/assets/%2fetc%2fpasswd',
    ];
    for (const path of malformed) {
      const reply = await call(f.host, path, { headers: { cookie: f.cookie } });
      expect(reply.status, path).toBe(400);
      expect(reply.body, path).not.toContain(SECRET);
    }
    // Malformed is malformed before any token is asked for, and under /api too: never a 500.
    expect((await call(f.host, '/%E0%A4%A')).status).toBe(400);
    expect((await call(f.host, '/api/%E0%A4%A', { method: 'POST', headers: { cookie: f.cookie, 'content-type': 'application/json' }, body: '{}' })).status).toBe(400);
  });
});

describe('web host: body ceilings', () => {
  it('refuses an /api body over 5 MB with 413, declared or chunked, and reads one under it', async () => {
    const f = await startHost();
    const headers = { cookie: f.cookie, 'content-type': 'application/json' };
    const declared = await call(f.host, '/api/app.info', { method: 'POST', headers: { ...headers, 'content-length': MAX_API_BODY_BYTES + 1 }, leaveOpen: true });
    expect(declared.status).toBe(413);
    expect(declared.headers.connection).toBe('close');
    // Chunked: the host stops at the ceiling and answers without waiting for the end of the body.
    const chunked = await call(f.host, '/api/app.info', { method: 'POST', headers, chunked: true, body: Buffer.alloc(MAX_API_BODY_BYTES + 1, 0x20), leaveOpen: true });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body)).toMatchObject({ ok: false, error: { message: 'Yêu cầu quá lớn.' } });

    const under = await api(f, 'app.info', { padding: 'x'.repeat(MAX_API_BODY_BYTES - 100) });
    expect(under.status).toBe(200); // read, parsed, and the unknown key dropped by the schema
  });

  it('answers 413 to an upload declared over the ceiling before reading any of it (3 GiB declared, nothing sent)', async () => {
    const f = await startHost();
    const reply = await call(f.host, '/upload', {
      method: 'POST',
      headers: { cookie: f.cookie, 'content-type': 'application/octet-stream', 'content-length': 3 * 1024 ** 3 },
      leaveOpen: true,
    });
    expect(reply.status).toBe(413);
    expect(reply.headers.connection).toBe('close');
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { message: 'Tệp quá lớn để tải lên.' } });
    expect(stagedUploads(f)).toEqual([]);
  });

  it('cuts a chunked upload off at the ceiling, keeps nothing, and still takes one under it', async () => {
    const f = await startHost(1024 * 1024);
    const headers = { cookie: f.cookie, 'content-type': 'application/octet-stream' };
    const over = await call(f.host, '/upload', { method: 'POST', headers, chunked: true, body: Buffer.alloc(1024 * 1024 + 1), leaveOpen: true });
    expect(over.status).toBe(413);
    expect(stagedUploads(f)).toEqual([]);

    const under = await call(f.host, '/upload', { method: 'POST', headers, chunked: true, body: Buffer.alloc(1024 * 1024) });
    expect(under.status).toBe(200);
    expect(JSON.parse(under.body)).toMatchObject({ ok: true, result: { bytes: 1024 * 1024 } });
  });
});

describe('web host: sign-in', () => {
  it('answers 401 before sign-in, sets an HttpOnly SameSite=Strict cookie renewed at sign-in, and 401 again after sign-out', async () => {
    const f = await startHost();
    const gate = f.cookie.split('; ')[0] as string;
    const anonymous = await call(f.host, '/api/models.list', { method: 'POST', headers: { cookie: gate, 'content-type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);
    const before = String(anonymous.headers['set-cookie']?.[0] ?? '');
    expect(before).toMatch(/^antq_user=[\w-]{20,}; HttpOnly; SameSite=Strict; Path=\/$/);
    const beforeCookie = `${gate}; ${before.split(';')[0]}`;
    // Files go to and from a signed-in officer only.
    expect((await call(f.host, '/upload', { method: 'POST', headers: { cookie: beforeCookie, 'content-type': 'application/octet-stream' }, body: Buffer.from('x') })).status).toBe(401);
    const status = await call(f.host, '/api/auth.status', { method: 'POST', headers: { cookie: beforeCookie, 'content-type': 'application/json' }, body: '{}' });
    expect(JSON.parse(status.body)).toMatchObject({ ok: true, result: { user: null, setupNeeded: false } });
    const signIn = await call(f.host, '/api/auth.signIn', { method: 'POST', headers: { cookie: beforeCookie, 'content-type': 'application/json' }, body: JSON.stringify({ username: 'quantri.thu', password: TEST_PASSWORD }) });
    const after = String(signIn.headers['set-cookie']?.[0] ?? '');
    expect(after).toMatch(/^antq_user=[\w-]{20,}; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(after.split(';')[0]).not.toBe(before.split(';')[0]);
    // The value seen before sign-in opens nothing; the new one does.
    expect((await call(f.host, '/api/models.list', { method: 'POST', headers: { cookie: beforeCookie, 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    const signedIn = `${gate}; ${after.split(';')[0]}`;
    expect((await call(f.host, '/api/models.list', { method: 'POST', headers: { cookie: signedIn, 'content-type': 'application/json' }, body: '{}' })).status).toBe(200);
    await call(f.host, '/api/auth.signOut', { method: 'POST', headers: { cookie: signedIn, 'content-type': 'application/json' }, body: '{}' });
    expect((await call(f.host, '/api/models.list', { method: 'POST', headers: { cookie: signedIn, 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
  });
});

describe('web host: error codes', () => {
  it('maps every error code to a 4xx status, except internal (500)', () => {
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...API_ERROR_CODES].sort());
    for (const code of API_ERROR_CODES) {
      const status = ERROR_STATUS[code];
      if (code === 'internal') expect(status).toBe(500);
      else expect(status >= 400 && status < 500, `${code}: ${status}`).toBe(true);
    }
  });

  it('answers each reachable code with its status over HTTP', async () => {
    const f = await startHost();
    const cases: Array<[string, unknown, string]> = [
      ['models.get', { id: 'không phải id' }, 'validation'],
      ['models.get', { id: crypto.randomUUID() }, 'not_found'],
      ['khong.ton.tai', {}, 'unknown_method'],
      ['backup.create', { target: { path: tempDir() } }, 'file'], // a path typed into a browser
    ];
    for (const [method, input, code] of cases) {
      const reply = await api(f, method, input);
      expect(JSON.parse(reply.body), method).toMatchObject({ ok: false, error: { code } });
      expect(reply.status, method).toBe(ERROR_STATUS[code as keyof typeof ERROR_STATUS]);
    }
    expect(ERROR_STATUS.file).toBe(422);
  });
});

describe('ui.setState bounds', () => {
  const nested = (depth: number): unknown => {
    let value: unknown = 'lá';
    for (let i = 0; i < depth; i += 1) value = [value];
    return value;
  };
  /** A grid's column state, as AG Grid gives it (the renderer saves it as is). */
  const columnState = Array.from({ length: 40 }, (_, i) => ({ colId: `cot_${i}`, width: 120 + i, hide: i % 3 === 0, pinned: i === 0 ? 'left' : null, sort: i === 1 ? 'desc' : null, sortIndex: i === 1 ? 0 : null, flex: null }));

  it('is a write: a viewer cannot store state', async () => {
    expect(methods['ui.setState'].access).toBe('write');
    const app = await openTestApp();
    const refused = await app.request('ui.setState', { key: 'grid', value: [] }, VIEWER);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('takes a grid column state, and refuses too deep or too large with 400, leaving the stored state as it was', async () => {
    const f = await startHost();
    expect((await api(f, 'ui.setState', { key: 'grid:models', value: columnState })).status).toBe(200);
    expect((await api(f, 'ui.setState', { key: 'grid:deepest', value: nested(UI_STATE_MAX_DEPTH) })).status).toBe(200);
    const stored = async () => JSON.parse((await api(f, 'ui.getState', { key: 'grid:models' })).body) as { result: { value: unknown } };
    expect((await stored()).result.value).toEqual(columnState);

    // 100.000 nested arrays, as raw JSON: neither the parser nor the schema may answer 500.
    const deepJson = `{"key":"grid:models","value":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const deep = await call(f.host, '/api/ui.setState', { method: 'POST', headers: { cookie: f.cookie, 'content-type': 'application/json' }, body: deepJson });
    expect(deep.status).toBe(400);
    expect(JSON.parse(deep.body)).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('lồng nhau quá sâu') } });
    const oneTooDeep = await api(f, 'ui.setState', { key: 'grid:models', value: nested(UI_STATE_MAX_DEPTH + 1) });
    expect(oneTooDeep.status).toBe(400);
    const large = await api(f, 'ui.setState', { key: 'grid:models', value: 'x'.repeat(UI_STATE_MAX_BYTES) });
    expect(large.status).toBe(400);
    expect(JSON.parse(large.body)).toMatchObject({ error: { code: 'validation', message: expect.stringContaining('quá lớn') } });
    expect((await stored()).result.value).toEqual(columnState);
  });

  it('refuses 100.000 nested arrays given as a value (the IPC path, no JSON text) as invalid, not internal', async () => {
    const app = await openTestApp();
    const response = await app.request('ui.setState', { key: 'grid', value: nested(100_000) });
    expect(response).toMatchObject({ ok: false, error: { code: 'validation' } });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await app.request('ui.setState', { key: 'grid', value: cyclic })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await app.call('ui.getState', { key: 'grid' })).toEqual({ value: null });
  });
});
