/**
 * The names window.api exposes, in one list: the preload's bridge object must define exactly these
 * (the compiler checks it), and the Electron spec checks the page sees exactly these. It imports types
 * only, so it pulls nothing into the sandboxed preload or the spec.
 */
import type { Bridge } from '../shared/api';

// `satisfies` refuses a missing or an extra name: the list is the contract's Bridge, no more, no less.
const listed = {
  invoke: true,
  pickSaveFolder: true,
  pickBackupFile: true,
  pickExportFile: true,
  pickImportFile: true,
  printPage: true,
  savePdf: true,
} as const satisfies Record<keyof Bridge, true>;

export type BridgeMethod = keyof typeof listed;

export const BRIDGE_METHODS = Object.keys(listed) as BridgeMethod[];
