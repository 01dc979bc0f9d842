// KernelSHAP's constrained weighted least squares (shap's KernelExplainer.solve without L1 selection): the last
// player is eliminated so the values sum to f(x) − E[f] exactly, the others solve the kernel-weighted normal equations.

import { cholesky, choleskySolve, leastSquares, matrix } from '../linalg.js';

/**
 * φ for one output. `masks` are nCoalitions × p bytes, `y[c]` = v(S_c) − E[f], `total` = f(x) − E[f].
 */
export function solveKernelShap(masks: Uint8Array, weights: Float64Array, y: Float64Array, p: number, total: number): Float64Array {
  const phi = new Float64Array(p);
  if (p === 0) return phi;
  if (p === 1) {
    phi[0] = total;
    return phi;
  }
  const q = p - 1;
  const n = weights.length;
  const last = p - 1;
  // Rows: z_i − z_last for i < last; target: y − z_last · total.
  const gram = matrix(q, q);
  const rhs = new Float64Array(q);
  const row = new Float64Array(q);
  for (let c = 0; c < n; c++) {
    const zl = masks[c * p + last];
    for (let i = 0; i < q; i++) row[i] = masks[c * p + i] - zl;
    const t = y[c] - zl * total;
    const w = weights[c];
    for (let i = 0; i < q; i++) {
      const wi = w * row[i];
      if (wi === 0) continue;
      rhs[i] += wi * t;
      for (let j = 0; j <= i; j++) gram.data[i + j * q] += wi * row[j];
    }
  }
  for (let i = 0; i < q; i++) for (let j = 0; j < i; j++) gram.data[j + i * q] = gram.data[i + j * q];
  const factor = cholesky(gram);
  const solution = factor ? choleskySolve(factor, rhs) : leastSquares(gram, rhs).x;
  let sum = 0;
  for (let i = 0; i < q; i++) {
    phi[i] = solution[i];
    sum += solution[i];
  }
  phi[last] = total - sum;
  return phi;
}
