import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/artifacts/**', '.electron-native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.ts', 'src/main/cli.ts'],
    rules: { 'no-console': 'off' },
  },
  // Layers (in the spirit of VS Code's): each may import only what is below it. Paths are relative, so
  // the rules match the folder an import climbs into.
  {
    // One door into the main process: only ipc-main.ts touches ipcMain, so every channel gets its
    // sender check and argument schema (import it, name it, destructure it: all refused elsewhere).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main/electron/ipc-main.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...["ImportSpecifier[imported.name='ipcMain']", "MemberExpression[property.name='ipcMain']", "ObjectPattern > Property[key.name='ipcMain']"].map((selector) => ({
          selector,
          message: 'Register IPC channels through handle() in src/main/electron/ipc-main.ts, which checks the sender and the arguments.',
        })),
      ],
    },
  },
  {
    // The shared layer runs in every process: no Node, no DOM, no Electron.
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['node:*', 'electron', 'react', '../main/*', '../renderer/*'] }] },
  },
  {
    // The renderer is a web page: it reaches the main process only through the contract (api/client).
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3', 'kysely'],
          patterns: [{ group: ['node:*'], message: 'The renderer runs in a browser page: no Node modules.' }, { regex: '^(\\.\\./)+(main|preload)/', message: 'The renderer reaches the main process only through the contract (api/client.ts).' }],
        },
      ],
    },
  },
  {
    // The database layer knows tables and files, never what uses them.
    files: ['src/main/db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./(services|host|electron|import|api|cli[^/]*|workspace|demo|backup-scheduler|transfers|index)(/|$)', message: 'db/ never imports services, hosts, the CLI or what uses the database.' }] }],
    },
  },
  {
    // Services hold the app's rules, whichever host calls them.
    files: ['src/main/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['electron'], patterns: [{ regex: '^(\\.\\./)+(host|electron|api|cli[^/]*|index|backup-scheduler)(/|$)', message: 'Services never import a host, the CLI, Electron or the handler table.' }] },
      ],
    },
  },
  {
    // The Electron shell reaches the services only through the handler table (api.ts).
    files: ['src/main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./(services|host|cli[^/]*)(/|$)', message: 'The Electron glue reaches the services only through the handler table (../api).' }] }],
    },
  },
);
