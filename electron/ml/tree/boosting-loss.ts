// Losses for gradient boosting, as in scikit-learn's HistGradientBoosting: squared error (regression), binary
// log loss (one tree per round, logistic link) and multiclass log loss (K trees per round, softmax).
// Raw predictions are row-major nRows × nTreesPerRound.

export interface BoostingLoss {
  nTreesPerRound: number;
  link: 'identity' | 'logistic' | 'softmax';
  /** true when every hessian is 1 (no hessian arrays needed) */
  constantHessian: boolean;
  /** scikit-learn's score for early stopping is -(this factor × the reported loss) (half squared error) */
  stoppingScale: number;
  /** the intercept-only model's raw prediction per output */
  baseline(y: Float64Array): Float64Array;
  /** fills gradients/hessians for each output; returns the mean loss of `raw` when `withLoss`, else NaN */
  gradients(raw: Float64Array, y: Float64Array, grad: Float64Array[], hess: Float64Array[], withLoss: boolean): number;
  /** mean loss of `raw` */
  value(raw: Float64Array, y: Float64Array): number;
}

const EPS = 2.220446049250313e-16;

/** log(1 + e^x) without overflow */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

export const squaredError: BoostingLoss = {
  nTreesPerRound: 1,
  link: 'identity',
  constantHessian: true,
  stoppingScale: 0.5,
  baseline(y) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i];
    return Float64Array.of(s / y.length);
  },
  gradients(raw, y, grad) {
    const g = grad[0];
    let loss = 0;
    for (let i = 0; i < y.length; i++) {
      const d = raw[i] - y[i];
      g[i] = d;
      loss += d * d;
    }
    return loss / y.length;
  },
  value(raw, y) {
    let loss = 0;
    for (let i = 0; i < y.length; i++) loss += (raw[i] - y[i]) ** 2;
    return loss / y.length;
  },
};

export const binaryLogLoss: BoostingLoss = {
  nTreesPerRound: 1,
  link: 'logistic',
  constantHessian: false,
  stoppingScale: 1,
  baseline(y) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i];
    const p = Math.min(Math.max(s / y.length, EPS), 1 - EPS);
    return Float64Array.of(Math.log(p / (1 - p)));
  },
  gradients(raw, y, grad, hess, withLoss) {
    const g = grad[0];
    const h = hess[0];
    let loss = 0;
    for (let i = 0; i < y.length; i++) {
      const r = raw[i];
      const e = Math.exp(-Math.abs(r));
      const p = r >= 0 ? 1 / (1 + e) : e / (1 + e);
      g[i] = p - y[i];
      h[i] = p * (1 - p);
      if (withLoss) loss += (r > 0 ? r : 0) + Math.log1p(e) - y[i] * r;
    }
    return withLoss ? loss / y.length : NaN;
  },
  value(raw, y) {
    let loss = 0;
    for (let i = 0; i < y.length; i++) loss += softplus(raw[i]) - y[i] * raw[i];
    return loss / y.length;
  },
};

export function multiclassLogLoss(K: number): BoostingLoss {
  const p = new Float64Array(K);
  return {
    nTreesPerRound: K,
    link: 'softmax',
    constantHessian: false,
    stoppingScale: 1,
    baseline(y) {
      const counts = new Float64Array(K);
      for (let i = 0; i < y.length; i++) counts[y[i]]++;
      const logs = counts.map((c) => Math.log(Math.min(Math.max(c / y.length, EPS), 1 - EPS)));
      const mean = logs.reduce((a, b) => a + b, 0) / K;
      return logs.map((l) => l - mean);
    },
    gradients(raw, y, grad, hess, withLoss) {
      let loss = 0;
      for (let i = 0; i < y.length; i++) {
        const o = i * K;
        let max = -Infinity;
        for (let k = 0; k < K; k++) if (raw[o + k] > max) max = raw[o + k];
        let sum = 0;
        for (let k = 0; k < K; k++) {
          p[k] = Math.exp(raw[o + k] - max);
          sum += p[k];
        }
        const c = y[i];
        if (withLoss) loss += Math.log(sum) + max - raw[o + c];
        for (let k = 0; k < K; k++) {
          const q = p[k] / sum;
          grad[k][i] = q - (k === c ? 1 : 0);
          hess[k][i] = q * (1 - q);
        }
      }
      return withLoss ? loss / y.length : NaN;
    },
    value(raw, y) {
      let loss = 0;
      for (let i = 0; i < y.length; i++) {
        const o = i * K;
        let max = -Infinity;
        for (let k = 0; k < K; k++) if (raw[o + k] > max) max = raw[o + k];
        let sum = 0;
        for (let k = 0; k < K; k++) sum += Math.exp(raw[o + k] - max);
        loss += Math.log(sum) + max - raw[o + y[i]];
      }
      return loss / y.length;
    },
  };
}
