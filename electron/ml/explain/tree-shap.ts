// Exact path-dependent TreeSHAP over any TreeEnsemble, in raw margin space: for every explained row,
// baseValue + Σ_j values[j] equals the margin. Features absent from a coalition follow the node covers.

import type { TreeEnsemble } from '../tree/types.js';
import { outputScales } from '../tree/predict.js';
import { defaultThreads, openForkJoin } from '../parallel/fork-join.js';
import * as blocks from './tree-shap-blocks.js';
import { createTreeShapState, explainRows, SHAP_ROW_BLOCK } from './tree-shap-blocks.js';
import { checkEnsembleShape, checkShapInputs, pathDependentBase, treeDepth, type TreeShapResult } from './tree-shap-common.js';

export type { TreeShapResult } from './tree-shap-common.js';

export interface TreeShapOptions {
  /** 'quadrature' (default, O(nodes·D)) or 'classic' (Algorithm 2 with EXTEND/UNWIND, O(L·D²)); both exact */
  algorithm?: 'quadrature' | 'classic';
  /** threads sharing the rows (same values for any count); default: 2 on a machine with two or more cores */
  threads?: number;
}

/** the kernel module the fork-join helper loads (warm it with warmForkJoin) */
export const TREE_SHAP_BLOCKS_URL = new URL('./tree-shap-blocks.ts', import.meta.url).href;
/** fewer rows than this are explained on the calling thread only */
const SHARE_MIN_ROWS = 4 * SHAP_ROW_BLOCK;

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
  const depths = Int32Array.from(trees, treeDepth);
  const classic = options.algorithm === 'classic';
  const threads = options.threads ?? defaultThreads();

  if (threads < 2 || nRows < SHARE_MIN_ROWS) {
    const values = new Float64Array(nOutputs * nRows * m);
    const rowList = rows ? Int32Array.from(rows) : null;
    explainRows(createTreeShapState({ ensemble, columns, rows: rowList, nRows, values, depths, classic }, scales), 0, nRows);
    return { baseValue, values, nOutputs, nRows, nFeatures: m };
  }
  // rows in blocks shared with the fork-join helper: only the explained rows' columns cross, once
  const shared = new Float64Array(new SharedArrayBuffer(8 * nOutputs * nRows * m));
  const explained = Array.from({ length: m }, () => new Float64Array(new SharedArrayBuffer(8 * nRows)));
  for (let j = 0; j < m; j++) {
    const col = columns[j];
    const out = explained[j];
    for (let r = 0; r < nRows; r++) out[r] = col[rows ? rows[r] : r];
  }
  const jobs = openForkJoin(
    TREE_SHAP_BLOCKS_URL,
    blocks,
    { ensemble, columns: explained, rows: null, nRows, values: shared, depths, classic, scales },
    threads,
  );
  try {
    jobs.run(Math.ceil(nRows / SHAP_ROW_BLOCK));
  } finally {
    jobs.close();
  }
  return { baseValue, values: Float64Array.from(shared), nOutputs, nRows, nFeatures: m };
}
