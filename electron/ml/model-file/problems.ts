// The checks model kinds share beyond their JSON shape (class lists, feature encodings, tree ensembles), and the
// list they report into: each problem as "key 'path': what is wrong".

import type { z } from 'zod';
import type { ModelFileEnvelope } from './envelope.js';
import type { encodingSchema, ensembleSchema } from './parts.js';

type Encoding = z.infer<typeof encodingSchema>;
type EnsembleJson = z.infer<typeof ensembleSchema>;

/** Collects problems as "key 'path': what is wrong". */
export class Problems {
  readonly list: string[] = [];
  add(path: string, message: string): void {
    this.list.push(`key '${path}': ${message}`);
  }
  check(ok: boolean, path: string, message: string): boolean {
    if (!ok) this.add(path, message);
    return ok;
  }
}

/** Per feature, its levels when categorical, else null. */
export function levelsOf(file: Pick<ModelFileEnvelope, 'features' | 'feature_levels'>): (string[] | null)[] {
  return file.features.map((f) => file.feature_levels[f] ?? null);
}

export function checkClasses(p: Problems, modelClasses: unknown, classes: string[], minimum: number): void {
  const same = Array.isArray(modelClasses) && modelClasses.length === classes.length && modelClasses.every((c, i) => c === classes[i]);
  p.check(same, 'model.classes', "do not match the file's classes");
  p.check(classes.length >= minimum, 'classes', `this model needs at least ${minimum} classes`);
}

export function checkEncoding(p: Problems, enc: Encoding, levelsOf: (string[] | null)[]): void {
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

export function checkEnsemble(p: Problems, e: EnsembleJson, path: string, nFeatures: number, task: 'classification' | 'regression', K: number): void {
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
