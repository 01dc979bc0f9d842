// Fast exact path-dependent TreeSHAP: each leaf's Shapley weight sum is the integral over t in [0,1] of the
// product of its path features' factors z(1-t) + o·t (a Beta-function identity), a polynomial of degree < D,
// so ceil(D/2) Gauss-Legendre nodes integrate it exactly. The products travel down the tree and the
// leaf sums travel back up, so every feature's share is settled at its edge: O(nodes·D) per tree and row
// instead of Algorithm 2's O(L·D²) (the same idea as Linear TreeSHAP, arXiv:2209.08192, and XGBoost ≥ 3.3).

import type { Tree } from '../tree/types.js';

/** Gauss-Legendre nodes and weights on [0, 1] for n points (Newton's method on the Legendre polynomial). */
export function gaussLegendre01(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 1;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? x : p1;
      const pPrev = n === 1 ? 1 : p0;
      dp = (n * (x * pn - pPrev)) / (x * x - 1);
      const dx = pn / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = (1 - x) / 2;
    weights[i] = 1 / ((1 - x * x) * dp * dp);
  }
  return { nodes, weights };
}

/** Explains one tree at a time for one row with preallocated per-depth buffers. */
export class QuadratureTreeShap {
  private readonly rules: { nodes: Float64Array; weights: Float64Array }[] = [];
  /** per depth: product of the path's factors at each node t_q */
  private readonly product: Float64Array;
  /** per depth: sum over leaves below of value × product (value slot-major) */
  private readonly leafSum: Float64Array;
  /** per depth: 1 / factor of the split feature's earlier record, and of the new record */
  private readonly invOld: Float64Array;
  private readonly invNew: Float64Array;
  /** current record (zero fraction, one fraction) of each feature on the path; onPath marks it exists */
  private readonly zeroOf: Float64Array;
  private readonly oneOf: Float64Array;
  private readonly onPath: Uint8Array;

  private tree!: Tree;
  private x!: Float64Array;
  private strict = false;
  private phi!: Float64Array;
  private readonly phiOffset: Int32Array;
  private readonly valueScale: Float64Array;
  private q = 1;
  private t!: Float64Array;
  private w!: Float64Array;

  constructor(maxDepth: number, maxValues: number, nFeatures: number) {
    const maxQ = Math.max(1, Math.ceil(maxDepth / 2));
    for (let n = 1; n <= maxQ; n++) this.rules.push(gaussLegendre01(n));
    const levels = maxDepth + 2;
    this.product = new Float64Array(levels * maxQ);
    this.leafSum = new Float64Array(levels * maxQ * maxValues);
    this.invOld = new Float64Array(levels * maxQ);
    this.invNew = new Float64Array(levels * maxQ);
    this.zeroOf = new Float64Array(nFeatures);
    this.oneOf = new Float64Array(nFeatures);
    this.onPath = new Uint8Array(nFeatures);
    this.phiOffset = new Int32Array(maxValues);
    this.valueScale = new Float64Array(maxValues);
  }

  /** Same contract as ClassicTreeShap.explainTree; `depth` is the tree's depth (it picks the quadrature size). */
  explainTree(
    tree: Tree,
    depth: number,
    x: Float64Array,
    strict: boolean,
    phi: Float64Array,
    phiOffset: ArrayLike<number>,
    scale: ArrayLike<number>,
  ): void {
    this.tree = tree;
    this.x = x;
    this.strict = strict;
    this.phi = phi;
    for (let v = 0; v < tree.nValues; v++) {
      this.phiOffset[v] = phiOffset[v];
      this.valueScale[v] = scale[v];
    }
    this.q = Math.max(1, Math.ceil(depth / 2));
    const rule = this.rules[this.q - 1];
    this.t = rule.nodes;
    this.w = rule.weights;
    for (let i = 0; i < this.q; i++) this.product[i] = 1;
    if (tree.feature[0] >= 0) this.recurse(0, 0);
  }

  private recurse(node: number, depth: number): void {
    const { tree, q, t, w, product, leafSum, invOld, invNew, zeroOf, oneOf, onPath } = this;
    const nValues = tree.nValues;
    const pAt = depth * q;
    const gAt = depth * q * nValues;
    const f = tree.feature[node];
    if (f < 0) {
      for (let v = 0; v < nValues; v++) {
        const value = tree.value[node * nValues + v] * this.valueScale[v];
        for (let i = 0; i < q; i++) leafSum[gAt + v * q + i] = value * product[pAt + i];
      }
      return;
    }
    for (let i = 0; i < q * nValues; i++) leafSum[gAt + i] = 0;

    const xv = this.x[f];
    const th = tree.threshold[node];
    const goLeft = xv !== xv ? tree.missingLeft[node] === 1 : this.strict ? xv < th : xv <= th;
    const hot = goLeft ? tree.left[node] : tree.right[node];
    const cold = goLeft ? tree.right[node] : tree.left[node];

    const had = onPath[f] === 1;
    const zOld = had ? zeroOf[f] : 1;
    const oOld = had ? oneOf[f] : 1;
    if (had) for (let i = 0; i < q; i++) invOld[pAt + i] = 1 / (zOld * (1 - t[i]) + oOld * t[i]);

    const pNext = pAt + q;
    const gNext = gAt + q * nValues;
    const parentCover = tree.cover[node];
    for (let side = 0; side < 2; side++) {
      const child = side === 0 ? hot : cold;
      // Share of the parent's cover (see coverFraction), inlined in this hot loop.
      const zNew = zOld * (parentCover > 0 ? tree.cover[child] / parentCover : 0.5);
      const oNew = side === 0 ? oOld : 0;
      // No cover and not taken by x: the branch adds nothing.
      if (zNew === 0 && oNew === 0) continue;
      if (had) {
        for (let i = 0; i < q; i++) {
          const factor = zNew * (1 - t[i]) + oNew * t[i];
          invNew[pAt + i] = 1 / factor;
          product[pNext + i] = product[pAt + i] * factor * invOld[pAt + i];
        }
      } else {
        for (let i = 0; i < q; i++) {
          const factor = zNew * (1 - t[i]) + oNew * t[i];
          invNew[pAt + i] = 1 / factor;
          product[pNext + i] = product[pAt + i] * factor;
        }
      }
      zeroOf[f] = zNew;
      oneOf[f] = oNew;
      onPath[f] = 1;
      this.recurse(child, depth + 1);
      zeroOf[f] = zOld;
      oneOf[f] = oOld;
      onPath[f] = had ? 1 : 0;

      // Credit f for the leaves below this edge; when f was already on the path, take back what its
      // earlier edge credited for these leaves (their products hold the new factor, not the old one).
      const phi = this.phi;
      for (let v = 0; v < nValues; v++) {
        const g = gNext + v * q;
        const gHere = gAt + v * q;
        let sNew = 0;
        let sOld = 0;
        for (let i = 0; i < q; i++) {
          const weighted = w[i] * leafSum[g + i];
          sNew += weighted * invNew[pAt + i];
          if (had) sOld += weighted * invOld[pAt + i];
          leafSum[gHere + i] += leafSum[g + i];
        }
        phi[this.phiOffset[v] + f] += (oNew - zNew) * sNew - (had ? (oOld - zOld) * sOld : 0);
      }
    }
  }
}
