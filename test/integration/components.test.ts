// A pipeline using a component runs through the CLI exactly as the same pipeline flattened by hand: same outputs,
// byte for byte, and the same cache keys (the hand-flattened run is served entirely from the component run's cache).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plumb, repoRoot, tempDir, writeFiles } from './cli-helpers.js';

const DATA = join(repoRoot, 'assets', 'datasets', 'penguins.csv');

const WITH_COMPONENT = `plumb: 1
name: penguins-component
components:
  prep:
    inputs: { table: table }
    outputs: { train: split.train, test: split.test }
    params:
      strategy: { default: median }
      seed: { doc: seed of the split }
    nodes:
      - id: measured
        type: data.filter
        inputs: { table: in.table }
        params: { expression: bill_length_mm is not null }
      - id: clean
        type: data.impute
        inputs: { table: measured.table }
        params: { strategy: "\${strategy}" }
      - id: split
        type: data.split
        inputs: { table: clean.table }
        params: { seed: "\${seed}", stratify: species }
nodes:
  - id: data
    type: data.read_csv
    params: { path: ${JSON.stringify(DATA)} }
  - id: p
    type: component.prep
    inputs: { table: data.table }
    params: { strategy: most_frequent, seed: 7 }
  - id: tree
    type: model.decision_tree
    inputs: { train: p.train }
    params: { target: species, max_depth: 3 }
  - id: evaluate
    type: evaluate.classification
    inputs: { model: tree.model, data: p.test }
`;

const HAND_FLATTENED = `plumb: 1
name: penguins-flat
nodes:
  - id: data
    type: data.read_csv
    params: { path: ${JSON.stringify(DATA)} }
  - id: p_measured
    type: data.filter
    inputs: { table: data.table }
    params: { expression: bill_length_mm is not null }
  - id: p_clean
    type: data.impute
    inputs: { table: p_measured.table }
    params: { strategy: most_frequent }
  - id: p_split
    type: data.split
    inputs: { table: p_clean.table }
    params: { seed: 7, stratify: species }
  - id: tree
    type: model.decision_tree
    inputs: { train: p_split.train }
    params: { target: species, max_depth: 3 }
  - id: evaluate
    type: evaluate.classification
    inputs: { model: tree.model, data: p_split.test }
`;

/** Every file under `dir` (but the cache) → its text, keyed by path with the node folders renamed by `rename`. */
function outputFiles(dir: string, rename: (path: string) => string = (p) => p): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      if (name.startsWith('.')) continue;
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(rename(relative(dir, path)), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

interface Summary {
  status: string;
  nodes: { id: string; status: string }[];
}

describe('components through the CLI', () => {
  it('run as the hand-flattened pipeline: same outputs and the same cache entries', { timeout: 180_000 }, async () => {
    const dir = tempDir('plumb-components-');
    writeFiles(dir, { 'component.yaml': WITH_COMPONENT, 'flat.yaml': HAND_FLATTENED });
    const cache = join(dir, 'cache');

    const first = await plumb(['run', join(dir, 'component.yaml'), '--out', join(dir, 'out-component'), '--cache', cache, '--json']);
    expect(first.stderr).not.toMatch(/error/);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout) as Summary;
    expect(summary.nodes.map((n) => [n.id, n.status])).toEqual([
      ['data', 'done'],
      ['p/measured', 'done'],
      ['p/clean', 'done'],
      ['p/split', 'done'],
      ['tree', 'done'],
      ['evaluate', 'done'],
    ]);

    const second = await plumb(['run', join(dir, 'flat.yaml'), '--out', join(dir, 'out-flat'), '--cache', cache, '--json']);
    expect(second.code).toBe(0);
    // Cache keys do not depend on node ids, so equal keys mean equal types, params and inputs, node for node.
    expect((JSON.parse(second.stdout) as Summary).nodes.map((n) => n.status)).toEqual(Array(6).fill('cached'));

    const flatOutputs = outputFiles(join(dir, 'out-flat'), (p) => p.replace(/^p_/, 'p/'));
    const componentOutputs = outputFiles(join(dir, 'out-component'));
    expect([...componentOutputs.keys()].sort()).toEqual([...flatOutputs.keys()].sort());
    expect(componentOutputs.has('p/split/train.csv')).toBe(true);
    for (const [path, text] of componentOutputs) expect(text, path).toBe(flatOutputs.get(path));

    // Run on its own (no cache) too: the same metrics as the flattened run.
    const fresh = await plumb(['run', join(dir, 'component.yaml'), '--out', join(dir, 'out-fresh'), '--no-cache', '--json']);
    expect(fresh.code).toBe(0);
    const freshOutputs = outputFiles(join(dir, 'out-fresh'));
    expect(freshOutputs.get('evaluate/metrics.json')).toBe(flatOutputs.get('evaluate/metrics.json'));
  });

  it('reports a bad component use as one line naming the file position, the node and the param', async () => {
    const dir = tempDir('plumb-components-');
    writeFiles(dir, { 'bad.yaml': WITH_COMPONENT.replace('params: { strategy: most_frequent, seed: 7 }', 'params: { strategy: most_frequent, seed: seven }') });
    const result = await plumb(['validate', join(dir, 'bad.yaml')]);
    expect(result.code).toBe(2);
    const line = WITH_COMPONENT.split('\n').findIndex((l) => l.includes('seed: 7 }')) + 1;
    expect(result.stderr.split('\n')[0]).toMatch(new RegExp(`bad\\.yaml:${line}:\\d+: param 'seed' of node 'p' \\(component 'prep'\\), used by inner node 'split'`));
  });
});
