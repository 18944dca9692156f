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
);
