// The design encoding: SimpleImputer(mean) → StandardScaler for numeric columns and a 0/1
// one-hot block per categorical column, checked on hand-computed values.

import { describe, expect, it } from 'vitest';
import { designColumns, designRows, fitEncoding } from '../../../../electron/ml/standardize.js';
import { fromRows } from './fixture-matrix.js';

const levels = [null, ['red', 'green'], null];
// x1 = 1, NaN, 3, 4 (mean 8/3); x2 = red, green, missing, green; x3 constant 5.
const X = fromRows([[1, 0, 5], [NaN, 1, 5], [3, NaN, 5], [4, 1, 5]], levels);

describe('fitEncoding', () => {
  it('records fills, a one-hot block per category, and readable names', () => {
    const enc = fitEncoding(X, true);
    expect(enc.fill).toEqual([8 / 3, 0, 5]);
    expect(enc.feature).toEqual([0, 1, 1, 2]);
    expect(enc.level).toEqual([-1, 0, 1, -1]);
    expect(enc.names).toEqual(['x1', 'x2=red', 'x2=green', 'x3']);
  });

  it('scales by the population std of the imputed column, and a constant column by 1', () => {
    const enc = fitEncoding(X, true);
    const m = 8 / 3;
    const sd = Math.sqrt(((1 - m) ** 2 + 0 + (3 - m) ** 2 + (4 - m) ** 2) / 4);
    expect(enc.center[0]).toBeCloseTo(m, 15);
    expect(enc.scale[0]).toBeCloseTo(sd, 15);
    expect([enc.center[3], enc.scale[3]]).toEqual([5, 1]);
    expect([enc.center[1], enc.scale[1]]).toEqual([0, 1]);
    const plain = fitEncoding(X, false);
    expect(plain.center).toEqual([0, 0, 0, 0]);
    expect(plain.scale).toEqual([1, 1, 1, 1]);
  });
});

describe('designColumns / designRows', () => {
  const enc = fitEncoding(X, true);

  it('standardized numeric columns have mean 0 and population std 1', () => {
    const [z] = designColumns(enc, X);
    const mean = z.reduce((s, v) => s + v, 0) / 4;
    const sd = Math.sqrt(z.reduce((s, v) => s + (v - mean) ** 2, 0) / 4);
    expect(mean).toBeCloseTo(0, 15);
    expect(sd).toBeCloseTo(1, 14);
  });

  it('one-hot: missing and unknown categories are all zeros; original space keeps units', () => {
    const cols = designColumns(enc, X, 'original');
    expect(Array.from(cols[0])).toEqual([1, 8 / 3, 3, 4]);
    expect(Array.from(cols[1])).toEqual([1, 0, 0, 0]);
    expect(Array.from(cols[2])).toEqual([0, 1, 0, 1]);
    const unknown = designColumns(enc, fromRows([[0, 7, 5]], levels), 'original');
    expect([unknown[1][0], unknown[2][0]]).toEqual([0, 0]);
  });

  it('rows are the transposed columns', () => {
    const cols = designColumns(enc, X);
    const rows = designRows(enc, X);
    for (let i = 0; i < 4; i++) for (let c = 0; c < 4; c++) expect(rows[i * 4 + c]).toBe(cols[c][i]);
  });

  it('refuses data with a different number of features', () => {
    expect(() => designColumns(enc, fromRows([[1, 2]]))).toThrow(/expects 3 features/);
  });
});
