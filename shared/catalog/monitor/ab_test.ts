// monitor.ab_test: two models on the same labelled rows, with bootstrap intervals, a paired test and a winner.
import { z } from 'zod';
import { defineNode } from '../define.js';
import { METRIC_DOCS, MONITOR_METRICS } from './metrics.js';

export const abTest = defineNode({
  type: 'monitor.ab_test',
  version: 1,
  group: 'monitor',
  title: 'A/B test',
  docs:
    'Scores `model_a` and `model_b` on the same labelled rows: each model\'s metric and the difference b − a, with ' +
    'percentile intervals from `n_bootstrap` seeded bootstrap resamples of the rows (the same resamples for both ' +
    'models), and a paired test: McNemar on which rows each classifier gets right (exact binomial below 25 ' +
    'discordant rows, else chi-square with continuity correction), or the paired t-test (default) or Wilcoxon ' +
    'signed-rank test on per-row errors (squared errors; absolute for mae; per-row log-loss for log_loss). The winner ' +
    `is the better model when the p-value is below \`alpha\`, else null. ${METRIC_DOCS}`,
  inputs: {
    model_a: { type: 'model', docs: 'The current model (e.g. the champion).' },
    model_b: { type: 'model', docs: 'The candidate (e.g. the challenger); same task and target as model_a.' },
    data: { type: 'table', docs: 'Labelled rows with both models\' features and the target.' },
  },
  outputs: { metrics: { type: 'metrics', docs: '{ metric, n, a, b, difference, test, statistic, p_value, winner }.' } },
  params: z.object({
    metric: z.enum(MONITOR_METRICS).default('auto').describe('The metric to compare.'),
    test: z.enum(['auto', 'mcnemar', 'paired_t', 'wilcoxon']).default('auto').describe('auto: McNemar for classifiers (paired t for log_loss), paired t for regressors.'),
    n_bootstrap: z.number().int().min(1).default(1000).describe('Bootstrap resamples for the intervals.'),
    alpha: z.number().gt(0).lt(1).default(0.05).describe('Significance level for naming a winner; the intervals cover 1 − alpha.'),
    seed: z.number().int().min(0).max(4294967295).default(0).describe('Seed of the bootstrap.'),
  }),
  heavy: true,
});
