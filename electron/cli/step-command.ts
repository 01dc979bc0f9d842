// `plumb run <pipeline> --node <id> --inputs DIR --out DIR [--shard i/N | --reduce N]`: one step of a pipeline.
import { resolve } from 'node:path';
import { nodeCatalog } from '../../shared/catalog/index.js';
import { invalidInput } from '../../shared/errors.js';
import { applyParamOverrides } from '../../shared/pipeline/index.js';
import { runOneStep } from '../api/one-step.js';
import { parseShard } from '../api/shards.js';
import { abortOnSignals } from '../api/signals.js';
import { EXIT } from './exit-codes.js';
import { loadPipelineFile } from './load-pipeline.js';
import { stderrProgress } from './progress.js';

export interface StepCommandOptions {
  pipelinePath: string;
  node: string;
  inputs?: string;
  out?: string;
  shard?: string;
  reduce?: string;
  set: string[];
  json: boolean;
}

export async function stepCommand(options: StepCommandOptions): Promise<number> {
  if (!options.out) throw invalidInput('--node needs --out DIR (where the step writes its outputs)', { param: '--out' });
  if (options.shard !== undefined && options.reduce !== undefined) throw invalidInput('--shard and --reduce exclude each other', { param: '--reduce' });
  const reduce = options.reduce !== undefined ? Number(options.reduce) : undefined;
  if (reduce !== undefined && !(Number.isInteger(reduce) && reduce >= 1)) throw invalidInput(`--reduce '${options.reduce}' is not a positive whole number of shards`, { param: '--reduce' });
  const shard = options.shard !== undefined ? parseShard(options.shard) : undefined;
  const loaded = await loadPipelineFile(options.pipelinePath);
  const document = options.set.length ? applyParamOverrides(loaded.document, options.set, nodeCatalog) : loaded.document;
  const abort = new AbortController();
  const releaseSignals = abortOnSignals(abort);
  try {
    const result = await runOneStep({
      document,
      baseDir: loaded.baseDir,
      node: options.node,
      inputsDir: resolve(options.inputs ?? options.out),
      outDir: resolve(options.out),
      ...(shard ? { shard } : {}),
      ...(reduce !== undefined ? { reduce } : {}),
      signal: abort.signal,
      onEvent: stderrProgress(),
    });
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ status: 'ok', seconds: round(result.seconds), nodes: [{ id: result.node, type: result.type, status: 'done', seconds: round(result.seconds) }], files: result.files })}\n`);
    }
    return EXIT.ok;
  } finally {
    releaseSignals();
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
