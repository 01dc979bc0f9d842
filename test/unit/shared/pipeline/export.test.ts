// Writing pipeline YAML: canonical key and param order, defaults and empty maps left out, readable layout.
import { describe, expect, it } from 'vitest';
import { exportPipelineYaml, sameValue } from '../../../../shared/pipeline/export.js';
import { parsePipelineYaml } from '../../../../shared/pipeline/parse.js';
import type { PipelineDocument } from '../../../../shared/pipeline/schema.js';
import { testCatalog as catalog, yamlLines } from './test-catalog.js';

const messy: PipelineDocument = {
  plumb: 1,
  name: 'penguins: species',
  description: 'Two lines\nof description\n',
  nodes: [
    {
      id: 'gbm',
      type: 'model.gradient_boosting',
      inputs: { valid: 'split.test', train: 'split.train' },
      params: { seed: 3, learning_rate: 0.1, target: 'species', max_iter: 200, features: null },
    },
    {
      id: 'data',
      type: 'data.read_csv',
      inputs: {},
      params: { null_values: ['', 'NA'], header: false, path: 'a #b.csv', delimiter: ';' },
    },
    { id: 'split', type: 'data.split', inputs: { table: 'data.table' }, params: { test_size: 0.25, seed: 0, stratify: null } },
    {
      id: 'q',
      type: 'data.sql',
      inputs: { t1: 'data.table' },
      params: { query: 'SELECT species, count(*)\nFROM t1\nGROUP BY 1\n' },
    },
    { id: 'q2', type: 'data.sql', inputs: { t1: 'data.table' }, params: { query: '  indented\ntrailing  \n' } },
    {
      id: 'why',
      type: 'explain.shap',
      inputs: { model: 'gbm.model', data: 'split.test' },
      params: {
        settings: { '<<': 1, yes: 'no', '1': [true, null, 1.5e-7], nested: { a: [], b: {} } },
        options: {},
      },
    },
  ],
  layout: { split: { x: 10.5, y: -0.4 }, data: { x: -3.5, y: 1e6 + 0.49 } },
};

// Checked by hand against the rules: plumb, name, description, nodes, layout; id, type, inputs, params; declared
// order; defaults (learning_rate 0.1, features null, null_values ['', 'NA'], options {}) and empty maps dropped.
const messyYaml = yamlLines(
  'plumb: 1',
  'name: "penguins: species"',
  'description: |',
  '  Two lines',
  '  of description',
  'nodes:',
  '  - id: gbm',
  '    type: model.gradient_boosting',
  '    inputs: { train: split.train, valid: split.test }',
  '    params: { target: species, max_iter: 200, seed: 3 }',
  '  - id: data',
  '    type: data.read_csv',
  '    params: { path: "a #b.csv", delimiter: ;, header: false }',
  '  - id: split',
  '    type: data.split',
  '    inputs: { table: data.table }',
  '  - id: q',
  '    type: data.sql',
  '    inputs: { t1: data.table }',
  '    params:',
  '      query: |',
  '        SELECT species, count(*)',
  '        FROM t1',
  '        GROUP BY 1',
  '  - id: q2',
  '    type: data.sql',
  '    inputs: { t1: data.table }',
  '    params:',
  '      query: "  indented\\ntrailing  \\n"',
  '  - id: why',
  '    type: explain.shap',
  '    inputs: { model: gbm.model, data: split.test }',
  '    params:',
  '      settings:',
  '        "1": [ true, null, 1.5e-7 ]',
  '        "<<": 1',
  '        yes: no',
  '        nested: { a: [], b: {} }',
  'layout:',
  '  data: { x: -3, y: 1000000 }',
  '  split: { x: 11, y: 0 }',
);

describe('exportPipelineYaml', () => {
  it('writes the canonical form', () => {
    expect(exportPipelineYaml(messy, catalog)).toBe(messyYaml);
  });

  it('reads back to the same data and writes the same bytes again', () => {
    const back = parsePipelineYaml(messyYaml, { catalog });
    expect(back.nodes[5].params).toEqual({ settings: { '<<': 1, yes: 'no', '1': [true, null, 1.5e-7], nested: { a: [], b: {} } } });
    expect(back.nodes[4].params).toEqual({ query: '  indented\ntrailing  \n' });
    expect(back.nodes[3].params).toEqual({ query: 'SELECT species, count(*)\nFROM t1\nGROUP BY 1\n' });
    expect(back.nodes[1].params).toEqual({ path: 'a #b.csv', delimiter: ';', header: false });
    expect(exportPipelineYaml(back, catalog)).toBe(messyYaml);
  });

  it('writes the SPEC §3 example as it is shown there (minus comments)', () => {
    const text = yamlLines(
      'plumb: 1',
      'name: penguins-species',
      'description: optional text',
      'nodes:',
      '  - id: data',
      '    type: data.read_csv',
      '    params: { path: ../assets/datasets/penguins.csv }',
      '  - id: split',
      '    type: data.split',
      '    inputs: { table: data.table }',
      '    params: { seed: 7, stratify: species }',
      '  - id: gbm',
      '    type: model.gradient_boosting',
      '    inputs: { train: split.train }',
      '    params: { target: species }',
      'layout:',
      '  data: { x: 0, y: 0 }',
    );
    expect(exportPipelineYaml(parsePipelineYaml(text, { catalog }), catalog)).toBe(text);
  });

  it('omits params equal to their default by deep equality, keeps ones that differ', () => {
    const doc: PipelineDocument = {
      plumb: 1,
      name: 'defaults',
      nodes: [
        { id: 'a', type: 'data.read_csv', params: { path: 'x.csv', null_values: ['', 'NA'], delimiter: ',', header: true } },
        { id: 'b', type: 'data.read_csv', params: { path: 'x.csv', null_values: ['NA', ''] } },
        { id: 'c', type: 'data.read_csv', params: { path: 'x.csv', null_values: ['', 'NA', 'null'] } },
      ],
    };
    const params = parsePipelineYaml(exportPipelineYaml(doc, catalog), { catalog }).nodes.map((n) => n.params);
    expect(params).toEqual([{ path: 'x.csv' }, { path: 'x.csv', null_values: ['NA', ''] }, { path: 'x.csv', null_values: ['', 'NA', 'null'] }]);
  });

  it('keeps a required param even when it equals some other param\'s default', () => {
    const doc: PipelineDocument = { plumb: 1, name: 'r', nodes: [{ id: 'q', type: 'data.sql', params: { query: '' } }] };
    expect(exportPipelineYaml(doc, catalog)).toContain('params: { query: "" }');
  });

  it('writes an empty pipeline with an empty node list and no layout', () => {
    expect(exportPipelineYaml({ plumb: 1, name: 'new', nodes: [], layout: {} }, catalog)).toBe('plumb: 1\nname: new\nnodes: []\n');
  });

  it('goes to block style when a flow map would not fit in 80 columns', () => {
    const features = ['bill_length', 'bill_depth', 'flipper_length', 'body_mass'];
    const doc: PipelineDocument = {
      plumb: 1,
      name: 'wide',
      nodes: [{ id: 'gbm', type: 'model.gradient_boosting', inputs: { train: 'a.table' }, params: { target: 'species', features } }],
    };
    const text = exportPipelineYaml(doc, catalog);
    expect(text).toContain(
      yamlLines('    params:', '      target: species', '      features: [ bill_length, bill_depth, flipper_length, body_mass ]'),
    );
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
  });

  it('puts a map on one line up to exactly 80 columns', () => {
    const withPath = (path: string): PipelineDocument => ({ plumb: 1, name: 'w', nodes: [{ id: 'a', type: 'data.read_csv', params: { path } }] });
    // "    params: { path: " is 20 characters and " }" is 2: a 58-character path makes an 80-column line.
    const fits = exportPipelineYaml(withPath('p'.repeat(58)), catalog);
    expect(fits).toContain(`    params: { path: ${'p'.repeat(58)} }\n`);
    expect(Math.max(...fits.split('\n').map((l) => l.length))).toBe(80);
    const tooWide = exportPipelineYaml(withPath('p'.repeat(59)), catalog);
    expect(tooWide).toContain(`    params:\n      path: ${'p'.repeat(59)}\n`);
  });

  it('never folds long text, even past 80 columns', () => {
    const path = 'word '.repeat(40).trim();
    const text = exportPipelineYaml({ plumb: 1, name: 'w', nodes: [{ id: 'a', type: 'data.read_csv', params: { path } }] }, catalog);
    expect(text).toContain(`      path: ${path}\n`);
  });

  it('keeps params a catalog does not know, after the declared ones, and nodes of unknown types as written', () => {
    const doc: PipelineDocument = {
      plumb: 1,
      name: 'unknown',
      nodes: [
        { id: 'a', type: 'data.split', inputs: { table: 'b.table' }, params: { zeta: 1, seed: 2 } },
        { id: 'b', type: 'data.mystery', params: { z: 1, a: 2 } },
      ],
    };
    const text = exportPipelineYaml(doc, catalog);
    expect(text).toContain('params: { seed: 2, zeta: 1 }');
    expect(text).toContain('params: { z: 1, a: 2 }');
  });

  it('writes layout positions in node order, rounded, with -0 as 0', () => {
    const doc: PipelineDocument = {
      plumb: 1,
      name: 'l',
      nodes: [
        { id: 'b', type: 'data.read_csv', params: { path: 'b' } },
        { id: 'a', type: 'data.read_csv', params: { path: 'a' } },
      ],
      layout: { a: { x: -0.2, y: 2.5 }, b: { x: 1e9 + 0.7, y: -7.5 } },
    };
    expect(exportPipelineYaml(doc, catalog)).toMatch(/layout:\n {2}b: \{ x: 1000000001, y: -7 \}\n {2}a: \{ x: 0, y: 3 \}\n$/);
  });

  it('quotes text that would otherwise read as another type', () => {
    const doc: PipelineDocument = {
      plumb: 1,
      name: 'true',
      description: '0x1F',
      nodes: [{ id: 'a', type: 'data.read_csv', params: { path: 'null', delimiter: '1e3' } }],
    };
    const text = exportPipelineYaml(doc, catalog);
    expect(text).toContain('name: "true"\ndescription: "0x1F"\n');
    expect(text).toContain('params: { path: "null", delimiter: "1e3" }');
    expect(parsePipelineYaml(text, { catalog })).toEqual(doc);
  });
});

describe('sameValue', () => {
  it('compares YAML data deeply', () => {
    expect(sameValue({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(sameValue({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue({ a: 1 }, { b: 1 })).toBe(false);
    expect(sameValue([], {})).toBe(false);
    expect(sameValue(null, {})).toBe(false);
    expect(sameValue('1', 1)).toBe(false);
    expect(sameValue(NaN, NaN)).toBe(true);
    expect(sameValue(0, -0)).toBe(true);
  });
});
