// Whether an output may feed an input: equal port types and no cycle (React Flow's cycle-prevention example),
// with a sentence saying why not, so the editor can show the reason instead of silently refusing.
import type { Catalog } from '../../shared/catalog/catalog.js';
import type { PortType } from '../../shared/catalog/ports.js';
import { pathBetween, pipelineEdges } from '../../shared/pipeline/graph.js';
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

export function checkConnection(doc: PipelineDocument, catalog: Catalog, attempt: ConnectionAttempt): ConnectionCheck {
  const { source, target, sourceHandle, targetHandle } = attempt;
  if (!source || !target || !sourceHandle || !targetHandle) return { ok: false, reason: 'Cannot connect: pick an output and an input' };
  if (source === target) return { ok: false, reason: `Cannot connect node ${source} to itself` };
  const from = portType(doc, catalog, source, 'outputs', sourceHandle);
  const to = portType(doc, catalog, target, 'inputs', targetHandle);
  if (!from) return { ok: false, reason: `Cannot connect: ${source} has no output ${sourceHandle}` };
  if (!to) return { ok: false, reason: `Cannot connect: ${target} has no input ${targetHandle}` };
  if (from !== to) return { ok: false, reason: `Cannot connect ${from} output to ${to} input` };
  const loop = pathBetween(target, source, pipelineEdges(doc));
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

/**
 * The connection a new node of type `newType` obviously gets from node `from`: when exactly one output of `from`
 * has a type the new node takes, and the new node has exactly one input of that type (counting only required
 * inputs when there are several, so SQL's t1 is chosen over the optional t2 and t3).
 */
export function obviousConnection(doc: PipelineDocument, catalog: Catalog, from: string, newType: string): { sourceHandle: string; targetHandle: string } | undefined {
  const source = doc.nodes.find((n) => n.id === from);
  const sourceDeclaration = source && catalog.get(source.type);
  const target = catalog.get(newType);
  if (!sourceDeclaration || !target) return undefined;
  const inputs = Object.entries(target.inputs);
  const outputs = Object.entries(sourceDeclaration.outputs).filter(([, out]) => inputs.some(([, input]) => input.type === out.type));
  if (outputs.length !== 1) return undefined;
  const [sourceHandle, output] = outputs[0];
  const matching = inputs.filter(([, input]) => input.type === output.type);
  const required = matching.filter(([, input]) => !input.optional);
  const chosen = matching.length === 1 ? matching : required;
  return chosen.length === 1 ? { sourceHandle, targetHandle: chosen[0][0] } : undefined;
}

/** Whether the port `port` of node `nodeId` (on `side`) could take the connection being dragged from `from`. */
export function acceptsDrag(doc: PipelineDocument, catalog: Catalog, from: { nodeId: string; handleId: string; side: 'source' | 'target' }, nodeId: string, port: string): boolean {
  if (from.side === 'source') return checkConnection(doc, catalog, { source: from.nodeId, sourceHandle: from.handleId, target: nodeId, targetHandle: port }).ok;
  return checkConnection(doc, catalog, { source: nodeId, sourceHandle: port, target: from.nodeId, targetHandle: from.handleId }).ok;
}
