// Bundles the headless CLI (electron/cli.ts), the worker-thread entry and every worker task module with esbuild
// into one flat folder of ES modules (native and optional heavy packages left external), so `plumb` starts without
// compiling TypeScript at run time. bin/cli-bundle.mjs decides when to (re)build (`npm run build:cli` forces it).
//
// Modules that are loaded by URL at run time rather than imported — `new URL('./train-task.ts', import.meta.url)`
// handed to `taskModule(...)`, the worker entry — are found by scanning the sources, bundled as entry points of
// their own and the URL literals rewritten to the bundled file beside the chunk. Any other `import.meta.url`,
// `import.meta.dirname` or `import.meta.filename` keeps pointing at the source file it was written in.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Folders whose files the bundle is made from (also what the freshness stamp covers). */
export const SOURCE_DIRS = ['electron', 'shared'];

/** The bundle entry whose `catalogSnapshot()` gives what `plumb nodes [--json]` prints (see cli-bundle.mjs). */
export const CATALOG_SNAPSHOT_ENTRY = 'cli-catalog-snapshot';

/** Loaded from node_modules at run time: native addons, and packages that find their own files on disk. */
export const EXTERNAL = [
  'better-sqlite3',
  '@duckdb/*',
  '@tensorflow/*',
  'onnxruntime-node',
  'onnxruntime-node/*',
  'electron',
  'tsx',
  'tsx/*',
  'esbuild',
];

/**
 * External CommonJS packages the sources `import`: the bundle `require()`s them instead. Node's ESM loader would
 * otherwise lex every file of a package to find its named exports (about half of DuckDB's load time).
 */
const REQUIRE_INSTEAD_OF_IMPORT = ['@duckdb/node-api', '@duckdb/node-bindings', 'better-sqlite3'];

/**
 * zod's `z` namespace carries every translation of its error messages (`z.locales`, about half of zod's code),
 * so bundling `import { z } from 'zod'` keeps them all. Nothing here switches zod away from English, its default:
 * the bundle keeps English only, and any other locale throws naming itself.
 */
const zodEnglishOnly = {
  name: 'plumb-zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: resolve(dirname(args.importer), args.path), namespace: 'plumb-zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'plumb-zod-locales' }, (args) => {
      const names = [...readFileSync(args.path, 'utf8').matchAll(/export \{ default as (\w+) \}/g)].map((m) => m[1]);
      if (!names.includes('en')) throw new Error(`${args.path}: no English locale to keep (zod changed its layout)`);
      const others = names.filter((n) => n !== 'en').map((n) => `export const ${n} = () => { throw new Error('zod locale ${n} is not in the CLI bundle'); };`);
      return { contents: [`export { default as en } from './en.js';`, ...others].join('\n'), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

const MODULE_URL = /new URL\(\s*(['"])(\.{1,2}\/[^'"]+\.(?:[cm]?ts|[cm]?js))\1\s*,\s*import\.meta\.url\s*\)/g;
const TASK_MODULE_CALL = /\btaskModule\s*(?:<[^()]*?>)?\s*\(/g;

function listSourceFiles(root) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(?:[cm]?ts|[cm]?js)$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) files.push(path);
    }
  };
  for (const dir of SOURCE_DIRS) walk(join(root, dir));
  return files;
}

/** `electron/nodes/model/train-task.ts` → `nodes-model-train-task` (the bundled file's name, unique per path). */
function entryName(root, file) {
  return relative(root, file)
    .replace(/\.[cm]?[jt]s$/, '')
    .split(sep)
    .filter((part, i) => !(i === 0 && part === 'electron'))
    .join('-')
    .replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * The modules the sources load by URL: source path → bundled name. Throws when a `taskModule(...)` call does not
 * name its module with a literal `new URL('./x.ts', import.meta.url)` (the bundle could not include it).
 */
export function findUrlModules(root) {
  const modules = new Map();
  for (const file of listSourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('import.meta.url')) continue;
    for (const match of text.matchAll(MODULE_URL)) {
      const target = resolve(dirname(file), match[2]);
      if (existsSync(target)) modules.set(target, entryName(root, target)); // (not one in a doc comment)
    }
    if (!/function\s+taskModule\b/.test(text)) {
      for (const call of text.matchAll(TASK_MODULE_CALL)) {
        const rest = text.slice(call.index + call[0].length);
        if (!/^\s*new URL\(\s*(['"])\.{1,2}\/[^'"]+\1\s*,\s*import\.meta\.url\s*\)/.test(rest)) {
          throw new Error(`${relative(root, file)}: taskModule(...) must be given new URL('./module.ts', import.meta.url) literally, so the CLI bundle can include the module`);
        }
      }
    }
  }
  return modules;
}

/** Rewrites run-time URLs in one source file (see the header). `outdir` is where the bundle's files end up. */
function rewriteMetaUrls(text, file, modules, outdir) {
  if (!text.includes('import.meta')) return text;
  const fromBundle = relative(outdir, file).split(sep).join('/');
  const sourceUrl = `new URL(${JSON.stringify(fromBundle)}, import.meta.url)`;
  const sourcePath = `process.getBuiltinModule('node:url').fileURLToPath(${sourceUrl})`;
  const bundleUrl = '__plumbBundleUrl__';
  return text
    .replace(MODULE_URL, (whole, _quote, spec) => {
      const name = modules.get(resolve(dirname(file), spec));
      return name ? `new URL(${JSON.stringify(`./${name}.mjs`)}, ${bundleUrl})` : whole;
    })
    .replace(/import\.meta\.url\b/g, () => `${sourceUrl}.href`)
    .replace(/import\.meta\.filename\b/g, () => sourcePath)
    .replace(/import\.meta\.dirname\b/g, () => `process.getBuiltinModule('node:path').dirname(${sourcePath})`)
    .replaceAll(bundleUrl, 'import.meta.url');
}

/**
 * Builds the CLI bundle into `outdir` (created; existing files with the same names are overwritten).
 * Returns the entry file names, e.g. `{ cli: '<outdir>/cli.mjs', ... }`, and the source files the bundle was made
 * from (paths relative to `root`, `/`-separated): the files whose changes make it stale.
 */
export async function buildCli({ root, outdir, minify = false }) {
  const { build } = await import('esbuild');
  root = resolve(root);
  outdir = resolve(outdir);
  const modules = findUrlModules(root);
  const entryPoints = { cli: join(root, 'electron', 'cli.ts'), [CATALOG_SNAPSHOT_ENTRY]: join(root, 'electron', 'cli', 'catalog-snapshot.ts') };
  for (const [file, name] of modules) entryPoints[name] = file;

  const sourceDirs = SOURCE_DIRS.map((d) => join(root, d) + sep);
  const rewrite = {
    name: 'plumb-meta-urls',
    setup(b) {
      b.onLoad({ filter: /\.(?:[cm]?ts|[cm]?js)$/ }, (args) => {
        if (!sourceDirs.some((d) => args.path.startsWith(d))) return undefined;
        const text = readFileSync(args.path, 'utf8');
        const loader = /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js';
        return { contents: rewriteMetaUrls(text, args.path, modules, outdir), loader, resolveDir: dirname(args.path) };
      });
    },
  };

  const requireCjs = {
    name: 'plumb-require-cjs',
    setup(b) {
      const filter = new RegExp(`^(?:${REQUIRE_INSTEAD_OF_IMPORT.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
      // The source's import becomes a one-line CommonJS module whose own require() stays external.
      b.onResolve({ filter }, (args) => (args.namespace === 'plumb-cjs' ? { path: args.path, external: true } : { path: args.path, namespace: 'plumb-cjs' }));
      b.onLoad({ filter: /.*/, namespace: 'plumb-cjs' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
    },
  };

  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    external: EXTERNAL,
    // CommonJS packages inside the bundle (yaml, ...) call require() for Node's built-ins.
    banner: { js: "import { createRequire as __plumbCreateRequire } from 'node:module'; const require = __plumbCreateRequire(import.meta.url);" },
    sourcemap: 'linked',
    sourcesContent: false,
    minify,
    keepNames: true,
    legalComments: 'none',
    logLevel: 'silent',
    metafile: true,
    plugins: [rewrite, requireCjs, zodEnglishOnly],
  });
  const entries = Object.fromEntries(Object.keys(entryPoints).map((name) => [name, join(outdir, `${name}.mjs`)]));
  return { entries, inputs: sourceInputs(root, metafile) };
}

/** The bundle's inputs under SOURCE_DIRS (packages are covered by the lock file the stamp also watches). */
function sourceInputs(root, metafile) {
  const inputs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    if (/^plumb-[\w-]+:/.test(input)) continue; // made up by this file's plugins
    const path = relative(root, resolve(root, input));
    if (SOURCE_DIRS.some((d) => path.startsWith(d + sep))) inputs.add(path.split(sep).join('/'));
  }
  return [...inputs].sort();
}
