// kNN: hand-checked votes and means (uniform and distance weights, ties), exact search vs a full
// sort, standardization, one-hot distances, missing values, save/load.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitKnn, knnNeighbors, nearestNeighbors, predictKnn, predictProbaKnn, type KnnModel } from '../../../../../electron/ml/knn/index.js';
import { fromRows } from '../fixture-matrix.js';

const classes = (codes: number[], names = ['a', 'b']) => ({ task: 'classification' as const, codes: Int32Array.from(codes), classes: names });
const regression = (values: number[]) => ({ task: 'regression' as const, values: Float64Array.from(values) });

// 1-D training points 0, 1, 2, 3, 10 with classes a a b b b. From 1.5 the distances are
// 1.5, 0.5, 0.5, 1.5, 8.5: the 3 nearest are rows 1 and 2 (0.5) and then row 0, which wins the
// 1.5 tie against row 3 by its lower index.
const train = fromRows([[0], [1], [2], [3], [10]]);
const labels = classes([0, 0, 1, 1, 1]);

describe('kNN, hand-checked', () => {
  it('finds neighbours in (distance, index) order', () => {
    const model = fitKnn(train, labels, { n_neighbors: 3, standardize: false });
    const nb = knnNeighbors(model, fromRows([[1.5]]));
    expect(Array.from(nb.index)).toEqual([1, 2, 0]);
    expect(Array.from(nb.distance)).toEqual([0.5, 0.5, 1.5]);
  });

  it('uniform weights: probabilities are vote shares', () => {
    const model = fitKnn(train, labels, { n_neighbors: 3, standardize: false });
    const X = fromRows([[1.5], [9]]);
    expect(Array.from(predictProbaKnn(model, X))).toEqual([2 / 3, 1 / 3, 0, 1]);
    expect(Array.from(predictKnn(model, X))).toEqual([0, 1]);
  });

  it('distance weights: 1/d, and an exact match takes all the weight', () => {
    const model = fitKnn(train, labels, { n_neighbors: 3, weights: 'distance', standardize: false });
    const p = predictProbaKnn(model, fromRows([[1.5], [2]]));
    // 1.5: a gets 1/0.5 + 1/1.5, b gets 1/0.5.
    expect(p[0]).toBeCloseTo((2 + 2 / 3) / (4 + 2 / 3), 15);
    expect(p[1]).toBeCloseTo(2 / (4 + 2 / 3), 15);
    // 2 coincides with row 2 (class b): neighbours at distance 0 get weight 1, the others 0.
    expect([p[2], p[3]]).toEqual([0, 1]);
  });

  it('a tied vote goes to the first class', () => {
    const model = fitKnn(train, labels, { n_neighbors: 2, standardize: false });
    const X = fromRows([[1.5]]);
    expect(Array.from(predictProbaKnn(model, X))).toEqual([0.5, 0.5]);
    expect(Array.from(predictKnn(model, X))).toEqual([0]);
  });

  it('regression: mean or distance-weighted mean of the neighbours', () => {
    const y = regression([0, 10, 20, 30, 100]);
    const uniform = fitKnn(train, y, { n_neighbors: 3, standardize: false });
    expect(predictKnn(uniform, fromRows([[1.5]]))[0]).toBeCloseTo(10, 14);
    const weighted = fitKnn(train, y, { n_neighbors: 3, weights: 'distance', standardize: false });
    expect(predictKnn(weighted, fromRows([[1.5]]))[0]).toBeCloseTo((2 * 10 + 2 * 20 + (2 / 3) * 0) / (4 + 2 / 3), 13);
    expect(predictKnn(weighted, fromRows([[3]]))[0]).toBe(30);
  });

  it('one-hot categories are √2 apart and missing numerics take the training mean', () => {
    const X = fromRows([[0, 0], [1, 10], [2, 20]], [['r', 'g', 'b'], null]);
    const model = fitKnn(X, classes([0, 1, 2], ['r', 'g', 'b']), { n_neighbors: 3, standardize: false });
    const nb = knnNeighbors(model, fromRows([[1, 10]], [['r', 'g', 'b'], null]));
    expect(Array.from(nb.index)).toEqual([1, 0, 2]);
    expect(nb.distance[1]).toBeCloseTo(Math.sqrt(2 + 100), 14);
    expect(model.encoding.fill).toEqual([0, 10]);
    const missing = knnNeighbors(model, fromRows([[1, NaN]], [['r', 'g', 'b'], null]));
    expect(Array.from(missing.distance)).toEqual(Array.from(nb.distance));
  });
});

describe('kNN, exact search', () => {
  it('equals a full sort by (distance, index) on random data with many ties', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 3 * 90, maxLength: 3 * 90 }),
        fc.integer({ min: 1, max: 12 }),
        (dims, values, k) => {
          const nTrain = 20;
          const nQueries = 70; // more than one block of queries
          const tr = Float64Array.from(values.slice(0, nTrain * dims));
          const q = Float64Array.from(values.slice(nTrain * dims, (nTrain + nQueries) * dims));
          const nb = nearestNeighbors(tr, nTrain, q, nQueries, dims, k);
          for (let i = 0; i < nQueries; i++) {
            const all = Array.from({ length: nTrain }, (_, t) => {
              let s = 0;
              for (let c = 0; c < dims; c++) s += (q[i * dims + c] - tr[t * dims + c]) ** 2;
              return { t, d: Math.sqrt(s) };
            }).sort((a, b) => a.d - b.d || a.t - b.t);
            expect(Array.from(nb.index.subarray(i * k, (i + 1) * k))).toEqual(all.slice(0, k).map((e) => e.t));
            expect(Array.from(nb.distance.subarray(i * k, (i + 1) * k))).toEqual(all.slice(0, k).map((e) => e.d));
          }
        },
      ),
      { numRuns: 40, seed: 3 },
    );
  });

  it('standardizes with the training mean and population std', () => {
    const rows = [[0, 0], [0, 100], [1, 0], [1, 100], [0.5, 30]];
    const model = fitKnn(fromRows(rows), regression([1, 2, 3, 4, 5]), { n_neighbors: 5 });
    const mean = [0.5, 46];
    const sd = [0, 1].map((j) => Math.sqrt(rows.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / rows.length));
    const query = [0.9, 60];
    const expected = rows
      .map((r, t) => ({ t, d: Math.hypot((r[0] - query[0]) / sd[0], (r[1] - query[1]) / sd[1]) }))
      .sort((a, b) => a.d - b.d || a.t - b.t);
    const nb = knnNeighbors(model, fromRows([query]));
    expect(Array.from(nb.index)).toEqual(expected.map((e) => e.t));
    nb.distance.forEach((d, j) => expect(d).toBeCloseTo(expected[j].d, 13));
  });
});

describe('kNN model object', () => {
  it('survives JSON save and load with identical predictions, and probabilities sum to 1', () => {
    const X = fromRows(Array.from({ length: 30 }, (_, i) => [Math.sin(i), Math.cos(3 * i), i % 4]));
    const y = classes(Array.from({ length: 30 }, (_, i) => i % 3), ['x', 'y', 'z']);
    const model = fitKnn(X, y, { weights: 'distance' });
    const loaded = JSON.parse(JSON.stringify(model)) as KnnModel;
    const Q = fromRows(Array.from({ length: 10 }, (_, i) => [Math.sin(i + 0.5), Math.cos(i), (i + 1) % 4]));
    const p = predictProbaKnn(model, Q);
    expect(Array.from(predictProbaKnn(loaded, Q))).toEqual(Array.from(p));
    for (let i = 0; i < 10; i++) expect(p[3 * i] + p[3 * i + 1] + p[3 * i + 2]).toBeCloseTo(1, 14);
    expect(JSON.stringify(fitKnn(X, y, { weights: 'distance' }))).toBe(JSON.stringify(model));
  });

  it('rejects more neighbours than rows and unknown weights', () => {
    expect(() => fitKnn(train, labels, { n_neighbors: 6 })).toThrow(/n_neighbors/);
    expect(() => fitKnn(train, labels, { n_neighbors: 0 })).toThrow(/n_neighbors/);
    expect(() => fitKnn(train, labels, { weights: 'gaussian' as 'uniform' })).toThrow(/weights/);
  });
});
