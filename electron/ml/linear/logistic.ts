// model.logistic_regression: L2-penalized logistic regression, binary (one logit, for the last
// class) or multinomial (softmax over all classes), fitted by L-BFGS.
//
// The objective is scikit-learn's (lbfgs solver, 1.2): Σᵢ loss(xᵢ, yᵢ) + ‖w‖² / (2C), with the
// intercept unpenalized, and the same stopping rule (max |gradient| <= tol). With standardize on
// this is make_pipeline(StandardScaler(), LogisticRegression(C)); coefficients are reported in
// original units either way.

import { cancelledError, invalidInput } from '../../../shared/errors.js';
import { mostProbableClass } from '../metrics/decision.js';
import { designColumns, fitEncoding, type FeatureEncoding } from '../standardize.js';
import type { FeatureMatrix, FitControl, Target } from '../types.js';
import { linearMargins, toOriginalUnits, type LinearCoefficients } from './coefficients.js';
import { minimizeLbfgs } from './lbfgs.js';

export interface LogisticRegressionParams {
  C: number;
  max_iter: number;
  tol: number;
  fit_intercept: boolean;
  standardize: boolean;
}

export const logisticRegressionDefaults: LogisticRegressionParams = { C: 1, max_iter: 100, tol: 1e-4, fit_intercept: true, standardize: true };

export interface LogisticRegressionModel {
  kind: 'logistic_regression';
  task: 'classification';
  classes: string[];
  params: LogisticRegressionParams;
  encoding: FeatureEncoding;
  /** binary: one output (log-odds of classes[1]); multiclass: one logit per class */
  coefficients: LinearCoefficients;
  n_iter: number;
  converged: boolean;
}

export function fitLogisticRegression(
  X: FeatureMatrix,
  y: Target,
  params: Partial<LogisticRegressionParams> = {},
  control?: FitControl,
): LogisticRegressionModel {
  const p: LogisticRegressionParams = { ...logisticRegressionDefaults, ...params };
  if (y.task !== 'classification') throw invalidInput('logistic regression needs a categorical target', { param: 'target' });
  if (!(p.C > 0) || !Number.isFinite(p.C)) throw invalidInput('C must be a positive number', { param: 'C' });
  if (!(p.max_iter >= 1)) throw invalidInput('max_iter must be at least 1', { param: 'max_iter' });
  if (!(p.tol >= 0)) throw invalidInput('tol must be >= 0', { param: 'tol' });
  const n = X.nRows;
  const K = y.classes.length;
  if (K < 2) throw invalidInput('logistic regression needs at least two classes', { param: 'target' });
  const codes = y.codes;
  const present = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (!(codes[i] >= 0 && codes[i] < K)) throw invalidInput(`the target has a missing or unknown class (row ${i + 1})`, { param: 'target' });
    present.add(codes[i]);
  }
  if (present.size < 2) throw invalidInput('the training data holds only one class', { param: 'target' });

  const encoding = fitEncoding(X, p.standardize);
  const Z = designColumns(encoding, X, 'fitted');
  const d = Z.length;
  const outputs = K === 2 ? 1 : K;
  const nb = p.fit_intercept ? outputs : 0;
  const objective = K === 2 ? binaryObjective(Z, codes, n, p.C, p.fit_intercept) : multinomialObjective(Z, codes, n, K, p.C, p.fit_intercept);

  const result = minimizeLbfgs(objective.f, new Float64Array(outputs * d + nb), {
    maxIter: p.max_iter,
    gtol: p.tol,
    onIteration: (step) => {
      control?.onStep?.({ step, train_loss: objective.lastDataLoss() / n });
      control?.onProgress?.(step / p.max_iter);
      return control?.isCancelled?.() === true;
    },
  });
  if (result.reason === 'stopped') throw cancelledError();

  const x = result.x;
  const weights: Float64Array[] = [];
  const intercepts: number[] = [];
  for (let k = 0; k < outputs; k++) {
    weights.push(x.slice(k * d, (k + 1) * d));
    intercepts.push(p.fit_intercept ? x[outputs * d + k] : 0);
  }
  control?.onProgress?.(1);
  return {
    kind: 'logistic_regression',
    task: 'classification',
    classes: y.classes.slice(),
    params: p,
    encoding,
    coefficients: toOriginalUnits(encoding, weights, intercepts),
    n_iter: result.iterations,
    converged: result.converged,
  };
}

interface LogisticObjective {
  f: (x: Float64Array, grad: Float64Array) => number;
  /** Σ log-loss (without the penalty) at the last evaluated point */
  lastDataLoss: () => number;
}

/** rows per block of the fused objective: the block's columns stay in cache between the margin and gradient passes */
const ROW_BLOCK = 512;

function binaryObjective(Z: Float64Array[], codes: Int32Array, n: number, C: number, fitIntercept: boolean): LogisticObjective {
  const d = Z.length;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = codes[i] === 1 ? 1 : 0;
  const block = new Float64Array(ROW_BLOCK);
  let dataLoss = 0;
  // one fused pass per block of rows: margins, loss and residuals (one exp and one log1p per row), then the
  // block's share of the gradient; nothing is allocated per evaluation
  const f = (x: Float64Array, grad: Float64Array): number => {
    const b0 = fitIntercept ? x[d] : 0;
    for (let c = 0; c < d; c++) grad[c] = 0;
    let loss = 0;
    let gb = 0;
    for (let i0 = 0; i0 < n; i0 += ROW_BLOCK) {
      const m = Math.min(ROW_BLOCK, n - i0);
      block.fill(b0, 0, m);
      for (let c = 0; c < d; c++) {
        const w = x[c];
        if (w === 0) continue;
        const z = Z[c];
        for (let i = 0; i < m; i++) block[i] += w * z[i0 + i];
      }
      for (let i = 0; i < m; i++) {
        const r = block[i];
        const yi = y[i0 + i];
        const e = Math.exp(-Math.abs(r));
        const softplus = Math.log1p(e);
        loss += (r > 0 ? r + softplus : softplus) - yi * r;
        const resid = (r >= 0 ? 1 / (1 + e) : e / (1 + e)) - yi;
        block[i] = resid;
        gb += resid;
      }
      for (let c = 0; c < d; c++) {
        const z = Z[c];
        let s = 0;
        for (let i = 0; i < m; i++) s += block[i] * z[i0 + i];
        grad[c] += s;
      }
    }
    dataLoss = loss;
    let penalty = 0;
    for (let c = 0; c < d; c++) {
      grad[c] += x[c] / C;
      penalty += x[c] * x[c];
    }
    if (fitIntercept) grad[d] = gb;
    return loss + penalty / (2 * C);
  };
  return { f, lastDataLoss: () => dataLoss };
}

function multinomialObjective(Z: Float64Array[], codes: Int32Array, n: number, K: number, C: number, fitIntercept: boolean): LogisticObjective {
  const d = Z.length;
  // raw[k * n + i]: the logit of class k for row i, overwritten in place by the residual p − y.
  const raw = new Float64Array(K * n);
  let dataLoss = 0;
  const f = (x: Float64Array, grad: Float64Array): number => {
    for (let k = 0; k < K; k++) {
      const off = k * n;
      raw.fill(fitIntercept ? x[K * d + k] : 0, off, off + n);
      for (let c = 0; c < d; c++) {
        const w = x[k * d + c];
        if (w === 0) continue;
        const z = Z[c];
        for (let i = 0; i < n; i++) raw[off + i] += w * z[i];
      }
    }
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let k = 0; k < K; k++) if (raw[k * n + i] > max) max = raw[k * n + i];
      let sum = 0;
      for (let k = 0; k < K; k++) sum += Math.exp(raw[k * n + i] - max);
      const lse = max + Math.log(sum);
      const yi = codes[i];
      loss += lse - raw[yi * n + i];
      for (let k = 0; k < K; k++) raw[k * n + i] = Math.exp(raw[k * n + i] - lse) - (k === yi ? 1 : 0);
    }
    dataLoss = loss;
    let penalty = 0;
    for (let k = 0; k < K; k++) {
      const off = k * n;
      let gb = 0;
      for (let i = 0; i < n; i++) gb += raw[off + i];
      if (fitIntercept) grad[K * d + k] = gb;
      for (let c = 0; c < d; c++) {
        const z = Z[c];
        let s = 0;
        for (let i = 0; i < n; i++) s += raw[off + i] * z[i];
        const w = x[k * d + c];
        grad[k * d + c] = s + w / C;
        penalty += w * w;
      }
    }
    return loss + penalty / (2 * C);
  };
  return { f, lastDataLoss: () => dataLoss };
}

function sigmoid(r: number): number {
  if (r >= 0) return 1 / (1 + Math.exp(-r));
  const e = Math.exp(r);
  return e / (1 + e);
}

/** Raw margins (n × outputs, row-major): log-odds for binary, per-class logits for multinomial. */
export function logisticMargins(model: LogisticRegressionModel, X: FeatureMatrix): Float64Array {
  return linearMargins(model.encoding, model.coefficients, X);
}

/** Class probabilities, n × classes row-major. */
export function predictProbaLogisticRegression(model: LogisticRegressionModel, X: FeatureMatrix): Float64Array {
  const margins = logisticMargins(model, X);
  const n = X.nRows;
  const K = model.classes.length;
  const out = new Float64Array(n * K);
  if (K === 2) {
    for (let i = 0; i < n; i++) {
      const p1 = sigmoid(margins[i]);
      out[2 * i] = 1 - p1;
      out[2 * i + 1] = p1;
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (margins[i * K + k] > max) max = margins[i * K + k];
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(margins[i * K + k] - max);
      out[i * K + k] = e;
      sum += e;
    }
    for (let k = 0; k < K; k++) out[i * K + k] /= sum;
  }
  return out;
}

/** Predicted class codes (index into model.classes): the most probable class, the first on a tie. */
export function predictLogisticRegression(model: LogisticRegressionModel, X: FeatureMatrix): Int32Array {
  return mostProbableClass(predictProbaLogisticRegression(model, X), X.nRows, model.classes.length);
}
