// decision_threshold in the model file: a binary classifier predicts the positive (last) class exactly when its
// probability is ≥ the threshold, probabilities unchanged; evaluate.classification scores those predictions; a
// file without the field predicts the most probable class as before; the schema refuses misuse.
import { describe, expect, it } from 'vitest';
import { PlumbError } from '../../../../../shared/errors.js';
import { evaluateClassification } from '../../../../../shared/catalog/evaluate/classification.js';
import { estimatorOf } from '../../../../../electron/ml/estimators.js';
import { loadModelFile, predictWithModel, type PlumbModelFile } from '../../../../../electron/ml/model-file.js';
import type { FeatureMatrix, Target } from '../../../../../electron/ml/types.js';
import { evaluateClassificationNode } from '../../../../../electron/nodes/evaluate/classification.js';
import { fitModel } from '../../../../../electron/nodes/model/fit-model.js';
import { buildModelFile } from '../../../../../electron/nodes/model/model-file-build.js';
import { makeTestContext, withSession } from '../../nodes/data/context.js';

const n = 200;
const x1 = Float64Array.from({ length: n }, (_, i) => ((i * 37) % 101) / 10);
const x2 = Float64Array.from({ length: n }, (_, i) => ((i * 53) % 97) / 9.7);
const X: FeatureMatrix = { nRows: n, columns: [x1, x2], names: ['x1', 'x2'], levels: [null, null] };
// noisy labels, so the probabilities spread over (0, 1)
const y: Target = { task: 'classification', codes: Int32Array.from(x1, (v, i) => (v + x2[i] + ((i * 7919) % 13) / 2 > 10 ? 1 : 0)), classes: ['no', 'yes'] };

function binaryFile(extra: Partial<PlumbModelFile> = {}): PlumbModelFile {
  const file = buildModelFile(fitModel('logistic_regression', { X, y, params: {} }, { seed: 0 }), { X, y, target: 'label', params: {}, seconds: 0 });
  return loadModelFile(JSON.parse(JSON.stringify({ ...file, ...extra })));
}

describe('decision_threshold', () => {
  it('a file without it predicts exactly as the estimator does (most probable class)', () => {
    const file = binaryFile();
    const direct = estimatorOf(file.type).predict(file.model, X, file, {});
    const out = predictWithModel(file, X);
    expect(Array.from(out.prediction)).toEqual(Array.from(direct.prediction));
    expect(Array.from(out.proba!)).toEqual(Array.from(direct.proba!));
  });

  it('predicts the positive class when p(positive) ≥ threshold; probabilities unchanged', () => {
    const plain = predictWithModel(binaryFile(), X);
    for (const t of [0.2, 0.5, 0.8, 0, 1]) {
      const out = predictWithModel(binaryFile({ decision_threshold: t }), X);
      expect(Array.from(out.proba!)).toEqual(Array.from(plain.proba!));
      const expected = Array.from({ length: n }, (_, i) => (plain.proba![i * 2 + 1] >= t ? 1 : 0));
      expect(Array.from(out.prediction)).toEqual(expected);
      if (t === 0.2 || t === 0.8) expect(expected).not.toEqual(Array.from(plain.prediction));
    }
  });

  it('evaluate.classification scores the thresholded predictions and reports the threshold', () =>
    withSession(async (data, env) => {
      const t = 0.3;
      const file = binaryFile({ decision_threshold: t });
      const rows = Array.from({ length: n }, (_, i) => `(${x1[i]}, ${x2[i]}, '${y.classes[y.codes[i]]}')`).join(', ');
      const table = await data.createTable(`SELECT * FROM (VALUES ${rows}) v(x1, x2, label)`, 'eval');
      const out = await evaluateClassificationNode.run(makeTestContext(), { model: file, data: table }, evaluateClassification.params.parse({}) as never, env);
      const metrics = out.metrics as { accuracy: number; decision_threshold: number; confusion_matrix: { matrix: number[][] } };
      const proba = predictWithModel(binaryFile(), X).proba!;
      const matrix = [[0, 0], [0, 0]];
      for (let i = 0; i < n; i++) matrix[y.codes[i]][proba[i * 2 + 1] >= t ? 1 : 0]++;
      expect(metrics.confusion_matrix.matrix).toEqual(matrix);
      expect(metrics.accuracy).toBeCloseTo((matrix[0][0] + matrix[1][1]) / n, 12);
      expect(metrics.decision_threshold).toBe(t);
    }));

  it('is refused outside [0, 1] and on models that are not binary classifiers', () => {
    const bad = (extra: Record<string, unknown>, base = binaryFile()) => {
      try {
        loadModelFile(JSON.parse(JSON.stringify({ ...base, ...extra })));
      } catch (e) {
        expect(e).toBeInstanceOf(PlumbError);
        return (e as Error).message;
      }
      throw new Error('expected the file to be refused');
    };
    expect(bad({ decision_threshold: 1.5 })).toMatch(/decision_threshold/);
    const yr: Target = { task: 'regression', values: x1 };
    const regression = buildModelFile(fitModel('linear_regression', { X, y: yr, params: {} }, { seed: 0 }), { X, y: yr, target: 'v', params: {}, seconds: 0 });
    expect(bad({ decision_threshold: 0.5 }, regression)).toMatch(/decision_threshold.*binary classifier/);
  });
});
