// explain.counterfactual through its node on a trained classifier: every generated counterfactual, re-predicted by
// the model itself, flips the decision and keeps the constraints; the nearest equals a brute-force scan of the
// background; values show as users see them; bad constraints are named.
import { describe, expect, it } from 'vitest';
import { predictWithModel } from '../../../../../electron/ml/model-file.js';
import { counterfactualNode, type CounterfactualExplanation } from '../../../../../electron/nodes/explain/counterfactual.js';
import { decisionTreeNode } from '../../../../../electron/nodes/model/decision_tree.js';
import { linearRegressionNode } from '../../../../../electron/nodes/model/linear_regression.js';
import { modelRows } from '../monitor/model-rows.js';
import { runNode, sharedEnv, table, throughJson, train } from '../model/run-node.js';

const { env } = sharedEnv();

const DATA = `
  SELECT income, debt, region, CASE WHEN income - 2 * debt + (region = 'east')::INTEGER > 3 THEN 'approve' ELSE 'deny' END AS decision
  FROM (SELECT round((hash(i) % 1000) / 100.0, 1) AS income, round((hash(i + 9) % 400) / 100.0, 1) AS debt,
               ['north', 'south', 'east'][1 + i % 3] AS region FROM range(400) t(i))`;

describe('explain.counterfactual', () => {
  it('flips denied rows within the constraints; nearest = brute force over the background', async () => {
    const data = await table(env().data, DATA);
    const denied = await table(env().data, `SELECT * FROM (${DATA}) WHERE decision = 'deny' LIMIT 6`);
    const { model } = await train(decisionTreeNode, env(), data, { target: 'decision', features: ['income', 'debt', 'region'], max_depth: 6 });
    const file = throughJson(model);
    const params = { k: 3, immutable: ['region'], ranges: { income: [0, 12] as [number, number] }, directions: { debt: 'down' as const } };
    const out = (await runNode(counterfactualNode, env(), { model: file, data: denied, background: data }, params)).explanation as CounterfactualExplanation;
    expect(out.rows.length).toBe(6);
    const { X: bg, all } = await modelRows(env().data, data, model);
    const bgPred = predictWithModel(model, bg).prediction;
    // MAD of income / debt over the background, computed here
    const mad = (name: string) => {
      const v = all.map((r) => Number(r[name])).sort((a, b) => a - b);
      const med = (s: number[]) => (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2);
      const m = med(v);
      return med(v.map((x) => Math.abs(x - m)).sort((a, b) => a - b));
    };
    const scale = { income: mad('income'), debt: mad('debt') };
    const predictOne = (values: Record<string, unknown>) => {
      const X = { nRows: 1, columns: model.features.map((f) => Float64Array.of(model.feature_levels[f] ? model.feature_levels[f]!.indexOf(String(values[f])) : Number(values[f]))), names: model.features, levels: model.features.map((f) => model.feature_levels[f] ?? null) };
      return model.classes[predictWithModel(model, X).prediction[0]];
    };
    let generated = 0;
    for (const row of out.rows) {
      expect(row.prediction).toBe('deny');
      for (const g of row.generated) {
        generated++;
        const values = { ...row.values };
        for (const [name, [from, to]] of Object.entries(g.changes)) {
          expect(values[name]).toBe(from);
          values[name] = to;
        }
        expect(predictOne(values)).toBe('approve');
        expect(g.prediction).toBe('approve');
        expect(g.valid).toBe(true);
        expect(g.sparsity).toBe(Object.keys(g.changes).length);
        expect(g.changes.region).toBeUndefined();
        if (g.changes.income) expect(g.changes.income[1] as number).toBeLessThanOrEqual(12);
        if (g.changes.debt) expect(g.changes.debt[1] as number).toBeLessThan(g.changes.debt[0] as number);
      }
      // brute force: closest background row predicted otherwise
      let best = Infinity;
      all.forEach((r, i) => {
        if (model.classes[bgPred[i]] === row.prediction) return;
        const d = Math.abs(Number(r.income) - Number(row.values.income)) / scale.income + Math.abs(Number(r.debt) - Number(row.values.debt)) / scale.debt + (r.region === row.values.region ? 0 : 1);
        best = Math.min(best, d);
      });
      expect(row.nearest!.distance).toBeCloseTo(best, 12);
      expect(row.nearest!.prediction).toBe('approve');
    }
    expect(generated).toBeGreaterThanOrEqual(12);
  });

  it('names bad constraints and refuses regressors', async () => {
    const data = await table(env().data, DATA);
    const { model } = await train(decisionTreeNode, env(), data, { target: 'decision', features: ['income', 'debt', 'region'] });
    const run = (params: Record<string, unknown>) => runNode(counterfactualNode, env(), { model, data, background: data }, params);
    await expect(run({ immutable: ['age'] })).rejects.toThrow(/'age' is not a feature of the model/);
    await expect(run({ ranges: { region: [0, 1] } })).rejects.toThrow(/'region' is categorical/);
    await expect(run({ ranges: { income: [5, 1] } })).rejects.toThrow(/low must not exceed high/);
    const reg = await table(env().data, 'SELECT i::DOUBLE AS x, 2 * i AS y FROM range(30) t(i)');
    const { model: regressor } = await train(linearRegressionNode, env(), reg, { target: 'y', features: ['x'] });
    await expect(runNode(counterfactualNode, env(), { model: regressor, data: reg, background: reg }, {})).rejects.toThrow(/classification model/);
  });
});
