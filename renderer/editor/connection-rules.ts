// Whether an output may feed an input: equal port types and no cycle (React Flow's cycle-prevention example),
// with a sentence saying why not, so the editor can show the reason instead of silently refusing.
import type { Catalog } from '../../shared/catalog/catalog.js';
import type { PortType } from '../../shared/catalog/ports.js';
import type { PipelineDocument } from '../../shared/pipeline/schema.js';

export interface ConnectionAttempt {
  source: string | null;
  sourceHandle?: string | null;
  target: string | null;
  targetHandle?: string | null;
}

export type ConnectionCheck = { ok: true; replaces?: string } | { ok: false; reason: string };

function portType(doc: PipelineDocument, catalog: Catalog, nodeId: string, side: 'inputs' | 'outputs', port: string): PortType | undefined {
  const node = doc.nodes.find((n) => n.id === nodeId);
  const declaration = node && catalog.get(node.type);
  return declaration && Object.hasOwn(declaration[side], port) ? declaration[side][port].type : undefined;
}

/** The nodes `from` feeds, directly or not, by breadth-first search over input references. */
function reaches(doc: PipelineDocument, from: string, to: string): string[] | undefined {
  const readers = new Map<string, string[]>();
  for (const node of doc.nodes) {
    for (const ref of Object.values(node.inputs ?? {})) {
      const source = ref.slice(0, ref.indexOf('.'));
      const list = readers.get(source) ?? [];
      if (!list.includes(node.id)) list.push(node.id);
      readers.set(source, list);
    }
  }
  const cameFrom = new Map<string, string>([[from, '']]);
  const queue = [from];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (id === to) {
      const path = [id];
      for (let at = cameFrom.get(id)!; at !== ''; at = cameFrom.get(at)!) path.unshift(at);
      return path;
    }
    for (const next of readers.get(id) ?? []) {
      if (!cameFrom.has(next)) {
        cameFrom.set(next, id);
        queue.push(next);
      }
    }
  }
  return undefined;
}

export function checkConnection(doc: PipelineDocument, catalog: Catalog, attempt: ConnectionAttempt): ConnectionCheck {
  const { source, target, sourceHandle, targetHandle } = attempt;
  if (!source || !target || !sourceHandle || !targetHandle) return { ok: false, reason: 'Cannot connect: pick an output and an input' };
  if (source === target) return { ok: false, reason: `Cannot connect node ${source} to itself` };
  const from = portType(doc, catalog, source, 'outputs', sourceHandle);
  const to = portType(doc, catalog, target, 'inputs', targetHandle);
  if (!from) return { ok: false, reason: `Cannot connect: ${source} has no output ${sourceHandle}` };
  if (!to) return { ok: false, reason: `Cannot connect: ${target} has no input ${targetHandle}` };
  if (from !== to) return { ok: false, reason: `Cannot connect ${from} output to ${to} input` };
  const loop = reaches(doc, target, source);
  if (loop) {
    return { ok: false, reason: `Cannot connect ${source}.${sourceHandle} to ${target}.${targetHandle}: it would make a cycle (${[...loop, target].join(' → ')})` };
  }
  const existing = doc.nodes.find((n) => n.id === target)?.inputs?.[targetHandle];
  const ref = `${source}.${sourceHandle}`;
  return existing && existing !== ref ? { ok: true, replaces: existing } : { ok: true };
}

/** Every output in the document that could feed input `port` of `nodeId`, as "node.port" references. */
export function compatibleOutputs(doc: PipelineDocument, catalog: Catalog, nodeId: string, port: string): string[] {
  const refs: string[] = [];
  for (const node of doc.nodes) {
    const declaration = catalog.get(node.type);
    if (!declaration) continue;
    for (const output of Object.keys(declaration.outputs)) {
      if (checkConnection(doc, catalog, { source: node.id, sourceHandle: output, target: nodeId, targetHandle: port }).ok) {
        refs.push(`${node.id}.${output}`);
      }
    }
  }
  return refs;
}
