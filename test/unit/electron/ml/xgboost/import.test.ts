// The XGBoost importer: margins against XGBoost 1.7.4's own predictions, the format traps (float32 strict <,
// base_score in probability space, default_left, tree_info, DART), and the error messages.

import { describe, expect, it } from 'vitest';
import { PlumbError } from '../../../../../shared/errors.js';
import { importXgboostJson } from '../../../../../electron/ml/xgboost/import.js';
import { ensembleMargin, leafOf } from '../../../../../electron/ml/xgboost/margin.js';
import { ensembleMargin as predictMargin } from '../../../../../electron/ml/tree/predict.js';
import { fixtureNames, loadXgbFixture } from './fixture-files.js';

interface StumpSpec {
  feature?: number;
  threshold: number;
  leftValue: number;
  rightValue: number;
  defaultLeft?: boolean;
  covers?: [number, number, number];
}

function stumpTree(s: StumpSpec) {
  return {
    base_weights: [0, 0, 0],
    categories: [],
    categories_nodes: [],
    categories_segments: [],
    categories_sizes: [],
    default_left: [s.defaultLeft ? 1 : 0, 0, 0],
    id: 0,
    left_children: [1, -1, -1],
    loss_changes: [1, 0, 0],
    parents: [2147483647, 0, 0],
    right_children: [2, -1, -1],
    split_conditions: [s.threshold, s.leftValue, s.rightValue],
    split_indices: [s.feature ?? 0, 0, 0],
    split_type: [0, 0, 0],
    sum_hessian: s.covers ?? [10, 6, 4],
    tree_param: { num_deleted: '0', num_feature: '2', num_nodes: '3', size_leaf_vector: '0' },
  };
}

function modelJson(options: {
  objective?: string;
  baseScore?: string;
  numClass?: number;
  trees?: ReturnType<typeof stumpTree>[];
  treeInfo?: number[];
  numParallelTree?: number;
}) {
  const trees = options.trees ?? [stumpTree({ threshold: 0.5, leftValue: -1, rightValue: 2 })];
  return {
    learner: {
      attributes: {},
      feature_names: ['a', 'b'],
      feature_types: [],
      gradient_booster: {
        model: {
          gbtree_model_param: {
            num_parallel_tree: String(options.numParallelTree ?? 1),
            num_trees: String(trees.length),
            size_leaf_vector: '0',
          },
          tree_info: options.treeInfo ?? trees.map(() => 0),
          trees,
        },
        name: 'gbtree',
      },
      learner_model_param: {
        base_score: options.baseScore ?? '5E-1',
        boost_from_average: '1',
        num_class: String(options.numClass ?? 0),
        num_feature: '2',
        num_target: '1',
      },
      objective: { name: options.objective ?? 'reg:squarederror' },
    },
    version: [1, 7, 4],
  };
}

const cols = (a: number[], b?: number[]) => [Float64Array.from(a), Float64Array.from(b ?? a.map(() => 0))];

function expectInvalid(fn: () => unknown, pattern: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(PlumbError);
  expect((error as PlumbError).kind).toBe('invalid_input');
  expect((error as PlumbError).message).toMatch(pattern);
}

describe('importXgboostJson on XGBoost 1.7.4 reference models', () => {
  const expected = {
    xgb_binary: { objective: 'binary:logistic', outputs: 1, link: 'logistic', features: 8, classes: ['0', '1'] },
    xgb_multiclass: { objective: 'multi:softprob', outputs: 3, link: 'softmax', features: 6, classes: ['0', '1', '2'] },
    xgb_regression: { objective: 'reg:squarederror', outputs: 1, link: 'identity', features: 5, classes: null },
  } as const;

  for (const name of fixtureNames) {
    it(`${name}: metadata and margins match margin.csv for every row`, () => {
      const fixture = loadXgbFixture(name);
      const model = importXgboostJson(fixture.json, `${name}/model.json`);
      const want = expected[name];
      expect(model.objective).toBe(want.objective);
      expect(model.ensemble.nOutputs).toBe(want.outputs);
      expect(model.ensemble.link).toBe(want.link);
      expect(model.ensemble.splitRule).toBe('lt_f32');
      expect(model.featureNames).toEqual(Array.from({ length: want.features }, (_, j) => `x${j}`));
      expect(model.classes).toEqual(want.classes);

      const margin = ensembleMargin(model.ensemble, fixture.columns);
      for (let r = 0; r < fixture.nRows; r++) {
        for (let k = 0; k < want.outputs; k++) {
          const truth = fixture.margin[r][k];
          // XGBoost sums in float32: 1e-5 relative to the margin's size (absolute below 1).
          expect(Math.abs(margin[k * fixture.nRows + r] - truth)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(truth)));
        }
      }
    });

    it(`${name}: every row lands in XGBoost's leaves (float32 sums reproduce the margins)`, () => {
      const fixture = loadXgbFixture(name);
      const { ensemble } = importXgboostJson(fixture.json);
      for (let r = 0; r < fixture.nRows; r++) {
        for (let k = 0; k < ensemble.nOutputs; k++) {
          let sum = Math.fround(ensemble.baseMargin[k]);
          ensemble.trees.forEach((tree, t) => {
            if (ensemble.treeOutput[t] === k) sum = Math.fround(sum + tree.value[leafOf(tree, 'lt_f32', fixture.columns, r)]);
          });
          // The CSV holds 9 significant digits of XGBoost's float32 result.
          expect(Math.abs(sum - fixture.margin[r][k])).toBeLessThanOrEqual(1e-8 * Math.max(100, Math.abs(fixture.margin[r][k])));
        }
      }
    });
  }

  it('tree/predict.ts gives the same margins for imported models', () => {
    for (const name of fixtureNames) {
      const fixture = loadXgbFixture(name);
      const { ensemble } = importXgboostJson(fixture.json);
      const ours = ensembleMargin(ensemble, fixture.columns);
      const shared = predictMargin(ensemble, { nRows: fixture.nRows, columns: fixture.columns }); // row-major
      for (let r = 0; r < fixture.nRows; r++) {
        for (let k = 0; k < ensemble.nOutputs; k++) {
          expect(shared[r * ensemble.nOutputs + k]).toBeCloseTo(ours[k * fixture.nRows + r], 12);
        }
      }
    }
  });

  it('multiclass: tree_info sends round-robin trees to classes 0, 1, 2', () => {
    const { ensemble } = importXgboostJson(loadXgbFixture('xgb_multiclass').json);
    expect(Array.from(ensemble.treeOutput.slice(0, 6))).toEqual([0, 1, 2, 0, 1, 2]);
  });
});

describe('XGBoost format traps', () => {
  it('splits with strict < after rounding x to float32', () => {
    const t = Math.fround(0.1); // 0.100000001490116...
    const { ensemble } = importXgboostJson(modelJson({ trees: [stumpTree({ threshold: 0.1, leftValue: -1, rightValue: 2 })] }));
    expect(ensemble.trees[0].threshold[0]).toBe(t);
    // 0.1 < fround(0.1) in float64, but XGBoost compares fround(0.1) < fround(0.1): false, so right.
    const margin = ensembleMargin(ensemble, cols([0.1, t, 0.0999999, 0.1000001]));
    expect(Array.from(margin)).toEqual([2.5, 2.5, -0.5, 2.5]);
  });

  it('sends missing values to the default child', () => {
    const trees = [
      stumpTree({ threshold: 0, leftValue: -1, rightValue: 1, defaultLeft: true }),
      stumpTree({ feature: 1, threshold: 0, leftValue: -10, rightValue: 10, defaultLeft: false }),
    ];
    const { ensemble } = importXgboostJson(modelJson({ trees, baseScore: '0' }));
    const margin = ensembleMargin(ensemble, cols([NaN, 5], [NaN, -5]));
    expect(Array.from(margin)).toEqual([-1 + 10, 1 - 10]);
  });

  it('reads base_score in probability space: logit for logistic objectives, as is for regression', () => {
    const logistic = importXgboostJson(modelJson({ objective: 'binary:logistic', baseScore: '[7E-1]' }));
    expect(logistic.baseScore).toEqual([0.7]);
    expect(logistic.ensemble.baseMargin[0]).toBeCloseTo(Math.log(0.7 / 0.3), 6);
    const regression = importXgboostJson(modelJson({ objective: 'reg:squarederror', baseScore: '7E-1' }));
    expect(regression.ensemble.baseMargin[0]).toBeCloseTo(0.7, 7);
    const raw = importXgboostJson(modelJson({ objective: 'binary:logitraw', baseScore: '7E-1' }));
    expect(raw.ensemble.baseMargin[0]).toBeCloseTo(0.7, 7);
    expect(raw.task).toBe('classification');
    const regLogistic = importXgboostJson(modelJson({ objective: 'reg:logistic', baseScore: '2.5E-1' }));
    expect(regLogistic.task).toBe('regression');
    expect(regLogistic.ensemble.baseMargin[0]).toBeCloseTo(Math.log(1 / 3), 6);
  });

  it('reads one base_score per class and maps trees through tree_info', () => {
    const trees = [0, 1, 2].map((k) => stumpTree({ threshold: 0, leftValue: k, rightValue: 10 * (k + 1) }));
    const model = importXgboostJson(
      modelJson({ objective: 'multi:softmax', numClass: 3, baseScore: '[1E-1,2E-1,3E-1]', trees, treeInfo: [2, 0, 1] }),
    );
    expect(model.numClass).toBe(3);
    const margin = ensembleMargin(model.ensemble, cols([-1]));
    // Output 0 gets tree 1 (left value 1), output 1 gets tree 2 (2), output 2 gets tree 0 (0).
    expect(Array.from(margin)).toEqual([1 + Math.fround(0.1), 2 + Math.fround(0.2), 0 + Math.fround(0.3)]);
  });

  it('sums all trees of a round when num_parallel_tree > 1', () => {
    const trees = [stumpTree({ threshold: 0, leftValue: 1, rightValue: 2 }), stumpTree({ threshold: 0, leftValue: 4, rightValue: 8 })];
    const model = importXgboostJson(modelJson({ trees, numParallelTree: 2, baseScore: '0' }));
    expect(model.numParallelTree).toBe(2);
    expect(Array.from(ensembleMargin(model.ensemble, cols([-1, 1])))).toEqual([5, 10]);
  });

  it('applies DART weight_drop to each tree', () => {
    const doc = modelJson({ trees: [stumpTree({ threshold: 0, leftValue: 1, rightValue: 2 }), stumpTree({ threshold: 0, leftValue: 4, rightValue: 8 })], baseScore: '0' });
    const { model } = doc.learner.gradient_booster;
    const dart = { ...doc, learner: { ...doc.learner, gradient_booster: { name: 'dart', gbtree: { model, name: 'gbtree' }, weight_drop: [0.5, 0.25] } } };
    const imported = importXgboostJson(dart);
    expect(imported.booster).toBe('dart');
    expect(Array.from(ensembleMargin(imported.ensemble, cols([-1, 1])))).toEqual([0.5 + 1, 1 + 2]);
  });

  it('stores covers from sum_hessian and the cover-weighted mean in inner nodes', () => {
    const { ensemble } = importXgboostJson(modelJson({ trees: [stumpTree({ threshold: 0, leftValue: -1, rightValue: 2, covers: [10, 6, 4] })] }));
    const tree = ensemble.trees[0];
    expect(Array.from(tree.cover)).toEqual([10, 6, 4]);
    expect(tree.value[0]).toBeCloseTo((6 * -1 + 4 * 2) / 10, 12);
    expect(Array.from(tree.feature)).toEqual([0, -1, -1]);
  });
});

describe('importXgboostJson errors', () => {
  it('names a missing key', () => {
    const doc = modelJson({}) as { learner: Record<string, unknown> };
    delete doc.learner.objective;
    expectInvalid(() => importXgboostJson(doc, 'm.json'), /key 'learner\.objective' is missing/);
  });

  it('names a key of the wrong type inside a tree', () => {
    const doc = modelJson({});
    (doc.learner.gradient_booster.model.trees[0] as { split_conditions: unknown }).split_conditions = 'x';
    expectInvalid(() => importXgboostJson(doc), /learner\.gradient_booster\.model\.trees\[0\]\.split_conditions/);
  });

  it('rejects input that is not a model document', () => {
    expectInvalid(() => importXgboostJson(null), /not a valid XGBoost JSON model/);
    expectInvalid(() => importXgboostJson({ foo: 1 }), /key 'learner' is missing/);
  });

  it('says which objective is unsupported', () => {
    expectInvalid(() => importXgboostJson(modelJson({ objective: 'count:poisson' })), /objective 'count:poisson' is not supported/);
  });

  it('refuses categorical splits and says so', () => {
    const doc = modelJson({});
    doc.learner.gradient_booster.model.trees[0].split_type = [1, 0, 0];
    expectInvalid(() => importXgboostJson(doc), /categorical splits are not supported/);
  });

  it('refuses linear boosters', () => {
    const doc = modelJson({}) as { learner: { gradient_booster: unknown } };
    doc.learner.gradient_booster = { name: 'gblinear', model: { weights: [1, 2, 3] } };
    expectInvalid(() => importXgboostJson(doc), /gblinear/);
  });

  it('checks array lengths, child ids, feature ids and tree_info', () => {
    const short = modelJson({});
    (short.learner.gradient_booster.model.trees[0] as { sum_hessian: number[] }).sum_hessian = [1, 1];
    expectInvalid(() => importXgboostJson(short), /sum_hessian' has 2 entries but num_nodes is 3/);
    const badChild = modelJson({});
    badChild.learner.gradient_booster.model.trees[0].right_children = [7, -1, -1];
    expectInvalid(() => importXgboostJson(badChild), /children 1 and 7/);
    const badFeature = modelJson({ trees: [stumpTree({ feature: 5, threshold: 0, leftValue: 0, rightValue: 1 })] });
    expectInvalid(() => importXgboostJson(badFeature), /split_indices\[0\]' = 5/);
    const badInfo = modelJson({ treeInfo: [1] });
    expectInvalid(() => importXgboostJson(badInfo), /tree_info\[0\] = 1/);
    const cyclic = modelJson({});
    cyclic.learner.gradient_booster.model.trees[0].left_children = [0, -1, -1];
    expectInvalid(() => importXgboostJson(cyclic), /reached twice/);
  });

  it('checks base_score', () => {
    expectInvalid(() => importXgboostJson(modelJson({ baseScore: 'abc' })), /base_score/);
    expectInvalid(() => importXgboostJson(modelJson({ objective: 'binary:logistic', baseScore: '1.5' })), /base_score must be in \(0, 1\)/);
  });

  it('puts the source file into the error location', () => {
    try {
      importXgboostJson(modelJson({ objective: 'rank:pairwise' }), 'models/m.json');
      expect.unreachable();
    } catch (e) {
      expect((e as PlumbError).where.file).toBe('models/m.json');
    }
  });
});
