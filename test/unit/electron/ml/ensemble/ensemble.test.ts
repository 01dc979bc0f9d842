// The `ensemble` estimator: predictions are its members' weighted scores plus the intercept through the link;
// TreeSHAP of an all-tree ensemble equals the weighted sum of its members' TreeSHAP values (and adds up to its
// margin), binary and multiclass; with a non-tree member the explainers choose KernelSHAP.
import { describe, expect, it } from 'vitest';
import { estimatorOf } from '../../../../../electron/ml/estimators.js';
import type { EnsembleModel } from '../../../../../electron/ml/ensemble/estimator.js';
import { resolveShapMethod } from '../../../../../electron/ml/explain/shap-method.js';
import { shapValues } from '../../../../../electron/ml/explain/shap-values.js';
import { loadModelFile, predictWithModel, type PlumbModelFile } from '../../../../../electron/ml/model-file.js';
import { Random } from '../../../../../electron/ml/random.js';
import type { FeatureMatrix, Target } from '../../../../../electron/ml/types.js';
import { buildModelFile } from '../../../../../electron/nodes/model/model-file-build.js';

function data(n: number, K: number, seed: number): { X: FeatureMatrix; y: Target } {
  const rng = new Random(seed);
  const columns = [0, 1, 2].map(() => new Float64Array(n).map(() => rng.normal()));
  columns[2][3] = NaN;
  const codes = Int32Array.from({ length: n }, (_, i) => {
    const s = columns[0][i] + 0.5 * columns[1][i] + 0.3 * rng.normal();
    return K === 2 ? (s > 0 ? 1 : 0) : s < -0.5 ? 0 : s < 0.5 ? 1 : 2;
  });
  const classes = K === 2 ? ['n', 'y'] : ['a', 'b', 'c'];
  return { X: { nRows: n, columns, names: ['f0', 'f1', 'f2'], levels: [null, null, null] }, y: { task: 'classification', codes, classes } };
}

function member(type: 'gradient_boosting' | 'random_forest' | 'decision_tree' | 'knn', X: FeatureMatrix, y: Target, params: Record<string, unknown>): PlumbModelFile {
  const model = estimatorOf(type).fit!(X, y, params, { seed: 1 });
  return buildModelFile({ type, model } as never, { X, y, target: 't', params, seconds: 0 });
}

function ensembleOf(members: PlumbModelFile[], weights: number[], intercept: number[], X: FeatureMatrix, y: Target): PlumbModelFile {
  const K = y.task === 'classification' ? y.classes.length : 1;
  const model: EnsembleModel = { link: K === 2 ? 'logistic' : 'softmax', intercept, members: members.map((file, k) => ({ weight: weights[k], file: JSON.parse(JSON.stringify(file)) })) };
  return loadModelFile(JSON.parse(JSON.stringify(buildModelFile({ type: 'ensemble', model } as never, { X, y, target: 't', params: {}, seconds: 0 }))));
}

const rows = [0, 3, 5, 17, 40];

describe('ensemble estimator', () => {
  for (const K of [2, 3]) {
    it(`${K} classes: predicts the weighted member margins through the link; TreeSHAP is the weighted member SHAP`, () => {
      const { X, y } = data(300, K, K);
      const members = [
        member('gradient_boosting', X, y, { max_iter: 15 }),
        member('random_forest', X, y, { n_estimators: 7, max_depth: 4 }),
        member('decision_tree', X, y, { max_depth: 3 }),
      ];
      const weights = [0.7, 1.3, 0.25];
      const width = K === 2 ? 1 : K;
      const intercept = Array.from({ length: width }, (_, o) => 0.1 * (o + 1));
      const file = ensembleOf(members, weights, intercept, X, y);
      const out = predictWithModel(file, X);

      // margins by hand from the members' own predictions (binary: the positive-class column)
      const memberMargins = members.map((m) => {
        const o = predictWithModel(m, X);
        const w = o.margin!.length / X.nRows;
        return (i: number, c: number) => o.margin![i * w + (w === width ? c : w - 1)];
      });
      for (const i of rows) {
        const margin = Array.from({ length: width }, (_, c) => intercept[c] + weights.reduce((a, wk, k) => a + wk * memberMargins[k](i, c), 0));
        if (K === 2) expect(out.proba![2 * i + 1]).toBeCloseTo(1 / (1 + Math.exp(-margin[0])), 12);
        else {
          const z = margin.map(Math.exp);
          const sum = z.reduce((a, b) => a + b, 0);
          for (let c = 0; c < K; c++) expect(out.proba![i * K + c]).toBeCloseTo(z[c] / sum, 12);
        }
      }

      expect(resolveShapMethod('auto', file)).toBe('tree');
      const request = { method: 'tree' as const, interventional: false, X, rows, nsamples: 'auto' as const, seed: 0 };
      const shap = shapValues({ ...request, file });
      const parts = members.map((m) => shapValues({ ...request, file: m }));
      expect(shap.nOutputs).toBe(width);
      for (let v = 0; v < shap.values.length; v++) {
        const expected = parts.reduce((a, p, k) => a + weights[k] * p.values[v], 0);
        expect(shap.values[v]).toBeCloseTo(expected, 9);
      }
      // local accuracy: base + Σ values = the ensemble's margin
      for (let o = 0; o < width; o++)
        rows.forEach((i, r) => {
          let total = shap.baseValue[o];
          for (let j = 0; j < 3; j++) total += shap.values[(o * rows.length + r) * 3 + j];
          expect(total).toBeCloseTo(out.margin![i * width + o], 8);
        });
    });
  }

  it('with a kNN member: KernelSHAP; a member with other features is refused, naming the key', () => {
    const { X, y } = data(120, 2, 7);
    const members = [member('gradient_boosting', X, y, { max_iter: 5 }), member('knn', X, y, {})];
    const file = ensembleOf(members, [1, 2], [0], X, y);
    expect(resolveShapMethod('auto', file)).toBe('kernel');
    expect(() => resolveShapMethod('tree', file)).toThrow(/needs a tree model/);
    const broken = JSON.parse(JSON.stringify(file)) as { model: EnsembleModel };
    broken.model.members[1].file.features = ['f0', 'f1', 'other'];
    expect(() => loadModelFile(broken)).toThrow(/model\.members\[1\]\.file\.features/);
  });
});
