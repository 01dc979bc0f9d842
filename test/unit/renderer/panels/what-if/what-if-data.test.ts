// What-if sources: a trainer asks its own model about its training rows; predict/explain nodes ask the wired model.
import { describe, expect, it } from 'vitest';
import { nodeCatalog } from '../../../../../shared/catalog/index.js';
import type { PipelineDocument } from '../../../../../shared/pipeline/schema.js';
import { featureRow, numberFromText, parseNumberField, whatIfSources } from '../../../../../renderer/panels/what-if/what-if-data.js';

const doc = {
  plumb: 1,
  name: 'p',
  nodes: [
    { id: 'split', type: 'data.split', inputs: {} },
    { id: 'gbm', type: 'model.gradient_boosting', inputs: { train: 'split.train' }, params: { target: 'y' } },
    { id: 'shap', type: 'explain.shap', inputs: { model: 'gbm.model', data: 'split.test' } },
  ],
} as unknown as PipelineDocument;

describe('whatIfSources', () => {
  const declarationOf = (t: string) => nodeCatalog.get(t);
  it('uses the own model and the training rows of a trainer', () => {
    expect(whatIfSources(doc, 'gbm', declarationOf)).toEqual({ model: { node: 'gbm', port: 'model' }, data: { node: 'split', port: 'train' } });
  });
  it('uses the wired model and data of an explainer', () => {
    expect(whatIfSources(doc, 'shap', declarationOf)).toEqual({ model: { node: 'gbm', port: 'model' }, data: { node: 'split', port: 'test' } });
  });
  it('has nothing for a node without a model', () => {
    expect(whatIfSources(doc, 'split', declarationOf).model).toBeNull();
  });
});

describe('form values', () => {
  it('takes the model features from a table row, absent ones missing', () => {
    expect(featureRow([{ name: 'b' }, { name: 'a' }], [2, 'x'], ['a', 'b', 'c'])).toEqual({ a: 'x', b: 2, c: null });
  });
  it('parses number text, empty or garbage = missing', () => {
    expect([numberFromText('1.5'), numberFromText(' '), numberFromText('abc'), numberFromText('-2e3')]).toEqual([1.5, null, null, -2000]);
  });
});

describe('parseNumberField', () => {
  it('accepts decimal numbers and empty (missing), and rejects anything else with a message', () => {
    expect(parseNumberField('42')).toEqual({ value: 42 });
    expect(parseNumberField(' -3.5 ')).toEqual({ value: -3.5 });
    expect(parseNumberField('1e-3')).toEqual({ value: 0.001 });
    expect(parseNumberField('.5')).toEqual({ value: 0.5 });
    expect(parseNumberField('')).toEqual({ value: null });
    for (const bad of ['abc', '1,5', 'Infinity', '0x10', '1e999', '--1', '1 2']) expect(parseNumberField(bad)).toHaveProperty('error');
    expect((parseNumberField('abc') as { error: string }).error).toMatch(/not a number/);
  });
});
