// Turns an XGBoost JSON model (gbtree or dart, numerical splits) into our TreeEnsemble, keeping XGBoost's
// float32 strict-`<` split rule and converting base_score from probability space to margin space.

import { invalidInput } from '../../../shared/errors.js';
import type { Tree, TreeEnsemble } from '../tree/types.js';
import {
  dartExtraSchema,
  gbtreeModelSchema,
  parseXgbPart,
  xgbDocumentSchema,
  type GbtreeModelJson,
  type XgbTreeJson,
} from './schema.js';

export type XgbObjective =
  | 'reg:squarederror'
  | 'reg:linear'
  | 'reg:squaredlogerror'
  | 'reg:pseudohubererror'
  | 'reg:absoluteerror'
  | 'reg:logistic'
  | 'binary:logistic'
  | 'binary:logitraw'
  | 'multi:softprob'
  | 'multi:softmax';

interface ObjectiveInfo {
  task: 'classification' | 'regression';
  link: TreeEnsemble['link'];
  /** how XGBoost's ProbToMargin maps base_score into margin space */
  baseToMargin: 'identity' | 'logit';
}

// binary:logitraw: ProbToMargin is the identity (xgboost regression_loss.h, as shap's loader assumes); its
// margin is still log-odds, so we expose the logistic link for probabilities.
const OBJECTIVES: Record<XgbObjective, ObjectiveInfo> = {
  'reg:squarederror': { task: 'regression', link: 'identity', baseToMargin: 'identity' },
  'reg:linear': { task: 'regression', link: 'identity', baseToMargin: 'identity' },
  'reg:squaredlogerror': { task: 'regression', link: 'identity', baseToMargin: 'identity' },
  'reg:pseudohubererror': { task: 'regression', link: 'identity', baseToMargin: 'identity' },
  'reg:absoluteerror': { task: 'regression', link: 'identity', baseToMargin: 'identity' },
  'reg:logistic': { task: 'regression', link: 'logistic', baseToMargin: 'logit' },
  'binary:logistic': { task: 'classification', link: 'logistic', baseToMargin: 'logit' },
  'binary:logitraw': { task: 'classification', link: 'logistic', baseToMargin: 'identity' },
  'multi:softprob': { task: 'classification', link: 'softmax', baseToMargin: 'identity' },
  'multi:softmax': { task: 'classification', link: 'softmax', baseToMargin: 'identity' },
};

export const supportedXgbObjectives = Object.keys(OBJECTIVES) as XgbObjective[];

export interface ImportedXgbModel {
  ensemble: TreeEnsemble;
  objective: XgbObjective;
  task: 'classification' | 'regression';
  featureNames: string[];
  /** XGBoost's feature_types when stored ("float", "int", "q", "c", ...) */
  featureTypes: string[] | null;
  /** num_class as stored: 0 for binary classification and regression */
  numClass: number;
  /** XGBoost keeps no labels: class codes "0".."k-1" for classifiers, null for regression */
  classes: string[] | null;
  /** base_score as stored (probability/output space), one per output */
  baseScore: number[];
  booster: 'gbtree' | 'dart';
  numParallelTree: number;
  /** [major, minor, patch] of the XGBoost that wrote the file, when stored */
  xgboostVersion: number[] | null;
}

/** Import a parsed XGBoost JSON document; `source` (a file path) only labels errors. */
export function importXgboostJson(json: unknown, source?: string): ImportedXgbModel {
  const where = source ? { file: source } : {};
  const doc = parseXgbPart(xgbDocumentSchema, json, [], source);
  const { learner } = doc;

  const objectiveName = learner.objective.name;
  if (!(objectiveName in OBJECTIVES)) {
    throw invalidInput(
      `XGBoost objective '${objectiveName}' is not supported (supported: ${supportedXgbObjectives.join(', ')})`,
      where,
    );
  }
  const objective = objectiveName as XgbObjective;
  const info = OBJECTIVES[objective];

  const param = learner.learner_model_param;
  const nFeatures = param.num_feature;
  const isMulticlass = objective.startsWith('multi:');
  if (isMulticlass && param.num_class < 2) {
    throw invalidInput(`objective '${objective}' needs 'learner.learner_model_param.num_class' >= 2, got ${param.num_class}`, where);
  }

  const { booster, model, weightDrop } = readBooster(learner.gradient_booster, source);
  const numParallelTree = model.gbtree_model_param.num_parallel_tree ?? 1;
  if ((model.gbtree_model_param.size_leaf_vector ?? 0) > 1) throw vectorLeafError(where);
  const nTrees = model.trees.length;
  // Sizes the file declares must agree with what it holds before anything is allocated from them.
  checkDeclaredSizes(param, learner.feature_names, model.trees, source);
  const nOutputs = isMulticlass ? param.num_class : Math.max(1, param.num_target ?? 1);
  if (model.gbtree_model_param.num_trees !== nTrees) {
    throw invalidInput(
      `key 'learner.gradient_booster.model.gbtree_model_param.num_trees' says ${model.gbtree_model_param.num_trees} trees but 'trees' holds ${nTrees}`,
      where,
    );
  }
  if (model.tree_info.length !== nTrees) {
    throw invalidInput(`key 'tree_info' has ${model.tree_info.length} entries for ${nTrees} trees`, where);
  }
  const treeOutput = new Int32Array(nTrees);
  model.tree_info.forEach((group, t) => {
    if (group < 0 || group >= nOutputs) throw invalidInput(`tree_info[${t}] = ${group} is not an output group (0..${nOutputs - 1})`, where);
    treeOutput[t] = group;
  });

  const featureNames = readFeatureNames(learner.feature_names, nFeatures, source);
  const trees = model.trees.map((raw, t) => buildTree(raw, t, nFeatures, weightDrop ? weightDrop[t] : 1, featureNames, source));

  const baseScore = parseBaseScore(param.base_score, nOutputs, source);
  const baseMargin = new Float64Array(nOutputs);
  for (let k = 0; k < nOutputs; k++) {
    const p = baseScore[k];
    if (info.baseToMargin === 'logit') {
      if (!(p > 0 && p < 1)) throw invalidInput(`base_score must be in (0, 1) for objective '${objective}', got ${p}`, where);
      // XGBoost computes -log(1/p - 1) in float32 and keeps the margin as a float32.
      baseMargin[k] = Math.fround(-Math.log(1 / Math.fround(p) - 1));
    } else {
      baseMargin[k] = Math.fround(p);
    }
  }

  const ensemble: TreeEnsemble = {
    trees,
    treeOutput,
    nOutputs,
    baseMargin,
    splitRule: 'lt_f32',
    aggregation: 'sum',
    link: info.link,
    nFeatures,
  };
  const nClasses = info.task === 'classification' ? (isMulticlass ? param.num_class : 2) : 0;
  return {
    ensemble,
    objective,
    task: info.task,
    featureNames,
    featureTypes: learner.feature_types && learner.feature_types.length > 0 ? learner.feature_types : null,
    numClass: param.num_class,
    classes: nClasses > 0 ? Array.from({ length: nClasses }, (_, k) => String(k)) : null,
    baseScore,
    booster,
    numParallelTree,
    xgboostVersion: doc.version ?? null,
  };
}

function readBooster(
  gradientBooster: { name: string } & Record<string, unknown>,
  source?: string,
): { booster: 'gbtree' | 'dart'; model: GbtreeModelJson; weightDrop: number[] | null } {
  const where = source ? { file: source } : {};
  const prefix = ['learner', 'gradient_booster'];
  if (gradientBooster.name === 'gbtree') {
    return { booster: 'gbtree', model: parseXgbPart(gbtreeModelSchema, gradientBooster.model, [...prefix, 'model'], source), weightDrop: null };
  }
  if (gradientBooster.name === 'dart') {
    const inner = gradientBooster.gbtree as { model?: unknown } | undefined;
    const model = parseXgbPart(gbtreeModelSchema, inner?.model, [...prefix, 'gbtree', 'model'], source);
    const { weight_drop } = parseXgbPart(dartExtraSchema, gradientBooster, prefix, source);
    if (weight_drop.length !== model.trees.length) {
      throw invalidInput(`key 'learner.gradient_booster.weight_drop' has ${weight_drop.length} entries for ${model.trees.length} trees`, where);
    }
    return { booster: 'dart', model, weightDrop: weight_drop };
  }
  if (gradientBooster.name === 'gblinear') {
    throw invalidInput("XGBoost linear boosters ('gblinear') are not supported: only tree models (gbtree, dart) can be imported", where);
  }
  throw invalidInput(`unknown XGBoost booster '${gradientBooster.name}' at key 'learner.gradient_booster.name'`, where);
}

/**
 * The most features an imported booster may declare (`num_feature`). Plumb reads features as table columns, so
 * a wider booster could not be fed anyway; the cap keeps a forged count from allocating gigabytes.
 */
export const MAX_XGB_FEATURES = 100_000;

/**
 * Checks the counts in `learner_model_param` against the file's content, before they size any array:
 * `num_feature` is at least 1, at most MAX_XGB_FEATURES, equal to the number of `feature_names` when there are
 * any, and above every split index (features that never split are fine); `num_class` and `num_target` are at
 * most the number of trees (every output needs a tree of its own).
 */
function checkDeclaredSizes(
  param: { num_feature: number; num_class: number; num_target?: number },
  featureNames: string[] | undefined,
  trees: readonly XgbTreeJson[],
  source?: string,
): void {
  const where = source ? { file: source } : {};
  const key = (name: string) => `key 'learner.learner_model_param.${name}'`;
  const nFeatures = param.num_feature;
  if (!Number.isSafeInteger(nFeatures) || nFeatures < 1) throw invalidInput(`${key('num_feature')} must be at least 1, got ${nFeatures}`, where);
  if (nFeatures > MAX_XGB_FEATURES) {
    throw invalidInput(`${key('num_feature')} is ${nFeatures}: more than the ${MAX_XGB_FEATURES} features Plumb imports`, where);
  }
  if (featureNames && featureNames.length > 0 && featureNames.length !== nFeatures) {
    throw invalidInput(`${key('num_feature')} is ${nFeatures} but 'learner.feature_names' has ${featureNames.length} names`, where);
  }
  let largest = -1;
  let at = '';
  trees.forEach((tree, t) => {
    const { left_children: left, split_indices: split } = tree;
    const n = Math.min(left.length, split.length);
    for (let i = 0; i < n; i++) {
      if (left[i] !== -1 && split[i] > largest) {
        largest = split[i];
        at = `learner.gradient_booster.model.trees[${t}].split_indices[${i}]`;
      }
    }
  });
  if (largest >= nFeatures) {
    throw invalidInput(`key '${at}' = ${largest} needs num_feature > ${largest}, but ${key('num_feature')} is ${nFeatures}`, where);
  }
  const nTrees = trees.length;
  for (const name of ['num_class', 'num_target'] as const) {
    const value = param[name] ?? 0;
    if (!Number.isSafeInteger(value) || value < 0) throw invalidInput(`${key(name)} must be 0 or more, got ${value}`, where);
    if (value > 1 && value > nTrees) {
      throw invalidInput(`${key(name)} is ${value} but the model holds only ${nTrees} tree${nTrees === 1 ? '' : 's'} (each output needs at least one)`, where);
    }
  }
}

function readFeatureNames(names: string[] | undefined, nFeatures: number, source?: string): string[] {
  if (!names || names.length === 0) return Array.from({ length: nFeatures }, (_, j) => `f${j}`);
  if (names.length !== nFeatures) {
    throw invalidInput(
      `key 'learner.feature_names' has ${names.length} names but num_feature is ${nFeatures}`,
      source ? { file: source } : {},
    );
  }
  return names.slice();
}

/** "5E-1", "[5E-1]" or "[0.1,0.2,0.3]" (current XGBoost writes one value per output group). */
function parseBaseScore(raw: string | number, nOutputs: number, source?: string): number[] {
  const text = String(raw).trim();
  const body = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const values = body.split(',').map((s) => Number(s.trim()));
  if (values.length === 0 || values.some((v) => !Number.isFinite(v)) || body.trim() === '') {
    throw invalidInput(`key 'learner.learner_model_param.base_score' is not a number or list of numbers: '${text}'`, source ? { file: source } : {});
  }
  if (values.length === 1) return new Array<number>(nOutputs).fill(values[0]);
  if (values.length !== nOutputs) {
    throw invalidInput(`key 'learner.learner_model_param.base_score' has ${values.length} values for ${nOutputs} outputs`, source ? { file: source } : {});
  }
  return values;
}

function vectorLeafError(where: { file?: string }) {
  return invalidInput('XGBoost vector-leaf trees (multi_strategy="multi_output_tree") are not supported', where);
}

function buildTree(raw: XgbTreeJson, t: number, nFeatures: number, weight: number, featureNames: string[], source?: string): Tree {
  const where = source ? { file: source } : {};
  const at = `learner.gradient_booster.model.trees[${t}]`;
  if ((raw.tree_param.size_leaf_vector ?? 0) > 1) throw vectorLeafError(where);
  const n = raw.tree_param.num_nodes;
  if (n < 1) throw invalidInput(`key '${at}.tree_param.num_nodes' must be at least 1`, where);
  const arrays: [string, { length: number } | undefined][] = [
    ['left_children', raw.left_children],
    ['right_children', raw.right_children],
    ['split_indices', raw.split_indices],
    ['split_conditions', raw.split_conditions],
    ['default_left', raw.default_left],
    ['sum_hessian', raw.sum_hessian],
    ['split_type', raw.split_type],
  ];
  for (const [key, arr] of arrays) {
    if (arr && arr.length !== n) throw invalidInput(`key '${at}.${key}' has ${arr.length} entries but num_nodes is ${n}`, where);
  }

  const tree: Tree = {
    feature: new Int32Array(n).fill(-1),
    threshold: new Float64Array(n),
    left: new Int32Array(n).fill(-1),
    right: new Int32Array(n).fill(-1),
    missingLeft: new Uint8Array(n),
    cover: new Float64Array(n),
    value: new Float64Array(n),
    nValues: 1,
  };
  // Walk from the root: nodes XGBoost deleted while pruning are unreachable and stay zero-valued leaves.
  const visited = new Uint8Array(n);
  const order: number[] = [];
  const stack = [0];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visited[node]) throw invalidInput(`key '${at}': node ${node} is reached twice, so the nodes do not form a tree`, where);
    visited[node] = 1;
    order.push(node);
    tree.cover[node] = raw.sum_hessian[node];
    tree.missingLeft[node] = raw.default_left[node] ? 1 : 0;
    const l = raw.left_children[node];
    const r = raw.right_children[node];
    if (l === -1 && r === -1) {
      tree.value[node] = Math.fround(raw.split_conditions[node]) * weight;
      continue;
    }
    if (l < 0 || l >= n || r < 0 || r >= n) {
      throw invalidInput(`key '${at}': node ${node} has children ${l} and ${r}, outside 0..${n - 1}`, where);
    }
    const f = raw.split_indices[node];
    if (f < 0 || f >= nFeatures) throw invalidInput(`key '${at}.split_indices[${node}]' = ${f} is not a feature index (0..${nFeatures - 1})`, where);
    if (raw.split_type && raw.split_type[node] !== 0) {
      throw invalidInput(
        `tree ${t} node ${node} splits on '${featureNames[f]}' as a categorical feature: categorical splits are not supported; ` +
          're-train XGBoost without enable_categorical (for example on one-hot encoded columns)',
        where,
      );
    }
    tree.feature[node] = f;
    tree.threshold[node] = Math.fround(raw.split_conditions[node]);
    tree.left[node] = l;
    tree.right[node] = r;
    stack.push(r, l);
  }
  // Inner nodes hold the cover-weighted mean of their children (children after parents in `order`).
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    if (tree.feature[node] < 0) continue;
    const l = tree.left[node];
    const r = tree.right[node];
    const c = tree.cover[node];
    tree.value[node] = c > 0 ? (tree.cover[l] * tree.value[l] + tree.cover[r] * tree.value[r]) / c : 0.5 * (tree.value[l] + tree.value[r]);
  }
  return tree;
}
