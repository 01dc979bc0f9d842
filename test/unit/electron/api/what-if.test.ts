// What-if: the edited row is mapped onto the model's features like a table would be, predicted exactly as
// predictWithModel does, and its SHAP contributions add up (base + Σ = the explained output).
import { describe, expect, it } from 'vitest';
import { explainWhatIf, rowFeatures, whatIf, type WhatIfRow } from '../../../../electron/api/what-if.js';
import { predictWithModel, type PlumbModelFile } from '../../../../electron/ml/model-file.js';
import type { FeatureMatrix, Target } from '../../../../electron/ml/types.js';
import { fitModel } from '../../../../electron/nodes/model/fit-model.js';
import { buildModelFile } from '../../../../electron/nodes/model/model-file-build.js';
import type { ProjectFile } from '../../../../electron/store/project-file.js';
import type { TrainerName } from '../../../../shared/catalog/model/trainers.js';

const LEVELS = ['blue', 'green', 'red'];

/** 150 rows: two numeric features (one with gaps) and a categorical one. */
function matrix(): FeatureMatrix {
  const n = 150;
  const x1 = Float64Array.from({ length: n }, (_, i) => ((i * 37) % 101) / 10);
  const x2 = Float64Array.from({ length: n }, (_, i) => (i % 17 === 0 ? NaN : ((i * 53) % 97) / 9.7));
  const color = Float64Array.from({ length: n }, (_, i) => i % 3);
  return { nRows: n, columns: [x1, x2, color], names: ['x1', 'x2', 'color'], levels: [null, null, LEVELS] };
}

function target(kind: 'regression' | 'binary' | 'multiclass', X: FeatureMatrix): Target {
  const [x1, x2, color] = X.columns;
  if (kind === 'regression') return { task: 'regression', values: Float64Array.from(x1, (v, i) => 2 * v - (x2[i] || 0) + 3 * color[i]) };
  if (kind === 'binary') return { task: 'classification', codes: Int32Array.from(x1, (v, i) => (v + color[i] > 5 ? 1 : 0)), classes: ['no', 'yes'] };
  return { task: 'classification', codes: Int32Array.from(x1, (v, i) => (v + color[i] > 6 ? 2 : v > 3 ? 1 : 0)), classes: ['high', 'low', 'mid'] };
}

function trained(name: TrainerName, kind: 'regression' | 'binary' | 'multiclass', params: Record<string, unknown> = {}): { file: PlumbModelFile; X: FeatureMatrix } {
  const X = matrix();
  const y = target(kind, X);
  const file = buildModelFile(fitModel(name, { X, y, params }, { seed: 1 }), { X, y, target: 'y', params, seconds: 0.1 });
  // Through JSON, as the model is stored in a run.
  return { file: JSON.parse(JSON.stringify(file)) as PlumbModelFile, X };
}

function rowOf(X: FeatureMatrix, i: number): WhatIfRow {
  return Object.fromEntries(X.names.map((name, j) => [name, X.levels[j] ? X.levels[j]![X.columns[j][i]] : Number.isNaN(X.columns[j][i]) ? null : X.columns[j][i]]));
}

function oneRow(X: FeatureMatrix, i: number): FeatureMatrix {
  return { ...X, nRows: 1, columns: X.columns.map((c) => Float64Array.of(c[i])) };
}

const CASES: { name: TrainerName; kind: 'regression' | 'binary' | 'multiclass'; params?: Record<string, unknown>; method: string }[] = [
  { name: 'gradient_boosting', kind: 'regression', params: { max_iter: 20 }, method: 'tree' },
  { name: 'gradient_boosting', kind: 'binary', params: { max_iter: 20 }, method: 'tree' },
  { name: 'gradient_boosting', kind: 'multiclass', params: { max_iter: 10 }, method: 'tree' },
  { name: 'random_forest', kind: 'binary', params: { n_estimators: 5 }, method: 'tree' },
  { name: 'decision_tree', kind: 'multiclass', method: 'tree' },
  { name: 'linear_regression', kind: 'regression', method: 'linear' },
  { name: 'logistic_regression', kind: 'binary', method: 'linear' },
  { name: 'logistic_regression', kind: 'multiclass', method: 'linear' },
];

describe('whatIf', () => {
  for (const c of CASES) {
    it(`${c.name} (${c.kind}): prediction as predictWithModel, base + Σ SHAP = the raw margin`, () => {
      const { file, X } = trained(c.name, c.kind, c.params);
      for (const i of [0, 17, 58, 101]) {
        const truth = predictWithModel(file, oneRow(X, i));
        const width = truth.margin!.length;
        const classes = file.classes.length;
        const outputs = classes > 2 ? classes : 1;
        for (let k = 0; k < outputs; k++) {
          const result = whatIf(file, rowOf(X, i), outputs > 1 ? k : undefined);
          expect(result.method.split(' ')[0]).toBe(c.method);
          expect(result.output).toBe('raw');
          if (c.kind === 'regression') expect(result.prediction).toBeCloseTo(truth.prediction[0], 9);
          else {
            expect(result.prediction).toBe(file.classes[truth.prediction[0]]);
            file.classes.forEach((cl, j) => expect(result.proba![cl]).toBeCloseTo(truth.proba![j], 12));
          }
          // A binary model explains the positive (last) class: its only margin, or the last of two.
          const margin = truth.margin![outputs > 1 ? k : width - 1];
          const sum = result.base_value + result.contributions.reduce((s, x) => s + x.shap, 0);
          expect(sum).toBeCloseTo(margin, 8);
          expect(result.output_value).toBeCloseTo(margin, 8);
          if (classes > 2) expect(result.explainedClass).toBe(file.classes[k]);
          if (classes === 2) expect(result.explainedClass).toBe('yes');
          expect(result.contributions.map((x) => x.feature)).toEqual(['x1', 'x2', 'color']);
        }
      }
    });
  }

  it('a model without a margin or training means is explained exactly against the baseline row (kNN)', () => {
    const { file, X } = trained('knn', 'binary', { n_neighbors: 5 });
    const result = whatIf(file, rowOf(X, 40));
    expect(result.method).toMatch(/^exact/);
    expect(result.output).toBe('probability');
    const proba = predictWithModel(file, oneRow(X, 40)).proba!;
    const baseline = predictWithModel(file, { ...X, nRows: 1, columns: [Float64Array.of(0), Float64Array.of(0), Float64Array.of(0)] }).proba!;
    expect(result.base_value).toBeCloseTo(baseline[1], 12);
    expect(result.base_value + result.contributions.reduce((s, x) => s + x.shap, 0)).toBeCloseTo(proba[1], 9);
  });

  it('maps text onto the model levels; an unseen level or an empty number is missing', () => {
    const { file } = trained('decision_tree', 'multiclass');
    const X = rowFeatures(file, { x1: '4.5', x2: '', color: 'red' });
    expect(Array.from(X.columns, (c) => c[0])).toEqual([4.5, NaN, 2]);
    expect(rowFeatures(file, { x1: 1, x2: 2, color: 'purple' }).columns[2][0]).toBeNaN();
    expect(rowFeatures(file, { x1: 1, x2: 2 }).columns[2][0]).toBeNaN();
  });

  it('rejects a class index beyond the classes', () => {
    const { file, X } = trained('decision_tree', 'multiclass');
    expect(() => whatIf(file, rowOf(X, 0), 3)).toThrow(/out of range/);
  });
});

describe('explainWhatIf', () => {
  it("reads the model from the run's stored output", async () => {
    const { file, X } = trained('gradient_boosting', 'binary', { max_iter: 5 });
    const bytes = new TextEncoder().encode(JSON.stringify(file));
    const asked: string[] = [];
    const project = {
      runs: {
        outputs: (runId: string, node: string) => {
          asked.push(`${runId}/${node}`);
          return { model: bytes };
        },
      },
    } as unknown as ProjectFile;
    const result = await explainWhatIf(project, { runId: 'r1', node: 'gbm', row: rowOf(X, 3) });
    expect(asked).toEqual(['r1/gbm']);
    expect(result.prediction).toBe(whatIf(file, rowOf(X, 3)).prediction);
    const missing = { runs: { outputs: () => undefined } } as unknown as ProjectFile;
    await expect(explainWhatIf(missing, { runId: 'r2', node: 'gbm', row: {} })).rejects.toThrow(/no output 'model'/);
  });
});
