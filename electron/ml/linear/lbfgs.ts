// Limited-memory BFGS for smooth unconstrained minimization, with a strong-Wolfe line search
// (Nocedal & Wright, Numerical Optimization, 2nd ed., Algorithms 7.4, 3.5 and 3.6).
// Stopping follows scipy's L-BFGS-B as scikit-learn calls it: max |gradient| <= gtol, or a relative
// reduction of f below ftol = 64·eps, or maxIter iterations.

/** Writes the gradient at x into grad and returns f(x). */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  maxIter: number;
  gtol: number;
  ftol?: number;
  /** number of correction pairs kept (scipy's maxcor) */
  memory?: number;
  /** function evaluations allowed per line search (scipy's maxls) */
  maxLineSearch?: number;
  /** called after each iteration; return true to stop early (cancellation) */
  onIteration?: (iteration: number, f: number, x: Float64Array) => boolean | void;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  reason: 'gradient' | 'reduction' | 'max_iter' | 'line_search' | 'stopped';
}

const EPS = 2.220446049250313e-16;

export function minimizeLbfgs(objective: Objective, x0: Float64Array, opts: LbfgsOptions): LbfgsResult {
  const n = x0.length;
  const m = opts.memory ?? 10;
  const ftol = opts.ftol ?? 64 * EPS;
  const maxLs = opts.maxLineSearch ?? 50;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let evaluations = 1;
  let f = objective(x, g);

  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alphaBuf = new Float64Array(m);
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);

  if (maxAbs(g) <= opts.gtol) return { x, f, iterations: 0, evaluations, converged: true, reason: 'gradient' };

  let iteration = 0;
  while (iteration < opts.maxIter) {
    // Two-loop recursion: d = −H g.
    for (let i = 0; i < n; i++) d[i] = -g[i];
    const k = S.length;
    for (let j = k - 1; j >= 0; j--) {
      const a = rho[j] * dot(S[j], d);
      alphaBuf[j] = a;
      axpy(-a, Y[j], d);
    }
    if (k > 0) {
      const gamma = dot(S[k - 1], Y[k - 1]) / dot(Y[k - 1], Y[k - 1]);
      for (let i = 0; i < n; i++) d[i] *= gamma;
    }
    for (let j = 0; j < k; j++) {
      const bta = rho[j] * dot(Y[j], d);
      axpy(alphaBuf[j] - bta, S[j], d);
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      S.length = Y.length = rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      slope = dot(g, d);
    }
    // Like L-BFGS-B, the very first step is scaled to unit length.
    const step0 = k === 0 ? Math.min(1, 1 / Math.sqrt(dot(d, d))) : 1;
    const ls = strongWolfe(objective, x, f, d, slope, step0, xNew, gNew, maxLs);
    evaluations += ls.evaluations;
    if (!ls.ok) {
      if (S.length > 0) {
        S.length = Y.length = rho.length = 0;
        continue;
      }
      return { x, f, iterations: iteration, evaluations, converged: false, reason: 'line_search' };
    }
    iteration++;
    const s = new Float64Array(n);
    const yv = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      yv[i] = gNew[i] - g[i];
    }
    const fPrev = f;
    x.set(xNew);
    g.set(gNew);
    f = ls.f;
    const sy = dot(s, yv);
    if (sy > EPS * dot(yv, yv)) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(yv);
      rho.push(1 / sy);
    }
    if (opts.onIteration?.(iteration, f, x) === true) {
      return { x, f, iterations: iteration, evaluations, converged: false, reason: 'stopped' };
    }
    if (maxAbs(g) <= opts.gtol) return { x, f, iterations: iteration, evaluations, converged: true, reason: 'gradient' };
    if ((fPrev - f) / Math.max(Math.abs(fPrev), Math.abs(f), 1) <= ftol) {
      return { x, f, iterations: iteration, evaluations, converged: true, reason: 'reduction' };
    }
  }
  return { x, f, iterations: iteration, evaluations, converged: false, reason: 'max_iter' };
}

interface LineSearchResult {
  ok: boolean;
  f: number;
  evaluations: number;
}

/**
 * Finds a step t along d with f(x + t d) <= f + c1 t slope and |f'(t)| <= c2 |slope|; on success
 * xNew and gNew hold the accepted point and its gradient.
 */
function strongWolfe(
  objective: Objective,
  x: Float64Array,
  f0: number,
  d: Float64Array,
  slope0: number,
  step0: number,
  xNew: Float64Array,
  gNew: Float64Array,
  maxEval: number,
): LineSearchResult {
  const c1 = 1e-4;
  const c2 = 0.9;
  const n = x.length;
  let evaluations = 0;
  const phi = (t: number): { f: number; slope: number } => {
    for (let i = 0; i < n; i++) xNew[i] = x[i] + t * d[i];
    evaluations++;
    const fv = objective(xNew, gNew);
    return { f: fv, slope: dot(gNew, d) };
  };

  let tPrev = 0;
  let fPrev = f0;
  let sPrev = slope0;
  let t = step0;
  let lo = 0, fLo = f0, sLo = slope0, hi = 0, fHi = f0, sHi = slope0;
  let bracketed = false;
  while (evaluations < maxEval) {
    const v = phi(t);
    if (!Number.isFinite(v.f) || v.f > f0 + c1 * t * slope0 || (evaluations > 1 && v.f >= fPrev)) {
      lo = tPrev; fLo = fPrev; sLo = sPrev;
      hi = t; fHi = v.f; sHi = v.slope;
      bracketed = true;
      break;
    }
    if (Math.abs(v.slope) <= -c2 * slope0) return { ok: true, f: v.f, evaluations };
    if (v.slope >= 0) {
      lo = t; fLo = v.f; sLo = v.slope;
      hi = tPrev; fHi = fPrev; sHi = sPrev;
      bracketed = true;
      break;
    }
    tPrev = t;
    fPrev = v.f;
    sPrev = v.slope;
    t *= 4;
  }
  if (!bracketed) return { ok: false, f: f0, evaluations };

  // Zoom: shrink [lo, hi] keeping f(lo) the lowest sufficient-decrease value seen.
  while (evaluations < maxEval) {
    const width = Math.abs(hi - lo);
    if (width <= EPS * Math.max(Math.abs(lo), Math.abs(hi), 1)) break;
    let tc = Number.isFinite(fHi) ? cubicMinimizer(lo, fLo, sLo, hi, fHi, sHi) : NaN;
    const left = Math.min(lo, hi) + 0.1 * width;
    const right = Math.max(lo, hi) - 0.1 * width;
    if (!(tc >= left && tc <= right)) tc = (lo + hi) / 2;
    const v = phi(tc);
    if (!Number.isFinite(v.f) || v.f > f0 + c1 * tc * slope0 || v.f >= fLo) {
      hi = tc; fHi = v.f; sHi = v.slope;
    } else {
      if (Math.abs(v.slope) <= -c2 * slope0) return { ok: true, f: v.f, evaluations };
      if (v.slope * (hi - lo) >= 0) {
        hi = lo; fHi = fLo; sHi = sLo;
      }
      lo = tc; fLo = v.f; sLo = v.slope;
    }
  }
  // Out of evaluations: accept the best sufficient-decrease point if it is a real step.
  if (lo > 0 && fLo < f0) {
    const v = phi(lo);
    return { ok: true, f: v.f, evaluations };
  }
  return { ok: false, f: f0, evaluations };
}

/** Minimizer of the cubic matching f and f' at a and b (Nocedal & Wright eq. 3.59); NaN if none. */
function cubicMinimizer(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - 3 * (fa - fb) / (a - b);
  const disc = d1 * d1 - da * db;
  if (disc < 0) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += a * x[i];
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > m) m = v;
  }
  return m;
}
