// Path-dependent TreeSHAP from per-leaf tables (the memory-for-speed trade of Fast TreeSHAP v2, Yang 2021,
// arXiv:2109.09847). A leaf's Shapley weights depend on the row only through which of its unique path features
// x follows ("hot") and which it leaves ("cold"), so for each leaf and each of its 2^d hot/cold patterns the d
// weights (o_k − z_k)·∫₀¹ Π_{j≠k} (z_j (1−t) + o_j t) dt are computed once, with the Gauss-Legendre rule of
// tree-shap-quadrature.ts. Per row a tree then costs one pass over its splits (the pattern of every leaf) and d
// additions per leaf: O(L·D) instead of O(nodes·D) with divisions.

import type { Tree, TreeEnsemble } from '../tree/types.js';
import { gaussLegendre01 } from './tree-shap-quadrature.js';

/** Unique path features beyond which a leaf's 2^d table is never built. */
const MAX_TABLE_DEPTH = 12;
/** Table doubles kept at most per explanation (64 MB); trees beyond it are explained by the quadrature kernel. */
const TABLE_BUDGET = 1 << 23;

/** Flattened trees with their leaf tables; every array may sit on a SharedArrayBuffer (the fork-join helper reads it). */
export interface LeafTables {
  /** per tree: 1 when it is explained from its tables, 0 when by the quadrature kernel */
  tabled: Uint8Array;
  /** tree t's splits are splitStart[t]..splitStart[t+1]-1 (preorder), its leaves leafStart[t].. */
  splitStart: Int32Array;
  leafStart: Int32Array;
  splitFeature: Int32Array;
  splitThreshold: Float64Array;
  splitMissingLeft: Uint8Array;
  /**
   * Children as pattern slots of the tree: split i (in tree order) is slot i, leaf l is slot nSplits + l, so a
   * parent's slot always comes before its children's.
   */
  splitLeft: Int32Array;
  splitRight: Int32Array;
  /** bit of the split's feature among the unique features of its path */
  splitBit: Int32Array;
  leafDepth: Int32Array;
  /** where leaf l's unique path features (and their cover products) start in pathFeature / pathZero */
  leafPathAt: Int32Array;
  /** where leaf l's 2^d × d weights start in `weights` (pattern-major) */
  leafWeightAt: Int32Array;
  /** leaf values times the output scale, maxValues per leaf */
  leafValue: Float64Array;
  pathFeature: Int32Array;
  pathZero: Float64Array;
  weights: Float64Array;
  maxValues: number;
  /** most pattern slots of one tree (splits + leaves) */
  maxSlots: number;
  /** per pattern: the d single weights, then (pair tables) the d(d-1)/2 pair weights of slots a < b */
  pairs: boolean;
}

/** Weights per pattern of a leaf with d unique path features. */
function entries(d: number, pairs: boolean): number {
  return pairs ? (d * (d + 1)) / 2 : d;
}

type Allocate = (bytes: number) => ArrayBufferLike;

interface TreeShape {
  splits: number;
  leaves: number;
  paths: number;
  tableSize: number;
}

/** Splits, leaves, path slots and table doubles of a tree (tableSize Infinity when a leaf is too deep). */
function measure(tree: Tree, pairs: boolean): TreeShape {
  const shape: TreeShape = { splits: 0, leaves: 0, paths: 0, tableSize: 0 };
  let maxFeature = 0;
  for (let n = 0; n < tree.feature.length; n++) maxFeature = Math.max(maxFeature, tree.feature[n]);
  const seen = new Int32Array(maxFeature + 1);
  const walk = (node: number, d: number): void => {
    const f = tree.feature[node];
    if (f < 0) {
      shape.leaves++;
      shape.paths += d;
      shape.tableSize += d > MAX_TABLE_DEPTH ? Infinity : entries(d, pairs) * 2 ** d;
      return;
    }
    shape.splits++;
    const fresh = seen[f] === 0;
    seen[f]++;
    walk(tree.left[node], fresh ? d + 1 : d);
    walk(tree.right[node], fresh ? d + 1 : d);
    seen[f]--;
  };
  walk(0, 0);
  return shape;
}

/**
 * Which trees get tables and their flattened layout (weights still zero: fill them with fillLeafTables). With
 * `force` every tree within the depth and memory limits gets one; otherwise only where building the tables costs
 * less than what they save over `nRows` rows. `pairs`: tables for interaction values (tree-shap-interactions.ts).
 */
export function planLeafTables(
  ensemble: TreeEnsemble,
  scales: Float64Array,
  treeOutputOf: (t: number, v: number) => number,
  nRows: number,
  force: boolean,
  allocate: Allocate = (bytes) => new ArrayBuffer(bytes),
  pairs = false,
): LeafTables {
  const { trees } = ensemble;
  const shapes = trees.map((tree) => measure(tree, pairs));
  const tabled = new Uint8Array(allocate(trees.length));
  let budget = TABLE_BUDGET;
  let splits = 0;
  let leaves = 0;
  let paths = 0;
  let maxSlots = 1;
  shapes.forEach((s, t) => {
    // measured (depth-6 boosting): one table entry costs about what the quadrature kernel spends on half a node for one row
    const worth = force || s.tableSize <= 2 * nRows * (s.splits + s.leaves);
    if (s.splits === 0 || !worth || s.tableSize > budget) return;
    tabled[t] = 1;
    budget -= s.tableSize;
    splits += s.splits;
    leaves += s.leaves;
    paths += s.paths;
    maxSlots = Math.max(maxSlots, s.splits + s.leaves);
  });
  const maxValues = Math.max(1, ...trees.map((tree) => tree.nValues));
  const i32 = (n: number) => new Int32Array(allocate(4 * n));
  const f64 = (n: number) => new Float64Array(allocate(8 * n));
  const tables: LeafTables = {
    tabled,
    splitStart: i32(trees.length + 1),
    leafStart: i32(trees.length + 1),
    splitFeature: i32(splits),
    splitThreshold: f64(splits),
    splitMissingLeft: new Uint8Array(allocate(splits)),
    splitLeft: i32(splits),
    splitRight: i32(splits),
    splitBit: i32(splits),
    leafDepth: i32(leaves),
    leafPathAt: i32(leaves),
    leafWeightAt: i32(leaves),
    leafValue: f64(leaves * maxValues),
    pathFeature: i32(paths),
    pathZero: f64(paths),
    weights: f64(TABLE_BUDGET - budget),
    maxValues,
    maxSlots,
    pairs,
  };
  const cursor = { split: 0, leaf: 0, path: 0, weight: 0 };
  trees.forEach((tree, t) => {
    tables.splitStart[t] = cursor.split;
    tables.leafStart[t] = cursor.leaf;
    if (tabled[t]) flatten(tree, shapes[t].splits, Float64Array.from({ length: tree.nValues }, (_, v) => scales[treeOutputOf(t, v)]), tables, cursor);
  });
  tables.splitStart[trees.length] = cursor.split;
  tables.leafStart[trees.length] = cursor.leaf;
  return tables;
}

/** Appends one tree in preorder: splits with their path bits, leaves with their unique path features and covers. */
function flatten(
  tree: Tree,
  nSplits: number,
  scale: Float64Array,
  tables: LeafTables,
  cursor: { split: number; leaf: number; path: number; weight: number },
): void {
  const split0 = cursor.split;
  const leaf0 = cursor.leaf;
  const features: number[] = [];
  const zeros: number[] = [];
  const walk = (node: number): number => {
    const f = tree.feature[node];
    if (f < 0) {
      const l = cursor.leaf++;
      const d = features.length;
      tables.leafDepth[l] = d;
      tables.leafPathAt[l] = cursor.path;
      tables.leafWeightAt[l] = cursor.weight;
      for (let k = 0; k < d; k++) {
        tables.pathFeature[cursor.path + k] = features[k];
        tables.pathZero[cursor.path + k] = zeros[k];
      }
      cursor.path += d;
      cursor.weight += entries(d, tables.pairs) * 2 ** d;
      for (let v = 0; v < tree.nValues; v++) tables.leafValue[l * tables.maxValues + v] = tree.value[node * tree.nValues + v] * scale[v];
      return nSplits + (l - leaf0);
    }
    const i = cursor.split++;
    let slot = features.indexOf(f);
    const fresh = slot < 0;
    if (fresh) {
      slot = features.length;
      features.push(f);
      zeros.push(1);
    }
    tables.splitFeature[i] = f;
    tables.splitThreshold[i] = tree.threshold[node];
    tables.splitMissingLeft[i] = tree.missingLeft[node];
    tables.splitBit[i] = 1 << slot;
    const before = zeros[slot];
    const c = tree.cover[node];
    for (const [child, side] of [
      [tree.left[node], tables.splitLeft],
      [tree.right[node], tables.splitRight],
    ] as const) {
      // the cover share of coverFraction in tree-shap-common.ts
      zeros[slot] = before * (c > 0 ? tree.cover[child] / c : 0.5);
      side[i] = walk(child);
    }
    if (fresh) {
      features.pop();
      zeros.pop();
    } else {
      zeros[slot] = before;
    }
    return i - split0;
  };
  walk(0);
}

/** Computes the weights of the leaves of trees t0..t1-1 (tables from planLeafTables). */
export function fillLeafTables(tables: LeafTables, t0: number, t1: number): void {
  const { leafStart, leafDepth, leafPathAt, leafWeightAt, pathZero, weights } = tables;
  const rules = Array.from({ length: Math.ceil(MAX_TABLE_DEPTH / 2) }, (_, n) => gaussLegendre01(n + 1));
  const hot = new Float64Array(MAX_TABLE_DEPTH * rules.length);
  const cold = new Float64Array(MAX_TABLE_DEPTH * rules.length);
  const prefix = new Float64Array((MAX_TABLE_DEPTH + 1) * rules.length);
  const suffix = new Float64Array((MAX_TABLE_DEPTH + 1) * rules.length);
  const middle = new Float64Array(rules.length);
  for (let t = t0; t < t1; t++) {
    if (!tables.tabled[t]) continue;
    for (let l = leafStart[t]; l < leafStart[t + 1]; l++) {
      const d = leafDepth[l];
      if (d === 0) continue;
      const q = Math.ceil(d / 2);
      const { nodes, weights: w } = rules[q - 1];
      const p0 = leafPathAt[l];
      let zeroCover = 0;
      for (let k = 0; k < d; k++) {
        const z = pathZero[p0 + k];
        if (z === 0) zeroCover |= 1 << k;
        for (let i = 0; i < q; i++) {
          cold[k * q + i] = z * (1 - nodes[i]);
          hot[k * q + i] = z * (1 - nodes[i]) + nodes[i];
        }
      }
      const perPattern = entries(d, tables.pairs);
      for (let pattern = 0, at = leafWeightAt[l]; pattern < 1 << d; pattern++, at += perPattern) {
        // a cold branch without cover: every term of this pattern has a zero factor (weights stay 0)
        if ((pattern & zeroCover) !== 0) continue;
        for (let i = 0; i < q; i++) prefix[i] = w[i];
        for (let k = 0; k < d; k++) {
          const g = (pattern >> k) & 1 ? cold : hot;
          for (let i = 0; i < q; i++) prefix[(k + 1) * q + i] = prefix[k * q + i] * g[k * q + i];
        }
        for (let i = 0; i < q; i++) suffix[d * q + i] = 1;
        for (let k = d - 1; k >= 0; k--) {
          const g = (pattern >> k) & 1 ? cold : hot;
          for (let i = 0; i < q; i++) suffix[k * q + i] = suffix[(k + 1) * q + i] * g[k * q + i];
        }
        for (let k = 0; k < d; k++) {
          let integral = 0;
          for (let i = 0; i < q; i++) integral += prefix[k * q + i] * suffix[(k + 1) * q + i];
          weights[at + k] = (((pattern >> k) & 1 ? 0 : 1) - pathZero[p0 + k]) * integral;
        }
        if (!tables.pairs) continue;
        // half of Algorithm 3's on − off difference for slots a < b: ∫ Π_{k≠a,b} as prefix × middle × suffix
        for (let a = 0, pair = at + d; a < d; a++) {
          const da = ((pattern >> a) & 1 ? 0 : 1) - pathZero[p0 + a];
          for (let i = 0; i < q; i++) middle[i] = prefix[a * q + i];
          for (let b = a + 1; b < d; b++, pair++) {
            let integral = 0;
            for (let i = 0; i < q; i++) integral += middle[i] * suffix[(b + 1) * q + i];
            weights[pair] = 0.5 * da * (((pattern >> b) & 1 ? 0 : 1) - pathZero[p0 + b]) * integral;
            const g = (pattern >> b) & 1 ? cold : hot;
            for (let i = 0; i < q; i++) middle[i] *= g[b * q + i];
          }
        }
      }
    }
  }
}

/**
 * Fills cold[slot * blockRows + i] with row i's pattern at every slot of tree t: the bits of the unique path
 * features whose split x leaves on the way down. Returns the tree's number of splits (leaf l is slot nSplits + l).
 */
function leafPatterns(tables: LeafTables, t: number, xT: Float64Array, n: number, blockRows: number, strict: boolean, cold: Int32Array): number {
  const { splitFeature, splitThreshold, splitMissingLeft, splitLeft, splitRight, splitBit } = tables;
  const s0 = tables.splitStart[t];
  const nSplits = tables.splitStart[t + 1] - s0;
  for (let i = 0; i < n; i++) cold[i] = 0;
  for (let j = 0; j < nSplits; j++) {
    const s = s0 + j;
    const x0 = splitFeature[s] * blockRows;
    const th = splitThreshold[s];
    const missingLeft = splitMissingLeft[s] === 1;
    const bit = splitBit[s];
    const here0 = j * blockRows;
    const left0 = splitLeft[s] * blockRows;
    const right0 = splitRight[s] * blockRows;
    for (let i = 0; i < n; i++) {
      const xv = xT[x0 + i];
      const goLeft = xv !== xv ? missingLeft : strict ? xv < th : xv <= th;
      const here = cold[here0 + i];
      cold[left0 + i] = goLeft ? here : here | bit;
      cold[right0 + i] = goLeft ? here | bit : here;
    }
  }
  return nSplits;
}

/**
 * Matches tree t's leaves against n rows and calls `visit(l, d, p)` per leaf l (depth d, path at p) once rowAt[i]
 * holds where row i's pattern starts in the leaf's weight table (`perPattern(d)` weights per pattern). Row i's
 * feature f is xT[f * blockRows + i] (loaded by loadRow); `cold` (maxSlots × blockRows) and `rowAt` (blockRows) are
 * scratch.
 */
function forEachLeafPattern(
  tables: LeafTables,
  t: number,
  xT: Float64Array,
  n: number,
  blockRows: number,
  strict: boolean,
  cold: Int32Array,
  rowAt: Int32Array,
  perPattern: (d: number) => number,
  visit: (l: number, d: number, p: number) => void,
): void {
  const nSplits = leafPatterns(tables, t, xT, n, blockRows, strict, cold);
  const { leafDepth, leafPathAt, leafWeightAt } = tables;
  const l0 = tables.leafStart[t];
  const l1 = tables.leafStart[t + 1];
  for (let l = l0; l < l1; l++) {
    const d = leafDepth[l];
    const stride = perPattern(d);
    const at0 = leafWeightAt[l];
    const patterns = (nSplits + l - l0) * blockRows;
    for (let i = 0; i < n; i++) rowAt[i] = at0 + cold[patterns + i] * stride;
    visit(l, d, leafPathAt[l]);
  }
}

const shapEntries = (d: number): number => d;
const pairEntries = (d: number): number => entries(d, true);

/**
 * Adds tree t's SHAP values for n rows into phi[i * phiStride + phiOffset[v] + feature] (row i, value slot v); the
 * arguments are forEachLeafPattern's. The rows are the inner loop, so consecutive additions go to different rows
 * instead of waiting on each other.
 */
export function explainTreeFromTables(
  tables: LeafTables,
  t: number,
  xT: Float64Array,
  n: number,
  blockRows: number,
  strict: boolean,
  phi: Float64Array,
  phiStride: number,
  phiOffset: Int32Array,
  nValues: number,
  cold: Int32Array,
  rowAt: Int32Array,
): void {
  const { leafValue, pathFeature, weights, maxValues } = tables;
  forEachLeafPattern(tables, t, xT, n, blockRows, strict, cold, rowAt, shapEntries, (l, d, p) => {
    for (let v = 0; v < nValues; v++) {
      const value = leafValue[l * maxValues + v];
      const o = phiOffset[v];
      for (let k = 0; k < d; k++) {
        const f = o + pathFeature[p + k];
        for (let i = 0; i < n; i++) phi[i * phiStride + f] += value * weights[rowAt[i] + k];
      }
    }
  });
}

/**
 * The interaction form of explainTreeFromTables (pair tables): value slot v of a leaf feeds output outputs[v]; row
 * i's SHAP values go to phi[i * phiStride + outputs[v] * m + f] and its off-diagonal interaction values to
 * pairs[i * pairStride + (outputs[v] * m + f) * m + g], both halves of the symmetric matrix.
 */
export function explainTreePairsFromTables(
  tables: LeafTables,
  t: number,
  xT: Float64Array,
  n: number,
  blockRows: number,
  strict: boolean,
  m: number,
  outputs: Int32Array,
  phi: Float64Array,
  phiStride: number,
  pairs: Float64Array,
  pairStride: number,
  cold: Int32Array,
  rowAt: Int32Array,
): void {
  const { leafValue, pathFeature, weights, maxValues } = tables;
  forEachLeafPattern(tables, t, xT, n, blockRows, strict, cold, rowAt, pairEntries, (l, d, p) => {
    for (let v = 0; v < outputs.length; v++) {
      const value = leafValue[l * maxValues + v];
      const o = outputs[v] * m;
      for (let a = 0, pair = d; a < d; a++) {
        const fa = o + pathFeature[p + a];
        for (let i = 0; i < n; i++) phi[i * phiStride + fa] += value * weights[rowAt[i] + a];
        for (let b = a + 1; b < d; b++, pair++) {
          const fb = o + pathFeature[p + b];
          const ab = fa * m + fb - o;
          const ba = fb * m + fa - o;
          for (let i = 0; i < n; i++) {
            const w = value * weights[rowAt[i] + pair];
            pairs[i * pairStride + ab] += w;
            pairs[i * pairStride + ba] += w;
          }
        }
      }
    }
  });
}
