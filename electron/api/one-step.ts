// One-step mode (`plumb run <pipeline> --node <id> --inputs DIR --out DIR [--shard i/N | --reduce N]`, SPEC §5):
// one node runs with its inputs read from files written by earlier steps, as each task of an Argo workflow does.
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeCatalog } from '../../shared/catalog/index.js';
import type { PortType } from '../../shared/catalog/ports.js';
import type { RunEvent } from '../../shared/api/run-types.js';
import { invalidInput, runtimeError, toPlumbError } from '../../shared/errors.js';
import type { PipelineDocument } from '../../shared/pipeline/index.js';
import { openDataSession } from '../data/session.js';
import { createNodeContext } from '../engine/node-context.js';
import { planFromDocument, type PlannedNode } from '../engine/plan.js';
import { createWorkerPool } from '../engine/workers.js';
import { portCodecs } from '../nodes/codecs.js';
import { unwrapTableBytes, wrapTableBytes } from '../nodes/data/table-chain.js';
import { preprocessingChainSchema, type PreprocessingChain } from '../ml/preprocessing/index.js';
import type { NodeEnv } from '../nodes/env.js';
import { nodeImplementations } from '../nodes/index.js';
import { defaultWorkerCount } from './pipeline-run.js';
import { shardableTypes, shardFolder, shardRows, shardSpecOf, type Shard } from './shards.js';

/** Tables travel as Parquet (types survive); every other port as the JSON `--out` writes. */
export const stepFileExtension = (type: PortType): 'parquet' | 'json' => (type === 'table' ? 'parquet' : 'json');

/** Beside `<port>.parquet`: the preprocessing chain the table carries (data.impute/encode/... fitted steps), if any. */
export const chainFile = (parquetFile: string): string => parquetFile.replace(/\.parquet$/, '.preprocessing.json');

async function readChainFile(parquetPath: string): Promise<PreprocessingChain | undefined> {
  let text: string;
  try {
    text = await readFile(chainFile(parquetPath), 'utf8');
  } catch {
    return undefined;
  }
  return preprocessingChainSchema.parse(JSON.parse(text));
}

export interface OneStepOptions {
  document: PipelineDocument;
  baseDir: string;
  node: string;
  inputsDir: string;
  outDir: string;
  /** Row-wise nodes only: process this contiguous share of the rows, written to `<out>/<node>/shard-<i>/`. */
  shard?: Shard;
  /** Concatenate the outputs of `reduce` shards (in order) into `<out>/<node>/` instead of running the node. */
  reduce?: number;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
}

export interface OneStepResult {
  node: string;
  type: string;
  seconds: number;
  /** Files written, relative to the out folder. */
  files: string[];
}

/** The node as planned in the whole pipeline (params parsed, defaults filled in). */
export function plannedStep(document: PipelineDocument, nodeId: string): PlannedNode {
  if (!document.nodes.some((n) => n.id === nodeId)) {
    throw invalidInput(`no node '${nodeId}' in pipeline '${document.name}'`, { param: '--node' });
  }
  const node = planFromDocument(document, nodeCatalog, nodeId).nodes.find((n) => n.id === nodeId);
  if (!node) throw invalidInput(`no node '${nodeId}' in pipeline '${document.name}'`, { param: '--node' });
  return node;
}

export async function runOneStep(options: OneStepOptions): Promise<OneStepResult> {
  const node = plannedStep(options.document, options.node);
  const since = performance.now();
  const data = await openDataSession();
  const workers = createWorkerPool({ size: defaultWorkerCount() });
  const env: NodeEnv = { data, workers };
  const emit = (event: RunEvent) => options.onEvent?.(event);
  const interrupt = () => data.interrupt();
  options.signal?.addEventListener('abort', interrupt, { once: true });
  try {
    if (options.reduce !== undefined) {
      const files = await reduceShards(node, options.outDir, options.inputsDir, options.reduce, env);
      return { node: node.id, type: node.declaration.type, seconds: (performance.now() - since) / 1000, files };
    }
    const inputs = await readStepInputs(node, options.inputsDir, env);
    if (options.shard) {
      const spec = shardSpecOf(node.declaration.type);
      if (!spec) {
        throw invalidInput(`node type '${node.declaration.type}' cannot be sharded (row-wise types: ${shardableTypes().join(', ')})`, { node: node.id, param: '--shard' });
      }
      if (spec.cut === 'node') env.rowShard = options.shard;
      else inputs[spec.cut.input] = await shardRows(env, inputs[spec.cut.input], options.shard, node.id);
    }
    emit({ kind: 'node_status', node: node.id, status: 'running' });
    const impl = nodeImplementations.get(node.declaration.type);
    if (!impl) throw invalidInput(`no implementation for node type '${node.declaration.type}'`, { node: node.id });
    const handle = createNodeContext({
      nodeId: node.id,
      nodeType: node.declaration.type,
      signal: options.signal ?? new AbortController().signal,
      baseDir: options.baseDir,
      emit,
    });
    let produced: Record<string, unknown>;
    try {
      produced = await impl.run(handle.ctx, inputs, node.params, env);
      handle.finish();
    } catch (e) {
      handle.close();
      throw toPlumbError(e, { node: node.id });
    }
    const folder = options.shard ? join(node.id, shardFolder(options.shard.index)) : node.id;
    const files = await writeStepOutputs(node, produced, options.outDir, folder, env);
    const seconds = (performance.now() - since) / 1000;
    emit({ kind: 'node_status', node: node.id, status: 'done', seconds });
    return { node: node.id, type: node.declaration.type, seconds, files };
  } finally {
    options.signal?.removeEventListener('abort', interrupt);
    await data.close();
    await workers.close();
  }
}

/** `DIR/<upstream node>/<port>.parquet|json` for every wired input, decoded as the input port's type. */
async function readStepInputs(node: PlannedNode, dir: string, env: NodeEnv): Promise<Record<string, unknown>> {
  const inputs: Record<string, unknown> = {};
  for (const [port, ref] of Object.entries(node.inputs)) {
    inputs[port] = await readPortFile(dir, ref.node, ref.port, node.declaration.inputs[port]?.type ?? 'table', env, node.id);
  }
  return inputs;
}

export async function readPortFile(dir: string, nodeId: string, port: string, type: PortType, env: NodeEnv, forNode: string): Promise<unknown> {
  const path = join(dir, nodeId, `${port}.${stepFileExtension(type)}`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw invalidInput(`input file ${path} ${code === 'ENOENT' ? 'not found (run the upstream step first)' : `cannot be read (${code ?? String(e)})`}`, {
      node: forNode,
      file: path,
    });
  }
  try {
    if (type === 'table') bytes = wrapTableBytes(bytes, await readChainFile(path));
    return await portCodecs[type].load(bytes, env);
  } catch (e) {
    throw invalidInput(`input file ${path} is not a valid ${type} file (${toPlumbError(e).message})`, { node: forNode, file: path });
  }
}

async function writeStepOutputs(node: PlannedNode, produced: Record<string, unknown>, outDir: string, folder: string, env: NodeEnv): Promise<string[]> {
  await mkdir(join(outDir, folder), { recursive: true });
  const files: string[] = [];
  for (const [port, decl] of Object.entries(node.declaration.outputs)) {
    const value = produced[port];
    if (value === undefined || value === null) continue;
    const file = join(folder, `${port}.${stepFileExtension(decl.type)}`);
    const bytes = await portCodecs[decl.type].save(value, env);
    if (decl.type === 'table') {
      // The codec puts a table's preprocessing chain in front of the Parquet bytes; a step file stays plain
      // Parquet with the chain beside it, so other tools can read it.
      const { parquet, chain } = unwrapTableBytes(bytes);
      await writeFile(join(outDir, file), parquet);
      if (chain) await writeFile(join(outDir, chainFile(file)), JSON.stringify(chain));
    } else {
      await writeFile(join(outDir, file), bytes);
    }
    files.push(file);
  }
  if (!files.length && Object.keys(node.declaration.outputs).length) throw runtimeError('the node returned no outputs', { node: node.id });
  return files;
}

/** Shards 0..n-1 of `<inputs>/<node>/shard-<i>/` put back together in order (the node type's reduce) into `<out>/<node>/`. */
async function reduceShards(node: PlannedNode, outDir: string, inputsDir: string, count: number, env: NodeEnv): Promise<string[]> {
  const spec = shardSpecOf(node.declaration.type);
  if (!spec) throw invalidInput(`node type '${node.declaration.type}' cannot be sharded`, { node: node.id, param: '--reduce' });
  if (!Number.isInteger(count) || count < 1) throw invalidInput(`--reduce needs a positive number of shards (got ${count})`, { param: '--reduce' });
  const parts: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const folder = join(node.id, shardFolder(i));
    const part: Record<string, unknown> = {};
    for (const [port, decl] of Object.entries(node.declaration.outputs)) {
      const path = join(inputsDir, folder, `${port}.${stepFileExtension(decl.type)}`);
      await access(path).catch(() => {
        throw invalidInput(`shard ${i} of ${count} has no output ${path}`, { node: node.id, file: path });
      });
      part[port] = await readPortFile(inputsDir, folder, port, decl.type, env, node.id);
    }
    parts.push(part);
  }
  return writeStepOutputs(node, await spec.reduce(env, parts, node.params, node.id), outDir, node.id, env);
}
