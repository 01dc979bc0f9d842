// ONNX export: for every exported model kind, onnxruntime's label and probabilities (or values) equal Plumb's own
// predictions on random rows with missing values and unseen categories, and on rows exactly at (and one float32
// either side of) every split threshold.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimators } from '../../../../../electron/ml/estimators.js';
import { predictWithModel, type FittedModel, type PlumbModelFile } from '../../../../../electron/ml/model-file.js';
import { encodeFloat32, type MlpModel } from '../../../../../electron/ml/mlp/model.js';
import { exportOnnx } from '../../../../../electron/ml/onnx/export.js';
import { Random } from '../../../../../electron/ml/random.js';
import { fitEncoding } from '../../../../../electron/ml/standardize.js';
import { importXgboostJson } from '../../../../../electron/ml/xgboost/import.js';
import { xgboostModelFile } from '../../../../../electron/nodes/model/import_xgboost.js';
import type { TreeEnsembleJson } from '../../../../../electron/ml/tree/json.js';
import type { FeatureMatrix, Target } from '../../../../../electron/ml/types.js';
import { concatRows, expectSameAsPlumb, mixedData, modelFile, runExported, targets, thresholdRows } from './onnx-fixtures.js';

const X = mixedData(400, 11);
const test = mixedData(300, 12);
const ys = targets(X);
const control = { seed: 3 };

function fitted<T extends keyof typeof estimators>(type: T, y: Target, params: object = {}): PlumbModelFile {
  const record = estimators[type];
  const fit = record.fit as (X: FeatureMatrix, y: Target, params: object, control: { seed: number }) => unknown;
  return modelFile({ type, model: fit(X, y, params, control) } as FittedModel, X, y);
}

function ensembleOf(file: PlumbModelFile): TreeEnsembleJson {
  return (file.model as { ensemble: TreeEnsembleJson }).ensemble;
}

const treeCases: [string, () => PlumbModelFile][] = [
  ['decision tree, regression', () => fitted('decision_tree', ys.regression, { max_depth: 8 })],
  ['decision tree, binary', () => fitted('decision_tree', ys.binary)],
  ['decision tree, multiclass', () => fitted('decision_tree', ys.multiclass, { max_depth: 6 })],
  ['random forest, regression', () => fitted('random_forest', ys.regression, { n_estimators: 15 })],
  ['random forest, binary', () => fitted('random_forest', ys.binary, { n_estimators: 15 })],
  ['random forest, multiclass', () => fitted('random_forest', ys.multiclass, { n_estimators: 15 })],
  ['HistGBM, regression', () => fitted('gradient_boosting', ys.regression, { max_iter: 30, early_stopping: false })],
  ['HistGBM, binary', () => fitted('gradient_boosting', ys.binary, { max_iter: 30, early_stopping: false })],
  ['HistGBM, multiclass', () => fitted('gradient_boosting', ys.multiclass, { max_iter: 20, early_stopping: false })],
];

describe('exportOnnx: tree ensembles in onnxruntime', () => {
  for (const [name, make] of treeCases) {
    it(`${name}: random rows and rows at every threshold`, async () => {
      const file = make();
      await expectSameAsPlumb(file, concatRows(test, thresholdRows(ensembleOf(file), test)));
    });
  }

  it('float32 rounding of thresholds decides: a split between two adjacent float32 values', async () => {
    // one split at t = midpoint of two adjacent float32 values a < b: rounding t to nearest would make a or b flip
    const a = Math.fround(1.1);
    const f = new Float32Array([a]);
    new Int32Array(f.buffer)[0]++;
    const b = f[0];
    const rows = 40;
    const train: FeatureMatrix = { nRows: rows, columns: [Float64Array.from({ length: rows }, (_, i) => (i < rows / 2 ? a : b))], names: ['x'], levels: [null] };
    const y: Target = { task: 'classification', codes: Int32Array.from({ length: rows }, (_, i) => (i < rows / 2 ? 0 : 1)), classes: ['lo', 'hi'] };
    const model = estimators.decision_tree.fit!(train, y, {}, control);
    const file = modelFile({ type: 'decision_tree', model }, train, y);
    const ort = await runExported(exportOnnx(file), train);
    expect(ort.label.slice(0, rows / 2).every((l) => l === 'lo')).toBe(true);
    expect(ort.label.slice(rows / 2).every((l) => l === 'hi')).toBe(true);
  });
});

describe('exportOnnx: linear models and the MLP in onnxruntime', () => {
  it('linear regression (standardized, one-hot) ', async () => {
    await expectSameAsPlumb(fitted('linear_regression', ys.regression), test);
  });
  it('logistic regression, binary', async () => {
    await expectSameAsPlumb(fitted('logistic_regression', ys.binary), test);
  });
  it('logistic regression, multiclass', async () => {
    await expectSameAsPlumb(fitted('logistic_regression', ys.multiclass, { C: 0.5 }), test);
  });

  /** An MLP with seeded random float32 weights (the network's numbers need not come from training to be exported). */
  function mlpFile(y: Target, hidden: ('relu' | 'tanh' | 'logistic')[]): PlumbModelFile {
    const rng = new Random(5);
    const encoding = fitEncoding(X, true);
    const outputs = y.task === 'regression' || y.classes.length === 2 ? 1 : y.classes.length;
    const widths = [encoding.feature.length, ...hidden.map((_, l) => 6 + l), outputs];
    const layers = widths.slice(1).map((units, l) => ({
      inputs: widths[l],
      units,
      activation: l < hidden.length ? hidden[l] : y.task === 'regression' ? ('identity' as const) : outputs === 1 ? ('sigmoid' as const) : ('softmax' as const),
      kernel: encodeFloat32(Array.from({ length: widths[l] * units }, () => rng.normal() * 0.8)),
      bias: encodeFloat32(Array.from({ length: units }, () => rng.normal() * 0.3)),
    }));
    const model: MlpModel = {
      kind: 'mlp',
      task: y.task,
      classes: y.task === 'classification' ? y.classes.slice() : [],
      params: {} as MlpModel['params'],
      encoding,
      layers,
      targetScale: y.task === 'regression' ? { mean: 10, std: 3 } : null,
      nIter: 1,
      converged: true,
      backend: 'cpu',
      device: 'CPU',
    };
    return modelFile({ type: 'mlp', model }, X, y);
  }
  it('MLP regression (relu, tanh)', async () => {
    await expectSameAsPlumb(mlpFile(ys.regression, ['relu', 'tanh']), test);
  });
  it('MLP binary (logistic hidden layer)', async () => {
    await expectSameAsPlumb(mlpFile(ys.binary, ['logistic']), test);
  });
  it('MLP multiclass (relu)', async () => {
    await expectSameAsPlumb(mlpFile(ys.multiclass, ['relu', 'relu']), test);
  });
});

describe('exportOnnx: imported XGBoost boosters (float32 `<` splits) in onnxruntime', () => {
  for (const name of ['xgb_binary', 'xgb_multiclass', 'xgb_regression']) {
    it(`${name}: fixture rows and rows at every threshold`, async () => {
      const dir = new URL(`../../../../fixtures/ml/${name}/`, import.meta.url);
      const file = xgboostModelFile(importXgboostJson(JSON.parse(readFileSync(new URL('model.json', dir), 'utf8'))), 'y', null);
      const lines = readFileSync(new URL('rows.csv', dir), 'utf8').trim().split('\n');
      const names = lines[0].split(',');
      const rows = lines.slice(1).map((l) => l.split(',').map((c) => (c === '' ? NaN : Math.fround(Number(c)))));
      const fixture: FeatureMatrix = { nRows: rows.length, columns: names.map((_, j) => Float64Array.from(rows, (r) => r[j])), names: file.features.slice(), levels: names.map(() => null) };
      await expectSameAsPlumb(file, concatRows(fixture, thresholdRows(ensembleOf(file), fixture)));
    });
  }
});

describe('exportOnnx: decision_threshold', () => {
  it('a binary label follows probabilities[:, 1] >= decision_threshold', async () => {
    const file = { ...fitted('logistic_regression', ys.binary), decision_threshold: 0.8 } as PlumbModelFile;
    const out = await runExported(exportOnnx(file), test);
    const p1 = predictWithModel(file, test).proba!;
    let high = 0;
    for (let i = 0; i < test.nRows; i++) {
      if (Math.abs(p1[2 * i + 1] - 0.8) < 1e-6) continue;
      expect(out.label[i]).toBe(p1[2 * i + 1] >= 0.8 ? 'yes' : 'no');
      if (p1[2 * i + 1] > 0.5 && p1[2 * i + 1] < 0.8) high++;
    }
    expect(high).toBeGreaterThan(0); // rows where the threshold changes the label
  });
});
