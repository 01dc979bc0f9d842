// Brute-force kNN for one block of queries (neighbors.ts): the fork-join kernel, run by the calling thread or the
// helper. Training rows stream past the block in blocks, in increasing index, and each query keeps its k best in
// a bounded max-heap ranked by the squared distance summed over the columns in order (the reference form).
//
// Screening (the usual case, `screen` set): the squared distance of a pair is first estimated GEMM-style as
// ‖q‖² + ‖t‖² − 2 q·t, dot products computed for 2 queries × 4 training rows at a time from registers. Only a
// row whose estimate minus a rounding bound is within the query's current k-th best gets its exact distance
// (the reference form) computed and compared, so results are exactly those of the reference: the bound covers
// the rounding of both forms (see SCREEN_SLACK). Without screening (values that could overflow or underflow in
// the estimate) every pair is summed exactly, stopping once the partial sum exceeds the k-th best.

import { heapPush, heapReplaceTop, heapToSorted } from './heap.js';

/** Queries per block: a block of queries stays in cache while a block of training rows streams past it. */
export const QUERY_BLOCK = 32;
/** Training rows per block: 2048 × 8-byte values × dims stays within L2 for the dimensions brute force sees. */
const TRAIN_BLOCK = 2048;
/** Compare the partial sum with the k-th best distance every this many columns (exact path). */
const PARTIAL_STEP = 4;

/**
 * Relative slack of the screen per column, times (‖q‖² + ‖t‖²). Both the estimate and the reference sum round
 * by at most about (2 dims + 7) units of 2^-53 of ‖q‖² + ‖t‖² each (Higham's bounds for sums and dot products;
 * the reference's squared differences never exceed 2(‖q‖² + ‖t‖²)); the slack is four times their total. Values
 * are kept within [1e-150, 1e150] (or 0) by `canScreen`, so no product overflows or underflows.
 */
export function screenSlack(dims: number): number {
  return (dims + 8) * 2 ** -49;
}

/** The estimate is safe when every value is 0 or of a magnitude within [1e-150, 1e150]. */
export function canScreen(values: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const a = Math.abs(values[i]);
    if (a !== 0 && !(a >= 1e-150 && a <= 1e150)) return false;
  }
  return true;
}

/** ‖t‖² (1 − slack) per row: the training side of the screen, computed once per search. */
export function screenNorms(train: Float64Array, nTrain: number, dims: number, out: Float64Array): void {
  const keep = 1 - screenSlack(dims);
  for (let t = 0; t < nTrain; t++) out[t] = squaredNorm(train, t * dims, dims) * keep;
}

function squaredNorm(values: Float64Array, off: number, dims: number): number {
  let s = 0;
  for (let c = 0; c < dims; c++) s += values[off + c] * values[off + c];
  return s;
}

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
  /** screenNorms of the training rows when the screen is safe (canScreen of both sides); empty otherwise */
  trainScreen: Float64Array;
}

export interface BruteForceState extends BruteForceInit {
  /** one heap per query of the block being searched (this thread's scratch) */
  heapD: Float64Array;
  heapI: Int32Array;
  size: Int32Array;
  /** ‖q‖² (1 − slack) per query of the block */
  queryScreen: Float64Array;
}

export function createBruteForceState(init: BruteForceInit): BruteForceState {
  return {
    ...init,
    heapD: new Float64Array(QUERY_BLOCK * init.k),
    heapI: new Int32Array(QUERY_BLOCK * init.k),
    size: new Int32Array(QUERY_BLOCK),
    queryScreen: new Float64Array(QUERY_BLOCK),
  };
}

/** Finds the k nearest training rows of queries block * QUERY_BLOCK .. (block + 1) * QUERY_BLOCK - 1. */
export function searchQueryBlock(state: BruteForceState, block: number): void {
  const q0 = block * QUERY_BLOCK;
  const q1 = Math.min(state.nQueries, q0 + QUERY_BLOCK);
  if (state.trainScreen.length === state.nTrain) searchScreened(state, q0, q1);
  else searchPartial(state, q0, q1);
  const k = state.k;
  for (let q = q0; q < q1; q++) heapToSorted(state.heapD, state.heapI, (q - q0) * k, k, state.index, state.distance, q * k);
}

/** The reference squared distance of query row `qoff` and training row `toff`: differences squared, summed in column order. */
function exactDistance(queries: Float64Array, qoff: number, train: Float64Array, toff: number, dims: number): number {
  let s = 0;
  for (let c = 0; c < dims; c++) {
    const diff = queries[qoff + c] - train[toff + c];
    s += diff * diff;
  }
  return s;
}

/**
 * Offers training row t to query q's full heap (at h); returns the query's new screen limit, the k-th best
 * minus ‖q‖² (1 − slack). Rows arrive in increasing index, so an equal distance never displaces an earlier row.
 */
function offer(state: BruteForceState, q: number, h: number, t: number, qScreen: number): number {
  const { heapD, heapI, k, dims } = state;
  const s = exactDistance(state.queries, q * state.dims, state.train, t * dims, dims);
  if (s < heapD[h]) heapReplaceTop(heapD, heapI, h, k, s, t);
  return heapD[h] - qScreen;
}

/** Fills each query's heap with training rows 0..k-1, exactly. */
function fillHeaps(state: BruteForceState, q0: number, q1: number): void {
  const { train, queries, dims, k, heapD, heapI } = state;
  for (let q = q0; q < q1; q++) {
    const h = (q - q0) * k;
    for (let t = 0; t < k; t++) heapPush(heapD, heapI, h, t, exactDistance(queries, q * dims, train, t * dims, dims), t);
  }
}

function searchScreened(state: BruteForceState, q0: number, q1: number): void {
  const { train, queries, nTrain, dims, k, heapD, trainScreen, queryScreen } = state;
  const keep = 1 - screenSlack(dims);
  for (let q = q0; q < q1; q++) queryScreen[q - q0] = squaredNorm(queries, q * dims, dims) * keep;
  fillHeaps(state, q0, q1);
  for (let t0 = k; t0 < nTrain; t0 += TRAIN_BLOCK) {
    const t1 = Math.min(nTrain, t0 + TRAIN_BLOCK);
    const t4 = t0 + ((t1 - t0) & ~3);
    for (let qa = q0; qa < q1; qa += 2) {
      // an odd last query is paired with itself, its second copy never passing the screen (limit −∞)
      const two = qa + 1 < q1;
      const qb = two ? qa + 1 : qa;
      const ha = (qa - q0) * k;
      const hb = (qb - q0) * k;
      const sa = queryScreen[qa - q0];
      const sb = queryScreen[qb - q0];
      let limA = heapD[ha] - sa;
      let limB = two ? heapD[hb] - sb : -Infinity;
      const a = qa * dims;
      const b = qb * dims;
      for (let t = t0; t < t4; t += 4) {
        const r0 = t * dims;
        const r1 = r0 + dims;
        const r2 = r1 + dims;
        const r3 = r2 + dims;
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        let b0 = 0;
        let b1 = 0;
        let b2 = 0;
        let b3 = 0;
        for (let c = 0; c < dims; c++) {
          const x = queries[a + c];
          const y = queries[b + c];
          const v0 = train[r0 + c];
          const v1 = train[r1 + c];
          const v2 = train[r2 + c];
          const v3 = train[r3 + c];
          a0 += x * v0;
          a1 += x * v1;
          a2 += x * v2;
          a3 += x * v3;
          b0 += y * v0;
          b1 += y * v1;
          b2 += y * v2;
          b3 += y * v3;
        }
        const n0 = trainScreen[t];
        const n1 = trainScreen[t + 1];
        const n2 = trainScreen[t + 2];
        const n3 = trainScreen[t + 3];
        // the estimate minus slack, ‖q‖²(1−slack) + ‖t‖²(1−slack) − 2 q·t, against the k-th best
        if (n0 - 2 * a0 <= limA) limA = offer(state, qa, ha, t, sa);
        if (n1 - 2 * a1 <= limA) limA = offer(state, qa, ha, t + 1, sa);
        if (n2 - 2 * a2 <= limA) limA = offer(state, qa, ha, t + 2, sa);
        if (n3 - 2 * a3 <= limA) limA = offer(state, qa, ha, t + 3, sa);
        if (n0 - 2 * b0 <= limB) limB = offer(state, qb, hb, t, sb);
        if (n1 - 2 * b1 <= limB) limB = offer(state, qb, hb, t + 1, sb);
        if (n2 - 2 * b2 <= limB) limB = offer(state, qb, hb, t + 2, sb);
        if (n3 - 2 * b3 <= limB) limB = offer(state, qb, hb, t + 3, sb);
      }
      for (let t = t4; t < t1; t++) {
        offer(state, qa, ha, t, sa);
        if (two) offer(state, qb, hb, t, sb);
      }
    }
  }
}

function searchPartial(state: BruteForceState, q0: number, q1: number): void {
  const { train, queries, nTrain, dims, k, heapD, heapI } = state;
  fillHeaps(state, q0, q1);
  for (let t0 = k; t0 < nTrain; t0 += TRAIN_BLOCK) {
    const t1 = Math.min(nTrain, t0 + TRAIN_BLOCK);
    for (let q = q0; q < q1; q++) {
      const qoff = q * dims;
      const h = (q - q0) * k;
      let worst = heapD[h];
      for (let t = t0; t < t1; t++) {
        const toff = t * dims;
        let s = 0;
        let c = 0;
        // sums of non-negative terms only grow, also in floating point: past the k-th best a row cannot enter
        while (c < dims) {
          const stop = c + PARTIAL_STEP < dims ? c + PARTIAL_STEP : dims;
          for (; c < stop; c++) {
            const diff = queries[qoff + c] - train[toff + c];
            s += diff * diff;
          }
          if (s > worst) break;
        }
        if (s < worst) {
          heapReplaceTop(heapD, heapI, h, k, s, t);
          worst = heapD[h];
        }
      }
    }
  }
}

// the fork-join kernel interface (parallel/fork-join.ts)
export const createBlockState = createBruteForceState;

export function updateBlockState(): void {
  // the inputs never change during a search
}

export function runBlock(state: BruteForceState, _params: Float64Array, block: number): void {
  searchQueryBlock(state, block);
}
