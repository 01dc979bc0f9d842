// `plumb run`: load, override, run with an optional cache (project file or folder), write `--out`, summarize.
import { join, resolve } from 'node:path';
import { nodeCatalog } from '../../shared/catalog/index.js';
import { applyParamOverrides } from '../../shared/pipeline/index.js';
import { storePipelineFile } from '../api/pipelines.js';
import { openProject, type ProjectFile } from '../api/projects.js';
import { startRun, type RunRequest } from '../api/runs.js';
import { abortOnSignals } from '../api/signals.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { loadPipelineFile } from './load-pipeline.js';
import { stderrProgress } from './progress.js';
import { formatError } from './report-error.js';

export interface RunCommandOptions {
  pipelinePath: string;
  out?: string;
  project?: string;
  cache?: string;
  set: string[];
  json: boolean;
  noCache?: boolean;
}

/** Cache kept inside an --out folder; node ids can never start with a dot, so it cannot clash with outputs. */
export const OUT_CACHE_FOLDER = '.plumb-cache';

export async function runCommand(options: RunCommandOptions): Promise<number> {
  const loaded = await loadPipelineFile(options.pipelinePath);
  const document = options.set.length ? applyParamOverrides(loaded.document, options.set, nodeCatalog) : loaded.document;
  const outDir = options.out ? resolve(options.out) : undefined;

  let project: ProjectFile | undefined;
  let record: RunRequest['record'];
  let cacheFolder: string | undefined;
  if (options.project) {
    project = openProject(options.project);
    // The project keeps the pipeline as written in the file (paths relative to the project's folder);
    // --set values are recorded on the run.
    record = {
      project,
      pipeline: loaded.document.name,
      version: storePipelineFile(project, loaded),
      overrides: Object.fromEntries(options.set.map((s) => [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)])),
    };
  } else if (options.cache) {
    cacheFolder = resolve(options.cache);
  } else if (outDir && !options.noCache) {
    // An --out folder remembers how its files were made (like make): re-running into it re-executes only
    // what changed. A new folder starts fresh.
    cacheFolder = join(outDir, OUT_CACHE_FOLDER);
  }

  const abort = new AbortController();
  const releaseSignals = abortOnSignals(abort); // 1st Ctrl-C/SIGTERM cancels (interrupting DuckDB), 2nd exits
  const progress = stderrProgress();
  try {
    const { result } = await startRun({ document, baseDir: loaded.baseDir, record, cacheFolder, outDir, signal: abort.signal, onEvent: progress }).finished;

    for (const node of result.nodes) {
      if (node.status === 'failed' && node.error) process.stderr.write(formatError(node.error));
    }
    if (options.json) {
      const summary = {
        status: result.status === 'cancelled' ? 'failed' : result.status,
        seconds: round(result.seconds),
        nodes: result.nodes.map((n) => ({
          id: n.id,
          type: n.type,
          status: n.status === 'cancelled' ? 'skipped' : n.status,
          seconds: round(n.seconds),
          ...(n.error && n.status !== 'skipped' ? { error: n.error.message } : {}),
        })),
      };
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    } else {
      const counts = new Map<string, number>();
      for (const n of result.nodes) counts.set(n.status, (counts.get(n.status) ?? 0) + 1);
      process.stderr.write(`run ${result.status} in ${result.seconds.toFixed(2)}s (${[...counts].map(([s, c]) => `${c} ${s}`).join(', ')})\n`);
    }
    return exitCodeForRun(result);
  } finally {
    releaseSignals();
    project?.close();
  }
}

function exitCodeForRun(result: Awaited<ReturnType<typeof startRun>['finished']>['result']): number {
  if (result.status === 'ok') return EXIT.ok;
  const failed = result.nodes.filter((n) => n.status === 'failed' && n.error);
  if (failed.some((n) => n.error!.kind === 'runtime' || n.error!.kind === 'cancelled')) return EXIT.runtime;
  if (failed.some((n) => n.error!.kind === 'invalid_input')) return exitCodeFor('invalid_input');
  if (result.status === 'gate_failed') return EXIT.gateFailed;
  return EXIT.runtime;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
