// Which fold each row is tested in: scikit-learn's KFold (contiguous folds, the first n % k one row larger) and
// StratifiedKFold (1.x allocation: each class's rows dealt over the folds in blocks), optionally shuffled with our
// seeded generator (so shuffled folds are reproducible but not numpy's).
import { invalidInput } from '../../../shared/errors.js';
import { Random } from '../../ml/random.js';

export interface FoldOptions {
  /** class code per row for stratified folds; null for plain k-fold */
  classes: Int32Array | null;
  shuffle: boolean;
  seed: number;
}

export interface FoldAssignment {
  /** test fold (0..k-1) of every row */
  fold: Int32Array;
  /** set when a class has fewer rows than folds (scikit-learn warns too) */
  warning?: string;
}

export function assignFolds(n: number, k: number, options: FoldOptions): FoldAssignment {
  if (!Number.isInteger(k) || k < 2) throw invalidInput(`n_splits must be a whole number >= 2, got ${k}`, { param: 'n_splits' });
  if (k > n) throw invalidInput(`n_splits (${k}) is more than the ${n} rows`, { param: 'n_splits' });
  const rng = new Random(options.seed);
  return options.classes ? stratifiedFolds(options.classes, k, options.shuffle, rng) : { fold: plainFolds(n, k, options.shuffle, rng) };
}

function plainFolds(n: number, k: number, shuffle: boolean, rng: Random): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  if (shuffle) rng.shuffle(order);
  const fold = new Int32Array(n);
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    for (let r = start; r < start + size; r++) fold[order[r]] = f;
    start += size;
  }
  return fold;
}

function stratifiedFolds(classes: Int32Array, k: number, shuffle: boolean, rng: Random): FoldAssignment {
  const n = classes.length;
  // Classes numbered by first appearance, as scikit-learn does before allocating.
  const renumber = new Map<number, number>();
  const encoded = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let c = renumber.get(classes[i]);
    if (c === undefined) {
      c = renumber.size;
      renumber.set(classes[i], c);
    }
    encoded[i] = c;
  }
  const C = renumber.size;
  const counts = new Int32Array(C);
  for (let i = 0; i < n; i++) counts[encoded[i]]++;
  if (counts.every((c) => c < k)) {
    throw invalidInput(`n_splits (${k}) is more than the rows of every class (the largest has ${Math.max(...counts)})`, { param: 'n_splits' });
  }
  const smallest = Math.min(...counts);
  const warning = smallest < k ? `the smallest class has only ${smallest} rows, fewer than n_splits (${k}): some folds will miss it` : undefined;

  // allocation[f][c]: rows of class c in fold f = how many of sorted(encoded)[f::k] are c.
  const allocation = Array.from({ length: k }, () => new Int32Array(C));
  let position = 0;
  for (let c = 0; c < C; c++) {
    for (let j = 0; j < counts[c]; j++, position++) allocation[position % k][c]++;
  }
  const fold = new Int32Array(n);
  const rowsOf: number[][] = Array.from({ length: C }, () => []);
  for (let i = 0; i < n; i++) rowsOf[encoded[i]].push(i);
  for (let c = 0; c < C; c++) {
    const folds = new Int32Array(counts[c]);
    let at = 0;
    for (let f = 0; f < k; f++) for (let j = 0; j < allocation[f][c]; j++) folds[at++] = f;
    if (shuffle) rng.shuffle(folds);
    rowsOf[c].forEach((row, j) => (fold[row] = folds[j]));
  }
  return { fold, ...(warning ? { warning } : {}) };
}
