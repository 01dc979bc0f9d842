// The container image, checked without Docker: the Dockerfile's stages, user and entrypoint, the .dockerignore, and
// that every package the CLI bundle loads at run time survives `npm ci --omit=dev` (not a dev-only package).
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './cli-helpers.js';

interface Instruction {
  op: string;
  args: string;
}

/** Dockerfile instructions with continuation lines joined and comments dropped. */
function instructions(text: string): Instruction[] {
  const joined = text.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [op, ...rest] = line.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

/** Bare module specifiers that a bundled file imports or requires in code (not inside string literals). */
export function runtimeSpecifiers(source: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /^\s*import\s[^;]*?\sfrom\s*["']([^"']+)["']/gm,
    /^\s*import\s*["']([^"']+)["']/gm,
    /^\s*export\s[^;]*?\sfrom\s*["']([^"']+)["']/gm,
    /(?<![\w'"`.$])import\(\s*["']([^"']+)["']\s*\)/g,
    // esbuild's __require is the bundle's require() of an external package.
    /(?<![\w'"`.$])(?:__)?require\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.add(m[1]);
  const builtins = new Set(builtinModules);
  return [...found].filter((s) => !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('node:') && !builtins.has(s)).sort();
}

const packageName = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

describe('container image', () => {
  const steps = instructions(readFileSync(join(repoRoot, 'Dockerfile'), 'utf8'));

  it('is multi-stage on node:20-slim, installs with npm ci --omit=dev and bundles the CLI in the build stage', () => {
    const froms = steps.filter((s) => s.op === 'FROM').map((s) => s.args);
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) expect(from).toMatch(/^node:20-slim\b/);
    expect(froms[0]).toMatch(/ AS build$/i);
    const build = steps.slice(0, steps.findIndex((s, i) => i > 0 && s.op === 'FROM'));
    expect(build.some((s) => s.op === 'RUN' && /\bnpm ci\b.*--omit=dev/.test(s.args))).toBe(true);
    expect(build.some((s) => s.op === 'RUN' && /bin\/cli-bundle\.mjs/.test(s.args))).toBe(true);
    const final = steps.slice(steps.map((s) => s.op).lastIndexOf('FROM'));
    expect(final.some((s) => s.op === 'COPY' && /--from=build/.test(s.args))).toBe(true);
  });

  it('runs as a non-root user with ENTRYPOINT ["plumb"] on the PATH', () => {
    const final = steps.slice(steps.map((s) => s.op).lastIndexOf('FROM'));
    const users = final.filter((s) => s.op === 'USER').map((s) => s.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    const entry = final.filter((s) => s.op === 'ENTRYPOINT').at(-1);
    expect(JSON.parse(entry!.args)).toEqual(['plumb']);
    expect(final.some((s) => s.op === 'RUN' && /ln -s \S*bin\/plumb\.mjs \/usr\/local\/bin\/plumb/.test(s.args))).toBe(true);
    // Steps run `plumb run ... --out /plumb/out`: the user must own the folder.
    expect(final.some((s) => s.op === 'RUN' && /chown node(:node)? \/plumb/.test(s.args))).toBe(true);
  });

  it('keeps the sources the bundle stamp covers and leaves bulky or private files out of the context', () => {
    const ignored = readFileSync(join(repoRoot, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    for (const entry of ['node_modules', 'dist', '.git', 'test', '**/*.plumb']) expect(ignored).toContain(entry);
    for (const needed of ['electron', 'shared', 'bin', 'package.json', 'package-lock.json']) expect(ignored).not.toContain(needed);
    const copied = steps.filter((s) => s.op === 'COPY').map((s) => s.args).join(' ');
    for (const needed of ['package-lock.json', 'bin', 'shared', 'electron', 'tsconfig.json']) expect(copied).toContain(needed);
  });

  it('every package the bundle loads at run time is a production dependency (kept by --omit=dev)', async () => {
    const { ensureCliBundle } = (await import(pathToFileURL(join(repoRoot, 'bin', 'cli-bundle.mjs')).href)) as {
      ensureCliBundle(o: { root: string; wait?: boolean }): Promise<{ dir: string } | undefined>;
    };
    const bundle = await ensureCliBundle({ root: repoRoot, wait: true });
    expect(bundle).toBeDefined();
    const specifiers = new Set<string>();
    for (const file of readdirSync(bundle!.dir).filter((f) => f.endsWith('.mjs'))) {
      for (const s of runtimeSpecifiers(readFileSync(join(bundle!.dir, file), 'utf8'))) specifiers.add(packageName(s));
    }
    expect([...specifiers]).toContain('@duckdb/node-api');
    const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
    const devOnly = [...specifiers].filter((name) => {
      const entry = lock.packages[`node_modules/${name}`];
      return !entry || entry.dev === true;
    });
    expect(devOnly).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; optionalDependencies?: Record<string, string> };
    // The build stage bundles with esbuild after `npm ci --omit=dev`.
    expect(Object.keys(pkg.dependencies)).toContain('esbuild');
  }, 180_000);

  it('the specifier scan ignores module names inside strings (generated validator code)', () => {
    expect(runtimeSpecifiers(`const a = require("fastify");\nconst b = __require("@duckdb/node-api");\nequal.code = 'require("ajv/dist/runtime/equal").default';\nimport x from "yaml";`)).toEqual(['@duckdb/node-api', 'fastify', 'yaml']);
  });
});
