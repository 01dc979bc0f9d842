// One random-forest tree per block: bootstrap from the tree's own seed, then grow on the shared binned data.
// Run by the fit's thread and the fork-join helper; a tree depends only on its seed, so the forest is the same
// for any thread count.

import { Random } from '../random.js';
import type { BinnedColumns } from './binning.js';
import { HistogramTreeGrower, type HistogramTreeSettings } from './histogram-tree.js';
import type { Tree } from './types.js';

/** Job parameter: the index of the job's first tree (block b grows tree first + b). */
export const P_FIRST_TREE = 0;

/** What crosses to the helper once per fit; typed arrays on SharedArrayBuffers. */
export interface ForestBlockInit {
  binned: BinnedColumns;
  labels: Int32Array | null;
  targets: Float64Array | null;
  nClasses: number;
  settings: HistogramTreeSettings;
  bootstrap: boolean;
  /** per tree, the seed of its generator */
  seeds: Float64Array;
}

export interface ForestBlockState {
  init: ForestBlockInit;
  grower: HistogramTreeGrower;
  counts: Int32Array;
  weights: Float64Array;
}

export function createBlockState(init: ForestBlockInit): ForestBlockState {
  const { binned, labels, targets, nClasses, settings } = init;
  const n = binned.nRows;
  return { init, grower: new HistogramTreeGrower({ binned, labels, targets, nClasses }, settings), counts: new Int32Array(n), weights: new Float64Array(n) };
}

export function updateBlockState(): void {
  // nothing changes during a forest fit
}

export function runBlock(state: ForestBlockState, params: Float64Array, block: number): Tree {
  const { init, grower, counts, weights } = state;
  const n = init.binned.nRows;
  const treeRng = new Random(init.seeds[params[P_FIRST_TREE] + block]);
  let rows: Int32Array;
  if (init.bootstrap) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[treeRng.int(n)]++;
    let used = 0;
    for (let i = 0; i < n; i++) if (counts[i] > 0) used++;
    rows = new Int32Array(used);
    used = 0;
    for (let i = 0; i < n; i++) {
      weights[i] = counts[i];
      if (counts[i] > 0) rows[used++] = i;
    }
  } else {
    rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = i;
    weights.fill(1);
  }
  return grower.grow(rows, weights, treeRng, { seed: 0 });
}
