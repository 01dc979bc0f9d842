// model.linear_regression: least squares with optional L2 (scikit-learn Ridge semantics: the
// intercept is not penalized; alpha = 0 is ordinary least squares).
//
// The design (see standardize.ts) is centered, then the normal equations (ZᵀZ + αI) w = Zᵀy are
// solved by Cholesky. When they are ill-conditioned (e.g. a one-hot block plus an intercept, or a
// constant column) we fall back to the minimum-norm least-squares solution of [Z; √α·I] w ≈ [y; 0],
// as scikit-learn's LinearRegression (scipy lstsq) would return. With standardize on, alpha
// penalizes standardized coefficients: the same model as make_pipeline(StandardScaler(), Ridge(alpha)).

import { invalidInput } from '../../../shared/errors.js';
import { cholesky, choleskyRcond, choleskySolve, leastSquares, matrix } from '../linalg.js';
import { designColumns, fitEncoding, type FeatureEncoding } from '../standardize.js';
import type { FeatureMatrix, FitControl, Target } from '../types.js';
import { linearMargins, toOriginalUnits, type LinearCoefficients } from './coefficients.js';

export interface LinearRegressionParams {
  alpha: number;
  fit_intercept: boolean;
  standardize: boolean;
}

export const linearRegressionDefaults: LinearRegressionParams = { alpha: 0, fit_intercept: true, standardize: true };

export interface LinearRegressionModel {
  kind: 'linear_regression';
  task: 'regression';
  params: LinearRegressionParams;
  encoding: FeatureEncoding;
  coefficients: LinearCoefficients;
  /** how the system was solved: normal equations, or the rank-revealing fallback */
  solver: 'cholesky' | 'lstsq';
  /** numerical rank of the (augmented) design */
  rank: number;
}

/** Below this reciprocal condition estimate of ZᵀZ + αI, Cholesky would lose too many digits. */
const MIN_RCOND = 1e-10;

export function fitLinearRegression(
  X: FeatureMatrix,
  y: Target,
  params: Partial<LinearRegressionParams> = {},
  control?: FitControl,
): LinearRegressionModel {
  const p: LinearRegressionParams = { ...linearRegressionDefaults, ...params };
  if (y.task !== 'regression') throw invalidInput('linear regression needs a numeric target', { param: 'target' });
  if (!(p.alpha >= 0) || !Number.isFinite(p.alpha)) throw invalidInput('alpha must be a finite number >= 0', { param: 'alpha' });
  const n = X.nRows;
  if (n < 1) throw invalidInput('linear regression needs at least one training row');
  const target = y.values;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(target[i])) throw invalidInput(`the target has a missing or infinite value (row ${i + 1})`, { param: 'target' });
  }

  const encoding = fitEncoding(X, p.standardize);
  const Z = designColumns(encoding, X, 'fitted');
  const d = Z.length;
  const zMean = new Float64Array(d);
  let yMean = 0;
  const yc = Float64Array.from(target);
  if (p.fit_intercept) {
    for (let i = 0; i < n; i++) yMean += target[i];
    yMean /= n;
    for (let i = 0; i < n; i++) yc[i] -= yMean;
    for (let c = 0; c < d; c++) {
      const z = Z[c];
      let m = 0;
      for (let i = 0; i < n; i++) m += z[i];
      m /= n;
      zMean[c] = m;
      for (let i = 0; i < n; i++) z[i] -= m;
    }
  }

  const { w, solver, rank } = solveRidge(Z, yc, n, p.alpha);
  let b = yMean;
  for (let c = 0; c < d; c++) b -= w[c] * zMean[c];
  const coefficients = toOriginalUnits(encoding, [w], [p.fit_intercept ? b : 0]);
  const model: LinearRegressionModel = { kind: 'linear_regression', task: 'regression', params: p, encoding, coefficients, solver, rank };

  if (control?.onStep) {
    const yhat = predictLinearRegression(model, X);
    let sse = 0;
    for (let i = 0; i < n; i++) sse += (target[i] - yhat[i]) ** 2;
    control.onStep({ step: 1, train_loss: sse / n });
  }
  control?.onProgress?.(1);
  return model;
}

function solveRidge(Z: Float64Array[], y: Float64Array, n: number, alpha: number): { w: Float64Array; solver: 'cholesky' | 'lstsq'; rank: number } {
  const d = Z.length;
  if (d === 0) return { w: new Float64Array(0), solver: 'cholesky', rank: 0 };
  const gram = matrix(d, d);
  const rhs = new Float64Array(d);
  for (let a = 0; a < d; a++) {
    const za = Z[a];
    for (let c = a; c < d; c++) {
      const zc = Z[c];
      let s = 0;
      for (let i = 0; i < n; i++) s += za[i] * zc[i];
      gram.data[a + c * d] = s;
      gram.data[c + a * d] = s;
    }
    gram.data[a + a * d] += alpha;
    let s = 0;
    for (let i = 0; i < n; i++) s += za[i] * y[i];
    rhs[a] = s;
  }
  const l = cholesky(gram);
  if (l && choleskyRcond(l) >= MIN_RCOND) return { w: choleskySolve(l, rhs), solver: 'cholesky', rank: d };

  // Augmented system: ‖Zw − y‖² + α‖w‖² = ‖[Z; √α I] w − [y; 0]‖².
  const extra = alpha > 0 ? d : 0;
  const rows = n + extra;
  const a = matrix(rows, d);
  for (let c = 0; c < d; c++) {
    a.data.set(Z[c], c * rows);
    if (extra) a.data[c * rows + n + c] = Math.sqrt(alpha);
  }
  const b = new Float64Array(rows);
  b.set(y);
  const { x, rank } = leastSquares(a, b);
  return { w: x, solver: 'lstsq', rank };
}

export function predictLinearRegression(model: LinearRegressionModel, X: FeatureMatrix): Float64Array {
  return linearMargins(model.encoding, model.coefficients, X);
}
