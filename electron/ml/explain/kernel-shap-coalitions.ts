// Which coalitions KernelSHAP evaluates and their Shapley-kernel weights, following shap's KernelExplainer.explain:
// whole subset sizes are enumerated smallest first while the budget allows, the rest is filled by paired sampling.

import { Random } from '../random.js';

export interface Coalitions {
  /** nCoalitions × M bytes, 1 = feature present */
  masks: Uint8Array;
  /** kernel weight per coalition, summing to 1 */
  weights: Float64Array;
  count: number;
  /** true when every coalition except ∅ and the full set is in (the solution is then exact) */
  complete: boolean;
}

/** shap's budget: 'auto' = 2M + 2048, capped at 2^M − 2 (every proper non-empty coalition). */
export function coalitionBudget(m: number, nsamples: number | 'auto'): number {
  const wanted = nsamples === 'auto' ? 2 * m + 2048 : Math.max(1, Math.floor(nsamples));
  return m <= 30 ? Math.min(wanted, 2 ** m - 2) : wanted;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** Coalitions over M ≥ 2 players with a budget of `nsamples` (see coalitionBudget). */
export function shapleyCoalitions(m: number, nsamples: number, rng: Random): Coalitions {
  const masks = new Uint8Array(nsamples * m);
  const weights = new Float64Array(nsamples);
  let added = 0;
  const add = (mask: Uint8Array, w: number) => {
    masks.set(mask, added * m);
    weights[added++] = w;
  };

  const nSizes = Math.ceil((m - 1) / 2);
  const nPaired = Math.floor((m - 1) / 2);
  // Total kernel weight of each size s = 1..nSizes (a paired size also stands for its complement size M − s).
  const sizeWeight = new Float64Array(nSizes);
  for (let s = 1; s <= nSizes; s++) sizeWeight[s - 1] = ((m - 1) / (s * (m - s))) * (s <= nPaired ? 2 : 1);
  normalize(sizeWeight);

  let nFull = 0;
  let left = nsamples;
  const remaining = Float64Array.from(sizeWeight);
  const mask = new Uint8Array(m);
  for (let s = 1; s <= nSizes; s++) {
    const paired = s <= nPaired;
    const nSubsets = binomial(m, s) * (paired ? 2 : 1);
    if ((left * remaining[s - 1]) / nSubsets < 1 - 1e-8) break;
    nFull++;
    left -= nSubsets;
    if (remaining[s - 1] < 1) {
      const scale = 1 - remaining[s - 1];
      for (let i = 0; i < nSizes; i++) remaining[i] /= scale;
    }
    const w = sizeWeight[s - 1] / binomial(m, s) / (paired ? 2 : 1);
    forEachSubset(m, s, (members) => {
      mask.fill(0);
      for (const j of members) mask[j] = 1;
      add(mask, w);
      if (paired) {
        for (let j = 0; j < m; j++) mask[j] ^= 1;
        add(mask, w);
      }
    });
  }

  const nFixed = added;
  if (nFull < nSizes && left > 0) {
    // Draw a size from the leftover weights (halved when paired: each draw adds a sample and its complement).
    const drawWeight = new Float64Array(nSizes - nFull);
    for (let i = 0; i < drawWeight.length; i++) {
      const s = nFull + i + 1;
      drawWeight[i] = sizeWeight[s - 1] / (s <= nPaired ? 2 : 1);
    }
    normalize(drawWeight);
    const cumulative = new Float64Array(drawWeight.length);
    let acc = 0;
    for (let i = 0; i < drawWeight.length; i++) cumulative[i] = acc += drawWeight[i];

    const seen = new Map<string, number>();
    const maxDraws = 4 * left;
    for (let draw = 0; draw < maxDraws && left > 0; draw++) {
      const u = rng.uniform();
      let i = 0;
      while (i < cumulative.length - 1 && u >= cumulative[i]) i++;
      const s = nFull + i + 1;
      mask.fill(0);
      for (const j of rng.sample(m, s)) mask[j] = 1;
      const key = maskKey(mask);
      const at = seen.get(key);
      const isNew = at === undefined;
      if (isNew) {
        seen.set(key, added);
        add(mask, 1);
        left--;
      } else {
        weights[at] += 1;
      }
      if (left > 0 && s <= nPaired) {
        // The complement is always stored right after its sample.
        for (let j = 0; j < m; j++) mask[j] ^= 1;
        if (isNew) {
          add(mask, 1);
          left--;
        } else {
          weights[at + 1] += 1;
        }
      }
    }
    let leftWeight = 0;
    for (let s = nFull + 1; s <= nSizes; s++) leftWeight += sizeWeight[s - 1];
    let drawn = 0;
    for (let c = nFixed; c < added; c++) drawn += weights[c];
    for (let c = nFixed; c < added; c++) weights[c] *= leftWeight / drawn;
  }
  return { masks: masks.slice(0, added * m), weights: weights.slice(0, added), count: added, complete: nFull === nSizes };
}

function normalize(v: Float64Array): void {
  let total = 0;
  for (const x of v) total += x;
  for (let i = 0; i < v.length; i++) v[i] /= total;
}

function maskKey(mask: Uint8Array): string {
  let key = '';
  for (let j = 0; j < mask.length; j++) key += mask[j] ? '1' : '0';
  return key;
}

/** Calls `visit` with every s-subset of 0..m-1 in lexicographic order (the array is reused). */
function forEachSubset(m: number, s: number, visit: (members: Int32Array) => void): void {
  const members = Int32Array.from({ length: s }, (_, i) => i);
  for (;;) {
    visit(members);
    let i = s - 1;
    while (i >= 0 && members[i] === m - s + i) i--;
    if (i < 0) return;
    members[i]++;
    for (let j = i + 1; j < s; j++) members[j] = members[j - 1] + 1;
  }
}
