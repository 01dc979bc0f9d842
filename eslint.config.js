// Lint rules, including the layering of STYLE.md §1: a wrong import arrow fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'http', 'net', 'url', 'stream'];
const nativeAndServer = ['better-sqlite3', '@duckdb/*', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', 'electron', 'ws'];
const reactSide = ['react', 'react-dom', 'react-dom/*', '@xyflow/react', 'recharts', 'zustand', 'zustand/*', 'zundo'];

const restrict = (message, patterns) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'renderer/dist/**', 'test-results/**', 'playwright-report/**', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict('shared/ is pure TypeScript: no Node, DOM libraries, native modules or other layers', [
      ...nodeBuiltins, ...nativeAndServer, ...reactSide, '**/electron/**', '**/renderer/**',
    ]),
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/app/**'],
    rules: restrict('electron/ must not import React or the renderer; only electron/app imports electron', [
      ...reactSide, 'electron', '**/renderer/**',
    ]),
  },
  {
    files: ['electron/app/**/*.ts'],
    rules: restrict('electron/ must not import React or the renderer', [...reactSide, '**/renderer/**']),
  },
  {
    files: ['electron/ml/**/*.ts'],
    rules: restrict('ml/ is pure functions on typed arrays: no DuckDB, SQLite, engine, nodes or store', [
      ...reactSide, ...nativeAndServer, '**/data/**', '**/store/**', '**/engine/**', '**/nodes/**', '**/host/**', '**/api/**', '**/renderer/**',
    ]),
  },
  {
    files: ['electron/engine/**/*.ts'],
    rules: restrict('engine/ knows nothing about DuckDB, models, nodes or the store', [
      ...reactSide, ...nativeAndServer, '**/data/**', '**/ml/**', '**/store/**', '**/nodes/**', '**/host/**', '**/api/**', '**/renderer/**',
    ]),
  },
  {
    files: ['electron/store/**/*.ts', 'electron/data/**/*.ts'],
    rules: restrict('data/ and store/ sit below engine, nodes and api', [
      ...reactSide, 'electron', '**/nodes/**', '**/host/**', '**/api/**', '**/app/**', '**/renderer/**',
    ]),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict('the renderer talks to the main side only through the API contract in shared/', [
      ...nodeBuiltins, ...nativeAndServer, '**/electron/**',
    ]),
  },
);
