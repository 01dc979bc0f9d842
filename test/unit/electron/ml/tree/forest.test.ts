// Random forest: determinism per seed, probabilities, bootstrap covers, binning edge cases, missing values,
// the JSON round trip and cancellation.

import { describe, expect, it } from 'vitest';
import { Random } from '../../../../../electron/ml/random.js';
import * as forest from '../../../../../electron/ml/tree/forest.js';
import { modelFromJson, modelToJson } from '../../../../../electron/ml/tree/model.js';
import { accuracy, classes, matrix, r2, values } from './fixtures.js';

function blobs(n: number, seed: number) {
  const r = new Random(seed);
  const cols = Array.from({ length: 6 }, () => new Array<number>(n));
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = r.int(3);
    y.push(c);
    for (let j = 0; j < 6; j++) cols[j][i] = r.normal() + (j === c ? 2 : 0);
  }
  return { X: matrix(cols), y: classes(y, 3) };
}

describe('random forest', () => {
  const train = blobs(600, 1);
  const test = blobs(400, 2);

  it('same seed gives an identical model; a different seed a different forest', () => {
    const json = (seed: number) => JSON.stringify(modelToJson(forest.fitRandomForest(train.X, train.y, { n_estimators: 10 }, { seed })));
    expect(json(7)).toBe(json(7));
    expect(json(7)).not.toBe(json(8));
  });

  it('averages class shares: probabilities sum to 1 and predict is their argmax', () => {
    const model = forest.fitRandomForest(train.X, train.y, { n_estimators: 30 }, { seed: 0 });
    const p = forest.predictProba(model, test.X);
    const pred = forest.predict(model, test.X);
    for (let i = 0; i < test.X.nRows; i++) {
      const row = Array.from(p.subarray(3 * i, 3 * i + 3));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(pred[i]).toBe(row.indexOf(Math.max(...row)));
    }
    expect(accuracy(pred, test.y)).toBeGreaterThan(0.8);
    expect(model.params.max_features).toBe('sqrt');
    expect(model.ensemble.aggregation).toBe('mean');
  });

  it('bootstrap: the root cover is n (counts as weights) and fewer than n distinct rows are used', () => {
    const model = forest.fitRandomForest(train.X, train.y, { n_estimators: 5 }, { seed: 0 });
    for (const tree of model.ensemble.trees) expect(tree.cover[0]).toBe(600);
    const noBootstrap = forest.fitRandomForest(train.X, train.y, { n_estimators: 2, bootstrap: false, max_features: null }, { seed: 0 });
    const p0 = noBootstrap.ensemble.trees[0];
    expect(p0.cover[0]).toBe(600);
    // a fully grown tree on distinct points fits the training data
    expect(accuracy(forest.predict(noBootstrap, train.X), train.y)).toBe(1);
  });

  it('regression: defaults to all features and fits a smooth function', () => {
    const r = new Random(3);
    const make = (n: number) => {
      const a = Array.from({ length: n }, () => r.uniform() * 4 - 2);
      const b = Array.from({ length: n }, () => r.uniform() * 4 - 2);
      return { X: matrix([a, b]), y: values(a.map((v, i) => Math.sin(2 * v) + b[i] * b[i] * 0.5)) };
    };
    const tr = make(1500);
    const te = make(500);
    const model = forest.fitRandomForest(tr.X, tr.y, { n_estimators: 30 }, { seed: 1 });
    expect(model.params.max_features).toBe(1);
    expect(r2(forest.predict(model, te.X), te.y)).toBeGreaterThan(0.95);
  });

  it('splits exactly between distinct values when there are at most 255 of them', () => {
    const xs = Array.from({ length: 40 }, (_, i) => i * 0.5);
    const model = forest.fitRandomForest(matrix([xs]), classes(xs.map((x) => (x > 7.2 ? 1 : 0))), { n_estimators: 1, bootstrap: false }, { seed: 0 });
    expect(model.ensemble.trees[0].threshold[0]).toBe(7.25);
  });

  it('routes missing values by a learned direction', () => {
    const x = [...Array.from({ length: 30 }, (_, i) => i), ...new Array<number>(10).fill(NaN)];
    const y = x.map((v) => (Number.isNaN(v) || v < 15 ? 0 : 1));
    const model = forest.fitRandomForest(matrix([x]), classes(y), { n_estimators: 1, bootstrap: false }, { seed: 0 });
    const tree = model.ensemble.trees[0];
    expect(tree.threshold[0]).toBe(14.5);
    expect(tree.missingLeft[0]).toBe(1);
    expect(Array.from(forest.predict(model, matrix([[NaN, 3, 20]])))).toEqual([0, 0, 1]);
  });

  it('entropy criterion and a regression forest with missing values also work', () => {
    const model = forest.fitRandomForest(train.X, train.y, { n_estimators: 20, criterion: 'entropy' }, { seed: 0 });
    expect(accuracy(forest.predict(model, test.X), test.y)).toBeGreaterThan(0.8);
    const x = [...Array.from({ length: 40 }, (_, i) => i % 4), ...new Array<number>(20).fill(NaN)];
    const reg = forest.fitRandomForest(matrix([x]), values(x.map((v) => (Number.isNaN(v) ? 10 : v))), { n_estimators: 1, bootstrap: false }, { seed: 0 });
    expect(Array.from(forest.predict(reg, matrix([[NaN, 0, 1, 2, 3]])))).toEqual([10, 0, 1, 2, 3]);
  });

  it('saves and loads: identical predictions', () => {
    const model = forest.fitRandomForest(train.X, train.y, { n_estimators: 8 }, { seed: 0 });
    const back = modelFromJson<forest.RandomForestModel>(JSON.parse(JSON.stringify(modelToJson(model))));
    expect(forest.predictProba(back, test.X)).toEqual(forest.predictProba(model, test.X));
  });

  it('reports progress per tree and throws cancelled between trees', () => {
    const fractions: number[] = [];
    forest.fitRandomForest(train.X, train.y, { n_estimators: 4 }, { seed: 0, threads: 1, onProgress: (f) => fractions.push(f) });
    expect(fractions).toEqual([0.25, 0.5, 0.75, 1]);
    let trees = 0;
    expect(() =>
      forest.fitRandomForest(train.X, train.y, { n_estimators: 10 }, { seed: 0, threads: 1, onProgress: () => trees++, isCancelled: () => trees >= 3 }),
    ).toThrow(expect.objectContaining({ kind: 'cancelled' }));
    expect(trees).toBe(3);
    // on two threads, trees come in jobs of 8: progress per job, cancel between jobs
    const shared: number[] = [];
    expect(() =>
      forest.fitRandomForest(train.X, train.y, { n_estimators: 20 }, { seed: 0, threads: 2, onProgress: (f) => shared.push(f), isCancelled: () => shared.length > 0 }),
    ).toThrow(expect.objectContaining({ kind: 'cancelled' }));
    expect(shared).toEqual([0.4]);
  });
});
