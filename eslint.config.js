// Lint fences the architecture: dependencies point one way, and business time and randomness
// enter the engine and the node types only through their injected ports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const infrastructure = ['better-sqlite3', 'pg', 'hono', '@hono/*', 'react', 'react-dom', '@xyflow/*', 'zustand'];

const injectedOnly = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Read time from the injected Clock.' },
  { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Use the injected Random.' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Read time from the injected Clock.' },
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
    },
  },
  {
    files: ['packages/nodes/src/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...infrastructure, '@switchyard/store-*'] }],
      'no-restricted-syntax': ['error', ...injectedOnly],
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
