// Expanded components as React Flow elements: the component node becomes a frame (a parent node sized to hold
// its inner nodes) and each inner node a read-only child `<node>/<inner>` (the id runs report, so inner statuses
// show), with the connections among them. Outside connections still meet the frame's own ports.
import type { Catalog } from '../../../shared/catalog/catalog.js';
import { PORT_COLORS } from '../../../shared/catalog/ports.js';
import { componentNameOf, FLAT_ID_SEPARATOR } from '../../../shared/pipeline/components.js';
import type { PipelineDocument } from '../../../shared/pipeline/schema.js';
import { DEFAULT_NODE_SIZE } from './auto-layout.js';
import { innerPositions } from './component-edits.js';
import type { PlumbFlowEdge, PlumbFlowNode } from './flow-elements.js';

export const FRAME_PADDING = 16;
/** Room for the frame's title bar and one row per port of its longer side. */
const FRAME_HEAD = 44;
const PORT_ROW = 22;

function frameTop(catalog: Catalog, type: string): number {
  const declaration = catalog.get(type);
  const rows = declaration ? Math.max(Object.keys(declaration.inputs).length, Object.keys(declaration.outputs).length) : 0;
  return FRAME_HEAD + rows * PORT_ROW + FRAME_PADDING;
}

/** `nodes`/`edges` of the collapsed document with every component in `expanded` opened in place. */
export function withExpandedComponents(
  doc: PipelineDocument,
  catalog: Catalog,
  nodes: PlumbFlowNode[],
  edges: PlumbFlowEdge[],
  expanded: ReadonlySet<string>,
  previous: ReadonlyMap<string, PlumbFlowNode>,
): { nodes: PlumbFlowNode[]; edges: PlumbFlowEdge[] } {
  if (expanded.size === 0) return { nodes, edges };
  const frames: PlumbFlowNode[] = [];
  const children: PlumbFlowNode[] = [];
  const innerEdges: PlumbFlowEdge[] = [];
  for (const node of nodes) {
    const name = componentNameOf(node.data.type);
    const spec = name !== undefined ? doc.components?.[name] : undefined;
    if (!spec || !expanded.has(node.id) || node.data.inner) {
      frames.push(node);
      continue;
    }
    const relative = innerPositions(doc, node.id, spec);
    const left = Math.min(...spec.nodes.map((n) => relative[n.id].x));
    const top = Math.min(...spec.nodes.map((n) => relative[n.id].y));
    const head = frameTop(catalog, node.data.type);
    let width = DEFAULT_NODE_SIZE.width;
    let height = head;
    for (const inner of spec.nodes) {
      const id = `${node.id}${FLAT_ID_SEPARATOR}${inner.id}`;
      const position = { x: FRAME_PADDING + relative[inner.id].x - left, y: head + relative[inner.id].y - top };
      const before = previous.get(id);
      const size = { width: before?.measured?.width ?? DEFAULT_NODE_SIZE.width, height: before?.measured?.height ?? DEFAULT_NODE_SIZE.height };
      width = Math.max(width, position.x + size.width + FRAME_PADDING);
      height = Math.max(height, position.y + size.height + FRAME_PADDING);
      const same = before && before.parentId === node.id && before.data.type === inner.type && before.position.x === position.x && before.position.y === position.y;
      children.push(
        same
          ? before
          : {
              id,
              type: 'plumb',
              parentId: node.id,
              extent: 'parent',
              position,
              data: { type: inner.type, inner: true },
              draggable: false,
              selectable: false,
              connectable: false,
              deletable: false,
              // Not `Node …`: the canvas's nodes are found by that name, and `Node prep` must not match these.
              ariaLabel: `Inside component ${node.id}: ${inner.id}`,
              ...(before?.measured ? { measured: before.measured } : {}),
            },
      );
      for (const [port, ref] of Object.entries(inner.inputs ?? {})) {
        const source = ref.slice(0, ref.indexOf('.'));
        if (!spec.nodes.some((n) => n.id === source)) continue; // fed by a component input (`in.<port>`)
        const type = catalog.get(inner.type)?.inputs[port]?.type;
        innerEdges.push({
          id: `${id}.${port}`,
          source: `${node.id}${FLAT_ID_SEPARATOR}${source}`,
          sourceHandle: ref.slice(ref.indexOf('.') + 1),
          target: id,
          targetHandle: port,
          selectable: false,
          focusable: false,
          style: { stroke: type ? PORT_COLORS[type] : '#888', strokeWidth: 2 },
          ariaLabel: `Connection ${node.id}${FLAT_ID_SEPARATOR}${ref} to ${id}.${port}`,
        });
      }
    }
    frames.push({ ...node, data: { ...node.data, expanded: true }, width, height, style: { width, height } });
  }
  // React Flow wants a parent before its children.
  return { nodes: [...frames, ...children], edges: [...edges, ...innerEdges] };
}
