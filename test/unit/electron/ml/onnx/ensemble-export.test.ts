// ONNX export of AutoML's stacked ensemble: onnxruntime's probabilities (or values) equal Plumb's own predictions of
// the ensemble file within 1e-5, for members of every exportable kind mixed (trees in float32, linear in double), on
// random rows with missing values and unseen categories; an ensemble of members trained on different preprocessing
// is refused in one line.
import { describe, expect, it } from 'vitest';
import { ensembleLink, type EnsembleModel } from '../../../../../electron/ml/ensemble/estimator.js';
import { estimators } from '../../../../../electron/ml/estimators.js';
import { loadModelFile, predictWithModel, type FittedModel, type PlumbModelFile } from '../../../../../electron/ml/model-file.js';
import { canExportOnnx, exportOnnx } from '../../../../../electron/ml/onnx/export.js';
import type { FeatureMatrix, Target } from '../../../../../electron/ml/types.js';
import { mixedData, modelFile, runExported, targets } from './onnx-fixtures.js';

const X = mixedData(300, 21);
const test = mixedData(250, 22);
const ys = targets(X);

function fitted(type: keyof typeof estimators, y: Target, params: object = {}): PlumbModelFile {
  const fit = estimators[type].fit as (X: FeatureMatrix, y: Target, params: object, control: { seed: number }) => unknown;
  return modelFile({ type, model: fit(X, y, params, { seed: 4 }) } as FittedModel, X, y);
}

function ensembleFile(y: Target, members: { weight: number; file: PlumbModelFile }[], intercept: number[]): PlumbModelFile {
  const K = y.task === 'classification' ? y.classes.length : 1;
  const model: EnsembleModel = { link: ensembleLink(y.task, K), intercept, members: members.map((m) => ({ weight: m.weight, file: m.file as never })) };
  return loadModelFile(JSON.parse(JSON.stringify({ ...members[0].file, type: 'ensemble', model })));
}

async function expectSameAsPlumb(file: PlumbModelFile): Promise<void> {
  const ort = await runExported(exportOnnx(file), test);
  const plumb = predictWithModel(file, test);
  const n = test.nRows;
  if (file.task === 'regression') {
    for (let i = 0; i < n; i++) expect(Math.abs((ort.label[i] as number) - plumb.prediction[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(plumb.prediction[i])));
    return;
  }
  const K = file.classes.length;
  let worst = 0;
  for (let i = 0; i < n * K; i++) worst = Math.max(worst, Math.abs(ort.probabilities![i] - plumb.proba![i]));
  expect(worst).toBeLessThanOrEqual(1e-5);
  for (let i = 0; i < n; i++) {
    const row = Array.from(plumb.proba!.subarray(i * K, i * K + K)).sort((a, b) => b - a);
    if (row[0] - row[1] > 1e-5) expect(ort.label[i]).toBe(file.classes[plumb.prediction[i]]);
  }
}

const gbm = { max_iter: 25, early_stopping: false };

describe('exportOnnx: stacked ensemble in onnxruntime', () => {
  it('binary: boosting (log-odds) + forest (positive-class share) + logistic regression', async () => {
    const file = ensembleFile(
      ys.binary,
      [
        { weight: 0.6, file: fitted('gradient_boosting', ys.binary, gbm) },
        { weight: 1.7, file: fitted('random_forest', ys.binary, { n_estimators: 10 }) },
        { weight: 0.4, file: fitted('logistic_regression', ys.binary) },
      ],
      [-0.8],
    );
    expect(canExportOnnx(file)).toBe(true);
    await expectSameAsPlumb(file);
  });

  it('multiclass: boosting + logistic regression (per-class logits), softmax', async () => {
    const file = ensembleFile(
      ys.multiclass,
      [
        { weight: 0.7, file: fitted('gradient_boosting', ys.multiclass, { ...gbm, max_iter: 15 }) },
        { weight: 0.5, file: fitted('logistic_regression', ys.multiclass) },
        { weight: 0, file: fitted('decision_tree', ys.multiclass, { max_depth: 4 }) },
      ],
      [0.1, -0.2, 0.05],
    );
    await expectSameAsPlumb(file);
  });

  it('regression: boosting + forest + linear regression, identity link', async () => {
    const file = ensembleFile(
      ys.regression,
      [
        { weight: 0.5, file: fitted('gradient_boosting', ys.regression, gbm) },
        { weight: 0.3, file: fitted('random_forest', ys.regression, { n_estimators: 8 }) },
        { weight: 0.25, file: fitted('linear_regression', ys.regression) },
      ],
      [0.4],
    );
    await expectSameAsPlumb(file);
  });

  it('binary: naive Bayes (positive-class log-likelihood) + kNN (positive-class share) + boosting', async () => {
    const file = ensembleFile(
      ys.binary,
      [
        { weight: 0.05, file: fitted('naive_bayes', ys.binary) },
        { weight: 1.2, file: fitted('knn', ys.binary, { n_neighbors: 7, weights: 'distance' }) },
        { weight: 0.5, file: fitted('gradient_boosting', ys.binary, gbm) },
      ],
      [-0.6],
    );
    expect(canExportOnnx(file)).toBe(true);
    await expectSameAsPlumb(file);
  });

  it('refuses an ensemble whose members were trained on different preprocessing, in one line', () => {
    const file = ensembleFile(
      ys.binary,
      [
        { weight: 0.5, file: fitted('gradient_boosting', ys.binary, gbm) },
        { weight: 0.5, file: fitted('knn', ys.binary) },
      ],
      [0],
    );
    const model = file.model as EnsembleModel;
    (model.members[1].file as { preprocessing?: unknown }).preprocessing = { input: [{ name: 'x1', type: 'DOUBLE' }], steps: [] };
    expect(canExportOnnx(file)).toBe(false);
    expect(() => exportOnnx(file, 'm.json')).toThrow(/stacked ensemble is not possible: its members were trained on different preprocessing/);
  });
});
