// A small node catalog for the renderer tests, with every port type and param kind the editor handles.
import { z } from 'zod';
import { fakeCatalog, fakeNode } from '../fake-catalog.js';
import type { PipelineDocument } from '../../../shared/pipeline/schema.js';

export const readCsv = fakeNode({
  type: 'data.read_csv',
  title: 'Read CSV',
  docs: 'Reads a CSV file.',
  inputs: {},
  outputs: { table: { type: 'table' } },
  params: z.object({
    path: z.string().min(1).describe('CSV file'),
    header: z.enum(['auto', 'true', 'false']).default('auto'),
    null_values: z.array(z.string()).default([]),
    types: z.record(z.string(), z.string()).default({}),
  }),
  ui: { path: { widget: 'file' } },
});

export const split = fakeNode({
  type: 'data.split',
  title: 'Train/test split',
  docs: 'Train/test split.',
  inputs: { table: { type: 'table' } },
  outputs: { train: { type: 'table' }, test: { type: 'table' } },
  params: z.object({
    test_size: z.number().positive().refine((v) => v < 1 || Number.isInteger(v)).default(0.25).describe('Share of rows for the test set.'),
    seed: z.number().int().min(0).max(100).default(0),
    stratify: z.string().min(1).nullable().default(null).describe('Column to stratify by.'),
    shuffle: z.boolean().default(true),
  }),
  ui: { stratify: { widget: 'column', port: 'table' } },
});

export const sql = fakeNode({
  type: 'data.sql',
  title: 'SQL',
  docs: 'SQL over input tables.',
  inputs: { t1: { type: 'table' }, t2: { type: 'table', optional: true } },
  outputs: { table: { type: 'table' } },
  params: z.object({ query: z.string().min(1).default('SELECT * FROM t1') }),
  ui: { query: { widget: 'sql' } },
});

export const gbm = fakeNode({
  type: 'model.gradient_boosting',
  title: 'Gradient boosting',
  docs: 'Histogram GBM.',
  inputs: { train: { type: 'table' }, valid: { type: 'table', optional: true } },
  outputs: { model: { type: 'model' }, history: { type: 'series' } },
  params: z.object({
    target: z.string(),
    features: z.array(z.string()).default([]),
    early_stopping: z.union([z.literal('auto'), z.boolean()]).default('auto'),
    fill_value: z.union([z.number(), z.string()]).nullable().default(null),
    feature_range: z.tuple([z.number(), z.number()]).default([0, 1]),
    max_depth: z.number().int().min(1).nullable().default(null),
  }),
  ui: { target: { widget: 'column', port: 'train' }, features: { widget: 'columns', port: 'train' } },
});

export const evaluate = fakeNode({
  type: 'evaluate.classification',
  title: 'Evaluate classifier',
  docs: 'Classification metrics.',
  inputs: { model: { type: 'model' }, data: { type: 'table' } },
  outputs: { metrics: { type: 'metrics' } },
  params: z.object({}),
});

export const gate = fakeNode({
  type: 'control.gate',
  title: 'Gate',
  docs: 'Fails the run when a metric condition is false.',
  inputs: { metrics: { type: 'metrics' } },
  outputs: {},
  params: z.object({ condition: z.string().min(1) }),
});

export const testCatalog = fakeCatalog([readCsv, split, sql, gbm, evaluate, gate]);

/** read → split → gbm(train) → evaluate(model, data ← split.test) → gate */
export function samplePipeline(): PipelineDocument {
  return {
    plumb: 1,
    name: 'sample',
    nodes: [
      { id: 'data', type: 'data.read_csv', params: { path: 'penguins.csv' } },
      { id: 'split', type: 'data.split', inputs: { table: 'data.table' }, params: { seed: 7 } },
      { id: 'gbm', type: 'model.gradient_boosting', inputs: { train: 'split.train' }, params: { target: 'species' } },
      { id: 'eval', type: 'evaluate.classification', inputs: { model: 'gbm.model', data: 'split.test' } },
      { id: 'gate', type: 'control.gate', inputs: { metrics: 'eval.metrics' }, params: { condition: 'accuracy > 0.8' } },
    ],
    layout: { data: { x: 0, y: 0 }, split: { x: 300, y: 0 }, gbm: { x: 600, y: 0 }, eval: { x: 900, y: 0 }, gate: { x: 1200, y: 0 } },
  };
}
