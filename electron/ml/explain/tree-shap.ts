// Exact path-dependent TreeSHAP over any TreeEnsemble, in raw margin space: for every explained row,
// baseValue + Σ_j values[j] equals the margin. Features absent from a coalition follow the node covers.

import type { TreeEnsemble } from '../tree/types.js';
import { outputScales } from '../tree/predict.js';
import { ClassicTreeShap } from './tree-shap-classic.js';
import {
  checkEnsembleShape,
  checkShapInputs,
  loadRow,
  outputOf,
  pathDependentBase,
  treeDepth,
  type TreeShapResult,
} from './tree-shap-common.js';
import { QuadratureTreeShap } from './tree-shap-quadrature.js';

export type { TreeShapResult } from './tree-shap-common.js';

export interface TreeShapOptions {
  /** 'quadrature' (default, O(nodes·D)) or 'classic' (Algorithm 2 with EXTEND/UNWIND, O(L·D²)); both exact */
  algorithm?: 'quadrature' | 'classic';
}

/**
 * SHAP values of `rows` (indices into `columns`; all rows when omitted). `columns[j]` holds feature j
 * (NaN = missing), as in FeatureMatrix.columns.
 */
export function treeShap(
  ensemble: TreeEnsemble,
  columns: Float64Array[],
  rows?: ArrayLike<number>,
  options: TreeShapOptions = {},
): TreeShapResult {
  checkEnsembleShape(ensemble);
  const nRows = checkShapInputs(ensemble, columns, rows);
  const { trees, nOutputs, nFeatures: m } = ensemble;
  const scales = outputScales(ensemble);
  const baseValue = pathDependentBase(ensemble, scales);
  const values = new Float64Array(nOutputs * nRows * m);

  const depths = trees.map(treeDepth);
  const maxDepth = Math.max(0, ...depths);
  const maxValues = Math.max(1, ...trees.map((t) => t.nValues));
  // Per tree: where each value slot's contributions go in the row's phi buffer, and its scale.
  const phiOffsets = trees.map((tree, t) => Int32Array.from({ length: tree.nValues }, (_, v) => outputOf(ensemble, t, v) * m));
  const treeScales = trees.map((tree, t) => Float64Array.from({ length: tree.nValues }, (_, v) => scales[outputOf(ensemble, t, v)]));

  const strict = ensemble.splitRule === 'lt_f32';
  const x = new Float64Array(m);
  const phi = new Float64Array(nOutputs * m);
  const classic = options.algorithm === 'classic' ? new ClassicTreeShap(maxDepth, maxValues) : null;
  const quadrature = classic ? null : new QuadratureTreeShap(maxDepth, maxValues, m);

  for (let r = 0; r < nRows; r++) {
    loadRow(columns, rows ? rows[r] : r, ensemble.splitRule, x);
    phi.fill(0);
    for (let t = 0; t < trees.length; t++) {
      if (classic) classic.explainTree(trees[t], x, strict, phi, phiOffsets[t], treeScales[t]);
      else quadrature!.explainTree(trees[t], depths[t], x, strict, phi, phiOffsets[t], treeScales[t]);
    }
    for (let k = 0; k < nOutputs; k++) {
      const dst = (k * nRows + r) * m;
      for (let j = 0; j < m; j++) values[dst + j] = phi[k * m + j];
    }
  }
  return { baseValue, values, nOutputs, nRows, nFeatures: m };
}
