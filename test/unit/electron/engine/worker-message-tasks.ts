// Task functions for the worker message channel tests (loaded through tsx in a worker thread).
import type { WorkerTaskContext } from '../../../../electron/engine/workers.js';

/** Posts `count` numbered messages, then returns how many it sent. */
export function countUp(payload: { count: number }, ctx: WorkerTaskContext): number {
  for (let i = 1; i <= payload.count; i++) ctx.post({ step: i, values: new Float64Array([i, i * i]) });
  return payload.count;
}

/** Posts one message, then spins until cancelled and keeps posting (the caller must ignore those). */
export function postUntilCancelled(_payload: null, ctx: WorkerTaskContext): string {
  ctx.post('started');
  while (!ctx.isCancelled()) {
    // busy until the caller cancels
  }
  ctx.post('after cancel');
  return 'stopped';
}
