// floor32/ceil32 against brute force: for random doubles t and every float32 x near t, x <= t ⇔ x <= floor32(t)
// and x < t ⇔ x < ceil32(t); and the float32 neighbours are found across zero, subnormals and the largest float.
import { describe, expect, it } from 'vitest';
import { ceil32, floor32 } from '../../../../../electron/ml/onnx/float32-thresholds.js';
import { Random } from '../../../../../electron/ml/random.js';

const f = new Float32Array(1);
const u = new Int32Array(f.buffer);

/** The float32 values within `k` steps of fround(t). */
function around(t: number, k: number): number[] {
  f[0] = t;
  const base = u[0];
  const out: number[] = [];
  for (let d = -k; d <= k; d++) {
    u[0] = base + d;
    if (Number.isFinite(f[0])) out.push(f[0]);
  }
  return out;
}

describe('float32 thresholds', () => {
  it('keep every float32 comparison of random doubles', () => {
    const rng = new Random(1);
    for (let n = 0; n < 4000; n++) {
      const t = (rng.normal() * 10 ** rng.int(12)) / 10 ** rng.int(6);
      const lo = floor32(t);
      const hi = ceil32(t);
      expect(Math.fround(lo)).toBe(lo);
      expect(Math.fround(hi)).toBe(hi);
      expect(lo).toBeLessThanOrEqual(t);
      expect(hi).toBeGreaterThanOrEqual(t);
      for (const x of around(t, 3)) {
        expect(x <= lo).toBe(x <= t);
        expect(x < hi).toBe(x < t);
      }
    }
  });

  it('handles float32-exact values, zero, tiny and huge thresholds', () => {
    expect(floor32(0.5)).toBe(0.5);
    expect(ceil32(0.5)).toBe(0.5);
    expect(floor32(1e-50)).toBe(0);
    expect(ceil32(1e-50)).toBe(2 ** -149);
    expect(floor32(-1e-50)).toBe(-(2 ** -149));
    expect(floor32(1e39)).toBe(3.4028234663852886e38);
    expect(floor32(Infinity)).toBe(Infinity);
    expect(ceil32(-Infinity)).toBe(-Infinity);
    expect(floor32(0.1)).toBeLessThan(0.1);
    expect(ceil32(0.1)).toBeGreaterThan(0.1);
  });
});
