// Special functions the p-values are built on: log-gamma and its Stirling correction, log-beta, the
// error function, and the saddle-point pieces (stirlerr, bd0) that give binomial terms to full precision.

const LN_SQRT_2PI = 0.9189385332046728; // ln(sqrt(2π))
const LN_2PI = 1.8378770664093453;

/** Above this, lnΓ uses the Stirling series directly (its tail is below 1e-17 there). */
const STIRLING_FROM = 15;

/** Bernoulli-number coefficients B_2k / (2k (2k − 1)), k = 1..7. */
const STIRLING = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156];

/** lnΓ(x) − [(x − ½) ln x − x + ln √(2π)], for x ≥ 15. */
export function stirlingCorrection(x: number): number {
  const r = 1 / (x * x);
  let s = STIRLING[6];
  for (let k = 5; k >= 0; k--) s = s * r + STIRLING[k];
  return s / x;
}

/** ln Γ(x) for x > 0 (about 1e-15 absolute error below 15, relative above). */
export function logGamma(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return Number.POSITIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return x;
  if (x >= STIRLING_FROM) return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingCorrection(x);
  // Γ(x) = Γ(x + k) / (x (x+1) … (x+k−1)); the product stays far from overflow for k ≤ 15.
  let product = 1;
  let y = x;
  while (y < STIRLING_FROM) {
    product *= y;
    y += 1;
  }
  return (y - 0.5) * Math.log(y) - y + LN_SQRT_2PI + stirlingCorrection(y) - Math.log(product);
}

/** ln Γ(big) − ln Γ(big + small) for big ≥ 15, without subtracting two huge numbers. */
function logGammaRatio(big: number, small: number): number {
  const sum = big + small;
  return (big - 0.5) * Math.log1p(-small / sum) - small * Math.log(sum) + small + stirlingCorrection(big) - stirlingCorrection(sum);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), accurate also when a or b is in the millions. */
export function logBeta(a: number, b: number): number {
  const small = Math.min(a, b);
  const big = Math.max(a, b);
  if (big < STIRLING_FROM) return logGamma(a) + logGamma(b) - logGamma(a + b);
  if (small < STIRLING_FROM) return logGamma(small) + logGammaRatio(big, small);
  const sum = a + b;
  return (
    LN_SQRT_2PI -
    0.5 * Math.log(sum) +
    (a - 0.5) * Math.log1p(-b / sum) +
    (b - 0.5) * Math.log1p(-a / sum) +
    stirlingCorrection(a) +
    stirlingCorrection(b) -
    stirlingCorrection(sum)
  );
}

/** ln(1 + t) − t, accurate for small |t| where the two terms nearly cancel. */
export function log1pmx(t: number): number {
  if (Math.abs(t) >= 0.5) return Math.log1p(t) - t;
  // −t²/2 + t³/3 − …: the terms shrink at least by half each step.
  let power = t * t;
  let sum = -power / 2;
  for (let k = 3; k < 200; k++) {
    power *= -t;
    const term = power / k;
    const next = sum - term;
    if (next === sum) break;
    sum = next;
  }
  return sum;
}

/** x · 2^e without overflowing the power on the way (numpy's ldexp). */
export function ldexp(x: number, e: number): number {
  let y = x;
  let rest = e;
  while (rest > 1000) {
    y *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    y *= 2 ** -1000;
    rest += 1000;
  }
  return y * 2 ** rest;
}

// Rational approximations of Cephes (S. L. Moshier), the ones scipy.special uses for erf/erfc/ndtr.
const ERFC_P = [
  2.461969814735305e-10, 0.5641895648310689, 7.463210564422699, 48.63719709856814,
  196.5208329560771, 526.4451949954773, 934.5285271719576, 1027.5518868951572,
  557.5353353693994,
];
const ERFC_Q = [
  1, 13.228195115474499, 86.70721408859897, 354.9377788878199, 975.7085017432055,
  1823.9091668790973, 2246.3376081871097, 1656.6630919416134, 557.5353408177277,
];
const ERFC_R = [
  0.5641895835477551, 1.275366707599781, 5.019050422511805, 6.160210979930536,
  7.4097426995044895, 2.9788666537210022,
];
const ERFC_S = [
  1, 2.2605286322011726, 9.396035249380015, 12.048953980809666, 17.08144507475659,
  9.608968090632859, 3.369076451000815,
];
const ERF_T = [9.604973739870516, 90.02601972038427, 2232.005345946843, 7003.325141128051, 55592.30130103949];
const ERF_U = [1, 33.56171416475031, 521.3579497801527, 4594.323829709801, 22629.000061389095, 49267.39426086359];

function polynomial(x: number, coefficients: readonly number[]): number {
  let y = 0;
  for (const c of coefficients) y = y * x + c;
  return y;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x < 0) return -erf(-x);
  if (x > 1) return 1 - erfc(x);
  const z = x * x;
  return (x * polynomial(z, ERF_T)) / polynomial(z, ERF_U);
}

export function erfc(a: number): number {
  if (Number.isNaN(a)) return a;
  const x = Math.abs(a);
  if (x < 1) return 1 - erf(a);
  const z = -a * a;
  if (z < -709.782712893384) return a < 0 ? 2 : 0;
  const e = Math.exp(z);
  const y = x < 8 ? (e * polynomial(x, ERFC_P)) / polynomial(x, ERFC_Q) : (e * polynomial(x, ERFC_R)) / polynomial(x, ERFC_S);
  return a < 0 ? 2 - y : y;
}

/** stirlerr(n) = ln n! − ln(√(2πn) (n/e)^n) at n = 1..15 (computed with 40-digit mpmath). */
const STIRLERR_SMALL = [
  0, 0.08106146679532726, 0.0413406959554093, 0.02767792568499834, 0.020790672103765093, 0.016644691189821193,
  0.013876128823070748, 0.01189670994589177, 0.010411265261972096, 0.009255462182712733, 0.00833056343336287,
  0.007573675487951841, 0.00694284010720953, 0.006408994188004207, 0.0059513701127588475, 0.005554733551962801,
];

/** Error of Stirling's formula for n! at a whole number n ≥ 1 (C. Loader's dbinom building block). */
export function stirlerr(n: number): number {
  // ln n! = ln n + ln Γ(n): the same Bernoulli series as ln Γ, evaluated at n.
  return n <= 15 ? STIRLERR_SMALL[n] : stirlingCorrection(n);
}

/** x ln(x / m) + m − x, the deviance term, without cancellation when x ≈ m (Loader 2000). */
export function bd0(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/** Binomial probability C(n, k) p^k q^n−k with q = 1 − p given separately (relative error ~1e-14 for any n). */
export function binomialTerm(k: number, n: number, p: number, q: number): number {
  if (p === 0) return k === 0 ? 1 : 0;
  if (q === 0) return k === n ? 1 : 0;
  if (k === 0) return Math.exp(p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q));
  if (k === n) return Math.exp(q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p));
  if (k < 0 || k > n) return 0;
  const lc = stirlerr(n) - stirlerr(k) - stirlerr(n - k) - bd0(k, n * p) - bd0(n - k, n * q);
  const lf = LN_2PI + Math.log(k) + Math.log1p(-k / n);
  return Math.exp(lc - 0.5 * lf);
}
