// Rebuilds the samples that test/fixtures/monitor/generate.py describes by a spec (same xorshift32 stream,
// same arithmetic), so fixtures hold scipy's answers without holding the data.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface SampleSpec {
  seed: number;
  n: number;
  kind: 'uniform' | 'sum3' | 'grid' | 'exp';
  scale: number;
  shift: number;
  levels?: number;
}

function xorshift32(seed: number, n: number): Float64Array {
  let x = seed >>> 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    out[i] = x / 4294967296;
  }
  return out;
}

export function sample(spec: SampleSpec): Float64Array {
  const { n, kind } = spec;
  const u = xorshift32(spec.seed, kind === 'sum3' ? 3 * n : n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let base: number;
    if (kind === 'uniform') base = u[i];
    else if (kind === 'sum3') base = u[3 * i] + u[3 * i + 1] + u[3 * i + 2];
    else if (kind === 'grid') base = Math.floor(u[i] * (spec.levels as number));
    else base = -Math.log1p(-u[i]);
    out[i] = spec.shift + spec.scale * base;
  }
  return out;
}

/** A JSON file from test/fixtures/monitor. */
export function monitorFixture<T>(name: string): T {
  const path = fileURLToPath(new URL(`../../../../fixtures/monitor/${name}`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** |actual − expected| ≤ rtol · |expected| (or both exactly 0). */
export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.abs(expected);
}
