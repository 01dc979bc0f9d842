// monitor.ab_test: the node's output equals ml/ab-test run on both models' predictions made by hand, for
// classifiers (McNemar) and regressors (paired t), with the SPEC fields; incompatible models are refused.
import { describe, expect, it } from 'vitest';
import { abTest, type AbTestResult } from '../../../../../electron/ml/ab-test/index.js';
import { predictWithModel } from '../../../../../electron/ml/model-file.js';
import { linearRegressionNode } from '../../../../../electron/nodes/model/linear_regression.js';
import { logisticRegressionNode } from '../../../../../electron/nodes/model/logistic_regression.js';
import { naiveBayesNode } from '../../../../../electron/nodes/model/naive_bayes.js';
import { abTestNode } from '../../../../../electron/nodes/monitor/ab_test.js';
import { runNode, sharedEnv, table, throughJson, train } from '../model/run-node.js';
import { modelRows } from './model-rows.js';

const { env } = sharedEnv();

const CLASSES = `
  SELECT i, a, b, CASE WHEN a + 0.6 * b > 0.8 THEN 'yes' ELSE 'no' END AS label
  FROM (SELECT i, (hash(i) % 1000) / 1000.0 AS a, (hash(i + 5000) % 1000) / 1000.0 AS b FROM range(600) t(i))`;

describe('monitor.ab_test', () => {
  it('compares two classifiers with McNemar exactly as ml/ab-test does on their predictions', async () => {
    const data = env().data;
    const trainRows = await table(data, `SELECT * FROM (${CLASSES}) WHERE i < 400`);
    const testRows = await table(data, `SELECT * FROM (${CLASSES}) WHERE i >= 400`);
    const a = (await train(naiveBayesNode, env(), trainRows, { target: 'label', features: ['a'] })).model;
    const b = (await train(logisticRegressionNode, env(), trainRows, { target: 'label', features: ['a', 'b'] })).model;
    const out = (await runNode(abTestNode, env(), { model_a: throughJson(a), model_b: throughJson(b), data: testRows }, { seed: 3, n_bootstrap: 300 }))
      .metrics as AbTestResult;
    expect(Object.keys(out).slice(0, 10)).toEqual(['metric', 'n', 'a', 'b', 'difference', 'test', 'statistic', 'p_value', 'winner', 'higher_is_better']);
    const ra = await modelRows(data, testRows, a);
    const rb = await modelRows(data, testRows, b);
    const expected = abTest(
      {
        task: 'classification',
        classes: a.classes,
        yTrue: Int32Array.from(ra.all, (r) => a.classes.indexOf(r.label as string)),
        probaA: predictWithModel(a, ra.X).proba as Float64Array,
        probaB: predictWithModel(b, rb.X).proba as Float64Array,
      },
      { metric: 'auto', seed: 3, nBootstrap: 300, alpha: 0.05, confidence: 0.95 },
    );
    expect(out).toEqual(expected);
    expect(out).toMatchObject({ metric: 'accuracy', n: 200, test: 'mcnemar', winner: 'b' });
  });

  it('compares two regressors with a paired t-test on squared errors', async () => {
    const data = env().data;
    const source = `SELECT i::DOUBLE AS x, (i % 5)::DOUBLE AS z, 1 + 0.5 * i + 2 * (i % 5) + (hash(i) % 10) / 10.0 AS y FROM range(120) t(i)`;
    const rowsTable = await table(data, source);
    const a = (await train(linearRegressionNode, env(), rowsTable, { target: 'y', features: ['x'] })).model;
    const b = (await train(linearRegressionNode, env(), rowsTable, { target: 'y', features: ['x', 'z'] })).model;
    const out = (await runNode(abTestNode, env(), { model_a: throughJson(a), model_b: throughJson(b), data: rowsTable }, { metric: 'mae', test: 'wilcoxon' }))
      .metrics as AbTestResult;
    expect(out).toMatchObject({ metric: 'mae', n: 120, test: 'wilcoxon', method: 'approx', winner: 'b', higher_is_better: false, n_bootstrap: 1000 });
    expect(out.b.value).toBeLessThan(out.a.value);
    expect(out.difference.ci[1]).toBeLessThan(0);
  });

  it('refuses models with different tasks', async () => {
    const data = env().data;
    const rowsTable = await table(data, `SELECT * FROM (${CLASSES})`);
    const numeric = await table(data, `SELECT a, b AS label FROM (${CLASSES})`);
    const a = (await train(naiveBayesNode, env(), rowsTable, { target: 'label' })).model;
    const b = (await train(linearRegressionNode, env(), numeric, { target: 'label' })).model;
    await expect(runNode(abTestNode, env(), { model_a: a, model_b: b, data: rowsTable }, {})).rejects.toMatchObject({
      kind: 'invalid_input',
      message: 'model_a is a classification model but model_b is a regression model',
    });
  });
});
