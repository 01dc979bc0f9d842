// What the editor's buttons and shortcuts do to the document: add, connect, delete, copy/paste, auto-layout.
// Each command is one edit, hence one undo step.
import { nodeCatalog } from '../../shared/catalog/index.js';
import { measuredSize, useCanvasStore } from '../state/canvas.js';
import { useClipboardStore } from '../state/clipboard.js';
import { useGraphStore } from '../state/graph.js';
import { useNoticesStore } from '../state/notices.js';
import { useSelectionStore } from '../state/selection.js';
import { DEFAULT_NODE_SIZE, layeredLayout } from './auto-layout.js';
import { checkConnection, type ConnectionAttempt } from './connection-rules.js';
import { addNode, connect, copyNodes, disconnect, pasteNodes, removeNodes, type Layout } from './graph-edits.js';
import { fitView, viewportCentre } from './viewport.js';

const graph = () => useGraphStore.getState();

/** The first spot near `start` where a new card overlaps no other: down and up the column, then the next column. */
function freeSpot(start: { x: number; y: number }): { x: number; y: number } {
  const boxes = useCanvasStore.getState().nodes.map((n) => ({ ...n.position, ...measuredSize(n.id) }));
  const { width, height } = DEFAULT_NODE_SIZE;
  const free = (p: { x: number; y: number }) => boxes.every((b) => p.x + width + 20 <= b.x || b.x + b.width + 20 <= p.x || p.y + height + 20 <= b.y || b.y + b.height + 20 <= p.y);
  for (let column = 0; column < 6; column++) {
    for (let step = 0; step < 9; step++) {
      const dy = (step % 2 === 0 ? 1 : -1) * Math.ceil(step / 2) * (height + 30);
      const p = { x: start.x + column * (width + 60), y: start.y + dy };
      if (free(p)) return p;
    }
  }
  return start;
}

/**
 * Add a node. Dropped nodes go where they were dropped; otherwise (click, Enter) to the right of the selected node,
 * or in the middle of the view, moved to a free spot.
 */
export function addNodeAt(type: string, position?: { x: number; y: number }): string | undefined {
  if (!graph().pipeline || !nodeCatalog.get(type)) return undefined;
  let at: { x: number; y: number };
  if (position) at = { x: position.x - DEFAULT_NODE_SIZE.width / 2, y: position.y - 40 };
  else {
    const selected = useSelectionStore.getState().nodes;
    const anchor = selected.length === 1 ? useCanvasStore.getState().nodes.find((n) => n.id === selected[0]) : undefined;
    const centre = viewportCentre();
    at = freeSpot(anchor ? { x: anchor.position.x + measuredSize(anchor.id).width + 60, y: anchor.position.y } : { x: centre.x - DEFAULT_NODE_SIZE.width / 2, y: centre.y - 40 });
  }
  let id = '';
  graph().edit((doc) => {
    const result = addNode(doc, type, at);
    id = result.id;
    return result.doc;
  });
  useSelectionStore.getState().select([id]);
  return id;
}

/** Connect when the port types and the graph allow it, else show why not. */
export function connectPorts(attempt: ConnectionAttempt): boolean {
  const check = checkConnection(graph().doc, nodeCatalog, attempt);
  if (!check.ok) {
    useNoticesStore.getState().refuseConnection(check.reason);
    return false;
  }
  useNoticesStore.getState().clearConnection();
  graph().edit((doc) => connect(doc, { node: attempt.source!, port: attempt.sourceHandle! }, { node: attempt.target!, port: attempt.targetHandle! }));
  return true;
}

export function disconnectInput(node: string, port: string): void {
  graph().edit((doc) => disconnect(doc, { node, port }));
}

/** Delete the selected nodes and connections together (one undo step). */
export function deleteSelection(): void {
  const { nodes, edges } = useSelectionStore.getState();
  if (nodes.length === 0 && edges.length === 0) return;
  graph().edit((doc) => {
    let next = removeNodes(doc, nodes);
    for (const edge of edges) {
      const dot = edge.lastIndexOf('.');
      next = disconnect(next, { node: edge.slice(0, dot), port: edge.slice(dot + 1) });
    }
    return next;
  });
  useSelectionStore.getState().clear();
}

function currentPositions(): Layout {
  return Object.fromEntries(useCanvasStore.getState().nodes.map((n) => [n.id, n.position]));
}

export function copySelection(): boolean {
  const { nodes } = useSelectionStore.getState();
  if (nodes.length === 0) return false;
  useClipboardStore.setState({ clip: copyNodes(graph().doc, nodes, currentPositions()), pastes: 0 });
  return true;
}

export function pasteClipboard(): void {
  const { clip, pastes } = useClipboardStore.getState();
  if (!clip || clip.nodes.length === 0 || !graph().pipeline) return;
  const shift = 40 * (pastes + 1);
  let ids: string[] = [];
  graph().edit((doc) => {
    const result = pasteNodes(doc, clip, { x: shift, y: shift });
    ids = result.ids;
    return result.doc;
  });
  useClipboardStore.setState({ pastes: pastes + 1 });
  useSelectionStore.getState().select(ids);
}

export function selectAll(): void {
  useSelectionStore.getState().select(graph().doc.nodes.map((n) => n.id));
}

export function autoLayout(): void {
  graph().edit((doc) => ({ ...doc, layout: layeredLayout(doc, measuredSize) }));
  requestAnimationFrame(() => fitView());
}
