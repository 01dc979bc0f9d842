// evaluate.classification / .regression give exactly the metrics module's numbers for the model's predictions;
// evaluate.cross_validate's folds partition the rows and each fold's score is that of a model fitted without it.
import { describe, expect, it } from 'vitest';
import { classificationMetrics, regressionMetrics } from '../../../../../electron/ml/metrics/index.js';
import { predictWithModel, type PlumbModelFile } from '../../../../../electron/ml/model-file.js';
import type { TableRef } from '../../../../../electron/data/types.js';
import { evaluateClassificationNode } from '../../../../../electron/nodes/evaluate/classification.js';
import { crossValidateNode, type CrossValidation } from '../../../../../electron/nodes/evaluate/cross_validate.js';
import { evaluateRegressionNode } from '../../../../../electron/nodes/evaluate/regression.js';
import { assignFolds } from '../../../../../electron/nodes/evaluate/folds.js';
import { gradientBoostingNode } from '../../../../../electron/nodes/model/gradient_boosting.js';
import { linearRegressionNode } from '../../../../../electron/nodes/model/linear_regression.js';
import { naiveBayesNode } from '../../../../../electron/nodes/model/naive_bayes.js';
import type { FeatureMatrix } from '../../../../../electron/ml/types.js';
import { makeTestContext } from '../data/context.js';
import { rows, runNode, sharedEnv, table, throughJson, train } from '../model/run-node.js';

const { env } = sharedEnv();

const CLASSES = `
  SELECT CASE WHEN a + b * 0.5 > 0.9 THEN 'hi' WHEN a > 0.4 THEN 'mid' ELSE 'lo' END AS label, a, b,
         CASE i % 3 WHEN 0 THEN 'x' WHEN 1 THEN 'y' ELSE 'z' END AS tag
  FROM (SELECT i, (hash(i) % 1000) / 1000.0 AS a, (hash(i + 5000) % 1000) / 1000.0 AS b FROM range(300) t(i))`;

const NUMBERS = `
  SELECT i::DOUBLE AS x, ((i * 7) % 13)::DOUBLE AS z, 2 + 0.5 * i - 0.25 * ((i * 7) % 13) + ((hash(i) % 100) / 100.0) AS y
  FROM range(90) t(i)`;

/** The test rows as the model sees them, rebuilt by hand from the table (numbers; text as model level codes). */
async function matrixOf(data: TableRef, model: PlumbModelFile): Promise<{ X: FeatureMatrix; target: unknown[] }> {
  const all = await rows(env().data, data);
  const columns = model.features.map((name) => {
    const levels = model.feature_levels[name];
    return Float64Array.from(all, (r) => (levels ? levels.indexOf(r[name] as string) : (r[name] as number)));
  });
  return { X: { nRows: all.length, columns, names: model.features, levels: model.features.map((f) => model.feature_levels[f] ?? null) }, target: all.map((r) => r[model.target!]) };
}

describe('evaluate.classification', () => {
  it('reports the metrics module\'s numbers for the model\'s probabilities', async () => {
    const trainRows = await table(env().data, `SELECT * FROM (${CLASSES}) WHERE b < 0.7`);
    const testRows = await table(env().data, `SELECT * FROM (${CLASSES}) WHERE b >= 0.7`);
    const { model } = await train(naiveBayesNode, env(), trainRows, { target: 'label' });
    const out = await runNode(evaluateClassificationNode, env(), { model: throughJson(model), data: testRows }, {});
    const { X, target } = await matrixOf(testRows, model);
    const expected = classificationMetrics(
      Int32Array.from(target, (t) => model.classes.indexOf(t as string)),
      predictWithModel(model, X).proba!,
      model.classes,
    );
    expect(out.metrics).toEqual(expected);
    expect(Object.keys(out.metrics as object)).toEqual(
      expect.arrayContaining(['accuracy', 'balanced_accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'log_loss', 'roc_auc', 'n', 'confusion_matrix']),
    );
    expect((out.metrics as { accuracy: number }).accuracy).toBeGreaterThan(0.7);
  });

  it('includes the ROC curve for two classes, positive = the last class', async () => {
    const data = await table(env().data, `SELECT a > 0.5 AS big, b, tag FROM (${CLASSES})`);
    const { model } = await train(gradientBoostingNode, env(), data, { target: 'big', features: ['b', 'tag'], max_iter: 5 });
    const out = (await runNode(evaluateClassificationNode, env(), { model, data }, {})).metrics as { roc: { fpr: number[] }; confusion_matrix: { labels: string[] } };
    expect(out.confusion_matrix.labels).toEqual(['false', 'true']);
    expect(out.roc.fpr[0]).toBe(0);
  });

  it('leaves out rows without a target and refuses classes the model does not know', async () => {
    const trainRows = await table(env().data, `SELECT * FROM (${CLASSES}) WHERE label <> 'hi'`);
    const { model } = await train(naiveBayesNode, env(), trainRows, { target: 'label' });
    const withGaps = await table(env().data, `SELECT CASE WHEN a < 0.1 THEN NULL ELSE label END AS label, a, b, tag FROM (${CLASSES}) WHERE label <> 'hi'`);
    const ctx = makeTestContext();
    const out = (await runNode(evaluateClassificationNode, env(), { model, data: withGaps }, {}, ctx)).metrics as { n: number };
    const missing = (await env().data.all(`SELECT count(*) AS n FROM "${withGaps.table}" WHERE label IS NULL`))[0].n as number;
    expect(missing).toBeGreaterThan(0);
    expect(out.n).toBe((await env().data.rowCount(withGaps)) - missing);
    expect(ctx.warnings).toEqual([`${missing} rows of 'data' with a missing target 'label' were left out`]);
    const all = await table(env().data, CLASSES);
    await expect(runNode(evaluateClassificationNode, env(), { model, data: all }, {})).rejects.toMatchObject({
      kind: 'invalid_input',
      message: expect.stringContaining("classes the model does not know: 'hi'"),
    });
  });

  it('refuses a regression model and a table without the target', async () => {
    const data = await table(env().data, NUMBERS);
    const { model } = await train(linearRegressionNode, env(), data, { target: 'y' });
    await expect(runNode(evaluateClassificationNode, env(), { model, data }, {})).rejects.toMatchObject({ message: expect.stringContaining('evaluate.regression') });
    const noTarget = await table(env().data, `SELECT x, z FROM (${NUMBERS})`);
    await expect(runNode(evaluateRegressionNode, env(), { model, data: noTarget }, {})).rejects.toMatchObject({
      kind: 'invalid_input',
      message: "the table lacks the model's columns 'y'; it has 'x', 'z'",
    });
  });
});

describe('evaluate.regression', () => {
  it('reports the metrics module\'s numbers for the model\'s predictions', async () => {
    const data = await table(env().data, NUMBERS);
    const { model } = await train(linearRegressionNode, env(), data, { target: 'y' });
    const out = await runNode(evaluateRegressionNode, env(), { model, data }, { seed: 4 });
    const { X, target } = await matrixOf(data, model);
    const expected = regressionMetrics(Float64Array.from(target as number[]), predictWithModel(model, X).prediction as Float64Array, 4);
    expect(out.metrics).toEqual(expected);
    expect((out.metrics as { r2: number }).r2).toBeGreaterThan(0.99);
  });
});

describe('evaluate.cross_validate', () => {
  it('regression: folds partition the rows; each fold scores a model fitted without it', async () => {
    const data = await table(env().data, NUMBERS);
    const out = (await runNode(crossValidateNode, env(), { data }, { target: 'y', model: 'linear_regression', n_splits: 4 })).metrics as CrossValidation;
    expect(out).toMatchObject({ model: 'linear_regression', task: 'regression', n_splits: 4, n: 90 });
    expect(out.folds.map((f) => f.test_rows)).toEqual([23, 23, 22, 22]);
    for (const f of out.folds) expect(f.train_rows + f.test_rows).toBe(90);
    expect(Object.keys(out.metrics)).toEqual(['rmse', 'mae', 'r2']);

    // Fold f holds rows 23f.. (unshuffled KFold): fit on the rest through the trainer node and score the fold.
    const { fold } = assignFolds(90, 4, { classes: null, shuffle: false, seed: 0 });
    const numbered = await table(env().data, `SELECT row_number() OVER () - 1 AS r, * FROM (${NUMBERS})`);
    for (let f = 0; f < 4; f++) {
      const inFold = Array.from(fold).flatMap((g, i) => (g === f ? [i] : []));
      const trainRows = await table(env().data, `SELECT x, z, y FROM "${numbered.table}" WHERE r NOT IN (${inFold.join(',')}) ORDER BY r`);
      const testRows = await table(env().data, `SELECT x, z, y FROM "${numbered.table}" WHERE r IN (${inFold.join(',')}) ORDER BY r`);
      const { model } = await train(linearRegressionNode, env(), trainRows, { target: 'y' });
      const scored = (await runNode(evaluateRegressionNode, env(), { model, data: testRows }, {})).metrics as { rmse: number; r2: number };
      expect(out.metrics.rmse.folds[f]).toBeCloseTo(scored.rmse, 10);
      expect(out.metrics.r2.folds[f]).toBeCloseTo(scored.r2, 10);
    }
    const rmse = out.metrics.rmse.folds as number[];
    const mean = rmse.reduce((a, b) => a + b, 0) / 4;
    expect(out.metrics.rmse.mean).toBeCloseTo(mean, 12);
    expect(out.metrics.rmse.std).toBeCloseTo(Math.sqrt(rmse.reduce((a, v) => a + (v - mean) ** 2, 0) / 4), 12);
  });

  it('classification: stratified folds, nested model params, every classification metric', async () => {
    const data = await table(env().data, CLASSES);
    const out = (
      await runNode(crossValidateNode, env(), { data }, { target: 'label', model: 'gradient_boosting', params: { max_iter: 5 }, shuffle: true, seed: 2 })
    ).metrics as CrossValidation;
    expect(out).toMatchObject({ task: 'classification', n_splits: 5, n: 300 });
    expect(out.folds.map((f) => f.test_rows).reduce((a, b) => a + b, 0)).toBe(300);
    expect(Object.keys(out.metrics)).toEqual(['accuracy', 'balanced_accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'log_loss', 'roc_auc']);
    expect(out.metrics.accuracy.folds).toHaveLength(5);
    expect(out.metrics.accuracy.mean!).toBeGreaterThan(0.6);
    // The same seed gives the same numbers.
    const again = (await runNode(crossValidateNode, env(), { data }, { target: 'label', model: 'gradient_boosting', params: { max_iter: 5 }, shuffle: true, seed: 2 })).metrics;
    expect(again).toEqual(out);
  });

  it('checks nested params against the chosen model at validation time', () => {
    const schema = crossValidateNode.declaration.params;
    const bad = schema.safeParse({ target: 'y', model: 'knn', params: { n_neighbours: 3, weights: 'far', seed: 1 } });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^params\.n_neighbours: model\.knn has no param 'n_neighbours'/),
        expect.stringMatching(/^params\.seed: set 'seed' on evaluate\.cross_validate itself/),
        expect.stringMatching(/^params\.weights: /),
      ]),
    );
    expect(schema.safeParse({ target: 'y', model: 'knn', params: { n_neighbors: 3 } }).success).toBe(true);
  });
});
