// TreeSHAP for a block of explained rows (tree-shap.ts): the same per-row kernel whether one thread explains all
// rows or the fit-join helper takes some blocks; rows are independent, so the values are the same either way.

import type { TreeEnsemble } from '../tree/types.js';
import { ClassicTreeShap } from './tree-shap-classic.js';
import { loadRow } from './tree-shap-common.js';
import { QuadratureTreeShap } from './tree-shap-quadrature.js';

/** Explained rows per block when rows are shared between threads. */
export const SHAP_ROW_BLOCK = 32;

/** What crosses to the helper; `columns`, `rows` and `values` sit on SharedArrayBuffers there. */
export interface TreeShapBlockInit {
  ensemble: TreeEnsemble;
  columns: Float64Array[];
  /** explained rows (indices into columns), or null for all rows */
  rows: Int32Array | null;
  nRows: number;
  values: Float64Array;
  depths: Int32Array;
  classic: boolean;
}

export interface TreeShapBlockState extends TreeShapBlockInit {
  maxValues: number;
  phiOffsets: Int32Array[];
  treeScales: Float64Array[];
  x: Float64Array;
  phi: Float64Array;
  classicKernel: ClassicTreeShap | null;
  quadrature: QuadratureTreeShap | null;
}

/** `scales[k]`: the output scale of output k (outputScales of the ensemble). */
export function createTreeShapState(init: TreeShapBlockInit, scales: Float64Array): TreeShapBlockState {
  const { ensemble, depths } = init;
  const { trees, nOutputs, nFeatures: m } = ensemble;
  const outputOf = (t: number, v: number) => (trees[t].nValues === 1 ? ensemble.treeOutput[t] : v);
  let maxDepth = 0;
  for (let t = 0; t < depths.length; t++) maxDepth = Math.max(maxDepth, depths[t]);
  const maxValues = Math.max(1, ...trees.map((t) => t.nValues));
  return {
    ...init,
    maxValues,
    // per tree: where each value slot's contributions go in the row's phi buffer, and its scale
    phiOffsets: trees.map((tree, t) => Int32Array.from({ length: tree.nValues }, (_, v) => outputOf(t, v) * m)),
    treeScales: trees.map((tree, t) => Float64Array.from({ length: tree.nValues }, (_, v) => scales[outputOf(t, v)])),
    x: new Float64Array(m),
    phi: new Float64Array(nOutputs * m),
    classicKernel: init.classic ? new ClassicTreeShap(maxDepth, maxValues) : null,
    quadrature: init.classic ? null : new QuadratureTreeShap(maxDepth, maxValues, m),
  };
}

/** Explains rows r0..r1-1 of the explained set into state.values. */
export function explainRows(state: TreeShapBlockState, r0: number, r1: number): void {
  const { ensemble, columns, rows, nRows, values, depths, phiOffsets, treeScales, x, phi, classicKernel, quadrature } = state;
  const { trees, nOutputs, nFeatures: m } = ensemble;
  const strict = ensemble.splitRule === 'lt_f32';
  for (let r = r0; r < r1; r++) {
    loadRow(columns, rows ? rows[r] : r, ensemble.splitRule, x);
    phi.fill(0);
    for (let t = 0; t < trees.length; t++) {
      if (classicKernel) classicKernel.explainTree(trees[t], x, strict, phi, phiOffsets[t], treeScales[t]);
      else quadrature!.explainTree(trees[t], depths[t], x, strict, phi, phiOffsets[t], treeScales[t]);
    }
    for (let k = 0; k < nOutputs; k++) {
      const dst = (k * nRows + r) * m;
      for (let j = 0; j < m; j++) values[dst + j] = phi[k * m + j];
    }
  }
}

// The fork-join kernel: the helper gets the output scales inside its init.
export function createBlockState(init: TreeShapBlockInit & { scales: Float64Array }): TreeShapBlockState {
  return createTreeShapState(init, init.scales);
}

export function updateBlockState(): void {
  // nothing changes while rows are explained
}

export function runBlock(state: TreeShapBlockState, _params: Float64Array, block: number): void {
  explainRows(state, block * SHAP_ROW_BLOCK, Math.min(state.nRows, (block + 1) * SHAP_ROW_BLOCK));
}
