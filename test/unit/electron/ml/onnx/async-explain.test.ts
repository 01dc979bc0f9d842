// Explainers driven by an asynchronous model (as an ONNX model is): the same numbers as the synchronous drivers,
// KernelSHAP's coalition rows in one model call per explained row (not one per coalition row), and local accuracy.
import { describe, expect, it } from 'vitest';
import { kernelShap, kernelShapSteps } from '../../../../../electron/ml/explain/kernel-shap.js';
import type { ExplainedModel } from '../../../../../electron/ml/explain/exact-shapley.js';
import { limeSteps, limeTabular } from '../../../../../electron/ml/explain/lime.js';
import { runWithAsync } from '../../../../../electron/ml/explain/predicting.js';
import { Random } from '../../../../../electron/ml/random.js';
import type { FeatureMatrix } from '../../../../../electron/ml/types.js';

const M = 5;
const rng = new Random(9);
const rows = (n: number): FeatureMatrix => ({
  nRows: n,
  columns: Array.from({ length: M }, () => Float64Array.from({ length: n }, () => rng.normal())),
  names: Array.from({ length: M }, (_, j) => `x${j}`),
  levels: new Array(M).fill(null),
});
const X = rows(4);
const background = rows(12);

/** f(x) = tanh(Σ w_j x_j) + x0·x1: nonlinear with an interaction, so KernelSHAP has real work to do. */
function f(m: FeatureMatrix): Float64Array {
  return Float64Array.from({ length: m.nRows }, (_, i) => Math.tanh(m.columns.reduce((s, c, j) => s + (j + 1) * 0.3 * c[i], 0)) + m.columns[0][i] * m.columns[1][i]);
}

describe('explainers with an asynchronous model', () => {
  it('KernelSHAP: same values as the synchronous driver, one call per row for its coalitions, local accuracy', async () => {
    const sync: ExplainedModel = { nOutputs: 1, predict: f };
    const expected = kernelShap(sync, X, { columns: background.columns }, { nsamples: 'auto', seed: 3 });
    let calls = 0;
    const got = await runWithAsync(kernelShapSteps(1, X, { columns: background.columns }, { nsamples: 'auto', seed: 3 }), async (m) => {
      calls++;
      await new Promise((r) => setImmediate(r));
      return f(m);
    });
    expect(Array.from(got.values)).toEqual(Array.from(expected.values));
    // E[f] once, then per explained row: f(x) and one batch of all its coalitions × background rows
    expect(calls).toBe(1 + 2 * X.nRows);
    const fx = f(X);
    for (let r = 0; r < X.nRows; r++) {
      let sum = got.baseValue[0];
      for (let j = 0; j < M; j++) sum += got.values[r * M + j];
      expect(Math.abs(sum - fx[r])).toBeLessThanOrEqual(1e-6);
    }
  });

  it('LIME: same explanations as the synchronous driver', async () => {
    const sync: ExplainedModel = { nOutputs: 1, predict: f };
    const options = { seed: 1, numFeatures: 3, numSamples: 200 };
    const expected = limeTabular(sync, background, X, options);
    const got = await runWithAsync(limeSteps(1, background, X, options), async (m) => f(m));
    expect(got).toEqual(expected);
  });
});
