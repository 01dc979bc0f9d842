// Child process of benchMemory (bigdata.bench.ts): runs a pipeline file through the engine, as the app's main
// process does, and reports its RSS before the run (after a warm-up run of the same pipeline on a small file, so
// code, DuckDB and workers are loaded as in an app that has run before), after the run's result is dropped and
// garbage collected, and its high-water mark.
// Run with --expose-gc: node --expose-gc --import tsx test/bench/memory-run.ts <pipeline.yaml> [<warm-up.yaml>]
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startRun } from '../../electron/api/runs.js';
import { loadPipelineFile } from '../../electron/cli/load-pipeline.js';

const collect = async () => {
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.();
    await sleep(200);
  }
};
const report = (phase: string, extra: Record<string, unknown> = {}) => {
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  const hwm = Number(/^VmHWM:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
  process.stdout.write(`${JSON.stringify({ phase, rss, hwm, heapUsed, external, arrayBuffers, ...extra })}\n`);
};

async function runFile(file: string) {
  const path = resolve(file);
  const loaded = await loadPipelineFile(path);
  const { result } = await startRun({ document: loaded.document, baseDir: dirname(path) }).finished;
  return { status: result.status, seconds: result.seconds, nodes: result.nodes.map((n) => ({ id: n.id, status: n.status, seconds: n.seconds, error: n.error?.message })) };
}

const [pipeline, warmUp] = process.argv.slice(2);
if (warmUp) await runFile(warmUp);
await collect();
report('start');
const summary = await runFile(pipeline);
report('finished', { summary });
await collect();
await sleep(2000);
await collect();
report('released');
process.exit(0);
