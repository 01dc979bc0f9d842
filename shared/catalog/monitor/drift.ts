// monitor.drift: compares a reference and a current table column by column (SPEC §6 drift.json).
import { z } from 'zod';
import { defineNode } from '../define.js';

export const DRIFT_TEST_NAMES = ['ks', 'chi2', 'z', 'wasserstein', 'jensenshannon', 'psi', 'kl'] as const;

export const drift = defineNode({
  type: 'monitor.drift',
  version: 1,
  group: 'monitor',
  title: 'Data drift',
  docs:
    'Tests each column of `current` against the same column of `reference` and reports per column the test, its ' +
    'statistic, p-value (null for distances), threshold and whether it drifted, plus dataset drift when at least ' +
    '`drift_share` of the columns drifted. The default test follows Evidently: with up to 1000 reference values, ' +
    'two-sample KS for numbers with more than 5 distinct values (exact p-value like scipy), chi-square for 3 or more ' +
    'categories and the two-proportion z-test for 2; above 1000 reference values, the Wasserstein distance divided by ' +
    'the reference std for numbers with more than 5 distinct values and the Jensen–Shannon distance otherwise. ' +
    'Distinct values count over both tables; missing values are left out (their share is reported). `test` forces one ' +
    'test for every column (ks, chi2, z, wasserstein, jensenshannon, psi, kl) and `threshold` overrides its threshold ' +
    '(p-value tests drift below it, distances at or above it). Numbers are binned for JS/PSI/KL with Sturges bins over ' +
    'both tables when the reference has more than 20 distinct values. With a `model`, the drift of its predictions ' +
    '(the probability of the last class for binary classifiers) is added as column `prediction`.',
  inputs: {
    reference: { type: 'table', docs: 'The baseline rows, e.g. the training data.' },
    current: { type: 'table', docs: 'The rows to compare, e.g. recent production data.' },
    model: { type: 'model', optional: true, docs: 'Optional: also compare the predictions of this model on both tables.' },
  },
  outputs: { drift: { type: 'drift', docs: 'The drift report (drift.json), with reference/current distributions per column for the drift view.' } },
  params: z.object({
    test: z.enum(['auto', ...DRIFT_TEST_NAMES]).default('auto').describe('auto picks per column (see the docs); any other test is used for every column.'),
    threshold: z.number().positive().nullable().default(null).describe('Threshold of the test: 0.05 for p-values and 0.1 for distances when empty.'),
    columns: z.array(z.string().min(1)).default([]).describe('Columns to compare; empty means every column both tables have.'),
    column_tests: z.record(z.string().min(1), z.enum(DRIFT_TEST_NAMES)).default({}).describe('A test per column, e.g. { age: psi }; wins over `test`.'),
    column_kinds: z
      .record(z.string().min(1), z.enum(['numeric', 'categorical']))
      .default({})
      .describe('Read a column as numeric or categorical, e.g. { zip_code: categorical }.'),
    drift_share: z.number().gt(0).max(1).default(0.5).describe('Dataset drift when at least this share of the columns drifted.'),
  }),
  ui: {
    columns: { widget: 'columns', port: 'reference' },
    column_tests: { widget: 'json' },
    column_kinds: { widget: 'json' },
  },
  heavy: true,
});
