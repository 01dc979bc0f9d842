// The model file: every model type survives JSON → load → predict unchanged, an imported XGBoost booster predicts
// XGBoost's own margins, and broken files fail with invalid_input errors that name the key.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TRAINER_NAMES, type TrainerName } from '../../../../shared/catalog/model/trainers.js';
import { PlumbError } from '../../../../shared/errors.js';
import { loadModelFile, parseModelFile, predictWithModel, type PlumbModelFile } from '../../../../electron/ml/model-file.js';
import { mlpDefaults, type MlpModel } from '../../../../electron/ml/mlp/index.js';
import { encodeFloat32 } from '../../../../electron/ml/mlp/model.js';
import { fitEncoding } from '../../../../electron/ml/standardize.js';
import type { FeatureMatrix, Target } from '../../../../electron/ml/types.js';
import { importXgboostJson } from '../../../../electron/ml/xgboost/import.js';
import { fitModel } from '../../../../electron/nodes/model/fit-model.js';
import { buildModelFile } from '../../../../electron/nodes/model/model-file-build.js';
import { xgboostModelFile } from '../../../../electron/nodes/model/import_xgboost.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/ml/', import.meta.url));

/** 120 rows: two numeric features (one with gaps) and a categorical one with levels blue, green, red. */
function matrix(): FeatureMatrix {
  const n = 120;
  const x1 = Float64Array.from({ length: n }, (_, i) => ((i * 37) % 101) / 10);
  const x2 = Float64Array.from({ length: n }, (_, i) => (i % 17 === 0 ? NaN : ((i * 53) % 97) / 9.7));
  const color = Float64Array.from({ length: n }, (_, i) => (i % 11 === 0 ? NaN : i % 3));
  return { nRows: n, columns: [x1, x2, color], names: ['x1', 'x2', 'color'], levels: [null, null, ['blue', 'green', 'red']] };
}

function targetFor(name: TrainerName, X: FeatureMatrix): Target {
  const [x1, x2] = X.columns;
  if (name === 'linear_regression') return { task: 'regression', values: Float64Array.from(x1, (v, i) => 2 * v - (x2[i] || 0)) };
  const codes = Int32Array.from(x1, (v, i) => (v + (X.columns[2][i] || 0) > 6 ? 2 : v > 3 ? 1 : 0));
  return { task: 'classification', codes, classes: ['high', 'low', 'mid'] };
}

function fitted(name: TrainerName): PlumbModelFile {
  const X = matrix();
  const y = targetFor(name, X);
  const small = name === 'random_forest' ? { n_estimators: 5 } : name === 'gradient_boosting' ? { max_iter: 5 } : {};
  return buildModelFile(fitModel(name, { X, y, params: small }, { seed: 3 }), { X, y, target: 'y', params: { ...small, seed: 3 }, seconds: 0.5 });
}

function xgbFile(kind: string): PlumbModelFile {
  const json = JSON.parse(readFileSync(`${fixtures}${kind}/model.json`, 'utf8')) as unknown;
  return xgboostModelFile(importXgboostJson(json), 'y', null);
}

function readCsv(path: string, header: boolean): (number | null)[][] {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  return lines.slice(header ? 1 : 0).map((line) => line.split(',').map((cell) => (cell === '' ? null : Number(cell))));
}

describe('model file round trip', () => {
  it.each(TRAINER_NAMES)('%s: JSON text → load → the same predictions, bit for bit', (name) => {
    const file = fitted(name);
    const X = matrix();
    const before = predictWithModel(file, X);
    const loaded = parseModelFile(JSON.stringify(file));
    expect(loaded).not.toBe(file);
    const after = predictWithModel(loaded, X);
    expect(after.prediction).toEqual(before.prediction);
    expect(after.proba).toEqual(before.proba);
    expect(after.margin).toEqual(before.margin);
    expect(loaded).toMatchObject({ plumb_model: 1, type: name, features: ['x1', 'x2', 'color'], feature_levels: { color: ['blue', 'green', 'red'] } });
    if (file.task === 'classification') {
      expect(after.prediction).toBeInstanceOf(Int32Array);
      const K = file.classes.length;
      for (let i = 0; i < X.nRows; i++) {
        let sum = 0;
        let best = 0;
        for (let k = 0; k < K; k++) {
          sum += after.proba![i * K + k];
          if (after.proba![i * K + k] > after.proba![i * K + best]) best = k;
        }
        expect(sum).toBeCloseTo(1, 12);
        expect(after.prediction[i]).toBe(best);
      }
    }
  });

  it.each(['xgb_binary', 'xgb_multiclass', 'xgb_regression'])('%s: an imported booster predicts XGBoost\'s margins after a round trip', (kind) => {
    const file = parseModelFile(JSON.stringify(xgbFile(kind)));
    const rows = readCsv(`${fixtures}${kind}/rows.csv`, true);
    const margins = readCsv(`${fixtures}${kind}/margin.csv`, false);
    const p = rows[0].length;
    const X: FeatureMatrix = {
      nRows: rows.length,
      columns: Array.from({ length: p }, (_, j) => Float64Array.from(rows, (r) => r[j] ?? NaN)),
      names: file.features,
      levels: new Array(p).fill(null),
    };
    const out = predictWithModel(file, X);
    const width = margins[0].length;
    rows.forEach((_, i) => {
      // XGBoost sums in float32: agree to float32 precision, relative to the size of the margin.
      for (let k = 0; k < width; k++) {
        const expected = margins[i][k]!;
        expect(Math.abs(out.margin![i * width + k] - expected)).toBeLessThan(1e-6 * Math.max(1, Math.abs(expected)));
      }
    });
    if (kind === 'xgb_binary') {
      expect(file.classes).toEqual(['0', '1']);
      for (let i = 0; i < rows.length; i++) expect(out.proba![2 * i + 1]).toBeCloseTo(1 / (1 + Math.exp(-margins[i][0]!)), 6);
    }
    if (kind === 'xgb_regression') expect(Array.from(out.prediction)).toEqual(Array.from(out.margin!));
  });
});

describe('an MLP model file', () => {
  it('predicts through its layers after a round trip (one identity unit: y = 2x + 1, rescaled)', () => {
    const X: FeatureMatrix = { nRows: 4, columns: [Float64Array.from([0, 1, 2.5, -3])], names: ['x'], levels: [null] };
    const y: Target = { task: 'regression', values: Float64Array.from([1, 3, 6, -5]) };
    const model: MlpModel = {
      kind: 'mlp',
      task: 'regression',
      classes: [],
      params: mlpDefaults,
      encoding: fitEncoding(X, false),
      layers: [{ inputs: 1, units: 1, activation: 'identity', kernel: encodeFloat32([2]), bias: encodeFloat32([1]) }],
      targetScale: { mean: 10, std: 0.5 },
      nIter: 1,
      converged: true,
      backend: 'cpu',
      device: 'CPU',
    };
    const file = buildModelFile({ type: 'mlp', model }, { X, y, target: 'y', params: {}, seconds: 0 });
    const out = predictWithModel(parseModelFile(JSON.stringify(file)), X);
    expect(Array.from(out.prediction)).toEqual([0, 1, 2.5, -3].map((x) => (2 * x + 1) * 0.5 + 10));
    expect(() => loadModelFile({ ...file, task: 'classification', classes: ['a', 'b'] })).toThrow(/model.task/);
  });
});

describe('loading a broken model file', () => {
  const problem = (value: unknown): PlumbError => {
    try {
      loadModelFile(value, 'm.json');
    } catch (e) {
      expect(e).toBeInstanceOf(PlumbError);
      expect((e as PlumbError).kind).toBe('invalid_input');
      expect((e as PlumbError).where.file).toBe('m.json');
      return e as PlumbError;
    }
    throw new Error('loaded a broken file');
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests edit arbitrary paths of the JSON
  type Editable = Record<string, any>;
  const edited = (name: TrainerName, edit: (file: Editable) => void): unknown => {
    const copy = JSON.parse(JSON.stringify(fitted(name))) as Editable;
    edit(copy);
    return copy;
  };

  it('says what is wrong with the envelope', () => {
    expect(problem([1, 2]).message).toContain('JSON object');
    expect(problem(JSON.parse(readFileSync(`${fixtures}xgb_binary/model.json`, 'utf8'))).message).toContain('model.import_xgboost');
    expect(problem(edited('knn', (f) => (f.plumb_model = 2))).message).toContain("key 'plumb_model'");
    expect(problem(edited('knn', (f) => (f.type = 'svm'))).message).toContain("key 'type'");
    expect(problem(edited('knn', (f) => delete f.features)).message).toContain("key 'features'");
    expect(problem(edited('knn', (f) => (f.feature_levels.colour = ['a']))).message).toContain("'colour' is not one of the features");
    expect(() => parseModelFile('{ not json')).toThrow(/not a JSON model file/);
  });

  it('checks the fitted model against the envelope', () => {
    expect(problem(edited('logistic_regression', (f) => (f.classes = ['a', 'b', 'c']))).message).toContain("key 'model.classes'");
    expect(problem(edited('linear_regression', (f) => (f.feature_levels.color = ['blue']))).message).toContain("key 'model.encoding.level[");
    expect(problem(edited('knn', (f) => f.model.train.pop())).message).toContain("key 'model.train'");
    expect(problem(edited('naive_bayes', (f) => (f.model.gaussian[0].variance[0] = 0))).message).toContain("key 'model.gaussian[0].variance[0]'");
    expect(problem(edited('decision_tree', (f) => delete f.model.ensemble)).message).toContain("key 'model.ensemble'");
  });

  it('refuses trees that are not trees (a cycle would make prediction loop forever)', () => {
    const cyclic = edited('decision_tree', (f) => {
      const tree = f.model.ensemble.trees[0];
      const inner = tree.feature.findIndex((v: number, i: number) => i > 0 && v >= 0);
      tree.left[inner] = 0;
    });
    expect(problem(cyclic).message).toMatch(/reached twice/);
    const outOfRange = edited('gradient_boosting', (f) => (f.model.ensemble.trees[0].feature[0] = 7));
    expect(problem(outOfRange).message).toMatch(/not a feature index/);
  });

  it('lists the first problems and counts the rest', () => {
    const error = problem(edited('knn', (f) => {
      f.features = [];
      f.task = 'sometimes';
      f.classes = 'a';
    }));
    expect(error.message).toMatch(/^not a Plumb model file: key '/);
    expect(error.details.length).toBe(2);
  });

  it('checks a file once and then trusts that object', () => {
    const file = fitted('naive_bayes');
    expect(loadModelFile(file)).toBe(file);
    expect(loadModelFile(file)).toBe(file);
  });

  it('refuses features in the wrong number when predicting', () => {
    const file = fitted('knn');
    const X = matrix();
    expect(() => predictWithModel(file, { ...X, columns: X.columns.slice(0, 2), names: X.names.slice(0, 2), levels: X.levels.slice(0, 2) })).toThrow(
      /reads 3 features, got 2/,
    );
  });
});
