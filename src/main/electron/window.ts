/** The one application window: sandboxed, isolated, no Node in the page; shown once painted. */
import { BrowserWindow } from 'electron';
import type { RendererSource } from './policy';

export const APP_TITLE = 'Sổ theo dõi phong trào toàn dân bảo vệ ANTQ';

/** Loads the app's page, at `hash` when given ("/backup?file=…"). */
export function showPage(win: BrowserWindow, source: RendererSource, hash?: string): void {
  if (source.devServerUrl) void win.loadURL(hash ? `${source.devServerUrl}#${hash}` : source.devServerUrl);
  else void (hash ? win.loadFile(source.file, { hash }) : win.loadFile(source.file));
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

  showPage(win, source, hash);
  return win;
}
