// Components (SPEC §3): parse, validate (errors with line and column), flatten and export round trip.
import { describe, expect, it } from 'vitest';
import { isPlumbError, type PlumbError } from '../../../../shared/errors.js';
import { flatNodeIds, flatOutputRef, flattenComponents } from '../../../../shared/pipeline/components.js';
import { exportPipelineYaml } from '../../../../shared/pipeline/export.js';
import { pipelineEdges } from '../../../../shared/pipeline/graph.js';
import type { PipelineIssue } from '../../../../shared/pipeline/issues.js';
import { applyParamOverrides } from '../../../../shared/pipeline/overrides.js';
import { checkPipelineYaml, parsePipelineYaml } from '../../../../shared/pipeline/parse.js';
import { resolveParams } from '../../../../shared/pipeline/resolve.js';
import { columnOf, lineOf, testCatalog as catalog, yamlLines } from './test-catalog.js';

/** Canonical text: what export writes (checked below), with two uses of one component and a nested one. */
const CANONICAL = yamlLines(
  'plumb: 1',
  'name: penguins',
  'components:',
  '  prep:',
  '    inputs: { table: table }',
  '    outputs: { train: split.train, test: split.test }',
  '    params:',
  '      seed: { default: 7, doc: seed of the split }',
  '      size: { doc: share of rows held out }',
  '    nodes:',
  '      - id: clean',
  '        type: data.sql',
  '        inputs: { t1: in.table }',
  "        params: { query: select * from t1 where bill > 0 }",
  '      - id: split',
  '        type: data.split',
  '        inputs: { table: clean.table }',
  '        params: { test_size: "${size}", seed: "${seed}" }',
  '  trained:',
  '    inputs: { data: table }',
  '    outputs: { model: gbm.model, test: prep.test }',
  '    params:',
  '      target: {}',
  '    nodes:',
  '      - id: prep',
  '        type: component.prep',
  '        inputs: { table: in.data }',
  '        params: { seed: 3, size: 0.2 }',
  '      - id: gbm',
  '        type: model.gradient_boosting',
  '        inputs: { train: prep.train }',
  '        params: { target: "${target}" }',
  'nodes:',
  '  - id: data',
  '    type: data.read_csv',
  '    params: { path: penguins.csv }',
  '  - id: p',
  '    type: component.prep',
  '    inputs: { table: data.table }',
  '    params: { size: 0.3 }',
  '  - id: t',
  '    type: component.trained',
  '    inputs: { data: data.table }',
  '    params: { target: species }',
  '  - id: score',
  '    type: evaluate.classification',
  '    inputs: { model: t.model, data: p.test }',
  'layout:',
  '  data: { x: 0, y: 0 }',
  '  p: { x: 200, y: 0 }',
  '  p/split: { x: 20, y: 40 }',
);

/** The same pipeline flattened by hand, with `_` for `/` (ids in YAML cannot hold a slash). */
const HAND_FLATTENED = yamlLines(
  'plumb: 1',
  'name: penguins',
  'nodes:',
  '  - id: data',
  '    type: data.read_csv',
  '    params: { path: penguins.csv }',
  '  - id: p_clean',
  '    type: data.sql',
  '    inputs: { t1: data.table }',
  "    params: { query: select * from t1 where bill > 0 }",
  '  - id: p_split',
  '    type: data.split',
  '    inputs: { table: p_clean.table }',
  '    params: { test_size: 0.3, seed: 7 }',
  '  - id: t_prep_clean',
  '    type: data.sql',
  '    inputs: { t1: data.table }',
  "    params: { query: select * from t1 where bill > 0 }",
  '  - id: t_prep_split',
  '    type: data.split',
  '    inputs: { table: t_prep_clean.table }',
  '    params: { test_size: 0.2, seed: 3 }',
  '  - id: t_gbm',
  '    type: model.gradient_boosting',
  '    inputs: { train: t_prep_split.train }',
  '    params: { target: species }',
  '  - id: score',
  '    type: evaluate.classification',
  '    inputs: { model: t_gbm.model, data: p_split.test }',
);

const read = (text: string) => parsePipelineYaml(text, { catalog });

function issuesOf(text: string): PipelineIssue[] {
  return checkPipelineYaml(text, { catalog }).issues;
}

function onlyIssue(text: string): PipelineIssue {
  const issues = issuesOf(text);
  expect(issues, JSON.stringify(issues, null, 1)).toHaveLength(1);
  return issues[0];
}

function replaceOnce(text: string, from: string, to: string): string {
  expect(text.split(from).length, `'${from}' must occur exactly once`).toBe(2);
  return text.replace(from, to);
}

describe('components', () => {
  it('reads a pipeline with components and writes it back byte-identically', () => {
    expect(issuesOf(CANONICAL)).toEqual([]);
    const doc = read(CANONICAL);
    expect(Object.keys(doc.components ?? {})).toEqual(['prep', 'trained']);
    expect(exportPipelineYaml(doc, catalog)).toBe(CANONICAL);
    expect(exportPipelineYaml(read(exportPipelineYaml(doc, catalog)), catalog)).toBe(CANONICAL);
  });

  it('writes params in declared order with defaults left out, inside components and on component nodes', () => {
    const messy = replaceOnce(
      replaceOnce(CANONICAL, 'params: { test_size: "${size}", seed: "${seed}" }', 'params: { seed: "${seed}", stratify: null, test_size: "${size}" }'),
      '    params: { size: 0.3 }',
      '    params: { size: 0.3, seed: 7 }',
    );
    expect(exportPipelineYaml(read(messy), catalog)).toBe(CANONICAL);
  });

  it('flattens into prefixed nodes equal to the pipeline flattened by hand', () => {
    const flat = flattenComponents(read(CANONICAL));
    const hand = read(HAND_FLATTENED);
    const slashes = (text: string) => text.replace(/^(p|t)_(prep_)?/, (_, a: string, b?: string) => `${a}/${b ? 'prep/' : ''}`);
    const renamed = hand.nodes.map((n) => ({
      ...n,
      id: slashes(n.id),
      ...(n.inputs ? { inputs: Object.fromEntries(Object.entries(n.inputs).map(([port, ref]) => [port, slashes(ref)])) } : {}),
    }));
    expect(flat.nodes).toEqual(renamed);
    expect(flat.components).toBeUndefined();
    // Params resolve to the same values, node for node.
    const flatParams = [...resolveParams(flat, catalog).values()];
    expect(flatParams).toEqual([...resolveParams(hand, catalog).values()]);
    // The graph functions read flat references.
    expect(pipelineEdges(flat).map((e) => `${e.from.node}->${e.to.node}`)).toContain('t/prep/split->t/gbm');
  });

  it('names the inner nodes and inner outputs a component node stands for', () => {
    const doc = read(CANONICAL);
    expect(flatNodeIds(doc, 't')).toEqual(['t/prep/clean', 't/prep/split', 't/gbm']);
    expect(flatNodeIds(doc, 'data')).toEqual(['data']);
    expect(flatOutputRef(doc, 't.test')).toBe('t/prep/split.test');
    expect(flatOutputRef(doc, 'data.table')).toBe('data.table');
  });

  it('resolves params of component nodes with the component defaults and takes --set on them', () => {
    const doc = read(CANONICAL);
    expect(resolveParams(doc, catalog).get('p')).toEqual({ seed: 7, size: 0.3 });
    const changed = applyParamOverrides(doc, ['p.seed=11'], catalog);
    expect(flattenComponents(changed).nodes.find((n) => n.id === 'p/split')?.params).toEqual({ test_size: 0.3, seed: 11 });
  });

  describe('errors name the component, the node and the key, at their line and column', () => {
    it('an unknown component', () => {
      const text = replaceOnce(CANONICAL, 'type: component.trained', 'type: component.traned');
      const issue = onlyIssue(text);
      expect(issue).toMatchObject({ code: 'unknown_component', node: 't', key: 'type' });
      expect(issue.message).toBe("node 't' uses unknown component 'traned' (did you mean 'trained'?)");
      expect([issue.line, issue.column]).toEqual([lineOf(text, 'component.traned'), columnOf(text, 'component.traned')]);
    });

    it('a component input that is not connected, and an unknown one', () => {
      const missing = onlyIssue(replaceOnce(CANONICAL, '    inputs: { data: data.table }\n', ''));
      expect(missing).toMatchObject({ code: 'missing_input', node: 't', key: 'data' });
      const text = replaceOnce(CANONICAL, 'inputs: { t1: in.table }', 'inputs: { t1: in.tabel }');
      const issue = onlyIssue(text);
      expect(issue.code).toBe('unknown_output');
      expect(issue.message).toMatch(/^component 'prep': input 't1' of node 'clean' refers to 'in.tabel'.*did you mean 'table'/);
      expect([issue.line, issue.column]).toEqual([lineOf(text, 'in.tabel'), columnOf(text, 'in.tabel')]);
    });

    it('a connection of the wrong type through a component output', () => {
      const issue = onlyIssue(replaceOnce(CANONICAL, 'inputs: { model: t.model, data: p.test }', 'inputs: { model: t.model, data: t.model }'));
      expect(issue).toMatchObject({ code: 'port_type', node: 'score', key: 'data' });
    });

    it('an output naming no inner output', () => {
      const text = replaceOnce(CANONICAL, 'outputs: { model: gbm.model, test: prep.test }', 'outputs: { model: gbm.modle, test: prep.test }');
      // The node reading the missing output is an issue too, after this one.
      const issue = issuesOf(text)[0];
      expect(issue).toMatchObject({ code: 'component_output', key: 'model' });
      expect(issue.message).toContain("did you mean 'model'");
      expect(issue.line).toBe(lineOf(text, 'gbm.modle'));
    });

    it('an undefined ${param}', () => {
      const text = replaceOnce(CANONICAL, 'seed: "${seed}" }', 'seed: "${sede}" }');
      const issue = onlyIssue(text);
      expect(issue).toMatchObject({ code: 'component_param', node: 'split', key: 'seed' });
      expect(issue.message).toContain("'${sede}', which is not a param of the component (did you mean 'seed'?)");
      expect(issue.line).toBe(lineOf(text, '${sede}'));
      expect(() => read(text)).toThrow(/component 'prep'/);
    });

    it('a param value of the wrong type, given on the node using the component', () => {
      const text = replaceOnce(CANONICAL, 'params: { size: 0.3 }', 'params: { size: lots }');
      const issue = onlyIssue(text);
      expect(issue).toMatchObject({ code: 'param_type', node: 'p', key: 'size' });
      expect(issue.message).toMatch(/^param 'size' of node 'p' \(component 'prep'\), used by inner node 'split'/);
      expect([issue.line, issue.column]).toEqual([lineOf(text, 'size: lots'), columnOf(text, 'lots')]);
      let error: PlumbError | undefined;
      try {
        read(text);
      } catch (e) {
        if (isPlumbError(e)) error = e;
      }
      expect(error?.where).toMatchObject({ node: 'p', param: 'size', line: lineOf(text, 'size: lots') });
    });

    it('a missing param without a default', () => {
      const issue = onlyIssue(replaceOnce(CANONICAL, '    params: { target: species }\n', ''));
      expect(issue).toMatchObject({ code: 'missing_param', node: 't', key: 'target' });
    });

    it('a default of the wrong type, in the definition', () => {
      const text = replaceOnce(CANONICAL, 'seed: { default: 7,', 'seed: { default: seven,');
      const issue = onlyIssue(text);
      expect(issue).toMatchObject({ code: 'param_type', node: 'split', key: 'seed' });
      expect(issue.message).toMatch(/^component 'prep': param 'seed' of node 'split'/);
    });

    it('a cycle inside a component', () => {
      const text = replaceOnce(CANONICAL, 'inputs: { t1: in.table }', 'inputs: { t1: in.table, t2: split.train }');
      const issue = onlyIssue(text);
      expect(issue).toMatchObject({ code: 'cycle', node: 'clean' });
      expect(issue.message).toBe("component 'prep' has a cycle: clean → split → clean");
    });

    it('a component that contains itself', () => {
      const text = replaceOnce(CANONICAL, 'type: data.sql', 'type: component.trained');
      const issues = issuesOf(text);
      const recursion = issues.filter((i) => i.code === 'component_recursion');
      expect(recursion.map((i) => i.message)).toEqual([
        "component 'prep' contains itself: prep → trained → prep",
        "component 'trained' contains itself: trained → prep → trained",
      ]);
      expect(recursion[0].line).toBe(lineOf(text, 'type: component.trained'));
      expect(() => read(text)).toThrow(/contains itself/);
    });

    it('the reserved inner id `in`, and an unknown key in a component', () => {
      const reserved = issuesOf(replaceOnce(CANONICAL, '- id: clean', '- id: in'))[0];
      expect(reserved.message).toContain("node id 'in' is reserved");
      const text = replaceOnce(CANONICAL, '    outputs: { train:', '    output: { train:');
      const unknown = issuesOf(text)[0];
      expect(unknown.message).toBe("unknown key 'output' in component 'prep' (did you mean 'outputs'?)");
      expect([unknown.line, unknown.column]).toEqual([lineOf(text, 'output:'), 5]);
    });

    it('a layout position for an inner node that does not exist', () => {
      const issue = onlyIssue(replaceOnce(CANONICAL, '  p/split: {', '  p/splat: {'));
      expect(issue).toMatchObject({ code: 'layout_unknown_node', key: 'p/splat' });
      expect(issue.message).toContain("did you mean 'p/split'");
    });
  });
});
