// Naive Bayes against scikit-learn's GaussianNB and CategoricalNB (and their product for mixed
// features), plus missing values, probability sums and save/load.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fitNaiveBayes, predictNaiveBayes, predictProbaNaiveBayes, type NaiveBayesModel } from '../../../../../electron/ml/naive-bayes/index.js';
import type { FeatureMatrix } from '../../../../../electron/ml/types.js';
import { fromJson, fromRows, type MatrixJson } from '../fixture-matrix.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/ml/naive-bayes');
const fx = JSON.parse(readFileSync(join(dir, 'naive_bayes.json'), 'utf8')) as {
  classes: string[];
  y: number[];
  train: MatrixJson;
  test: MatrixJson;
  gaussian: { theta: number[][]; var: number[][]; epsilon: number; proba_test: number[][] };
  categorical: { proba_test: number[][] };
  mixed: { proba_test: number[][] };
};
const y = { task: 'classification' as const, codes: Int32Array.from(fx.y), classes: fx.classes };

/** Keeps only some features of a matrix. */
const pick = (X: FeatureMatrix, features: number[]): FeatureMatrix => ({
  nRows: X.nRows,
  columns: features.map((j) => X.columns[j]),
  names: features.map((j) => X.names[j]),
  levels: features.map((j) => X.levels[j]),
});

function expectProba(actual: Float64Array, expected: number[][]) {
  const flat = expected.flat();
  expect(actual.length).toBe(flat.length);
  flat.forEach((v, i) => expect(Math.abs(actual[i] - v)).toBeLessThan(1e-10));
}

describe('naive Bayes vs scikit-learn', () => {
  const train = fromJson(fx.train);
  const test = fromJson(fx.test);

  it('numeric only = GaussianNB (means, smoothed variances, epsilon, probabilities)', () => {
    const model = fitNaiveBayes(pick(train, [0, 1, 2]), y);
    expect(model.epsilon / fx.gaussian.epsilon).toBeCloseTo(1, 12);
    model.gaussian.forEach((g, j) =>
      g.mean.forEach((m, c) => {
        expect(m).toBeCloseTo(fx.gaussian.theta[c][j], 10);
        expect(g.variance[c] / fx.gaussian.var[c][j]).toBeCloseTo(1, 12);
      }),
    );
    expectProba(predictProbaNaiveBayes(model, pick(test, [0, 1, 2])), fx.gaussian.proba_test);
  });

  it('categorical only = CategoricalNB(alpha=1)', () => {
    const model = fitNaiveBayes(pick(train, [3, 4]), y);
    expectProba(predictProbaNaiveBayes(model, pick(test, [3, 4])), fx.categorical.proba_test);
  });

  it('mixed = the product of both likelihoods under one prior', () => {
    const model = fitNaiveBayes(train, y);
    const p = predictProbaNaiveBayes(model, test);
    expectProba(p, fx.mixed.proba_test);
    const K = fx.classes.length;
    for (let i = 0; i < test.nRows; i++) expect(p[i * K] + p[i * K + 1] + p[i * K + 2]).toBeCloseTo(1, 14);
  });
});

describe('naive Bayes missing values', () => {
  const train = fromJson(fx.train);
  const test = fromJson(fx.test);

  it('a missing value at predict time drops that feature: same as a model without it', () => {
    for (const j of [1, 3]) {
      const full = fitNaiveBayes(train, y);
      const others = [0, 1, 2, 3, 4].filter((f) => f !== j);
      const without = fitNaiveBayes(pick(train, others), y);
      const holed = { ...test, columns: test.columns.map((c, f) => (f === j ? new Float64Array(test.nRows).fill(NaN) : c)) };
      const a = predictProbaNaiveBayes(full, holed);
      const b = predictProbaNaiveBayes(without, pick(test, others));
      // The only difference is epsilon, which follows the largest numeric variance; dropping a
      // categorical or a non-largest numeric feature keeps it.
      a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 12));
    }
  });

  it('missing values at fit time are left out of that feature\'s statistics', () => {
    const X = fromRows([[1, 5], [NaN, 6], [3, 7], [10, NaN], [12, 9], [14, 10]]);
    const model = fitNaiveBayes(X, { task: 'classification', codes: Int32Array.from([0, 0, 0, 1, 1, 1]), classes: ['a', 'b'] });
    expect(model.gaussian[0].mean).toEqual([2, 12]);
    expect(model.gaussian[1].mean).toEqual([6, 9.5]);
    // class a, feature 1: values 1 and 3 -> population variance 1 (+ epsilon)
    expect(model.gaussian[0].variance[0] - model.epsilon).toBeCloseTo(1, 12);
  });
});

describe('naive Bayes model object', () => {
  it('survives JSON save and load with identical predictions, and is deterministic', () => {
    const model = fitNaiveBayes(fromJson(fx.train), y);
    const loaded = JSON.parse(JSON.stringify(model)) as NaiveBayesModel;
    const test = fromJson(fx.test);
    expect(Array.from(predictProbaNaiveBayes(loaded, test))).toEqual(Array.from(predictProbaNaiveBayes(model, test)));
    expect(JSON.stringify(fitNaiveBayes(fromJson(fx.train), y))).toBe(JSON.stringify(model));
    const pred = predictNaiveBayes(model, test);
    const p = predictProbaNaiveBayes(model, test);
    for (let i = 0; i < test.nRows; i++) for (let c = 0; c < 3; c++) expect(p[i * 3 + c]).toBeLessThanOrEqual(p[i * 3 + pred[i]]);
  });

  it('gives a class with no training rows probability 0', () => {
    const model = fitNaiveBayes(fromRows([[1], [2], [8], [9]]), { task: 'classification', codes: Int32Array.from([0, 0, 2, 2]), classes: ['a', 'b', 'c'] });
    const p = predictProbaNaiveBayes(JSON.parse(JSON.stringify(model)) as NaiveBayesModel, fromRows([[5]]));
    expect(p[1]).toBe(0);
    expect(p[0] + p[2]).toBeCloseTo(1, 14);
  });

  it('rejects a regression target', () => {
    expect(() => fitNaiveBayes(fromRows([[1]]), { task: 'regression', values: Float64Array.from([1]) })).toThrow(/categorical target/);
  });
});
