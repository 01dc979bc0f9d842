// model.naive_bayes: Gaussian likelihoods for numeric features (scikit-learn GaussianNB, variances
// widened by var_smoothing × the largest feature variance) times categorical likelihoods for
// categorical features (CategoricalNB with Laplace/Lidstone alpha), under one class prior.
// A missing value contributes no factor: it is left out of the statistics when fitting and of
// the product when predicting.

import { invalidInput } from '../../../shared/errors.js';
import { mostProbableClass } from '../metrics/decision.js';
import { checkFeatureCount } from '../standardize.js';
import type { FeatureMatrix, FitControl, Target } from '../types.js';

export interface NaiveBayesParams {
  var_smoothing: number;
  alpha: number;
}

export const naiveBayesDefaults: NaiveBayesParams = { var_smoothing: 1e-9, alpha: 1 };

export interface NaiveBayesModel {
  kind: 'naive_bayes';
  task: 'classification';
  classes: string[];
  params: NaiveBayesParams;
  nFeatures: number;
  /** training rows per class; the prior is count / total (a class never seen gets probability 0) */
  classCount: number[];
  /** added to every variance: var_smoothing × the largest numeric feature variance */
  epsilon: number;
  gaussian: { feature: number; mean: number[]; variance: number[] }[];
  categorical: { feature: number; logProb: number[][] }[];
}

export function fitNaiveBayes(X: FeatureMatrix, y: Target, params: Partial<NaiveBayesParams> = {}, control?: FitControl): NaiveBayesModel {
  const p: NaiveBayesParams = { ...naiveBayesDefaults, ...params };
  if (y.task !== 'classification') throw invalidInput('naive Bayes needs a categorical target', { param: 'target' });
  if (!(p.var_smoothing >= 0)) throw invalidInput('var_smoothing must be >= 0', { param: 'var_smoothing' });
  if (!(p.alpha > 0)) throw invalidInput('alpha must be > 0', { param: 'alpha' });
  const n = X.nRows;
  const K = y.classes.length;
  const codes = y.codes;
  const classCount = new Array<number>(K).fill(0);
  for (let i = 0; i < n; i++) {
    if (!(codes[i] >= 0 && codes[i] < K)) throw invalidInput(`the target has a missing or unknown class (row ${i + 1})`, { param: 'target' });
    classCount[codes[i]]++;
  }
  if (n === 0) throw invalidInput('naive Bayes needs at least one training row');

  const gaussian: NaiveBayesModel['gaussian'] = [];
  const categorical: NaiveBayesModel['categorical'] = [];
  let maxVariance = 0;
  for (let j = 0; j < X.columns.length; j++) {
    const col = X.columns[j];
    const levels = X.levels[j];
    if (levels) {
      const L = levels.length;
      const counts = Array.from({ length: K }, () => new Array<number>(L).fill(0));
      for (let i = 0; i < n; i++) {
        const v = col[i];
        if (v >= 0 && v < L && Number.isInteger(v)) counts[codes[i]][v]++;
      }
      const logProb = counts.map((row) => {
        const total = row.reduce((a, b) => a + b, 0) + p.alpha * L;
        return row.map((c) => Math.log((c + p.alpha) / total));
      });
      categorical.push({ feature: j, logProb });
      continue;
    }
    const sum = new Array<number>(K).fill(0);
    const cnt = new Array<number>(K).fill(0);
    let all = 0;
    let allCount = 0;
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (v === v) {
        sum[codes[i]] += v;
        cnt[codes[i]]++;
        all += v;
        allCount++;
      }
    }
    const allMean = allCount ? all / allCount : 0;
    const mean = sum.map((s, c) => (cnt[c] ? s / cnt[c] : allMean));
    const ss = new Array<number>(K).fill(0);
    let allSs = 0;
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (v === v) {
        const dv = v - mean[codes[i]];
        ss[codes[i]] += dv * dv;
        allSs += (v - allMean) * (v - allMean);
      }
    }
    const allVar = allCount ? allSs / allCount : 0;
    if (allVar > maxVariance) maxVariance = allVar;
    // A class with no observed value of this feature borrows the feature's overall mean and variance.
    gaussian.push({ feature: j, mean, variance: ss.map((s, c) => (cnt[c] ? s / cnt[c] : allVar)) });
  }
  // When every numeric feature is constant, an absolute floor keeps the variances positive.
  const epsilon = maxVariance > 0 ? p.var_smoothing * maxVariance : Math.max(p.var_smoothing, 1e-300);
  for (const g of gaussian) g.variance = g.variance.map((v) => v + epsilon);
  control?.onProgress?.(1);
  return { kind: 'naive_bayes', task: 'classification', classes: y.classes.slice(), params: p, nFeatures: X.columns.length, classCount, epsilon, gaussian, categorical };
}

/** Unnormalized log posterior per class (n × classes, row-major): log prior + Σ log likelihoods. */
export function jointLogLikelihood(model: NaiveBayesModel, X: FeatureMatrix): Float64Array {
  checkFeatureCount(model, X);
  const n = X.nRows;
  const K = model.classes.length;
  const total = model.classCount.reduce((a, b) => a + b, 0);
  const out = new Float64Array(n * K);
  for (let c = 0; c < K; c++) {
    const logPrior = Math.log(model.classCount[c] / total);
    for (let i = 0; i < n; i++) out[i * K + c] = logPrior;
  }
  for (const g of model.gaussian) {
    const col = X.columns[g.feature];
    for (let c = 0; c < K; c++) {
      const m = g.mean[c];
      const v = g.variance[c];
      const logNorm = -0.5 * Math.log(2 * Math.PI * v);
      for (let i = 0; i < n; i++) {
        const x = col[i];
        if (x === x) out[i * K + c] += logNorm - (0.5 * (x - m) * (x - m)) / v;
      }
    }
  }
  for (const cat of model.categorical) {
    const col = X.columns[cat.feature];
    const L = cat.logProb[0]?.length ?? 0;
    for (let i = 0; i < n; i++) {
      const x = col[i];
      // Missing or unseen categories (codes outside the training levels) contribute no factor.
      if (!(x >= 0 && x < L && Number.isInteger(x))) continue;
      for (let c = 0; c < K; c++) out[i * K + c] += cat.logProb[c][x];
    }
  }
  return out;
}

/** Class probabilities (n × classes, row-major), normalized with log-sum-exp. */
export function predictProbaNaiveBayes(model: NaiveBayesModel, X: FeatureMatrix): Float64Array {
  const jll = jointLogLikelihood(model, X);
  const K = model.classes.length;
  for (let i = 0; i < X.nRows; i++) {
    let max = -Infinity;
    for (let c = 0; c < K; c++) if (jll[i * K + c] > max) max = jll[i * K + c];
    let sum = 0;
    for (let c = 0; c < K; c++) sum += Math.exp(jll[i * K + c] - max);
    const lse = max + Math.log(sum);
    for (let c = 0; c < K; c++) jll[i * K + c] = Math.exp(jll[i * K + c] - lse);
  }
  return jll;
}

export function predictNaiveBayes(model: NaiveBayesModel, X: FeatureMatrix): Int32Array {
  return mostProbableClass(predictProbaNaiveBayes(model, X), X.nRows, model.classes.length);
}
