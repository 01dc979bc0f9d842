// Raw margin of a TreeEnsemble (base margin + tree outputs, before the link), written independently of
// tree/predict.ts so the importer and SHAP tests have their own check of f(x); the product predicts with that.

import type { Tree, TreeEnsemble } from '../tree/types.js';
import { outputScales } from '../tree/predict.js';

/** The leaf a row lands in; NaN follows the node's missing direction. */
export function leafOf(tree: Tree, splitRule: TreeEnsemble['splitRule'], columns: Float64Array[], row: number): number {
  const { feature, threshold, left, right, missingLeft } = tree;
  let node = 0;
  while (feature[node] >= 0) {
    const x = columns[feature[node]][row];
    let goLeft: boolean;
    if (Number.isNaN(x)) goLeft = missingLeft[node] === 1;
    else if (splitRule === 'lt_f32') goLeft = Math.fround(x) < threshold[node];
    else goLeft = x <= threshold[node];
    node = goLeft ? left[node] : right[node];
  }
  return node;
}


/**
 * Margin per output and row: result[k * nRows + r] for output k of the r-th explained row.
 * `rows` selects rows of `columns` (all rows when omitted).
 */
export function ensembleMargin(ensemble: TreeEnsemble, columns: Float64Array[], rows?: ArrayLike<number>): Float64Array {
  const nRows = rows ? rows.length : (columns[0]?.length ?? 0);
  const { nOutputs, trees, treeOutput, baseMargin, splitRule } = ensemble;
  const scales = outputScales(ensemble);
  const out = new Float64Array(nOutputs * nRows);
  for (let r = 0; r < nRows; r++) {
    const row = rows ? rows[r] : r;
    for (let k = 0; k < nOutputs; k++) out[k * nRows + r] = baseMargin[k];
    for (let t = 0; t < trees.length; t++) {
      const tree = trees[t];
      const leaf = leafOf(tree, splitRule, columns, row);
      if (tree.nValues === 1) {
        const k = treeOutput[t];
        out[k * nRows + r] += scales[k] * tree.value[leaf];
      } else {
        for (let k = 0; k < tree.nValues; k++) out[k * nRows + r] += scales[k] * tree.value[leaf * tree.nValues + k];
      }
    }
  }
  return out;
}
