// Seeded low-discrepancy points in the unit cube: the Halton sequence (one prime base per dimension) shifted by
// a seeded random offset modulo 1 (a Cranley–Patterson rotation). The same seed gives the same points; points
// spread more evenly than independent uniforms, so few candidates still cover a family's space.
import { Random } from '../random.js';

const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53];

/** The radical inverse of `index` in `base` (van der Corput). */
export function radicalInverse(index: number, base: number): number {
  let result = 0;
  let f = 1 / base;
  for (let i = index; i > 0; i = Math.floor(i / base)) {
    result += f * (i % base);
    f /= base;
  }
  return result;
}

/** `count` points of dimension `dims`, seeded; point i is the (i+1)-th Halton point, rotated. */
export function haltonPoints(count: number, dims: number, seed: number): number[][] {
  if (dims > PRIMES.length) throw new Error(`at most ${PRIMES.length} searched params per family`);
  const rng = new Random(seed);
  const shift = Array.from({ length: dims }, () => rng.uniform());
  return Array.from({ length: count }, (_, i) => Array.from({ length: dims }, (_, d) => (radicalInverse(i + 1, PRIMES[d]) + shift[d]) % 1));
}

/** `count` independent uniform points (random search), seeded. */
export function uniformPoints(count: number, dims: number, seed: number): number[][] {
  const rng = new Random(seed);
  return Array.from({ length: count }, () => Array.from({ length: dims }, () => rng.uniform()));
}
