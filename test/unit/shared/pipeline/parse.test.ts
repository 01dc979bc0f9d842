// Reading pipeline YAML: every kind of error names its node and key and points at the right line and column.
import { describe, expect, it } from 'vitest';
import { isPlumbError, type PlumbError } from '../../../../shared/errors.js';
import type { PipelineIssue } from '../../../../shared/pipeline/issues.js';
import { checkPipelineYaml, parsePipelineYaml } from '../../../../shared/pipeline/parse.js';
import { columnOf, lineOf, testCatalog as catalog, yamlLines } from './test-catalog.js';

const BASE = yamlLines(
  'plumb: 1',
  'name: penguins',
  'description: species from bill sizes',
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
  '    params: { target: species, learning_rate: 0.05 }',
  '  - id: score',
  '    type: evaluate.classification',
  '    inputs: { model: gbm.model, data: split.test }',
  'layout:',
  '  data: { x: 0, y: 0 }',
  '  split: { x: 200, y: 0 }',
);

function replaceOnce(text: string, from: string, to: string): string {
  expect(text.split(from).length, `'${from}' must occur exactly once`).toBe(2);
  return text.replace(from, to);
}

function issuesOf(text: string): PipelineIssue[] {
  return checkPipelineYaml(text, { catalog }).issues;
}

/** The single issue of `text`; fails when there are none or several. */
function onlyIssue(text: string): PipelineIssue {
  const issues = issuesOf(text);
  expect(issues, JSON.stringify(issues, null, 1)).toHaveLength(1);
  return issues[0];
}

function thrown(text: string, file = 'pipelines/penguins.yaml'): PlumbError {
  try {
    parsePipelineYaml(text, { catalog, file });
  } catch (e) {
    if (isPlumbError(e)) return e;
    throw e;
  }
  throw new Error('expected parsePipelineYaml to throw');
}

describe('parsePipelineYaml on a valid file', () => {
  it('returns the document as written, with no issues', () => {
    expect(issuesOf(BASE)).toEqual([]);
    const doc = parsePipelineYaml(BASE, { catalog });
    expect(doc).toEqual({
      plumb: 1,
      name: 'penguins',
      description: 'species from bill sizes',
      nodes: [
        { id: 'data', type: 'data.read_csv', params: { path: 'penguins.csv' } },
        { id: 'split', type: 'data.split', inputs: { table: 'data.table' }, params: { seed: 7 } },
        {
          id: 'gbm',
          type: 'model.gradient_boosting',
          inputs: { train: 'split.train' },
          params: { target: 'species', learning_rate: 0.05 },
        },
        { id: 'score', type: 'evaluate.classification', inputs: { model: 'gbm.model', data: 'split.test' } },
      ],
      layout: { data: { x: 0, y: 0 }, split: { x: 200, y: 0 } },
    });
  });

  it('reads the example of SPEC §3 (comments, flow maps) apart from its catalog', () => {
    const text = yamlLines(
      'plumb: 1                      # format version, required',
      'name: penguins-species        # required',
      'description: optional text',
      'nodes:',
      '  - id: data                  # unique, [a-z][a-z0-9_]*',
      '    type: data.read_csv       # a type from the node catalog',
      '    params: { path: ../assets/datasets/penguins.csv }',
      '  - id: split',
      '    type: data.split',
      '    inputs: { table: data.table }          # input port: "<node id>.<output port>"',
      '    params: { test_size: 0.25, seed: 7, stratify: species }',
      '  - id: gbm',
      '    type: model.gradient_boosting',
      '    inputs: { train: split.train }',
      '    params: { target: species }',
      'layout:                       # optional editor state, ignored by the engine',
      '  data: { x: 0, y: 0 }',
    );
    const doc = parsePipelineYaml(text, { catalog });
    expect(doc.nodes.map((n) => n.id)).toEqual(['data', 'split', 'gbm']);
    expect(doc.nodes[1].params).toEqual({ test_size: 0.25, seed: 7, stratify: 'species' });
  });

  it('accepts an empty node list and block-style maps', () => {
    expect(parsePipelineYaml('plumb: 1\nname: empty\nnodes: []\n', { catalog }).nodes).toEqual([]);
    const text = yamlLines(
      'plumb: 1',
      'name: blocky',
      'nodes:',
      '  - id: data',
      '    type: data.read_csv',
      '    params:',
      '      path: a.csv',
      '      null_values:',
      '        - NA',
      '        - "-"',
    );
    expect(parsePipelineYaml(text, { catalog }).nodes[0].params).toEqual({ path: 'a.csv', null_values: ['NA', '-'] });
  });

  it('accepts the core-schema tags (!!str) and a quoted "<<" key, which is data, not a merge', () => {
    const text = replaceOnce(BASE, 'params: { seed: 7 }', 'params: { seed: !!int "7", stratify: !!str 12 }');
    expect(parsePipelineYaml(text, { catalog }).nodes[1].params).toEqual({ seed: 7, stratify: '12' });
    const withShap = `${BASE.replace(/layout:[\s\S]*$/, '')}${yamlLines(
      '  - id: why',
      '    type: explain.shap',
      '    inputs: { model: gbm.model, data: split.test }',
      '    params: { settings: { "<<": 1 } }',
    )}`;
    expect(parsePipelineYaml(withShap, { catalog }).nodes[4].params).toEqual({ settings: { '<<': 1 } });
  });

  it('reads YAML 1.2 core scalars: yes/no/on stay text, 0o/0x are numbers', () => {
    const text = replaceOnce(BASE, 'params: { path: penguins.csv }', 'params: { path: yes, delimiter: "on" }');
    expect(parsePipelineYaml(text, { catalog }).nodes[0].params).toEqual({ path: 'yes', delimiter: 'on' });
    const numbers = replaceOnce(BASE, 'params: { seed: 7 }', 'params: { seed: 0x1F, test_size: .5 }');
    expect(parsePipelineYaml(numbers, { catalog }).nodes[1].params).toEqual({ seed: 31, test_size: 0.5 });
  });
});

describe('YAML errors', () => {
  it('reports syntax errors with their line', () => {
    const text = replaceOnce(BASE, 'params: { seed: 7 }', 'params: { seed: 7');
    const issues = issuesOf(text);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0].code).toBe('yaml_syntax');
    expect(issues[0].line).toBeGreaterThanOrEqual(lineOf(text, 'params: { seed: 7'));
    expect(checkPipelineYaml(text, { catalog }).document).toBeUndefined();
  });

  it('rejects duplicate keys at the repeated key', () => {
    const text = replaceOnce(BASE, 'params: { seed: 7 }', 'params: { seed: 7, seed: 8 }');
    const issue = onlyIssue(text);
    expect(issue.code).toBe('yaml_syntax');
    expect(issue.message).toMatch(/unique/);
    expect(issue.line).toBe(lineOf(text, 'seed: 8'));
    expect(issue.column).toBe(columnOf(text, 'seed: 8'));
  });

  it('rejects several documents in one file', () => {
    const issues = issuesOf(`${BASE}---\nplumb: 1\n`);
    expect(issues[0].code).toBe('yaml_syntax');
    expect(issues[0].message).toMatch(/multiple documents/);
  });

  it('rejects tabs used as indentation', () => {
    const text = replaceOnce(BASE, '    type: data.split', '\ttype: data.split');
    expect(issuesOf(text)[0]).toMatchObject({ code: 'yaml_syntax', line: lineOf(text, '\ttype: data.split') });
  });

  it('rejects anchors and aliases, naming the node and key', () => {
    const text = replaceOnce(
      replaceOnce(BASE, 'params: { seed: 7 }', 'params: { seed: &s 7 }'),
      'learning_rate: 0.05',
      'learning_rate: *s',
    );
    const issues = issuesOf(text);
    expect(issues.map((i) => i.code)).toEqual(['yaml_feature', 'yaml_feature']);
    expect(issues[0]).toMatchObject({ node: 'split', key: 'seed', line: lineOf(text, '&s'), column: columnOf(text, '&s') });
    expect(issues[0].message).toMatch(/anchors \(&s\).*node 'split', key 'seed'/);
    expect(issues[1]).toMatchObject({ node: 'gbm', key: 'learning_rate', line: lineOf(text, '*s'), column: columnOf(text, '*s') });
    expect(issues[1].message).toMatch(/aliases \(\*s\).*node 'gbm', key 'learning_rate'/);
  });

  it('rejects merge keys (<<), even without an alias', () => {
    const text = replaceOnce(BASE, 'params: { seed: 7 }', 'params: { <<: { seed: 7 } }');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ code: 'yaml_feature', node: 'split', key: 'params', line: lineOf(text, '<<') });
    expect(issue.message).toMatch(/merge keys/);
  });

  it('rejects custom and non-core tags', () => {
    const custom = replaceOnce(BASE, 'params: { path: penguins.csv }', 'params: { path: !file penguins.csv }');
    const issues = issuesOf(custom);
    expect(issues.some((i) => i.code === 'yaml_feature' && i.message.includes('!file'))).toBe(true);
    expect(issues.every((i) => i.line === lineOf(custom, '!file'))).toBe(true);

    const binary = replaceOnce(BASE, 'params: { path: penguins.csv }', 'params: { path: !!binary aGk= }');
    expect(issuesOf(binary)).toEqual([
      expect.objectContaining({
        code: 'yaml_feature',
        node: 'data',
        key: 'path',
        line: lineOf(binary, '!!binary'),
        column: columnOf(binary, '!!binary'),
      }),
    ]);
  });

  it('rejects %YAML 1.1 and %TAG directives', () => {
    expect(issuesOf(`%YAML 1.1\n---\n${BASE}`)[0]).toMatchObject({ code: 'yaml_feature', line: 1 });
    const tagged = `%TAG !p! tag:plumb.dev,2025:\n---\n${replaceOnce(BASE, 'path: penguins.csv', 'path: !p!file penguins.csv')}`;
    expect(issuesOf(tagged).map((i) => i.code)).toContain('yaml_feature');
    expect(parsePipelineYaml(`%YAML 1.2\n---\n${BASE}`, { catalog }).name).toBe('penguins');
  });

  it('rejects keys that are collections', () => {
    const text = replaceOnce(BASE, 'params: { seed: 7 }', 'params: { [a, b]: 7 }');
    expect(issuesOf(text)[0]).toMatchObject({ code: 'yaml_feature', node: 'split', line: lineOf(text, '[a, b]') });
  });
});

describe('structure errors', () => {
  it('says an empty file is empty, and a list is not a pipeline', () => {
    expect(onlyIssue('')).toMatchObject({ code: 'schema', message: 'the pipeline is empty' });
    expect(onlyIssue('# nothing here\n')).toMatchObject({ code: 'schema', message: 'the pipeline is empty' });
    expect(onlyIssue('- a\n- b\n').message).toMatch(/must be a YAML mapping/);
  });

  it('names missing required top-level keys', () => {
    const issues = issuesOf('plumb: 1\ndescription: x\n');
    expect(issues.map((i) => [i.code, i.key])).toEqual([
      ['schema', 'name'],
      ['schema', 'nodes'],
    ]);
    expect(issues[0].message).toBe("the pipeline is missing 'name'");
  });

  it('rejects another format version, naming it', () => {
    const text = replaceOnce(BASE, 'plumb: 1', 'plumb: 2');
    expect(onlyIssue(text)).toMatchObject({ code: 'schema', key: 'plumb', line: 1, column: 8 });
    expect(onlyIssue(text).message).toMatch(/format version 2 is not supported/);
    expect(onlyIssue(replaceOnce(BASE, 'plumb: 1', 'plumb: "1"')).key).toBe('plumb');
  });

  it('rejects unknown top-level keys at the key, suggesting the right one', () => {
    const text = replaceOnce(BASE, 'description:', 'descripton:');
    const issues = issuesOf(text);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'unknown_key', key: 'descripton', line: 3, column: 1 }),
    ]);
    expect(issues[0].message).toBe("unknown key 'descripton' (did you mean 'description'?)");
  });

  it('rejects unknown keys in a node, naming the node', () => {
    const text = replaceOnce(BASE, '    params: { seed: 7 }', '    param: { seed: 7 }');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ code: 'unknown_key', node: 'split', key: 'param', line: lineOf(text, 'param:'), column: 5 });
    expect(issue.message).toBe("unknown key 'param' in node 'split' (did you mean 'params'?)");
  });

  it('rejects node ids that are not lower-case identifiers', () => {
    const text = replaceOnce(BASE, '  - id: gbm', '  - id: GBM-1');
    const issues = issuesOf(text);
    expect(issues[0]).toMatchObject({ code: 'schema', node: 'GBM-1', key: 'id', line: lineOf(text, 'GBM-1'), column: 9 });
    expect(issues[0].message).toMatch(/'id' of node 'GBM-1': node ids start with a lower-case letter/);
  });

  it('rejects an input that is not "<node>.<port>", naming node and input', () => {
    const text = replaceOnce(BASE, 'inputs: { train: split.train }', 'inputs: { train: split }');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ code: 'schema', node: 'gbm', key: 'train', line: lineOf(text, 'train: split }') });
    expect(issue.column).toBe(columnOf(text, 'split }'));
    expect(issue.message).toMatch(/^input 'train' of node 'gbm': an input must name an output/);
  });

  it('rejects badly named input ports', () => {
    const text = replaceOnce(BASE, 'inputs: { train: split.train }', 'inputs: { Train: split.train }');
    expect(issuesOf(text)[0]).toMatchObject({ code: 'schema', node: 'gbm', key: 'Train', line: lineOf(text, 'Train') });
  });

  it('rejects a node type that is not text, and params that are not a map', () => {
    const typeText = replaceOnce(BASE, 'type: data.split', 'type: [data.split]');
    expect(onlyIssue(typeText)).toMatchObject({ code: 'schema', node: 'split', key: 'type', line: lineOf(typeText, '[data.split]') });
    const paramsText = replaceOnce(BASE, 'params: { seed: 7 }', 'params: [7]');
    expect(onlyIssue(paramsText)).toMatchObject({ code: 'schema', node: 'split', key: 'params', line: lineOf(paramsText, '[7]') });
  });

  it('rejects a non-numeric layout position and unknown layout keys', () => {
    const text = replaceOnce(BASE, 'split: { x: 200, y: 0 }', 'split: { x: right, y: 0, w: 3 }');
    const issues = issuesOf(text);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'schema', node: 'split', key: 'x', column: columnOf(text, 'right') }),
      expect.objectContaining({ code: 'unknown_key', node: 'split', key: 'w', column: columnOf(text, 'w: 3') }),
    ]);
    expect(issues.every((i) => i.line === lineOf(text, 'right'))).toBe(true);
  });
});

describe('catalog errors', () => {
  it('rejects an unknown node type, suggesting the closest', () => {
    const text = replaceOnce(BASE, 'type: data.split', 'type: data.splitt');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ code: 'unknown_type', node: 'split', key: 'type', line: lineOf(text, 'data.splitt') });
    expect(issue.column).toBe(columnOf(text, 'data.splitt'));
    expect(issue.message).toBe("node 'split' has unknown type 'data.splitt' (did you mean 'data.split'?)");
  });

  it('rejects an unknown param at its key, suggesting the closest known one', () => {
    const text = replaceOnce(BASE, 'learning_rate: 0.05', 'lerning_rate: 0.05');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ code: 'unknown_param', node: 'gbm', key: 'lerning_rate' });
    expect([issue.line, issue.column]).toEqual([lineOf(text, 'lerning_rate'), columnOf(text, 'lerning_rate')]);
    expect(issue.message).toBe("unknown param 'lerning_rate' in node 'gbm' (did you mean 'learning_rate'?)");
  });

  it('lists the known params when nothing is close', () => {
    const issue = onlyIssue(replaceOnce(BASE, 'params: { seed: 7 }', 'params: { shuffle: true }'));
    expect(issue.message).toBe(
      "unknown param 'shuffle' in node 'split' (data.split takes 'test_size', 'seed', 'stratify')",
    );
    const none = onlyIssue(replaceOnce(BASE, 'inputs: { model: gbm.model, data: split.test }', 'inputs: { model: gbm.model, data: split.test }\n    params: { x: 1 }'));
    expect(none.message).toMatch(/evaluate\.classification takes no params/);
  });

  it('rejects a param of the wrong type with zod\'s reason, at the value', () => {
    const text = replaceOnce(BASE, 'params: { seed: 7 }', 'params: { seed: "7" }');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ code: 'param_type', node: 'split', key: 'seed', line: lineOf(text, '"7"'), column: columnOf(text, '"7"') });
    expect(issue.message).toBe("param 'seed' of node 'split': expected number, received string");
  });

  it('checks refinements and enums too', () => {
    const size = onlyIssue(replaceOnce(BASE, 'params: { seed: 7 }', 'params: { seed: 7.5, test_size: 1.5 }'.replace('seed: 7.5, ', '')));
    expect(size).toMatchObject({ code: 'param_type', node: 'split', key: 'test_size' });
    expect(size.message).toMatch(/^param 'test_size' of node 'split': Too big/);
    const integer = onlyIssue(replaceOnce(BASE, 'params: { seed: 7 }', 'params: { seed: 7.5 }'));
    expect(integer.message).toMatch(/^param 'seed' of node 'split': expected int/);
    const task = onlyIssue(replaceOnce(BASE, 'target: species,', 'target: species, task: clasification,'));
    expect(task).toMatchObject({ code: 'param_type', node: 'gbm', key: 'task' });
    expect(task.message).toMatch(/expected one of "auto"\|"classification"\|"regression"/);
  });

  it('points inside lists at the wrong element', () => {
    const text = replaceOnce(BASE, 'target: species,', 'target: species, features: [bill, 3, mass],');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ code: 'param_type', node: 'gbm', key: 'features', path: ['nodes', 2, 'params', 'features', 1] });
    expect(issue.column).toBe(columnOf(text, '3, mass'));
    expect(issue.message).toBe("param 'features[1]' of node 'gbm': expected string, received number");
  });

  it('rejects a missing required param, pointing at the node\'s params', () => {
    const text = replaceOnce(BASE, 'params: { target: species, learning_rate: 0.05 }', 'params: { learning_rate: 0.05 }');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ code: 'missing_param', node: 'gbm', key: 'target', line: lineOf(text, '{ learning_rate') });
    expect(issue.message).toBe("node 'gbm' is missing required param 'target'");
    const noParams = onlyIssue(replaceOnce(BASE, '    params: { path: penguins.csv }\n', ''));
    expect(noParams).toMatchObject({ code: 'missing_param', node: 'data', key: 'path', line: lineOf(BASE, '- id: data') });
  });

  it('rejects a missing required input', () => {
    const text = replaceOnce(BASE, 'inputs: { model: gbm.model, data: split.test }', 'inputs: { model: gbm.model }');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ code: 'missing_input', node: 'score', key: 'data', line: lineOf(text, '{ model: gbm.model }') });
    expect(issue.message).toBe("node 'score' is missing required input 'data' (a table)");
    const noInputs = onlyIssue(replaceOnce(BASE, '    inputs: { table: data.table }\n', ''));
    expect(noInputs).toMatchObject({ code: 'missing_input', node: 'split', key: 'table', line: lineOf(BASE, '- id: split') });
  });

  it('does not require optional inputs', () => {
    expect(issuesOf(BASE).filter((i) => i.key === 'valid')).toEqual([]);
  });

  it('rejects an unknown input port at its key', () => {
    const text = replaceOnce(BASE, 'inputs: { train: split.train }', 'inputs: { train: split.train, tset: split.test }');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ code: 'unknown_input', node: 'gbm', key: 'tset', line: lineOf(text, 'tset'), column: columnOf(text, 'tset') });
    expect(issue.message).toBe("node 'gbm' (model.gradient_boosting) has no input 'tset' (inputs: train, valid)");
  });

  it('rejects an input from an unknown node, suggesting the closest id', () => {
    const text = replaceOnce(BASE, 'inputs: { table: data.table }', 'inputs: { table: date.table }');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ code: 'unknown_node', node: 'split', key: 'table', line: lineOf(text, 'date.table'), column: columnOf(text, 'date.table') });
    expect(issue.message).toBe("input 'table' of node 'split' refers to unknown node 'date' (did you mean 'data'?)");
  });

  it('rejects an input from an output the node does not have', () => {
    const text = replaceOnce(BASE, 'inputs: { train: split.train }', 'inputs: { train: split.training }');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ code: 'unknown_output', node: 'gbm', key: 'train', line: lineOf(text, 'split.training') });
    expect(issue.message).toBe(
      "input 'train' of node 'gbm' refers to 'split.training', but node 'split' (data.split) has no output 'training' (outputs: train, test)",
    );
  });

  it('rejects a connection between different port types, saying both', () => {
    const text = replaceOnce(BASE, 'inputs: { model: gbm.model, data: split.test }', 'inputs: { model: gbm.history, data: split.test }');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ code: 'port_type', node: 'score', key: 'model', line: lineOf(text, 'gbm.history'), column: columnOf(text, 'gbm.history') });
    expect(issue.message).toBe("input 'model' of node 'score' takes a model, but 'gbm.history' is a series");
  });

  it('rejects a cycle, naming the nodes along it', () => {
    const text = replaceOnce(BASE, '    params: { path: penguins.csv }', '    params: { path: penguins.csv }').replace(
      '  - id: split\n    type: data.split\n    inputs: { table: data.table }',
      '  - id: split\n    type: data.split\n    inputs: { table: back.table }',
    );
    const cyclic = `${text.replace(/layout:[\s\S]*$/, '')}${yamlLines(
      '  - id: back',
      '    type: data.sql',
      '    inputs: { t1: split.train }',
      '    params: { query: select 1 }',
    )}`;
    const issue = onlyIssue(cyclic);
    expect(issue).toMatchObject({ code: 'cycle', node: 'split', key: 'table', line: lineOf(cyclic, 'back.table') });
    expect(issue.message).toBe('the pipeline has a cycle: split → back → split');
  });

  it('rejects a node reading its own output', () => {
    const text = replaceOnce(BASE, 'inputs: { table: data.table }', 'inputs: { table: split.train }');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ code: 'cycle', node: 'split', key: 'table', line: lineOf(text, 'split.train }') });
    expect(issue.message).toBe('the pipeline has a cycle: split → split');
  });

  it('rejects duplicate node ids at the second one', () => {
    const text = `${BASE.replace(/layout:[\s\S]*$/, '')}${yamlLines('  - id: split', '    type: data.read_csv', '    params: { path: b.csv }')}`;
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ code: 'duplicate_id', node: 'split', key: 'id', line: lineOf(text, '- id: split', 2), column: 9 });
    expect(issue.message).toBe("node id 'split' is used twice (nodes #2 and #5)");
  });

  it('keeps a repeated id out of the graph, so it cannot make a cycle of its own', () => {
    // The second 'gbm' reads gbm.model: with both nodes merged into one, that would look like a self-loop.
    const text = replaceOnce(BASE, '  - id: score', '  - id: gbm');
    expect(issuesOf(text).map((i) => i.code)).toEqual(['duplicate_id']);
  });

  it('rejects layout positions for nodes that do not exist', () => {
    const text = replaceOnce(BASE, '  split: { x: 200, y: 0 }', '  spilt: { x: 200, y: 0 }');
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ code: 'layout_unknown_node', node: 'spilt', key: 'spilt', line: lineOf(text, 'spilt'), column: 3 });
    expect(issue.message).toMatch(/'spilt', which is not a node of the pipeline \(did you mean 'split'\?\)/);
  });

  it('still returns the document when only the catalog check failed, so the editor can draw it', () => {
    const result = checkPipelineYaml(replaceOnce(BASE, 'type: data.split', 'type: data.nope'), { catalog });
    expect(result.issues).toHaveLength(1);
    expect(result.document?.nodes[1].type).toBe('data.nope');
  });
});

describe('the thrown error', () => {
  it('is invalid_input with file, line, column, node and param of the problem', () => {
    const text = replaceOnce(BASE, 'params: { seed: 7 }', 'params: { seed: "7" }');
    const error = thrown(text);
    expect(error.kind).toBe('invalid_input');
    expect(error.message).toBe("param 'seed' of node 'split': expected number, received string");
    expect(error.where).toEqual({
      file: 'pipelines/penguins.yaml',
      line: lineOf(text, '"7"'),
      column: columnOf(text, '"7"'),
      node: 'split',
      param: 'seed',
    });
    expect(error.details).toEqual([`pipelines/penguins.yaml:${lineOf(text, '"7"')}:${columnOf(text, '"7"')}: ${error.message}`]);
  });

  it('leaves param out of where for problems that are not about a param', () => {
    const error = thrown(replaceOnce(BASE, 'inputs: { table: data.table }', 'inputs: { table: date.table }'));
    expect(error.where.node).toBe('split');
    expect(error.where).not.toHaveProperty('param');
  });

  it('puts the first problem in reading order in the message and all of them in details', () => {
    let text = replaceOnce(BASE, 'learning_rate: 0.05', 'learning_rate: fast'); // line 15
    text = replaceOnce(text, 'params: { seed: 7 }', 'params: { seed: 7, sed: 1 }'); // line 11
    text = replaceOnce(text, '  data: { x: 0, y: 0 }', '  ghost: { x: 0, y: 0 }'); // line 20
    const error = thrown(text, 'p.yaml');
    expect(error.message).toBe("unknown param 'sed' in node 'split' (did you mean 'seed'?)");
    expect(error.where).toMatchObject({ file: 'p.yaml', line: 11, node: 'split', param: 'sed' });
    expect(error.details).toHaveLength(3);
    expect(error.details.map((d) => d.split(':')[1])).toEqual(['11', '15', '20']);
    expect(error.details[1]).toMatch(/^p\.yaml:15:\d+: param 'learning_rate' of node 'gbm': expected number, received string$/);
    expect(error.details[2]).toMatch(/'ghost'/);
  });

  it('works without a file name, with line and column in the details', () => {
    const error = (() => {
      try {
        parsePipelineYaml(replaceOnce(BASE, 'type: data.split', 'type: data.nope'), { catalog });
      } catch (e) {
        return e as PlumbError;
      }
      throw new Error('no error');
    })();
    expect(error.where).not.toHaveProperty('file');
    expect(error.details).toEqual([`line 9, column 11: ${error.message}`]);
  });
});
