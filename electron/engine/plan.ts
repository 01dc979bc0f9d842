// A run plan: the nodes to run with resolved params and wiring, checked for structure and ordered topologically.
import { invalidInput } from '../../shared/errors.js';
import type { NodeDeclaration } from '../../shared/catalog/define.js';

export interface PortRef {
  node: string;
  port: string;
}

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

/**
 * Build one planned node: parse raw params with the declaration (defaults filled in) and derive `fileParams`.
 * A param that does not parse is an `invalid_input` error naming the node and the param.
 */
export function planNode(
  id: string,
  declaration: NodeDeclaration,
  rawParams: Record<string, unknown>,
  inputs: Record<string, PortRef>,
): PlannedNode {
  const parsed = declaration.params.safeParse(rawParams);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue?.path.length ? String(issue.path[0]) : undefined;
    throw invalidInput(issue?.message ?? 'invalid params', { node: id, ...(param ? { param } : {}) },
      parsed.error.issues.slice(1).map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const fileParams = fileParamsOf(declaration);
  return {
    id,
    declaration,
    params: parsed.data as Record<string, unknown>,
    inputs,
    ...(fileParams.length ? { fileParams } : {}),
  };
}

/**
 * Nodes in an order where every node comes after the nodes it reads from (Kahn's algorithm, ties kept in
 * plan order so runs are reproducible). Throws `invalid_input` for duplicate ids, dangling or ill-typed
 * connections, missing required inputs and cycles.
 */
export function topologicalOrder(plan: RunPlan): PlannedNode[] {
  const byId = new Map<string, PlannedNode>();
  for (const node of plan.nodes) {
    if (byId.has(node.id)) throw invalidInput(`duplicate node id '${node.id}'`, { node: node.id });
    byId.set(node.id, node);
  }
  for (const node of plan.nodes) checkInputs(node, byId);

  const pending = new Map<string, number>();
  const readers = new Map<string, string[]>();
  for (const node of plan.nodes) {
    const upstream = new Set(Object.values(node.inputs).map((ref) => ref.node));
    pending.set(node.id, upstream.size);
    for (const up of upstream) readers.set(up, [...(readers.get(up) ?? []), node.id]);
  }
  const order: PlannedNode[] = [];
  const placed = new Set<string>();
  while (order.length < plan.nodes.length) {
    const next = plan.nodes.find((n) => !placed.has(n.id) && pending.get(n.id) === 0);
    if (!next) {
      const stuck = plan.nodes.filter((n) => !placed.has(n.id)).map((n) => n.id);
      throw invalidInput(`the graph has a cycle through ${stuck.map((s) => `'${s}'`).join(', ')}`, { node: stuck[0] });
    }
    placed.add(next.id);
    order.push(next);
    for (const reader of readers.get(next.id) ?? []) pending.set(reader, (pending.get(reader) ?? 0) - 1);
  }
  return order;
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

/** The plan for "run to selected node": the target and every node it depends on, in plan order. */
export function planSubset(plan: RunPlan, targetNodeId: string): RunPlan {
  const byId = new Map(plan.nodes.map((n) => [n.id, n]));
  if (!byId.has(targetNodeId)) throw invalidInput(`unknown node '${targetNodeId}'`, { node: targetNodeId });
  const keep = new Set<string>();
  const stack = [targetNodeId];
  while (stack.length) {
    const id = stack.pop() as string;
    if (keep.has(id)) continue;
    keep.add(id);
    const node = byId.get(id);
    if (node) for (const ref of Object.values(node.inputs)) stack.push(ref.node);
  }
  return { nodes: plan.nodes.filter((n) => keep.has(n.id)) };
}

/** Ids of every node that reads, directly or not, from `nodeId`. */
export function descendantsOf(plan: RunPlan, nodeId: string): Set<string> {
  const readers = new Map<string, string[]>();
  for (const node of plan.nodes) {
    for (const ref of Object.values(node.inputs)) readers.set(ref.node, [...(readers.get(ref.node) ?? []), node.id]);
  }
  const found = new Set<string>();
  const stack = [...(readers.get(nodeId) ?? [])];
  while (stack.length) {
    const id = stack.pop() as string;
    if (found.has(id)) continue;
    found.add(id);
    stack.push(...(readers.get(id) ?? []));
  }
  return found;
}
