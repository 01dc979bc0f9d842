// `plumb run`: load, override, run with an optional cache (project file or folder), write `--out`, summarize.
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { nodeCatalog } from '../../shared/catalog/index.js';
import { PORT_FILE_EXTENSION } from '../../shared/catalog/ports.js';
import { applyParamOverrides, exportPipelineYaml } from '../../shared/pipeline/index.js';
import { runPipelineDocument } from '../api/pipeline-run.js';
import { startRunRecord, type RunRecorder } from '../api/run-recorder.js';
import { rebaseFileParams } from '../api/rebase-paths.js';
import { DirectoryCache } from '../engine/cache-dir.js';
import type { OutputCache, RunEvent } from '../engine/types.js';
import { portCodecs } from '../nodes/codecs.js';
import { openProjectFile, type ProjectFile } from '../store/project-file.js';
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
  let recorder: RunRecorder | undefined;
  let cache: OutputCache | undefined;
  if (options.project) {
    project = openProjectFile(options.project, { create: true });
    cache = project.cache;
    // The project keeps the pipeline as written in the file (paths relative to the project's folder);
    // --set values are recorded on the run.
    const stored = rebaseFileParams(loaded.document, loaded.baseDir, dirname(project.path), nodeCatalog);
    const { version } = project.pipelines.saveIfChanged(stored.name, exportPipelineYaml(stored, nodeCatalog), stored.layout, `plumb run ${basename(loaded.path)}`);
    recorder = startRunRecord(project, {
      pipeline: loaded.document.name,
      version,
      nodes: document.nodes.map((n) => ({ id: n.id, type: n.type, params: n.params })),
      overrides: Object.fromEntries(options.set.map((s) => [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)])),
    });
  } else if (options.cache) {
    cache = new DirectoryCache(resolve(options.cache));
  } else if (outDir && !options.noCache) {
    // An --out folder remembers how its files were made (like make): re-running into it re-executes only
    // what changed. A new folder starts fresh.
    cache = new DirectoryCache(join(outDir, OUT_CACHE_FOLDER));
  }

  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const progress = stderrProgress();
  try {
    const result = await runPipelineDocument({
      document,
      baseDir: loaded.baseDir,
      cache,
      signal: abort.signal,
      runId: recorder?.runId,
      onEvent: (event: RunEvent) => {
        progress(event);
        recorder?.onEvent(event);
      },
      onNodeOutputs:
        outDir || recorder
          ? async (nodeId, outputs, env) => {
              const declaration = nodeCatalog.get(document.nodes.find((n) => n.id === nodeId)!.type)!;
              recorder?.recordOutputs(nodeId, declaration, outputs);
              if (!outDir) return;
              await mkdir(join(outDir, nodeId), { recursive: true });
              for (const [port, value] of Object.entries(outputs)) {
                const type = declaration.outputs[port]?.type;
                if (!type || value === undefined) continue;
                await portCodecs[type].writeFile(value, join(outDir, nodeId, `${port}.${PORT_FILE_EXTENSION[type]}`), env);
              }
            }
          : undefined,
    });
    recorder?.finish(result);

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
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    project?.close();
  }
}

function exitCodeForRun(result: Awaited<ReturnType<typeof runPipelineDocument>>): number {
  if (result.status === 'ok') return EXIT.ok;
  const failed = result.nodes.filter((n) => n.status === 'failed' && n.error);
  if (failed.some((n) => n.error!.kind === 'runtime' || n.error!.kind === 'cancelled')) return EXIT.runtime;
  if (failed.some((n) => n.error!.kind === 'invalid_input')) return exitCodeFor('invalid_input');
  if (result.status === 'gate_failed') return EXIT.gateFailed;
  return EXIT.runtime;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
