// The scoring server's flattened tree ensembles answer bit for bit what predictWithModel answers: decision tree,
// random forest and gradient boosting (binary, multiclass, regression, a decision threshold) trained here, and
// imported XGBoost boosters (binary, multiclass, regression: the float32 `<` split rule), on rows with missing
// values and unseen category codes; other kinds are not flattened.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelFile, predictWithModel, type PlumbModelFile } from '../../../../electron/ml/model-file.js';
import { Random } from '../../../../electron/ml/random.js';
import { ensembleFromJson, type TreeEnsembleJson } from '../../../../electron/ml/tree/json.js';
import type { FeatureMatrix } from '../../../../electron/ml/types.js';
import { importXgboostJson } from '../../../../electron/ml/xgboost/import.js';
import { decisionTreeNode } from '../../../../electron/nodes/model/decision_tree.js';
import { gradientBoostingNode } from '../../../../electron/nodes/model/gradient_boosting.js';
import { logisticRegressionNode } from '../../../../electron/nodes/model/logistic_regression.js';
import { xgboostModelFile } from '../../../../electron/nodes/model/import_xgboost.js';
import { randomForestNode } from '../../../../electron/nodes/model/random_forest.js';
import { compileTrees } from '../../../../electron/serve/compiled-trees.js';
import { sharedEnv, table, throughJson, train } from '../nodes/model/run-node.js';

const { env } = sharedEnv();
const fixtures = join(import.meta.dirname, '../../../fixtures/ml');

// 600 rows: x1, x2 numeric (some missing), c categorical; three targets.
const DATA = `
  SELECT i,
         CASE WHEN i % 17 = 0 THEN NULL ELSE ((hash(i) % 1000) / 100.0 - 5) END AS x1,
         CASE WHEN i % 23 = 0 THEN NULL ELSE ((hash(i * 3 + 1) % 1000) / 250.0 - 2) END AS x2,
         ['red', 'green', 'blue', 'amber'][1 + (hash(i * 7) % 4)::INT] AS c,
         CASE WHEN (hash(i * 11) % 100) < 50 + 8 * coalesce(x1, 0) THEN 'yes' ELSE 'no' END AS binary,
         ['a', 'b', 'c'][1 + (abs(floor(coalesce(x1, 0) + coalesce(x2, 0)))::INT % 3)] AS multi,
         3 * coalesce(x1, 1) - 2 * coalesce(x2, 0) + (hash(i * 5) % 100) / 50.0 AS value
  FROM range(600) t(i)`;

/** The split thresholds of each feature (values exactly on them decide `<=` against `<`). */
function thresholdsOf(file: PlumbModelFile): number[][] {
  const ensemble = ensembleFromJson((file.model as { ensemble: TreeEnsembleJson }).ensemble);
  const out = file.features.map((): number[] => []);
  for (const tree of ensemble.trees) tree.feature.forEach((f, i) => f >= 0 && out[f].push(tree.threshold[i]));
  return out;
}

/**
 * Random rows over the file's features: numbers around the training range, values exactly on split thresholds
 * and a hair beside them, missing values, every code and unseen codes.
 */
function rowsFor(file: PlumbModelFile, n: number, seed: number): FeatureMatrix {
  const random = new Random(seed);
  const thresholds = thresholdsOf(file);
  const columns = file.features.map((f, j) => {
    const levels = file.feature_levels[f];
    return Float64Array.from({ length: n }, () => {
      const u = random.uniform();
      if (u < 0.08) return NaN;
      if (levels) return u < 0.12 ? levels.length : random.int(levels.length);
      if (u < 0.5 && thresholds[j].length) {
        const t = thresholds[j][random.int(thresholds[j].length)];
        // Just below or above, by less than half a float32 step: fround brings it back onto the threshold.
        return u < 0.4 ? t : t + (u < 0.45 ? 1e-9 : -1e-9) * Math.abs(t);
      }
      return random.normal() * 4;
    });
  });
  return { nRows: n, columns, names: file.features.slice(), levels: file.features.map((f) => file.feature_levels[f] ?? null) };
}

function expectSame(file: PlumbModelFile, X: FeatureMatrix) {
  const compiled = compileTrees(file);
  expect(compiled).toBeDefined();
  const want = predictWithModel(file, X);
  const got = compiled!.predict(X);
  expect(got.prediction.constructor).toBe(want.prediction.constructor);
  expect(Array.from(got.prediction)).toEqual(Array.from(want.prediction));
  expect(got.proba && Array.from(got.proba)).toEqual(want.proba && Array.from(want.proba));
  expect(got.margin && Array.from(got.margin)).toEqual(want.margin && Array.from(want.margin));
  // One row at a time (the request path's usual batch) gives the same.
  for (let i = 0; i < Math.min(X.nRows, 40); i++) {
    const one = compiled!.predict({ ...X, nRows: 1, columns: X.columns.map((c) => c.subarray(i, i + 1)) });
    expect(Array.from(one.prediction)).toEqual([want.prediction[i]]);
  }
}

describe('flattened tree ensembles', () => {
  const trainers = [
    ['decision_tree', decisionTreeNode, { max_depth: 6 }],
    ['random_forest', randomForestNode, { n_estimators: 15, max_depth: 6 }],
    ['gradient_boosting', gradientBoostingNode, { max_iter: 12 }],
  ] as const;
  for (const [kind, node, params] of trainers) {
    it.each(['binary', 'multi', 'value'])(`${kind}, target %s`, async (target) => {
      const data = await table(env().data, DATA);
      const { model } = await train(node as typeof decisionTreeNode, env(), data, { target, features: ['x1', 'x2', 'c'], ...params } as never);
      const file = loadModelFile(throughJson(model));
      expectSame(file, rowsFor(file, 500, target.length));
    }, 60_000);
  }

  it('a binary classifier with a decision threshold', async () => {
    const data = await table(env().data, DATA);
    const { model } = await train(gradientBoostingNode, env(), data, { target: 'binary', features: ['x1', 'x2', 'c'], max_iter: 8 });
    const file = loadModelFile({ ...throughJson(model), decision_threshold: 0.3 });
    expectSame(file, rowsFor(file, 300, 9));
  }, 60_000);

  it.each(['xgb_binary', 'xgb_multiclass', 'xgb_regression'])('imported XGBoost booster %s (float32 < splits)', (name) => {
    const imported = importXgboostJson(JSON.parse(readFileSync(join(fixtures, name, 'model.json'), 'utf8')));
    const file = loadModelFile(throughJson(xgboostModelFile(imported, null, null)));
    expect(file.type).toBe('xgboost');
    const X = rowsFor(file, 400, 3);
    // The fixture's own rows too, including values on thresholds.
    const csv = readFileSync(join(fixtures, name, 'rows.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const own: FeatureMatrix = { nRows: csv.length, columns: file.features.map((_, j) => Float64Array.from(csv, (r) => (r[j] === '' ? NaN : Number(r[j])))), names: file.features.slice(), levels: file.features.map(() => null) };
    expectSame(file, X);
    expectSame(file, own);
  });

  it('other kinds are not flattened', async () => {
    const data = await table(env().data, DATA);
    const { model } = await train(logisticRegressionNode, env(), data, { target: 'binary', features: ['x1', 'x2'] });
    expect(compileTrees(loadModelFile(throughJson(model)))).toBeUndefined();
  });
});
