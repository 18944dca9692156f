/**
 * The page's only door to the main process: window.api.invoke(method, input). Sandboxed preloads
 * can require nothing but a few Electron modules, so this file imports types only from the contract.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { Bridge, IPC_CHANNEL } from '../shared/api';

// Spelled out rather than imported: importing src/shared/api.ts would pull zod into the sandbox.
// The type annotation makes the compiler check it is the same string as the contract's.
const CHANNEL: typeof IPC_CHANNEL = 'api:invoke';

const bridge: Bridge = {
  invoke: (method, input) => ipcRenderer.invoke(CHANNEL, method, input),
};

contextBridge.exposeInMainWorld('api', bridge);
