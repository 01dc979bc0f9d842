// The design matrix the linear models and kNN see: numeric features mean-imputed and (optionally)
// standardized, categorical features one-hot encoded. The encoding is plain data saved in the model.
//
// Why these choices: it mirrors scikit-learn's SimpleImputer(mean) → StandardScaler (population
// std, scale 1 for a constant column) for numeric columns and OneHotEncoder (all levels, 0/1, not
// scaled) for categorical ones. A missing or unknown category encodes as all zeros. The explicit,
// user-visible way to impute is the `data.impute` node; this internal fill only keeps fitting total.

import { invalidInput } from '../../shared/errors.js';
import type { FeatureMatrix } from './types.js';

export interface FeatureEncoding {
  /** number of input features the encoding expects */
  nFeatures: number;
  /** per input feature: the value a missing numeric is replaced with (training mean; 0 for categorical) */
  fill: number[];
  /** per design column: the input feature it comes from */
  feature: number[];
  /** per design column: the category code it indicates, or -1 for a numeric column */
  level: number[];
  /** per design column: subtracted, then divided by scale (0 and 1 when not standardized) */
  center: number[];
  scale: number[];
  /** per design column: readable name, `x` or `color=red` */
  names: string[];
}

/** Learns fill values, standardization and the one-hot layout from training data. */
export function fitEncoding(X: FeatureMatrix, standardize: boolean): FeatureEncoding {
  const enc: FeatureEncoding = { nFeatures: X.columns.length, fill: [], feature: [], level: [], center: [], scale: [], names: [] };
  for (let j = 0; j < X.columns.length; j++) {
    const col = X.columns[j];
    const levels = X.levels[j];
    if (levels) {
      enc.fill.push(0);
      for (let l = 0; l < levels.length; l++) {
        enc.feature.push(j);
        enc.level.push(l);
        enc.center.push(0);
        enc.scale.push(1);
        enc.names.push(`${X.names[j]}=${levels[l]}`);
      }
      continue;
    }
    let sum = 0;
    let count = 0;
    for (let i = 0; i < X.nRows; i++) {
      const v = col[i];
      if (v === v) {
        sum += v;
        count++;
      }
    }
    const mean = count > 0 ? sum / count : 0;
    // Population variance of the imputed column: the imputed rows add zero deviation but count in n.
    let ss = 0;
    for (let i = 0; i < X.nRows; i++) {
      const v = col[i];
      if (v === v) ss += (v - mean) * (v - mean);
    }
    const std = X.nRows > 0 ? Math.sqrt(ss / X.nRows) : 0;
    enc.fill.push(mean);
    enc.feature.push(j);
    enc.level.push(-1);
    enc.center.push(standardize ? mean : 0);
    enc.scale.push(standardize && std > 0 && Number.isFinite(std) ? std : 1);
    enc.names.push(X.names[j]);
  }
  return enc;
}

export function checkFeatureCount(enc: { nFeatures: number }, X: FeatureMatrix): void {
  if (X.columns.length !== enc.nFeatures) {
    throw invalidInput(`the model expects ${enc.nFeatures} features, the data has ${X.columns.length}`);
  }
}

/**
 * The design matrix column by column. 'fitted' is the space the model was fitted in (standardized);
 * 'original' keeps numeric features in their own units (imputed) — the space coefficients are
 * reported in and that LinearSHAP works in.
 */
export function designColumns(enc: FeatureEncoding, X: FeatureMatrix, space: 'fitted' | 'original' = 'fitted'): Float64Array[] {
  checkFeatureCount(enc, X);
  const n = X.nRows;
  const out: Float64Array[] = [];
  for (let c = 0; c < enc.feature.length; c++) {
    const src = X.columns[enc.feature[c]];
    const col = new Float64Array(n);
    const level = enc.level[c];
    if (level >= 0) {
      for (let i = 0; i < n; i++) col[i] = src[i] === level ? 1 : 0;
    } else {
      const fill = enc.fill[enc.feature[c]];
      const center = space === 'fitted' ? enc.center[c] : 0;
      const scale = space === 'fitted' ? enc.scale[c] : 1;
      for (let i = 0; i < n; i++) {
        const v = src[i];
        col[i] = ((v === v ? v : fill) - center) / scale;
      }
    }
    out.push(col);
  }
  return out;
}

/** The fitted-space design matrix as one row-major block (n × columns), for row-wise distance loops. */
export function designRows(enc: FeatureEncoding, X: FeatureMatrix): Float64Array {
  const cols = designColumns(enc, X, 'fitted');
  const p = cols.length;
  const n = X.nRows;
  const out = new Float64Array(n * p);
  for (let c = 0; c < p; c++) {
    const col = cols[c];
    for (let i = 0; i < n; i++) out[i * p + c] = col[i];
  }
  return out;
}
