// The meta-model: NNLS equals the best of every active set solved by unconstrained least squares (brute force);
// the constrained logistic fit meets the optimality (KKT) conditions of its convex problem.
import { describe, expect, it } from 'vitest';
import { fitMetaModel } from '../../../../../electron/ml/automl/stacking.js';
import { Random } from '../../../../../electron/ml/random.js';

/** Least squares with an intercept on the chosen columns (normal equations, Gaussian elimination). */
function leastSquares(cols: Float64Array[], y: Float64Array): { coef: number[]; sse: number } {
  const n = y.length;
  const p = cols.length + 1;
  const A = Array.from({ length: p }, () => new Array<number>(p + 1).fill(0));
  const x = (i: number, j: number) => (j === 0 ? 1 : cols[j - 1][i]);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) A[a][b] += x(i, a) * x(i, b);
      A[a][p] += x(i, a) * y[i];
    }
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    [A[c], A[piv]] = [A[piv], A[c]];
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k <= p; k++) A[r][k] -= f * A[c][k];
    }
  }
  const coef = A.map((row, i) => row[p] / row[i]);
  let sse = 0;
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let j = 0; j < p; j++) m += coef[j] * x(i, j);
    sse += (y[i] - m) ** 2;
  }
  return { coef, sse };
}

describe('fitMetaModel', () => {
  it('squared loss: the non-negative least squares solution (brute force over active sets)', () => {
    const rng = new Random(4);
    const n = 200;
    const truth = new Float64Array(n).map(() => rng.normal());
    // members: two good noisy copies, one anti-correlated, one noise
    const members = [
      truth.map((t) => t + 0.3 * rng.normal()),
      truth.map((t) => t + 0.6 * rng.normal()),
      truth.map((t) => -t + rng.normal()),
      truth.map(() => rng.normal()),
    ];
    const y = truth.map((t) => 2 + t + 0.1 * rng.normal());
    const fit = fitMetaModel('squared', { scores: members, nRows: n, width: 1, target: y }, { tol: 1e-14 });
    let best = { sse: Infinity, w: [] as number[], b: 0 };
    for (let mask = 0; mask < 16; mask++) {
      const chosen = [0, 1, 2, 3].filter((k) => mask & (1 << k));
      const { coef, sse } = leastSquares(chosen.map((k) => members[k]), y);
      if (coef.slice(1).some((c) => c < 0)) continue;
      if (sse < best.sse) best = { sse, w: [0, 1, 2, 3].map((k) => (chosen.includes(k) ? coef[1 + chosen.indexOf(k)] : 0)), b: coef[0] };
    }
    fit.weights.forEach((w, k) => expect(w).toBeCloseTo(best.w[k], 4));
    expect(fit.intercept[0]).toBeCloseTo(best.b, 4);
    // the active set matters: at least one weight is held at zero by the constraint
    expect(best.w.some((w) => w === 0)).toBe(true);
  });

  it('logistic loss: KKT (zero gradient on positive weights and the intercept, non-negative on zero weights)', () => {
    const rng = new Random(9);
    const n = 400;
    const z = new Float64Array(n).map(() => rng.normal());
    const labels = Int32Array.from(z, (v) => (v + 0.5 * rng.normal() > 0 ? 1 : 0));
    const members = [z.map((v) => v + 0.5 * rng.normal()), z.map((v) => -v), z.map(() => rng.normal())];
    const fit = fitMetaModel('logistic', { scores: members, nRows: n, width: 1, target: labels }, { tol: 1e-15 });
    const grad = new Array<number>(4).fill(0);
    for (let i = 0; i < n; i++) {
      const m = fit.intercept[0] + members.reduce((a, s, k) => a + fit.weights[k] * s[i], 0);
      const r = 1 / (1 + Math.exp(-m)) - labels[i];
      grad[0] += r / n;
      members.forEach((s, k) => (grad[k + 1] += (r * s[i]) / n));
    }
    expect(Math.abs(grad[0])).toBeLessThan(1e-5);
    fit.weights.forEach((w, k) => {
      expect(w).toBeGreaterThanOrEqual(0);
      if (w > 0) expect(Math.abs(grad[k + 1])).toBeLessThan(1e-5);
      else expect(grad[k + 1]).toBeGreaterThan(-1e-6);
    });
    expect(fit.weights[1]).toBe(0);
    expect(fit.weights[0]).toBeGreaterThan(0.5);
  });

  it('softmax loss: KKT of the multiclass meta-model (one intercept per class, shared non-negative weights)', () => {
    const rng = new Random(21);
    const n = 600;
    const K = 3;
    const labels = Int32Array.from({ length: n }, () => Math.floor(rng.uniform() * K));
    // member margins: a sharp good one, a weaker good one, one pointing the wrong way, one of pure noise
    const member = (f: (i: number, c: number) => number) => Float64Array.from({ length: n * K }, (_, j) => f(Math.floor(j / K), j % K));
    const members = [
      member((i, c) => (labels[i] === c ? 2 : 0) + rng.normal()),
      member((i, c) => (labels[i] === c ? 1 : 0) + 1.5 * rng.normal()),
      member((i, c) => (labels[i] === c ? -1 : 0) + rng.normal()),
      member(() => rng.normal()),
    ];
    const fit = fitMetaModel('softmax', { scores: members, nRows: n, width: K, target: labels }, { tol: 1e-15 });
    const grad = new Array<number>(K + members.length).fill(0);
    for (let i = 0; i < n; i++) {
      const m = Array.from({ length: K }, (_, c) => fit.intercept[c] + members.reduce((a, s, k) => a + fit.weights[k] * s[i * K + c], 0));
      const max = Math.max(...m);
      const e = m.map((v) => Math.exp(v - max));
      const sum = e.reduce((a, b) => a + b, 0);
      for (let c = 0; c < K; c++) {
        const r = e[c] / sum - (labels[i] === c ? 1 : 0);
        grad[c] += r / n;
        members.forEach((s, k) => (grad[K + k] += (r * s[i * K + c]) / n));
      }
    }
    for (let c = 0; c < K; c++) expect(Math.abs(grad[c])).toBeLessThan(1e-6);
    fit.weights.forEach((w, k) => {
      expect(w).toBeGreaterThanOrEqual(0);
      if (w > 0) expect(Math.abs(grad[K + k])).toBeLessThan(1e-6);
      else expect(grad[K + k]).toBeGreaterThan(-1e-6);
    });
    expect(fit.weights[2]).toBe(0);
    expect(fit.weights[0]).toBeGreaterThan(fit.weights[1]);
  });
});
