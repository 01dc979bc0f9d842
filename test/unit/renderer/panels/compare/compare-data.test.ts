// Model comparison data: which selected nodes stand for which models, the table to score on (an evaluate node's
// test rows first), the metrics table's sort and best marks (by each metric's direction), and the row filters
// (disagreement, search, a confusion cell) checked against brute force.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ModelComparison } from '../../../../../shared/api/model-compare.js';
import type { PipelineDocument } from '../../../../../shared/pipeline/schema.js';
import { filterRows, metricsTable, modelOutputs, modelsOfSelection, tableChoices } from '../../../../../renderer/panels/compare/compare-data.js';

const doc: PipelineDocument = {
  plumb: 1,
  name: 'churn',
  nodes: [
    { id: 'data', type: 'data.read_csv', params: { path: 'x.csv' } },
    { id: 'split', type: 'data.split', inputs: { table: 'data.table' } },
    { id: 'logistic', type: 'model.logistic_regression', inputs: { train: 'split.train' }, params: { target: 'churn' } },
    { id: 'forest', type: 'model.random_forest', inputs: { train: 'split.train' }, params: { target: 'churn' } },
    { id: 'scored', type: 'model.predict', inputs: { model: 'forest.model', data: 'data.table' } },
    { id: 'evaluate_forest', type: 'evaluate.classification', inputs: { model: 'forest.model', data: 'split.test' } },
  ],
};

describe('which models and table', () => {
  it('maps trainers to their model port and evaluate/predict nodes to the model they read, once each', () => {
    expect(modelOutputs(doc)).toEqual([
      { node: 'logistic', port: 'model' },
      { node: 'forest', port: 'model' },
    ]);
    expect(modelsOfSelection(doc, ['logistic', 'evaluate_forest', 'forest', 'data'])).toEqual([
      { node: 'logistic', port: 'model' },
      { node: 'forest', port: 'model' },
    ]);
  });

  it("puts an evaluate node's data first, then a predict node's, then every other table", () => {
    const choices = tableChoices(doc, [{ node: 'forest', port: 'model' }]).map((t) => `${t.node}.${t.port}`);
    expect(choices.slice(0, 2)).toEqual(['split.test', 'data.table']);
    expect(new Set(choices)).toEqual(new Set(['split.test', 'data.table', 'split.train', 'scored.table']));
  });
});

const model = (node: string, metrics: Record<string, number | null>): ModelComparison['models'][number] => ({ node, runId: 'r', type: 'knn', metrics });

describe('metricsTable', () => {
  it('marks the highest accuracy and the lowest log loss (ties all), none for counts', () => {
    const models = [model('a', { accuracy: 0.8, log_loss: 0.5, n: 10 }), model('b', { accuracy: 0.9, log_loss: 0.5, n: 10 }), model('c', { accuracy: null, log_loss: 0.7, n: 10 })];
    const table = metricsTable(models, null);
    expect(table.columns).toEqual(['accuracy', 'log_loss', 'n']);
    expect(table.best).toEqual({ accuracy: [1], log_loss: [0, 1] });
    expect(table.order).toEqual([0, 1, 2]);
  });

  it('sorts by a column either way, missing values last', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: -1, max: 1, noNaN: true }), { nil: null }), { minLength: 1, maxLength: 8 }), fc.boolean(), (values, up) => {
        const models = values.map((v, i) => model(`m${i}`, { r2: v }));
        const { order } = metricsTable(models, { key: 'r2', direction: up ? 'ascending' : 'descending' });
        expect([...order].sort((a, b) => a - b)).toEqual(values.map((_, i) => i));
        const sorted = order.map((i) => values[i]);
        const present = sorted.filter((v): v is number => v !== null);
        expect(sorted.slice(present.length).every((v) => v === null)).toBe(true);
        for (let i = 1; i < present.length; i++) expect(up ? present[i] >= present[i - 1] : present[i] <= present[i - 1]).toBe(true);
      }),
    );
  });
});

describe('filterRows', () => {
  const labels = fc.constantFrom('no', 'yes');
  it('keeps the disagreements, a confusion cell and a search exactly as brute force does', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(labels, labels, labels, fc.integer({ min: 0, max: 30 })), { minLength: 1, maxLength: 40 }), labels, labels, (data, a, p) => {
        const rows: ModelComparison['rows'] = {
          index: data.map((_, i) => i * 3),
          actual: data.map((d) => d[0]),
          predicted: [data.map((d) => d[1]), data.map((d) => d[2])],
          columns: ['tenure'],
          cells: data.map((d) => [d[3]]),
          truncated: false,
        };
        const comparison = { task: 'classification' as const, rows };
        const all = data.map((_, i) => i);
        expect(filterRows(comparison, { disagreeOnly: true, search: '', cell: null })).toEqual(all.filter((i) => data[i][1] !== data[i][2]));
        expect(filterRows(comparison, { disagreeOnly: false, search: '', cell: { model: 1, actual: a, predicted: p } })).toEqual(all.filter((i) => data[i][0] === a && data[i][2] === p));
        expect(filterRows(comparison, { disagreeOnly: false, search: '7', cell: null })).toEqual(all.filter((i) => [String(i * 3), ...data[i]].some((v) => String(v).includes('7'))));
      }),
    );
  });

  it('orders regression rows by how far the predictions spread', () => {
    const rows: ModelComparison['rows'] = { index: [0, 1, 2], actual: [1, 2, 3], predicted: [[1, 2, 3], [1.5, 2, 5]], columns: [], cells: [[], [], []], truncated: false };
    expect(filterRows({ task: 'regression', rows }, { disagreeOnly: true, search: '', cell: null })).toEqual([2, 0, 1]);
  });
});
