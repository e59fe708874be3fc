// Lint fences the architecture: dependencies point one way, the server reaches storage only
// through its ports, and business time and randomness enter the engine and the node types only
// through their injected ports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const infrastructure = ['better-sqlite3', 'pg', 'hono', '@hono/*', 'react', 'react-dom', '@xyflow/*', 'zustand'];

const injectedOnly = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Read time from the injected Clock.' },
  { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Use the injected Random.' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Read time from the injected Clock.' },
  { selector: "CallExpression[callee.object.name='AbortSignal'][callee.property.name='timeout']", message: 'Take deadlines from the injected Clock (clock.deadline, ctx.deadline).' },
];

// Waiting and the network are effects too: they reach the engine and the node types through ports.
const injectedGlobals = [
  ...['setTimeout', 'setInterval', 'setImmediate'].map((name) => ({ name, message: 'Wait through the injected Clock (setTimer, afterIo).' })),
  { name: 'fetch', message: 'Call out through the HTTP client of @switchyard/nodes, which guards destinations and records attempts.' },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/coverage/**', '**/test-results/**', '**/playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Modules that import each other, even for types only, cannot be understood or changed alone.
    files: ['packages/*/src/**/*.ts', 'apps/*/src/**/*.ts', 'apps/*/src/**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: { ...importX.flatConfigs.typescript.settings, 'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true })] },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['packages/schema/src/**', 'packages/expressions/src/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...infrastructure, 'node:*', '@switchyard/engine', '@switchyard/nodes', 'undici'] }] },
  },
  {
    files: ['packages/engine/src/**'],
    ignores: ['**/*.test.ts', 'packages/engine/src/runtime/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...infrastructure, 'undici', '@switchyard/nodes', '@switchyard/store-*'] }],
      'no-restricted-syntax': ['error', ...injectedOnly],
      'no-restricted-globals': ['error', ...injectedGlobals],
    },
  },
  {
    files: ['packages/nodes/src/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...infrastructure, '@switchyard/store-*'] }],
      'no-restricted-syntax': ['error', ...injectedOnly],
      'no-restricted-globals': ['error', ...injectedGlobals],
    },
  },
  {
    // The sql node type is the one place in nodes that speaks to databases: its drivers, nothing else of infrastructure.
    files: ['packages/nodes/src/sql/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...infrastructure.filter((p) => p !== 'pg' && p !== 'better-sqlite3'), '@switchyard/store-*'] }],
    },
  },
  {
    // The server is typed by its own storage ports (apps/server/src/ports/); only the composition
    // roots, which open the store, may name an adapter, so a second one replaces one file each.
    files: ['apps/server/src/**'],
    ignores: ['**/*.test.ts', 'apps/server/src/start.ts', 'apps/server/src/commands.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['@switchyard/store-*'], message: 'Type server code by its ports (apps/server/src/ports/); only start.ts and commands.ts open a store adapter.' }],
          // Real time, randomness and run ids are injected by the composition roots too.
          paths: [{ name: '@switchyard/engine', importNames: ['newRunId', 'systemClock', 'systemRandom'], message: 'Use the injected clock and engine.newRunId(); only start.ts and commands.ts create them.' }],
        },
      ],
    },
  },
  {
    // The browser gets node types from the catalog and the definitions only: the root entry of
    // @switchyard/nodes loads the executors and undici, and the engine and server are not for it.
    files: ['apps/web/src/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@switchyard/nodes', message: 'Import @switchyard/nodes/catalog or @switchyard/nodes/definitions: the root entry loads executors.' }],
          patterns: ['node:*', 'undici', 'better-sqlite3', 'hono', '@hono/*', '@switchyard/engine', '@switchyard/server', '@switchyard/store-*'],
        },
      ],
    },
  },
  {
    files: ['packages/store-sqlite/src/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['hono', '@hono/*', 'react', '@switchyard/nodes'] }] },
  },
);
