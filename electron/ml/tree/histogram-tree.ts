// One depth-first CART tree on pre-binned features with row weights (bootstrap counts): the random forest's
// tree. Split candidates are the bin boundaries, so a split costs one histogram pass over the node's rows
// per candidate feature instead of a sort. Thresholds are the real upper edges of the bins.

import { cancelledError } from '../../../shared/errors.js';
import type { Random } from '../random.js';
import type { FitControl } from '../types.js';
import { binThreshold, MISSING_BIN as MISSING_BIN_INDEX, type BinnedColumns } from './binning.js';
import type { Criterion } from './cart.js';
import { GrowingTree } from './growing-tree.js';
import type { Tree } from './types.js';

const EPSILON = 2.220446049250313e-16;
// a module-local copy: hot loops should not read imported bindings
const MISSING_BIN = MISSING_BIN_INDEX;
const NBINS = 256;

export interface HistogramTreeSettings {
  criterion: Criterion;
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  maxFeatures: number;
}

export interface HistogramTreeData {
  binned: BinnedColumns;
  /** class codes (classification) or null */
  labels: Int32Array | null;
  /** target values (regression) or null */
  targets: Float64Array | null;
  nClasses: number;
}

export class HistogramTreeGrower {
  private readonly F: number;
  private readonly columns: Uint8Array[];
  private readonly K: number;
  private readonly V: number;
  // per-bin sums of the feature being scanned: sample count, weight per class (or weight and weighted target)
  private readonly binCount: Float64Array;
  private readonly binStats: Float64Array;
  private readonly occupied: Int32Array;
  private readonly candidates: Int32Array;
  private readonly features: Int32Array;
  private readonly nodeStats: Float64Array;
  private readonly leftStats: Float64Array;
  private nodeWeight = 0;
  private nodeWeightedSum = 0;
  private bestScore = -Infinity;
  private bestFeature = -1;
  private bestBin = -1;
  private bestMissingLeft = false;
  private bestSawMissing = false;

  constructor(
    private readonly data: HistogramTreeData,
    private readonly settings: HistogramTreeSettings,
  ) {
    const { binned } = data;
    this.F = binned.edges.length;
    this.columns = binned.edges.map((_, f) => binned.bins.subarray(f * binned.nRows, (f + 1) * binned.nRows));
    this.K = data.labels ? data.nClasses : 0;
    // statistics per bin: K class weights, or [weight, weighted target sum] for regression
    this.V = data.labels ? this.K : 2;
    this.binCount = new Float64Array(NBINS);
    this.binStats = new Float64Array(NBINS * this.V);
    this.occupied = new Int32Array(NBINS / 32);
    this.candidates = new Int32Array(NBINS);
    this.features = new Int32Array(this.F);
    this.nodeStats = new Float64Array(this.V);
    this.leftStats = new Float64Array(this.V);
  }

  /** Grows one tree on `rows` (reordered in place) with the given row weights. */
  grow(rows: Int32Array, weights: Float64Array, rng: Random, control: FitControl): Tree {
    const classification = this.data.labels !== null;
    const nValues = classification ? this.K : 1;
    const tree = new GrowingTree(nValues, Math.min(2 * rows.length + 1, 1 << 14));
    const { settings } = this;
    for (let f = 0; f < this.F; f++) this.features[f] = f;
    const stack: number[] = [0, rows.length, 0, -1, 0];
    let nodesDone = 0;
    while (stack.length > 0) {
      const isLeft = stack.pop()!;
      const parent = stack.pop()!;
      const depth = stack.pop()!;
      const end = stack.pop()!;
      const start = stack.pop()!;
      if ((++nodesDone & 1023) === 0 && control.isCancelled?.()) throw cancelledError();
      const impurity = this.computeNodeStats(rows, weights, start, end);
      const W = this.nodeWeight;
      const id = tree.addLeaf(W);
      if (parent >= 0) {
        if (isLeft) tree.left[parent] = id;
        else tree.right[parent] = id;
      }
      if (classification) for (let k = 0; k < this.K; k++) tree.value[id * nValues + k] = this.nodeStats[k] / W;
      else tree.value[id] = this.nodeWeightedSum / W;
      const size = end - start;
      if (depth >= settings.maxDepth || size < settings.minSamplesSplit || size < 2 * settings.minSamplesLeaf || impurity <= EPSILON) continue;
      if (!this.findSplit(rows, weights, start, end, rng)) continue;
      const nLeft = this.partition(rows, start, end);
      tree.feature[id] = this.bestFeature;
      tree.threshold[id] = this.bestBin === MISSING_BIN - 1 ? Infinity : binThreshold(this.data.binned.edges[this.bestFeature], this.bestBin);
      // with no missing rows seen here, unseen missing values follow the larger child (as scikit-learn does)
      const missingLeft = this.bestSawMissing ? this.bestMissingLeft : nLeft > size - nLeft;
      tree.missingLeft[id] = missingLeft ? 1 : 0;
      stack.push(start + nLeft, end, depth + 1, id, 0);
      stack.push(start, start + nLeft, depth + 1, id, 1);
    }
    return tree.finish();
  }

  private computeNodeStats(rows: Int32Array, weights: Float64Array, start: number, end: number): number {
    const stats = this.nodeStats;
    stats.fill(0);
    let W = 0;
    if (this.data.labels) {
      const labels = this.data.labels;
      for (let i = start; i < end; i++) {
        const r = rows[i];
        const w = weights[r];
        stats[labels[r]] += w;
        W += w;
      }
      this.nodeWeight = W;
      let sq = 0;
      for (let k = 0; k < this.K; k++) sq += stats[k] * stats[k];
      return 1 - sq / (W * W);
    }
    const targets = this.data.targets!;
    let sum = 0;
    let sumSq = 0;
    for (let i = start; i < end; i++) {
      const r = rows[i];
      const w = weights[r];
      const v = targets[r];
      W += w;
      sum += w * v;
      sumSq += w * v * v;
    }
    stats[0] = W;
    stats[1] = sum;
    this.nodeWeight = W;
    this.nodeWeightedSum = sum;
    const mean = sum / W;
    return sumSq / W - mean * mean;
  }

  private findSplit(rows: Int32Array, weights: Float64Array, start: number, end: number, rng: Random): boolean {
    const { F, features } = this;
    this.bestScore = -Infinity;
    this.bestFeature = -1;
    let visited = 0;
    for (let i = 0; i < F && visited < this.settings.maxFeatures; i++) {
      const j = i + rng.int(F - i);
      const f = features[j];
      features[j] = features[i];
      features[i] = f;
      if (this.scanFeature(f, rows, weights, start, end)) visited++;
    }
    return this.bestFeature >= 0;
  }

  /** Builds feature f's histogram over the node and checks every bin boundary; false when f is constant here. */
  private scanFeature(f: number, rows: Int32Array, weights: Float64Array, start: number, end: number): boolean {
    const { binCount, binStats, occupied, V } = this;
    const col = this.columns[f];
    // a 256-bit set of occupied bins: listing them costs O(8 + bins used) and no data-dependent branches
    if (this.data.labels) {
      const labels = this.data.labels;
      for (let i = start; i < end; i++) {
        const r = rows[i];
        const b = col[r];
        binCount[b]++;
        binStats[b * V + labels[r]] += weights[r];
        occupied[b >> 5] |= 1 << (b & 31);
      }
    } else {
      const targets = this.data.targets!;
      for (let i = start; i < end; i++) {
        const r = rows[i];
        const b = col[r];
        const w = weights[r];
        binCount[b]++;
        binStats[b * 2] += w;
        binStats[b * 2 + 1] += w * targets[r];
        occupied[b >> 5] |= 1 << (b & 31);
      }
    }
    // non-missing occupied bins in ascending order
    const cand = this.candidates;
    let nCand = 0;
    for (let k = 0; k < 8; k++) {
      let word = occupied[k];
      occupied[k] = 0;
      while (word !== 0) {
        const lowest = word & -word;
        cand[nCand++] = k * 32 + 31 - Math.clz32(lowest);
        word ^= lowest;
      }
    }
    const nMissing = binCount[MISSING_BIN];
    if (nMissing > 0) nCand--;
    const constant = nCand === 0 || (nCand === 1 && nMissing === 0);
    if (!constant) this.scanBins(f, nCand, end - start, nMissing);
    const used = nMissing > 0 ? nCand + 1 : nCand;
    for (let c = 0; c < used; c++) {
      const b = cand[c];
      binCount[b] = 0;
      for (let v = 0; v < V; v++) binStats[b * V + v] = 0;
    }
    return !constant;
  }

  /** Scores the split after each candidate bin, with missing rows right and (when there are some) left. */
  private scanBins(f: number, nCand: number, size: number, nMissing: number): void {
    if (nMissing === 0 && this.settings.criterion === 'gini') {
      this.scanBinsGini(f, nCand, size);
      return;
    }
    const { binCount, binStats, candidates, V, nodeStats, leftStats } = this;
    const minLeaf = this.settings.minSamplesLeaf;
    const missingBase = MISSING_BIN * V;
    leftStats.fill(0);
    let nLeft = 0;
    // the last candidate is a split only when it separates non-missing (left) from missing (right)
    const last = nMissing > 0 ? nCand : nCand - 1;
    for (let c = 0; c < last; c++) {
      const b = candidates[c];
      nLeft += binCount[b];
      for (let v = 0; v < V; v++) leftStats[v] += binStats[b * V + v];
      if (size - nLeft < minLeaf) break;
      const allNonMissingLeft = c === nCand - 1;
      if (nLeft >= minLeaf) {
        const score = this.score(leftStats, nodeStats, null, missingBase, false);
        if (score > this.bestScore) this.keep(score, f, allNonMissingLeft ? MISSING_BIN - 1 : b, false, nMissing > 0);
      }
      if (nMissing > 0 && !allNonMissingLeft) {
        const nLeftMissing = nLeft + nMissing;
        if (nLeftMissing >= minLeaf && size - nLeftMissing >= minLeaf) {
          const score = this.score(leftStats, nodeStats, binStats, missingBase, true);
          if (score > this.bestScore) this.keep(score, f, b, true, true);
        }
      }
    }
  }

  /** The common case (gini, no missing rows) with the score inlined and the best kept in locals. */
  private scanBinsGini(f: number, nCand: number, size: number): void {
    const { binCount, binStats, candidates, K, nodeStats, leftStats } = this;
    const minLeaf = this.settings.minSamplesLeaf;
    const W = this.nodeWeight;
    leftStats.fill(0);
    let nLeft = 0;
    let wL = 0;
    let best = this.bestScore;
    let bestBin = -1;
    for (let c = 0; c < nCand - 1; c++) {
      const b = candidates[c];
      nLeft += binCount[b];
      let sqL = 0;
      let sqR = 0;
      for (let k = 0, o = b * K; k < K; k++) {
        const cl = (leftStats[k] += binStats[o + k]);
        const cr = nodeStats[k] - cl;
        wL += binStats[o + k];
        sqL += cl * cl;
        sqR += cr * cr;
      }
      if (size - nLeft < minLeaf) break;
      if (nLeft < minLeaf) continue;
      const score = sqL / wL + sqR / (W - wL);
      if (score > best) {
        best = score;
        bestBin = b;
      }
    }
    if (bestBin >= 0) this.keep(best, f, bestBin, false, false);
  }

  private keep(score: number, f: number, bin: number, missingLeft: boolean, sawMissing: boolean): void {
    this.bestScore = score;
    this.bestSawMissing = sawMissing;
    this.bestFeature = f;
    this.bestBin = bin;
    this.bestMissingLeft = missingLeft;
  }

  /**
   * scikit-learn's proxy improvement (larger is better) for left = leftStats (+ the missing bin when
   * missingLeft) and right = the rest of the node.
   */
  private score(left: Float64Array, node: Float64Array, stats: Float64Array | null, missingBase: number, missingLeft: boolean): number {
    const criterion = this.settings.criterion;
    if (criterion === 'squared_error') {
      let wL = left[0];
      let sL = left[1];
      if (missingLeft) {
        wL += stats![missingBase];
        sL += stats![missingBase + 1];
      }
      const wR = node[0] - wL;
      const sR = node[1] - sL;
      return (sL * sL) / wL + (sR * sR) / wR;
    }
    const K = this.K;
    let wL = 0;
    let wR = 0;
    let a = 0;
    let b = 0;
    const entropy = criterion === 'entropy';
    for (let k = 0; k < K; k++) {
      const cl = missingLeft ? left[k] + stats![missingBase + k] : left[k];
      const cr = node[k] - cl;
      wL += cl;
      wR += cr;
      if (entropy) {
        if (cl > 0) a += cl * Math.log(cl);
        if (cr > 0) b += cr * Math.log(cr);
      } else {
        a += cl * cl;
        b += cr * cr;
      }
    }
    if (entropy) return a - wL * Math.log(wL) + b - wR * Math.log(wR);
    return a / wL + b / wR;
  }

  /** Moves the rows that go left to the front of [start, end) and returns how many there are. */
  private partition(rows: Int32Array, start: number, end: number): number {
    const col = this.columns[this.bestFeature];
    const bin = this.bestBin;
    const missingLeft = this.bestMissingLeft;
    let i = start;
    let j = end - 1;
    for (;;) {
      while (i <= j && goesLeft(col[rows[i]], bin, missingLeft)) i++;
      while (i <= j && !goesLeft(col[rows[j]], bin, missingLeft)) j--;
      if (i >= j) break;
      const tmp = rows[i];
      rows[i] = rows[j];
      rows[j] = tmp;
      i++;
      j--;
    }
    return i - start;
  }
}

function goesLeft(b: number, bin: number, missingLeft: boolean): boolean {
  return b === MISSING_BIN ? missingLeft : b <= bin;
}
