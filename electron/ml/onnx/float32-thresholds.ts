// Split thresholds for ONNX-ML trees, which compare float32 inputs with float32 thresholds. A double threshold t
// rounded to nearest could flip a comparison (a float32 x with t < x <= fround(t)), so we round towards the side
// that keeps the branch: for every float32 x,
//   x <= t  ⇔  x <= floor32(t)   (floor32(t): the largest float32 ≤ t)    — Plumb's 'le' splits (BRANCH_LEQ)
//   x <  t  ⇔  x <  ceil32(t)    (ceil32(t):  the smallest float32 ≥ t)   — XGBoost's 'lt_f32' splits (BRANCH_LT)
// Both hold because no float32 lies strictly between floor32(t) and t (or t and ceil32(t)).

const f32 = new Float32Array(1);
const bits = new Int32Array(f32.buffer);

/** The float32 next to `x` (a float32) towards −∞ (dir −1) or +∞ (dir +1). */
function nextFloat32(x: number, dir: 1 | -1): number {
  if (Number.isNaN(x) || x === dir * Infinity) return x;
  if (x === 0) return dir * 2 ** -149;
  f32[0] = x;
  // for a positive float the bit pattern grows with the value, for a negative one it shrinks
  bits[0] += (x > 0) === (dir > 0) ? 1 : -1;
  return f32[0];
}

/** The largest float32 ≤ t (±Infinity stay). */
export function floor32(t: number): number {
  const r = Math.fround(t);
  return r > t ? nextFloat32(r, -1) : r;
}

/** The smallest float32 ≥ t. */
export function ceil32(t: number): number {
  const r = Math.fround(t);
  return r < t ? nextFloat32(r, 1) : r;
}
