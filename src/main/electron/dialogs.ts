/**
 * Native file dialogs for backup, restore and export, each on its own IPC channel and served only to
 * our renderer's main frame (through ipc-main.ts, like the API channel). They return a path, or null
 * when cancelled or refused; the path then goes to 'backup.create' / 'backup.inspect' /
 * 'backup.restore' / 'exports.file' / 'imports.open' as { path }.
 */
import { app, dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import { basename, extname, join } from 'node:path';
import { z } from 'zod';
import { DIALOG_CHANNELS, suggestedFileName } from '../../shared/api';
import { handle } from './ipc-main';
import type { RendererSource } from './policy';

const noArguments = z.tuple([]);
const refused = () => null;

async function pick(window: BrowserWindow | null, options: OpenDialogOptions): Promise<string | null> {
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** Where to save an exported list: the suggested name (no folders) in Documents, its own extension kept. */
async function pickExportFile(window: BrowserWindow | null, suggested: string): Promise<string | null> {
  const name = basename(suggested) || 'danh-sach.xlsx';
  const given = extname(name).slice(1).toLowerCase();
  const extension = given === 'csv' || given === 'pdf' ? given : 'xlsx';
  const options = {
    title: 'Lưu danh sách',
    buttonLabel: 'Lưu',
    defaultPath: join(app.getPath('documents'), name),
    filters: [{ name: { csv: 'Tệp CSV', pdf: 'Tệp PDF', xlsx: 'Bảng tính Excel' }[extension], extensions: [extension] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[],
  };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return null;
  return extname(result.filePath) ? result.filePath : `${result.filePath}.${extension}`;
}

export function registerDialogs(source: RendererSource): void {
  const rules = { from: source, args: noArguments, refused };
  handle(DIALOG_CHANNELS.pickSaveFolder, rules, ({ window }) =>
    pick(window, {
      title: 'Chọn thư mục để lưu bản sao lưu',
      buttonLabel: 'Lưu vào thư mục này',
      properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
    }),
  );
  handle(DIALOG_CHANNELS.pickExportFile, { from: source, args: z.tuple([suggestedFileName]), refused }, ({ window }, suggested) => pickExportFile(window, suggested));
  handle(DIALOG_CHANNELS.pickImportFile, rules, ({ window }) =>
    pick(window, {
      title: 'Chọn tệp danh sách để nhập',
      buttonLabel: 'Chọn tệp này',
      properties: ['openFile'],
      filters: [
        { name: 'Bảng tính (Excel, OpenDocument, CSV)', extensions: ['xlsx', 'xls', 'ods', 'fods', 'csv'] },
        { name: 'Tất cả các tệp', extensions: ['*'] },
      ],
    }),
  );
  handle(DIALOG_CHANNELS.pickBackupFile, rules, ({ window }) =>
    pick(window, {
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
