// validatePipeline on documents built in code (as the editor makes them): same rules as YAML, paths instead of lines.
import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../../../shared/pipeline/schema.js';
import { checkPipelineStructure } from '../../../../shared/pipeline/structure.js';
import { validatePipeline } from '../../../../shared/pipeline/validate.js';
import { testCatalog as catalog } from './test-catalog.js';

const valid: PipelineDocument = {
  plumb: 1,
  name: 'v',
  nodes: [
    { id: 'data', type: 'data.read_csv', params: { path: 'a.csv' } },
    { id: 'split', type: 'data.split', inputs: { table: 'data.table' } },
    { id: 'gbm', type: 'model.gradient_boosting', inputs: { train: 'split.train', valid: 'split.test' }, params: { target: 'y' } },
    { id: 'score', type: 'evaluate.classification', inputs: { model: 'gbm.model', data: 'split.test' } },
    { id: 'gate', type: 'control.gate', inputs: { metrics: 'score.metrics' }, params: { condition: 'accuracy > 0.9' } },
  ],
  layout: { data: { x: 0, y: 0 } },
};

const withNodes = (...nodes: PipelineDocument['nodes']): PipelineDocument => ({ plumb: 1, name: 'v', nodes });

describe('validatePipeline', () => {
  it('accepts a valid pipeline, whatever the order of its nodes', () => {
    expect(validatePipeline(valid, catalog)).toEqual([]);
    expect(validatePipeline({ ...valid, nodes: [...valid.nodes].reverse() }, catalog)).toEqual([]);
  });

  it('gives paths, never lines', () => {
    const issues = validatePipeline(withNodes({ id: 'data', type: 'data.read_csv', params: { path: 'a', sep: ';' } }), catalog);
    expect(issues).toEqual([
      {
        code: 'unknown_param',
        message: "unknown param 'sep' in node 'data' (data.read_csv takes 'path', 'delimiter', 'header', 'null_values', 'on_error')",
        node: 'data',
        key: 'sep',
        path: ['nodes', 0, 'params', 'sep'],
      },
    ]);
  });

  it('checks structure first, and stops there when it is wrong', () => {
    const issues = validatePipeline(
      withNodes({ id: 'Bad Id', type: 'data.nope', inputs: { t: 'x' } }, { id: 'ok', type: 'data.nope' }),
      catalog,
    );
    expect(issues.map((i) => [i.code, i.node, i.key])).toEqual([
      ['schema', 'Bad Id', 'id'],
      ['schema', 'Bad Id', 't'],
    ]);
  });

  it('still checks the inputs of a node of unknown type, but not what reads from it', () => {
    const issues = validatePipeline(
      withNodes(
        { id: 'mystery', type: 'data.mystery', inputs: { x: 'ghost.out' } },
        { id: 'split', type: 'data.split', inputs: { table: 'mystery.whatever' } },
      ),
      catalog,
    );
    expect(issues.map((i) => [i.code, i.node, i.key])).toEqual([
      ['unknown_type', 'mystery', 'type'],
      ['unknown_node', 'mystery', 'x'],
    ]);
  });

  it('reports every problem of every node', () => {
    const issues = validatePipeline(
      withNodes(
        { id: 'data', type: 'data.read_csv', params: {} },
        { id: 'gbm', type: 'model.gradient_boosting', inputs: { train: 'data.tabel', extra: 'data.table' }, params: { target: 3 } },
        { id: 'score', type: 'evaluate.classification', inputs: { model: 'data.table' } },
      ),
      catalog,
    );
    expect(issues.map((i) => [i.code, i.node, i.key])).toEqual([
      ['missing_param', 'data', 'path'],
      ['param_type', 'gbm', 'target'],
      ['unknown_output', 'gbm', 'train'],
      ['unknown_input', 'gbm', 'extra'],
      ['port_type', 'score', 'model'],
      ['missing_input', 'score', 'data'],
    ]);
    expect(issues[2].message).toMatch(/has no output 'tabel' \(did you mean 'table'\?\)/);
    expect(issues[4].message).toBe("input 'model' of node 'score' takes a model, but 'data.table' is a table");
  });

  it('says so when a node has no outputs at all', () => {
    const issues = validatePipeline(
      withNodes(
        { id: 'gate', type: 'control.gate', params: { condition: 'x' }, inputs: { metrics: 'gate.metrics' } },
        { id: 'split', type: 'data.split', inputs: { table: 'gate.table' } },
      ),
      catalog,
    );
    expect(issues.find((i) => i.node === 'split')?.message).toMatch(/has no output 'table' \(outputs: none\)/);
  });

  it('reports one cycle, at the input that closes it', () => {
    const issues = validatePipeline(
      withNodes(
        { id: 'a', type: 'data.sql', inputs: { t1: 'c.table' }, params: { query: 'q' } },
        { id: 'b', type: 'data.sql', inputs: { t1: 'a.table' }, params: { query: 'q' } },
        { id: 'c', type: 'data.sql', inputs: { t1: 'b.table', t2: 'a.table' }, params: { query: 'q' } },
      ),
      catalog,
    );
    expect(issues).toEqual([
      {
        code: 'cycle',
        message: 'the pipeline has a cycle: a → b → c → a',
        node: 'a',
        key: 't1',
        path: ['nodes', 0, 'inputs', 't1'],
      },
    ]);
  });

  it('rejects positions for nodes that are not there', () => {
    const issues = validatePipeline({ ...valid, layout: { data: { x: 0, y: 0 }, ghost: { x: 1, y: 1 } } }, catalog);
    expect(issues).toEqual([expect.objectContaining({ code: 'layout_unknown_node', node: 'ghost', path: ['layout', 'ghost'] })]);
  });
});

describe('checkPipelineStructure', () => {
  it('returns the document for a well-formed value', () => {
    expect(checkPipelineStructure(valid)).toEqual({ document: valid, issues: [] });
  });

  it('names the node by its index when it has no usable id', () => {
    const { issues } = checkPipelineStructure({ plumb: 1, name: 'x', nodes: [{ type: 'data.split' }, 'text'] });
    expect(issues.map((i) => i.message)).toEqual([
      "node #1 is missing 'id'",
      'node #2: expected object, received string',
    ]);
  });

  it('rejects positions that are not finite numbers', () => {
    const { issues } = checkPipelineStructure({ plumb: 1, name: 'x', nodes: [], layout: { a: { x: Infinity, y: 0 } } });
    expect(issues).toEqual([expect.objectContaining({ code: 'schema', node: 'a', key: 'x', path: ['layout', 'a', 'x'] })]);
  });
});
