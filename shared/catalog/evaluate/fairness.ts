// evaluate.fairness: a classifier's decisions compared across groups of sensitive columns, with Fairlearn's metrics.
import { z } from 'zod';
import { defineNode } from '../define.js';

export const evaluateFairness = defineNode({
  type: 'evaluate.fairness',
  version: 1,
  group: 'evaluate',
  title: 'Fairness by group',
  docs:
    'Splits labelled rows into groups by the values of the `sensitive` columns (several columns: one group per ' +
    'combination) and reports per group the count, selection rate (share predicted `positive`), accuracy, true and ' +
    'false positive rates and precision, plus the disparities as Fairlearn defines them: demographic parity ' +
    'difference (max − min selection rate) and ratio (min / max), equalized odds difference (the larger of the TPR and ' +
    'FPR differences) and ratio, equal opportunity difference (TPR) and ratio. The flat keys work in control.gate, ' +
    'e.g. `demographic_parity_difference < 0.1`. A rate undefined in a group (no actual positives for TPR) is null and ' +
    'left out of that comparison. Rows with a missing target or sensitive value are left out.',
  inputs: {
    model: { type: 'model', docs: 'A classification model.' },
    data: { type: 'table', docs: 'Labelled rows with the sensitive columns (they need not be model features).' },
  },
  outputs: {
    metrics: {
      type: 'metrics',
      docs: '{ positive, sensitive, n, demographic_parity_difference, demographic_parity_ratio, equalized_odds_difference, equalized_odds_ratio, equal_opportunity_difference, equal_opportunity_ratio, groups: [{ group, n, selection_rate, accuracy, tpr, fpr, precision }] }',
    },
  },
  params: z.object({
    sensitive: z.array(z.string().min(1)).default([]).describe('Column(s) whose values define the groups.'),
    positive: z.string().nullable().default(null).describe('The favourable (positive) class; empty means the last of the sorted classes.'),
  }),
  ui: { sensitive: { widget: 'columns', port: 'data' } },
  heavy: true,
});

/** One group's row of the output's `groups` (SPEC §4), as the node writes it and the panel reads it. */
export interface FairnessGroupRates {
  group: string;
  n: number;
  /** share of the group predicted positive */
  selection_rate: number;
  accuracy: number;
  /** TP / (TP + FN); null when the group has no actual positives */
  tpr: number | null;
  /** FP / (FP + TN); null when the group has no actual negatives */
  fpr: number | null;
  /** TP / (TP + FP); null when nothing in the group is predicted positive */
  precision: number | null;
}
