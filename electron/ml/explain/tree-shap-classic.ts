// Exact path-dependent TreeSHAP, Algorithm 2 of Lundberg, Erion & Lee 2018 (arXiv:1802.03888) with
// EXTEND / UNWIND on a unique-feature path, O(L·D²) per tree and row. The plain reference implementation; it can
// also condition on one feature held present or absent (shap's tree_shap_recursive `condition`), which is how
// Algorithm 3 of Lundberg et al. 2020 gets SHAP interaction values (tree-shap-interactions.ts).

import type { Tree } from '../tree/types.js';
import { coverFraction } from './tree-shap-common.js';

/** Explains one tree at a time for one row, reusing preallocated path storage. */
export class ClassicTreeShap {
  // Path records, one segment per recursion level (each level copies its parent's path).
  private readonly feature: Int32Array;
  private readonly zero: Float64Array;
  private readonly one: Float64Array;
  private readonly weight: Float64Array;

  // The tree and row being explained, kept in fields so the recursion passes only numbers.
  private tree!: Tree;
  private x!: Float64Array;
  private strict = false;
  private phi!: Float64Array;
  /** phi offset of each value slot of the current tree (output × nFeatures) */
  private readonly phiOffset: Int32Array;
  private readonly valueScale: Float64Array;
  /** 0: plain SHAP; +1 / -1: `conditionFeature` is held present / absent and is no longer a player */
  private condition = 0;
  private conditionFeature = -1;

  constructor(maxDepth: number, maxValues: number) {
    const size = ((maxDepth + 3) * (maxDepth + 4)) / 2;
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
    this.phiOffset = new Int32Array(maxValues);
    this.valueScale = new Float64Array(maxValues);
  }

  /**
   * Add this tree's SHAP values for row `x` into `phi`. Value slot v of a leaf goes to phi[phiOffset[v] + feature],
   * multiplied by scale[v]. `strict`: go left when x < threshold, else when x <= threshold. `condition` +1 / -1
   * holds `conditionFeature` present (x's branch only) / absent (both branches by cover) instead of making it a player.
   */
  explainTree(
    tree: Tree,
    x: Float64Array,
    strict: boolean,
    phi: Float64Array,
    phiOffset: ArrayLike<number>,
    scale: ArrayLike<number>,
    condition: -1 | 0 | 1 = 0,
    conditionFeature = -1,
  ): void {
    this.tree = tree;
    this.condition = condition;
    this.conditionFeature = condition === 0 ? -1 : conditionFeature;
    this.x = x;
    this.strict = strict;
    this.phi = phi;
    for (let v = 0; v < tree.nValues; v++) {
      this.phiOffset[v] = phiOffset[v];
      this.valueScale[v] = scale[v];
    }
    this.recurse(0, 0, 0, 1, 1, -1, 1);
  }

  private recurse(
    node: number,
    depth: number,
    parentOffset: number,
    parentZero: number,
    parentOne: number,
    parentFeature: number,
    conditionFraction: number,
  ): void {
    if (conditionFraction === 0) return;
    const { feature, zero, one, weight, tree } = this;
    const offset = parentOffset + depth + 1;
    // The conditioned feature is never put on the path, so below its split the path keeps all `depth + 1` records.
    const extend = parentFeature < 0 || parentFeature !== this.conditionFeature;
    const copied = extend ? depth : depth + 1;
    for (let i = 0; i < copied; i++) {
      feature[offset + i] = feature[parentOffset + i];
      zero[offset + i] = zero[parentOffset + i];
      one[offset + i] = one[parentOffset + i];
      weight[offset + i] = weight[parentOffset + i];
    }
    if (extend) this.extend(offset, depth, parentZero, parentOne, parentFeature);

    const split = tree.feature[node];
    if (split < 0) {
      const nValues = tree.nValues;
      for (let i = 1; i <= depth; i++) {
        const w = this.unwoundSum(offset, depth, i) * (one[offset + i] - zero[offset + i]) * conditionFraction;
        const f = feature[offset + i];
        for (let v = 0; v < nValues; v++) {
          this.phi[this.phiOffset[v] + f] += w * this.valueScale[v] * tree.value[node * nValues + v];
        }
      }
      return;
    }

    const xv = this.x[split];
    const t = tree.threshold[node];
    const goLeft = xv !== xv ? tree.missingLeft[node] === 1 : this.strict ? xv < t : xv <= t;
    const hot = goLeft ? tree.left[node] : tree.right[node];
    const cold = goLeft ? tree.right[node] : tree.left[node];

    // A feature split on again: undo its record and redo it with the fractions multiplied together.
    let incomingZero = 1;
    let incomingOne = 1;
    let uniqueDepth = depth;
    for (let k = 1; k <= depth; k++) {
      if (feature[offset + k] === split) {
        incomingZero = zero[offset + k];
        incomingOne = one[offset + k];
        this.unwind(offset, depth, k);
        uniqueDepth--;
        break;
      }
    }
    const hotShare = coverFraction(tree, node, hot);
    const coldShare = coverFraction(tree, node, cold);
    if (split === this.conditionFeature) {
      // Held present: only x's branch; held absent: both, weighted by cover. Either way no new path record.
      const hotCondition = this.condition > 0 ? conditionFraction : conditionFraction * hotShare;
      const coldCondition = this.condition > 0 ? 0 : conditionFraction * coldShare;
      this.recurse(hot, uniqueDepth, offset, 1, 1, split, hotCondition);
      this.recurse(cold, uniqueDepth, offset, 1, 1, split, coldCondition);
      return;
    }
    const hotZero = incomingZero * hotShare;
    if (hotZero !== 0 || incomingOne !== 0) this.recurse(hot, uniqueDepth + 1, offset, hotZero, incomingOne, split, conditionFraction);
    // A branch with no cover that x does not take adds nothing (and would divide 0 by 0 when unwound).
    const coldZero = incomingZero * coldShare;
    if (coldZero !== 0) this.recurse(cold, uniqueDepth + 1, offset, coldZero, 0, split, conditionFraction);
  }

  private extend(offset: number, depth: number, zeroFraction: number, oneFraction: number, featureIndex: number): void {
    const { weight } = this;
    this.feature[offset + depth] = featureIndex;
    this.zero[offset + depth] = zeroFraction;
    this.one[offset + depth] = oneFraction;
    weight[offset + depth] = depth === 0 ? 1 : 0;
    for (let i = depth - 1; i >= 0; i--) {
      weight[offset + i + 1] += (oneFraction * weight[offset + i] * (i + 1)) / (depth + 1);
      weight[offset + i] = (zeroFraction * weight[offset + i] * (depth - i)) / (depth + 1);
    }
  }

  private unwind(offset: number, depth: number, slot: number): void {
    const { weight, feature, zero, one } = this;
    const o = one[offset + slot];
    const z = zero[offset + slot];
    let next = weight[offset + depth];
    for (let i = depth - 1; i >= 0; i--) {
      if (o !== 0) {
        const tmp = weight[offset + i];
        weight[offset + i] = (next * (depth + 1)) / ((i + 1) * o);
        next = tmp - (weight[offset + i] * z * (depth - i)) / (depth + 1);
      } else {
        weight[offset + i] = (weight[offset + i] * (depth + 1)) / (z * (depth - i));
      }
    }
    for (let i = slot; i < depth; i++) {
      feature[offset + i] = feature[offset + i + 1];
      zero[offset + i] = zero[offset + i + 1];
      one[offset + i] = one[offset + i + 1];
    }
  }

  /** Total path weight if record `slot` were unwound, without changing the path. */
  private unwoundSum(offset: number, depth: number, slot: number): number {
    const { weight } = this;
    const o = this.one[offset + slot];
    const z = this.zero[offset + slot];
    let total = 0;
    if (o !== 0) {
      let next = weight[offset + depth];
      for (let i = depth - 1; i >= 0; i--) {
        const tmp = next / ((i + 1) * o);
        total += tmp;
        next = weight[offset + i] - tmp * z * (depth - i);
      }
    } else {
      for (let i = depth - 1; i >= 0; i--) total += weight[offset + i] / (z * (depth - i));
    }
    return total * (depth + 1);
  }
}
