// Exact path-dependent TreeSHAP over any TreeEnsemble, in raw margin space: for every explained row,
// baseValue + Σ_j values[j] equals the margin. Features absent from a coalition follow the node covers.

import type { TreeEnsemble } from '../tree/types.js';
import { outputScales } from '../tree/predict.js';
import { defaultThreads, openForkJoin } from '../parallel/fork-join.js';
import * as blocks from './tree-shap-blocks.js';
import { createTreeShapState, explainAllRows, EXPLAIN_ROWS, FILL_TABLES, JOB, SHAP_ROW_BLOCK, SHAP_TREE_BLOCK } from './tree-shap-blocks.js';
import { checkEnsembleShape, checkShapInputs, outputOf, pathDependentBase, treeDepth, type TreeShapResult } from './tree-shap-common.js';
import { fillLeafTables, planLeafTables } from './tree-shap-tables.js';

export type { TreeShapResult } from './tree-shap-common.js';

export interface TreeShapOptions {
  /**
   * All exact. 'auto' (default): per-leaf tables (tree-shap-tables.ts, O(L·D) per row after building them) for the
   * trees where they pay off over the rows explained, quadrature for the rest; 'tables': tables for every tree within
   * their depth and memory limits; 'quadrature' (O(nodes·D)); 'classic' (Algorithm 2 with EXTEND/UNWIND, O(L·D²)).
   */
  algorithm?: 'auto' | 'tables' | 'quadrature' | 'classic';
  /** threads sharing the rows (same values for any count); default: 2 on a machine with two or more cores */
  threads?: number;
  /**
   * 'auto' picks each tree's kernel as if explaining this many rows (default: the rows given). Callers that split
   * rows into shares or shards pass the total, so every share uses the same kernels and the values are identical
   * to the last bit whatever the split.
   */
  plannedRows?: number;
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
  const algorithm = options.algorithm ?? 'auto';
  const classic = algorithm === 'classic';
  const threads = options.threads ?? defaultThreads();
  const shared = threads >= 2 && nRows >= SHARE_MIN_ROWS;
  const tables =
    algorithm === 'auto' || algorithm === 'tables'
      ? planLeafTables(ensemble, scales, (t, v) => outputOf(ensemble, t, v), options.plannedRows ?? nRows, algorithm === 'tables', shared ? (bytes) => new SharedArrayBuffer(bytes) : undefined)
      : null;

  if (!shared) {
    const values = new Float64Array(nOutputs * nRows * m);
    const rowList = rows ? Int32Array.from(rows) : null;
    if (tables) fillLeafTables(tables, 0, trees.length);
    explainAllRows(createTreeShapState({ ensemble, columns, rows: rowList, nRows, values, depths, classic, tables }, scales));
    return { baseValue, values, nOutputs, nRows, nFeatures: m };
  }
  // rows in blocks shared with the fork-join helper: only the explained rows' columns cross, once
  const values = new Float64Array(new SharedArrayBuffer(8 * nOutputs * nRows * m));
  const explained = Array.from({ length: m }, () => new Float64Array(new SharedArrayBuffer(8 * nRows)));
  for (let j = 0; j < m; j++) {
    const col = columns[j];
    const out = explained[j];
    for (let r = 0; r < nRows; r++) out[r] = col[rows ? rows[r] : r];
  }
  const jobs = openForkJoin(
    TREE_SHAP_BLOCKS_URL,
    blocks,
    { ensemble, columns: explained, rows: null, nRows, values, depths, classic, tables, scales },
    threads,
  );
  try {
    if (tables) {
      jobs.params[JOB] = FILL_TABLES;
      jobs.run(Math.ceil(trees.length / SHAP_TREE_BLOCK));
    }
    jobs.params[JOB] = EXPLAIN_ROWS;
    jobs.run(Math.ceil(nRows / SHAP_ROW_BLOCK));
  } finally {
    jobs.close();
  }
  return { baseValue, values: Float64Array.from(values), nOutputs, nRows, nFeatures: m };
}
