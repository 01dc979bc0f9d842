// Resolved params: what the engine runs with — written values parsed by the declaration, defaults filled in.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCatalog } from '../../../../shared/catalog/catalog.js';
import { defineNode } from '../../../../shared/catalog/define.js';
import { isPlumbError } from '../../../../shared/errors.js';
import { declaredParamNames, paramDefault } from '../../../../shared/pipeline/params.js';
import { resolveParams } from '../../../../shared/pipeline/resolve.js';
import type { PipelineDocument } from '../../../../shared/pipeline/schema.js';
import { gbm, readCsv, shap, testCatalog as catalog } from './test-catalog.js';

const doc: PipelineDocument = {
  plumb: 1,
  name: 'r',
  nodes: [
    { id: 'data', type: 'data.read_csv', params: { path: 'a.csv', header: false } },
    { id: 'other', type: 'data.read_csv', params: { path: 'b.csv' } },
    { id: 'gbm', type: 'model.gradient_boosting', inputs: { train: 'data.table' }, params: { target: 'y', max_depth: 3 } },
    { id: 'score', type: 'evaluate.classification', inputs: { model: 'gbm.model', data: 'data.table' } },
  ],
};

describe('resolveParams', () => {
  it('fills in every default and keeps written values', () => {
    const params = resolveParams(doc, catalog);
    expect([...params.keys()]).toEqual(['data', 'other', 'gbm', 'score']);
    expect(params.get('data')).toEqual({ path: 'a.csv', delimiter: ',', header: false, null_values: ['', 'NA'], on_error: 'fail' });
    expect(params.get('gbm')).toEqual({
      target: 'y',
      features: null,
      task: 'auto',
      max_iter: 100,
      learning_rate: 0.1,
      max_depth: 3,
      seed: 0,
    });
    expect(params.get('score')).toEqual({});
  });

  it('gives each node its own copy of a default list', () => {
    const params = resolveParams(doc, catalog);
    (params.get('data')!.null_values as string[]).push('changed');
    expect(params.get('other')!.null_values).toEqual(['', 'NA']);
    expect(resolveParams(doc, catalog).get('data')!.null_values).toEqual(['', 'NA']);
  });

  it('applies zod transforms, as the engine will see them', () => {
    const trimmed = defineNode({
      type: 'data.trim',
      version: 1,
      group: 'data',
      title: 'Trim',
      docs: '',
      inputs: {},
      outputs: { table: { type: 'table' } },
      params: z.object({ column: z.string().transform((s) => s.trim()), n: z.coerce.number().default(2) }),
    });
    const params = resolveParams(
      { plumb: 1, name: 't', nodes: [{ id: 't', type: 'data.trim', params: { column: '  x ', n: '5' } }] },
      createCatalog([trimmed]),
    );
    expect(params.get('t')).toEqual({ column: 'x', n: 5 });
  });

  it('throws invalid_input naming the node and param of every problem', () => {
    const bad: PipelineDocument = {
      ...doc,
      nodes: [
        { id: 'data', type: 'data.read_csv', params: { path: 1 } },
        { id: 'gbm', type: 'model.gradient_boosting', params: { target: 'y', lr: 1 } },
        { id: 'x', type: 'data.nope' },
      ],
    };
    try {
      resolveParams(bad, catalog);
      throw new Error('expected a throw');
    } catch (e) {
      if (!isPlumbError(e)) throw e;
      expect(e.kind).toBe('invalid_input');
      expect(e.message).toBe("param 'path' of node 'data': expected string, received number");
      expect(e.where).toEqual({ node: 'data', param: 'path' });
      expect(e.details).toEqual([
        e.message,
        "unknown param 'lr' in node 'gbm' (model.gradient_boosting takes 'target', 'features', 'task', 'max_iter', 'learning_rate', 'max_depth', 'seed')",
        "node 'x' has unknown type 'data.nope'",
      ]);
    }
  });
});

describe('param declarations', () => {
  it('lists params in declared order', () => {
    expect(declaredParamNames(readCsv)).toEqual(['path', 'delimiter', 'header', 'null_values', 'on_error']);
  });

  it('knows defaults, optional params (undefined) and required ones (none)', () => {
    expect(paramDefault(gbm, 'learning_rate')).toEqual({ value: 0.1 });
    expect(paramDefault(gbm, 'max_depth')).toEqual({ value: null });
    expect(paramDefault(readCsv, 'null_values')).toEqual({ value: ['', 'NA'] });
    expect(paramDefault(shap, 'settings')).toEqual({ value: undefined });
    expect(paramDefault(gbm, 'target')).toBeUndefined();
    expect(paramDefault(gbm, 'nope')).toBeUndefined();
    expect(paramDefault(gbm, 'toString')).toBeUndefined();
  });

  it('treats z.unknown() without .optional() as required, as zod does inside an object', () => {
    const loose = defineNode({
      type: 'data.loose',
      version: 1,
      group: 'data',
      title: 'Loose',
      docs: '',
      inputs: {},
      outputs: {},
      params: z.object({ value: z.unknown() }),
    });
    expect(paramDefault(loose, 'value')).toBeUndefined();
    expect(() => resolveParams({ plumb: 1, name: 'l', nodes: [{ id: 'l', type: 'data.loose' }] }, createCatalog([loose]))).toThrow(
      "node 'l' is missing required param 'value'",
    );
  });
});
