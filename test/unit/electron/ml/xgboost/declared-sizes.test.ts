// Counts an XGBoost JSON declares (num_feature, num_class, num_target) are checked against what the file holds
// before they size anything: a forged 500-byte file used to allocate gigabytes and kill the process.

import { describe, expect, it } from 'vitest';
import { PlumbError } from '../../../../../shared/errors.js';
import { importXgboostJson, MAX_XGB_FEATURES } from '../../../../../electron/ml/xgboost/import.js';
import { xgboostModelFile } from '../../../../../electron/nodes/model/import_xgboost.js';
import { loadXgbFixture } from './fixture-files.js';

interface Doc {
  learner: {
    feature_names?: string[];
    learner_model_param: { num_feature: string; num_class: string; num_target?: string };
    objective: { name: string };
    gradient_booster: { model: { trees: { split_indices: number[]; left_children: number[] }[] } };
  };
}

const reference = (name: 'xgb_binary' | 'xgb_multiclass' | 'xgb_regression'): Doc => structuredClone(loadXgbFixture(name).json) as Doc;

function refusal(doc: unknown): PlumbError {
  try {
    importXgboostJson(doc, 'forged.json');
  } catch (e) {
    expect(e).toBeInstanceOf(PlumbError);
    expect((e as PlumbError).kind).toBe('invalid_input');
    expect((e as PlumbError).where.file).toBe('forged.json');
    return e as PlumbError;
  }
  throw new Error('the forged model was imported');
}

/** The smallest booster: one leaf, no feature names. */
function tinyDoc(param: Partial<Doc['learner']['learner_model_param']>, objective = 'reg:squarederror'): unknown {
  return {
    learner: {
      gradient_booster: {
        name: 'gbtree',
        model: {
          gbtree_model_param: { num_trees: '1' },
          tree_info: [0],
          trees: [
            {
              left_children: [-1],
              right_children: [-1],
              split_indices: [0],
              split_conditions: [0.5],
              default_left: [0],
              sum_hessian: [1],
              tree_param: { num_nodes: '1' },
            },
          ],
        },
      },
      learner_model_param: { base_score: '5E-1', num_class: '0', num_feature: '1', num_target: '1', ...param },
      objective: { name: objective },
    },
  };
}

describe('XGBoost declared sizes', () => {
  it('refuses a huge num_feature without allocating, naming the key and the cap', () => {
    const started = Date.now();
    const e = refusal(tinyDoc({ num_feature: '2000000000' }));
    expect(e.message).toMatch(/learner\.learner_model_param\.num_feature' is 2000000000/);
    expect(e.message).toContain(String(MAX_XGB_FEATURES));
    expect(Date.now() - started).toBeLessThan(1000);
    refusal(tinyDoc({ num_feature: String(MAX_XGB_FEATURES + 1) }));
    expect(refusal(tinyDoc({ num_feature: '99999999999999999999999' })).message).toMatch(/num_feature/);
  });

  it('refuses a huge num_class or num_target: at most one output per tree', () => {
    const nc = refusal(tinyDoc({ num_class: '2000000000' }, 'multi:softprob'));
    expect(nc.message).toMatch(/num_class' is 2000000000 but the model holds only 1 tree\b/);
    const nt = refusal(tinyDoc({ num_target: '2000000000' }));
    expect(nt.message).toMatch(/num_target' is 2000000000/);
    // The reference multiclass model has 45 trees for 3 classes: 46 classes cannot be right.
    const multi = reference('xgb_multiclass');
    multi.learner.learner_model_param.num_class = '46';
    expect(refusal(multi).message).toMatch(/num_class' is 46 but the model holds only 45 trees/);
  });

  it('refuses num_feature that disagrees with feature_names', () => {
    const doc = reference('xgb_binary');
    doc.learner.learner_model_param.num_feature = '50000';
    expect(refusal(doc).message).toMatch(/num_feature' is 50000 but 'learner\.feature_names' has 8 names/);
    const fewer = reference('xgb_binary');
    fewer.learner.learner_model_param.num_feature = '9';
    expect(refusal(fewer).message).toMatch(/has 8 names/);
  });

  it('refuses num_feature at or below the largest split index, naming the split', () => {
    const doc = reference('xgb_regression');
    delete doc.learner.feature_names;
    doc.learner.learner_model_param.num_feature = '2';
    expect(refusal(doc).message).toMatch(/trees\[\d+\]\.split_indices\[\d+\]' = \d needs num_feature > \d, but key 'learner\.learner_model_param\.num_feature' is 2/);
  });

  it('keeps valid models whose last features never split', () => {
    for (const name of ['xgb_binary', 'xgb_multiclass', 'xgb_regression'] as const) {
      const doc = reference(name);
      const declared = Number(doc.learner.learner_model_param.num_feature);
      const used = Math.max(
        ...doc.learner.gradient_booster.model.trees.flatMap((t) => t.split_indices.filter((_, i) => t.left_children[i] !== -1)),
      );
      expect(used).toBeLessThan(declared);
      // Unnamed and wider than any split: f0..f(n-1), all of them features of the Plumb model file.
      delete doc.learner.feature_names;
      doc.learner.learner_model_param.num_feature = String(declared + 7);
      const imported = importXgboostJson(doc);
      expect(imported.featureNames).toHaveLength(declared + 7);
      expect(xgboostModelFile(imported, null, null).features).toHaveLength(declared + 7);
    }
    // A single-leaf booster splits on nothing at all.
    expect(importXgboostJson(tinyDoc({ num_feature: '3' })).featureNames).toEqual(['f0', 'f1', 'f2']);
    expect(importXgboostJson(tinyDoc({ num_feature: String(MAX_XGB_FEATURES) })).featureNames).toHaveLength(MAX_XGB_FEATURES);
  });
});
