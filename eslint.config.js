// Lint rules, including the layering of STYLE.md §1: a wrong import arrow fails `npm test`.
// Folders are layers (import-x/no-restricted-paths resolves each import to its file, so `shared/api` is
// never mistaken for `electron/api`); npm packages are classed by name (no-restricted-imports).
// test/unit/lint/layers.test.ts proves every zone below with a probe import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'http', 'net', 'url', 'stream'];
const nativeAndServer = ['better-sqlite3', '@duckdb/*', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', 'electron', 'ws'];
const reactSide = ['react', 'react-dom', 'react-dom/*', '@xyflow/react', 'recharts', 'zustand', 'zustand/*', 'zundo'];

const restrict = (message, patterns) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

const CLI = ['electron/cli', 'electron/cli.ts'];

/**
 * Each layer (target) and the folders it must not import (from), paths relative to this file. The arrows
 * point down and inward only — electron: app → host → api → engine → nodes → ml/data/store → shared, and
 * the CLI beside host, through api only; renderer: app → editor/panels → ui/state → api → shared.
 */
export const layerZones = [
  { target: 'shared', from: ['electron', 'renderer'], message: 'shared/ is pure TypeScript below both sides' },
  { target: 'electron', from: ['renderer'], message: 'the main side never imports the renderer' },
  { target: 'renderer', from: ['electron'], message: 'the renderer talks to the main side only through the API contract in shared/' },

  { target: 'electron/host', from: ['electron/app', ...CLI], message: 'host/ (transports) sits below app/ and beside the CLI' },
  { target: 'electron/api', from: ['electron/app', 'electron/host', ...CLI], message: 'api/ is transport-agnostic: no app, host or CLI' },
  {
    target: CLI,
    from: ['electron/app', 'electron/host', 'electron/engine', 'electron/nodes', 'electron/ml', 'electron/data', 'electron/store'],
    message: 'the CLI goes through api/ (and shared/), like every other host',
  },
  {
    target: 'electron/engine',
    from: ['electron/app', 'electron/host', 'electron/api', ...CLI, 'electron/nodes', 'electron/ml', 'electron/data', 'electron/store'],
    message: 'engine/ knows nothing about DuckDB, models, nodes or the store',
  },
  { target: 'electron/nodes', from: ['electron/app', 'electron/host', 'electron/api', ...CLI], message: 'nodes/ sit below api/, host/ and app/' },
  {
    target: 'electron/ml',
    from: ['electron/app', 'electron/host', 'electron/api', ...CLI, 'electron/engine', 'electron/nodes', 'electron/data', 'electron/store'],
    message: 'ml/ is pure functions on typed arrays: no DuckDB, SQLite, engine, nodes or store',
  },
  {
    target: 'electron/data',
    from: ['electron/app', 'electron/host', 'electron/api', ...CLI, 'electron/engine', 'electron/nodes', 'electron/ml', 'electron/store'],
    message: 'data/ sits below engine, nodes and api, beside ml/ and store/',
  },
  {
    target: 'electron/store',
    from: ['electron/app', 'electron/host', 'electron/api', ...CLI, 'electron/engine', 'electron/nodes', 'electron/ml', 'electron/data'],
    message: 'store/ sits below engine, nodes and api, beside ml/ and data/',
  },
  { target: 'electron/serve', from: ['electron/app', 'electron/host', ...CLI], message: 'serve/ (the scoring server) sits at the api level: no app, host or CLI' },
  {
    target: ['electron/engine', 'electron/nodes', 'electron/ml', 'electron/data', 'electron/store'],
    from: ['electron/serve'],
    message: 'serve/ sits at the api level: nothing below api/ imports it',
  },

  {
    target: 'renderer/api',
    from: ['renderer/app', 'renderer/editor', 'renderer/panels', 'renderer/state', 'renderer/ui', 'renderer/dev'],
    message: 'renderer/api is the bottom of the renderer: only shared/',
  },
  {
    target: 'renderer/ui',
    from: ['renderer/app', 'renderer/editor', 'renderer/panels', 'renderer/state', 'renderer/api', 'renderer/dev'],
    message: 'renderer/ui holds primitives: no stores, API or features',
  },
  {
    target: 'renderer/state',
    from: ['renderer/app', 'renderer/editor', 'renderer/panels', 'renderer/ui', 'renderer/dev'],
    message: 'stores sit below the components that read them',
  },
  { target: 'renderer/editor', from: ['renderer/app', 'renderer/panels', 'renderer/dev'], message: 'editor/ sits below app/, beside panels/' },
  { target: 'renderer/panels', from: ['renderer/app', 'renderer/editor', 'renderer/dev'], message: 'panels/ sit below app/, beside editor/' },
  { target: 'renderer/app', from: ['renderer/dev'], message: 'the dev harness is not part of the app' },
  { target: 'renderer/views', from: ['renderer/app', 'renderer/editor', 'renderer/dev'], message: 'views/ sit below app/, beside editor/ and panels/' },
];

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
    files: ['shared/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      // NodeNext: './x.js' names './x.ts' (or .tsx); only relative imports matter for the zones.
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'], extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: layerZones }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict('shared/ is pure TypeScript: no Node, DOM libraries or native modules', [...nodeBuiltins, ...nativeAndServer, ...reactSide]),
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/app/**'],
    rules: restrict('electron/ must not import React; only electron/app imports electron', [...reactSide, 'electron']),
  },
  {
    files: ['electron/app/**/*.ts'],
    rules: restrict('electron/ must not import React', reactSide),
  },
  {
    files: ['electron/ml/**/*.ts', 'electron/engine/**/*.ts'],
    rules: restrict('ml/ and engine/ use no native modules, servers or React', [...reactSide, ...nativeAndServer]),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict('the renderer uses no Node APIs or native modules', [...nodeBuiltins, ...nativeAndServer]),
  },
);
