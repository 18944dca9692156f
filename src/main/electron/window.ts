/** The one application window: sandboxed, isolated, no Node in the page; shown once painted. */
import { BrowserWindow } from 'electron';
import type { RendererSource } from './policy';

export const APP_TITLE = 'Sổ theo dõi phong trào toàn dân bảo vệ ANTQ';

export function createMainWindow(source: RendererSource, preload: string): BrowserWindow {
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

  if (source.devServerUrl) void win.loadURL(source.devServerUrl);
  else void win.loadFile(source.file);
  return win;
}
