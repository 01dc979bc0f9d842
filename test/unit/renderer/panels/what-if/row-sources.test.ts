// Where the what-if form takes rows from (the test rows read next to the model first, then the node's own, then the
// training rows, each once), and the counterfactual constraints built from the tab's fields.
import { describe, expect, it } from 'vitest';
import { nodeCatalog } from '../../../../../shared/catalog/index.js';
import type { PipelineDocument } from '../../../../../shared/pipeline/schema.js';
import { constraintRequest, rowSources } from '../../../../../renderer/panels/what-if/what-if-data.js';

const doc = {
  plumb: 1,
  name: 'p',
  nodes: [
    { id: 'split', type: 'data.split', inputs: {} },
    { id: 'gbm', type: 'model.gradient_boosting', inputs: { train: 'split.train' }, params: { target: 'y' } },
    { id: 'evaluate', type: 'evaluate.classification', inputs: { model: 'gbm.model', data: 'split.test' } },
    { id: 'shap', type: 'explain.shap', inputs: { model: 'gbm.model', data: 'split.test' } },
    { id: 'other', type: 'evaluate.classification', inputs: { model: 'x.model', data: 'split.valid' } },
  ],
} as unknown as PipelineDocument;
const declarationOf = (t: string) => nodeCatalog.get(t);

describe('rowSources', () => {
  it('offers the test rows first, then the own rows, then the training rows, each once', () => {
    const got = rowSources(doc, { node: 'gbm', port: 'model' }, { node: 'split', port: 'train' }, declarationOf);
    expect(got.map((s) => `${s.node}.${s.port}`)).toEqual(['split.test', 'split.train']);
    expect(got[0].label).toBe('split.test (read by evaluate)');
  });
});

describe('constraintRequest', () => {
  const plain = { fixed: false, low: '', high: '', direction: '' as const };
  it('sends only what was set; a blank range end is the bound the rows show', () => {
    const got = constraintRequest(
      { senior: { ...plain, fixed: true }, tenure: { ...plain, low: '3' }, charges: { ...plain, direction: 'down' }, calls: plain },
      { tenure: { min: 0, max: 72 } },
    );
    expect(got).toEqual({ immutable: ['senior'], ranges: { tenure: [3, 72] }, directions: { charges: 'down' }, errors: {} });
  });
  it('names the column whose range is not numbers or is upside down', () => {
    const got = constraintRequest({ tenure: { ...plain, low: 'abc' }, calls: { ...plain, low: '9', high: '2' } });
    expect(got.errors.tenure).toMatch(/“abc” is not a number/);
    expect(got.errors.calls).toBe('the lowest value 9 is above the highest 2');
    expect(got.ranges).toEqual({});
  });
});
