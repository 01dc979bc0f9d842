// Column schemas before running (KNIME's configure step): each node's output tables follow from its params and
// its inputs' schemas — declared in the catalog for pure transforms, asked of files and DuckDB by the
// implementation for readers and SQL. Results are kept per node state, so an edit recomputes only what it changed.
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { nodeCatalog } from '../../shared/catalog/index.js';
import type { TableSchema } from '../../shared/catalog/define.js';
import { invalidInput, toPlumbError } from '../../shared/errors.js';
import { flatOutputRef, flattenComponents, parsePortRef, topologicalOrder, upstreamClosure, type PipelineDocument } from '../../shared/pipeline/index.js';
import { openDataSession } from '../data/session.js';
import type { DataSession } from '../data/types.js';
import { fileParamsOf } from '../engine/plan.js';
import type { WorkerPool } from '../engine/workers.js';
import { nodeImplementations } from '../nodes/index.js';
import type { ProjectFile } from '../store/project-file.js';
import type { ApiHandlers } from './service.js';

type PortSchemas = Record<string, TableSchema | undefined>;

/** What one node's schemas came to: the output tables, or why they are unknown. */
interface NodeSchemas {
  outputs: PortSchemas;
  problem?: string;
}

const CACHE_LIMIT = 2000;

export interface Schemas {
  handlers: Pick<ApiHandlers, 'pipelines.schemas'>;
  close(): Promise<void>;
}

export function createSchemas(current: () => ProjectFile, workers: WorkerPool): Schemas {
  let session: DataSession | undefined;
  const cache = new Map<string, NodeSchemas>();

  async function data(): Promise<DataSession> {
    session ??= await openDataSession();
    return session;
  }

  async function nodeSchemas(doc: PipelineDocument, id: string, known: ReadonlyMap<string, NodeSchemas>, baseDir: string): Promise<NodeSchemas> {
    const spec = doc.nodes.find((n) => n.id === id)!;
    const declaration = nodeCatalog.get(spec.type);
    if (!declaration) return { outputs: {}, problem: `unknown node type '${spec.type}'` };
    const parsed = declaration.params.safeParse(spec.params ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { outputs: {}, problem: `${id}: ${issue?.path.join('.') || 'params'}: ${issue?.message ?? 'invalid'}` };
    }
    const inputs: PortSchemas = {};
    for (const [port, ref] of Object.entries(spec.inputs ?? {})) {
      const from = parsePortRef(ref);
      const upstream = known.get(from.node);
      if (upstream?.problem) return { outputs: {}, problem: upstream.problem };
      inputs[port] = upstream?.outputs[from.port];
    }
    const resolvePath = (path: string) => resolve(baseDir, path);
    const files = await Promise.all(fileParamsOf(declaration).map((name) => fileStamp(resolvePath(String((parsed.data as Record<string, unknown>)[name])))));
    const key = JSON.stringify([spec.type, parsed.data, inputs, files]);
    const cached = cache.get(key);
    if (cached) return cached;
    let result: NodeSchemas;
    try {
      const implementation = nodeImplementations.get(spec.type);
      const outputs = implementation?.schema
        ? await implementation.schema(parsed.data, inputs, { data: await data(), workers }, resolvePath)
        : (declaration.schema?.(parsed.data, inputs) ?? {});
      result = { outputs };
    } catch (e) {
      result = { outputs: {}, problem: `${id}: ${toPlumbError(e).message}` };
    }
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, result);
    return result;
  }

  const handlers: Schemas['handlers'] = {
    'pipelines.schemas': async ({ document, ref }) => {
      const written = document as PipelineDocument;
      const asked = parsePortRef(ref).node;
      if (!written.nodes.some((n) => n.id === asked)) throw invalidInput(`no node '${asked}' in the pipeline`, { node: asked });
      // Components are seen through: a component's output is its inner node's output.
      const doc = flattenComponents(written);
      const { node, port } = parsePortRef(flatOutputRef(written, ref));
      if (!doc.nodes.some((n) => n.id === node)) return { columns: null, partial: false, problem: `'${ref}' is not an output of the pipeline` };
      const closure = upstreamClosure(doc, node);
      let order: string[];
      try {
        order = topologicalOrder(closure);
      } catch (e) {
        return { columns: null, partial: false, problem: toPlumbError(e).message };
      }
      const baseDir = dirname(current().path);
      const known = new Map<string, NodeSchemas>();
      for (const id of order) known.set(id, await nodeSchemas(closure, id, known, baseDir));
      const target = known.get(node)!;
      const schema = target.outputs[port];
      if (!schema) return { columns: null, partial: false, problem: target.problem ?? null };
      return { columns: schema.columns, partial: schema.partial ?? false, problem: null };
    },
  };

  return {
    handlers,
    async close() {
      await session?.close();
    },
  };
}

/** Size and modification time, so an edited file is sniffed again; null when it is not there (the sniff says so). */
async function fileStamp(path: string): Promise<[number, number] | null> {
  const info = await stat(path).catch(() => undefined);
  return info ? [info.size, info.mtimeMs] : null;
}
