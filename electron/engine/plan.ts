// A run plan: the nodes to run with resolved params and wiring, checked for structure and ordered topologically.
// Params are parsed by shared/pipeline (once), and order and reachability come from the pipeline graph.
import { invalidInput } from '../../shared/errors.js';
import type { Catalog } from '../../shared/catalog/catalog.js';
import type { NodeDeclaration } from '../../shared/catalog/define.js';
import {
  checkNodeParams,
  downstreamOf,
  flatNodeIds,
  flattenComponents,
  formatPortRef,
  issuesToError,
  parsePortRef,
  resolveParams,
  topologicalOrder as graphOrder,
  upstreamClosure,
  type PipelineDocument,
  type PipelineGraph,
  type PortRef,
} from '../../shared/pipeline/index.js';

export type { PortRef } from '../../shared/pipeline/index.js';

export interface PlannedNode {
  id: string;
  declaration: NodeDeclaration;
  /** Already parsed by the declaration's zod schema, defaults filled in. */
  params: Record<string, unknown>;
  /** input port → the upstream node's output port */
  inputs: Record<string, PortRef>;
  /** Params whose widget is `file`: their file bytes are part of the cache key. */
  fileParams?: string[];
}

export interface RunPlan {
  nodes: PlannedNode[];
}

/** Names of the params declared with the `file` widget. */
export function fileParamsOf(declaration: NodeDeclaration): string[] {
  const ui = declaration.ui ?? {};
  return Object.entries(ui)
    .filter(([, hint]) => hint?.widget === 'file')
    .map(([name]) => name);
}

/** One planned node from params that are already parsed (see `resolveParams`). */
function plannedNode(id: string, declaration: NodeDeclaration, params: Record<string, unknown>, inputs: Record<string, PortRef>): PlannedNode {
  const fileParams = fileParamsOf(declaration);
  return { id, declaration, params, inputs, ...(fileParams.length ? { fileParams } : {}) };
}

/**
 * Build one planned node from raw params: parsed like a pipeline's (defaults filled in) and `fileParams` derived.
 * A param that does not parse is an `invalid_input` error naming the node and the param.
 */
export function planNode(
  id: string,
  declaration: NodeDeclaration,
  rawParams: Record<string, unknown>,
  inputs: Record<string, PortRef>,
): PlannedNode {
  const checked = checkNodeParams({ id, type: declaration.type, params: rawParams }, 0, declaration);
  if (!checked.params) throw issuesToError(checked.issues);
  return plannedNode(id, declaration, checked.params, inputs);
}

/** The plan of a pipeline document (only `targetNode` and what it needs, when given); params parsed once, here. */
export function planFromDocument(written: PipelineDocument, catalog: Catalog, targetNode?: string): RunPlan {
  // Downstream nodes of the target are neither run nor validated: a trainer still missing its target must not
  // block running the reader and split that feed its column pickers.
  if (targetNode && !written.nodes.some((n) => n.id === targetNode)) throw invalidInput(`unknown node '${targetNode}'`, { node: targetNode });
  // Components run as their inner nodes (`<node id>/<inner id>`), so each is cached on its own.
  const fullDoc = flattenComponents(written);
  const doc = targetNode ? closureOf(fullDoc, flatNodeIds(written, targetNode)) : fullDoc;
  const params = resolveParams(doc, catalog);
  const plan: RunPlan = {
    nodes: doc.nodes.map((spec) => {
      const declaration = catalog.get(spec.type);
      if (!declaration) throw invalidInput(`unknown node type '${spec.type}'`, { node: spec.id });
      const inputs = Object.fromEntries(Object.entries(spec.inputs ?? {}).map(([port, ref]) => [port, parsePortRef(ref)]));
      return plannedNode(spec.id, declaration, params.get(spec.id) ?? {}, inputs);
    }),
  };
  return plan;
}

/** The nodes `targets` need (themselves included), in document order. */
function closureOf(doc: PipelineDocument, targets: readonly string[]): PipelineDocument {
  const keep = new Set(targets.flatMap((id) => upstreamClosure(doc, id).nodes.map((n) => n.id)));
  return { ...doc, nodes: doc.nodes.filter((n) => keep.has(n.id)) };
}

/** The plan as a pipeline graph, for the shared order and reachability functions. */
function graphOf(plan: RunPlan): PipelineGraph {
  return {
    name: 'run plan',
    nodes: plan.nodes.map((node) => ({
      id: node.id,
      inputs: Object.fromEntries(Object.entries(node.inputs).map(([port, ref]) => [port, formatPortRef(ref)])),
    })),
  };
}

/**
 * Nodes in an order where every node comes after the nodes it reads from (ties kept in plan order so runs are
 * reproducible). Throws `invalid_input` for duplicate ids, dangling or ill-typed connections, missing required
 * inputs and cycles.
 */
export function topologicalOrder(plan: RunPlan): PlannedNode[] {
  const byId = new Map<string, PlannedNode>();
  for (const node of plan.nodes) {
    if (byId.has(node.id)) throw invalidInput(`duplicate node id '${node.id}'`, { node: node.id });
    byId.set(node.id, node);
  }
  for (const node of plan.nodes) checkInputs(node, byId);
  return graphOrder(graphOf(plan)).map((id) => byId.get(id) as PlannedNode);
}

function checkInputs(node: PlannedNode, byId: ReadonlyMap<string, PlannedNode>): void {
  const declared = node.declaration.inputs;
  for (const [port, ref] of Object.entries(node.inputs)) {
    const inputDecl = declared[port];
    if (!inputDecl) throw invalidInput(`unknown input port '${port}'`, { node: node.id });
    const upstream = byId.get(ref.node);
    if (!upstream) throw invalidInput(`input '${port}' reads from unknown node '${ref.node}'`, { node: node.id });
    const outputDecl = upstream.declaration.outputs[ref.port];
    if (!outputDecl) {
      throw invalidInput(`input '${port}' reads unknown output '${ref.node}.${ref.port}'`, { node: node.id });
    }
    if (outputDecl.type !== inputDecl.type) {
      throw invalidInput(
        `input '${port}' expects ${inputDecl.type} but '${ref.node}.${ref.port}' is ${outputDecl.type}`,
        { node: node.id },
      );
    }
  }
  for (const [port, decl] of Object.entries(declared)) {
    if (!decl.optional && !node.inputs[port]) throw invalidInput(`required input '${port}' is not connected`, { node: node.id });
  }
}

/** Ids of every node that reads, directly or not, from `nodeId`. */
export function descendantsOf(plan: RunPlan, nodeId: string): Set<string> {
  if (!plan.nodes.some((n) => n.id === nodeId)) return new Set();
  return new Set(downstreamOf(graphOf(plan), nodeId));
}
