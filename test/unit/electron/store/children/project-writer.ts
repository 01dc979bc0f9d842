// Child process for the crash and concurrency tests: writes to a project file and reports each commit
// on stdout, one line at a time, until it is killed.
//   churn <file> <nodes> <bytes per output> <pause between runs ms> <run to stop in>
//         save pipeline edits, then run pipelines in a loop forever; reports `halfway <run id>` in each
//         run, and sleeps there for good in run number <run to stop in> (counting from 0; -1: never)
//   hold  <file>                             start one run and wait
import { writeSync } from 'node:fs';
import { openProjectFile } from '../../../../../electron/store/project-file.js';
import { nodeIds, nodeOutput, pipelineYaml } from './writer-content.js';

const report = (line: string): void => {
  // Synchronous, so a line is on the pipe before the next write starts and nothing is left buffered.
  writeSync(1, `${line}\n`);
};

function churn(file: string, nodeCount: number, outputSize: number, pauseMs: number, stopInRun: number): never {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const project = openProjectFile(file, { create: true });
  let edit = project.pipelines.get('churn')?.latestVersion ?? 0;
  const save = (): void => {
    const version = project.pipelines.save('churn', pipelineYaml(edit), { data: { x: edit, y: 0 } }, `edit ${edit}`);
    report(`saved ${version} ${edit}`);
    edit++;
  };
  for (let i = 0; i < 20; i++) save();
  const nodes = nodeIds(nodeCount).map((id) => ({ id, type: 'data.sql' }));
  for (let runNumber = 0; ; runNumber++) {
    save();
    const run = project.runs.start({ pipeline: 'churn', params: { edit }, nodes });
    report(`started ${run.id}`);
    for (const [k, { id }] of nodes.entries()) {
      if (k === nodeCount >> 1) {
        report(`halfway ${run.id}`);
        if (runNumber === stopInRun) Atomics.wait(sleeper, 0, 0);
      }
      project.runs.updateNode(run.id, id, 'running');
      const cacheKey = `${run.id}/${id}`;
      project.cache.putSync(cacheKey, { table: nodeOutput(run.id, id, outputSize) });
      project.runs.updateNode(run.id, id, 'done', { cacheKey, seconds: 0.001 });
      project.metrics.put(run.id, id, { rows: outputSize });
    }
    project.runs.finish(run.id, { status: 'ok' });
    report(`finished ${run.id}`);
    // Blocking on purpose: the pause keeps the number of runs the test has to check small.
    Atomics.wait(sleeper, 0, 0, pauseMs);
  }
}

function hold(file: string): void {
  const project = openProjectFile(file, { create: true });
  project.pipelines.save('held', pipelineYaml(0));
  const run = project.runs.start({ pipeline: 'held', nodes: nodeIds(3).map((id) => ({ id, type: 'data.sql' })) });
  project.runs.updateNode(run.id, 'n0', 'done');
  project.runs.updateNode(run.id, 'n1', 'running');
  report(`started ${run.id}`);
  // The timer keeps the project (and so the run's lock connection) reachable: once garbage collected,
  // better-sqlite3 would close the lock and the live run would look dead.
  setInterval(() => project.path, 60_000);
}

const [mode, file, ...rest] = process.argv.slice(2);
if (mode === 'churn') churn(file, Number(rest[0]), Number(rest[1]), Number(rest[2]), Number(rest[3]));
else if (mode === 'hold') hold(file);
