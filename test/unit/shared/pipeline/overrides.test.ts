// `plumb run --set node.param=value`: values read as YAML, checked against the declaration, errors naming node and param.
import { describe, expect, it } from 'vitest';
import { isPlumbError, type PlumbError } from '../../../../shared/errors.js';
import { exportPipelineYaml } from '../../../../shared/pipeline/export.js';
import { applyParamOverrides } from '../../../../shared/pipeline/overrides.js';
import { parsePipelineYaml } from '../../../../shared/pipeline/parse.js';
import { resolveParams } from '../../../../shared/pipeline/resolve.js';
import { testCatalog as catalog, yamlLines } from './test-catalog.js';

const doc = parsePipelineYaml(
  yamlLines(
    'plumb: 1',
    'name: penguins',
    'nodes:',
    '  - id: data',
    '    type: data.read_csv',
    '    params: { path: penguins.csv }',
    '  - id: split',
    '    type: data.split',
    '    inputs: { table: data.table }',
    '    params: { seed: 7 }',
    '  - id: gbm',
    '    type: model.gradient_boosting',
    '    inputs: { train: split.train }',
    '    params: { target: species }',
  ),
  { catalog },
);

const set = (...overrides: string[]) => applyParamOverrides(doc, overrides, catalog);
const paramsOf = (id: string, ...overrides: string[]) => set(...overrides).nodes.find((n) => n.id === id)!.params ?? {};

function failure(...overrides: string[]): PlumbError {
  try {
    set(...overrides);
  } catch (e) {
    if (isPlumbError(e)) return e;
    throw e;
  }
  throw new Error('expected applyParamOverrides to throw');
}

describe('applyParamOverrides', () => {
  it('reads values as YAML scalars and flow collections', () => {
    expect(paramsOf('split', 'split.seed=42')).toEqual({ seed: 42 });
    expect(paramsOf('split', 'split.test_size=.3')).toEqual({ seed: 7, test_size: 0.3 });
    expect(paramsOf('split', 'split.stratify=null')).toEqual({ seed: 7, stratify: null });
    expect(paramsOf('split', 'split.stratify=')).toEqual({ seed: 7, stratify: null });
    expect(paramsOf('data', 'data.header=false')).toEqual({ path: 'penguins.csv', header: false });
    expect(paramsOf('gbm', 'gbm.features=[bill, "flipper length", 3x]')).toEqual({
      target: 'species',
      features: ['bill', 'flipper length', '3x'],
    });
  });

  it('keeps text as text: spaces, "=" in the value, quoted numbers, unicode', () => {
    expect(paramsOf('data', 'data.path=my data/penguins 2.csv').path).toBe('my data/penguins 2.csv');
    expect(paramsOf('data', 'data.path=a=b.csv').path).toBe('a=b.csv');
    expect(paramsOf('data', 'data.delimiter=";"').delimiter).toBe(';');
    expect(paramsOf('gbm', 'gbm.target="123"').target).toBe('123');
    expect(paramsOf('gbm', 'gbm.target=espèce 種').target).toBe('espèce 種');
  });

  it('applies overrides in order, a later one winning, without touching the document given', () => {
    const before = JSON.stringify(doc);
    const after = set('split.seed=1', 'gbm.learning_rate=0.5', 'split.seed=2');
    expect(after.nodes.map((n) => n.params)).toEqual([
      { path: 'penguins.csv' },
      { seed: 2 },
      { target: 'species', learning_rate: 0.5 },
    ]);
    expect(JSON.stringify(doc)).toBe(before);
    expect(after.nodes[0]).toBe(doc.nodes[0]);
    expect(set()).toEqual(doc);
  });

  it('gives a document the rest of the pipeline accepts', () => {
    const after = set('gbm.max_depth=6', 'split.seed=0');
    expect(resolveParams(after, catalog).get('gbm')).toMatchObject({ max_depth: 6, learning_rate: 0.1 });
    const yaml = exportPipelineYaml(after, catalog);
    expect(yaml).toContain('params: { target: species, max_depth: 6 }');
    expect(yaml).not.toContain('seed'); // 0 is the default, so the override removes it from the export
  });

  it('rejects an unknown node, naming it and suggesting the closest', () => {
    const error = failure('splt.seed=1');
    expect(error.kind).toBe('invalid_input');
    expect(error.message).toBe("--set 'splt.seed=1': there is no node 'splt' (did you mean 'split'?)");
    expect(error.where.node).toBe('splt');
  });

  it('rejects an unknown param, naming node and param and suggesting the closest', () => {
    const error = failure('split.sed=1');
    expect(error.message).toBe("--set 'split.sed=1': node 'split' has no param 'sed' (did you mean 'seed'?)");
    expect(error.where).toMatchObject({ node: 'split', param: 'sed' });
    expect(failure('split.shuffle=true').message).toMatch(/takes 'test_size', 'seed', 'stratify'\)$/);
  });

  it('rejects a value of the wrong type with zod\'s reason', () => {
    const error = failure('split.seed=abc');
    expect(error.message).toBe("--set 'split.seed=abc': param 'seed' of node 'split': expected number, received string");
    expect(error.where).toMatchObject({ node: 'split', param: 'seed' });
    expect(failure('split.test_size=2').message).toMatch(/param 'test_size' of node 'split': Too big/);
    expect(failure('gbm.target=[a]').message).toMatch(/expected string, received array/);
  });

  it('rejects values that are not one plain YAML value', () => {
    expect(failure('data.path=a: b').message).toMatch(/^--set 'data.path=a: b': param 'path' of node 'data': a value must be a YAML scalar/);
    expect(failure('data.path=&x a').message).toMatch(/anchors/);
    expect(failure('data.path=!file a').message).toMatch(/tag/);
    expect(failure('data.path=[a').message).toMatch(/YAML syntax/);
  });

  it('rejects malformed overrides', () => {
    for (const bad of ['seed=1', 'split.seed', '=1', 'split.=1', '.seed=1']) {
      expect(failure(bad).message).toBe(`--set '${bad}': expected node.param=value`);
    }
  });

  it('reports every bad override, the first one in the message', () => {
    const error = failure('split.seed=1', 'ghost.x=1', 'split.sed=2', 'split.seed=x');
    expect(error.message).toMatch(/no node 'ghost'/);
    expect(error.details).toHaveLength(3);
    expect(error.details[1]).toMatch(/no param 'sed'/);
    expect(error.details[2]).toMatch(/param 'seed' of node 'split'/);
  });
});
