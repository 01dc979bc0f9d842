// Pieces every TreeSHAP variant shares: input checks, per-row value buffers in the ensemble's split
// arithmetic, cover fractions, tree depth and the path-dependent expected value (the base value).

import { invalidInput } from '../../../shared/errors.js';
import type { Tree, TreeEnsemble } from '../tree/types.js';

/** SHAP values in raw margin space. */
export interface TreeShapResult {
  /** expected model output per output (what the values start from) */
  baseValue: Float64Array;
  /** values[(k * nRows + r) * nFeatures + j]: output k, r-th explained row, feature j */
  values: Float64Array;
  nOutputs: number;
  nRows: number;
  nFeatures: number;
}

/** Number of rows to explain; throws when the columns cannot feed the ensemble. */
export function checkShapInputs(ensemble: TreeEnsemble, columns: Float64Array[], rows: ArrayLike<number> | undefined, what = 'data'): number {
  if (columns.length < ensemble.nFeatures) {
    throw invalidInput(`${what} has ${columns.length} feature columns but the model needs ${ensemble.nFeatures}`);
  }
  const nAll = ensemble.nFeatures > 0 ? columns[0].length : 0;
  for (let j = 0; j < ensemble.nFeatures; j++) {
    if (columns[j].length !== nAll) throw invalidInput(`${what}: feature column ${j} has ${columns[j].length} rows, expected ${nAll}`);
  }
  if (!rows) return nAll;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!Number.isInteger(r) || r < 0 || r >= nAll) throw invalidInput(`${what}: row index ${r} is outside 0..${nAll - 1}`);
  }
  return rows.length;
}

/**
 * Copy one row into `out` in the arithmetic of the split rule: XGBoost compares float32 values, so
 * rounding once here lets the hot loops compare plain numbers. NaN stays NaN (missing).
 */
export function loadRow(columns: Float64Array[], row: number, splitRule: TreeEnsemble['splitRule'], out: Float64Array): void {
  if (splitRule === 'lt_f32') for (let j = 0; j < out.length; j++) out[j] = Math.fround(columns[j][row]);
  else for (let j = 0; j < out.length; j++) out[j] = columns[j][row];
}

/**
 * Share of the parent's cover that flows to `child`. Not renormalized (children need not sum exactly to the
 * parent, as with XGBoost's float32 hessian sums); a parent without cover splits evenly.
 */
export function coverFraction(tree: Tree, parent: number, child: number): number {
  const c = tree.cover[parent];
  return c > 0 ? tree.cover[child] / c : 0.5;
}

/** Depth in edges of the deepest leaf reachable from the root. */
export function treeDepth(tree: Tree): number {
  let max = 0;
  const nodes: number[] = [0];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const d = depths.pop()!;
    if (tree.feature[node] < 0) {
      if (d > max) max = d;
    } else {
      nodes.push(tree.left[node], tree.right[node]);
      depths.push(d + 1, d + 1);
    }
  }
  return max;
}

/** Cover-weighted mean leaf value below `node` (per value slot) times `weight`, added into out[offset..]. */
function addTreeExpectation(tree: Tree, node: number, weight: number, out: Float64Array, offset: number): void {
  if (weight === 0) return;
  if (tree.feature[node] < 0) {
    for (let v = 0; v < tree.nValues; v++) out[offset + v] += weight * tree.value[node * tree.nValues + v];
    return;
  }
  const l = tree.left[node];
  const r = tree.right[node];
  addTreeExpectation(tree, l, weight * coverFraction(tree, node, l), out, offset);
  addTreeExpectation(tree, r, weight * coverFraction(tree, node, r), out, offset);
}

/** Path-dependent base value: base margin plus each tree's cover-weighted mean output (scaled for 'mean'). */
export function pathDependentBase(ensemble: TreeEnsemble, scales: Float64Array): Float64Array {
  const base = Float64Array.from(ensemble.baseMargin);
  const buffer = new Float64Array(Math.max(1, ...ensemble.trees.map((t) => t.nValues)));
  ensemble.trees.forEach((tree, t) => {
    buffer.fill(0);
    addTreeExpectation(tree, 0, 1, buffer, 0);
    if (tree.nValues === 1) base[ensemble.treeOutput[t]] += scales[ensemble.treeOutput[t]] * buffer[0];
    else for (let k = 0; k < tree.nValues; k++) base[k] += scales[k] * buffer[k];
  });
  return base;
}


/** Adds the margin of a row loaded by loadRow (per output) into `out`. */
export function addRowMargin(ensemble: TreeEnsemble, scales: Float64Array, x: Float64Array, out: Float64Array): void {
  const strict = ensemble.splitRule === 'lt_f32';
  for (let k = 0; k < ensemble.nOutputs; k++) out[k] += ensemble.baseMargin[k];
  ensemble.trees.forEach((tree, t) => {
    let node = 0;
    for (let f = tree.feature[0]; f >= 0; f = tree.feature[node]) {
      const v = x[f];
      const th = tree.threshold[node];
      const goLeft = v !== v ? tree.missingLeft[node] === 1 : strict ? v < th : v <= th;
      node = goLeft ? tree.left[node] : tree.right[node];
    }
    for (let s = 0; s < tree.nValues; s++) {
      const k = outputOf(ensemble, t, s);
      out[k] += scales[k] * tree.value[node * tree.nValues + s];
    }
  });
}

/** Output column of value slot v of tree t. */
export function outputOf(ensemble: TreeEnsemble, t: number, v: number): number {
  return ensemble.trees[t].nValues === 1 ? ensemble.treeOutput[t] : v;
}

/** Throws when a tree's vector leaves do not fit the ensemble's outputs. */
export function checkEnsembleShape(ensemble: TreeEnsemble): void {
  ensemble.trees.forEach((tree, t) => {
    if (tree.nValues > 1 && tree.nValues > ensemble.nOutputs) {
      throw invalidInput(`tree ${t} has ${tree.nValues} values per leaf but the model has ${ensemble.nOutputs} outputs`);
    }
    if (tree.nValues === 1 && (ensemble.treeOutput[t] < 0 || ensemble.treeOutput[t] >= ensemble.nOutputs)) {
      throw invalidInput(`tree ${t} feeds output ${ensemble.treeOutput[t]} but the model has ${ensemble.nOutputs} outputs`);
    }
  });
}
