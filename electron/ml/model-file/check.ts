// Rules a model file must keep beyond its JSON shape: sizes that agree with each other, class and level indices
// in range, trees that are trees. A file that passes never makes prediction read out of bounds or loop.

import type { z } from 'zod';
import type { MlpModel } from '../mlp/model.js';
import { checkMlpModel } from '../mlp/schema.js';
import type { ensembleSchema, envelopeSchema, fittedSchemas } from './schema.js';

type Envelope = z.infer<typeof envelopeSchema>;
type EnsembleJson = z.infer<typeof ensembleSchema>;
type Encoding = z.infer<(typeof fittedSchemas)['knn']>['encoding'];

/** Collects problems as "key 'path': what is wrong". */
class Problems {
  readonly list: string[] = [];
  add(path: string, message: string): void {
    this.list.push(`key '${path}': ${message}`);
  }
  check(ok: boolean, path: string, message: string): boolean {
    if (!ok) this.add(path, message);
    return ok;
  }
}

export function checkEnvelope(file: Envelope, model: unknown): string[] {
  const p = new Problems();
  const seen = new Set<string>();
  file.features.forEach((f, j) => {
    p.check(!seen.has(f), `features[${j}]`, `feature '${f}' is listed twice`);
    seen.add(f);
  });
  for (const name of Object.keys(file.feature_levels)) {
    p.check(seen.has(name), `feature_levels.${name}`, `'${name}' is not one of the features`);
  }
  if (file.task === 'classification') {
    p.check(file.classes.length >= 1, 'classes', 'a classifier needs at least one class');
    p.check(new Set(file.classes).size === file.classes.length, 'classes', 'a class is listed twice');
  } else {
    p.check(file.classes.length === 0, 'classes', 'a regression model has no classes');
  }
  const K = file.classes.length;
  const levelsOf = file.features.map((f) => file.feature_levels[f] ?? null);
  const m = model as Record<string, unknown>;
  switch (file.type) {
    case 'linear_regression':
    case 'logistic_regression': {
      const lin = model as z.infer<(typeof fittedSchemas)['linear_regression']>;
      checkEncoding(p, lin.encoding, levelsOf);
      const outputs = file.type === 'linear_regression' ? 1 : K === 2 ? 1 : K;
      const width = lin.encoding.feature.length;
      p.check(lin.coefficients.weights.length === outputs, 'model.coefficients.weights', `expected ${outputs} rows of weights`);
      lin.coefficients.weights.forEach((w, k) => p.check(w.length === width, `model.coefficients.weights[${k}]`, `expected ${width} weights`));
      p.check(lin.coefficients.intercept.length === outputs, 'model.coefficients.intercept', `expected ${outputs} intercepts`);
      if (file.type === 'logistic_regression') checkClasses(p, m.classes, file.classes, 2);
      else p.check(file.task === 'regression', 'task', 'linear regression is a regression model');
      break;
    }
    case 'knn': {
      const knn = model as z.infer<(typeof fittedSchemas)['knn']>;
      checkEncoding(p, knn.encoding, levelsOf);
      p.check(knn.task === file.task, 'model.task', `does not match the file's task '${file.task}'`);
      p.check(knn.train.length === knn.nTrain * knn.encoding.feature.length, 'model.train', 'size does not match nTrain × encoded columns');
      p.check(knn.targets.length === knn.nTrain, 'model.targets', `expected ${knn.nTrain} values`);
      p.check(knn.params.n_neighbors <= knn.nTrain, 'model.params.n_neighbors', 'is more than the training rows');
      if (file.task === 'classification') {
        checkClasses(p, knn.classes, file.classes, 1);
        p.check(knn.targets.every((c) => Number.isInteger(c) && c >= 0 && c < K), 'model.targets', 'holds a class code outside the classes');
      }
      break;
    }
    case 'naive_bayes': {
      const nb = model as z.infer<(typeof fittedSchemas)['naive_bayes']>;
      p.check(file.task === 'classification', 'task', 'naive Bayes is a classifier');
      checkClasses(p, nb.classes, file.classes, 1);
      p.check(nb.nFeatures === file.features.length, 'model.nFeatures', `expected ${file.features.length}`);
      p.check(nb.classCount.length === K, 'model.classCount', `expected ${K} counts`);
      nb.gaussian.forEach((g, i) => {
        p.check(g.feature < file.features.length && levelsOf[g.feature] === null, `model.gaussian[${i}].feature`, 'is not a numeric feature');
        p.check(g.mean.length === K && g.variance.length === K, `model.gaussian[${i}]`, `expected ${K} means and variances`);
      });
      nb.categorical.forEach((c, i) => {
        const levels = levelsOf[c.feature];
        if (!p.check(c.feature < file.features.length && levels !== null && levels !== undefined, `model.categorical[${i}].feature`, 'is not a categorical feature')) return;
        p.check(c.logProb.length === K && c.logProb.every((row) => row.length === levels!.length), `model.categorical[${i}].logProb`, `expected ${K} × ${levels!.length} values`);
      });
      break;
    }
    case 'decision_tree':
    case 'random_forest':
    case 'gradient_boosting': {
      const tree = model as z.infer<(typeof fittedSchemas)['decision_tree']>;
      p.check(tree.type === file.type, 'model.type', `does not match the file's type '${file.type}'`);
      p.check(tree.task === file.task, 'model.task', `does not match the file's task '${file.task}'`);
      if (file.task === 'classification') checkClasses(p, tree.classes, file.classes, 1);
      checkEnsemble(p, tree.ensemble, 'model.ensemble', file.features.length, file.task, K);
      break;
    }
    case 'xgboost': {
      const xgb = model as z.infer<(typeof fittedSchemas)['xgboost']>;
      checkEnsemble(p, xgb.ensemble, 'model.ensemble', file.features.length, file.task, K);
      break;
    }
    case 'mlp':
      p.list.push(...checkMlpModel(file, model as MlpModel));
      break;
  }
  return p.list;
}

function checkClasses(p: Problems, modelClasses: unknown, classes: string[], minimum: number): void {
  const same = Array.isArray(modelClasses) && modelClasses.length === classes.length && modelClasses.every((c, i) => c === classes[i]);
  p.check(same, 'model.classes', "do not match the file's classes");
  p.check(classes.length >= minimum, 'classes', `this model needs at least ${minimum} classes`);
}

function checkEncoding(p: Problems, enc: Encoding, levelsOf: (string[] | null)[]): void {
  const nFeatures = levelsOf.length;
  if (!p.check(enc.nFeatures === nFeatures, 'model.encoding.nFeatures', `expected ${nFeatures}`)) return;
  p.check(enc.fill.length === nFeatures, 'model.encoding.fill', `expected ${nFeatures} values`);
  const width = enc.feature.length;
  for (const key of ['level', 'center', 'scale', 'names'] as const) {
    p.check(enc[key].length === width, `model.encoding.${key}`, `expected ${width} entries like 'feature'`);
  }
  for (let c = 0; c < width; c++) {
    const j = enc.feature[c];
    if (!p.check(j < nFeatures, `model.encoding.feature[${c}]`, `${j} is not a feature index`)) continue;
    const levels = levelsOf[j];
    const level = enc.level[c];
    if (levels) p.check(level >= 0 && level < levels.length, `model.encoding.level[${c}]`, `is not a level of categorical feature ${j}`);
    else p.check(level === -1, `model.encoding.level[${c}]`, `feature ${j} is numeric, so the level must be -1`);
  }
}

function checkEnsemble(p: Problems, e: EnsembleJson, path: string, nFeatures: number, task: 'classification' | 'regression', K: number): void {
  p.check(e.nFeatures <= nFeatures, `${path}.nFeatures`, `the file lists only ${nFeatures} features`);
  p.check(e.treeOutput.length === e.trees.length, `${path}.treeOutput`, `expected one entry per tree (${e.trees.length})`);
  p.check(e.baseMargin.length === e.nOutputs, `${path}.baseMargin`, `expected ${e.nOutputs} values`);
  if (task === 'classification') {
    p.check(e.nOutputs === K || (e.nOutputs === 1 && K === 2), `${path}.nOutputs`, `${e.nOutputs} outputs do not fit ${K} classes`);
  } else {
    p.check(e.nOutputs === 1, `${path}.nOutputs`, 'a regression model has one output');
  }
  e.treeOutput.forEach((k, t) => p.check(k < e.nOutputs, `${path}.treeOutput[${t}]`, `output ${k} does not exist`));
  e.trees.forEach((tree, t) => {
    const at = `${path}.trees[${t}]`;
    const n = tree.feature.length;
    if (!p.check(n >= 1, `${at}.feature`, 'a tree needs at least one node')) return;
    let sized = true;
    for (const key of ['threshold', 'left', 'right', 'missingLeft', 'cover'] as const) {
      sized = p.check(tree[key].length === n, `${at}.${key}`, `expected ${n} entries like 'feature'`) && sized;
    }
    sized = p.check(tree.value.length === n * tree.nValues, `${at}.value`, `expected ${n} × ${tree.nValues} values`) && sized;
    sized = p.check(tree.nValues === 1 || tree.nValues === e.nOutputs, `${at}.nValues`, `must be 1 or ${e.nOutputs}`) && sized;
    if (sized) checkTreeShape(p, tree.feature, tree.left, tree.right, e.nFeatures, at);
  });
}

/** Every node is reached once from the root, inner nodes split on a real feature, children are in range. */
function checkTreeShape(p: Problems, feature: number[], left: number[], right: number[], nFeatures: number, at: string): void {
  const n = feature.length;
  const visited = new Uint8Array(n);
  const stack = [0];
  while (stack.length) {
    const node = stack.pop()!;
    if (!p.check(!visited[node], at, `node ${node} is reached twice, so the nodes do not form a tree`)) return;
    visited[node] = 1;
    const f = feature[node];
    if (f < 0) continue;
    if (!p.check(f < nFeatures, `${at}.feature[${node}]`, `${f} is not a feature index`)) return;
    const l = left[node];
    const r = right[node];
    if (!p.check(l >= 0 && l < n && r >= 0 && r < n, `${at}`, `node ${node} has children ${l} and ${r}, outside 0..${n - 1}`)) return;
    stack.push(r, l);
  }
}
