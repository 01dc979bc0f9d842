// Proves the layer rules of eslint.config.js: for every zone, an import of a real file in each forbidden
// folder (in one of four import forms) is reported, and the arrows the layering allows are not.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

interface Zone {
  target: string | string[];
  from: string | string[];
  message: string;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const configFile = join(root, 'eslint.config.js');
const { layerZones } = (await import(configFile)) as { layerZones: Zone[] };
const eslint = new ESLint({ cwd: root, overrideConfigFile: configFile });

const LAYER_RULES = new Set(['import-x/no-restricted-paths', 'no-restricted-imports']);
const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
const isSource = (name: string) => /\.tsx?$/.test(name) && !name.endsWith('.d.ts');

/** A real source file in `folder` (or `folder` itself when it names a file), so the import resolves. */
function someFileIn(folder: string): string | undefined {
  const path = join(root, folder);
  if (statSync(path, { throwIfNoEntry: false })?.isFile()) return path;
  const walk = (dir: string): string | undefined => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) if (e.isFile() && isSource(e.name)) return join(dir, e.name);
    for (const e of entries) if (e.isDirectory()) return walk(join(dir, e.name));
    return undefined;
  };
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ? walk(path) : undefined;
}

/** Where a probe in `target` pretends to live: the file itself, or a new file in the folder. */
function probePath(target: string): string {
  return /\.tsx?$/.test(target) ? join(root, target) : join(root, target, '__layer_probe__.ts');
}

/** The NodeNext specifier of `file` as written in `probe`: relative, with `.js` for `.ts`/`.tsx`. */
function specifier(probe: string, file: string): string {
  const path = relative(dirname(probe), file).split(sep).join('/').replace(/\.tsx?$/, '.js');
  return path.startsWith('.') ? path : `./${path}`;
}

const FORMS = [
  (s: string) => `import '${s}';\n`,
  (s: string) => `import type { Probe } from '${s}';\nexport type P = Probe;\n`,
  (s: string) => `export * from '${s}';\n`,
  (s: string) => `export const load = () => import('${s}');\n`,
];

async function layerMessages(probe: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: probe });
  return result.messages.filter((m) => m.ruleId !== null && LAYER_RULES.has(m.ruleId));
}

const forbidden = layerZones.flatMap((zone) =>
  list(zone.target).flatMap((target) => list(zone.from).map((from) => ({ target, from, message: zone.message }))),
);

describe('layer zones (eslint.config.js)', () => {
  it('every zone names folders that exist', () => {
    for (const { target, from } of forbidden) {
      expect(statSync(join(root, target), { throwIfNoEntry: false }), target).toBeDefined();
      expect(someFileIn(from), `a source file in ${from}`).toBeDefined();
    }
  });

  it.each(forbidden.map((f, i) => [`${f.target} ↛ ${f.from}`, f, i] as const))('reports %s', async (_name, zone, i) => {
    const probe = probePath(zone.target);
    const file = someFileIn(zone.from)!;
    const code = FORMS[i % FORMS.length](specifier(probe, file));
    const messages = await layerMessages(probe, code);
    expect(messages.map((m) => m.message).join('\n'), code).toContain(zone.message);
  });

  const allowed: [target: string, from: string][] = [
    ['electron/app', 'electron/host'],
    ['electron/app', 'electron/api'],
    ['electron/host', 'electron/api'],
    ['electron/cli.ts', 'electron/cli'],
    ['electron/cli', 'electron/api'],
    ['electron/api', 'electron/engine'],
    ['electron/api', 'electron/nodes'],
    ['electron/api', 'electron/store'],
    ['electron/api', 'electron/serve'],
    ['electron/cli', 'electron/serve'],
    ['electron/serve', 'electron/api'],
    ['electron/serve', 'electron/engine'],
    ['electron/serve', 'electron/ml'],
    ['electron/serve', 'electron/store'],
    ['electron/nodes', 'electron/engine'],
    ['electron/nodes', 'electron/ml'],
    ['electron/nodes', 'electron/data'],
    ['electron/engine', 'shared'],
    ['electron/ml', 'shared'],
    ['electron/data', 'shared'],
    ['electron/store', 'shared'],
    ['renderer/app', 'renderer/editor'],
    ['renderer/app', 'renderer/panels'],
    ['renderer/editor', 'renderer/state'],
    ['renderer/editor', 'renderer/ui'],
    ['renderer/panels', 'renderer/state'],
    ['renderer/panels', 'renderer/ui'],
    ['renderer/state', 'renderer/api'],
    ['renderer/ui', 'shared'],
    ['renderer/api', 'shared'],
    ['shared', 'shared/pipeline'],
  ];
  it.each(allowed)('allows %s → %s', async (target, from) => {
    const probe = probePath(target);
    const file = someFileIn(from);
    expect(file, `a source file in ${from}`).toBeDefined();
    for (const form of FORMS) expect(await layerMessages(probe, form(specifier(probe, file!)))).toEqual([]);
  });
});

describe('package classes (eslint.config.js)', () => {
  const cases: [where: string, pkg: string, reported: boolean][] = [
    ['shared', 'node:fs', true],
    ['shared', 'better-sqlite3', true],
    ['shared', 'react', true],
    ['shared', 'zod', false],
    ['electron/api', 'electron', true],
    ['electron/api', 'react', true],
    ['electron/app', 'electron', false],
    ['electron/ml', '@duckdb/node-api', true],
    ['electron/engine', 'better-sqlite3', true],
    ['electron/data', '@duckdb/node-api', false],
    ['electron/store', 'better-sqlite3', false],
    ['renderer/state', 'node:fs', true],
    ['renderer/panels', 'better-sqlite3', true],
    ['renderer/editor', '@xyflow/react', false],
  ];
  it.each(cases)('%s importing %s: reported %s', async (where, pkg, reported) => {
    const messages = await layerMessages(probePath(where), `import '${pkg}';\n`);
    expect(messages.length > 0, messages.map((m) => m.message).join('\n')).toBe(reported);
  });
});
