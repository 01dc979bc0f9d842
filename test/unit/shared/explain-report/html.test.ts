// The explanation report page: one section per explanation/fairness output with its charts and tables, features
// ranked by hand-computed mean |SHAP|, names escaped (a feature called <script> stays text), and nothing that runs
// or loads: no script element, no event handler attribute, no external URL.
import { describe, expect, it } from 'vitest';
import { explainReportHtml, type ReportOutput } from '../../../../shared/explain-report/html.js';

const shap: ReportOutput = {
  node: 'shap',
  type: 'explain.shap',
  value: {
    method: 'tree',
    feature_names: ['a', 'b', '<script>alert(1)</script>'],
    base_value: 0.5,
    // mean |SHAP|: a = 0.2, b = 0.6, third = 0.1 → order b, a, third
    values: [
      [0.1, -0.5, 0.1],
      [-0.3, 0.7, -0.1],
    ],
    data: [
      [1, 'x', 3],
      [2, 'y', 4],
    ],
  },
};
const permutation: ReportOutput = { node: 'importance', type: 'explain.permutation_importance', value: { metric: 'accuracy', baseline: 0.9, features: [{ feature: 'a', mean: 0.01, std: 0.002 }, { feature: 'b', mean: 0.2, std: 0.01 }] } };
const interactions: ReportOutput = {
  node: 'inter',
  type: 'explain.interactions',
  value: { kind: 'shap_interactions', feature_names: ['a', 'b'], base_value: 0, values: [[[0.1, 0.3], [0.3, -0.2]], [[0.2, -0.1], [-0.1, 0.4]]] },
};
const counterfactuals: ReportOutput = {
  node: 'cf',
  type: 'explain.counterfactual',
  value: {
    kind: 'counterfactuals',
    distance: 'dice_mad_l1',
    rows: [0, 1, 2].map((row) => ({
      row,
      prediction: 'denied',
      nearest: { row: 9, changes: { income: [10, 30] }, prediction: 'granted', distance: 1.5 },
      generated: [{ changes: { income: [10, 25], plan: ['basic', 'pro'] }, prediction: 'granted', proximity: 2.25, sparsity: 2, valid: true }],
    })),
  },
};
const fairness: ReportOutput = {
  node: 'fair',
  type: 'evaluate.fairness',
  value: {
    positive: 'yes',
    sensitive: ['senior'],
    demographic_parity_difference: 0.12,
    demographic_parity_ratio: 0.7,
    groups: [
      { group: 'false', n: 80, selection_rate: 0.3, accuracy: 0.8, tpr: 0.7, fpr: 0.1, precision: 0.75 },
      { group: 'true', n: 20, selection_rate: 0.42, accuracy: 0.75, tpr: null, fpr: 0.2, precision: 0.6 },
    ],
  },
};

describe('explainReportHtml', () => {
  const html = explainReportHtml([permutation, shap, interactions, counterfactuals, fairness, { node: 'lime', type: 'explain.lime', value: { rows: [] } }], {
    title: 'Explanation report: churn',
    counterfactualRows: { cf: [1] },
  });

  it('runs and loads nothing', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/(src|href)="(?!#)/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('has a section per output with its charts', () => {
    for (const label of ['Permutation importance of importance', 'Mean absolute SHAP value of shap', 'SHAP beeswarm of shap', 'SHAP dependence of b', 'SHAP interaction heat map of inter', 'Rates per group of fair']) {
      expect(html).toContain(`aria-label="${label}"`);
    }
    expect(html).toMatch(/<h3>Counterfactuals<\/h3>/);
    expect(html).toContain('Not shown (no chart for this output): lime (explain.lime)');
  });

  it('ranks features by mean |SHAP| and pairs by mean |interaction|', () => {
    const bars = html.slice(html.indexOf('Mean absolute SHAP value of shap'), html.indexOf('SHAP beeswarm'));
    const order = ['>b<', '>a<', '&lt;script&gt;'].map((t) => bars.indexOf(t));
    expect(order.every((p) => p > 0)).toBe(true);
    expect(order).toEqual([...order].sort((x, y) => x - y));
    // a × b: mean |value| (0.3 + 0.1) / 2 = 0.2 on each half → 0.4
    expect(html).toMatch(/a × b<\/td><td class="num">0\.4</);
  });

  it('shows only the chosen counterfactual rows, with changes and the distance used', () => {
    expect(html).toContain('Row 1: predicted denied');
    expect(html).not.toContain('Row 0: predicted denied');
    expect(html).toContain('<strong>income</strong>: 10 → 25');
    expect(html).toMatch(/median absolute deviation/);
  });

  it('lists the fairness rates and disparities', () => {
    expect(html).toMatch(/demographic parity difference<\/td><td class="num">0\.12</);
    expect(html).toMatch(/<td>true<\/td><td class="num">20<\/td><td class="num">0\.42<\/td>/);
  });
});
