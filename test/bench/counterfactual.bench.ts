// Counterfactuals for one row on the churn sample (issue 17: ≤ 1 s): whatIf.counterfactuals as the app serves it
// (the search in a pool worker over split.test's rows, up to 2,000, k = 3) for the logistic model behind its
// preprocessing chain and the 50-tree forest, ten rows each after one warm-up; beside it the same search in this
// thread, and the longest the main thread's event loop stalled in either case (the worker path should not stall it).
// Run: npm run bench -- counterfactual
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createOutputs } from '../../electron/api/outputs.js';
import { openExistingProject } from '../../electron/api/projects.js';
import { whatIfCounterfactuals } from '../../electron/api/what-if-counterfactuals.js';
import { runModelFile } from '../../electron/api/what-if.js';
import { createWorkerPool } from '../../electron/engine/workers.js';

const root = resolve(import.meta.dirname, '../..');
const RUN = 'sample-churn-1';
const REFERENCE = { runId: RUN, node: 'split', port: 'test' };
const REFERENCE_ROWS = 2000;
const ROWS = 10;
const GOAL_SECONDS = 1;

const stats = (ms: number[]) => {
  const sorted = ms.slice().sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
};
const fmt = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

/** Milliseconds per call, and the longest event-loop stall (ms) while the calls ran. */
async function timed(calls: (() => Promise<unknown>)[]): Promise<{ ms: number[]; stall: number }> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const ms: number[] = [];
  for (const call of calls) {
    const started = performance.now();
    await call();
    ms.push(performance.now() - started);
    await new Promise((r) => setImmediate(r)); // let the monitor see the loop between calls
  }
  delay.disable();
  return { ms, stall: delay.max / 1e6 };
}

export async function benchCounterfactual(): Promise<void> {
  const project = openExistingProject(join(root, 'assets/sample.plumb'), { readonly: true });
  const workers = createWorkerPool({ size: 1 });
  const outputs = createOutputs(() => project, workers);
  try {
    for (const node of ['logistic', 'forest']) {
      const model = { runId: RUN, node, port: 'model' };
      const form = await outputs.handlers['whatIf.rows']({ model, data: REFERENCE, limit: REFERENCE_ROWS });
      const rowAt = (i: number) => Object.fromEntries(form.columns.map((c, j) => [c.name, form.rows[i][j]]));
      const request = (i: number) => ({ row: rowAt(i), k: 3, seed: i, immutable: [], ranges: {}, directions: {} });
      await outputs.handlers['whatIf.counterfactuals']({ model, reference: REFERENCE, ...request(0) }); // worker start, reference rows read once
      const rows = Array.from({ length: ROWS }, (_, i) => i + 1);
      const inWorker = await timed(rows.map((i) => () => outputs.handlers['whatIf.counterfactuals']({ model, reference: REFERENCE, ...request(i) })));
      const file = runModelFile(project, RUN, node);
      const inThread = await timed(rows.map((i) => async () => whatIfCounterfactuals(file, form.columns, form.rows, request(i))));
      const w = stats(inWorker.ms);
      const t = stats(inThread.ms);
      console.log(`${node} (${form.rows.length} reference rows, ${form.columns.length} columns, k = 3), ${ROWS} rows:`);
      console.log(`  worker (as the app serves it): median ${fmt(w.median)}, max ${fmt(w.max)} per row; main-thread stall ≤ ${inWorker.stall.toFixed(0)} ms`);
      console.log(`  same search in this thread:    median ${fmt(t.median)}, max ${fmt(t.max)} per row; main-thread stall ≤ ${inThread.stall.toFixed(0)} ms`);
      console.log(`  worker / in-thread median ${(w.median / t.median).toFixed(2)}; goal ≤ ${GOAL_SECONDS} s per row: ${w.max <= GOAL_SECONDS * 1000 ? 'met' : 'NOT met'}`);
    }
    console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min)`);
  } finally {
    await outputs.close();
    await workers.close();
    project.close();
  }
}
