// monitor.anomaly: an Isolation Forest score per row, and a flag for the most anomalous rows.
import { z } from 'zod';
import { defineNode } from '../define.js';

export const anomaly = defineNode({
  type: 'monitor.anomaly',
  version: 1,
  group: 'monitor',
  title: 'Anomaly detection',
  docs:
    'Fits an Isolation Forest on the table (scikit-learn\'s algorithm and defaults: `n_estimators` trees, each on ' +
    '`max_samples` rows drawn without replacement, random splits, depth limit log2(max_samples)) and adds ' +
    '`anomaly_score`, the negated score_samples of scikit-learn (between 0 and 1, higher = more anomalous, about 0.5 ' +
    'for ordinary rows), and `is_anomaly`. With `contamination: auto` a row is an anomaly when its score is above 0.5; ' +
    'with a share such as 0.05, that share of the rows with the highest scores. `features` defaults to every numeric, ' +
    'date and boolean column; a listed text column is read as its category codes. Missing values count as the ' +
    'column\'s median.',
  inputs: { table: { type: 'table', docs: 'The rows to score.' } },
  outputs: { table: { type: 'table', docs: 'The input rows with `anomaly_score` and `is_anomaly` added.' } },
  params: z.object({
    n_estimators: z.number().int().min(1).default(100).describe('Number of trees.'),
    max_samples: z
      .union([z.literal('auto'), z.number().positive()])
      .default('auto')
      .describe("Rows per tree: 'auto' = min(256, rows), a whole number of rows, or a share of the rows below 1."),
    contamination: z
      .union([z.literal('auto'), z.number().gt(0).max(0.5)])
      .default('auto')
      .describe("Share of rows to flag, or 'auto' (flag scores above 0.5, scikit-learn's offset)."),
    features: z.array(z.string().min(1)).default([]).describe('Columns to use; empty means every numeric, date and boolean column.'),
    seed: z.number().int().min(0).max(4294967295).default(0).describe('Seed of the row samples and splits.'),
  }),
  ui: { features: { widget: 'columns', port: 'table' } },
  heavy: true,
});
