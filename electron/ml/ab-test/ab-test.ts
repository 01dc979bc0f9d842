// abTest: two models on the same labelled rows (SPEC §6 monitor.ab_test metrics): each model's metric with a
// seeded percentile-bootstrap CI, the difference b − a with its CI (same resamples, so paired), a paired test,
// and a winner only when the test is significant.
import { cancelledError, invalidInput } from '../../../shared/errors.js';
import { Random } from '../random.js';
import { mcnemarTest, pairedTTest, wilcoxonSignedRank } from '../stats/paired.js';
import { percentileOfSorted } from '../stats/summary.js';
import { CLASSIFICATION_METRICS, REGRESSION_METRICS, higherIsBetter, scoreClassifier, scoreRegressor, type AbMetric, type ScoredRows } from './row-metrics.js';

export type AbTestData =
  | { task: 'classification'; classes: readonly string[]; yTrue: Int32Array; probaA: Float64Array; probaB: Float64Array }
  | { task: 'regression'; y: Float64Array; predictionA: Float64Array; predictionB: Float64Array };

export type AbTestName = 'mcnemar' | 'paired_t' | 'wilcoxon';

export interface AbTestOptions {
  /** 'auto' = accuracy for classifiers, rmse for regressors */
  metric: AbMetric | 'auto';
  /** 'auto' = McNemar for classifiers (paired t on per-row log-loss for log_loss), paired t for regressors */
  test?: AbTestName | 'auto';
  seed: number;
  nBootstrap: number;
  /** significance level for the winner (default 0.05) */
  alpha?: number;
  /** CI coverage (default 0.95) */
  confidence?: number;
}

export interface Estimate {
  value: number;
  ci: [number, number];
}

export interface AbTestResult {
  metric: AbMetric;
  n: number;
  a: Estimate;
  b: Estimate;
  difference: Estimate;
  test: AbTestName;
  statistic: number;
  p_value: number;
  winner: 'a' | 'b' | null;
  higher_is_better: boolean;
  alpha: number;
  confidence: number;
  n_bootstrap: number;
  /** McNemar: exact binomial or χ² with continuity correction; Wilcoxon: exact or normal approximation */
  method?: 'exact' | 'chi2' | 'approx';
  /** McNemar's discordant rows: right only with model a / only with model b */
  discordant?: { a_only: number; b_only: number };
}

/** Percentile interval of the finite values (a resample can leave a metric undefined, e.g. AUC with one class). */
function percentileInterval(values: Float64Array, confidence: number): [number, number] {
  const finite = Float64Array.from(values.filter(Number.isFinite)).sort();
  if (finite.length === 0) return [Number.NaN, Number.NaN];
  const tail = ((1 - confidence) / 2) * 100;
  return [percentileOfSorted(finite, tail), percentileOfSorted(finite, 100 - tail)];
}

function resolveMetric(data: AbTestData, metric: AbTestOptions['metric']): AbMetric {
  if (metric === 'auto') return data.task === 'classification' ? 'accuracy' : 'rmse';
  const allowed: readonly string[] = data.task === 'classification' ? CLASSIFICATION_METRICS : REGRESSION_METRICS;
  if (!allowed.includes(metric)) throw invalidInput(`'${metric}' is not a ${data.task} metric (use ${allowed.join(', ')})`, { param: 'metric' });
  return metric;
}

function resolveTest(data: AbTestData, metric: AbMetric, test: AbTestOptions['test']): AbTestName {
  if (test === 'mcnemar' && data.task !== 'classification') throw invalidInput('McNemar compares correct/incorrect predictions: it needs classifiers', { param: 'test' });
  if (test && test !== 'auto') return test;
  return data.task === 'classification' && metric !== 'log_loss' ? 'mcnemar' : 'paired_t';
}

export function abTest(data: AbTestData, options: AbTestOptions, onProgress?: (fraction: number) => void, isCancelled?: () => boolean): AbTestResult {
  const metric = resolveMetric(data, options.metric);
  const test = resolveTest(data, metric, options.test);
  const alpha = options.alpha ?? 0.05;
  const confidence = options.confidence ?? 0.95;
  if (!(Number.isInteger(options.nBootstrap) && options.nBootstrap >= 1)) throw invalidInput('n_bootstrap must be a whole number ≥ 1', { param: 'n_bootstrap' });

  let a: ScoredRows;
  let b: ScoredRows;
  let n: number;
  if (data.task === 'classification') {
    n = data.yTrue.length;
    const K = data.classes.length;
    if (data.probaA.length !== n * K || data.probaB.length !== n * K) throw invalidInput(`expected ${n} × ${K} probabilities from each model`);
    a = scoreClassifier(metric, data.yTrue, data.probaA, K);
    b = scoreClassifier(metric, data.yTrue, data.probaB, K);
  } else {
    n = data.y.length;
    if (data.predictionA.length !== n || data.predictionB.length !== n) throw invalidInput(`expected ${n} predictions from each model`);
    a = scoreRegressor(metric, data.y, data.predictionA);
    b = scoreRegressor(metric, data.y, data.predictionB);
  }
  if (n === 0) throw invalidInput('an A/B test needs at least one labelled row');

  const valueA = a.evaluate(null);
  const valueB = b.evaluate(null);
  const B = options.nBootstrap;
  const sampledA = new Float64Array(B);
  const sampledB = new Float64Array(B);
  const sampledDiff = new Float64Array(B);
  const rng = new Random(options.seed);
  const weights = new Float64Array(n);
  for (let r = 0; r < B; r++) {
    if (isCancelled?.()) throw cancelledError();
    weights.fill(0);
    for (let i = 0; i < n; i++) weights[rng.int(n)]++;
    sampledA[r] = a.evaluate(weights);
    sampledB[r] = b.evaluate(weights);
    sampledDiff[r] = sampledB[r] - sampledA[r];
    if (r % 16 === 0) onProgress?.(r / B);
  }
  onProgress?.(1);

  let outcome: { statistic: number; pValue: number; method?: 'exact' | 'chi2' | 'approx' };
  let discordant: AbTestResult['discordant'];
  if (test === 'mcnemar') {
    const ca = a.correct as Uint8Array;
    const cb = b.correct as Uint8Array;
    let onlyA = 0;
    let onlyB = 0;
    for (let i = 0; i < n; i++) {
      if (ca[i] && !cb[i]) onlyA++;
      else if (cb[i] && !ca[i]) onlyB++;
    }
    discordant = { a_only: onlyA, b_only: onlyB };
    outcome = mcnemarTest(onlyA, onlyB);
  } else if (test === 'paired_t') {
    outcome = pairedTTest(b.loss, a.loss);
  } else {
    outcome = wilcoxonSignedRank(b.loss, a.loss);
  }

  const difference = valueB - valueA;
  const higher = higherIsBetter(metric);
  const significant = outcome.pValue < alpha && difference !== 0;
  const bBetter = higher ? difference > 0 : difference < 0;
  return {
    metric,
    n,
    a: { value: valueA, ci: percentileInterval(sampledA, confidence) },
    b: { value: valueB, ci: percentileInterval(sampledB, confidence) },
    difference: { value: difference, ci: percentileInterval(sampledDiff, confidence) },
    test,
    statistic: outcome.statistic,
    p_value: outcome.pValue,
    winner: significant ? (bBetter ? 'b' : 'a') : null,
    higher_is_better: higher,
    alpha,
    confidence,
    n_bootstrap: B,
    ...(outcome.method ? { method: outcome.method } : {}),
    ...(discordant ? { discordant } : {}),
  };
}
