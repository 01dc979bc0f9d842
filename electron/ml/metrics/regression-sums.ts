// The sums regression scores are made of (squared and absolute errors, total variance around the mean), and R²
// from them with scikit-learn's force_finite: shared by evaluate.regression and permutation importance.

export interface RegressionSums {
  /** sum of squared errors */
  sse: number;
  /** sum of absolute errors */
  sae: number;
  /** sum of squares of y around its mean */
  sst: number;
}

export function regressionSums(y: Float64Array, yhat: Float64Array): RegressionSums {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  let sse = 0;
  let sae = 0;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    const e = y[i] - yhat[i];
    sse += e * e;
    sae += Math.abs(e);
    sst += (y[i] - mean) * (y[i] - mean);
  }
  return { sse, sae, sst };
}

/** scikit-learn's force_finite: a perfect fit scores 1, a constant target with errors scores 0. */
export function r2Score({ sse, sst }: RegressionSums): number {
  return sse === 0 ? 1 : sst === 0 ? 0 : 1 - sse / sst;
}
