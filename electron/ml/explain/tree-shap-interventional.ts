// Interventional TreeSHAP: Shapley values of v(S) = mean over background rows b of f(x_S, b_rest), exact, in raw
// margin space. Per (row, background row, tree) one walk visits every leaf some mix of x and b reaches
// (shap's tree_shap_indep); base value = mean model output over the background. In probability space a logistic
// model's per-pair values are rescaled to sum to σ(f(x)) − σ(f(b)), as shap's model_output="probability" does.

import { invalidInput } from '../../../shared/errors.js';
import type { Tree, TreeEnsemble } from '../tree/types.js';
import { outputScales } from '../tree/predict.js';
import {
  addRowMargin,
  checkEnsembleShape,
  checkShapInputs,
  loadRow,
  outputOf,
  treeDepth,
  type TreeShapResult,
} from './tree-shap-common.js';

export interface InterventionalOptions {
  /** indices of the rows of `columns` to explain (all when omitted) */
  rows?: ArrayLike<number>;
  /** weight per background row (for example cluster sizes of a summarized background); equal when omitted */
  backgroundWeights?: ArrayLike<number>;
  /** 'probability': explain the class probability (logistic or identity link); default the raw margin */
  output?: 'raw' | 'probability';
}

const FEATURE_FREE = 0;
const FEATURE_FROM_X = 1;
const FEATURE_FROM_B = 2;

/** One (x, b) pair at a time over one tree, with preallocated path stacks. */
class PairWalk {
  /** features decided on the current path, and which row supplies them */
  private readonly stackFeature: Int32Array;
  private readonly side: Uint8Array;
  private depthUsed = 0;
  private nFromX = 0;
  private nFromB = 0;
  /** weightX[a * (D+1) + b] = (a-1)! b! / (a+b)!, weightB[...] = a! (b-1)! / (a+b)! */
  private readonly weightX: Float64Array;
  private readonly weightB: Float64Array;
  private readonly stride: number;

  private tree!: Tree;
  private x!: Float64Array;
  private b!: Float64Array;
  private strict = false;
  private phi!: Float64Array;
  private readonly phiOffset: Int32Array;
  private readonly valueScale: Float64Array;

  constructor(maxDepth: number, maxValues: number, nFeatures: number) {
    this.stackFeature = new Int32Array(maxDepth + 1);
    this.side = new Uint8Array(nFeatures);
    this.stride = maxDepth + 2;
    this.weightX = new Float64Array(this.stride * this.stride);
    this.weightB = new Float64Array(this.stride * this.stride);
    const logFact = new Float64Array(2 * this.stride + 1);
    for (let i = 1; i < logFact.length; i++) logFact[i] = logFact[i - 1] + Math.log(i);
    for (let a = 0; a < this.stride; a++) {
      for (let c = 0; c < this.stride; c++) {
        if (a > 0) this.weightX[a * this.stride + c] = Math.exp(logFact[a - 1] + logFact[c] - logFact[a + c]);
        if (c > 0) this.weightB[a * this.stride + c] = Math.exp(logFact[a] + logFact[c - 1] - logFact[a + c]);
      }
    }
    this.phiOffset = new Int32Array(maxValues);
    this.valueScale = new Float64Array(maxValues);
  }

  /** Add this tree's Shapley values of the game f(x_S, b_rest) − f(b), times `pairWeight`, into `phi`. */
  explainTree(
    tree: Tree,
    x: Float64Array,
    b: Float64Array,
    strict: boolean,
    phi: Float64Array,
    phiOffset: ArrayLike<number>,
    scale: ArrayLike<number>,
    pairWeight: number,
  ): void {
    this.tree = tree;
    this.x = x;
    this.b = b;
    this.strict = strict;
    this.phi = phi;
    for (let v = 0; v < tree.nValues; v++) {
      this.phiOffset[v] = phiOffset[v];
      this.valueScale[v] = scale[v] * pairWeight;
    }
    this.depthUsed = 0;
    this.nFromX = 0;
    this.nFromB = 0;
    this.walk(0);
  }

  private goesLeft(node: number, value: number): boolean {
    if (value !== value) return this.tree.missingLeft[node] === 1;
    return this.strict ? value < this.tree.threshold[node] : value <= this.tree.threshold[node];
  }

  private walk(node: number): void {
    const { tree, side } = this;
    const f = tree.feature[node];
    if (f < 0) {
      const a = this.nFromX;
      const c = this.nFromB;
      if (a + c === 0) return;
      const wx = this.weightX[a * this.stride + c];
      const wb = this.weightB[a * this.stride + c];
      for (let v = 0; v < tree.nValues; v++) {
        const value = tree.value[node * tree.nValues + v] * this.valueScale[v];
        const offset = this.phiOffset[v];
        for (let i = 0; i < this.depthUsed; i++) {
          const g = this.stackFeature[i];
          this.phi[offset + g] += side[g] === FEATURE_FROM_X ? value * wx : -value * wb;
        }
      }
      return;
    }
    const state = side[f];
    if (state === FEATURE_FROM_X) {
      this.walk(this.goesLeft(node, this.x[f]) ? tree.left[node] : tree.right[node]);
      return;
    }
    if (state === FEATURE_FROM_B) {
      this.walk(this.goesLeft(node, this.b[f]) ? tree.left[node] : tree.right[node]);
      return;
    }
    const xLeft = this.goesLeft(node, this.x[f]);
    const bLeft = this.goesLeft(node, this.b[f]);
    if (xLeft === bLeft) {
      this.walk(xLeft ? tree.left[node] : tree.right[node]);
      return;
    }
    this.stackFeature[this.depthUsed++] = f;
    side[f] = FEATURE_FROM_X;
    this.nFromX++;
    this.walk(xLeft ? tree.left[node] : tree.right[node]);
    this.nFromX--;
    side[f] = FEATURE_FROM_B;
    this.nFromB++;
    this.walk(bLeft ? tree.left[node] : tree.right[node]);
    this.nFromB--;
    side[f] = FEATURE_FREE;
    this.depthUsed--;
  }
}

/**
 * Interventional SHAP values of `options.rows` of `columns` against the background rows `background`
 * (columns too, same feature order). Cost grows with rows × background rows × trees; keep the background ≤ 1000.
 */
export function interventionalTreeShap(
  ensemble: TreeEnsemble,
  columns: Float64Array[],
  background: Float64Array[],
  options: InterventionalOptions = {},
): TreeShapResult {
  checkEnsembleShape(ensemble);
  const nRows = checkShapInputs(ensemble, columns, options.rows);
  const nBackground = checkShapInputs(ensemble, background, undefined, 'background');
  if (nBackground === 0) throw invalidInput('interventional TreeSHAP needs at least one background row');
  const pairWeights = backgroundShares(nBackground, options.backgroundWeights);
  const logistic = options.output === 'probability' && ensemble.link === 'logistic';
  if (options.output === 'probability' && ensemble.link === 'softmax') {
    throw invalidInput('TreeSHAP in probability space needs a logistic or identity link; a softmax model needs KernelSHAP');
  }

  const { trees, nOutputs, nFeatures: m } = ensemble;
  const scales = outputScales(ensemble);
  const maxDepth = Math.max(0, ...trees.map(treeDepth));
  const maxValues = Math.max(1, ...trees.map((t) => t.nValues));
  const phiOffsets = trees.map((tree, t) => Int32Array.from({ length: tree.nValues }, (_, v) => outputOf(ensemble, t, v) * m));
  const treeScales = trees.map((tree, t) => Float64Array.from({ length: tree.nValues }, (_, v) => scales[outputOf(ensemble, t, v)]));
  const strict = ensemble.splitRule === 'lt_f32';

  // Background rows once, row-major, in the split arithmetic, with their margins; base value = their weighted
  // mean output (margin, or probability).
  const backgroundRows = new Float64Array(nBackground * m);
  const backgroundMargins = new Float64Array(nBackground * nOutputs);
  const buffer = new Float64Array(m);
  const margin = new Float64Array(nOutputs);
  const baseValue = new Float64Array(nOutputs);
  for (let i = 0; i < nBackground; i++) {
    loadRow(background, i, ensemble.splitRule, buffer);
    backgroundRows.set(buffer, i * m);
    margin.fill(0);
    addRowMargin(ensemble, scales, buffer, margin);
    backgroundMargins.set(margin, i * nOutputs);
    for (let k = 0; k < nOutputs; k++) baseValue[k] += pairWeights[i] * (logistic ? sigmoid(margin[k]) : margin[k]);
  }
  const backgroundRow = Array.from({ length: nBackground }, (_, i) => backgroundRows.subarray(i * m, (i + 1) * m));

  const walk = new PairWalk(maxDepth, maxValues, m);
  const values = new Float64Array(nOutputs * nRows * m);
  const x = new Float64Array(m);
  const phi = new Float64Array(nOutputs * m);
  const pairPhi = new Float64Array(nOutputs * m);
  const marginX = new Float64Array(nOutputs);
  for (let r = 0; r < nRows; r++) {
    loadRow(columns, options.rows ? options.rows[r] : r, ensemble.splitRule, x);
    phi.fill(0);
    if (logistic) {
      marginX.fill(0);
      addRowMargin(ensemble, scales, x, marginX);
    }
    for (let i = 0; i < nBackground; i++) {
      const b = backgroundRow[i];
      if (!logistic) {
        for (let t = 0; t < trees.length; t++) walk.explainTree(trees[t], x, b, strict, phi, phiOffsets[t], treeScales[t], pairWeights[i]);
        continue;
      }
      // The pair's margin values sum to f(x) − f(b); one factor per output maps them onto σ(f(x)) − σ(f(b)).
      pairPhi.fill(0);
      for (let t = 0; t < trees.length; t++) walk.explainTree(trees[t], x, b, strict, pairPhi, phiOffsets[t], treeScales[t], 1);
      for (let k = 0; k < nOutputs; k++) {
        const mx = marginX[k];
        const mb = backgroundMargins[i * nOutputs + k];
        const factor = pairWeights[i] * (mx === mb ? 1 : (sigmoid(mx) - sigmoid(mb)) / (mx - mb));
        for (let j = 0; j < m; j++) phi[k * m + j] += factor * pairPhi[k * m + j];
      }
    }
    for (let k = 0; k < nOutputs; k++) {
      const dst = (k * nRows + r) * m;
      for (let j = 0; j < m; j++) values[dst + j] = phi[k * m + j];
    }
  }
  return { baseValue, values, nOutputs, nRows, nFeatures: m };
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function backgroundShares(n: number, weights: ArrayLike<number> | undefined): Float64Array {
  const shares = new Float64Array(n).fill(1 / n);
  if (!weights) return shares;
  if (weights.length !== n) throw invalidInput(`background has ${n} rows but ${weights.length} weights`);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!(weights[i] >= 0) || !Number.isFinite(weights[i])) throw invalidInput(`background weight ${i} must be a finite number >= 0`);
    total += weights[i];
  }
  if (!(total > 0)) throw invalidInput('background weights sum to 0');
  for (let i = 0; i < n; i++) shares[i] = weights[i] / total;
  return shares;
}
