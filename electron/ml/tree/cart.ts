// model.decision_tree: exact CART like scikit-learn's DecisionTreeClassifier/Regressor (best split over sorted
// distinct values, thresholds at midpoints, a learned direction for missing values, depth-first growth).
// Speed: every feature is sorted once up front (row order plus the values in that order, 12 bytes per cell),
// and each split stably partitions those sorted arrays, so no node ever sorts again and scans read memory
// in sequence: O(rows × features) per tree level.

import { cancelledError, invalidInput } from '../../../shared/errors.js';
import { Random } from '../random.js';
import type { FeatureMatrix, FitControl, Target } from '../types.js';
import { GrowingTree } from './growing-tree.js';
import { checkTrainingData, type TreeModel } from './model.js';
import { checkMaxDepth, resolveMaxFeatures, resolveRowCount, type MaxFeatures } from './params.js';
import { presort } from './presort.js';
import type { Tree } from './types.js';

export { predict, predictMargin, predictProba } from './model.js';

export type Criterion = 'gini' | 'entropy' | 'log_loss' | 'squared_error';

export interface DecisionTreeParams {
  /** null: gini for classification, squared_error for regression */
  criterion: Criterion | null;
  max_depth: number | null;
  min_samples_split: number;
  min_samples_leaf: number;
  max_features: MaxFeatures;
}

export const decisionTreeDefaults: DecisionTreeParams = {
  criterion: null,
  max_depth: null,
  min_samples_split: 2,
  min_samples_leaf: 1,
  max_features: null,
};

export type DecisionTreeModel = TreeModel<'decision_tree', DecisionTreeParams>;

/** scikit-learn treats values closer than this as equal when looking for split points */
const FEATURE_THRESHOLD = 1e-7;
const EPSILON = 2.220446049250313e-16;

export function fitDecisionTree(X: FeatureMatrix, y: Target, params: Partial<DecisionTreeParams> = {}, control: FitControl = { seed: 0 }): DecisionTreeModel {
  const p: DecisionTreeParams = { ...decisionTreeDefaults, ...params };
  const K = checkTrainingData(X, y);
  const criterion = resolveCriterion(p.criterion, y.task);
  const grower = new ExactTreeGrower(X.columns, X.nRows, y, K, {
    criterion,
    maxDepth: checkMaxDepth(p.max_depth),
    minSamplesSplit: resolveRowCount(p.min_samples_split, X.nRows, 'min_samples_split', 2),
    minSamplesLeaf: resolveRowCount(p.min_samples_leaf, X.nRows, 'min_samples_leaf', 1),
    maxFeatures: resolveMaxFeatures(p.max_features, X.columns.length),
  });
  const tree = grower.grow(new Random(control.seed), control);
  control.onProgress?.(1);
  const classification = y.task === 'classification';
  return {
    type: 'decision_tree',
    task: y.task,
    classes: classification ? [...y.classes] : [],
    featureNames: [...X.names],
    params: { ...p, criterion },
    ensemble: {
      trees: [tree],
      treeOutput: new Int32Array(1),
      nOutputs: classification ? K : 1,
      baseMargin: new Float64Array(classification ? K : 1),
      splitRule: 'le',
      aggregation: 'sum',
      link: 'identity',
      nFeatures: X.columns.length,
    },
  };
}

export function resolveCriterion(criterion: Criterion | null, task: Target['task']): Criterion {
  const c = criterion ?? (task === 'classification' ? 'gini' : 'squared_error');
  if ((c === 'squared_error') !== (task === 'regression')) {
    throw invalidInput(`criterion '${c}' does not fit a ${task} task`, { param: 'criterion' });
  }
  return c === 'log_loss' ? 'entropy' : c;
}

export interface ExactTreeSettings {
  criterion: Criterion;
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  maxFeatures: number;
}

class ExactTreeGrower {
  private readonly F: number;
  private readonly labels: Int32Array | null;
  private readonly targets: Float64Array | null;
  private readonly order: Int32Array;
  private readonly spill: Int32Array;
  /** the feature values in the same sorted order as `order`, so scans read memory sequentially */
  private readonly sorted: Float64Array;
  private readonly spillValues: Float64Array;
  private readonly goLeft: Uint8Array;
  private readonly features: Int32Array;
  // class counts: node total, non-missing and missing of the scanned feature, left side of the scan
  private readonly total: Int32Array;
  private readonly nonMissing: Int32Array;
  private readonly missing: Int32Array;
  private readonly leftCounts: Int32Array;
  /** c * log(c) for integer counts, so entropy splits need no log in the scan */
  private readonly xlogx: Float64Array | null;
  private nodeSum = 0;
  // best split of the current node
  private bestScore = -Infinity;
  private bestFeature = -1;
  private bestPos = -1;
  private bestMissingLeft = false;
  private bestMissing = 0;

  constructor(
    columns: Float64Array[],
    private readonly n: number,
    y: Target,
    private readonly K: number,
    private readonly settings: ExactTreeSettings,
  ) {
    this.F = columns.length;
    this.labels = y.task === 'classification' ? y.codes : null;
    this.targets = y.task === 'regression' ? y.values : null;
    this.order = presort(columns, n);
    this.spill = new Int32Array(n);
    this.spillValues = new Float64Array(n);
    this.sorted = new Float64Array(this.order.length);
    columns.forEach((col, f) => {
      for (let p = f * n; p < (f + 1) * n; p++) this.sorted[p] = col[this.order[p]];
    });
    this.goLeft = new Uint8Array(n);
    this.features = new Int32Array(this.F);
    const k = Math.max(K, 1);
    this.total = new Int32Array(k);
    this.nonMissing = new Int32Array(k);
    this.missing = new Int32Array(k);
    this.leftCounts = new Int32Array(k);
    this.xlogx = settings.criterion === 'entropy' ? new Float64Array(n + 1).map((_, c) => (c > 0 ? c * Math.log(c) : 0)) : null;
  }

  grow(rng: Random, control: FitControl): Tree {
    const { n, K, settings } = this;
    const classification = this.labels !== null;
    const V = classification ? K : 1;
    const tree = new GrowingTree(V, Math.min(2 * n + 1, 1 << 16));
    for (let f = 0; f < this.F; f++) this.features[f] = f;
    // stack of pending nodes: start, end, depth, parent id, 1 when it is the parent's left child
    const stack: number[] = [0, n, 0, -1, 0];
    let nodesDone = 0;
    while (stack.length > 0) {
      const isLeft = stack.pop()!;
      const parent = stack.pop()!;
      const depth = stack.pop()!;
      const end = stack.pop()!;
      const start = stack.pop()!;
      if ((++nodesDone & 511) === 0 && control.isCancelled?.()) throw cancelledError();
      const size = end - start;
      const impurity = this.nodeStats(start, end);
      const id = tree.addLeaf(size);
      if (parent >= 0) {
        if (isLeft) tree.left[parent] = id;
        else tree.right[parent] = id;
      }
      if (classification) for (let k = 0; k < K; k++) tree.value[id * V + k] = this.total[k] / size;
      else tree.value[id] = this.nodeSum / size;

      if (depth >= settings.maxDepth || size < settings.minSamplesSplit || size < 2 * settings.minSamplesLeaf || impurity <= EPSILON) continue;
      if (!this.findSplit(start, end, rng)) continue;
      const nLeft = this.applySplit(start, end, tree, id);
      stack.push(start + nLeft, end, depth + 1, id, 0);
      stack.push(start, start + nLeft, depth + 1, id, 1);
    }
    return tree.finish();
  }

  /** Fills the node's class counts (or target sum) from its rows and returns its impurity. */
  private nodeStats(start: number, end: number): number {
    const size = end - start;
    const order = this.order;
    if (this.labels) {
      const labels = this.labels;
      const total = this.total;
      total.fill(0);
      for (let i = start; i < end; i++) total[labels[order[i]]]++;
      let sq = 0;
      for (let k = 0; k < this.K; k++) sq += total[k] * total[k];
      return 1 - sq / (size * size);
    }
    const targets = this.targets!;
    let sum = 0;
    let sumSq = 0;
    for (let i = start; i < end; i++) {
      const v = targets[order[i]];
      sum += v;
      sumSq += v * v;
    }
    this.nodeSum = sum;
    const mean = sum / size;
    return sumSq / size - mean * mean;
  }

  /** Best split over up to maxFeatures non-constant features in random order; false when there is none. */
  private findSplit(start: number, end: number, rng: Random): boolean {
    const { F, n, sorted, features } = this;
    this.bestScore = -Infinity;
    this.bestFeature = -1;
    let visited = 0;
    for (let i = 0; i < F && visited < this.settings.maxFeatures; i++) {
      const j = i + rng.int(F - i);
      const f = features[j];
      features[j] = features[i];
      features[i] = f;
      const base = f * n;
      let nonMissingEnd = end;
      while (nonMissingEnd > start && sorted[base + nonMissingEnd - 1] !== sorted[base + nonMissingEnd - 1]) nonMissingEnd--;
      const nMissing = end - nonMissingEnd;
      if (nonMissingEnd === start) continue;
      const constant = sorted[base + nonMissingEnd - 1] <= sorted[base + start] + FEATURE_THRESHOLD;
      if (constant && nMissing === 0) continue;
      visited++;
      if (this.labels) {
        if (this.xlogx) this.scanEntropy(f, start, end, nonMissingEnd);
        else this.scanGini(f, start, end, nonMissingEnd);
      } else {
        this.scanSquaredError(f, start, end, nonMissingEnd);
      }
    }
    return this.bestFeature >= 0;
  }

  private record(score: number, f: number, pos: number, missingLeft: boolean, nMissing: number): void {
    this.bestScore = score;
    this.bestFeature = f;
    this.bestPos = pos;
    this.bestMissingLeft = missingLeft;
    this.bestMissing = nMissing;
  }

  /** Counts the missing rows' classes and the non-missing ones for feature f. */
  private countMissing(base: number, end: number, nonMissingEnd: number): void {
    const { order, K, total, missing, nonMissing, leftCounts } = this;
    const labels = this.labels!;
    missing.fill(0);
    leftCounts.fill(0);
    for (let p = nonMissingEnd; p < end; p++) missing[labels[order[base + p]]]++;
    for (let k = 0; k < K; k++) nonMissing[k] = total[k] - missing[k];
  }

  // Gini: maximize sum(left²)/nLeft + sum(right²)/nRight (scikit-learn's proxy improvement), kept up to date
  // in O(1) per row for both missing-value directions through running dot products.
  private scanGini(f: number, start: number, end: number, nonMissingEnd: number): void {
    const { n, order, K, total, missing, nonMissing, leftCounts } = this;
    const labels = this.labels!;
    const sorted = this.sorted;
    const base = f * n;
    const minLeaf = this.settings.minSamplesLeaf;
    const size = end - start;
    const nMissing = end - nonMissingEnd;
    this.countMissing(base, end, nonMissingEnd);
    let sumT2 = 0;
    let sumN2 = 0;
    let sumM2 = 0;
    for (let k = 0; k < K; k++) {
      sumT2 += total[k] * total[k];
      sumN2 += nonMissing[k] * nonMissing[k];
      sumM2 += missing[k] * missing[k];
    }
    let best = this.bestScore;
    let sqL = 0;
    let dotN = 0;
    let dotM = 0;
    for (let p = start; p < nonMissingEnd; p++) {
      const row = order[base + p];
      const c = labels[row];
      sqL += 2 * leftCounts[c] + 1;
      dotN += nonMissing[c];
      dotM += missing[c];
      leftCounts[c]++;
      const next = p + 1;
      if (next < nonMissingEnd) {
        if (sorted[base + next] <= sorted[base + p] + FEATURE_THRESHOLD) continue;
      } else if (nMissing === 0) break;
      const nL = next - start;
      if (size - nL < minLeaf) break;
      if (nL >= minLeaf) {
        const score = sqL / nL + (sumT2 - 2 * (dotN + dotM) + sqL) / (size - nL);
        if (score > best) {
          best = score;
          this.record(score, f, p, false, nMissing);
        }
      }
      if (nMissing > 0 && next < nonMissingEnd) {
        const nLm = nL + nMissing;
        if (nLm >= minLeaf && size - nLm >= minLeaf) {
          const score = (sqL + 2 * dotM + sumM2) / nLm + (sumN2 - 2 * dotN + sqL) / (size - nLm);
          if (score > best) {
            best = score;
            this.record(score, f, p, true, nMissing);
          }
        }
      }
    }
  }

  // Entropy: maximize -(nL·H_L + nR·H_R) = sum c·log c over both sides - nL·log nL - nR·log nR.
  private scanEntropy(f: number, start: number, end: number, nonMissingEnd: number): void {
    const { n, order, K, total, missing, nonMissing, leftCounts } = this;
    const labels = this.labels!;
    const xl = this.xlogx!;
    const sorted = this.sorted;
    const base = f * n;
    const minLeaf = this.settings.minSamplesLeaf;
    const size = end - start;
    const nMissing = end - nonMissingEnd;
    this.countMissing(base, end, nonMissingEnd);
    // left/right sums of c·log c with missing rows on the right (A) or on the left (B)
    let leftA = 0;
    let rightA = 0;
    let leftB = 0;
    let rightB = 0;
    for (let k = 0; k < K; k++) {
      rightA += xl[total[k]];
      leftB += xl[missing[k]];
      rightB += xl[nonMissing[k]];
    }
    let best = this.bestScore;
    for (let p = start; p < nonMissingEnd; p++) {
      const row = order[base + p];
      const c = labels[row];
      const a = leftCounts[c];
      leftA += xl[a + 1] - xl[a];
      rightA += xl[total[c] - a - 1] - xl[total[c] - a];
      leftB += xl[a + missing[c] + 1] - xl[a + missing[c]];
      rightB += xl[nonMissing[c] - a - 1] - xl[nonMissing[c] - a];
      leftCounts[c] = a + 1;
      const next = p + 1;
      if (next < nonMissingEnd) {
        if (sorted[base + next] <= sorted[base + p] + FEATURE_THRESHOLD) continue;
      } else if (nMissing === 0) break;
      const nL = next - start;
      if (size - nL < minLeaf) break;
      if (nL >= minLeaf) {
        const score = leftA - xl[nL] + rightA - xl[size - nL];
        if (score > best) {
          best = score;
          this.record(score, f, p, false, nMissing);
        }
      }
      if (nMissing > 0 && next < nonMissingEnd) {
        const nLm = nL + nMissing;
        if (nLm >= minLeaf && size - nLm >= minLeaf) {
          const score = leftB - xl[nLm] + rightB - xl[size - nLm];
          if (score > best) {
            best = score;
            this.record(score, f, p, true, nMissing);
          }
        }
      }
    }
  }

  // Squared error: maximize sumL²/nL + sumR²/nR.
  private scanSquaredError(f: number, start: number, end: number, nonMissingEnd: number): void {
    const { n, order } = this;
    const targets = this.targets!;
    const sorted = this.sorted;
    const base = f * n;
    const minLeaf = this.settings.minSamplesLeaf;
    const size = end - start;
    const nMissing = end - nonMissingEnd;
    let missingSum = 0;
    for (let p = nonMissingEnd; p < end; p++) missingSum += targets[order[base + p]];
    const total = this.nodeSum;
    const nonMissingSum = total - missingSum;
    let best = this.bestScore;
    let sumL = 0;
    for (let p = start; p < nonMissingEnd; p++) {
      const row = order[base + p];
      sumL += targets[row];
      const next = p + 1;
      if (next < nonMissingEnd) {
        if (sorted[base + next] <= sorted[base + p] + FEATURE_THRESHOLD) continue;
      } else if (nMissing === 0) break;
      const nL = next - start;
      if (size - nL < minLeaf) break;
      if (nL >= minLeaf) {
        const sumR = total - sumL;
        const score = (sumL * sumL) / nL + (sumR * sumR) / (size - nL);
        if (score > best) {
          best = score;
          this.record(score, f, p, false, nMissing);
        }
      }
      if (nMissing > 0 && next < nonMissingEnd) {
        const nLm = nL + nMissing;
        if (nLm >= minLeaf && size - nLm >= minLeaf) {
          const sL = sumL + missingSum;
          const sR = nonMissingSum - sumL;
          const score = (sL * sL) / nLm + (sR * sR) / (size - nLm);
          if (score > best) {
            best = score;
            this.record(score, f, p, true, nMissing);
          }
        }
      }
    }
  }

  /** Writes the best split into the tree, partitions every feature's sorted order and returns the left size. */
  private applySplit(start: number, end: number, tree: GrowingTree, id: number): number {
    const { n, F, order, sorted, spill, spillValues, goLeft } = this;
    const f = this.bestFeature;
    const pos = this.bestPos;
    const nMissing = this.bestMissing;
    const nonMissingEnd = end - nMissing;
    const base = f * n;
    let threshold: number;
    if (pos + 1 < nonMissingEnd) {
      const lo = sorted[base + pos];
      const hi = sorted[base + pos + 1];
      threshold = lo / 2 + hi / 2;
      if (threshold === hi || !Number.isFinite(threshold)) threshold = lo;
    } else {
      threshold = Infinity;
    }
    const nonMissingLeft = pos + 1 - start;
    // with no missing rows seen here, unseen missing values follow the larger child (as scikit-learn does)
    const missingLeft = nMissing > 0 ? this.bestMissingLeft : nonMissingLeft > end - start - nonMissingLeft;
    for (let p = start; p <= pos; p++) goLeft[order[base + p]] = 1;
    for (let p = pos + 1; p < nonMissingEnd; p++) goLeft[order[base + p]] = 0;
    const m = missingLeft ? 1 : 0;
    for (let p = nonMissingEnd; p < end; p++) goLeft[order[base + p]] = m;
    const nLeft = nonMissingLeft + (this.bestMissingLeft && nMissing > 0 ? nMissing : 0);

    for (let g = 0; g < F; g++) {
      const b = g * n;
      let w = b + start;
      let s = 0;
      for (let p = b + start, stop = b + end; p < stop; p++) {
        const row = order[p];
        const value = sorted[p];
        if (goLeft[row]) {
          order[w] = row;
          sorted[w++] = value;
        } else {
          spill[s] = row;
          spillValues[s++] = value;
        }
      }
      order.set(spill.subarray(0, s), w);
      sorted.set(spillValues.subarray(0, s), w);
    }
    tree.feature[id] = f;
    tree.threshold[id] = threshold;
    tree.missingLeft[id] = missingLeft ? 1 : 0;
    return nLeft;
  }
}
