// Isolation Forest (Liu, Ting & Zhou 2008) with scikit-learn's choices: subsamples of max_samples rows
// without replacement, random feature and uniform threshold per split, depth limit ceil(log2 max_samples),
// score_samples = −2^(−E[h(x)] / c(max_samples)), offset −0.5 for contamination 'auto'.
import { cancelledError, invalidInput } from '../../../shared/errors.js';
import { Random } from '../random.js';
import { percentileOfSorted } from '../stats/summary.js';

export interface IsolationForestParams {
  nEstimators: number;
  /** rows per tree: 'auto' = min(256, n), a whole number (capped at n) or a fraction of n in (0, 1] */
  maxSamples: 'auto' | number;
  /** 'auto' = sklearn's offset −0.5; a share in (0, 0.5] puts the offset at that percentile of training scores */
  contamination: 'auto' | number;
  seed: number;
}

/** One tree in flat arrays; feature −1 marks a leaf, whose `pathLength` is depth + c(leaf size). */
export interface IsolationTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  pathLength: Float64Array;
}

export interface IsolationForest {
  trees: IsolationTree[];
  maxSamples: number;
  /** decision offset on score_samples: a row is an anomaly when its score is below it */
  offset: number;
  /** per-feature value used for missing inputs (the training median) */
  fill: Float64Array;
}

const EULER_GAMMA = 0.5772156649015329;
/** sklearn's FEATURE_THRESHOLD: a feature spanning less than this in a node is constant there. */
const CONSTANT_SPAN = 1e-7;

/** c(n): average path length of an unsuccessful search in a binary search tree of n points. */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/** sklearn's resolution of max_samples for n rows. */
export function resolveMaxSamples(maxSamples: 'auto' | number, n: number): number {
  if (maxSamples === 'auto') return Math.min(256, n);
  if (!(maxSamples > 0)) throw invalidInput('max_samples must be positive', { param: 'max_samples' });
  if (maxSamples <= 1 && !Number.isInteger(maxSamples)) return Math.max(1, Math.floor(maxSamples * n));
  return Math.min(Math.floor(maxSamples), n);
}

function medians(columns: readonly Float64Array[]): Float64Array {
  return Float64Array.from(columns, (col) => {
    const finite = Float64Array.from(col.filter((x) => Number.isFinite(x))).sort();
    return finite.length === 0 ? 0 : percentileOfSorted(finite, 50);
  });
}

function valueAt(columns: readonly Float64Array[], fill: Float64Array, feature: number, row: number): number {
  const x = columns[feature][row];
  return Number.isFinite(x) ? x : fill[feature];
}

function growTree(columns: readonly Float64Array[], fill: Float64Array, rows: Int32Array, maxDepth: number, rng: Random): IsolationTree {
  const nFeatures = columns.length;
  const capacity = 2 * rows.length;
  const feature = new Int32Array(capacity).fill(-1);
  const threshold = new Float64Array(capacity);
  const left = new Int32Array(capacity).fill(-1);
  const right = new Int32Array(capacity).fill(-1);
  const pathLength = new Float64Array(capacity);
  const order = new Int32Array(nFeatures);
  let nodes = 1;
  // stack of [node, lo, hi, depth]
  const stack: number[] = [0, 0, rows.length, 0];
  while (stack.length) {
    const depth = stack.pop() as number;
    const hi = stack.pop() as number;
    const lo = stack.pop() as number;
    const node = stack.pop() as number;
    const size = hi - lo;
    let split = -1;
    let cut = 0;
    if (depth < maxDepth && size >= 2) {
      // Draw features without replacement until one varies in this node (sklearn's random splitter).
      for (let f = 0; f < nFeatures; f++) order[f] = f;
      for (let remaining = nFeatures; remaining > 0 && split < 0; remaining--) {
        const pick = rng.int(remaining);
        const f = order[pick];
        order[pick] = order[remaining - 1];
        let min = Number.POSITIVE_INFINITY;
        let max = Number.NEGATIVE_INFINITY;
        for (let i = lo; i < hi; i++) {
          const x = valueAt(columns, fill, f, rows[i]);
          if (x < min) min = x;
          if (x > max) max = x;
        }
        if (max <= min + CONSTANT_SPAN) continue;
        split = f;
        cut = min + rng.uniform() * (max - min);
        if (cut === max) cut = min;
      }
    }
    if (split < 0) {
      pathLength[node] = depth + averagePathLength(size);
      continue;
    }
    let mid = lo;
    for (let i = lo; i < hi; i++) {
      if (valueAt(columns, fill, split, rows[i]) <= cut) {
        const t = rows[i];
        rows[i] = rows[mid];
        rows[mid++] = t;
      }
    }
    feature[node] = split;
    threshold[node] = cut;
    left[node] = nodes++;
    right[node] = nodes++;
    stack.push(right[node], mid, hi, depth + 1, left[node], lo, mid, depth + 1);
  }
  return {
    feature: feature.slice(0, nodes),
    threshold: threshold.slice(0, nodes),
    left: left.slice(0, nodes),
    right: right.slice(0, nodes),
    pathLength: pathLength.slice(0, nodes),
  };
}

/** Fits the forest on `columns` (one Float64Array per feature, NaN = missing, read as the median). */
export function fitIsolationForest(
  columns: readonly Float64Array[],
  nRows: number,
  params: IsolationForestParams,
  control: { onProgress?: (fraction: number) => void; isCancelled?: () => boolean } = {},
): IsolationForest {
  if (nRows < 1) throw invalidInput('anomaly detection needs at least one row');
  if (columns.length === 0) throw invalidInput('anomaly detection needs at least one feature column', { param: 'features' });
  if (!(Number.isInteger(params.nEstimators) && params.nEstimators >= 1)) throw invalidInput('n_estimators must be a whole number ≥ 1', { param: 'n_estimators' });
  const maxSamples = resolveMaxSamples(params.maxSamples, nRows);
  const maxDepth = Math.ceil(Math.log2(Math.max(maxSamples, 2)));
  const fill = medians(columns);
  const rng = new Random(params.seed);
  const trees: IsolationTree[] = [];
  for (let t = 0; t < params.nEstimators; t++) {
    if (control.isCancelled?.()) throw cancelledError();
    const treeRng = rng.fork();
    const rows = treeRng.sample(nRows, maxSamples);
    trees.push(growTree(columns, fill, rows, maxDepth, treeRng));
    control.onProgress?.((t + 1) / params.nEstimators / 2);
  }
  const forest: IsolationForest = { trees, maxSamples, offset: -0.5, fill };
  if (params.contamination !== 'auto') {
    const c = params.contamination;
    if (!(c > 0 && c <= 0.5)) throw invalidInput("contamination must be 'auto' or a share in (0, 0.5]", { param: 'contamination' });
    forest.offset = contaminationOffset(scoreSamples(forest, columns, nRows, control), c);
  }
  return forest;
}

/** sklearn's offset for a contamination share: that percentile of the training rows' score_samples. */
export function contaminationOffset(scores: Float64Array, contamination: number): number {
  return percentileOfSorted(scores.slice().sort(), 100 * contamination);
}

/** sklearn's score_samples: −2^(−mean path length / c(max_samples)); lower = more anomalous. */
export function scoreSamples(
  forest: IsolationForest,
  columns: readonly Float64Array[],
  nRows: number,
  control: { onProgress?: (fraction: number) => void; isCancelled?: () => boolean } = {},
): Float64Array {
  const depths = new Float64Array(nRows);
  const { fill } = forest;
  forest.trees.forEach((tree, t) => {
    if (control.isCancelled?.()) throw cancelledError();
    const { feature, threshold, left, right, pathLength } = tree;
    for (let r = 0; r < nRows; r++) {
      let node = 0;
      while (feature[node] >= 0) {
        const f = feature[node];
        const raw = columns[f][r];
        const x = Number.isFinite(raw) ? raw : fill[f];
        node = x <= threshold[node] ? left[node] : right[node];
      }
      depths[r] += pathLength[node];
    }
    control.onProgress?.(0.5 + (t + 1) / forest.trees.length / 2);
  });
  const denominator = forest.trees.length * averagePathLength(forest.maxSamples);
  const scores = new Float64Array(nRows);
  // sklearn divides with out=1 where the denominator is 0 (max_samples 1)
  for (let r = 0; r < nRows; r++) scores[r] = -(2 ** -(denominator === 0 ? 1 : depths[r] / denominator));
  return scores;
}
