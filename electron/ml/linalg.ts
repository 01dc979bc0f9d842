// Small dense linear algebra for the linear models: Cholesky, LU solve, Householder QR and
// minimum-norm least squares (QR followed by a Jacobi SVD of R). Matrices are column-major.

/** Dense matrix, column-major: entry (i, j) is data[i + j * rows]. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function matrix(rows: number, cols: number, data?: ArrayLike<number>): Matrix {
  const m = { rows, cols, data: new Float64Array(rows * cols) };
  if (data) {
    if (data.length !== rows * cols) throw new RangeError(`matrix: expected ${rows * cols} values, got ${data.length}`);
    m.data.set(data);
  }
  return m;
}

/** Builds a column-major matrix from rows written the way people read them. */
export function fromRows(rows: number[][]): Matrix {
  const r = rows.length;
  const c = r ? rows[0].length : 0;
  const m = matrix(r, c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) m.data[i + j * r] = rows[i][j];
  return m;
}

export function matVec(a: Matrix, x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.rows);
  for (let j = 0; j < a.cols; j++) {
    const xj = x[j];
    if (xj === 0) continue;
    const off = j * a.rows;
    for (let i = 0; i < a.rows; i++) out[i] += a.data[off + i] * xj;
  }
  return out;
}

/**
 * Lower Cholesky factor L of a symmetric positive definite matrix (A = L Lᵀ), reading only the
 * lower triangle of A. Returns null when a pivot is not positive (A is not numerically PD).
 */
export function cholesky(a: Matrix): Matrix | null {
  const n = a.rows;
  if (a.cols !== n) throw new RangeError('cholesky: matrix is not square');
  const l = matrix(n, n);
  const L = l.data;
  for (let j = 0; j < n; j++) {
    let d = a.data[j + j * n];
    for (let k = 0; k < j; k++) d -= L[j + k * n] * L[j + k * n];
    if (!(d > 0) || !Number.isFinite(d)) return null;
    const ljj = Math.sqrt(d);
    L[j + j * n] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a.data[i + j * n];
      for (let k = 0; k < j; k++) s -= L[i + k * n] * L[j + k * n];
      L[i + j * n] = s / ljj;
    }
  }
  return l;
}

/** Solves L Lᵀ x = b given the Cholesky factor L. */
export function choleskySolve(l: Matrix, b: ArrayLike<number>): Float64Array {
  const n = l.rows;
  const L = l.data;
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= L[i + k * n] * x[k];
    x[i] = s / L[i + i * n];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= L[k + i * n] * x[k];
    x[i] = s / L[i + i * n];
  }
  return x;
}

/**
 * Reciprocal condition estimate of A from its Cholesky factor: (min Lᵢᵢ / max Lᵢᵢ)². It is an
 * upper bound on the true 1/cond(A), so a small value reliably flags an ill-conditioned system.
 */
export function choleskyRcond(l: Matrix): number {
  let lo = Infinity;
  let hi = 0;
  for (let i = 0; i < l.rows; i++) {
    const d = l.data[i + i * l.rows];
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  return hi > 0 ? (lo / hi) ** 2 : 0;
}

/** Solves A x = b for a square A by LU with partial pivoting; throws when A is singular. */
export function solve(a: Matrix, b: ArrayLike<number>): Float64Array {
  const n = a.rows;
  if (a.cols !== n) throw new RangeError('solve: matrix is not square');
  const A = Float64Array.from(a.data);
  const x = Float64Array.from(b);
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(A[k + k * n]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(A[i + k * n]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (best === 0) throw new RangeError('solve: matrix is singular');
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = A[k + j * n];
        A[k + j * n] = A[p + j * n];
        A[p + j * n] = t;
      }
      const t = x[k];
      x[k] = x[p];
      x[p] = t;
    }
    const pivot = A[k + k * n];
    for (let i = k + 1; i < n; i++) {
      const f = A[i + k * n] / pivot;
      if (f === 0) continue;
      A[i + k * n] = 0;
      for (let j = k + 1; j < n; j++) A[i + j * n] -= f * A[k + j * n];
      x[i] -= f * x[k];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let j = i + 1; j < n; j++) s -= A[i + j * n] * x[j];
    x[i] = s / A[i + i * n];
  }
  return x;
}

/** Householder QR in compact form: R in the upper triangle, reflectors below it with scales in tau. */
export interface QR {
  qr: Matrix;
  tau: Float64Array;
}

/** Householder QR of an m×n matrix with m ≥ n (LAPACK dgeqr2 convention: H = I − τ v vᵀ, v₀ = 1). */
export function qr(a: Matrix): QR {
  const { rows: m, cols: n } = a;
  if (m < n) throw new RangeError('qr: needs rows >= cols');
  const out = matrix(m, n, a.data);
  const A = out.data;
  const tau = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const off = k * m;
    let norm = 0;
    for (let i = k; i < m; i++) norm = Math.hypot(norm, A[off + i]);
    if (norm === 0) continue;
    const alpha = A[off + k];
    const beta = alpha >= 0 ? -norm : norm;
    const scale = 1 / (alpha - beta);
    for (let i = k + 1; i < m; i++) A[off + i] *= scale;
    tau[k] = (beta - alpha) / beta;
    A[off + k] = beta;
    for (let j = k + 1; j < n; j++) {
      const cj = j * m;
      let s = A[cj + k];
      for (let i = k + 1; i < m; i++) s += A[off + i] * A[cj + i];
      s *= tau[k];
      A[cj + k] -= s;
      for (let i = k + 1; i < m; i++) A[cj + i] -= s * A[off + i];
    }
  }
  return { qr: out, tau };
}

/** Qᵀ b for a compact QR. */
export function qrApplyQt(f: QR, b: ArrayLike<number>): Float64Array {
  const { rows: m, cols: n } = f.qr;
  const A = f.qr.data;
  const y = Float64Array.from(b);
  for (let k = 0; k < n; k++) {
    if (f.tau[k] === 0) continue;
    const off = k * m;
    let s = y[k];
    for (let i = k + 1; i < m; i++) s += A[off + i] * y[i];
    s *= f.tau[k];
    y[k] -= s;
    for (let i = k + 1; i < m; i++) y[i] -= s * A[off + i];
  }
  return y;
}

/** The n×n upper triangular R of a compact QR. */
export function qrR(f: QR): Matrix {
  const { rows: m, cols: n } = f.qr;
  const r = matrix(n, n);
  for (let j = 0; j < n; j++) for (let i = 0; i <= j; i++) r.data[i + j * n] = f.qr.data[i + j * m];
  return r;
}

/** Singular value decomposition A = U diag(s) Vᵀ of an m×n matrix (m ≥ n), by one-sided Jacobi. */
export interface SVD {
  u: Matrix;
  s: Float64Array;
  v: Matrix;
}

export function svd(a: Matrix): SVD {
  const { rows: m, cols: n } = a;
  if (m < n) throw new RangeError('svd: needs rows >= cols');
  const U = Float64Array.from(a.data);
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i + i * n] = 1;
  const eps = 2.220446049250313e-16;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const up = U[i + p * m];
          const uq = U[i + q * m];
          alpha += up * up;
          beta += uq * uq;
          gamma += up * uq;
        }
        if (gamma === 0 || Math.abs(gamma) <= eps * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const up = U[i + p * m];
          const uq = U[i + q * m];
          U[i + p * m] = c * up - s * uq;
          U[i + q * m] = s * up + c * uq;
        }
        for (let i = 0; i < n; i++) {
          const vp = V[i + p * n];
          const vq = V[i + q * n];
          V[i + p * n] = c * vp - s * vq;
          V[i + q * n] = s * vp + c * vq;
        }
      }
    }
    if (!rotated) break;
  }
  const s = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let norm = 0;
    for (let i = 0; i < m; i++) norm = Math.hypot(norm, U[i + j * m]);
    s[j] = norm;
    if (norm > 0) for (let i = 0; i < m; i++) U[i + j * m] /= norm;
  }
  return { u: { rows: m, cols: n, data: U }, s, v: { rows: n, cols: n, data: V } };
}

/**
 * Minimum-norm least squares: the x of smallest ‖x‖ among the minimisers of ‖A x − b‖ (what
 * numpy/scipy lstsq return). Singular values below rcond · σmax count as zero; the default rcond
 * is numpy's, eps · max(m, n).
 */
export function leastSquares(a: Matrix, b: ArrayLike<number>, rcond?: number): { x: Float64Array; rank: number } {
  const { rows: m, cols: n } = a;
  if (b.length !== m) throw new RangeError('leastSquares: b has the wrong length');
  if (m < n) {
    // Zero rows change neither the residual nor the minimizers; they make the system tall for QR.
    const tall = matrix(n, n);
    for (let j = 0; j < n; j++) tall.data.set(a.data.subarray(j * m, (j + 1) * m), j * n);
    const padded = new Float64Array(n);
    padded.set(Array.from(b));
    const { x, rank } = leastSquares(tall, padded, rcond ?? 2.220446049250313e-16 * n);
    return { x, rank };
  }
  const f = qr(a);
  const c = qrApplyQt(f, b);
  const { u, s, v } = svd(qrR(f));
  let smax = 0;
  for (const si of s) if (si > smax) smax = si;
  const cutoff = (rcond ?? 2.220446049250313e-16 * Math.max(m, n)) * smax;
  const x = new Float64Array(n);
  let rank = 0;
  for (let j = 0; j < n; j++) {
    if (!(s[j] > cutoff)) continue;
    rank++;
    let uc = 0;
    for (let i = 0; i < n; i++) uc += u.data[i + j * n] * c[i];
    const w = uc / s[j];
    for (let i = 0; i < n; i++) x[i] += v.data[i + j * n] * w;
  }
  return { x, rank };
}
