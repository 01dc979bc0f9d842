// The pipeline document as React Flow nodes and edges. Unchanged nodes keep their object (and measured size),
// so React Flow skips them and never hides a node while it re-measures.
import type { Edge, Node } from '@xyflow/react';
import type { Catalog } from '../../../shared/catalog/catalog.js';
import { PORT_COLORS } from '../../../shared/catalog/ports.js';
import type { PipelineDocument } from '../../../shared/pipeline/schema.js';
import type { Layout } from './graph-edits.js';

export type PlumbNodeData = {
  type: string;
  /** a component node shown as a frame around its inner nodes (component-flow.ts) */
  expanded?: boolean;
  /** a read-only inner node of an expanded component */
  inner?: boolean;
};
export type PlumbFlowNode = Node<PlumbNodeData, 'plumb'>;
export type PlumbFlowEdge = Edge;

/** An input port takes one connection, so "target.port" names an edge. */
export const edgeIdOf = (target: string, port: string): string => `${target}.${port}`;

export function buildFlowNodes(
  doc: PipelineDocument,
  positions: Layout,
  selected: ReadonlySet<string>,
  previous: ReadonlyMap<string, PlumbFlowNode>,
): PlumbFlowNode[] {
  const seen = new Set<string>();
  const nodes: PlumbFlowNode[] = [];
  for (const spec of doc.nodes) {
    if (seen.has(spec.id)) continue;
    seen.add(spec.id);
    const position = positions[spec.id] ?? { x: 0, y: 0 };
    const isSelected = selected.has(spec.id);
    const before = previous.get(spec.id);
    if (before && before.data.type === spec.type && !before.data.expanded && before.position.x === position.x && before.position.y === position.y && !!before.selected === isSelected) {
      nodes.push(before);
      continue;
    }
    nodes.push({
      id: spec.id,
      type: 'plumb',
      position: { x: position.x, y: position.y },
      data: { type: spec.type },
      selected: isSelected,
      ariaLabel: `Node ${spec.id}`,
      ...(before?.measured ? { measured: before.measured } : {}),
    });
  }
  return nodes;
}

export function buildFlowEdges(doc: PipelineDocument, catalog: Catalog, selected: ReadonlySet<string>): PlumbFlowEdge[] {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const edges: PlumbFlowEdge[] = [];
  for (const node of doc.nodes) {
    for (const [port, ref] of Object.entries(node.inputs ?? {})) {
      const dot = ref.indexOf('.');
      const source = ref.slice(0, dot);
      const sourceHandle = ref.slice(dot + 1);
      if (dot < 1 || !ids.has(source)) continue;
      const type = catalog.get(node.type)?.inputs[port]?.type;
      const id = edgeIdOf(node.id, port);
      edges.push({
        id,
        source,
        sourceHandle,
        target: node.id,
        targetHandle: port,
        selected: selected.has(id),
        style: { stroke: type ? PORT_COLORS[type] : '#888', strokeWidth: selected.has(id) ? 3 : 2 },
        ariaLabel: `Connection ${ref} to ${node.id}.${port}`,
      });
    }
  }
  return edges;
}
