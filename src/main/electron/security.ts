/**
 * Hardening for every web page Electron creates: no new windows, no navigation away from our
 * renderer, no webviews, no permissions, and a Content-Security-Policy header on every response.
 * Call `installSecurity` once the app is ready and before the first window is created.
 */
import { app, session, type WebContents } from 'electron';
import { log } from '../platform/log';
import { contentSecurityPolicy, isRendererUrl, type RendererSource } from './policy';

/** Only the scheme is logged: a URL may carry search text or other personal data. */
const schemeOf = (url: string) => url.split(':', 1)[0] ?? '';

function guardContents(contents: WebContents, source: RendererSource): void {
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('electron.window_open_denied', { scheme: schemeOf(url) });
    return { action: 'deny' };
  });
  const stayHome = (event: Electron.Event<{ url: string }>) => {
    if (isRendererUrl(event.url, source)) return;
    event.preventDefault();
    log.warn('electron.navigation_denied', { scheme: schemeOf(event.url) });
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function hardenDefaultSession(source: RendererSource): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn('electron.permission_denied', { permission });
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);

  const policy = contentSecurityPolicy(source.devServerUrl);
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } });
  });
}

export function installSecurity(source: RendererSource): void {
  hardenDefaultSession(source);
  app.on('web-contents-created', (_event, contents) => guardContents(contents, source));
}
