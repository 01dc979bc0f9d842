// Dense linear algebra: factorizations reproduce their matrix, solves satisfy their equations,
// and least squares agrees with hand-computed and orthogonality-based answers.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cholesky,
  choleskyRcond,
  choleskySolve,
  fromRows,
  leastSquares,
  matrix,
  matVec,
  qr,
  qrApplyQt,
  qrR,
  solve,
  svd,
  type Matrix,
} from '../../../../electron/ml/linalg.js';

const at = (m: Matrix, i: number, j: number) => m.data[i + j * m.rows];

function multiply(a: Matrix, b: Matrix): Matrix {
  const out = matrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += at(a, i, k) * at(b, k, j);
      out.data[i + j * a.rows] = s;
    }
  return out;
}

function transpose(a: Matrix): Matrix {
  const out = matrix(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[j + i * a.cols] = at(a, i, j);
  return out;
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

/** A random well-conditioned SPD matrix: Bᵀ B + n I. */
const spd = (n: number, values: number[]) => {
  const b = matrix(n, n, values.slice(0, n * n));
  const a = multiply(transpose(b), b);
  for (let i = 0; i < n; i++) a.data[i + i * n] += n;
  return a;
};

describe('cholesky', () => {
  it('factors a hand-checked matrix', () => {
    // [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]].
    const l = cholesky(fromRows([[4, 2], [2, 3]]))!;
    expect(Array.from(l.data)).toEqual([2, 1, 0, Math.SQRT2]);
    const x = choleskySolve(l, [6, 5]);
    expect(x[0]).toBeCloseTo(1, 15);
    expect(x[1]).toBeCloseTo(1, 15);
  });

  it('reproduces random SPD matrices and solves them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 49 + 7, maxLength: 49 + 7 }), (n, values) => {
        const a = spd(n, values);
        const l = cholesky(a)!;
        expect(l).not.toBeNull();
        expect(maxDiff(multiply(l, transpose(l)).data, a.data)).toBeLessThan(1e-10 * (1 + Math.max(...a.data.map(Math.abs))));
        const b = values.slice(49, 49 + n);
        const x = choleskySolve(l, b);
        expect(maxDiff(matVec(a, x), b)).toBeLessThan(1e-9);
      }),
      { numRuns: 60, seed: 1 },
    );
  });

  it('refuses a matrix that is not positive definite and flags a near-singular one', () => {
    expect(cholesky(fromRows([[1, 2], [2, 1]]))).toBeNull();
    expect(cholesky(fromRows([[1, 1], [1, 1]]))).toBeNull();
    const nearly = cholesky(fromRows([[1, 1], [1, 1 + 1e-12]]))!;
    expect(choleskyRcond(nearly)).toBeLessThan(1e-10);
    expect(choleskyRcond(cholesky(fromRows([[2, 0], [0, 2]]))!)).toBe(1);
  });
});

describe('solve (LU with partial pivoting)', () => {
  it('needs pivoting on a zero leading entry', () => {
    expect(Array.from(solve(fromRows([[0, 1], [1, 0]]), [3, 4]))).toEqual([4, 3]);
  });

  it('solves random systems', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 42, maxLength: 42 }), (n, values) => {
        const a = spd(n, values); // SPD keeps it safely invertible; LU does not use the symmetry
        a.data[0] += 0.5;
        const b = values.slice(36, 36 + n);
        expect(maxDiff(matVec(a, solve(a, b)), b)).toBeLessThan(1e-9);
      }),
      { numRuns: 60, seed: 2 },
    );
  });

  it('throws on a singular matrix', () => {
    expect(() => solve(fromRows([[1, 2], [2, 4]]), [1, 2])).toThrow(/singular/);
  });
});

describe('qr and svd', () => {
  it('QR: Qᵀ keeps lengths, R is triangular and Qᵀ A = R', () => {
    const a = fromRows([[1, 2], [3, 4], [5, 6], [7, 9]]);
    const f = qr(a);
    const r = qrR(f);
    for (let j = 0; j < 2; j++) {
      const qa = qrApplyQt(f, a.data.subarray(j * 4, j * 4 + 4));
      for (let i = 0; i < 4; i++) expect(qa[i]).toBeCloseTo(i <= j ? at(r, i, j) : 0, 12);
    }
    expect(at(r, 1, 0)).toBe(0);
    const b = [1, -2, 3, 0.5];
    const qb = qrApplyQt(f, b);
    expect(Math.hypot(...qb)).toBeCloseTo(Math.hypot(...b), 13);
  });

  it('SVD: U diag(s) Vᵀ = A with orthonormal U and V', () => {
    const a = fromRows([[2, 0, 1], [1, 3, 0], [0, 1, 4], [1, 1, 1], [5, -1, 2]]);
    const { u, s, v } = svd(a);
    const us = matrix(u.rows, u.cols, u.data);
    for (let j = 0; j < 3; j++) for (let i = 0; i < 5; i++) us.data[i + j * 5] *= s[j];
    expect(maxDiff(multiply(us, transpose(v)).data, a.data)).toBeLessThan(1e-12);
    const utu = multiply(transpose(u), u);
    const vtv = multiply(transpose(v), v);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        expect(at(utu, i, j)).toBeCloseTo(i === j ? 1 : 0, 12);
        expect(at(vtv, i, j)).toBeCloseTo(i === j ? 1 : 0, 12);
      }
  });
});

describe('leastSquares', () => {
  it('fits a line through points (hand-checked normal equations)', () => {
    // y = 1 + 2x exactly at x = 0..3.
    const a = fromRows([[1, 0], [1, 1], [1, 2], [1, 3]]);
    const { x, rank } = leastSquares(a, [1, 3, 5, 7]);
    expect(rank).toBe(2);
    expect(x[0]).toBeCloseTo(1, 13);
    expect(x[1]).toBeCloseTo(2, 13);
  });

  it('leaves a residual orthogonal to the columns', () => {
    const a = fromRows([[1, 0.5], [1, -1], [1, 2], [1, 4], [1, 0]]);
    const b = [2, 0, 1, 7, -1];
    const { x } = leastSquares(a, b);
    const r = matVec(a, x).map((v, i) => b[i] - v);
    expect(Math.abs(matVec(transpose(a), r)[0])).toBeLessThan(1e-12);
    expect(Math.abs(matVec(transpose(a), r)[1])).toBeLessThan(1e-12);
  });

  it('returns the minimum-norm solution for a rank-deficient matrix', () => {
    // Columns 1 and 2 are equal: any (w1, w2) with w1 + w2 = 3 fits; the smallest is (1.5, 1.5).
    const a = fromRows([[1, 1], [2, 2], [3, 3]]);
    const { x, rank } = leastSquares(a, [3, 6, 9]);
    expect(rank).toBe(1);
    expect(x[0]).toBeCloseTo(1.5, 12);
    expect(x[1]).toBeCloseTo(1.5, 12);
  });

  it('handles more unknowns than equations (minimum-norm solution of an underdetermined system)', () => {
    // x1 + 2·x2 = 5: the minimum-norm solution is (1, 2) (along the normal vector).
    const { x, rank } = leastSquares(fromRows([[1, 2]]), [5]);
    expect(rank).toBe(1);
    expect(x[0]).toBeCloseTo(1, 13);
    expect(x[1]).toBeCloseTo(2, 13);
  });
});
