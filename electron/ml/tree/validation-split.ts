// Seeded holdout split for early stopping, like scikit-learn's train_test_split(test_size=fraction, stratify=y):
// ceil(fraction × n) validation rows, shared out over the classes in proportion to their sizes.

import type { Random } from '../random.js';

export interface RowSplit {
  /** ascending row indices */
  train: Int32Array;
  /** ascending row indices */
  valid: Int32Array;
}

/** `classes` (codes 0..K-1) stratifies the split; null splits at random. */
export function validationSplit(n: number, fraction: number, rng: Random, classes: Int32Array | null, K: number): RowSplit {
  const nValid = Math.min(n - 1, Math.max(1, Math.ceil(fraction * n)));
  const isValid = new Uint8Array(n);
  if (!classes) {
    for (const i of rng.sample(n, nValid)) isValid[i] = 1;
  } else {
    const members: number[][] = Array.from({ length: K }, () => []);
    for (let i = 0; i < n; i++) members[classes[i]].push(i);
    // largest-remainder allocation of the validation rows to classes
    const exact = members.map((m) => (nValid * m.length) / n);
    const take = exact.map(Math.floor);
    let left = nValid - take.reduce((a, b) => a + b, 0);
    const byRemainder = exact.map((e, k) => k).sort((a, b) => exact[b] - take[b] - (exact[a] - take[a]) || a - b);
    for (const k of byRemainder) {
      if (left === 0) break;
      if (take[k] < members[k].length) {
        take[k]++;
        left--;
      }
    }
    members.forEach((m, k) => {
      for (const j of rng.sample(m.length, take[k])) isValid[m[j]] = 1;
    });
  }
  const train = new Int32Array(n - nValid);
  const valid = new Int32Array(nValid);
  let t = 0;
  let v = 0;
  for (let i = 0; i < n; i++) {
    if (isValid[i]) valid[v++] = i;
    else train[t++] = i;
  }
  return { train, valid };
}
