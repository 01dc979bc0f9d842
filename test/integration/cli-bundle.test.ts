// The CLI bundle (bin/build-cli.mjs, kept fresh by bin/cli-bundle.mjs): a changed source is picked up, unchanged
// contents are not rebuilt, files the bundle does not include are not watched, parallel first runs agree on one
// bundle, and the bundled `plumb` prints what the TypeScript sources print (validate: every bundled pipeline and
// every bad pipeline of the corpus, byte for byte).
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill, loadCases, materialize, runCli } from '../hardening/bad-inputs/run-case.js';
import { repoRoot, tempDir, writeFiles } from './cli-helpers.js';

interface Bundle {
  dir: string;
  cli: string;
  hash: string;
}

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function node(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: options.cwd ?? repoRoot, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const ensureScript = pathToFileURL(join(repoRoot, 'bin', 'cli-bundle.mjs')).href;

/** ensureCliBundle in a child process (as `plumb` runs it): its result, or null when another build held the lock. */
async function ensure(root: string, wait = true): Promise<Bundle | null> {
  const code = `import { ensureCliBundle } from ${JSON.stringify(ensureScript)};
const bundle = await ensureCliBundle({ root: ${JSON.stringify(root)}, wait: ${wait} });
process.stdout.write(JSON.stringify(bundle ?? null));`;
  const result = await node(['--input-type=module', '-e', code]);
  if (result.code !== 0) throw new Error(`ensureCliBundle failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Bundle | null;
}

/** Runs the bundle's `main` directly (the part of bin/plumb.mjs after the freshness check). */
function runBundle(bundle: Bundle, args: string[], cwd?: string): Promise<Result> {
  const code = `const { main } = await import(${JSON.stringify(pathToFileURL(bundle.cli).href)});
process.exitCode = await main(${JSON.stringify(args)});`;
  return node(['--input-type=module', '-e', code], { cwd });
}

/** Runs the bundle's `main` once per argument list in one process: what each call printed and returned. */
async function runBundleEach(bundle: Bundle, argLists: string[][]): Promise<Result[]> {
  const code = `const { main } = await import(${JSON.stringify(pathToFileURL(bundle.cli).href)});
const results = [];
for (const args of ${JSON.stringify(argLists)}) {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = (chunk) => ((stdout += String(chunk)), true);
  process.stderr.write = (chunk) => ((stderr += String(chunk)), true);
  try {
    results.push({ code: await main(args), stdout, stderr });
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}
process.stdout.write(JSON.stringify(results));`;
  const result = await node(['--input-type=module', '-e', code]);
  if (result.code !== 0) throw new Error(`the bundle's main failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Result[];
}

/** The files a bundle's stamp watches (paths relative to the root). */
function watchedFiles(root: string): string[] {
  const stamp = JSON.parse(readFileSync(join(root, 'dist', 'cli', 'stamp.json'), 'utf8')) as { files?: Record<string, unknown> };
  return Object.keys(stamp.files ?? {});
}

describe('CLI bundle freshness', () => {
  // A copy of the sources (node_modules linked), so changing a source never touches the real tree.
  let root: string;
  const pipelinePath = () => join(root, 'p.yaml');

  beforeAll(() => {
    root = tempDir('plumb-bundle-');
    for (const dir of ['electron', 'shared']) cpSync(join(repoRoot, dir), join(root, dir), { recursive: true });
    mkdirSync(join(root, 'bin'));
    for (const file of ['bin/build-cli.mjs', 'package.json', 'tsconfig.json']) cpSync(join(repoRoot, file), join(root, file));
    symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
    writeFiles(root, { 'p.yaml': 'plumb: 1\nname: tiny\nnodes:\n  - id: data\n    type: data.read_csv\n    params: { path: data.csv }\n' });
  });

  // rmSync removes the node_modules link, not what it points to.
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // Each build takes seconds (much longer on a busy machine); these tests build two or three.
  const BUILDS_TIMEOUT = 300_000;

  it('builds once, reuses an unchanged bundle, survives a touch, and rebuilds when a source changes', { timeout: BUILDS_TIMEOUT }, async () => {
    const first = await ensure(root);
    expect(first).not.toBeNull();
    const valid = await runBundle(first as Bundle, ['validate', pipelinePath()]);
    expect(valid.stderr).toBe('');
    expect(valid.stdout).toMatch(/pipeline 'tiny' with 1 nodes is valid/);

    // Nothing changed: the same folder, from the stamp.
    expect((await ensure(root))?.dir).toBe(first?.dir);

    // New mtimes, same contents (a checkout, a touch): still the same bundle, and the stamp learns the new mtimes.
    const source = join(root, 'electron', 'cli', 'validate-command.ts');
    const later = new Date(Date.now() + 5_000);
    utimesSync(source, later, later);
    expect((await ensure(root))?.dir).toBe(first?.dir);
    const stamp = JSON.parse(readFileSync(join(root, 'dist', 'cli', 'stamp.json'), 'utf8')) as { dir: string };
    expect(stamp.dir).toBe(first?.dir.split(/[\\/]/).pop());

    // A changed source: a new bundle that prints the change.
    writeFileSync(source, readFileSync(source, 'utf8').replace('is valid\\n', 'is valid (edited copy)\\n'));
    const second = await ensure(root);
    expect(second?.dir).not.toBe(first?.dir);
    const edited = await runBundle(second as Bundle, ['validate', pipelinePath()]);
    expect(edited.stdout).toMatch(/is valid \(edited copy\)/);
  });

  it('watches only the files the bundle is made from: others never rebuild it, a new file counts once a bundled one imports it', { timeout: BUILDS_TIMEOUT }, async () => {
    const before = await ensure(root);
    expect(watchedFiles(root)).toEqual(expect.arrayContaining(['electron/cli/validate-command.ts', 'shared/catalog/index.ts', 'bin/build-cli.mjs', 'package.json']));
    expect(watchedFiles(root)).not.toContain('electron/app/main.ts'); // the desktop app's entry, not part of the CLI

    // A changed file outside the bundle, and a new file nothing imports yet: the same bundle.
    const appMain = join(root, 'electron', 'app', 'main.ts');
    writeFileSync(appMain, `${readFileSync(appMain, 'utf8')}\n// changed outside the CLI\n`);
    const greeting = join(root, 'electron', 'cli', 'greeting.ts');
    writeFileSync(greeting, "export const greeting = 'hello from a new file';\n");
    expect((await ensure(root))?.dir).toBe(before?.dir);

    // A bundled file starts importing it: rebuilt, and from then on the new file is watched too.
    const source = join(root, 'electron', 'cli', 'validate-command.ts');
    const text = readFileSync(source, 'utf8');
    expect(text).toContain('process.stdout.write(`ok: ');
    writeFileSync(source, `import { greeting } from './greeting.js';\n${text.replace('process.stdout.write(`ok: ', 'process.stdout.write(`${greeting}: ok: ')}`);
    const importing = await ensure(root);
    expect(importing?.dir).not.toBe(before?.dir);
    expect(watchedFiles(root)).toContain('electron/cli/greeting.ts');
    expect((await runBundle(importing as Bundle, ['validate', pipelinePath()])).stdout).toMatch(/^hello from a new file: ok: /);

    writeFileSync(greeting, "export const greeting = 'edited greeting';\n");
    const edited = await ensure(root);
    expect(edited?.dir).not.toBe(importing?.dir);
    expect((await runBundle(edited as Bundle, ['validate', pipelinePath()])).stdout).toMatch(/^edited greeting: ok: /);
  });

  it('takes a stamp from before it listed the watched files as stale, and writes the list', { timeout: BUILDS_TIMEOUT }, async () => {
    const current = await ensure(root);
    const stampPath = join(root, 'dist', 'cli', 'stamp.json');
    const { dir, hash } = JSON.parse(readFileSync(stampPath, 'utf8')) as { dir: string; hash: string };
    writeFileSync(stampPath, JSON.stringify({ dir, hash, fingerprint: '0'.repeat(40) }));
    // The same sources make a folder of the same name.
    expect((await ensure(root))?.dir).toBe(current?.dir);
    expect(watchedFiles(root)).toContain('electron/cli/validate-command.ts');
  });

  it('lets parallel first runs agree on one bundle, built in a temporary folder and renamed into place', { timeout: BUILDS_TIMEOUT }, async () => {
    const source = join(root, 'shared', 'errors.ts');
    writeFileSync(source, `${readFileSync(source, 'utf8')}\n// changed for the parallel build test\n`);
    const results = await Promise.all([0, 1, 2].map(() => ensure(root)));
    const dirs = new Set(results.map((b) => b?.dir));
    expect(dirs.size).toBe(1);
    expect([...dirs][0]).toBeTruthy();
    const dist = join(root, 'dist', 'cli');
    expect(readdirSync(dist).filter((n) => n.startsWith('.tmp-') || n === '.build.lock')).toEqual([]);
    const bundle = results[0] as Bundle;
    const nodes = await runBundle(bundle, ['nodes', '--json']);
    expect(nodes.code).toBe(0);
    expect(JSON.parse(nodes.stdout)).toBeTruthy();
  });
});

describe('bundled plumb equals plumb from the sources', () => {
  const plumb = (args: string[], env: NodeJS.ProcessEnv = {}) => node([join(repoRoot, 'bin', 'plumb.mjs'), ...args], { env });
  const fromSources = { PLUMB_CLI: 'tsx' };

  it('prints the same catalog for nodes and nodes --json (the bundle prints the text it stored when built)', async () => {
    for (const args of [['nodes', '--json'], ['nodes']]) {
      const [bundled, sources] = await Promise.all([plumb(args), plumb(args, fromSources)]);
      expect(bundled.code).toBe(0);
      expect(sources.code).toBe(0);
      expect(bundled.stderr).toBe('');
      expect(bundled.stdout).toBe(sources.stdout);
    }
  });

  it('validates like the sources: every bundled pipeline, every bad pipeline of the corpus, with file:line:col', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'params.yaml': `plumb: 1
name: bad_params
nodes:
  - id: data
    type: data.read_csv
    params: { path: data.csv }
  - id: split
    type: data.split
    inputs: { table: data.table }
    params: { test_size: "abc", seed: 3 }
  - id: m
    type: model.logistc_regression
    inputs: { train: split.train }
`,
      'syntax.yaml': 'plumb: 1\nname: bad_syntax\nnodes:\n  - id: a\n    type: data.read_csv\n    params: { path: [1, 2 }\n',
    });
    const assets = join(repoRoot, 'assets', 'pipelines');
    const bundledPipelines = readdirSync(assets)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => join(assets, f));
    expect(bundledPipelines.length).toBeGreaterThanOrEqual(5);
    const cases = loadCases().filter((c) => c.run.kind === 'cli' && c.run.args[0] === 'validate');
    expect(cases.length).toBeGreaterThan(20);
    const scratch = cases.map((c) => materialize(c));
    let good: Result[];
    let bad: Result[];
    try {
      const corpus = cases.map((c, i) => (c.run.kind === 'cli' ? c.run.args : []).map((a) => fill(a, scratch[i].dir, scratch[i].secret)));
      const argLists = [...bundledPipelines.map((p) => ['validate', p]), ['validate', join(dir, 'params.yaml')], ['validate', join(dir, 'syntax.yaml')], ...corpus];
      const results = await runBundleEach((await ensure(repoRoot)) as Bundle, argLists);
      for (const [i, args] of argLists.entries()) expect(results[i], args.join(' ')).toEqual(await runCli(args));
      good = results.slice(0, bundledPipelines.length);
      bad = results.slice(bundledPipelines.length, bundledPipelines.length + 2);
    } finally {
      for (const s of scratch) s.cleanup();
    }

    // What a user reads, written out by hand.
    for (const [i, result] of good.entries()) {
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`ok: ${bundledPipelines[i]}: pipeline '${pipelineName(bundledPipelines[i])}' with ${nodeCount(bundledPipelines[i])} nodes is valid\n`);
    }
    const [params, syntax] = bad;
    expect(params.code).toBe(2);
    expect(params.stderr).toContain(`${join(dir, 'params.yaml')}:10:26: param 'test_size' of node 'split': expected number, received string`);
    expect(params.stderr).toContain(`${join(dir, 'params.yaml')}:12:11: node 'm' has unknown type 'model.logistc_regression' (did you mean 'model.logistic_regression'?)`);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/^error: \S+: \S+syntax\.yaml:6:27: YAML syntax: /);
    expect(syntax.stdout).toBe('');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const result = await plumb(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`plumb ${version}\n`);
  });

  it('writes the same outputs for a small run with a worker-thread node, timing fields aside', async () => {
    const dir = tempDir();
    const rows = Array.from({ length: 24 }, (_, i) => `${i},${((i * 7) % 11) + 0.5},${i % 3 === 0 ? 'a' : 'b'}`);
    writeFiles(dir, {
      'data.csv': `x,y,label\n${rows.join('\n')}\n`,
      'p.yaml': `plumb: 1
name: small
nodes:
  - id: data
    type: data.read_csv
    params: { path: data.csv }
  - id: split
    type: data.split
    inputs: { table: data.table }
    params: { test_size: 0.25, seed: 3, stratify: label }
  - id: summary
    type: data.sql
    inputs: { t1: data.table }
    params: { query: "select label, count(*) as n, sum(x) as sx from t1 group by label order by label" }
  - id: model
    type: model.logistic_regression
    inputs: { train: split.train }
    params: { target: label }
  - id: evaluate
    type: evaluate.classification
    inputs: { model: model.model, data: split.test }
`,
    });
    const run = (out: string, env: NodeJS.ProcessEnv = {}) => plumb(['run', join(dir, 'p.yaml'), '--out', join(dir, out), '--no-cache', '--json'], env);
    const [bundled, sources] = await Promise.all([run('bundled'), run('sources', fromSources)]);
    expect(bundled.code).toBe(0);
    expect(sources.code).toBe(0);
    const summary = (stdout: string) => withoutTiming(JSON.parse(stdout));
    expect(summary(bundled.stdout)).toEqual(summary(sources.stdout));
    const files = listFiles(join(dir, 'bundled'));
    expect(files).toEqual(listFiles(join(dir, 'sources')));
    expect(files).toContain('model/model.json');
    for (const file of files) {
      const a = readFileSync(join(dir, 'bundled', file), 'utf8');
      const b = readFileSync(join(dir, 'sources', file), 'utf8');
      if (file.endsWith('.json')) expect(withoutTiming(JSON.parse(a)), file).toEqual(withoutTiming(JSON.parse(b)));
      else expect(a, file).toBe(b);
    }
  });
});

/** The pipeline's `name:`, read off its text without a YAML parser. */
function pipelineName(file: string): string {
  return /^name:\s*(\S+)\s*$/m.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
}

/** How many nodes the pipeline's top-level `nodes:` list has: its `  - id:` lines (components indent deeper). */
function nodeCount(file: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => /^nodes:\s*$/.test(l));
  const end = lines.findIndex((l, i) => i > start && /^\S/.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((l) => /^ {2}- id:/.test(l)).length;
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(dir, `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .filter((f) => !f.startsWith('.plumb-cache'))
    .sort();
}

/** The value with every `seconds` field (wall-clock timings) removed. */
function withoutTiming(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTiming);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'seconds').map(([k, v]) => [k, withoutTiming(v)]));
  }
  return value;
}
