// One gradient-boosting tree grown leaf-wise (best-first) on binned features, like scikit-learn's TreeGrower
// and LightGBM: gradient/hessian histograms per node, the larger child's histogram by subtraction,
// gain G_L²/(H_L+λ) + G_R²/(H_R+λ) - G²/(H+λ), and a learned direction for missing values at each split.

import { MISSING_BIN as MISSING_BIN_INDEX, binThreshold, type BinnedColumns } from './binning.js';
import { addToHistogram, HIST_BINS, HIST_STRIDE } from './gradient-histogram.js';
import { GrowingTree } from './growing-tree.js';
import type { Tree } from './types.js';

// module-local copies: hot loops should not read imported bindings
const MISSING_BIN = MISSING_BIN_INDEX;
const NBINS = HIST_BINS;
const STRIDE = HIST_STRIDE;
const MIN_HESSIAN_TO_SPLIT = 1e-3;

export interface BoostingTreeSettings {
  maxLeafNodes: number;
  maxDepth: number;
  minSamplesLeaf: number;
  l2Regularization: number;
  learningRate: number;
}

interface GrowNode {
  id: number;
  start: number;
  end: number;
  depth: number;
  sumG: number;
  sumH: number;
  hist: Float64Array | null;
  gain: number;
  feature: number;
  bin: number;
  missingLeft: boolean;
  sawMissing: boolean;
  leftG: number;
  leftH: number;
  leftCount: number;
}

/** A grown tree plus what boosting needs next: the bin threshold per node and each leaf's rows. */
export interface BoostingTree {
  tree: Tree;
  /** per node: rows with bin <= binThreshold go left (binned prediction on validation data) */
  binThreshold: Int32Array;
  /** rows of leaf j are rows[leafStart[j] .. leafEnd[j]) of `rows`, all getting leafValue[j] */
  rows: Int32Array;
  leafStart: number[];
  leafEnd: number[];
  leafValue: number[];
}

export class BoostingTreeGrower {
  private readonly F: number;
  private readonly n: number;
  private readonly columns: Uint8Array[];
  private readonly binsNonMissing: Int32Array;
  private readonly rows: Int32Array;
  private readonly spill: Int32Array;
  private readonly orderedG: Float64Array;
  private readonly orderedH: Float64Array;
  private readonly histPool: Float64Array[] = [];
  private readonly histSize: number;

  constructor(
    private readonly binned: BinnedColumns,
    private readonly settings: BoostingTreeSettings,
  ) {
    this.F = binned.edges.length;
    this.n = binned.nRows;
    this.columns = binned.edges.map((_, f) => binned.bins.subarray(f * this.n, (f + 1) * this.n));
    this.binsNonMissing = Int32Array.from(binned.edges, (e) => e.length + 1);
    this.rows = new Int32Array(this.n);
    this.spill = new Int32Array(this.n);
    this.orderedG = new Float64Array(this.n);
    this.orderedH = new Float64Array(this.n);
    this.histSize = this.F * NBINS * STRIDE;
  }

  /** Grows a tree on all rows for these gradients; `hessians` null means every hessian is 1 (squared error). */
  grow(gradients: Float64Array, hessians: Float64Array | null): BoostingTree {
    const { n, rows, settings } = this;
    for (let i = 0; i < n; i++) rows[i] = i;
    let sumG = 0;
    let sumH = 0;
    for (let i = 0; i < n; i++) sumG += gradients[i];
    if (hessians) for (let i = 0; i < n; i++) sumH += hessians[i];
    else sumH = n;

    const tree = new GrowingTree(1, 2 * settings.maxLeafNodes + 1);
    const binThr: number[] = [];
    const leaves: GrowNode[] = [];
    const root = this.newNode(tree, 0, n, 0, sumG, sumH);
    const splittable: GrowNode[] = [];
    if (this.canSplit(root)) {
      root.hist = this.takeHist();
      addToHistogram(root.hist, this.columns, null, 0, n, gradients, hessians);
      this.findSplit(root);
    }
    if (root.gain > 0) splittable.push(root);
    else {
      leaves.push(root);
      this.releaseHist(root);
    }

    let nLeaves = 1;
    while (splittable.length > 0) {
      let pick = 0;
      for (let i = 1; i < splittable.length; i++) if (splittable[i].gain > splittable[pick].gain) pick = i;
      const node = splittable.splice(pick, 1)[0];
      const nLeft = this.partition(node);
      const left = this.newNode(tree, node.start, node.start + nLeft, node.depth + 1, node.leftG, node.leftH);
      const right = this.newNode(tree, node.start + nLeft, node.end, node.depth + 1, node.sumG - node.leftG, node.sumH - node.leftH);
      const missingLeft = node.sawMissing ? node.missingLeft : nLeft > node.end - node.start - nLeft;
      const threshold = node.bin === this.binsNonMissing[node.feature] - 1 ? Infinity : binThreshold(this.binned.edges[node.feature], node.bin);
      tree.setSplit(node.id, node.feature, threshold, missingLeft, left.id, right.id);
      binThr[node.id] = node.bin;
      nLeaves++;

      if (nLeaves >= settings.maxLeafNodes) {
        this.releaseHist(node);
        leaves.push(left, right, ...splittable);
        for (const s of splittable) this.releaseHist(s);
        splittable.length = 0;
        break;
      }
      const leftSplits = this.canSplit(left);
      const rightSplits = this.canSplit(right);
      if (leftSplits || rightSplits) {
        const leftSmaller = left.end - left.start <= right.end - right.start;
        const [small, large] = leftSmaller ? [left, right] : [right, left];
        const largeSplits = leftSmaller ? rightSplits : leftSplits;
        small.hist = this.takeHist();
        this.buildHistogram(small, gradients, hessians);
        if (largeSplits) {
          // the larger child's histogram is the parent's minus the smaller one's: no pass over its rows
          large.hist = node.hist!;
          node.hist = null;
          const parentHist = large.hist;
          const smallHist = small.hist;
          for (let i = 0; i < this.histSize; i++) parentHist[i] -= smallHist[i];
        }
        if (leftSplits) this.findSplit(left);
        if (rightSplits) this.findSplit(right);
      }
      this.releaseHist(node);
      for (const child of [left, right]) {
        if (child.gain > 0) splittable.push(child);
        else {
          leaves.push(child);
          this.releaseHist(child);
        }
      }
    }

    const leafStart: number[] = [];
    const leafEnd: number[] = [];
    const leafValue: number[] = [];
    for (const leaf of leaves) {
      this.releaseHist(leaf);
      const value = (-settings.learningRate * leaf.sumG) / (leaf.sumH + settings.l2Regularization + 1e-15);
      tree.value[leaf.id] = value;
      leafStart.push(leaf.start);
      leafEnd.push(leaf.end);
      leafValue.push(value);
    }
    const finished = tree.finish();
    const binThreshold32 = new Int32Array(finished.feature.length);
    for (let i = 0; i < binThreshold32.length; i++) binThreshold32[i] = binThr[i] ?? 0;
    return { tree: finished, binThreshold: binThreshold32, rows, leafStart, leafEnd, leafValue };
  }

  private newNode(tree: GrowingTree, start: number, end: number, depth: number, sumG: number, sumH: number): GrowNode {
    return {
      id: tree.addLeaf(sumH),
      start,
      end,
      depth,
      sumG,
      sumH,
      hist: null,
      gain: -1,
      feature: -1,
      bin: -1,
      missingLeft: false,
      sawMissing: false,
      leftG: 0,
      leftH: 0,
      leftCount: 0,
    };
  }

  private canSplit(node: GrowNode): boolean {
    const { settings } = this;
    return (
      node.depth < settings.maxDepth &&
      node.end - node.start >= 2 * settings.minSamplesLeaf &&
      node.sumH >= 2 * MIN_HESSIAN_TO_SPLIT
    );
  }

  private takeHist(): Float64Array {
    const h = this.histPool.pop();
    if (h) {
      h.fill(0);
      return h;
    }
    return new Float64Array(this.histSize);
  }

  private releaseHist(node: GrowNode): void {
    if (node.hist) this.histPool.push(node.hist);
    node.hist = null;
  }

  private buildHistogram(node: GrowNode, g: Float64Array, h: Float64Array | null): void {
    const { rows, orderedG, orderedH } = this;
    const start = node.start;
    const count = node.end - start;
    // gather the node's gradients once so the per-feature loops read them sequentially
    for (let i = 0; i < count; i++) orderedG[i] = g[rows[start + i]];
    if (h) for (let i = 0; i < count; i++) orderedH[i] = h[rows[start + i]];
    addToHistogram(node.hist!, this.columns, rows, start, count, orderedG, h ? orderedH : null);
  }

  /** Best split of the node over all features and bins, both missing directions; leaves node.gain <= 0 if none. */
  private findSplit(node: GrowNode): void {
    const hist = node.hist!;
    const { minSamplesLeaf, l2Regularization: l2 } = this.settings;
    const G = node.sumG;
    const H = node.sumH;
    const count = node.end - node.start;
    const parentTerm = (G * G) / (H + l2);
    let bestGain = 0;
    for (let f = 0; f < this.F; f++) {
      const base = f * NBINS * STRIDE;
      const nb = this.binsNonMissing[f];
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
          this.keep(node, gain, f, b, false, sawMissing, gL, hL, cL);
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
          this.keep(node, gain, f, b, true, true, gLm, hLm, cLm);
        }
      }
    }
  }

  private keep(node: GrowNode, gain: number, f: number, bin: number, missingLeft: boolean, sawMissing: boolean, gL: number, hL: number, cL: number): void {
    node.gain = gain;
    node.feature = f;
    node.bin = bin;
    node.missingLeft = missingLeft;
    node.sawMissing = sawMissing;
    node.leftG = gL;
    node.leftH = hL;
    node.leftCount = cL;
  }

  /** Stable partition of the node's rows into left then right; returns the left count. */
  private partition(node: GrowNode): number {
    const { rows, spill } = this;
    const col = this.columns[node.feature];
    const bin = node.bin;
    // branch-free: the missing bin (255) is above every split bin, so it goes left only through this flag
    const missingLeft = node.missingLeft ? 1 : 0;
    let w = node.start;
    let s = 0;
    for (let i = node.start; i < node.end; i++) {
      const r = rows[i];
      const b = col[r];
      const left = +(b <= bin) | (+(b === MISSING_BIN) & missingLeft);
      rows[w] = r;
      spill[s] = r;
      w += left;
      s += 1 - left;
    }
    rows.set(spill.subarray(0, s), w);
    return w - node.start;
  }
}

/** Adds a grown tree's output on binned rows (validation data binned with the training edges) to raw[i * K + k]. */
export function addBinnedTree(grown: BoostingTree, binned: BinnedColumns, raw: Float64Array, K: number, k: number): void {
  const { feature, left, right, missingLeft, value } = grown.tree;
  const thr = grown.binThreshold;
  const n = binned.nRows;
  const bins = binned.bins;
  for (let i = 0; i < n; i++) {
    let node = 0;
    let f = feature[0];
    while (f >= 0) {
      const b = bins[f * n + i];
      node = b === MISSING_BIN ? (missingLeft[node] ? left[node] : right[node]) : b <= thr[node] ? left[node] : right[node];
      f = feature[node];
    }
    raw[i * K + k] += value[node];
  }
}
