/** The one application window: sandboxed, isolated, no Node in the page; shown once painted. */
import { BrowserWindow } from 'electron';
import type { RendererSource } from './policy';

export const APP_TITLE = 'Sổ theo dõi phong trào toàn dân bảo vệ ANTQ';

/**
 * Moves the open page to `hash` ("/backup?file=…") as a link inside it would: the same document, so no
 * unsaved form or running job is lost, and the page's own guards apply.
 */
export function goToPage(win: BrowserWindow, hash: string): void {
  win.webContents.executeJavaScript(`window.location.hash = ${JSON.stringify(`#${hash}`)}`).catch(() => undefined);
}

export function createMainWindow(source: RendererSource, preload: string, hash?: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    title: APP_TITLE,
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  // The window keeps the application's name whatever the page's <title> says.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());

  if (source.devServerUrl) void win.loadURL(hash ? `${source.devServerUrl}#${hash}` : source.devServerUrl);
  else void (hash ? win.loadFile(source.file, { hash }) : win.loadFile(source.file));
  return win;
}
