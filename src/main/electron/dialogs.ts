/**
 * Native file dialogs for backup, restore and export, each on its own IPC channel and served only to
 * our renderer's main frame (like the API channel). They return a path, or null when cancelled; the
 * path then goes to 'backup.create' / 'backup.inspect' / 'backup.restore' / 'exports.file' / 'imports.open' as { path }.
 */
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type OpenDialogOptions } from 'electron';
import { basename, extname, join } from 'node:path';
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

/** Where to save an exported list: the suggested name (no folders) in Documents, its own extension kept. */
async function pickExportFile(event: IpcMainInvokeEvent, source: RendererSource, suggested: unknown): Promise<string | null> {
  if (!fromOurRenderer(event, source)) {
    log.warn('ipc.sender_refused');
    return null;
  }
  const name = basename(typeof suggested === 'string' ? suggested : '') || 'danh-sach.xlsx';
  const extension = extname(name).slice(1).toLowerCase() === 'csv' ? 'csv' : 'xlsx';
  const window = BrowserWindow.fromWebContents(event.sender);
  const options = {
    title: 'Lưu danh sách',
    buttonLabel: 'Lưu',
    defaultPath: join(app.getPath('documents'), name),
    filters: [{ name: extension === 'csv' ? 'Tệp CSV' : 'Bảng tính Excel', extensions: [extension] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[],
  };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return null;
  return extname(result.filePath) ? result.filePath : `${result.filePath}.${extension}`;
}

export function registerDialogs(source: RendererSource): void {
  ipcMain.handle(DIALOG_CHANNELS.pickSaveFolder, (event) =>
    pick(event, source, {
      title: 'Chọn thư mục để lưu bản sao lưu',
      buttonLabel: 'Lưu vào thư mục này',
      properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
    }),
  );
  ipcMain.handle(DIALOG_CHANNELS.pickExportFile, (event, suggested: unknown) => pickExportFile(event, source, suggested));
  ipcMain.handle(DIALOG_CHANNELS.pickImportFile, (event) =>
    pick(event, source, {
      title: 'Chọn tệp danh sách để nhập',
      buttonLabel: 'Chọn tệp này',
      properties: ['openFile'],
      filters: [
        { name: 'Bảng tính (Excel, OpenDocument, CSV)', extensions: ['xlsx', 'xls', 'ods', 'fods', 'csv'] },
        { name: 'Tất cả các tệp', extensions: ['*'] },
      ],
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
