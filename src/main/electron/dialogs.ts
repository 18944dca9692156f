/**
 * Native file dialogs for backup and restore, each on its own IPC channel and served only to our
 * renderer's main frame (like the API channel). They return a path, or null when cancelled; the path
 * then goes to 'backup.create' / 'backup.inspect' / 'backup.restore' as { path }.
 */
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type OpenDialogOptions } from 'electron';
import { DIALOG_CHANNELS } from '../../shared/api';
import { log } from '../log';
import { fromOurRenderer } from './ipc';
import type { RendererSource } from './policy';

async function pick(event: IpcMainInvokeEvent, source: RendererSource, options: OpenDialogOptions): Promise<string | null> {
  if (!fromOurRenderer(event, source)) {
    log.warn('ipc.sender_refused');
    return null;
  }
  const window = BrowserWindow.fromWebContents(event.sender);
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

export function registerDialogs(source: RendererSource): void {
  ipcMain.handle(DIALOG_CHANNELS.pickSaveFolder, (event) =>
    pick(event, source, {
      title: 'Chọn thư mục để lưu bản sao lưu',
      buttonLabel: 'Lưu vào thư mục này',
      properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
    }),
  );
  ipcMain.handle(DIALOG_CHANNELS.pickBackupFile, (event) =>
    pick(event, source, {
      title: 'Chọn bản sao lưu để khôi phục',
      buttonLabel: 'Chọn tệp này',
      properties: ['openFile'],
      filters: [
        { name: 'Bản sao lưu', extensions: ['sqlite', 'antqbak'] },
        { name: 'Tất cả các tệp', extensions: ['*'] },
      ],
    }),
  );
}
