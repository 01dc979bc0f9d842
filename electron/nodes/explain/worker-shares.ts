// Running an explanation as several worker tasks (row or feature shares) with one combined progress, and the seeded
// row samples the explain nodes take of large tables.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { NodeRunContext } from '../../engine/types.js';
import { Random } from '../../ml/random.js';
import type { NodeEnv } from '../env.js';

const TASK_MODULE = fileURLToPath(new URL('./explain-tasks.ts', import.meta.url));

/** Shares per explanation: the pool never has more than 4 workers, and small jobs are not worth splitting. */
export function shareCount(items: number, minPerShare: number): number {
  return Math.max(1, Math.min(4, availableParallelism(), Math.floor(items / Math.max(1, minPerShare))));
}

/** 0..n-1 cut into `parts` contiguous, nearly equal, non-empty pieces. */
export function splitEvenly(n: number, parts: number): number[][] {
  const count = Math.max(1, Math.min(parts, n));
  const out: number[][] = [];
  for (let p = 0; p < count; p++) {
    const from = Math.floor((p * n) / count);
    const to = Math.floor(((p + 1) * n) / count);
    out.push(Array.from({ length: to - from }, (_, i) => from + i));
  }
  return out.filter((s) => s.length > 0);
}

/** Runs `fn` of explain-tasks.ts once per payload, concurrently on the pool, reporting the mean progress. */
export async function runShares<TIn, TOut>(ctx: NodeRunContext, env: NodeEnv, fn: string, payloads: TIn[], message: string): Promise<TOut[]> {
  const progress = new Float64Array(payloads.length);
  const report = () => ctx.progress(progress.reduce((s, v) => s + v, 0) / payloads.length, message);
  return Promise.all(
    payloads.map((payload, i) =>
      env.workers.run<TIn, TOut>({ module: TASK_MODULE, fn }, payload, {
        signal: ctx.signal,
        onProgress: (fraction) => {
          progress[i] = fraction;
          report();
        },
      }),
    ),
  );
}

/** All rows when there are at most `max`, else `max` distinct rows drawn with the seed, in table order. */
export function sampleRows(n: number, max: number, seed: number): Int32Array {
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  return new Random(seed).sample(n, max).sort();
}
