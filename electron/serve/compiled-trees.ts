// A served tree ensemble flattened once into two typed arrays over all its trees: per node a split code and the
// right child in one Int32Array (two ints), the threshold in one Float64Array, nodes in depth-first order so a
// left child is the next node (no field for it) and a path down a tree reads mostly adjacent memory. Prediction
// keeps the exact arithmetic of ml/tree/predict.ts + ensemble-output.ts — leaf values added tree by tree in the
// same order, the same `sum · scale + base`, the same link, probabilities and argmax, the file's decision
// threshold — so answers are bit-for-bit those of predictWithModel; a parity test holds it to that. Per request it
// allocates only the output.
import type { ModelOutput, PlumbModelFile } from '../ml/model-file.js';
import { withThreshold } from '../ml/model-file/predict.js';
import { mostProbableClass } from '../ml/metrics/decision.js';
import { ensembleFromJson, type TreeEnsembleJson } from '../ml/tree/json.js';
import { applyLink } from '../ml/tree/predict.js';
import type { TreeEnsemble } from '../ml/tree/types.js';
import type { FeatureMatrix } from '../ml/types.js';

/** Kinds whose estimator predicts `ensembleOutput(model.ensemble, task, classes, X)`. */
const ENSEMBLE_KINDS = new Set(['decision_tree', 'random_forest', 'gradient_boosting', 'xgboost']);

/** Ints per node: [split code, right child's offset] (a leaf: [LEAF, offset of its values]). */
const STRIDE = 2;
/** Split code of a leaf; an inner node's code is its feature (missing goes left) or −2 − feature (missing right). */
const LEAF = -1;

export interface CompiledTrees {
  predict(X: FeatureMatrix): ModelOutput;
}

/** The flattened predictor of a tree-ensemble model file; undefined for any other kind. */
export function compileTrees(file: PlumbModelFile): CompiledTrees | undefined {
  if (!ENSEMBLE_KINDS.has(file.type)) return undefined;
  const json = (file.model as { ensemble?: TreeEnsembleJson }).ensemble;
  if (!json || !Array.isArray(json.trees)) return undefined;
  return flatten(ensembleFromJson(json), file);
}

/** The nodes reachable from the root, in depth-first pre-order; undefined when a node is reached twice. */
function depthFirst(feature: Int32Array, left: Int32Array, right: Int32Array): number[] | undefined {
  const order: number[] = [];
  const seen = new Uint8Array(feature.length);
  const stack = [0];
  while (stack.length) {
    const i = stack.pop()!;
    if (!(i >= 0 && i < feature.length) || seen[i]) return undefined;
    seen[i] = 1;
    order.push(i);
    if (feature[i] >= 0) stack.push(right[i], left[i]);
  }
  return order;
}

/**
 * Undefined for a structure this layout does not hold (a node reached twice, a feature or leaf width the file
 * does not have): such a model predicts, or fails, as it always does.
 */
function flatten(ensemble: TreeEnsemble, file: PlumbModelFile): CompiledTrees | undefined {
  const { trees, nOutputs: K } = ensemble;
  let nodeCount = 0;
  let valueCount = 0;
  for (const tree of trees) {
    nodeCount += tree.feature.length;
    valueCount += tree.value.length;
  }
  // Unreachable nodes (none in trained trees) keep their slots at the end of their tree, never visited.
  const nodes = new Int32Array(nodeCount * STRIDE);
  const thresholds = new Float64Array(nodeCount);
  const values = new Float64Array(valueCount);
  const roots = new Int32Array(trees.length);
  const widths = new Int32Array(trees.length);
  const offsets = new Int32Array(trees.length);
  const treesPerOutput = new Float64Array(K);
  let nodeBase = 0;
  let valueBase = 0;
  for (let t = 0; t < trees.length; t++) {
    const tree = trees[t];
    const n = tree.feature.length;
    if (tree.nValues !== 1 && tree.nValues !== K) return undefined;
    roots[t] = nodeBase * STRIDE;
    widths[t] = tree.nValues;
    if (tree.nValues === 1) {
      offsets[t] = ensemble.treeOutput[t] ?? 0;
      treesPerOutput[offsets[t]]++;
    } else {
      offsets[t] = 0;
      for (let k = 0; k < K; k++) treesPerOutput[k]++;
    }
    // Depth-first order (a node, its left subtree, its right subtree): a left child is the next node in memory.
    const order = depthFirst(tree.feature, tree.left, tree.right);
    if (!order) return undefined;
    const place = new Int32Array(n).fill(-1);
    order.forEach((i, slot) => (place[i] = slot));
    for (let slot = 0; slot < order.length; slot++) {
      const i = order[slot];
      const at = (nodeBase + slot) * STRIDE;
      const f = tree.feature[i];
      thresholds[nodeBase + slot] = tree.threshold[i];
      if (f < 0) {
        nodes[at] = LEAF;
        nodes[at + 1] = valueBase + i * tree.nValues;
      } else {
        if (f >= file.features.length || place[tree.left[i]] !== slot + 1) return undefined;
        nodes[at] = tree.missingLeft[i] ? f : -2 - f;
        nodes[at + 1] = (nodeBase + place[tree.right[i]]) * STRIDE;
      }
    }
    values.set(tree.value, valueBase);
    nodeBase += n;
    valueBase += tree.value.length;
  }
  const scale = new Float64Array(K);
  for (let k = 0; k < K; k++) scale[k] = ensemble.aggregation === 'mean' && treesPerOutput[k] > 0 ? 1 / treesPerOutput[k] : 1;
  const base = Float64Array.from({ length: K }, (_, k) => ensemble.baseMargin[k] ?? 0);
  const lessOrEqual = ensemble.splitRule === 'le';
  const nTrees = trees.length;
  const nFeatures = file.features.length;
  const row = new Float64Array(nFeatures);
  const classes = file.classes.length;

  const margins = (X: FeatureMatrix): Float64Array => {
    const n = X.nRows;
    const cols = X.columns;
    const out = new Float64Array(n * K);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < nFeatures; j++) row[j] = cols[j][i];
      const o = i * K;
      for (let t = 0; t < nTrees; t++) {
        let at = roots[t];
        let code = nodes[at];
        if (lessOrEqual) {
          while (code !== LEAF) {
            const x = row[code >= 0 ? code : -2 - code];
            const th = thresholds[at >> 1];
            at = x <= th ? at + STRIDE : x > th ? nodes[at + 1] : code >= 0 ? at + STRIDE : nodes[at + 1];
            code = nodes[at];
          }
        } else {
          while (code !== LEAF) {
            const x = Math.fround(row[code >= 0 ? code : -2 - code]);
            const th = thresholds[at >> 1];
            at = x < th ? at + STRIDE : x >= th ? nodes[at + 1] : code >= 0 ? at + STRIDE : nodes[at + 1];
            code = nodes[at];
          }
        }
        const v = nodes[at + 1];
        const w = widths[t];
        if (w === 1) out[o + offsets[t]] += values[v];
        else for (let k = 0; k < w; k++) out[o + k] += values[v + k];
      }
    }
    for (let k = 0; k < K; k++) for (let i = 0; i < n; i++) out[i * K + k] = out[i * K + k] * scale[k] + base[k];
    return out;
  };

  return {
    predict(X) {
      const margin = margins(X);
      const linked = applyLink(margin, K, ensemble.link);
      let out: ModelOutput;
      if (file.task === 'regression') out = { prediction: linked, margin };
      else {
        let proba = linked;
        if (K === 1 && classes === 2) {
          proba = new Float64Array(X.nRows * 2);
          for (let i = 0; i < X.nRows; i++) {
            proba[2 * i] = 1 - linked[i];
            proba[2 * i + 1] = linked[i];
          }
        }
        out = { prediction: mostProbableClass(proba, X.nRows, classes), proba, margin };
      }
      return file.decision_threshold === undefined ? out : withThreshold(out, file.decision_threshold);
    },
  };
}
