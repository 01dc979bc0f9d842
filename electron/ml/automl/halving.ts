// Successive halving's schedule, as scikit-learn's HalvingRandomSearchCV computes it (min_resources 'exhaust'):
// rung i evaluates ceil(n / factor^i) candidates on min_resources · factor^i rows, the best 1/factor going on.

export interface HalvingOptions {
  nCandidates: number;
  /** all rows */
  maxResources: number;
  factor: number;
  /** the smallest rung scikit-learn allows: 2 · folds (· classes for classification) */
  smallest: number;
}

export interface Rung {
  /** rows evaluated on */
  resources: number;
  /** candidates evaluated */
  candidates: number;
}

/**
 * floor(log_base(x)) in whole numbers. scikit-learn uses floating-point math.log, which on some platforms lands just
 * below an exact power (log(243, 3) = 4.999…); this is exact, so the two can differ only when x is a power of factor.
 */
function floorLog(x: number, base: number): number {
  let k = 0;
  for (let p = base; p <= x; p *= base) k++;
  return k;
}

export function halvingSchedule(options: HalvingOptions): Rung[] {
  const { nCandidates, maxResources, factor } = options;
  if (nCandidates < 1) return [];
  const required = 1 + floorLog(nCandidates, factor);
  const minResources = Math.max(options.smallest, Math.floor(maxResources / factor ** (required - 1)));
  const possible = 1 + floorLog(Math.floor(maxResources / Math.max(1, minResources)), factor);
  const rungs: Rung[] = [];
  let candidates = nCandidates;
  for (let i = 0; i < Math.min(possible, required); i++) {
    rungs.push({ resources: Math.min(maxResources, Math.floor(factor ** i * minResources)), candidates });
    candidates = Math.ceil(candidates / factor);
  }
  return rungs;
}

/** Indices of the `k` best scores (higher is better); ties go to the earlier candidate, so the cut is deterministic. */
export function topK(scores: readonly number[], k: number): number[] {
  return scores
    .map((s, i) => ({ s: Number.isFinite(s) ? s : -Infinity, i }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, k)
    .map((e) => e.i);
}
