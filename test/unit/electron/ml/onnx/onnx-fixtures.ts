// Test helpers for the ONNX tests: seeded mixed data (float32-exact numbers, one categorical column, missing values),
// model files around fitted models, rows placed exactly at (and one float32 either side of) every split threshold,
// and running exported bytes through onnxruntime with one tensor per column.

import * as ort from 'onnxruntime-node';
import { expect } from 'vitest';
import { loadModelFile, MODEL_FILE_VERSION, predictWithModel, type FittedModel, type PlumbModelFile } from '../../../../../electron/ml/model-file.js';
import { exportOnnx } from '../../../../../electron/ml/onnx/export.js';
import { Random } from '../../../../../electron/ml/random.js';
import { ensembleFromJson, type TreeEnsembleJson } from '../../../../../electron/ml/tree/json.js';
import type { FeatureMatrix, Target } from '../../../../../electron/ml/types.js';

export const COLORS = ['blue', 'green', 'red'];

/** n rows: x1..x4 float32-exact normals (≈8% missing), color a categorical with 3 levels (≈5% missing). */
export function mixedData(n: number, seed: number): FeatureMatrix {
  const rng = new Random(seed);
  const columns = Array.from({ length: 5 }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 4; j++) columns[j][i] = rng.uniform() < 0.08 ? NaN : Math.fround(rng.normal() * (j + 1));
    columns[4][i] = rng.uniform() < 0.05 ? NaN : rng.int(3);
  }
  return { nRows: n, columns, names: ['x1', 'x2', 'x3', 'x4', 'color'], levels: [null, null, null, null, COLORS.slice()] };
}

function v(X: FeatureMatrix, j: number, i: number): number {
  const x = X.columns[j][i];
  return x === x ? x : 0;
}

export function targets(X: FeatureMatrix): { regression: Target; binary: Target; multiclass: Target } {
  const n = X.nRows;
  const score = Float64Array.from({ length: n }, (_, i) => v(X, 0, i) - 0.5 * v(X, 1, i) + 0.3 * v(X, 2, i) * v(X, 3, i) + (X.columns[4][i] === 2 ? 1 : 0));
  return {
    regression: { task: 'regression', values: Float64Array.from(score, (s, i) => 3 * s + 10 + Math.sin(i)) },
    binary: { task: 'classification', codes: Int32Array.from(score, (s, i) => (s + 0.5 * Math.sin(i * 7) > 0 ? 1 : 0)), classes: ['no', 'yes'] },
    multiclass: { task: 'classification', codes: Int32Array.from(score, (s, i) => (s + 0.5 * Math.cos(i) < -0.7 ? 0 : s < 0.8 ? 1 : 2)), classes: ['a', 'b', 'c'] },
  };
}

export function modelFile(fitted: FittedModel, X: FeatureMatrix, y: Target): PlumbModelFile {
  const feature_levels: Record<string, string[]> = {};
  X.names.forEach((name, j) => {
    const levels = X.levels[j];
    if (levels) feature_levels[name] = levels.slice();
  });
  return {
    plumb_model: MODEL_FILE_VERSION,
    type: fitted.type,
    features: X.names.slice(),
    target: 'y',
    task: y.task,
    classes: y.task === 'classification' ? y.classes.slice() : [],
    feature_levels,
    params: {},
    model: fitted.model,
    trained: { rows: X.nRows, seconds: 0 },
  } as PlumbModelFile;
}

const f32 = new Float32Array(1);
const u32 = new Int32Array(f32.buffer);

/** The float32 neighbours of a float32 x (below, above). */
function neighbours(x: number): number[] {
  if (!Number.isFinite(x)) return [];
  f32[0] = x;
  const base = u32[0];
  const out: number[] = [];
  for (const d of [-1, 1]) {
    u32[0] = base + d;
    out.push(f32[0]);
  }
  return out;
}

/**
 * For every split of the ensemble: rows copying a base row but with the split feature at fround(t) and at the
 * float32 values next to it — where a float32 comparison can disagree with a float64 one.
 */
export function thresholdRows(ensembleJson: TreeEnsembleJson, X: FeatureMatrix, limit = 3000): FeatureMatrix {
  const e = ensembleFromJson(ensembleJson);
  const values: { j: number; x: number }[] = [];
  for (const tree of e.trees) {
    for (let node = 0; node < tree.feature.length && values.length < limit; node++) {
      const j = tree.feature[node];
      // categorical features hold level codes: only numeric splits can be met by non-integer values
      if (j < 0 || X.levels[j] || !Number.isFinite(tree.threshold[node])) continue;
      const r = Math.fround(tree.threshold[node]);
      for (const x of [r, ...neighbours(r)]) values.push({ j, x });
    }
  }
  const n = values.length;
  const columns = X.columns.map((col, j) => Float64Array.from({ length: n }, (_, i) => (values[i].j === j ? values[i].x : col[i % X.nRows])));
  return { nRows: n, columns, names: X.names.slice(), levels: X.levels.slice() };
}

/** Rows of both matrices, one after the other. */
export function concatRows(a: FeatureMatrix, b: FeatureMatrix): FeatureMatrix {
  const columns = a.columns.map((col, j) => {
    const out = new Float64Array(a.nRows + b.nRows);
    out.set(col);
    out.set(b.columns[j], a.nRows);
    return out;
  });
  return { ...a, nRows: a.nRows + b.nRows, columns };
}

/** Runs exported bytes: one [N, 1] tensor per feature (text for categorical ones; '' for missing, 'purple' unseen). */
export async function runExported(bytes: Uint8Array, X: FeatureMatrix): Promise<{ label: (string | number)[]; probabilities?: Float32Array }> {
  const session = await ort.InferenceSession.create(bytes);
  const feeds: Record<string, ort.Tensor> = {};
  X.names.forEach((name, j) => {
    const col = X.columns[j];
    const levels = X.levels[j];
    if (levels) {
      feeds[name] = new ort.Tensor('string', Array.from(col, (c, i) => (c === c ? levels[c] : i % 2 ? '' : 'purple')), [X.nRows, 1]);
    } else {
      feeds[name] = new ort.Tensor('float32', Float32Array.from(col), [X.nRows, 1]);
    }
  });
  const out = await session.run(feeds);
  await session.release();
  const label = out.label.data as ArrayLike<string | number>;
  return { label: Array.from(label), probabilities: out.probabilities ? (out.probabilities.data as Float32Array) : undefined };
}

/** ORT's output equals Plumb's: probabilities within 1e-5, labels equal unless the top two are within 1e-5. */
export async function expectSameAsPlumb(file: PlumbModelFile, rows: FeatureMatrix): Promise<void> {
  loadModelFile(file);
  const bytes = exportOnnx(file);
  const ort = await runExported(bytes, rows);
  const plumb = predictWithModel(file, rows);
  const n = rows.nRows;
  if (file.task === 'regression') {
    const values = plumb.prediction as Float64Array;
    for (let i = 0; i < n; i++) expect(Math.abs((ort.label[i] as number) - values[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(values[i])));
    return;
  }
  const K = file.classes.length;
  const proba = plumb.proba!;
  const got = ort.probabilities!;
  expect(got.length).toBe(n * K);
  let worst = 0;
  let labelsChecked = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) worst = Math.max(worst, Math.abs(got[i * K + k] - proba[i * K + k]));
    const sorted = Array.from(proba.subarray(i * K, i * K + K)).sort((a, b) => b - a);
    if (sorted[0] - sorted[1] > 1e-5) {
      expect(ort.label[i]).toBe(file.classes[plumb.prediction[i]]);
      labelsChecked++;
    }
  }
  expect(worst).toBeLessThanOrEqual(1e-5);
  expect(labelsChecked).toBeGreaterThan(n / 2);
}
