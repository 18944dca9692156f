import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      // db-worker: the worker thread's entry (worker-thread.ts loads out/main/db-worker.js beside index.js).
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts'), 'db-worker': resolve(__dirname, 'src/main/platform/db-worker.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload must be CommonJS.
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [
      react(),
      {
        // The dev server injects an inline script for React refresh; the built app keeps the strict CSP.
        name: 'drop-csp-meta-in-dev',
        apply: 'serve',
        transformIndexHtml: (html: string) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/s, ''),
      },
    ],
    build: {
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
      chunkSizeWarningLimit: 4000,
    },
  },
});
