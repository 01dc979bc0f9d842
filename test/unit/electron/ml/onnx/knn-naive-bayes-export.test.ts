// ONNX export of kNN and naive Bayes: onnxruntime's label and probabilities (or values) equal Plumb's own predictions
// on random rows with missing values and unseen categories, for both weightings and tasks of kNN (incl. queries at
// distance 0 from training rows) and for naive Bayes with categorical features and a class never seen in training;
// and on a grid where many training rows tie on distance, the graph picks the same neighbours (ONNX's TopK breaks ties
// by the lower index, as Plumb's search does); and an imported ONNX model exports as its own bytes.

import { describe, expect, it } from 'vitest';
import { estimators } from '../../../../../electron/ml/estimators.js';
import { loadModelFile, predictWithModel, type FittedModel, type PlumbModelFile } from '../../../../../electron/ml/model-file.js';
import { predictWithModelAsync } from '../../../../../electron/ml/model-file/predict-async.js';
import { knnNeighbors, type KnnModel } from '../../../../../electron/ml/knn/index.js';
import { canExportOnnx, exportOnnx } from '../../../../../electron/ml/onnx/export.js';
import { importOnnx } from '../../../../../electron/ml/onnx/import.js';
import type { FeatureMatrix, Target } from '../../../../../electron/ml/types.js';
import { concatRows, expectSameAsPlumb, mixedData, modelFile, runExported, targets } from './onnx-fixtures.js';

const X = mixedData(350, 31);
const test = mixedData(250, 32);
const ys = targets(X);

function fitted(type: 'knn' | 'naive_bayes', y: Target, params: object = {}, train: FeatureMatrix = X): PlumbModelFile {
  const fit = estimators[type].fit as (X: FeatureMatrix, y: Target, params: object, control: { seed: number }) => unknown;
  return modelFile({ type, model: fit(train, y, params, { seed: 5 }) } as FittedModel, train, y);
}

/** The first 60 training rows (distance 0 from a training row) followed by the test rows. */
const withTrainingRows = concatRows({ ...X, nRows: 60, columns: X.columns.map((c) => c.slice(0, 60)) }, test);

describe('exportOnnx: kNN in onnxruntime', () => {
  const cases: [string, () => PlumbModelFile][] = [
    ['binary, uniform weights', () => fitted('knn', ys.binary)],
    ['binary, distance weights', () => fitted('knn', ys.binary, { n_neighbors: 6, weights: 'distance' })],
    ['multiclass, uniform weights, k = 9', () => fitted('knn', ys.multiclass, { n_neighbors: 9 })],
    ['multiclass, distance weights, not standardized', () => fitted('knn', ys.multiclass, { weights: 'distance', standardize: false })],
    ['regression, uniform weights', () => fitted('knn', ys.regression, { n_neighbors: 4 })],
    ['regression, distance weights', () => fitted('knn', ys.regression, { weights: 'distance' })],
    ['k = 1', () => fitted('knn', ys.multiclass, { n_neighbors: 1 })],
  ];
  for (const [name, make] of cases) {
    it(`${name}: training rows and random rows`, async () => {
      const file = make();
      expect(canExportOnnx(file)).toBe(true);
      await expectSameAsPlumb(file, withTrainingRows);
    });
  }

  it('ties on distance: the same neighbours as Plumb (lower training index first)', async () => {
    // integer grid, unstandardized: many training rows share a distance to an integer query, and duplicated rows
    // carry different classes, so choosing another of the tied rows would change the vote
    const n = 120;
    const grid = (i: number, j: number) => ((i * 7 + j * 3) % 5) - 2;
    const train: FeatureMatrix = { nRows: n, columns: [0, 1].map((j) => Float64Array.from({ length: n }, (_, i) => grid(i, j))), names: ['a', 'b'], levels: [null, null] };
    const y: Target = { task: 'classification', codes: Int32Array.from({ length: n }, (_, i) => (i * 11) % 3), classes: ['p', 'q', 'r'] };
    const file = fitted('knn', y, { n_neighbors: 4, standardize: false }, train);
    const queries: FeatureMatrix = {
      nRows: 25,
      columns: [Float64Array.from({ length: 25 }, (_, i) => (i % 5) - 2), Float64Array.from({ length: 25 }, (_, i) => Math.floor(i / 5) - 2)],
      names: ['a', 'b'],
      levels: [null, null],
    };
    // the case is only a test of tie-breaking if the k-th and (k+1)-th nearest rows do tie
    const wider = knnNeighbors({ ...(file.model as KnnModel), params: { ...(file.model as KnnModel).params, n_neighbors: 5 } }, queries);
    let tiedAtK = 0;
    for (let q = 0; q < queries.nRows; q++) if (wider.distance[q * 5 + 3] === wider.distance[q * 5 + 4]) tiedAtK++;
    expect(tiedAtK).toBeGreaterThan(20);
    const ort = await runExported(exportOnnx(file), queries);
    const plumb = predictWithModel(file, queries);
    // uniform votes are counts over k: onnxruntime's shares are the same doubles, so labels must agree on every row
    for (let i = 0; i < queries.nRows * 3; i++) expect(Math.abs(ort.probabilities![i] - plumb.proba![i])).toBeLessThanOrEqual(1e-7);
    expect(ort.label).toEqual(Array.from(plumb.prediction, (c) => file.classes[c]));
  });
});

describe('exportOnnx: naive Bayes in onnxruntime', () => {
  it('binary, Gaussian and categorical features', async () => {
    await expectSameAsPlumb(fitted('naive_bayes', ys.binary), withTrainingRows);
  });

  it('multiclass with var_smoothing and alpha set', async () => {
    await expectSameAsPlumb(fitted('naive_bayes', ys.multiclass, { var_smoothing: 0.05, alpha: 0.3 }), test);
  });

  it('a class with no training rows gets probability 0', async () => {
    const y = ys.multiclass as Extract<Target, { task: 'classification' }>;
    const file = fitted('naive_bayes', { ...y, classes: [...y.classes, 'never'] });
    await expectSameAsPlumb(file, test);
    const out = await runExported(exportOnnx(file), test);
    for (let i = 0; i < test.nRows; i++) expect(out.probabilities![i * 4 + 3]).toBe(0);
  });
});

describe('exportOnnx: decision_threshold on a naive Bayes classifier', () => {
  it('the label follows probabilities[:, 1] >= decision_threshold', async () => {
    const file = { ...fitted('naive_bayes', ys.binary), decision_threshold: 0.7 } as PlumbModelFile;
    const out = await runExported(exportOnnx(file), test);
    const p = predictWithModel(file, test).proba!;
    for (let i = 0; i < test.nRows; i++) if (Math.abs(p[2 * i + 1] - 0.7) > 1e-6) expect(out.label[i]).toBe(p[2 * i + 1] >= 0.7 ? 'yes' : 'no');
  });
});

describe('exportOnnx: an imported ONNX model', () => {
  it('exports its own bytes, which onnxruntime runs like Plumb predicts the imported model', async () => {
    const bytes = exportOnnx(fitted('naive_bayes', ys.multiclass));
    const imported = loadModelFile(await importOnnx(bytes, { inputs: {}, task: 'auto', classes: null, target: 'y' }, 'nb.onnx'));
    const again = exportOnnx(imported);
    expect(Buffer.compare(Buffer.from(again), Buffer.from(bytes))).toBe(0);
    const ort = await runExported(again, test);
    const plumb = await predictWithModelAsync(imported, test);
    for (let i = 0; i < test.nRows * 3; i++) expect(Math.abs(ort.probabilities![i] - plumb.proba![i])).toBeLessThanOrEqual(1e-6);
    expect(ort.label).toEqual(Array.from(plumb.prediction, (c) => imported.classes[c]));
  });
});
