import type { Bridge } from '../../shared/api';

declare global {
  interface Window {
    /** The preload's bridge; present in Electron, absent in a browser (the client falls back to HTTP). */
    api?: Bridge;
  }
}

export {};
