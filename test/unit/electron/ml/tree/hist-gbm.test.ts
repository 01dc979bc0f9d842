// Histogram gradient boosting: baselines, Newton leaf values, losses that fall, early stopping, missing
// routing, covers, multiclass softmax, save/load and cancellation.

import { describe, expect, it } from 'vitest';
import { Random } from '../../../../../electron/ml/random.js';
import * as gbm from '../../../../../electron/ml/tree/hist-gbm.js';
import { modelFromJson, modelToJson } from '../../../../../electron/ml/tree/model.js';
import type { Tree } from '../../../../../electron/ml/tree/types.js';
import type { FitControl } from '../../../../../electron/ml/types.js';
import { accuracy, classes, matrix, r2, values } from './fixtures.js';

type Step = Parameters<NonNullable<FitControl['onStep']>>[0];
const leaves = (t: Tree) => Array.from(t.feature.keys()).filter((i) => t.feature[i] < 0);

function smooth(n: number, seed: number) {
  const r = new Random(seed);
  const a = Array.from({ length: n }, () => r.uniform() * 4 - 2);
  const b = Array.from({ length: n }, () => r.uniform() * 4 - 2);
  const c = Array.from({ length: n }, () => r.uniform());
  return { X: matrix([a, b, c]), y: values(a.map((v, i) => Math.sin(2 * v) + 0.5 * b[i] * b[i])) };
}

function labelled(n: number, K: number, seed: number, noise = 0.5) {
  const r = new Random(seed);
  const cols = Array.from({ length: 4 }, () => Array.from({ length: n }, () => r.normal()));
  const y = cols[0].map((v, i) => {
    const s = v + cols[1][i] * cols[2][i] + noise * r.normal();
    return K === 2 ? (s > 0 ? 1 : 0) : s < -0.6 ? 0 : s < 0.6 ? 1 : 2;
  });
  return { X: matrix(cols), y: classes(y, K) };
}

describe('gradient boosting', () => {
  it('regression reaches low error on a known function, with the mean as baseline', () => {
    const tr = smooth(3000, 1);
    const te = smooth(1000, 2);
    const model = gbm.fitGradientBoosting(tr.X, tr.y, {}, { seed: 0 });
    const mean = Array.from((tr.y as { values: Float64Array }).values).reduce((a, b) => a + b, 0) / 3000;
    expect(model.ensemble.baseMargin[0]).toBeCloseTo(mean, 12);
    expect(model.nIter).toBe(100);
    expect(model.ensemble.trees.length).toBe(100);
    expect(r2(gbm.predict(model, te.X), te.y)).toBeGreaterThan(0.99);
  });

  it('one round with learning rate 1 and two leaves: Newton leaf values are the mean residual per side', () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7];
    const y = [1, 1, 2, 2, 10, 10, 12, 12];
    const model = gbm.fitGradientBoosting(matrix([x]), values(y), { max_iter: 1, learning_rate: 1, max_leaf_nodes: 2, min_samples_leaf: 1 }, { seed: 0 });
    const tree = model.ensemble.trees[0];
    expect(tree.threshold[0]).toBe(3.5);
    expect(model.ensemble.baseMargin[0]).toBe(6.25);
    expect(tree.value[tree.left[0]]).toBeCloseTo(1.5 - 6.25, 12);
    expect(tree.value[tree.right[0]]).toBeCloseTo(11 - 6.25, 12);
    // squared error: every hessian is 1, so cover = row count
    expect([tree.cover[0], tree.cover[1], tree.cover[2]]).toEqual([8, 4, 4]);
    const pred = gbm.predict(model, matrix([[3.5, 3.6]]));
    expect(pred[0]).toBeCloseTo(1.5, 12);
    expect(pred[1]).toBeCloseTo(11, 12);
  });

  it('binary: log-odds baseline, train loss falls every round, cover = hessian sum', () => {
    const { X, y } = labelled(2000, 2, 3);
    const steps: Step[] = [];
    const model = gbm.fitGradientBoosting(X, y, {}, { seed: 0, onStep: (s) => steps.push(s) });
    const p = Array.from((y as { codes: Int32Array }).codes).reduce((a, b) => a + b, 0) / 2000;
    expect(model.ensemble.baseMargin[0]).toBeCloseTo(Math.log(p / (1 - p)), 12);
    expect(model.ensemble.link).toBe('logistic');
    expect(steps.map((s) => s.step)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    for (let i = 1; i < steps.length; i++) expect(steps[i].train_loss!).toBeLessThan(steps[i - 1].train_loss!);
    expect(steps.every((s) => s.valid_loss === undefined)).toBe(true);
    // the first tree's root cover is the sum of p(1-p) at the baseline
    expect(model.ensemble.trees[0].cover[0]).toBeCloseTo(2000 * p * (1 - p), 8);
    // the last reported loss is the log loss of predicting the raw training data (binned and raw paths agree)
    const proba = gbm.predictProba(model, X);
    let loss = 0;
    for (let i = 0; i < 2000; i++) loss -= Math.log(proba[2 * i + (y as { codes: Int32Array }).codes[i]]);
    expect(loss / 2000).toBeCloseTo(steps[99].train_loss!, 10);
    for (const tree of model.ensemble.trees) expect(leaves(tree).length).toBeLessThanOrEqual(31);
  });

  it('multiclass: K trees per round, softmax probabilities that sum to 1, falling loss', () => {
    const { X, y } = labelled(1500, 3, 4);
    const test = labelled(500, 3, 5);
    const steps: Step[] = [];
    const model = gbm.fitGradientBoosting(X, y, { max_iter: 30 }, { seed: 0, onStep: (s) => steps.push(s) });
    expect(model.ensemble.trees.length).toBe(90);
    expect(Array.from(model.ensemble.treeOutput.subarray(0, 6))).toEqual([0, 1, 2, 0, 1, 2]);
    const counts = [0, 1, 2].map((k) => Array.from((y as { codes: Int32Array }).codes).filter((c) => c === k).length / 1500);
    const logs = counts.map(Math.log);
    const meanLog = logs.reduce((a, b) => a + b, 0) / 3;
    logs.forEach((l, k) => expect(model.ensemble.baseMargin[k]).toBeCloseTo(l - meanLog, 12));
    const p = gbm.predictProba(model, test.X);
    for (let i = 0; i < 500; i++) expect(p[3 * i] + p[3 * i + 1] + p[3 * i + 2]).toBeCloseTo(1, 12);
    for (let i = 1; i < steps.length; i++) expect(steps[i].train_loss!).toBeLessThan(steps[i - 1].train_loss!);
    expect(accuracy(gbm.predict(model, test.X), test.y)).toBeGreaterThan(0.75);
  });

  it('early stopping on noise stops well before max_iter and reports validation loss', () => {
    const r = new Random(6);
    const X = matrix(Array.from({ length: 3 }, () => Array.from({ length: 1000 }, () => r.normal())));
    const y = classes(Array.from({ length: 1000 }, () => r.int(2)));
    const steps: Step[] = [];
    const model = gbm.fitGradientBoosting(X, y, { early_stopping: true, max_iter: 200 }, { seed: 0, onStep: (s) => steps.push(s) });
    expect(model.nIter).toBeLessThan(60);
    expect(model.nIter).toBeGreaterThanOrEqual(10);
    expect(steps.length).toBe(model.nIter);
    expect(model.ensemble.trees.length).toBe(model.nIter);
    expect(steps.every((s) => typeof s.valid_loss === 'number')).toBe(true);
    // 'auto' means off at 1000 rows
    expect(gbm.fitGradientBoosting(X, y, { max_iter: 25 }, { seed: 0 }).nIter).toBe(25);
  });

  it('validates on given rows when a validation set is passed', () => {
    const tr = labelled(800, 2, 7);
    const va = labelled(300, 2, 8);
    const steps: Step[] = [];
    gbm.fitGradientBoosting(tr.X, tr.y, { max_iter: 5 }, { seed: 0, onStep: (s) => steps.push(s) }, va);
    expect(steps.length).toBe(5);
    expect(steps.every((s) => typeof s.valid_loss === 'number')).toBe(true);
  });

  it('learns where missing values go', () => {
    const x = [...Array.from({ length: 100 }, (_, i) => i), ...new Array<number>(40).fill(NaN)];
    for (const [missingClass, left] of [[1, 0], [0, 1]] as const) {
      const y = x.map((v) => (Number.isNaN(v) ? missingClass : v < 50 ? 0 : 1));
      const model = gbm.fitGradientBoosting(matrix([x]), classes(y), { max_iter: 3 }, { seed: 0 });
      const tree = model.ensemble.trees[0];
      expect(tree.threshold[0]).toBe(49.5);
      expect(tree.missingLeft[0]).toBe(left);
      expect(gbm.predict(model, matrix([[NaN]]))[0]).toBe(missingClass);
    }
  });

  it('splits missing from non-missing rows with threshold +Infinity when that is the signal', () => {
    const x = [...new Array<number>(60).fill(1), ...new Array<number>(60).fill(NaN)];
    const y = x.map((v) => (Number.isNaN(v) ? 5 : -5));
    const model = gbm.fitGradientBoosting(matrix([x]), values(y), { max_iter: 1, learning_rate: 1 }, { seed: 0 });
    const tree = model.ensemble.trees[0];
    expect(tree.threshold[0]).toBe(Infinity);
    expect(tree.missingLeft[0]).toBe(0);
    const pred = gbm.predict(model, matrix([[NaN, 1, 1e308]]));
    expect(Array.from(pred, (v) => Math.round(v * 1e9) / 1e9)).toEqual([5, -5, -5]);
  });

  it('respects min_samples_leaf and max_depth', () => {
    const { X, y } = smooth(2000, 9);
    const model = gbm.fitGradientBoosting(X, y, { max_iter: 5, min_samples_leaf: 50, max_depth: 3 }, { seed: 0 });
    for (const tree of model.ensemble.trees) {
      for (const leaf of leaves(tree)) expect(tree.cover[leaf]).toBeGreaterThanOrEqual(50);
      expect(leaves(tree).length).toBeLessThanOrEqual(8);
    }
  });

  it('is deterministic per seed, and saves/loads with identical predictions', () => {
    const { X, y } = labelled(12000, 2, 10);
    const a = gbm.fitGradientBoosting(X, y, { max_iter: 15 }, { seed: 1 });
    const b = gbm.fitGradientBoosting(X, y, { max_iter: 15 }, { seed: 1 });
    const c = gbm.fitGradientBoosting(X, y, { max_iter: 15 }, { seed: 2 });
    // above 10,000 rows early stopping is on: the seed picks the validation rows
    expect(JSON.stringify(modelToJson(a))).toBe(JSON.stringify(modelToJson(b)));
    expect(JSON.stringify(modelToJson(a))).not.toBe(JSON.stringify(modelToJson(c)));
    const back = modelFromJson<gbm.GradientBoostingModel>(JSON.parse(JSON.stringify(modelToJson(a))));
    expect(gbm.predictProba(back, X)).toEqual(gbm.predictProba(a, X));
    expect(back.nIter).toBe(a.nIter);
  });

  it('throws cancelled when cancelled mid-fit', () => {
    const { X, y } = labelled(500, 2, 11);
    const steps: Step[] = [];
    expect(() =>
      gbm.fitGradientBoosting(X, y, {}, { seed: 0, onStep: (s) => steps.push(s), isCancelled: () => steps.length >= 3 }),
    ).toThrow(expect.objectContaining({ kind: 'cancelled' }));
    expect(steps.length).toBe(3);
  });

  it('rejects bad parameters and single-class targets', () => {
    const { X, y } = labelled(100, 2, 12);
    expect(() => gbm.fitGradientBoosting(X, y, { learning_rate: 0 }, { seed: 0 })).toThrow(expect.objectContaining({ kind: 'invalid_input', where: { param: 'learning_rate' } }));
    expect(() => gbm.fitGradientBoosting(X, classes(new Array<number>(100).fill(0), 1), {}, { seed: 0 })).toThrow(expect.objectContaining({ kind: 'invalid_input' }));
  });
});
