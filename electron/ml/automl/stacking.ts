// The stacked ensemble's meta-model: member scores (out-of-fold) → a margin b + Σ w_k · s_k with non-negative
// weights w (like H2O's StackedEnsemble metalearner with non_negative = true). Squared loss gives NNLS; log-loss
// through a sigmoid (binary) or softmax (multiclass, one intercept per class, weights shared) gives a constrained
// logistic regression. Solved by projected Newton steps (Bertsekas, 1982): the few coefficients get a full Hessian
// from one pass over the rows, weights held at zero by the bound take a scaled gradient step, and an Armijo line
// search on the projected path keeps the loss falling. The problem is convex, so this reaches its minimum in a few
// passes (cyclic coordinate steps needed hundreds on correlated members).

export type MetaLoss = 'squared' | 'logistic' | 'softmax';

export interface MetaData {
  /** per member: n × width scores (row-major) */
  scores: readonly Float64Array[];
  nRows: number;
  /** 1 for squared and logistic, the number of classes for softmax */
  width: number;
  /** squared: target values; logistic/softmax: class codes (logistic: 0/1) */
  target: Float64Array | Int32Array;
  /** rows used (all when absent) */
  rows?: Int32Array;
}

export interface MetaModel {
  weights: number[];
  intercept: number[];
}

/** A tiny ridge on w that keeps ties between identical members unique. */
const RIDGE = 1e-8;
/** Levenberg damping of the Newton system: softmax intercepts are only defined up to a common shift. */
const DAMPING = 1e-10;

interface Pass {
  objective: number;
  /** gradient, length p */
  gradient: Float64Array;
  /** Hessian, p × p row-major (only when asked) */
  hessian?: Float64Array;
}

/**
 * The objective (mean loss + ridge) at θ = [intercepts…, weights…], with its gradient and optionally its Hessian, in
 * one pass over the rows.
 */
function evaluate(loss: MetaLoss, data: MetaData, rows: Int32Array, theta: Float64Array, withHessian: boolean): Pass {
  const { scores, width, target } = data;
  const K = scores.length;
  const p = width + K;
  const gradient = new Float64Array(p);
  const hessian = withHessian ? new Float64Array(p * p) : undefined;
  const margin = new Float64Array(width);
  const prob = new Float64Array(width);
  const g = new Float64Array(width);
  // x[o * p + j]: d margin_o / d θ_j for the current row
  const x = new Float64Array(width * p);
  const a = new Float64Array(p);
  for (let o = 0; o < width; o++) x[o * p + o] = 1;
  let total = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    for (let o = 0; o < width; o++) {
      let m = theta[o];
      for (let k = 0; k < K; k++) {
        const s = scores[k][i * width + o];
        x[o * p + width + k] = s;
        m += theta[width + k] * s;
      }
      margin[o] = m;
    }
    if (loss === 'squared') {
      const d = margin[0] - target[i];
      total += d * d;
      g[0] = 2 * d;
      prob[0] = 2;
    } else if (loss === 'logistic') {
      const m = margin[0];
      total += (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m))) - target[i] * m;
      const q = 1 / (1 + Math.exp(-m));
      g[0] = q - target[i];
      prob[0] = Math.max(q * (1 - q), 1e-12);
    } else {
      let max = -Infinity;
      for (let o = 0; o < width; o++) if (margin[o] > max) max = margin[o];
      let sum = 0;
      for (let o = 0; o < width; o++) {
        prob[o] = Math.exp(margin[o] - max);
        sum += prob[o];
      }
      for (let o = 0; o < width; o++) prob[o] /= sum;
      total += max + Math.log(sum) - margin[target[i]];
      for (let o = 0; o < width; o++) g[o] = prob[o] - (target[i] === o ? 1 : 0);
    }
    for (let o = 0; o < width; o++) for (let j = 0; j < p; j++) gradient[j] += g[o] * x[o * p + j];
    if (!hessian) continue;
    // squared/logistic: h · x xᵀ; softmax: Σ_o p_o x_o x_oᵀ − a aᵀ with a = Σ_o p_o x_o (Hessian diag(p) − p pᵀ)
    for (let o = 0; o < width; o++) {
      const w = prob[o];
      for (let j = 0; j < p; j++) {
        const wx = w * x[o * p + j];
        if (wx === 0) continue;
        for (let k = j; k < p; k++) hessian[j * p + k] += wx * x[o * p + k];
      }
    }
    if (loss === 'softmax') {
      a.fill(0);
      for (let o = 0; o < width; o++) for (let j = 0; j < p; j++) a[j] += prob[o] * x[o * p + j];
      for (let j = 0; j < p; j++) for (let k = j; k < p; k++) hessian[j * p + k] -= a[j] * a[k];
    }
  }
  const n = Math.max(1, rows.length);
  let ridge = 0;
  for (let k = 0; k < K; k++) ridge += theta[width + k] ** 2;
  for (let j = 0; j < p; j++) gradient[j] = gradient[j] / n + (j >= width ? 2 * RIDGE * theta[j] : 0);
  if (hessian) {
    for (let j = 0; j < p; j++)
      for (let k = j; k < p; k++) {
        hessian[j * p + k] = hessian[j * p + k] / n + (j === k && j >= width ? 2 * RIDGE : 0);
        hessian[k * p + j] = hessian[j * p + k];
      }
  }
  return { objective: total / n + RIDGE * ridge, gradient, ...(hessian ? { hessian } : {}) };
}

/** Solves A d = b for the symmetric positive (semi)definite A restricted to `free`, damped; d is 0 elsewhere. */
function solveFree(A: Float64Array, b: Float64Array, p: number, free: readonly number[]): Float64Array {
  const m = free.length;
  const scale = Math.max(1e-300, ...free.map((j) => Math.abs(A[j * p + j])));
  // Cholesky of the damped block
  const L = new Float64Array(m * m);
  for (let r = 0; r < m; r++)
    for (let c = 0; c <= r; c++) {
      let s = A[free[r] * p + free[c]] + (r === c ? DAMPING * scale : 0);
      for (let k = 0; k < c; k++) s -= L[r * m + k] * L[c * m + k];
      L[r * m + c] = r === c ? Math.sqrt(Math.max(s, DAMPING * scale)) : s / L[c * m + c];
    }
  const z = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    let s = b[free[r]];
    for (let k = 0; k < r; k++) s -= L[r * m + k] * z[k];
    z[r] = s / L[r * m + r];
  }
  const d = new Float64Array(p);
  for (let r = m - 1; r >= 0; r--) {
    let s = z[r];
    for (let k = r + 1; k < m; k++) s -= L[k * m + r] * d[free[k]];
    d[free[r]] = s / L[r * m + r];
  }
  return d;
}

/** Fits the meta-model: intercepts free, weights ≥ 0. */
export function fitMetaModel(loss: MetaLoss, data: MetaData, options: { maxIterations?: number; tol?: number } = {}): MetaModel {
  const { scores, width, nRows } = data;
  const rows = data.rows ?? Int32Array.from({ length: nRows }, (_, i) => i);
  const K = scores.length;
  const p = width + K;
  const theta = new Float64Array(p);
  if (loss === 'squared') {
    // weights from zero, the intercept at the target mean: the intercept-only optimum
    let mean = 0;
    for (const i of rows) mean += data.target[i];
    theta[0] = rows.length ? mean / rows.length : 0;
  } else {
    for (let k = 0; k < K; k++) theta[width + k] = 1 / K;
  }
  const maxIterations = options.maxIterations ?? 50;
  const tol = options.tol ?? 1e-12;
  let at = evaluate(loss, data, rows, theta, true);
  for (let iter = 0; iter < maxIterations; iter++) {
    const { gradient, hessian } = at;
    // weights at the bound that the gradient pushes further down stay there this step (the active set)
    const bound = (j: number) => j >= width && theta[j] <= 1e-12 && gradient[j] > 0;
    const free = Array.from({ length: p }, (_, j) => j).filter((j) => !bound(j));
    const direction = solveFree(hessian!, gradient.map((v) => -v), p, free);
    let accepted: Pass | null = null;
    const trial = new Float64Array(p);
    for (let step = 1, halvings = 0; halvings < 50; step /= 2, halvings++) {
      let predicted = 0;
      for (let j = 0; j < p; j++) {
        const moved = theta[j] + step * direction[j];
        trial[j] = j >= width ? Math.max(0, moved) : moved;
        predicted += gradient[j] * (trial[j] - theta[j]);
      }
      const next = evaluate(loss, data, rows, trial, false);
      if (next.objective <= at.objective + 1e-4 * Math.min(0, predicted)) {
        accepted = next;
        break;
      }
    }
    if (!accepted) break;
    const decrease = at.objective - accepted.objective;
    theta.set(trial);
    at = evaluate(loss, data, rows, theta, true);
    if (decrease <= tol * Math.max(1, Math.abs(at.objective))) break;
  }
  return { weights: Array.from(theta.subarray(width)), intercept: Array.from(theta.subarray(0, width)) };
}

/** Margins (n × width) of the meta-model on member scores. */
export function metaMargins(model: MetaModel, scores: readonly Float64Array[], nRows: number, width: number): Float64Array {
  const M = new Float64Array(nRows * width);
  for (let i = 0; i < nRows; i++)
    for (let o = 0; o < width; o++) {
      let m = model.intercept[o];
      for (let k = 0; k < scores.length; k++) m += model.weights[k] * scores[k][i * width + o];
      M[i * width + o] = m;
    }
  return M;
}
