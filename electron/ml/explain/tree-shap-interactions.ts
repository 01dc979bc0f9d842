// Exact path-dependent SHAP interaction values of any TreeEnsemble in raw margin space (Lundberg et al. 2020,
// Nature MI, Algorithm 3; shap's dense_tree_interactions_path_dependent; XGBoost's pred_interactions). For each
// row the M × M matrix has φ_ij = φ_ji = the Shapley interaction index split in half (i ≠ j) and the main effect
// φ_ii = φ_i − Σ_{j≠i} φ_ij on the diagonal, so row i sums to the SHAP value φ_i and base + Σ_ij φ_ij = the margin.

import type { Tree, TreeEnsemble } from '../tree/types.js';
import { outputScales } from '../tree/predict.js';
import { cancelledError } from '../../../shared/errors.js';
import type { ExplainControl } from './exact-shapley.js';
import { ClassicTreeShap } from './tree-shap-classic.js';
import { checkEnsembleShape, checkShapInputs, coverFraction, loadRow, outputOf, pathDependentBase, treeDepth } from './tree-shap-common.js';
import { gaussLegendre01 } from './tree-shap-quadrature.js';
import { explainTreePairsFromTables, fillLeafTables, planLeafTables } from './tree-shap-tables.js';

export interface TreeShapInteractions {
  /** expected model output per output (the base value) */
  baseValue: Float64Array;
  /** values[((k * nRows + r) * nFeatures + i) * nFeatures + j]: output k, r-th explained row, features i and j */
  values: Float64Array;
  nOutputs: number;
  nRows: number;
  nFeatures: number;
}

export interface TreeShapInteractionOptions {
  /**
   * All exact. 'auto' (default): per-leaf pair tables (tree-shap-tables.ts) for the trees where they pay off over the
   * rows explained, quadrature for the rest; 'tables': tables for every tree within their depth and memory limits;
   * 'quadrature': every leaf's pair terms from one Gauss-Legendre rule, O(L·D²·D/2) per tree and row;
   * 'classic': Algorithm 3 as shap and XGBoost ≤ 3.2 run it, TreeSHAP with each of the tree's features held
   * present and absent, O(L·D³).
   */
  algorithm?: 'auto' | 'tables' | 'quadrature' | 'classic';
}

/** Rows explained together, tree by tree (fewer when the M × M matrices would take more than 8 MB). */
const ROW_BLOCK = 32;

/** Interaction values of `rows` (indices into `columns`, all rows when omitted); `columns[j]` is feature j, NaN = missing. */
export function treeShapInteractions(
  ensemble: TreeEnsemble,
  columns: Float64Array[],
  rows?: ArrayLike<number>,
  options: TreeShapInteractionOptions = {},
  control: ExplainControl = {},
): TreeShapInteractions {
  checkEnsembleShape(ensemble);
  const nRows = checkShapInputs(ensemble, columns, rows);
  const { trees, nOutputs, nFeatures: m } = ensemble;
  const scales = outputScales(ensemble);
  const baseValue = pathDependentBase(ensemble, scales);
  const mm = m * m;
  const values = new Float64Array(nOutputs * nRows * mm);

  const depths = trees.map(treeDepth);
  const maxDepth = Math.max(0, ...depths);
  const maxValues = Math.max(1, ...trees.map((t) => t.nValues));
  const outputs = trees.map((tree, t) => Int32Array.from({ length: tree.nValues }, (_, v) => outputOf(ensemble, t, v)));
  const treeScales = trees.map((tree, t) => Float64Array.from({ length: tree.nValues }, (_, v) => scales[outputs[t][v]]));
  const algorithm = options.algorithm ?? 'auto';
  const tables =
    algorithm === 'auto' || algorithm === 'tables'
      ? planLeafTables(ensemble, scales, (t, v) => outputOf(ensemble, t, v), nRows, algorithm === 'tables', undefined, true)
      : null;
  if (tables) fillLeafTables(tables, 0, trees.length);

  const strict = ensemble.splitRule === 'lt_f32';
  const block = Math.max(1, Math.min(ROW_BLOCK, Math.floor((1 << 20) / (nOutputs * mm))));
  const phiStride = nOutputs * m;
  const pairStride = nOutputs * mm;
  const xBlock = new Float64Array(block * m);
  const xs = Array.from({ length: block }, (_, i) => xBlock.subarray(i * m, (i + 1) * m));
  const xT = new Float64Array(block * m);
  const phi = new Float64Array(block * phiStride);
  const phis = Array.from({ length: block }, (_, i) => phi.subarray(i * phiStride, (i + 1) * phiStride));
  const pairs = new Float64Array(block * pairStride);
  const pairViews = Array.from({ length: block }, (_, i) => pairs.subarray(i * pairStride, (i + 1) * pairStride));
  const cold = new Int32Array((tables ? tables.maxSlots : 1) * block);
  const rowAt = new Int32Array(block);
  const explainTree =
    algorithm === 'classic' ? classicExplainer(trees, maxDepth, maxValues, nOutputs, m) : quadratureExplainer(maxDepth, maxValues, m);

  for (let r0 = 0; r0 < nRows; r0 += block) {
    if (control.isCancelled?.()) throw cancelledError();
    if (r0 > 0) control.onProgress?.(r0 / nRows);
    const n = Math.min(block, nRows - r0);
    for (let i = 0; i < n; i++) {
      loadRow(columns, rows ? rows[r0 + i] : r0 + i, ensemble.splitRule, xs[i]);
      for (let j = 0; j < m; j++) xT[j * block + i] = xs[i][j];
    }
    phi.fill(0);
    pairs.fill(0);
    for (let t = 0; t < trees.length; t++) {
      if (tables && tables.tabled[t]) {
        explainTreePairsFromTables(tables, t, xT, n, block, strict, m, outputs[t], phi, phiStride, pairs, pairStride, cold, rowAt);
      } else {
        for (let i = 0; i < n; i++) explainTree(t, trees[t], depths[t], xs[i], strict, outputs[t], treeScales[t], phis[i], pairViews[i]);
      }
    }
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < nOutputs; k++) {
        const dst = (k * nRows + r0 + i) * mm;
        const src = i * pairStride + k * mm;
        for (let a = 0; a < m; a++) {
          let offDiagonal = 0;
          for (let b = 0; b < m; b++) {
            const v = pairs[src + a * m + b];
            values[dst + a * m + b] = v;
            if (b !== a) offDiagonal += v;
          }
          values[dst + a * m + a] = phi[i * phiStride + k * m + a] - offDiagonal;
        }
      }
    }
  }
  control.onProgress?.(1);
  return { baseValue, values, nOutputs, nRows, nFeatures: m };
}

/**
 * Adds tree t's SHAP values of row x into phi[k * m + i] and its off-diagonal interaction values into
 * pairs[(k * m + i) * m + j] (value slot v of a leaf feeds output outputs[v], scaled by scale[v]).
 */
type TreeExplainer = (
  t: number,
  tree: Tree,
  depth: number,
  x: Float64Array,
  strict: boolean,
  outputs: Int32Array,
  scale: Float64Array,
  phi: Float64Array,
  pairs: Float64Array,
) => void;

/** The features a tree splits on, each once. */
export function treeFeatures(tree: Tree): Int32Array {
  const seen = new Set<number>();
  for (let n = 0; n < tree.feature.length; n++) if (tree.feature[n] >= 0) seen.add(tree.feature[n]);
  return Int32Array.from([...seen].sort((a, b) => a - b));
}

/**
 * Algorithm 3: plain TreeSHAP for φ, then for every feature j of the tree TreeSHAP over the other players with j
 * held present and absent; half the difference is row j of the interaction matrix (shap's tree_shap_interactions).
 */
function classicExplainer(trees: Tree[], maxDepth: number, maxValues: number, nOutputs: number, m: number): TreeExplainer {
  const classic = new ClassicTreeShap(maxDepth, maxValues);
  const features = trees.map(treeFeatures);
  const on = new Float64Array(nOutputs * m);
  const off = new Float64Array(nOutputs * m);
  const phiOffset = new Int32Array(maxValues);
  return (t, tree, _depth, x, strict, outputs, scale, phi, pairs) => {
    for (let v = 0; v < tree.nValues; v++) phiOffset[v] = outputs[v] * m;
    classic.explainTree(tree, x, strict, phi, phiOffset, scale);
    const used = features[t];
    for (const j of used) {
      // Only the tree's own features can get a value in the conditioned runs.
      for (let v = 0; v < tree.nValues; v++) {
        for (const i of used) {
          on[phiOffset[v] + i] = 0;
          off[phiOffset[v] + i] = 0;
        }
      }
      classic.explainTree(tree, x, strict, on, phiOffset, scale, 1, j);
      classic.explainTree(tree, x, strict, off, phiOffset, scale, -1, j);
      for (let v = 0; v < tree.nValues; v++) {
        const row = (outputs[v] * m + j) * m;
        for (const i of used) if (i !== j) pairs[row + i] += (on[phiOffset[v] + i] - off[phiOffset[v] + i]) / 2;
      }
    }
  };
}

/**
 * One walk per tree. A leaf with value y reached through unique path features with cover fractions z_k and
 * indicators o_k adds (the Beta-integral form of the Shapley weights, as in tree-shap-quadrature.ts):
 *   φ_i  += y (o_i − z_i) ∫₀¹ Π_{k≠i} (z_k (1−t) + o_k t) dt
 *   φ_ij += y (o_i − z_i)(o_j − z_j) / 2 · ∫₀¹ Π_{k≠i,j} (z_k (1−t) + o_k t) dt
 * The second is Algorithm 3's half difference of the j-present and j-absent runs for that leaf, in closed form. The
 * integrands are polynomials of degree < D, so ceil(D/2) Gauss-Legendre nodes integrate them exactly.
 */
function quadratureExplainer(maxDepth: number, maxValues: number, m: number): TreeExplainer {
  const maxQ = Math.max(1, Math.ceil(maxDepth / 2));
  const rules = Array.from({ length: maxQ }, (_, n) => gaussLegendre01(n + 1));
  const slots = maxDepth + 1;
  const pathFeature = new Int32Array(slots);
  const pathZero = new Float64Array(slots);
  const pathOne = new Float64Array(slots);
  const slotOf = new Int32Array(m).fill(-1);
  const inverse = new Float64Array(slots * maxQ);
  const weighted = new Float64Array(maxQ);
  const single = new Float64Array(slots);
  const leafScale = new Float64Array(maxValues);
  let pathLength = 0;

  let tree!: Tree;
  let x!: Float64Array;
  let strict = false;
  let outputs!: Int32Array;
  let scale!: Float64Array;
  let phi!: Float64Array;
  let pairs!: Float64Array;
  let q = 1;
  let nodesT!: Float64Array;
  let weightsT!: Float64Array;

  const leaf = (node: number): void => {
    const d = pathLength;
    if (d === 0) return;
    for (let i = 0; i < q; i++) weighted[i] = weightsT[i];
    for (let s = 0; s < d; s++) {
      const z = pathZero[s];
      const o = pathOne[s];
      for (let i = 0; i < q; i++) {
        const factor = z * (1 - nodesT[i]) + o * nodesT[i];
        weighted[i] *= factor;
        inverse[s * q + i] = 1 / factor;
      }
    }
    for (let s = 0; s < d; s++) {
      let total = 0;
      for (let i = 0; i < q; i++) total += weighted[i] * inverse[s * q + i];
      single[s] = total * (pathOne[s] - pathZero[s]);
    }
    const nValues = tree.nValues;
    for (let v = 0; v < nValues; v++) leafScale[v] = tree.value[node * nValues + v] * scale[v];
    for (let a = 0; a < d; a++) {
      const fa = pathFeature[a];
      for (let v = 0; v < nValues; v++) phi[outputs[v] * m + fa] += leafScale[v] * single[a];
      const da = pathOne[a] - pathZero[a];
      if (da === 0) continue;
      for (let b = a + 1; b < d; b++) {
        const db = pathOne[b] - pathZero[b];
        if (db === 0) continue;
        let total = 0;
        for (let i = 0; i < q; i++) total += weighted[i] * inverse[a * q + i] * inverse[b * q + i];
        const half = 0.5 * da * db * total;
        const fb = pathFeature[b];
        for (let v = 0; v < nValues; v++) {
          const value = leafScale[v] * half;
          const base = outputs[v] * m;
          pairs[(base + fa) * m + fb] += value;
          pairs[(base + fb) * m + fa] += value;
        }
      }
    }
  };

  const recurse = (node: number): void => {
    const f = tree.feature[node];
    if (f < 0) {
      leaf(node);
      return;
    }
    const xv = x[f];
    const th = tree.threshold[node];
    const goLeft = xv !== xv ? tree.missingLeft[node] === 1 : strict ? xv < th : xv <= th;
    const hot = goLeft ? tree.left[node] : tree.right[node];
    const cold = goLeft ? tree.right[node] : tree.left[node];
    // A feature split on again keeps one record whose fractions multiply (as UNWIND + EXTEND do in Algorithm 2).
    const slot = slotOf[f];
    const had = slot >= 0;
    const zOld = had ? pathZero[slot] : 1;
    const oOld = had ? pathOne[slot] : 1;
    const at = had ? slot : pathLength;
    for (let side = 0; side < 2; side++) {
      const child = side === 0 ? hot : cold;
      const zNew = zOld * coverFraction(tree, node, child);
      const oNew = side === 0 ? oOld : 0;
      // No cover and not taken by x: every term of the leaves below has a zero factor.
      if (zNew === 0 && oNew === 0) continue;
      pathZero[at] = zNew;
      pathOne[at] = oNew;
      if (!had) {
        pathFeature[at] = f;
        slotOf[f] = at;
        pathLength++;
      }
      recurse(child);
      if (!had) {
        slotOf[f] = -1;
        pathLength--;
      }
    }
    if (had) {
      pathZero[slot] = zOld;
      pathOne[slot] = oOld;
    }
  };

  return (_t, treeIn, depth, xIn, strictIn, outputsIn, scaleIn, phiIn, pairsIn) => {
    tree = treeIn;
    x = xIn;
    strict = strictIn;
    outputs = outputsIn;
    scale = scaleIn;
    phi = phiIn;
    pairs = pairsIn;
    q = Math.max(1, Math.ceil(depth / 2));
    nodesT = rules[q - 1].nodes;
    weightsT = rules[q - 1].weights;
    pathLength = 0;
    recurse(0);
  };
}
