// LIME for tabular data with lime's LimeTabularExplainer defaults: quartile bins from the training rows, samples drawn
// bin by bin from the training frequencies, a binary "same bin as the row" representation, an exponential kernel of
// width 0.75·√M on the Euclidean distance there, and a weighted Ridge(α = 1) surrogate on the selected features.

import { cancelledError, invalidInput } from '../../../shared/errors.js';
import { Random } from '../random.js';
import type { FeatureMatrix } from '../types.js';
import type { ExplainControl, ExplainedModel } from './exact-shapley.js';
import { limeBin, limeCondition, limeFeatures, type LimeFeature } from './lime-discretize.js';
import { forwardSelection, highestWeights, ridgeFit, weightedMoments } from './lime-ridge.js';
import { truncatedNormal } from './lime-sampling.js';
import { runWith, type Predicting } from './predicting.js';

export type LimeFeatureSelection = 'auto' | 'forward_selection' | 'highest_weights' | 'none';

export interface LimeOptions {
  seed: number;
  /** features in each explanation (lime's num_features, default 10) */
  numFeatures?: number;
  /** neighbourhood size, the row itself included (default 5000) */
  numSamples?: number;
  /** 'auto' (default): forward selection up to 6 features, else highest weights */
  featureSelection?: LimeFeatureSelection;
  /** default 0.75 · √(number of features) */
  kernelWidth?: number;
  /**
   * Which model output to explain: an output index for every row, or 'top' for each row's largest output (the
   * predicted class of a classifier). Default 0.
   */
  output?: number | 'top';
}

export interface LimeWeight {
  feature: string;
  condition: string;
  weight: number;
}

export interface LimeRowExplanation {
  /** row index in the explained data */
  row: number;
  /** the explained output */
  output: number;
  intercept: number;
  /** the model's output for the row */
  prediction: number;
  /** the surrogate's output for the row */
  local_prediction: number;
  /** weighted R² of the surrogate on the neighbourhood */
  score: number;
  /** by decreasing |weight| */
  weights: LimeWeight[];
}

/**
 * Explains `rows` of X (all when omitted). `training` supplies the bins and the sampling frequencies (lime's
 * training_data); the model sees numbers drawn from the training values of each bin (truncated normal per bin).
 * Each row has its own generator (seed, row index), so rows can be split across workers.
 */
export function limeTabular(
  model: ExplainedModel,
  training: FeatureMatrix,
  X: FeatureMatrix,
  options: LimeOptions,
  rows?: ArrayLike<number>,
  control: ExplainControl = {},
): LimeRowExplanation[] {
  return runWith(limeSteps(model.nOutputs, training, X, options, rows, control), (samples) => model.predict(samples));
}

/** limeTabular as steps (see predicting.ts), for a model with `k` outputs: one model call per explained row. */
export function* limeSteps(
  k: number,
  training: FeatureMatrix,
  X: FeatureMatrix,
  options: LimeOptions,
  rows?: ArrayLike<number>,
  control: ExplainControl = {},
): Predicting<LimeRowExplanation[]> {
  if (training.columns.length !== X.columns.length) throw invalidInput(`the training rows have ${training.columns.length} features, the data has ${X.columns.length}`);
  if (training.nRows === 0) throw invalidInput('LIME needs training rows (the background input) to learn its bins');
  const features = limeFeatures(training);
  const m = features.length;
  const numSamples = options.numSamples ?? 5000;
  if (!(Number.isInteger(numSamples) && numSamples >= 2)) throw invalidInput('num_samples must be an integer >= 2', { param: 'num_samples' });
  const numFeatures = Math.min(options.numFeatures ?? 10, m);
  const width = options.kernelWidth ?? 0.75 * Math.sqrt(m);
  const selection = options.featureSelection ?? 'auto';
  const explained = rows ?? Int32Array.from({ length: X.nRows }, (_, i) => i);
  const cumulative = features.map((f) => cumulate(f.frequencies));
  const out: LimeRowExplanation[] = [];

  const binary = new Float64Array(numSamples * m);
  const columns = Array.from({ length: m }, () => new Float64Array(numSamples));
  const distanceWeight = new Float64Array(numSamples);
  const ones = new Float64Array(m).fill(1);
  for (let e = 0; e < explained.length; e++) {
    if (control.isCancelled?.()) throw cancelledError();
    const row = explained[e];
    const rng = new Random((options.seed * 1000003 + row) % 9007199254740991);
    for (let j = 0; j < m; j++) {
      const f = features[j];
      const x = X.columns[j][row];
      const own = limeBin(f, x);
      columns[j][0] = x;
      binary[j] = 1;
      for (let s = 1; s < numSamples; s++) {
        const b = draw(cumulative[j], rng);
        binary[s * m + j] = b === own ? 1 : 0;
        columns[j][s] = valueOf(f, b, rng);
      }
    }
    for (let s = 0; s < numSamples; s++) {
      let d2 = 0;
      for (let j = 0; j < m; j++) d2 += 1 - binary[s * m + j];
      distanceWeight[s] = Math.sqrt(Math.exp(-d2 / (width * width)));
    }
    const outputs = yield { nRows: numSamples, columns, names: X.names, levels: X.levels };
    const label = options.output === 'top' ? argmax(outputs, 0, k) : (options.output ?? 0);
    const y = Float64Array.from({ length: numSamples }, (_, s) => outputs[s * k + label]);

    const moments = weightedMoments(binary, numSamples, m, y, distanceWeight);
    const chosen =
      selection === 'none'
        ? Array.from({ length: m }, (_, j) => j)
        : selection === 'forward_selection' || (selection === 'auto' && numFeatures <= 6)
          ? forwardSelection(moments, numFeatures)
          : highestWeights(moments, numFeatures, ones);
    const fit = ridgeFit(moments, chosen, 1);
    let local = fit.intercept;
    for (const c of fit.coef) local += c;
    const weights = chosen
      .map((j, i) => ({ feature: features[j].name, condition: limeCondition(features[j], X.columns[j][row]), weight: fit.coef[i] }))
      .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
    out.push({ row, output: label, intercept: fit.intercept, prediction: y[0], local_prediction: local, score: fit.score, weights });
    control.onProgress?.((e + 1) / explained.length);
  }
  return out;
}

function cumulate(shares: number[]): Float64Array {
  const out = new Float64Array(shares.length);
  let acc = 0;
  for (let i = 0; i < shares.length; i++) out[i] = acc += shares[i];
  return out;
}

/** A bin drawn with the training frequencies. */
function draw(cumulative: Float64Array, rng: Random): number {
  const u = rng.uniform() * cumulative[cumulative.length - 1];
  let b = 0;
  while (b < cumulative.length - 1 && u >= cumulative[b]) b++;
  return b;
}

/** The number the model sees for a drawn bin: the category's value, NaN for the missing bin, else a truncated normal. */
function valueOf(f: LimeFeature, bin: number, rng: Random): number {
  if (bin === f.frequencies.length - 1) return NaN;
  if (f.kind === 'category') return f.cuts[bin];
  return truncatedNormal(f.mean[bin], f.std[bin], f.min[bin], f.max[bin], rng);
}

function argmax(values: Float64Array, row: number, k: number): number {
  let best = 0;
  for (let o = 1; o < k; o++) if (values[row * k + o] > values[row * k + best]) best = o;
  return best;
}
