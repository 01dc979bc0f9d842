// evaluate.fairness through its node: per-group rates equal a by-hand count over the model's own predictions, a
// sensitive column that is not a feature, two columns combined, the positive class, gate use and errors.
import { describe, expect, it } from 'vitest';
import { predictWithModel } from '../../../../../electron/ml/model-file.js';
import { gateNode } from '../../../../../electron/nodes/control/gate.js';
import { evaluateFairnessNode, type FairnessMetrics } from '../../../../../electron/nodes/evaluate/fairness.js';
import { linearRegressionNode } from '../../../../../electron/nodes/model/linear_regression.js';
import { logisticRegressionNode } from '../../../../../electron/nodes/model/logistic_regression.js';
import { makeTestContext } from '../data/context.js';
import { modelRows } from '../monitor/model-rows.js';
import { runNode, sharedEnv, table, throughJson, train } from '../model/run-node.js';

const { env } = sharedEnv();

// `sex` is not a feature, but `a` is shifted by group, so selection rates differ by group.
const DATA = `
  SELECT CASE WHEN i % 3 = 0 THEN 'F' ELSE 'M' END AS sex, CASE WHEN i % 2 = 0 THEN 'young' ELSE 'old' END AS age,
         a + CASE WHEN i % 3 = 0 THEN -0.15 ELSE 0.1 END AS a,
         CASE WHEN a + 0.2 * ((hash(i + 5) % 100) / 100.0 - 0.5) > 0.5 THEN 'approve' ELSE 'deny' END AS decision
  FROM (SELECT i, (hash(i) % 1000) / 1000.0 AS a FROM range(600) t(i))`;

async function setup() {
  const data = await table(env().data, DATA);
  const { model } = await train(logisticRegressionNode, env(), data, { target: 'decision', features: ['a'] });
  const { X, all } = await modelRows(env().data, data, model);
  const predicted = Array.from(predictWithModel(model, X).prediction, (c) => model.classes[c]);
  return { data, model: throughJson(model), all, predicted };
}

/** Rates counted row by row in the test, for the rows where `inGroup` holds. */
function byHand(all: Record<string, unknown>[], predicted: string[], positive: string, inGroup: (r: Record<string, unknown>) => boolean) {
  let n = 0, sel = 0, correct = 0, tp = 0, fp = 0, pos = 0, neg = 0;
  all.forEach((r, i) => {
    if (!inGroup(r)) return;
    n++;
    const p = predicted[i] === positive;
    const y = r.decision === positive;
    if (p) sel++;
    if (p === y) correct++;
    if (y) pos++;
    else neg++;
    if (p && y) tp++;
    if (p && !y) fp++;
  });
  return { n, selection_rate: sel / n, accuracy: correct / n, tpr: tp / pos, fpr: fp / neg, precision: tp / sel };
}

describe('evaluate.fairness', () => {
  it('groups by one column: per-group rates and Fairlearn disparities equal a count by hand', async () => {
    const { data, model, all, predicted } = await setup();
    const out = (await runNode(evaluateFairnessNode, env(), { model, data }, { sensitive: ['sex'] })).metrics as FairnessMetrics;
    expect(out.positive).toBe('deny');
    expect(out.n).toBe(600);
    const f = byHand(all, predicted, 'deny', (r) => r.sex === 'F');
    const m = byHand(all, predicted, 'deny', (r) => r.sex === 'M');
    expect(out.groups.map((g) => g.group)).toEqual(['F', 'M']);
    for (const [got, want] of [[out.groups[0], f], [out.groups[1], m]] as const) {
      expect(got.n).toBe(want.n);
      for (const key of ['selection_rate', 'accuracy', 'tpr', 'fpr', 'precision'] as const) expect(got[key]).toBeCloseTo(want[key], 14);
    }
    expect(out.demographic_parity_difference).toBeCloseTo(Math.abs(f.selection_rate - m.selection_rate), 14);
    expect(out.demographic_parity_ratio).toBeCloseTo(Math.min(f.selection_rate, m.selection_rate) / Math.max(f.selection_rate, m.selection_rate), 14);
    expect(out.equal_opportunity_difference).toBeCloseTo(Math.abs(f.tpr - m.tpr), 14);
    expect(out.equalized_odds_difference).toBeCloseTo(Math.max(Math.abs(f.tpr - m.tpr), Math.abs(f.fpr - m.fpr)), 14);
    // F rows are shifted down, so they are denied more often
    expect(out.demographic_parity_difference).toBeGreaterThan(0.15);
    // the flat keys work in control.gate
    await expect(runNode(gateNode, env(), { metrics: throughJson(out) }, { condition: 'demographic_parity_difference < 0.1' })).rejects.toThrow(
      /demographic_parity_difference = 0\.\d+/,
    );
    await runNode(gateNode, env(), { metrics: throughJson(out) }, { condition: 'demographic_parity_ratio > 0.1' });
  });

  it('combines two columns into one group per pair of values and honours the positive class', async () => {
    const { data, model, all, predicted } = await setup();
    const out = (await runNode(evaluateFairnessNode, env(), { model, data }, { sensitive: ['sex', 'age'], positive: 'approve' })).metrics as FairnessMetrics;
    expect(out.groups.map((g) => g.group)).toEqual(['F, old', 'F, young', 'M, old', 'M, young']);
    const want = byHand(all, predicted, 'approve', (r) => r.sex === 'M' && r.age === 'young');
    expect(out.groups[3].selection_rate).toBeCloseTo(want.selection_rate, 14);
    expect(out.groups[3].tpr).toBeCloseTo(want.tpr, 14);
  });

  it('leaves out rows with a missing sensitive value and names bad params', async () => {
    const { model } = await setup();
    const holes = await table(env().data, `SELECT * REPLACE (CASE WHEN a < 0.05 THEN NULL ELSE sex END AS sex) FROM (${DATA})`);
    const ctx = makeTestContext();
    const out = (await runNode(evaluateFairnessNode, env(), { model, data: holes }, { sensitive: ['sex'] }, ctx)).metrics as FairnessMetrics;
    expect(out.n).toBe(600 - Number(/^(\d+)/.exec(ctx.warnings[0])![1]));
    expect(ctx.warnings[0]).toMatch(/rows? with a missing sex left out/);
    await expect(runNode(evaluateFairnessNode, env(), { model, data: holes }, {})).rejects.toThrow(/at least one sensitive column/);
    await expect(runNode(evaluateFairnessNode, env(), { model, data: holes }, { sensitive: ['nope'] })).rejects.toThrow(/nope/);
    await expect(runNode(evaluateFairnessNode, env(), { model, data: holes }, { sensitive: ['sex'], positive: 'maybe' })).rejects.toThrow(/positive class 'maybe'/);
    const reg = await table(env().data, 'SELECT i::DOUBLE AS x, 2 * i AS y, \'a\' AS g FROM range(20) t(i)');
    const { model: regressor } = await train(linearRegressionNode, env(), reg, { target: 'y', features: ['x'] });
    await expect(runNode(evaluateFairnessNode, env(), { model: regressor, data: reg }, { sensitive: ['g'] })).rejects.toThrow(/classification model/);
  });
});
