// Exported trees on data that is not float32: HistGBM trained on doubles has split thresholds equal to training
// values (its quantile bin edges), so training rows sit exactly on thresholds. The graph's inputs are float32
// tensors: onnxruntime must equal Plumb on the float32 values it is given (≤ 1e-5, every row); against Plumb on
// the original doubles it differs only on rows whose rounding to float32 already changes Plumb's own prediction —
// the residual export.ts documents, which no threshold can remove because the rounding happens before the graph.

import { describe, expect, it } from 'vitest';
import { estimators } from '../../../../../electron/ml/estimators.js';
import { predictWithModel, type PlumbModelFile } from '../../../../../electron/ml/model-file.js';
import { exportOnnx } from '../../../../../electron/ml/onnx/export.js';
import { Random } from '../../../../../electron/ml/random.js';
import type { FeatureMatrix, Target } from '../../../../../electron/ml/types.js';
import { modelFile, runExported } from './onnx-fixtures.js';

/** n rows of doubles that are not float32 values; with n − 1 a multiple of 255, every quantile bin edge is a training value. */
function doubleData(n: number, seed: number): FeatureMatrix {
  const rng = new Random(seed);
  const columns = Array.from({ length: 3 }, (_, j) => Float64Array.from({ length: n }, () => rng.normal() * (j + 1) + 0.1));
  return { nRows: n, columns, names: ['a', 'b', 'c'], levels: [null, null, null] };
}

function asFloat32(X: FeatureMatrix): FeatureMatrix {
  return { ...X, columns: X.columns.map((c) => Float64Array.from(c, Math.fround)) };
}

/** The model's output per row: the value (regression) or the probability of the last class. */
function outputs(file: PlumbModelFile, X: FeatureMatrix): Float64Array {
  const out = predictWithModel(file, X);
  if (file.task === 'regression') return Float64Array.from(out.prediction);
  const K = file.classes.length;
  return Float64Array.from({ length: X.nRows }, (_, i) => out.proba![i * K + K - 1]);
}

describe('exportOnnx: trees on double inputs', () => {
  const X = doubleData(511, 41);
  const score = Float64Array.from({ length: X.nRows }, (_, i) => X.columns[0][i] - 0.6 * X.columns[1][i] + 0.2 * X.columns[2][i] ** 2);
  const cases: [string, Target][] = [
    ['regression', { task: 'regression', values: Float64Array.from(score, (s) => 5 * s) }],
    ['binary', { task: 'classification', codes: Int32Array.from(score, (s, i) => (s + Math.sin(i) > 0.3 ? 1 : 0)), classes: ['no', 'yes'] }],
  ];
  for (const [name, y] of cases) {
    it(`HistGBM ${name}: equal to Plumb on the float32 inputs; off only where rounding the input moves Plumb too`, async () => {
      const model = estimators.gradient_boosting.fit!(X, y, { max_iter: 40, early_stopping: false }, { seed: 2 });
      const file = modelFile({ type: 'gradient_boosting', model }, X, y);
      const ort = await runExported(exportOnnx(file), X);
      const got = file.task === 'regression' ? Float64Array.from(ort.label as number[]) : Float64Array.from({ length: X.nRows }, (_, i) => ort.probabilities![2 * i + 1]);
      const onFloat32 = outputs(file, asFloat32(X));
      const onDoubles = outputs(file, X);
      const tolerance = (v: number) => 1e-5 * Math.max(1, Math.abs(v));
      let moved = 0;
      for (let i = 0; i < X.nRows; i++) {
        expect(Math.abs(got[i] - onFloat32[i])).toBeLessThanOrEqual(tolerance(onFloat32[i]));
        const movedByRounding = Math.abs(onFloat32[i] - onDoubles[i]) > tolerance(onDoubles[i]);
        if (movedByRounding) moved++;
        else expect(Math.abs(got[i] - onDoubles[i])).toBeLessThanOrEqual(tolerance(onDoubles[i]));
      }
      // training rows on the thresholds do exist here, and some of them round across one
      expect(moved).toBeGreaterThan(0);
    });
  }
});
