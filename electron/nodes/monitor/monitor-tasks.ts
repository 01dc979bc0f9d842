// Worker tasks of the monitor nodes: the drift report, the Isolation Forest, per-batch metrics with prediction
// latency, and the A/B comparison. Each takes plain data (typed arrays move, not copy) and returns plain data.
import type { WorkerTaskContext } from '../../engine/workers.js';
import { abTest, scoreClassifier, scoreRegressor, type AbMetric, type AbTestOptions, type AbTestResult } from '../../ml/ab-test/index.js';
import { fitIsolationForest, scoreSamples, type IsolationForestParams } from '../../ml/anomaly/index.js';
import { driftReport, type DriftOptions, type DriftReport, type DriftTable } from '../../ml/drift/index.js';
import { loadModelFile, type ModelOutput, type PlumbModelFile } from '../../ml/model-file.js';
import { predictWithModelAsync } from '../../ml/model-file/predict-async.js';
import { percentileOfSorted } from '../../ml/stats/summary.js';
import type { FeatureMatrix, Target } from '../../ml/types.js';

export interface DriftPayload {
  reference: DriftTable;
  current: DriftTable;
  options: DriftOptions;
}

export function computeDrift(payload: DriftPayload, ctx: WorkerTaskContext): DriftReport {
  return driftReport(payload.reference, payload.current, payload.options, (done, total) => ctx.progress(done / total, `${done} of ${total} columns`));
}

export interface AnomalyPayload {
  columns: Float64Array[];
  nRows: number;
  params: IsolationForestParams;
  /**
   * A `--shard` step: fit on every row, score only rows [from, to). A contamination share needs every row's score,
   * so such a shard leaves `flag` missing (−1) for the reduce step to set.
   */
  window?: [number, number];
}

export interface AnomalyResult {
  /** −score_samples: higher = more anomalous */
  score: Float64Array;
  flag: Int32Array;
  offset: number;
}

export function scoreAnomalies(payload: AnomalyPayload, ctx: WorkerTaskContext): AnomalyResult {
  const control = { onProgress: (f: number) => ctx.progress(f, 'isolation forest'), isCancelled: () => ctx.isCancelled() };
  const window = payload.window;
  const deferred = window !== undefined && payload.params.contamination !== 'auto';
  const params: IsolationForestParams = deferred ? { ...payload.params, contamination: 'auto' } : payload.params;
  const forest = fitIsolationForest(payload.columns, payload.nRows, params, control);
  const [from, to] = window ?? [0, payload.nRows];
  const samples = scoreSamples(forest, window ? payload.columns.map((c) => c.subarray(from, to)) : payload.columns, to - from, control);
  return {
    score: samples.map((s) => -s),
    flag: Int32Array.from(samples, (s) => (deferred ? -1 : s < forest.offset ? 1 : 0)),
    offset: forest.offset,
  };
}

export interface BatchPayload {
  file: PlumbModelFile;
  X: FeatureMatrix;
  y: Target;
  metric: AbMetric;
  /** batch index per row */
  batchOf: Int32Array;
  nBatches: number;
  /** rows whose single-row prediction is timed */
  latencyRows: number;
}

export interface BatchResult {
  values: (number | null)[];
  counts: number[];
  latencyMs: { p50: number; p95: number; p99: number; rows: number } | null;
}

/** Milliseconds to predict each of up to `rows` evenly spaced single rows (after one warm-up call). */
async function singleRowLatency(file: PlumbModelFile, X: FeatureMatrix, rows: number): Promise<BatchResult['latencyMs']> {
  const n = Math.min(rows, X.nRows);
  if (n === 0) return null;
  const one = (r: number): FeatureMatrix => ({ ...X, nRows: 1, columns: X.columns.map((c) => c.subarray(r, r + 1)) });
  await predictWithModelAsync(file, one(0));
  const times = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const row = one(Math.floor((k * X.nRows) / n));
    const start = performance.now();
    await predictWithModelAsync(file, row);
    times[k] = performance.now() - start;
  }
  times.sort();
  return { p50: percentileOfSorted(times, 50), p95: percentileOfSorted(times, 95), p99: percentileOfSorted(times, 99), rows: n };
}

export async function scoreBatches(payload: BatchPayload, ctx: WorkerTaskContext): Promise<BatchResult> {
  ctx.progress(0, 'predicting');
  const file = loadModelFile(payload.file);
  const out = await predictWithModelAsync(file, payload.X);
  const scored =
    payload.y.task === 'classification'
      ? scoreClassifier(payload.metric, payload.y.codes, out.proba as Float64Array, file.classes.length)
      : scoreRegressor(payload.metric, payload.y.values, out.prediction as Float64Array);
  const values: (number | null)[] = [];
  const counts: number[] = [];
  const weights = new Float64Array(payload.batchOf.length);
  for (let b = 0; b < payload.nBatches; b++) {
    let n = 0;
    for (let i = 0; i < weights.length; i++) {
      const inBatch = payload.batchOf[i] === b ? 1 : 0;
      weights[i] = inBatch;
      n += inBatch;
    }
    const value = n > 0 ? scored.evaluate(weights) : Number.NaN;
    values.push(Number.isFinite(value) ? value : null);
    counts.push(n);
    ctx.progress((b + 1) / payload.nBatches / 2, 'scoring batches');
  }
  const latencyMs = await singleRowLatency(file, payload.X, payload.latencyRows);
  ctx.progress(1);
  return { values, counts, latencyMs };
}

export interface CompareModelsPayload {
  fileA: PlumbModelFile;
  fileB: PlumbModelFile;
  Xa: FeatureMatrix;
  Xb: FeatureMatrix;
  y: Target;
  options: AbTestOptions;
}

export async function compareModels(payload: CompareModelsPayload, ctx: WorkerTaskContext): Promise<AbTestResult> {
  ctx.progress(0, 'predicting');
  const a: ModelOutput = await predictWithModelAsync(loadModelFile(payload.fileA), payload.Xa);
  const b: ModelOutput = await predictWithModelAsync(loadModelFile(payload.fileB), payload.Xb);
  const { y } = payload;
  const data =
    y.task === 'classification'
      ? { task: 'classification' as const, classes: y.classes, yTrue: y.codes, probaA: a.proba as Float64Array, probaB: b.proba as Float64Array }
      : { task: 'regression' as const, y: y.values, predictionA: a.prediction as Float64Array, predictionB: b.prediction as Float64Array };
  return abTest(data, payload.options, (f) => ctx.progress(f, 'bootstrap'), () => ctx.isCancelled());
}
