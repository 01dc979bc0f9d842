// kNN search: the KD-tree, the blocked brute force and the dispatcher all equal the original brute force
// (kept below as the oracle) exactly, on random data with many ties and duplicate rows, and so do the
// model's predictions for every weights option.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bruteForceNeighbors,
  buildKdTree,
  fitKnn,
  kdTreeNeighbors,
  KD_TREE_MAX_DIMS,
  knnNeighbors,
  nearestNeighbors,
  predictKnn,
  predictProbaKnn,
  type KnnModel,
  type Neighbors,
} from '../../../../../electron/ml/knn/index.js';
import { Random } from '../../../../../electron/ml/random.js';
import { designRows } from '../../../../../electron/ml/standardize.js';
import type { FeatureMatrix } from '../../../../../electron/ml/types.js';

/** The brute force every search must equal: one max-heap per query by (squared distance, index), then a sort. */
function oracleNeighbors(train: Float64Array, nTrain: number, queries: Float64Array, nQueries: number, dims: number, k: number): Neighbors {
  const heapD = new Float64Array(nQueries * k);
  const heapI = new Int32Array(nQueries * k);
  const size = new Int32Array(nQueries);
  const above = (a: number, b: number) => heapD[a] > heapD[b] || (heapD[a] === heapD[b] && heapI[a] > heapI[b]);
  const swap = (a: number, b: number) => {
    [heapD[a], heapD[b]] = [heapD[b], heapD[a]];
    [heapI[a], heapI[b]] = [heapI[b], heapI[a]];
  };
  for (let q0 = 0; q0 < nQueries; q0 += 64) {
    const q1 = Math.min(nQueries, q0 + 64);
    for (let t = 0; t < nTrain; t++) {
      for (let q = q0; q < q1; q++) {
        let s = 0;
        for (let c = 0; c < dims; c++) {
          const diff = queries[q * dims + c] - train[t * dims + c];
          s += diff * diff;
        }
        const h = q * k;
        if (size[q] < k) {
          let i = size[q]++;
          heapD[h + i] = s;
          heapI[h + i] = t;
          while (i > 0 && above(h + i, h + ((i - 1) >> 1))) {
            swap(h + i, h + ((i - 1) >> 1));
            i = (i - 1) >> 1;
          }
        } else if (s < heapD[h]) {
          heapD[h] = s;
          heapI[h] = t;
          for (let i = 0; ; ) {
            const l = 2 * i + 1;
            let top = i;
            if (l < k && above(h + l, h + top)) top = l;
            if (l + 1 < k && above(h + l + 1, h + top)) top = l + 1;
            if (top === i) break;
            swap(h + i, h + top);
            i = top;
          }
        }
      }
    }
  }
  const index = new Int32Array(nQueries * k);
  const distance = new Float64Array(nQueries * k);
  for (let q = 0; q < nQueries; q++) {
    const h = q * k;
    const order = Array.from({ length: k }, (_, j) => j).sort((a, b) => heapD[h + a] - heapD[h + b] || heapI[h + a] - heapI[h + b]);
    for (let j = 0; j < k; j++) {
      index[h + j] = heapI[h + order[j]];
      distance[h + j] = Math.sqrt(heapD[h + order[j]]);
    }
  }
  return { k, index, distance };
}

/** Rows of small integers (many ties, many duplicates), optionally scaled so sums round. */
function randomRows(random: Random, n: number, dims: number, levels: number, scale: number): Float64Array {
  const out = new Float64Array(n * dims);
  for (let i = 0; i < out.length; i++) out[i] = (random.int(levels) - (levels >> 1)) * scale;
  return out;
}

function expectSame(actual: Neighbors, expected: Neighbors): void {
  expect(actual.k).toBe(expected.k);
  expect(Array.from(actual.index)).toEqual(Array.from(expected.index));
  expect(Array.from(actual.distance)).toEqual(Array.from(expected.distance));
}

describe('exact search equals the original brute force', () => {
  it('KD-tree, blocked brute force and the dispatcher, on integer data with ties and duplicates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 22 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 15 }),
        fc.constantFrom(2, 3, 7),
        fc.constantFrom(1, 0.1, 1e-3),
        fc.integer({ min: 0, max: 1e6 }),
        (dims, nTrain, kWanted, levels, scale, seed) => {
          const random = new Random(seed);
          const k = Math.min(kWanted, nTrain);
          const nQueries = 75;
          const train = randomRows(random, nTrain, dims, levels, scale);
          const queries = randomRows(random, nQueries, dims, levels + 1, scale);
          const expected = oracleNeighbors(train, nTrain, queries, nQueries, dims, k);
          expectSame(bruteForceNeighbors(train, nTrain, queries, nQueries, dims, k), expected);
          expectSame(kdTreeNeighbors(buildKdTree(train, nTrain, dims), queries, nQueries, k), expected);
          expectSame(nearestNeighbors(train, nTrain, queries, nQueries, dims, k), expected);
        },
      ),
      { numRuns: 150, seed: 16 },
    );
  });

  it('on continuous data larger than a training block, and with all rows equal', () => {
    const random = new Random(5);
    for (const dims of [2, 5, 20]) {
      const nTrain = 5000;
      const train = new Float64Array(nTrain * dims).map(() => random.normal());
      const queries = new Float64Array(200 * dims).map(() => random.normal());
      const expected = oracleNeighbors(train, nTrain, queries, 200, dims, 7);
      expectSame(bruteForceNeighbors(train, nTrain, queries, 200, dims, 7), expected);
      expectSame(kdTreeNeighbors(buildKdTree(train, nTrain, dims), queries, 200, 7), expected);
    }
    const same = new Float64Array(300 * 3).fill(1);
    const q = Float64Array.from([1, 1, 1, 0, 2, 1]);
    expectSame(kdTreeNeighbors(buildKdTree(same, 300, 3), q, 2, 4), oracleNeighbors(same, 300, q, 2, 3, 4));
  });

  it('brute force shared with the fork-join helper equals one thread, on data with ties and duplicates', () => {
    const random = new Random(9);
    const dims = 20;
    const nTrain = 12_000;
    const nQueries = 300;
    const train = randomRows(random, nTrain, dims, 3, 0.5);
    // duplicates of training rows among the queries: distance 0 and ties between equal rows
    const queries = randomRows(random, nQueries, dims, 3, 0.5);
    queries.set(train.subarray(0, 10 * dims));
    const expected = oracleNeighbors(train, nTrain, queries, nQueries, dims, 6);
    expectSame(bruteForceNeighbors(train, nTrain, queries, nQueries, dims, 6, 2), expected);
    expectSame(bruteForceNeighbors(train, nTrain, queries, nQueries, dims, 6, 1), expected);
  });

  it('screened brute force: rows far from the origin, distances a bit apart, and values outside the screen range', () => {
    const random = new Random(21);
    const dims = 17;
    const nTrain = 3000;
    const nQueries = 70;
    // ‖x‖² + ‖y‖² − 2x·y keeps few digits here: the screen must hand every close call to the exact sum
    const far = (n: number) => new Float64Array(n * dims).map(() => 1e6 + random.int(3) * 0.25 + random.int(2) * 2 ** -30);
    const train = far(nTrain);
    const queries = far(nQueries);
    // rows one unit in the last place apart from a query: distinct distances the estimate cannot tell apart
    for (let j = 0; j < 4; j++) {
      for (let c = 0; c < dims; c++) {
        const v = queries[c];
        train[(100 + j) * dims + c] = c === j ? v + (v * Number.EPSILON) * (j + 1) : v;
      }
    }
    const expected = oracleNeighbors(train, nTrain, queries, nQueries, dims, 6);
    expectSame(bruteForceNeighbors(train, nTrain, queries, nQueries, dims, 6, 1), expected);
    expect(Array.from(expected.index.subarray(0, 6)).slice(0, 4)).toEqual([100, 101, 102, 103]);
    for (const extreme of [1e200, 1e-200]) {
      const scaled = train.map((v, i) => (i % 7 === 0 ? v * extreme : v));
      expectSame(bruteForceNeighbors(scaled, nTrain, queries, nQueries, dims, 4, 1), oracleNeighbors(scaled, nTrain, queries, nQueries, dims, 4));
    }
  });

  it('rows with an infinite value are ordered as the brute force always did', () => {
    const train = Float64Array.from([0, 1, Infinity, 2, 3, 4]);
    const q = Float64Array.from([1.5, -Infinity]);
    expectSame(nearestNeighbors(train, 6, q, 2, 1, 3), oracleNeighbors(train, 6, q, 2, 1, 3));
  });
});

describe('kNN model predictions equal those from the original brute force', () => {
  /** The model's predictions recomputed from oracle neighbours with the same weighting rules. */
  function oraclePredict(model: KnnModel, X: FeatureMatrix): Float64Array {
    const train = Float64Array.from(model.train);
    const dims = model.encoding.feature.length;
    const k = model.params.n_neighbors;
    const nb = oracleNeighbors(train, model.nTrain, designRows(model.encoding, X), X.nRows, dims, k);
    const K = model.task === 'classification' ? model.classes.length : 1;
    const out = new Float64Array(X.nRows * K);
    for (let q = 0; q < X.nRows; q++) {
      const d = Array.from(nb.distance.subarray(q * k, (q + 1) * k));
      const exact = d.some((v) => v === 0);
      const w = d.map((v) => (model.params.weights === 'uniform' ? 1 : exact ? (v === 0 ? 1 : 0) : 1 / v));
      const total = w.reduce((a, b) => a + b, 0);
      if (model.task === 'classification') {
        for (let j = 0; j < k; j++) out[q * K + model.targets[nb.index[q * k + j]]] += w[j];
        for (let c = 0; c < K; c++) out[q * K + c] /= total;
      } else {
        let num = 0;
        let den = 0;
        for (let j = 0; j < k; j++) {
          num += w[j] * model.targets[nb.index[q * k + j]];
          den += w[j];
        }
        out[q] = num / den;
      }
    }
    return out;
  }

  for (const dims of [3, KD_TREE_MAX_DIMS, KD_TREE_MAX_DIMS + 3]) {
    it(`${dims} features (${dims <= KD_TREE_MAX_DIMS ? 'KD-tree' : 'brute force'}), both weights, both tasks`, () => {
      const random = new Random(dims);
      const matrix = (n: number): FeatureMatrix => ({
        nRows: n,
        columns: Array.from({ length: dims }, () => Float64Array.from({ length: n }, () => random.int(4))),
        names: Array.from({ length: dims }, (_, j) => `x${j}`),
        levels: new Array<null>(dims).fill(null),
      });
      const X = matrix(600);
      const Q = matrix(150);
      const codes = Int32Array.from({ length: 600 }, () => random.int(3));
      const values = Float64Array.from({ length: 600 }, () => random.int(10));
      for (const weights of ['uniform', 'distance'] as const) {
        for (const standardize of [true, false]) {
          const params = { n_neighbors: 6, weights, standardize };
          const clf = fitKnn(X, { task: 'classification', codes, classes: ['a', 'b', 'c'] }, params);
          expect(Array.from(predictProbaKnn(clf, Q))).toEqual(Array.from(oraclePredict(clf, Q)));
          const loaded = JSON.parse(JSON.stringify(clf)) as KnnModel;
          expect(Array.from(predictKnn(loaded, Q))).toEqual(Array.from(predictKnn(clf, Q)));
          const reg = fitKnn(X, { task: 'regression', values }, params);
          expect(Array.from(predictKnn(reg, Q))).toEqual(Array.from(oraclePredict(reg, Q)));
          // the cached index gives the same answer on the second call
          expectSame(knnNeighbors(reg, Q), knnNeighbors(reg, Q));
        }
      }
    });
  }
});
