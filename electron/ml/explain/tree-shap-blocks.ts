// TreeSHAP for a block of explained rows (tree-shap.ts): the same per-row kernel whether one thread explains all
// rows or the fork-join helper takes some blocks; rows are independent, so the values are the same either way.
// Within a block the loop is tree-major, so one tree's leaf tables stay in cache for all the block's rows.

import type { TreeEnsemble } from '../tree/types.js';
import { ClassicTreeShap } from './tree-shap-classic.js';
import { loadRow } from './tree-shap-common.js';
import { QuadratureTreeShap } from './tree-shap-quadrature.js';
import { explainTreeFromTables, fillLeafTables, type LeafTables } from './tree-shap-tables.js';

/** Explained rows per block when rows are shared between threads. */
export const SHAP_ROW_BLOCK = 32;
/** Trees per block of the table-filling job. */
export const SHAP_TREE_BLOCK = 4;
/** params[JOB] of a fork-join job: explain row blocks, or fill the leaf tables of tree blocks. */
export const JOB = 0;
export const EXPLAIN_ROWS = 0;
export const FILL_TABLES = 1;

/** What crosses to the helper; `columns`, `rows`, `values` and `tables` sit on SharedArrayBuffers there. */
export interface TreeShapBlockInit {
  ensemble: TreeEnsemble;
  columns: Float64Array[];
  /** explained rows (indices into columns), or null for all rows */
  rows: Int32Array | null;
  nRows: number;
  values: Float64Array;
  depths: Int32Array;
  classic: boolean;
  /** trees with tables are explained from them, the others by the classic or quadrature kernel */
  tables: LeafTables | null;
}

export interface TreeShapBlockState extends TreeShapBlockInit {
  phiOffsets: Int32Array[];
  treeScales: Float64Array[];
  /** one row of the block each: x and its phi (all outputs), views of xBlock and phiBlock */
  xs: Float64Array[];
  phis: Float64Array[];
  phiBlock: Float64Array;
  /** the block's rows column by column: feature f of row i at f * SHAP_ROW_BLOCK + i */
  xT: Float64Array;
  cold: Int32Array;
  rowAt: Int32Array;
  classicKernel: ClassicTreeShap | null;
  quadrature: QuadratureTreeShap | null;
}

/** `scales[k]`: the output scale of output k (outputScales of the ensemble). */
export function createTreeShapState(init: TreeShapBlockInit, scales: Float64Array): TreeShapBlockState {
  const { ensemble, depths, tables } = init;
  const { trees, nOutputs, nFeatures: m } = ensemble;
  const outputOf = (t: number, v: number) => (trees[t].nValues === 1 ? ensemble.treeOutput[t] : v);
  let maxDepth = 0;
  for (let t = 0; t < depths.length; t++) maxDepth = Math.max(maxDepth, depths[t]);
  const maxValues = Math.max(1, ...trees.map((t) => t.nValues));
  const xBuffer = new Float64Array(SHAP_ROW_BLOCK * m);
  const phiBuffer = new Float64Array(SHAP_ROW_BLOCK * nOutputs * m);
  const untabled = !tables || tables.tabled.some((on) => on === 0);
  return {
    ...init,
    // per tree: where each value slot's contributions go in the row's phi buffer, and its scale
    phiOffsets: trees.map((tree, t) => Int32Array.from({ length: tree.nValues }, (_, v) => outputOf(t, v) * m)),
    treeScales: trees.map((tree, t) => Float64Array.from({ length: tree.nValues }, (_, v) => scales[outputOf(t, v)])),
    xs: Array.from({ length: SHAP_ROW_BLOCK }, (_, i) => xBuffer.subarray(i * m, (i + 1) * m)),
    phis: Array.from({ length: SHAP_ROW_BLOCK }, (_, i) => phiBuffer.subarray(i * nOutputs * m, (i + 1) * nOutputs * m)),
    phiBlock: phiBuffer,
    xT: new Float64Array(SHAP_ROW_BLOCK * m),
    cold: new Int32Array(tables ? tables.maxSlots * SHAP_ROW_BLOCK : 1),
    rowAt: new Int32Array(SHAP_ROW_BLOCK),
    classicKernel: init.classic && untabled ? new ClassicTreeShap(maxDepth, maxValues) : null,
    quadrature: !init.classic && untabled ? new QuadratureTreeShap(maxDepth, maxValues, m) : null,
  };
}

/** Explains rows r0..r1-1 (at most SHAP_ROW_BLOCK) of the explained set into state.values. */
export function explainRows(state: TreeShapBlockState, r0: number, r1: number): void {
  const { ensemble, columns, rows, nRows, values, depths, tables, phiOffsets, treeScales, xs, phis, phiBlock, xT, cold, rowAt, classicKernel, quadrature } = state;
  const { trees, nOutputs, nFeatures: m } = ensemble;
  const strict = ensemble.splitRule === 'lt_f32';
  const n = r1 - r0;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    loadRow(columns, rows ? rows[r0 + i] : r0 + i, ensemble.splitRule, x);
    for (let j = 0; j < m; j++) xT[j * SHAP_ROW_BLOCK + i] = x[j];
  }
  phiBlock.fill(0);
  for (let t = 0; t < trees.length; t++) {
    const tree = trees[t];
    if (tables && tables.tabled[t]) {
      explainTreeFromTables(tables, t, xT, n, SHAP_ROW_BLOCK, strict, phiBlock, nOutputs * m, phiOffsets[t], tree.nValues, cold, rowAt);
    } else if (classicKernel) {
      for (let i = 0; i < n; i++) classicKernel.explainTree(tree, xs[i], strict, phis[i], phiOffsets[t], treeScales[t]);
    } else {
      for (let i = 0; i < n; i++) quadrature!.explainTree(tree, depths[t], xs[i], strict, phis[i], phiOffsets[t], treeScales[t]);
    }
  }
  for (let i = 0; i < n; i++) {
    const phi = phis[i];
    for (let k = 0; k < nOutputs; k++) {
      const dst = (k * nRows + r0 + i) * m;
      for (let j = 0; j < m; j++) values[dst + j] = phi[k * m + j];
    }
  }
}

/** Explains every row on this thread, block by block. */
export function explainAllRows(state: TreeShapBlockState): void {
  for (let r = 0; r < state.nRows; r += SHAP_ROW_BLOCK) explainRows(state, r, Math.min(state.nRows, r + SHAP_ROW_BLOCK));
}

// The fork-join kernel: the helper gets the output scales inside its init.
export function createBlockState(init: TreeShapBlockInit & { scales: Float64Array }): TreeShapBlockState {
  return createTreeShapState(init, init.scales);
}

export function updateBlockState(): void {
  // nothing changes while rows are explained
}

export function runBlock(state: TreeShapBlockState, params: Float64Array, block: number): void {
  if (params[JOB] === FILL_TABLES) {
    fillLeafTables(state.tables!, block * SHAP_TREE_BLOCK, Math.min(state.ensemble.trees.length, (block + 1) * SHAP_TREE_BLOCK));
    return;
  }
  explainRows(state, block * SHAP_ROW_BLOCK, Math.min(state.nRows, (block + 1) * SHAP_ROW_BLOCK));
}
