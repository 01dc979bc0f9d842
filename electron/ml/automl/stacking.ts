// The stacked ensemble's meta-model: member scores (out-of-fold) → a margin b + Σ w_k · s_k with non-negative
// weights w (like H2O's StackedEnsemble metalearner with non_negative = true). Squared loss gives NNLS; log-loss
// through a sigmoid (binary) or softmax (multiclass, one intercept per class, weights shared) gives a constrained
// logistic regression. Solved by cyclic coordinate Newton steps projected on w ≥ 0, with step halving so the loss
// never rises: the problem is convex, so this reaches its minimum.

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

const RIDGE = 1e-8;

/** Mean loss of margins M (n × width) — the objective, with a tiny ridge on w that keeps ties unique. */
function objective(loss: MetaLoss, M: Float64Array, data: MetaData, rows: Int32Array, w: readonly number[]): number {
  const { width, target } = data;
  let total = 0;
  for (const i of rows) {
    if (loss === 'squared') total += (target[i] - M[i]) ** 2;
    else if (loss === 'logistic') {
      const m = M[i];
      // log(1 + e^m) − y·m, stable
      total += (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m))) - target[i] * m;
    } else {
      let max = -Infinity;
      for (let c = 0; c < width; c++) max = Math.max(max, M[i * width + c]);
      let sum = 0;
      for (let c = 0; c < width; c++) sum += Math.exp(M[i * width + c] - max);
      total += max + Math.log(sum) - M[i * width + target[i]];
    }
  }
  return total / rows.length + RIDGE * w.reduce((a, v) => a + v * v, 0);
}

/** d(loss)/d(margin) per row and output, and the diagonal curvature, into g and h. */
function residuals(loss: MetaLoss, M: Float64Array, data: MetaData, rows: Int32Array, g: Float64Array, h: Float64Array): void {
  const { width, target } = data;
  for (const i of rows) {
    if (loss === 'squared') {
      g[i] = 2 * (M[i] - target[i]);
      h[i] = 2;
    } else if (loss === 'logistic') {
      const p = 1 / (1 + Math.exp(-M[i]));
      g[i] = p - target[i];
      h[i] = Math.max(p * (1 - p), 1e-12);
    } else {
      let max = -Infinity;
      for (let c = 0; c < width; c++) max = Math.max(max, M[i * width + c]);
      let sum = 0;
      for (let c = 0; c < width; c++) sum += Math.exp(M[i * width + c] - max);
      for (let c = 0; c < width; c++) {
        const p = Math.exp(M[i * width + c] - max) / sum;
        g[i * width + c] = p - (target[i] === c ? 1 : 0);
        h[i * width + c] = Math.max(p * (1 - p), 1e-12);
      }
    }
  }
}

/**
 * Fits the meta-model. Coordinates: one intercept per output (free), then one weight per member (≥ 0). Each step
 * moves one coordinate by its Newton step (projected), halving it until the objective does not rise.
 */
export function fitMetaModel(loss: MetaLoss, data: MetaData, options: { maxSweeps?: number; tol?: number } = {}): MetaModel {
  const { scores, width, nRows } = data;
  const rows = data.rows ?? Int32Array.from({ length: nRows }, (_, i) => i);
  const K = scores.length;
  const w = new Array<number>(K).fill(K > 0 ? 1 / K : 0);
  const b = new Array<number>(width).fill(0);
  if (loss === 'squared') {
    // start the intercept at the target mean: the usual fixed point for a centred problem
    let mean = 0;
    for (const i of rows) mean += data.target[i];
    b[0] = rows.length ? mean / rows.length : 0;
    w.fill(0);
  }
  const M = new Float64Array(nRows * width);
  const recompute = () => {
    for (const i of rows)
      for (let o = 0; o < width; o++) {
        let m = b[o];
        for (let k = 0; k < K; k++) m += w[k] * scores[k][i * width + o];
        M[i * width + o] = m;
      }
  };
  recompute();
  const g = new Float64Array(nRows * width);
  const h = new Float64Array(nRows * width);
  let current = objective(loss, M, data, rows, w);
  const maxSweeps = options.maxSweeps ?? 200;
  const tol = options.tol ?? 1e-10;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    const before = current;
    for (let j = 0; j < width + K; j++) {
      residuals(loss, M, data, rows, g, h);
      let grad = 0;
      let hess = 0;
      const isIntercept = j < width;
      for (const i of rows) {
        if (isIntercept) {
          grad += g[i * width + j];
          hess += h[i * width + j];
        } else {
          const s = scores[j - width];
          for (let o = 0; o < width; o++) {
            const x = s[i * width + o];
            grad += g[i * width + o] * x;
            hess += h[i * width + o] * x * x;
          }
        }
      }
      grad /= rows.length;
      hess /= rows.length;
      if (!isIntercept) {
        grad += 2 * RIDGE * w[j - width];
        hess += 2 * RIDGE;
      }
      if (!(hess > 0)) continue;
      const old = isIntercept ? b[j] : w[j - width];
      let step = -grad / hess;
      for (let attempt = 0; attempt < 30; attempt++) {
        const next = isIntercept ? old + step : Math.max(0, old + step);
        if (isIntercept) b[j] = next;
        else w[j - width] = next;
        recompute();
        const value = objective(loss, M, data, rows, w);
        if (value <= current + 1e-15) {
          current = value;
          break;
        }
        step /= 2;
        if (attempt === 29) {
          if (isIntercept) b[j] = old;
          else w[j - width] = old;
          recompute();
        }
      }
    }
    if (before - current <= tol * Math.max(1, Math.abs(before))) break;
  }
  return { weights: w, intercept: b };
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
