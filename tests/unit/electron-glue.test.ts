/**
 * The Electron glue (src/main/index.ts and src/main/electron/*) loaded on Node with a stand-in `electron`
 * module: the real entry runs against a real database in a temp folder, and the test reads what it
 * handed to Electron (window options, session handlers, IPC handlers) and calls those handlers the way
 * Electron would, from our renderer's frame and from foreign ones.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy, isRendererUrl, type RendererSource } from '../../src/main/electron/policy';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/content-security-policy';
import { DIALOG_CHANNELS, IPC_CHANNEL, PRINT_CHANNELS, type ApiResponse } from '../../src/shared/api';

type Handler = (...args: unknown[]) => unknown;

const fake = await vi.hoisted(async () => {
  // This block runs before the imports above, so it imports what it needs itself.
  const { EventEmitter: Emitter } = await import('node:events');
  const { join } = await import('node:path');

  class FakeWebContents extends Emitter {
    windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = handler;
    }
    print = vi.fn();
    printToPDF = vi.fn(async () => Buffer.from('%PDF-1.7 test'));
    executeJavaScript = vi.fn(async (_script: string) => undefined);
  }

  // Vitest clears vi.fn() calls before each test, so what the entry does at start-up is kept in plain lists.
  const startup: { name: string; args: unknown[] }[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      void startup.push({ name, args });

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends Emitter {
    webContents = new FakeWebContents();
    loadFile = async (...args: unknown[]) => record('loadFile')(...args);
    loadURL = async (...args: unknown[]) => record('loadURL')(...args);
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isDestroyed = () => false;
    isMinimized = () => false;
    constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
      super();
      windows.push(this);
      // Electron announces every new webContents on the app, which is where the security guard attaches.
      app.emit('web-contents-created', {}, this.webContents);
    }
    static getAllWindows = () => [...windows];
    static fromWebContents = (contents: unknown) => windows.find((window) => window.webContents === contents) ?? null;
  }

  const app = Object.assign(new Emitter(), {
    appRoot: '',
    isPackaged: false,
    whenReady: async () => undefined,
    getAppPath: () => app.appRoot,
    getPath: (name: string) => join(app.appRoot, name),
    getVersion: () => '0.0.0-test',
    setPath: record('setPath'),
    enableSandbox: record('enableSandbox'),
    requestSingleInstanceLock: () => true,
    quit: record('quit'),
    exit: record('exit'),
  });

  const handles = new Map<string, Handler>();
  const ipcMain = { handle: vi.fn((channel: string, handler: Handler) => void handles.set(channel, handler)) };

  const sessionHandlers: {
    permissionRequest?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
    permissionCheck?: (...args: unknown[]) => boolean;
    devicePermission?: (...args: unknown[]) => boolean;
    headersReceived?: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void;
  } = {};
  const session = {
    defaultSession: {
      setPermissionRequestHandler: (handler: typeof sessionHandlers.permissionRequest) => void (sessionHandlers.permissionRequest = handler),
      setPermissionCheckHandler: (handler: typeof sessionHandlers.permissionCheck) => void (sessionHandlers.permissionCheck = handler),
      setDevicePermissionHandler: (handler: typeof sessionHandlers.devicePermission) => void (sessionHandlers.devicePermission = handler),
      webRequest: { onHeadersReceived: (handler: typeof sessionHandlers.headersReceived) => void (sessionHandlers.headersReceived = handler) },
    },
  };

  const dialog = {
    showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/chosen/file.antqbak'] })),
    showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
    showMessageBox: vi.fn(async () => ({ response: 0 })),
    showErrorBox: vi.fn(),
  };
  const Menu = { buildFromTemplate: (template: unknown[]) => ({ template }), setApplicationMenu: record('setApplicationMenu') };
  const shell = { openExternal: vi.fn() };
  const powerMonitor = new Emitter();
  // The OS key store: a stand-in that turns the text around (what matters is that only sealed text is stored).
  const safeStorage = {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: vi.fn((plain: string) => Buffer.from(`sealed:${[...plain].reverse().join('')}`)),
    decryptString: (sealed: Buffer) => [...sealed.toString().replace(/^sealed:/, '')].reverse().join(''),
  };

  return { startup, app, BrowserWindow: FakeBrowserWindow, windows, ipcMain, handles, session, sessionHandlers, dialog, Menu, shell, powerMonitor, safeStorage };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.BrowserWindow,
  ipcMain: fake.ipcMain,
  session: fake.session,
  dialog: fake.dialog,
  Menu: fake.Menu,
  shell: fake.shell,
  powerMonitor: fake.powerMonitor,
  safeStorage: fake.safeStorage,
}));

const appRoot = mkdtempSync(join(tmpdir(), 'antq-electron-glue-'));
const dataDir = join(appRoot, 'data');
const rendererFile = join(appRoot, 'out', 'renderer', 'index.html');
const rendererUrl = `${pathToFileURL(rendererFile).href}#/subjects`;

/** The arguments of each start-up call named `name`, in order. */
const startedWith = (name: string) => fake.startup.filter((call) => call.name === name).map((call) => call.args);

const mainWindow = () => {
  const window = fake.windows[0];
  if (!window) throw new Error('the entry created no window');
  return window;
};

/** An IPC event as Electron builds it: the sending webContents and the frame the call came from. */
function ipcEvent(frame: { url: string; parent: unknown } | null, sender: unknown = mainWindow().webContents) {
  return { sender, senderFrame: frame };
}

function invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
  const handler = fake.handles.get(channel);
  if (!handler) throw new Error(`no IPC handler for ${channel}`);
  return Promise.resolve(handler(event, ...args));
}

/** What the glue did to the outside world: dialogs shown, pages printed. */
const effectMocks = () => ({
  showOpenDialog: fake.dialog.showOpenDialog,
  showSaveDialog: fake.dialog.showSaveDialog,
  print: mainWindow().webContents.print,
  printToPDF: mainWindow().webContents.printToPDF,
});
const effects = () => Object.entries(effectMocks()).flatMap(([name, mock]) => (mock.mock.calls.length > 0 ? [name] : []));
const clearEffects = () => Object.values(effectMocks()).forEach((mock) => mock.mockClear());

const forbidden = { ok: false, error: { code: 'forbidden', message: 'Yêu cầu không đến từ cửa sổ của ứng dụng nên bị từ chối.' } };
const unknownMethod = { ok: false, error: { code: 'unknown_method', message: 'Chức năng được yêu cầu không tồn tại.' } };
const tooLong = 'x'.repeat(1001);

/**
 * Every IPC channel: a call the preload makes, calls it never makes, the answer to a refused call (what
 * the page already takes as "no"), and what a served call answers and does.
 */
const channelCases: Record<string, { valid: unknown[]; invalid: unknown[][]; refused: unknown; invalidAnswer?: unknown; served: { answer: unknown; effects: string[] } }> = {
  [IPC_CHANNEL]: {
    valid: ['app.info', {}],
    invalid: [[42, {}], [], [null], ['app.info', {}, 'more']],
    refused: forbidden,
    invalidAnswer: unknownMethod,
    served: { answer: expect.objectContaining({ ok: true }), effects: [] },
  },
  [DIALOG_CHANNELS.pickSaveFolder]: { valid: [], invalid: [['/tmp']], refused: null, served: { answer: '/chosen/file.antqbak', effects: ['showOpenDialog'] } },
  [DIALOG_CHANNELS.pickBackupFile]: { valid: [], invalid: [['/tmp']], refused: null, served: { answer: '/chosen/file.antqbak', effects: ['showOpenDialog'] } },
  [DIALOG_CHANNELS.pickImportFile]: { valid: [], invalid: [['/tmp']], refused: null, served: { answer: '/chosen/file.antqbak', effects: ['showOpenDialog'] } },
  [DIALOG_CHANNELS.pickExportFile]: { valid: ['danh-sach.xlsx'], invalid: [[], [42], [{}], [tooLong], ['a.xlsx', 'b']], refused: null, served: { answer: null, effects: ['showSaveDialog'] } },
  [PRINT_CHANNELS.printPage]: { valid: [], invalid: [['ban-in']], refused: false, served: { answer: false, effects: ['print'] } },
  [PRINT_CHANNELS.savePdf]: { valid: ['ban-in'], invalid: [[], [42], [tooLong]], refused: null, served: { answer: null, effects: ['showSaveDialog'] } },
};

/** A will-navigate / will-redirect event; `prevented` says whether a listener refused it. */
function navigation(url: string) {
  const event = { url, defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
  return event;
}

const ownFrame = { url: rendererUrl, parent: null };
const foreignFrames: [string, { url: string; parent: unknown } | null][] = [
  ['another origin', { url: 'https://example.com/', parent: null }],
  ['another local file', { url: pathToFileURL(join(appRoot, 'out', 'renderer', 'other.html')).href, parent: null }],
  ['a file on another host', { url: `file://evil-host${pathToFileURL(rendererFile).pathname}`, parent: null }],
  ['an iframe inside our page', { url: rendererUrl, parent: { url: rendererUrl } }],
  ['a destroyed frame', null],
];

const savedArgv = process.argv;

beforeAll(async () => {
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  vi.stubEnv('ANTQ_SQLITE_BINDING', '');
  fake.app.appRoot = appRoot;
  // The entry reads its flags from process.argv at import, as it does under Electron.
  process.argv = [process.execPath, appRoot, '--data-dir', dataDir];
  try {
    await import('../../src/main/index');
  } finally {
    process.argv = savedArgv;
  }
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 20_000 });
}, 30_000);

afterAll(async () => {
  // Quitting stops the backup scheduler and closes the database (and its instance lock) before the app quits.
  const quit = { defaultPrevented: false, preventDefault: () => void (quit.defaultPrevented = true) };
  fake.app.emit('will-quit', quit);
  await vi.waitFor(() => expect(startedWith('quit')).toHaveLength(1), { timeout: 20_000 });
  vi.unstubAllEnvs();
  rmSync(appRoot, { recursive: true, force: true });
});

describe('the Electron entry', () => {
  it('turns the sandbox on for every renderer and keeps its data in --data-dir', () => {
    expect(startedWith('enableSandbox')).toEqual([[]]);
    expect(startedWith('setPath')).toEqual([['userData', dataDir]]);
    expect(startedWith('exit')).toEqual([]);
    expect(startedWith('quit')).toEqual([]);
  });

  it('opens one window: isolated, sandboxed, no Node, web security on, our preload, our built page', () => {
    const { webPreferences } = mainWindow().options;
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      preload: join(appRoot, 'out', 'preload', 'index.cjs'),
    });
    expect(webPreferences?.webSecurity).not.toBe(false);
    expect(webPreferences).not.toHaveProperty('allowRunningInsecureContent', true);
    expect(startedWith('loadFile')).toEqual([[rendererFile]]);
    expect(startedWith('loadURL')).toEqual([]);
  });

  it('installs the Vietnamese menu', () => {
    const menu = startedWith('setApplicationMenu')[0]?.[0] as { template: { label?: string }[] } | undefined;
    expect(menu?.template.map((item) => item.label).filter(Boolean)).toEqual(['Tệp', 'Chỉnh sửa', 'Xem', 'Trợ giúp']);
  });

  it('brings the window back when a second instance starts', () => {
    fake.app.emit('second-instance');
    expect(mainWindow().show).toHaveBeenCalled();
    expect(mainWindow().focus).toHaveBeenCalled();
    expect(startedWith('loadFile')).toEqual([[rendererFile]]);
  });

  it('opens the restore of a backup file opened from the file manager while the app runs, in the same page', () => {
    const folder = join(appRoot, 'USB');
    fake.app.emit('second-instance', {}, ['/opt/so-theo-doi/so-theo-doi', 'sao lưu&1.antqbak'], folder);
    expect(fake.windows).toHaveLength(1);
    // The page moves by its address (no reload: an unsaved form or a running job stays), to the file taken from the second instance's folder.
    const script = mainWindow().webContents.executeJavaScript.mock.calls.at(-1)?.[0] ?? "";
    const hash = JSON.parse(/^window\.location\.hash = (".*")$/.exec(script)?.[1] ?? 'null') as string;
    expect(new URLSearchParams(hash.split('?')[1]).get('file')).toBe(join(folder, 'sao lưu&1.antqbak'));
    expect(hash.startsWith('#/backup?')).toBe(true);
    expect(startedWith('loadFile')).toEqual([[rendererFile]]);
  });
});

describe('the session policy', () => {
  it('sets the app Content-Security-Policy on every response, replacing any the response brought', () => {
    const headersReceived = fake.sessionHandlers.headersReceived;
    expect(headersReceived).toBeDefined();
    let response: { responseHeaders: Record<string, string[]> } | undefined;
    headersReceived?.({ responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"], 'Content-Type': ['text/html'] } }, (result) => (response = result));
    expect(response?.responseHeaders).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });

    headersReceived?.({}, (result) => (response = result));
    expect(response?.responseHeaders).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('refuses every permission request, permission check and device permission', () => {
    const callback = vi.fn();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) fake.sessionHandlers.permissionRequest?.(mainWindow().webContents, permission, callback);
    expect(callback.mock.calls).toEqual([[false], [false], [false], [false]]);
    expect(fake.sessionHandlers.permissionCheck?.(mainWindow().webContents, 'media', rendererUrl, {})).toBe(false);
    expect(fake.sessionHandlers.devicePermission?.({ deviceType: 'usb', origin: 'file://' })).toBe(false);
  });
});

describe('the window guard', () => {
  it('denies every new window, whatever its URL', () => {
    const open = mainWindow().webContents.windowOpenHandler;
    expect(open).toBeDefined();
    expect(open?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(open?.({ url: rendererUrl })).toEqual({ action: 'deny' });
  });

  it('refuses navigation and redirects away from our page, and lets our own page (any route) load', () => {
    for (const name of ['will-navigate', 'will-redirect']) {
      for (const url of ['https://example.com/', 'file:///etc/passwd', pathToFileURL(join(appRoot, 'out', 'renderer', 'other.html')).href, 'javascript:alert(1)']) {
        const event = navigation(url);
        mainWindow().webContents.emit(name, event);
        expect(event.defaultPrevented, `${name} ${url}`).toBe(true);
      }
      const home = navigation(rendererUrl);
      mainWindow().webContents.emit(name, home);
      expect(home.defaultPrevented, `${name} to our page`).toBe(false);
    }
  });

  it('refuses webviews and guards every webContents the app creates, not only the window', () => {
    const webview = navigation('about:blank');
    mainWindow().webContents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);

    const other = new EventEmitter() as EventEmitter & { setWindowOpenHandler: (handler: unknown) => void; handler?: unknown };
    other.setWindowOpenHandler = (handler) => void (other.handler = handler);
    fake.app.emit('web-contents-created', {}, other);
    const away = navigation('https://example.com/');
    other.emit('will-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    expect(other.handler).toBeDefined();
  });
});

describe('IPC', () => {
  it('registers the API channel and every bridge channel', () => {
    expect([...fake.handles.keys()].sort()).toEqual([IPC_CHANNEL, ...Object.values(DIALOG_CHANNELS), ...Object.values(PRINT_CHANNELS)].sort());
  });

  it('serves our page: nothing but sign-in before the first run, then app.info from the real database in --data-dir', async () => {
    expect(await invoke(IPC_CHANNEL, ipcEvent(ownFrame), 'app.info', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    // The first run's administrator: the window's session (in the main process) is signed in from then on.
    const setup = { unitName: 'Công an phường Bình Tiên', username: 'quantri.thu', displayName: 'Quản trị thử', password: 'mật khẩu thử đủ dài', backupPassword: 'sao lưu 2026' };
    expect(await invoke(IPC_CHANNEL, ipcEvent(ownFrame), 'auth.setup', setup)).toMatchObject({ ok: true, result: { user: { username: 'quantri.thu' } } });
    // The backup password offered at the first run is sealed by the OS key store before it is stored.
    expect(fake.safeStorage.encryptString).toHaveBeenCalledWith('sao lưu 2026');
    expect(await invoke(IPC_CHANNEL, ipcEvent(ownFrame), 'backup.status', {})).toMatchObject({ ok: true, result: { hasAutomaticPassword: true, passwordKeeping: 'sealed', settings: { encryptAutomatic: true } } });
    const response = (await invoke(IPC_CHANNEL, ipcEvent(ownFrame), 'app.info', {})) as ApiResponse;
    expect(response).toMatchObject({ ok: true, result: { mode: 'real', dataFile: join(dataDir, 'so-theo-doi.sqlite') } });
    // The OS locking the screen locks the app; the same password opens it again.
    fake.powerMonitor.emit('lock-screen');
    expect(await invoke(IPC_CHANNEL, ipcEvent(ownFrame), 'app.info', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await invoke(IPC_CHANNEL, ipcEvent(ownFrame), 'auth.status', {})).toMatchObject({ ok: true, result: { locked: true, user: { username: 'quantri.thu' } } });
    expect(await invoke(IPC_CHANNEL, ipcEvent(ownFrame), 'auth.unlock', { password: setup.password })).toMatchObject({ ok: true, result: { locked: false } });
    expect(await invoke(IPC_CHANNEL, ipcEvent(ownFrame), 'app.info', {})).toMatchObject({ ok: true });
  });

  it('answers a malformed method name with unknown_method, not a crash', async () => {
    expect(await invoke(IPC_CHANNEL, ipcEvent(ownFrame), 42, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('has a case below for every registered channel', () => {
    expect(Object.keys(channelCases).sort()).toEqual([...fake.handles.keys()].sort());
  });

  it.each(foreignFrames)('refuses every channel from %s, before anything runs', async (_name, frame) => {
    for (const [channel, { valid, refused }] of Object.entries(channelCases)) {
      clearEffects();
      expect(await invoke(channel, ipcEvent(frame), ...valid), channel).toEqual(refused);
      expect(effects(), channel).toEqual([]);
    }
  });

  it('refuses every channel called with arguments it does not take, before anything runs', async () => {
    for (const [channel, { invalid, refused, invalidAnswer = refused }] of Object.entries(channelCases)) {
      for (const args of invalid) {
        clearEffects();
        expect(await invoke(channel, ipcEvent(ownFrame), ...args), `${channel} ${JSON.stringify(args)}`).toEqual(invalidAnswer);
        expect(effects(), channel).toEqual([]);
      }
    }
  });

  it('serves every channel to our page when the arguments are right', async () => {
    mainWindow().webContents.print.mockImplementationOnce((_options: unknown, done: (success: boolean) => void) => done(false));
    for (const [channel, { valid, served }] of Object.entries(channelCases)) {
      clearEffects();
      const answer = await invoke(channel, ipcEvent(ownFrame), ...valid);
      expect({ answer, effects: effects() }, channel).toEqual(served);
    }
  });

  it('opens the dialogs for our page, parented to its window', async () => {
    fake.dialog.showOpenDialog.mockClear();
    expect(await invoke(DIALOG_CHANNELS.pickBackupFile, ipcEvent(ownFrame))).toBe('/chosen/file.antqbak');
    expect(fake.dialog.showOpenDialog).toHaveBeenCalledWith(mainWindow(), expect.objectContaining({ properties: ['openFile'] }));
  });

  it('refuses printing from a sender that is not the window, even with our page in its frame (dialogs open unparented)', async () => {
    const stranger = new EventEmitter();
    clearEffects();
    expect(await invoke(PRINT_CHANNELS.printPage, ipcEvent(ownFrame, stranger))).toBe(false);
    expect(await invoke(PRINT_CHANNELS.savePdf, ipcEvent(ownFrame, stranger), 'ban-in')).toBeNull();
    expect(effects()).toEqual([]);
    expect(await invoke(DIALOG_CHANNELS.pickImportFile, ipcEvent(ownFrame, stranger))).toBe('/chosen/file.antqbak');
    expect(fake.dialog.showOpenDialog).toHaveBeenCalledWith(expect.objectContaining({ properties: ['openFile'] }));
  });

  it("prints our own window's page, A4 with no margins", async () => {
    mainWindow().webContents.print.mockImplementationOnce((_options: unknown, done: (success: boolean) => void) => done(true));
    expect(await invoke(PRINT_CHANNELS.printPage, ipcEvent(ownFrame))).toBe(true);
    expect(mainWindow().webContents.print).toHaveBeenCalledWith(expect.objectContaining({ pageSize: 'A4', margins: { marginType: 'none' } }), expect.any(Function));
  });
});

describe('policy.ts', () => {
  const built: RendererSource = { file: rendererFile };
  const dev: RendererSource = { file: rendererFile, devServerUrl: 'http://localhost:5173/' };

  it('recognises our built page with any route or query, and nothing else', () => {
    expect(isRendererUrl(pathToFileURL(rendererFile).href, built)).toBe(true);
    expect(isRendererUrl(`${pathToFileURL(rendererFile).href}?x=1#/models/abc`, built)).toBe(true);
    for (const url of [
      pathToFileURL(join(appRoot, 'out', 'renderer', 'index.htm')).href,
      pathToFileURL(join(appRoot, 'out', 'index.html')).href,
      `file://evil-host${pathToFileURL(rendererFile).pathname}`,
      `http://localhost${pathToFileURL(rendererFile).pathname}`,
      'http://localhost:5173/',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isRendererUrl(url, built), url).toBe(false);
    }
  });

  it('in dev, recognises the dev server origin only', () => {
    expect(isRendererUrl('http://localhost:5173/#/subjects', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isRendererUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isRendererUrl(pathToFileURL(rendererFile).href, dev)).toBe(false);
  });

  it('keeps the web host policy for the built app and loosens only script-src and connect-src for the dev server', () => {
    expect(contentSecurityPolicy()).toBe(CONTENT_SECURITY_POLICY);
    const directives = (policy: string) => new Map(policy.split(';').map((directive) => directive.trim()).filter(Boolean).map((directive) => [directive.split(/\s+/)[0], directive]));
    const base = directives(CONTENT_SECURITY_POLICY);
    const loosened = directives(contentSecurityPolicy('http://localhost:5173/'));
    expect(loosened.get('script-src')).toBe(`${base.get('script-src')} http://localhost:5173 'unsafe-inline'`);
    expect(loosened.get('connect-src')).toBe(`${base.get('connect-src')} http://localhost:5173 ws://localhost:5173`);
    for (const [name, directive] of base) if (name !== 'script-src' && name !== 'connect-src') expect(loosened.get(name), name).toBe(directive);
    expect(contentSecurityPolicy('https://dev.local:8443/')).toContain('connect-src');
    expect(directives(contentSecurityPolicy('https://dev.local:8443/')).get('connect-src')).toContain('wss://dev.local:8443');
  });
});
