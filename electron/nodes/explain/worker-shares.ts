// Running an explanation as several worker tasks (row or feature shares) with one combined progress, and the seeded
// row samples the explain nodes take of large tables.
import { availableParallelism } from 'node:os';
import type { NodeRunContext } from '../../engine/types.js';
import { invalidInput } from '../../../shared/errors.js';
import { taskModule, type TaskHandle } from '../../engine/workers.js';
import { Random } from '../../ml/random.js';
import type { NodeEnv } from '../env.js';
import { shardRange, type RowShard } from '../row-shard.js';
import type * as tasks from './explain-tasks.js';

const explainModule = taskModule<typeof tasks>(new URL('./explain-tasks.ts', import.meta.url));

/** The worker tasks of the explain nodes (explain-tasks.ts). */
export const explainTasks = {
  shapValues: explainModule.task('shapValuesTask'),
  interactions: explainModule.task('interactionsTask'),
  summarizeBackground: explainModule.task('summarizeTask'),
  lime: explainModule.task('limeTask'),
  permutationImportance: explainModule.task('permutationTask'),
  partialDependence: explainModule.task('pdpTask'),
};

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

/** Runs `task` once per payload, concurrently on the pool, reporting the mean progress. */
export async function runShares<TIn, TOut>(ctx: NodeRunContext, env: NodeEnv, task: TaskHandle<TIn, TOut>, payloads: TIn[], message: string): Promise<TOut[]> {
  const progress = new Float64Array(payloads.length);
  const report = () => ctx.progress(progress.reduce((s, v) => s + v, 0) / payloads.length, message);
  return Promise.all(
    payloads.map((payload, i) =>
      env.workers.run(task, payload, {
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

/** The explained rows [from, to) of a `--shard` step (all of them otherwise); a shard must get at least one row. */
export function shardWindow(nRows: number, shard: RowShard | undefined): [number, number] {
  if (!shard) return [0, nRows];
  const [from, to] = shardRange(nRows, shard);
  if (from === to) {
    throw invalidInput(`shard ${shard.index}/${shard.count} has no rows to explain (${nRows} rows): use at most ${nRows} shards`, { param: '--shard' });
  }
  return [from, to];
}
