/**
 * The page's only door to the main process: window.api.invoke(method, input), plus the native dialogs
 * for backup, restore, export and import, and printing (system print dialog, save as PDF). Sandboxed preloads can
 * require nothing but a few Electron modules, so this file imports types only from the contract.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { Bridge, DIALOG_CHANNELS, IPC_CHANNEL, PRINT_CHANNELS } from '../shared/api';
import type { BridgeMethod } from './surface';

// Spelled out rather than imported: importing src/shared/api.ts would pull zod into the sandbox.
// The type annotations make the compiler check they are the same strings as the contract's.
const CHANNEL: typeof IPC_CHANNEL = 'api:invoke';
const PICK_SAVE_FOLDER: (typeof DIALOG_CHANNELS)['pickSaveFolder'] = 'dialog:pickSaveFolder';
const PICK_BACKUP_FILE: (typeof DIALOG_CHANNELS)['pickBackupFile'] = 'dialog:pickBackupFile';
const PICK_EXPORT_FILE: (typeof DIALOG_CHANNELS)['pickExportFile'] = 'dialog:pickExportFile';
const PICK_IMPORT_FILE: (typeof DIALOG_CHANNELS)['pickImportFile'] = 'dialog:pickImportFile';
const PRINT_PAGE: (typeof PRINT_CHANNELS)['printPage'] = 'print:page';
const SAVE_PDF: (typeof PRINT_CHANNELS)['savePdf'] = 'print:savePdf';

// Exactly the listed names, each defined: an extra or a missing function does not compile.
const bridge: Required<Pick<Bridge, BridgeMethod>> = {
  invoke: (method, input) => ipcRenderer.invoke(CHANNEL, method, input),
  pickSaveFolder: () => ipcRenderer.invoke(PICK_SAVE_FOLDER),
  pickBackupFile: () => ipcRenderer.invoke(PICK_BACKUP_FILE),
  pickExportFile: (suggestedName) => ipcRenderer.invoke(PICK_EXPORT_FILE, suggestedName),
  pickImportFile: () => ipcRenderer.invoke(PICK_IMPORT_FILE),
  printPage: () => ipcRenderer.invoke(PRINT_PAGE),
  savePdf: (suggestedName) => ipcRenderer.invoke(SAVE_PDF, suggestedName),
};

contextBridge.exposeInMainWorld('api', bridge);
