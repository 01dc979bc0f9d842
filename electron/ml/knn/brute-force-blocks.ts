// Brute-force kNN for one block of queries (neighbors.ts): the fork-join kernel, run by the calling thread or the
// helper. Training rows stream past the block in blocks; the squared distance of a pair stops being summed as
// soon as its partial sum exceeds the query's current k-th best (sums of non-negative terms only grow, also in
// floating point, so such a row could never enter the k best).

import { heapPush, heapReplaceTop, heapToSorted } from './heap.js';

/** Queries per block: a block of queries stays in cache while a block of training rows streams past it. */
export const QUERY_BLOCK = 32;
/** Training rows per block: 2048 × 8-byte values × dims stays within L2 for the dimensions brute force sees. */
const TRAIN_BLOCK = 2048;
/** Compare the partial sum with the k-th best distance every this many columns. */
const PARTIAL_STEP = 4;

/** Row-major inputs and the query-major outputs; on SharedArrayBuffers when the helper takes part. */
export interface BruteForceInit {
  train: Float64Array;
  queries: Float64Array;
  nTrain: number;
  nQueries: number;
  dims: number;
  k: number;
  index: Int32Array;
  distance: Float64Array;
}

export interface BruteForceState extends BruteForceInit {
  /** one heap per query of the block being searched (this thread's scratch) */
  heapD: Float64Array;
  heapI: Int32Array;
  size: Int32Array;
}

export function createBruteForceState(init: BruteForceInit): BruteForceState {
  return { ...init, heapD: new Float64Array(QUERY_BLOCK * init.k), heapI: new Int32Array(QUERY_BLOCK * init.k), size: new Int32Array(QUERY_BLOCK) };
}

/** Finds the k nearest training rows of queries block * QUERY_BLOCK .. (block + 1) * QUERY_BLOCK - 1. */
export function searchQueryBlock(state: BruteForceState, block: number): void {
  const { train, queries, nTrain, nQueries, dims, k, heapD, heapI, size } = state;
  const q0 = block * QUERY_BLOCK;
  const q1 = Math.min(nQueries, q0 + QUERY_BLOCK);
  size.fill(0);
  for (let t0 = 0; t0 < nTrain; t0 += TRAIN_BLOCK) {
    const t1 = Math.min(nTrain, t0 + TRAIN_BLOCK);
    for (let q = q0; q < q1; q++) {
      const qoff = q * dims;
      const h = (q - q0) * k;
      let filled = size[q - q0];
      let t = t0;
      // fill the heap with the first k rows
      for (; t < t1 && filled < k; t++) {
        const toff = t * dims;
        let s = 0;
        for (let c = 0; c < dims; c++) {
          const diff = queries[qoff + c] - train[toff + c];
          s += diff * diff;
        }
        heapPush(heapD, heapI, h, filled, s, t);
        filled++;
      }
      size[q - q0] = filled;
      let worst = heapD[h];
      for (; t < t1; t++) {
        const toff = t * dims;
        let s = 0;
        let c = 0;
        while (c < dims) {
          const stop = c + PARTIAL_STEP < dims ? c + PARTIAL_STEP : dims;
          for (; c < stop; c++) {
            const diff = queries[qoff + c] - train[toff + c];
            s += diff * diff;
          }
          if (s > worst) break;
        }
        // Training rows arrive in increasing index, so an equal distance never displaces an earlier row.
        if (s < worst) {
          heapReplaceTop(heapD, heapI, h, k, s, t);
          worst = heapD[h];
        }
      }
    }
  }
  for (let q = q0; q < q1; q++) heapToSorted(heapD, heapI, (q - q0) * k, k, state.index, state.distance, q * k);
}

// the fork-join kernel interface (parallel/fork-join.ts)
export const createBlockState = createBruteForceState;

export function updateBlockState(): void {
  // the inputs never change during a search
}

export function runBlock(state: BruteForceState, _params: Float64Array, block: number): void {
  searchQueryBlock(state, block);
}
