// One gradient-boosting tree grown leaf-wise (best-first) on binned features, like scikit-learn's TreeGrower
// and LightGBM: gradient/hessian histograms per node, the larger child's histogram by subtraction,
// gain G_L²/(H_L+λ) + G_R²/(H_R+λ) - G²/(H+λ), and a learned direction for missing values at each split.

import { openForkJoin, type ForkJoinContext } from '../parallel/fork-join.js';
import { MISSING_BIN as MISSING_BIN_INDEX, binThreshold, type BinnedColumns } from './binning.js';
import * as blocks from './boosting-blocks.js';
import {
  featureBlocks,
  MIN_HESSIAN_TO_SPLIT,
  P_BUILD_HIST,
  P_COUNT,
  P_HAS_HESSIAN,
  P_NODE_A,
  P_NODE_B,
  P_START,
  P_SUBTRACT_HIST,
  P_USE_ROWS,
  SPLIT_BIN,
  SPLIT_FEATURE,
  SPLIT_FIELDS,
  SPLIT_GAIN,
  SPLIT_LEFT_COUNT,
  SPLIT_LEFT_G,
  SPLIT_LEFT_H,
  SPLIT_MISSING_LEFT,
  SPLIT_SAW_MISSING,
  type BoostingBlockPatch,
} from './boosting-blocks.js';
import { HIST_BINS, HIST_STRIDE } from './gradient-histogram.js';
import { GrowingTree } from './growing-tree.js';
import type { Tree } from './types.js';

// module-local copies: hot loops should not read imported bindings
const MISSING_BIN = MISSING_BIN_INDEX;
/** the kernel module the fork-join helper loads (warm it with warmForkJoin) */
export const BOOSTING_BLOCKS_URL = new URL('./boosting-blocks.ts', import.meta.url).href;
/** jobs with fewer row × feature cells than this stay on the fit's thread (a hand-off costs more) */
const SHARE_MIN_CELLS = 60_000;

export interface BoostingTreeSettings {
  maxLeafNodes: number;
  maxDepth: number;
  minSamplesLeaf: number;
  l2Regularization: number;
  learningRate: number;
  /** threads for the histogram and split passes (same trees for any count) */
  threads?: number;
}

interface GrowNode {
  id: number;
  start: number;
  end: number;
  depth: number;
  sumG: number;
  sumH: number;
  /** histogram id, -1 when none */
  hist: number;
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

const shared = (bytes: number) => new SharedArrayBuffer(bytes);

/** Grows boosting trees on one binned matrix; call close() when the fit is done (frees the helper thread). */
export class BoostingTreeGrower {
  private readonly F: number;
  private readonly n: number;
  private readonly columns: Uint8Array[];
  private readonly binsNonMissing: Int32Array;
  private readonly rows: Int32Array;
  private readonly spill: Int32Array;
  private readonly orderedG: Float64Array;
  private readonly orderedH: Float64Array;
  private readonly results: Float64Array;
  private readonly nBlocks: number;
  private readonly histFree: number[] = [];
  private nHists = 0;
  private readonly histSize: number;
  private readonly jobs: ForkJoinContext<BoostingBlockPatch>;

  constructor(
    private readonly binned: BinnedColumns,
    private readonly settings: BoostingTreeSettings,
  ) {
    this.F = binned.edges.length;
    this.n = binned.nRows;
    const n = this.n;
    const bins = new Uint8Array(shared(binned.bins.length));
    bins.set(binned.bins);
    this.columns = binned.edges.map((_, f) => bins.subarray(f * n, (f + 1) * n));
    this.binsNonMissing = new Int32Array(shared(4 * this.F));
    binned.edges.forEach((e, f) => (this.binsNonMissing[f] = e.length + 1));
    this.rows = new Int32Array(shared(4 * n));
    this.spill = new Int32Array(n);
    this.orderedG = new Float64Array(shared(8 * n));
    this.orderedH = new Float64Array(shared(8 * n));
    const blockStart = featureBlocks(this.F);
    this.nBlocks = blockStart.length - 1;
    this.results = new Float64Array(shared(8 * this.nBlocks * 2 * SPLIT_FIELDS));
    this.histSize = this.F * HIST_BINS * HIST_STRIDE;
    const init = {
      n,
      bins,
      binsNonMissing: this.binsNonMissing,
      rows: this.rows,
      orderedG: this.orderedG,
      orderedH: this.orderedH,
      results: this.results,
      blockStart,
      minSamplesLeaf: settings.minSamplesLeaf,
      l2: settings.l2Regularization,
    };
    // the helper only pays off when the feature blocks can be shared
    this.jobs = openForkJoin(BOOSTING_BLOCKS_URL, blocks, init, this.nBlocks > 1 ? settings.threads : 1);
  }

  close(): void {
    this.jobs.close();
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
      this.orderedG.set(gradients);
      if (hessians) this.orderedH.set(hessians);
      this.runJob(false, 0, n, hessians !== null, root.hist, -1, root, null);
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
        if (largeSplits) {
          // the larger child's histogram is the parent's minus the smaller one's: no pass over its rows
          large.hist = node.hist;
          node.hist = -1;
        }
        const count = small.end - small.start;
        // gather the small child's gradients once so the per-feature loops read them sequentially
        const { orderedG, orderedH } = this;
        for (let i = 0; i < count; i++) orderedG[i] = gradients[rows[small.start + i]];
        if (hessians) for (let i = 0; i < count; i++) orderedH[i] = hessians[rows[small.start + i]];
        this.runJob(true, small.start, count, hessians !== null, small.hist, largeSplits ? large.hist : -1, leftSplits ? left : null, rightSplits ? right : null);
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
    return { tree: finished, binThreshold: binThreshold32, rows: this.rows, leafStart, leafEnd, leafValue };
  }

  /** One histogram + split job over all feature blocks, then each node's best split across the blocks. */
  private runJob(useRows: boolean, start: number, count: number, hasH: boolean, build: number, subtract: number, a: GrowNode | null, b: GrowNode | null): void {
    const p = this.jobs.params;
    p[P_USE_ROWS] = useRows ? 1 : 0;
    p[P_START] = start;
    p[P_COUNT] = count;
    p[P_HAS_HESSIAN] = hasH ? 1 : 0;
    p[P_BUILD_HIST] = build;
    p[P_SUBTRACT_HIST] = subtract;
    for (const [o, node] of [[P_NODE_A, a], [P_NODE_B, b]] as const) {
      p[o] = node ? node.hist : -1;
      if (node) {
        p[o + 1] = node.sumG;
        p[o + 2] = node.sumH;
        p[o + 3] = node.end - node.start;
      }
    }
    this.jobs.run(this.nBlocks, count * this.F < SHARE_MIN_CELLS);
    const r = this.results;
    for (const [slot, node] of [[0, a], [1, b]] as const) {
      if (!node) continue;
      // blocks in feature order, strictly better gains only: the split a sequential scan over all features finds
      let best = -1;
      let bestGain = 0;
      for (let blk = 0; blk < this.nBlocks; blk++) {
        const g = r[(blk * 2 + slot) * SPLIT_FIELDS + SPLIT_GAIN];
        if (g > bestGain) {
          bestGain = g;
          best = (blk * 2 + slot) * SPLIT_FIELDS;
        }
      }
      if (best < 0) continue;
      node.gain = bestGain;
      node.feature = r[best + SPLIT_FEATURE];
      node.bin = r[best + SPLIT_BIN];
      node.missingLeft = r[best + SPLIT_MISSING_LEFT] !== 0;
      node.sawMissing = r[best + SPLIT_SAW_MISSING] !== 0;
      node.leftG = r[best + SPLIT_LEFT_G];
      node.leftH = r[best + SPLIT_LEFT_H];
      node.leftCount = r[best + SPLIT_LEFT_COUNT];
    }
  }

  private newNode(tree: GrowingTree, start: number, end: number, depth: number, sumG: number, sumH: number): GrowNode {
    return {
      id: tree.addLeaf(sumH),
      start,
      end,
      depth,
      sumG,
      sumH,
      hist: -1,
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

  /** A free histogram id (its buffer is zeroed block by block by the job that builds it). */
  private takeHist(): number {
    const free = this.histFree.pop();
    if (free !== undefined) return free;
    const id = this.nHists++;
    this.jobs.update({ hist: id, buffer: new Float64Array(shared(8 * this.histSize)) });
    return id;
  }

  private releaseHist(node: GrowNode): void {
    if (node.hist >= 0) this.histFree.push(node.hist);
    node.hist = -1;
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
