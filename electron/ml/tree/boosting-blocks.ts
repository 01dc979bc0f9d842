// The per-feature-block work of growing one boosting tree (boosting-tree.ts): build the smaller child's
// histogram, derive the larger one's by subtraction, and find each child's best split — for one block of features.
// Run by the fit's thread and the fork-join helper on shared buffers; each block is done by one thread, so the
// sums and the chosen split are the same for any thread count.

import { MISSING_BIN as MISSING_BIN_INDEX } from './binning.js';
import { addToHistogramFeatures, HIST_BINS, HIST_STRIDE } from './gradient-histogram.js';

const MISSING_BIN = MISSING_BIN_INDEX;
const NBINS = HIST_BINS;
const STRIDE = HIST_STRIDE;
export const MIN_HESSIAN_TO_SPLIT = 1e-3;

/** Fields of one block's best split in `results` (per block two slots: the job's first and second node). */
export const SPLIT_FIELDS = 8;
export const SPLIT_GAIN = 0;
export const SPLIT_FEATURE = 1;
export const SPLIT_BIN = 2;
export const SPLIT_MISSING_LEFT = 3;
export const SPLIT_SAW_MISSING = 4;
export const SPLIT_LEFT_G = 5;
export const SPLIT_LEFT_H = 6;
export const SPLIT_LEFT_COUNT = 7;

/** Job parameters (ForkJoinContext.params). Node A is found when its hist id >= 0, node B likewise. */
export const P_HAS_HESSIAN = 0;
/** rows null (root: all rows, gradients in row order) when 0 */
export const P_USE_ROWS = 1;
export const P_START = 2;
export const P_COUNT = 3;
/** histogram to build from the rows */
export const P_BUILD_HIST = 4;
/** histogram to subtract the built one from (in place), or -1 */
export const P_SUBTRACT_HIST = 5;
/** node A: hist id, gradient sum, hessian sum, row count; node B from P_NODE_B */
export const P_NODE_A = 8;
export const P_NODE_B = 12;

/** What crosses to the helper once per fit; every typed array is on a SharedArrayBuffer. */
export interface BoostingBlockInit {
  n: number;
  bins: Uint8Array;
  binsNonMissing: Int32Array;
  rows: Int32Array;
  orderedG: Float64Array;
  orderedH: Float64Array;
  results: Float64Array;
  /** block b covers features blockStart[b] .. blockStart[b + 1] - 1 */
  blockStart: Int32Array;
  minSamplesLeaf: number;
  l2: number;
}

/** A histogram buffer (SharedArrayBuffer) registered under an id. */
export interface BoostingBlockPatch {
  hist: number;
  buffer: Float64Array;
}

export interface BoostingBlockState extends BoostingBlockInit {
  columns: Uint8Array[];
  hists: Float64Array[];
}

export function createBlockState(init: BoostingBlockInit): BoostingBlockState {
  const F = init.binsNonMissing.length;
  const columns = Array.from({ length: F }, (_, f) => init.bins.subarray(f * init.n, (f + 1) * init.n));
  return { ...init, columns, hists: [] };
}

export function updateBlockState(state: BoostingBlockState, patch: BoostingBlockPatch): void {
  state.hists[patch.hist] = patch.buffer;
}

/** Feature blocks of four (the histogram kernel's unit), the last four split in two when that evens the count. */
export function featureBlocks(F: number): Int32Array {
  const sizes: number[] = [];
  for (let f = 0; f < F; f += 4) sizes.push(Math.min(4, F - f));
  if (sizes.length > 1 && sizes.length % 2 === 1) {
    const last = sizes.findLastIndex((s) => s === 4);
    if (last >= 0) sizes.splice(last, 1, 2, 2);
  }
  const start = new Int32Array(sizes.length + 1);
  for (let b = 0; b < sizes.length; b++) start[b + 1] = start[b] + sizes[b];
  return start;
}

export function runBlock(state: BoostingBlockState, params: Float64Array, block: number): void {
  const f0 = state.blockStart[block];
  const f1 = state.blockStart[block + 1];
  const built = state.hists[params[P_BUILD_HIST]];
  const hasH = params[P_HAS_HESSIAN] !== 0;
  const useRows = params[P_USE_ROWS] !== 0;
  const size = NBINS * STRIDE;
  built.fill(0, f0 * size, f1 * size);
  addToHistogramFeatures(built, state.columns, f0, f1, useRows ? state.rows : null, params[P_START], params[P_COUNT], state.orderedG, hasH ? state.orderedH : null);
  const sub = params[P_SUBTRACT_HIST];
  if (sub >= 0) {
    const parent = state.hists[sub];
    for (let i = f0 * size, end = f1 * size; i < end; i++) parent[i] -= built[i];
  }
  for (let node = 0; node < 2; node++) {
    const p = node === 0 ? P_NODE_A : P_NODE_B;
    const out = (block * 2 + node) * SPLIT_FIELDS;
    state.results[out + SPLIT_GAIN] = 0;
    const hist = params[p];
    if (hist >= 0) findSplitInBlock(state, state.hists[hist], params[p + 1], params[p + 2], params[p + 3], f0, f1, out);
  }
}

/** Best split over features f0..f1-1 (ties keep the first feature and bin, as a sequential scan would). */
function findSplitInBlock(state: BoostingBlockState, hist: Float64Array, G: number, H: number, count: number, f0: number, f1: number, out: number): void {
  const { minSamplesLeaf, l2, binsNonMissing, results } = state;
  const parentTerm = (G * G) / (H + l2);
  let bestGain = 0;
  for (let f = f0; f < f1; f++) {
    const base = f * NBINS * STRIDE;
    const nb = binsNonMissing[f];
    const mo = base + MISSING_BIN * STRIDE;
    const missingCount = hist[mo + 2];
    const sawMissing = missingCount > 0;
    // missing rows go right; with missing rows, the last bin boundary sends all non-missing rows left
    let gL = 0;
    let hL = 0;
    let cL = 0;
    const last = sawMissing ? nb : nb - 1;
    for (let b = 0; b < last; b++) {
      const o = base + b * STRIDE;
      gL += hist[o];
      hL += hist[o + 1];
      cL += hist[o + 2];
      const cR = count - cL;
      if (cL < minSamplesLeaf) continue;
      if (cR < minSamplesLeaf) break;
      const hR = H - hL;
      if (hL < MIN_HESSIAN_TO_SPLIT) continue;
      if (hR < MIN_HESSIAN_TO_SPLIT) break;
      const gR = G - gL;
      const gain = (gL * gL) / (hL + l2) + (gR * gR) / (hR + l2) - parentTerm;
      if (gain > bestGain) {
        bestGain = gain;
        keep(results, out, gain, f, b, false, sawMissing, gL, hL, cL);
      }
    }
    if (!sawMissing) continue;
    // missing rows go left: scan from the right
    let gR = 0;
    let hR = 0;
    let cR = 0;
    for (let b = nb - 2; b >= 0; b--) {
      const o = base + (b + 1) * STRIDE;
      gR += hist[o];
      hR += hist[o + 1];
      cR += hist[o + 2];
      const cLm = count - cR;
      if (cR < minSamplesLeaf) continue;
      if (cLm < minSamplesLeaf) break;
      const hLm = H - hR;
      if (hR < MIN_HESSIAN_TO_SPLIT) continue;
      if (hLm < MIN_HESSIAN_TO_SPLIT) break;
      const gLm = G - gR;
      const gain = (gLm * gLm) / (hLm + l2) + (gR * gR) / (hR + l2) - parentTerm;
      if (gain > bestGain) {
        bestGain = gain;
        keep(results, out, gain, f, b, true, true, gLm, hLm, cLm);
      }
    }
  }
}

function keep(r: Float64Array, o: number, gain: number, f: number, bin: number, missingLeft: boolean, sawMissing: boolean, gL: number, hL: number, cL: number): void {
  r[o + SPLIT_GAIN] = gain;
  r[o + SPLIT_FEATURE] = f;
  r[o + SPLIT_BIN] = bin;
  r[o + SPLIT_MISSING_LEFT] = missingLeft ? 1 : 0;
  r[o + SPLIT_SAW_MISSING] = sawMissing ? 1 : 0;
  r[o + SPLIT_LEFT_G] = gL;
  r[o + SPLIT_LEFT_H] = hL;
  r[o + SPLIT_LEFT_COUNT] = cL;
}
