// The pipeline as a graph: edges from input references, run order, cycles, and the nodes up/downstream of one.
import { invalidInput } from '../errors.js';
import { FLAT_PORT_REF_PATTERN, type PipelineDocument, type PipelineNodeSpec } from './schema.js';

/** What the graph functions read of a pipeline: its name and each node's id and input references (a run plan has these too). */
export interface PipelineGraph {
  name: PipelineDocument['name'];
  nodes: readonly Pick<PipelineNodeSpec, 'id' | 'inputs'>[];
}

export interface PortRef {
  node: string;
  port: string;
}

/** One connection: output `from.port` of node `from.node` feeds input `to.port` of node `to.node`. */
export interface PipelineEdge {
  from: PortRef;
  to: PortRef;
}

/** "split.train" → { node: 'split', port: 'train' }; throws invalid_input for anything else. */
export function parsePortRef(ref: string): PortRef {
  if (!FLAT_PORT_REF_PATTERN.test(ref)) {
    throw invalidInput(`'${ref}' is not a port reference; expected "<node id>.<output port>"`);
  }
  const dot = ref.indexOf('.');
  return { node: ref.slice(0, dot), port: ref.slice(dot + 1) };
}

export function formatPortRef(ref: PortRef): string {
  return `${ref.node}.${ref.port}`;
}

/** Every well-formed input reference, in document order (nodes, then their inputs as written). */
export function pipelineEdges(doc: PipelineGraph): PipelineEdge[] {
  const edges: PipelineEdge[] = [];
  for (const node of doc.nodes) {
    for (const [port, ref] of Object.entries(node.inputs ?? {})) {
      if (!FLAT_PORT_REF_PATTERN.test(ref)) continue;
      edges.push({ from: parsePortRef(ref), to: { node: node.id, port } });
    }
  }
  return edges;
}

interface Adjacency {
  ids: string[];
  next: Map<string, string[]>;
  previous: Map<string, string[]>;
}

/**
 * Node ids in document order with, for each, the nodes it feeds and the nodes it reads from. A repeated id counts
 * once, as its first node (the others are errors); references to ids that are not in the document are left out.
 */
function adjacency(doc: PipelineGraph): Adjacency {
  const ids: string[] = [];
  const next = new Map<string, string[]>();
  const previous = new Map<string, string[]>();
  const firsts = doc.nodes.filter((node) => {
    if (next.has(node.id)) return false;
    ids.push(node.id);
    next.set(node.id, []);
    previous.set(node.id, []);
    return true;
  });
  for (const node of firsts) {
    for (const ref of Object.values(node.inputs ?? {})) {
      if (!FLAT_PORT_REF_PATTERN.test(ref)) continue;
      const from = parsePortRef(ref).node;
      const out = next.get(from);
      const into = previous.get(node.id)!;
      if (!out) continue;
      if (!out.includes(node.id)) out.push(node.id);
      if (!into.includes(from)) into.push(from);
    }
  }
  return { ids, next, previous };
}

/**
 * One cycle as the node ids along it (each feeds the next, the last feeds the first), starting at the member that
 * comes first in the document; undefined when the graph is acyclic. A node reading its own output is a cycle of one.
 */
export function findCycle(doc: PipelineGraph): string[] | undefined {
  const { ids, next } = adjacency(doc);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];

  // Iterative DFS so a long chain cannot overflow the call stack.
  for (const root of ids) {
    if (state.has(root)) continue;
    const frames: { id: string; child: number }[] = [{ id: root, child: 0 }];
    state.set(root, 'open');
    stack.push(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const children = next.get(frame.id) ?? [];
      if (frame.child === children.length) {
        state.set(frame.id, 'done');
        stack.pop();
        frames.pop();
        continue;
      }
      const child = children[frame.child++];
      const seen = state.get(child);
      if (seen === 'open') return rotateToFirst(stack.slice(stack.indexOf(child)), ids);
      if (seen === undefined) {
        state.set(child, 'open');
        stack.push(child);
        frames.push({ id: child, child: 0 });
      }
    }
  }
  return undefined;
}

function rotateToFirst(cycle: string[], order: string[]): string[] {
  const position = new Map(order.map((id, i) => [id, i]));
  let start = 0;
  for (let i = 1; i < cycle.length; i++) if (position.get(cycle[i])! < position.get(cycle[start])!) start = i;
  return [...cycle.slice(start), ...cycle.slice(0, start)];
}

export function describeCycle(cycle: readonly string[]): string {
  return [...cycle, cycle[0]].join(' → ');
}

/**
 * Node ids so that every node comes after the nodes it reads from; among nodes that are ready at the same time,
 * document order wins, so an already-sorted document keeps its order. Throws invalid_input on a cycle.
 */
export function topologicalOrder(doc: PipelineGraph): string[] {
  const { ids, next, previous } = adjacency(doc);
  const waiting = new Map(ids.map((id) => [id, previous.get(id)!.length]));
  const position = new Map(ids.map((id, i) => [id, i]));
  const ready = ids.filter((id) => waiting.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    // Pipelines have tens of nodes: a linear scan for the earliest ready node is simpler than a heap.
    let pick = 0;
    for (let i = 1; i < ready.length; i++) if (position.get(ready[i])! < position.get(ready[pick])!) pick = i;
    const id = ready.splice(pick, 1)[0];
    order.push(id);
    for (const child of next.get(id)!) {
      const left = waiting.get(child)! - 1;
      waiting.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  if (order.length < ids.length) {
    const cycle = findCycle(doc)!;
    throw invalidInput(`the pipeline has a cycle: ${describeCycle(cycle)}`, { node: cycle[0] });
  }
  return order;
}

function reachable(start: string, edges: Map<string, string[]>, doc: PipelineGraph, ids: string[]): string[] {
  if (!edges.has(start)) throw invalidInput(`there is no node '${start}' in pipeline '${doc.name}'`, { node: start });
  const seen = new Set<string>();
  const todo = [start];
  while (todo.length > 0) {
    for (const id of edges.get(todo.pop()!)!) {
      if (seen.has(id)) continue;
      seen.add(id);
      todo.push(id);
    }
  }
  seen.delete(start);
  return ids.filter((id) => seen.has(id));
}

/** Every node whose inputs depend, directly or not, on `nodeId` (not itself), in document order. */
export function downstreamOf(doc: PipelineGraph, nodeId: string): string[] {
  const { ids, next } = adjacency(doc);
  return reachable(nodeId, next, doc, ids);
}

/** Every node `nodeId` needs to run, directly or not (not itself), in document order. */
export function upstreamOf(doc: PipelineGraph, nodeId: string): string[] {
  const { ids, previous } = adjacency(doc);
  return reachable(nodeId, previous, doc, ids);
}

/**
 * The shortest chain of node ids from `from` to `to`, each feeding the next along `edges` (breadth-first, edges
 * taken in their order, so the answer is stable); `[from]` when they are the same node, undefined when `from`
 * does not reach `to`. Works on any edge list, e.g. `pipelineEdges(doc)` or a run plan's wiring.
 */
export function pathBetween(from: string, to: string, edges: readonly PipelineEdge[]): string[] | undefined {
  const readers = new Map<string, string[]>();
  for (const { from: source, to: target } of edges) {
    const list = readers.get(source.node) ?? [];
    if (!list.includes(target.node)) list.push(target.node);
    readers.set(source.node, list);
  }
  const cameFrom = new Map<string, string | undefined>([[from, undefined]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    if (id === to) {
      const path: string[] = [];
      for (let at: string | undefined = id; at !== undefined; at = cameFrom.get(at)) path.unshift(at);
      return path;
    }
    for (const next of readers.get(id) ?? []) {
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, id);
      queue.push(next);
    }
  }
  return undefined;
}

/** The part of a pipeline `nodeId` needs: itself and its ancestors, in document order (for "run to node" and schemas). */
export function upstreamClosure<D extends PipelineGraph>(doc: D, nodeId: string): D {
  const keep = new Set([nodeId, ...upstreamOf(doc, nodeId)]);
  return { ...doc, nodes: doc.nodes.filter((n) => keep.has(n.id)) as D['nodes'] };
}
