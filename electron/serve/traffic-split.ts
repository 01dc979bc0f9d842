// A/B traffic split: a request goes to one served version by weight; a request with a key always goes to the
// same version (a hash of the key picks the point on [0, 1)), one without a key is drawn at random.

/** FNV-1a over UTF-16 code units, finished with murmur3's fmix32 so every output bit depends on every input bit. */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface TrafficSplit {
  /** Index of the chosen version. */
  choose(key: string | undefined): number;
  readonly weights: readonly number[];
}

/** `weights` are relative (90,10 or 0.9,0.1); at least one must be positive. */
export function trafficSplit(weights: readonly number[], random: () => number = Math.random): TrafficSplit {
  if (weights.length === 0 || weights.some((w) => !Number.isFinite(w) || w < 0) || !weights.some((w) => w > 0)) {
    throw new Error(`split weights must be non-negative numbers with a positive sum, got ${weights.join(',')}`);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w / total));
  const pick = (u: number) => {
    for (let i = 0; i < cumulative.length; i++) if (u < cumulative[i] && weights[i] > 0) return i;
    return weights.findLastIndex((w) => w > 0);
  };
  return {
    weights: weights.map((w) => w / total),
    choose: (key) => pick(key === undefined ? random() : keyHash(key) / 2 ** 32),
  };
}

/** `90,10` → [90, 10]; a one-line error otherwise. */
export function parseSplit(text: string, models: number): number[] {
  const parts = text.split(',').map((p) => p.trim());
  const weights = parts.map(Number);
  if (parts.some((p) => p === '') || weights.some((w) => !Number.isFinite(w) || w < 0) || !weights.some((w) => w > 0)) {
    throw new Error(`--split: expected non-negative weights such as 90,10, got '${text}'`);
  }
  if (weights.length !== models) throw new Error(`--split: ${weights.length} weights for ${models} models; give one weight per model`);
  return weights;
}
