// Exact k-nearest-neighbour search over row-major Float64Array blocks, like scikit-learn's
// algorithm='auto': a KD-tree at low dimension (<= KD_TREE_MAX_DIMS encoded columns), blocked brute
// force with partial distances above. Both give exactly the same neighbours: the squared distance of
// a pair is always summed over the columns in order 0..dims-1, and rows are ranked by
// (squared distance, training index), so ties go to the lower training index and results never
// depend on anything but the data.

import { defaultThreads, openForkJoin } from '../parallel/fork-join.js';
import * as bruteForceBlocks from './brute-force-blocks.js';
import { canScreen, createBruteForceState, QUERY_BLOCK, screenNorms, searchQueryBlock } from './brute-force-blocks.js';
import { heapPush, heapReplaceTop, heapToSorted } from './heap.js';

export interface Neighbors {
  k: number;
  /** query-major: the j-th nearest training row of query q is index[q * k + j] */
  index: Int32Array;
  /** Euclidean distances in the same layout, ascending per query */
  distance: Float64Array;
}

/** Up to this many columns the KD-tree prunes well; above, brute force wins (scikit-learn's threshold too). */
export const KD_TREE_MAX_DIMS = 15;
/** Training rows per KD-tree leaf. */
const LEAF_SIZE = 24;

/** KD-tree over training rows, all in typed arrays (built once per model and cached by the caller). */
export interface KdTree {
  dims: number;
  /** training rows in tree order, row-major */
  data: Float64Array;
  /** original training index of each row of `data` */
  rowIndex: Int32Array;
  /** per node: first and one-past-last row of `data`, children (-1 at a leaf) */
  start: Int32Array;
  end: Int32Array;
  left: Int32Array;
  right: Int32Array;
  /** per node: bounding box, nodes × dims row-major */
  lower: Float64Array;
  upper: Float64Array;
}

export function nearestNeighbors(train: Float64Array, nTrain: number, queries: Float64Array, nQueries: number, dims: number, k: number, tree?: KdTree): Neighbors {
  checkK(k, nTrain);
  // non-finite values (an infinite feature) make distances NaN: only brute force orders those as it always has
  if (dims <= KD_TREE_MAX_DIMS && allFinite(queries, nQueries * dims) && (tree || allFinite(train, nTrain * dims))) {
    return kdTreeNeighbors(tree ?? buildKdTree(train, nTrain, dims), queries, nQueries, k);
  }
  return bruteForceNeighbors(train, nTrain, queries, nQueries, dims, k);
}

function allFinite(values: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

function checkK(k: number, nTrain: number): void {
  if (!(k >= 1 && k <= nTrain) || !Number.isInteger(k)) throw new RangeError(`k = ${k} must be between 1 and the ${nTrain} training rows`);
}

/**
 * Blocked brute force: query blocks × training blocks, each query block computed by one thread (the caller or
 * the fork-join helper) with the same code, so the result never depends on the thread count. Pairs are screened
 * by a GEMM-style estimate of their distance and only rows that may enter a query's k best are summed exactly
 * (brute-force-blocks.ts); values too large or too small for the estimate's rounding bound skip the screen.
 */
export function bruteForceNeighbors(
  train: Float64Array,
  nTrain: number,
  queries: Float64Array,
  nQueries: number,
  dims: number,
  k: number,
  threads: number = defaultThreads(),
): Neighbors {
  checkK(k, nTrain);
  const nBlocks = Math.ceil(nQueries / QUERY_BLOCK);
  // sharing pays once a block's work (QUERY_BLOCK × nTrain pairs) dwarfs a hand-over, and there are blocks to share
  const shared = threads >= 2 && nBlocks >= 4 && nTrain * dims >= SHARE_MIN_TRAIN_VALUES;
  const alloc = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const index = new Int32Array(alloc(4 * nQueries * k));
  const distance = new Float64Array(alloc(8 * nQueries * k));
  const screened = canScreen(train, nTrain * dims) && canScreen(queries, nQueries * dims);
  const trainScreen = new Float64Array(alloc(screened ? 8 * nTrain : 0));
  if (screened) screenNorms(train, nTrain, dims, trainScreen);
  if (!shared) {
    const state = createBruteForceState({ train, queries, nTrain, nQueries, dims, k, index, distance, trainScreen });
    for (let b = 0; b < nBlocks; b++) searchQueryBlock(state, b);
    return { k, index, distance };
  }
  const onShared = (values: Float64Array, n: number) => {
    const out = new Float64Array(new SharedArrayBuffer(8 * n));
    out.set(values.subarray(0, n));
    return out;
  };
  const jobs = openForkJoin(BRUTE_FORCE_BLOCKS_URL, bruteForceBlocks, {
    train: onShared(train, nTrain * dims),
    queries: onShared(queries, nQueries * dims),
    nTrain,
    nQueries,
    dims,
    k,
    index,
    distance,
    trainScreen,
  }, threads);
  try {
    jobs.run(nBlocks);
  } finally {
    jobs.close();
  }
  return { k, index, distance };
}

/** the kernel module the fork-join helper loads */
export const BRUTE_FORCE_BLOCKS_URL = new URL('./brute-force-blocks.ts', import.meta.url).href;
/** Below this many training values (rows × columns) the brute force stays on the calling thread. */
const SHARE_MIN_TRAIN_VALUES = 200_000;

// ---------------------------------------------------------------------------------------------
// KD-tree: nodes split at the median of their widest column, leaves of at most LEAF_SIZE rows,
// each node with its bounding box. A query descends nearer child first and skips a node whose box is
// farther (squared, summed over the columns in order) than its current k-th best. That bound is never
// above the distance of any row inside the box as computed here: each column's term is rounded
// monotonically and the terms are summed in the same order, so pruning is exact.

export function buildKdTree(train: Float64Array, nTrain: number, dims: number): KdTree {
  const perm = new Int32Array(nTrain);
  for (let i = 0; i < nTrain; i++) perm[i] = i;
  // a complete binary split down to LEAF_SIZE rows needs fewer than 2 * nTrain / (LEAF_SIZE / 2) nodes
  const maxNodes = Math.max(1, 2 * Math.ceil((2 * nTrain) / LEAF_SIZE) + 1);
  const start = new Int32Array(maxNodes);
  const end = new Int32Array(maxNodes);
  const left = new Int32Array(maxNodes).fill(-1);
  const right = new Int32Array(maxNodes).fill(-1);
  const lower = new Float64Array(maxNodes * dims);
  const upper = new Float64Array(maxNodes * dims);
  let nodes = 0;
  // explicit stack of nodes still to split
  const stack = new Int32Array(maxNodes);
  let top = 0;
  start[0] = 0;
  end[0] = nTrain;
  nodes = 1;
  stack[top++] = 0;
  while (top > 0) {
    const node = stack[--top];
    const s = start[node];
    const e = end[node];
    const lo = node * dims;
    for (let c = 0; c < dims; c++) {
      lower[lo + c] = Infinity;
      upper[lo + c] = -Infinity;
    }
    for (let i = s; i < e; i++) {
      const off = perm[i] * dims;
      for (let c = 0; c < dims; c++) {
        const v = train[off + c];
        if (v < lower[lo + c]) lower[lo + c] = v;
        if (v > upper[lo + c]) upper[lo + c] = v;
      }
    }
    if (e - s <= LEAF_SIZE) continue;
    let dim = 0;
    let spread = -1;
    for (let c = 0; c < dims; c++) {
      const w = upper[lo + c] - lower[lo + c];
      if (w > spread) {
        spread = w;
        dim = c;
      }
    }
    if (!(spread > 0)) continue; // all rows equal: a leaf, however large
    const mid = (s + e) >> 1;
    selectNth(train, dims, dim, perm, s, e - 1, mid);
    const l = nodes++;
    const r = nodes++;
    start[l] = s;
    end[l] = mid;
    start[r] = mid;
    end[r] = e;
    left[node] = l;
    right[node] = r;
    stack[top++] = r;
    stack[top++] = l;
  }
  const data = new Float64Array(nTrain * dims);
  for (let i = 0; i < nTrain; i++) {
    const src = perm[i] * dims;
    for (let c = 0; c < dims; c++) data[i * dims + c] = train[src + c];
  }
  return {
    dims,
    data,
    rowIndex: perm,
    start: start.slice(0, nodes),
    end: end.slice(0, nodes),
    left: left.slice(0, nodes),
    right: right.slice(0, nodes),
    lower: lower.slice(0, nodes * dims),
    upper: upper.slice(0, nodes * dims),
  };
}

/** Quickselect on perm[a..b] by column `dim` so that perm[nth] holds the nth smallest value. */
function selectNth(train: Float64Array, dims: number, dim: number, perm: Int32Array, a: number, b: number, nth: number): void {
  let lo = a;
  let hi = b;
  while (hi > lo) {
    // median of three as pivot
    const m = (lo + hi) >> 1;
    const x = train[perm[lo] * dims + dim];
    const y = train[perm[m] * dims + dim];
    const z = train[perm[hi] * dims + dim];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (train[perm[i] * dims + dim] < pivot) i++;
      while (train[perm[j] * dims + dim] > pivot) j--;
      if (i <= j) {
        const t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
        i++;
        j--;
      }
    }
    if (nth <= j) hi = j;
    else if (nth >= i) lo = i;
    else return;
  }
}

/** Squared distance from query row `qoff` to node's box, summed over the columns in order. */
function boxDistance(tree: KdTree, node: number, queries: Float64Array, qoff: number): number {
  const dims = tree.dims;
  const lower = tree.lower;
  const upper = tree.upper;
  const off = node * dims;
  let s = 0;
  for (let c = 0; c < dims; c++) {
    const v = queries[qoff + c];
    const l = lower[off + c];
    const u = upper[off + c];
    if (v < l) {
      const diff = v - l;
      s += diff * diff;
    } else if (v > u) {
      const diff = v - u;
      s += diff * diff;
    } else {
      s += 0;
    }
  }
  return s;
}

export function kdTreeNeighbors(tree: KdTree, queries: Float64Array, nQueries: number, k: number): Neighbors {
  const nTrain = tree.rowIndex.length;
  checkK(k, nTrain);
  const index = new Int32Array(nQueries * k);
  const distance = new Float64Array(nQueries * k);
  const heapD = new Float64Array(k);
  const heapI = new Int32Array(k);
  // depth-first stack of (node, bound); depth is at most log2(nTrain / LEAF_SIZE) + 1, two entries per level
  const stackNode = new Int32Array(2 * 64 + 2);
  const stackBound = new Float64Array(2 * 64 + 2);
  const { data, rowIndex, start, end, left, right } = tree;
  const dims = tree.dims;
  for (let q = 0; q < nQueries; q++) {
    const qoff = q * dims;
    let filled = 0;
    let worst = Infinity;
    let worstIndex = 0x7fffffff;
    let top = 0;
    stackNode[top] = 0;
    stackBound[top] = boxDistance(tree, 0, queries, qoff);
    top++;
    while (top > 0) {
      top--;
      const node = stackNode[top];
      if (stackBound[top] > worst) continue;
      const l = left[node];
      if (l < 0) {
        for (let i = start[node], e = end[node]; i < e; i++) {
          const toff = i * dims;
          let s = 0;
          for (let c = 0; c < dims; c++) {
            const diff = queries[qoff + c] - data[toff + c];
            s += diff * diff;
          }
          if (filled < k) {
            heapPush(heapD, heapI, 0, filled, s, rowIndex[i]);
            filled++;
            if (filled === k) {
              worst = heapD[0];
              worstIndex = heapI[0];
            }
          } else if (s < worst || (s === worst && rowIndex[i] < worstIndex)) {
            heapReplaceTop(heapD, heapI, 0, k, s, rowIndex[i]);
            worst = heapD[0];
            worstIndex = heapI[0];
          }
        }
        continue;
      }
      const r = right[node];
      const bl = boxDistance(tree, l, queries, qoff);
      const br = boxDistance(tree, r, queries, qoff);
      // push the farther child first so the nearer one is searched first
      if (bl <= br) {
        if (br <= worst) {
          stackNode[top] = r;
          stackBound[top++] = br;
        }
        if (bl <= worst) {
          stackNode[top] = l;
          stackBound[top++] = bl;
        }
      } else {
        if (bl <= worst) {
          stackNode[top] = l;
          stackBound[top++] = bl;
        }
        if (br <= worst) {
          stackNode[top] = r;
          stackBound[top++] = br;
        }
      }
    }
    heapToSorted(heapD, heapI, 0, k, index, distance, q * k);
  }
  return { k, index, distance };
}
