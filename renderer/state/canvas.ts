// React Flow's view of the document: nodes and edges rebuilt from the graph and selection stores, plus what only
// the canvas knows (measured sizes, positions while dragging). Moves reach the document when a drag ends.
import { applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import { create } from 'zustand';
import { catalogFor } from './document/catalog.js';
import { DEFAULT_NODE_SIZE, positionsFor, type NodeSize } from './document/auto-layout.js';
import { withExpandedComponents } from './document/component-flow.js';
import { useExpandedComponentsStore } from './document/expanded-components.js';
import { buildFlowEdges, buildFlowNodes, type PlumbFlowEdge, type PlumbFlowNode } from './document/flow-elements.js';
import { moveNodes, type Layout } from './document/graph-edits.js';
import { useGraphStore } from './graph.js';
import { useSelectionStore } from './selection.js';

export interface CanvasState {
  nodes: PlumbFlowNode[];
  edges: PlumbFlowEdge[];
  /** positions of nodes being dragged, not yet in the document */
  dragging: Layout;
  onNodesChange(changes: NodeChange<PlumbFlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<PlumbFlowEdge>[]): void;
}

export const useCanvasStore = create<CanvasState>()((set, get) => ({
  nodes: [],
  edges: [],
  dragging: {},
  onNodesChange(changes) {
    const kept = changes.filter((c) => c.type === 'dimensions' || c.type === 'position');
    if (kept.length > 0) set({ nodes: applyNodeChanges(kept, get().nodes) });
    // An inner node of an expanded component was measured: its frame is resized to hold it.
    if (kept.some((c) => c.type === 'dimensions' && get().nodes.find((n) => n.id === c.id)?.data.inner)) rebuild();

    const dragging = { ...get().dragging };
    const commit: Layout = {};
    for (const c of changes) {
      if (c.type !== 'position' || !c.position) continue;
      if (c.dragging) dragging[c.id] = c.position;
      else {
        commit[c.id] = c.position;
        delete dragging[c.id];
      }
    }
    if (Object.keys(commit).length > 0) {
      set({ dragging });
      useGraphStore.getState().edit((doc) => moveNodes(doc, commit));
    } else if (changes.some((c) => c.type === 'position')) {
      set({ dragging });
    }

    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length > 0) {
      const { nodes, edges } = useSelectionStore.getState();
      const next = new Set(nodes);
      for (const c of selects) {
        if (c.selected) next.add(c.id);
        else next.delete(c.id);
      }
      useSelectionStore.getState().select([...next], edges);
    }
  },
  onEdgesChange(changes) {
    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length === 0) return;
    const { nodes, edges } = useSelectionStore.getState();
    const next = new Set(edges);
    for (const c of selects) {
      if (c.selected) next.add(c.id);
      else next.delete(c.id);
    }
    useSelectionStore.getState().select(nodes, [...next]);
  },
}));

/** Measured size of a node on the canvas, for auto-layout. */
export function measuredSize(id: string): NodeSize {
  const node = useCanvasStore.getState().nodes.find((n) => n.id === id);
  const width = node?.measured?.width;
  const height = node?.measured?.height;
  return width && height ? { width, height } : DEFAULT_NODE_SIZE;
}

function rebuild(): void {
  const { doc } = useGraphStore.getState();
  const { nodes: selectedNodes, edges: selectedEdges } = useSelectionStore.getState();
  const { nodes: before, dragging } = useCanvasStore.getState();
  const positions = { ...positionsFor(doc), ...dragging };
  const previous = new Map(before.map((n) => [n.id, n]));
  const catalog = catalogFor(doc);
  const nodes = buildFlowNodes(doc, positions, new Set(selectedNodes), previous);
  const edges = buildFlowEdges(doc, catalog, new Set(selectedEdges));
  useCanvasStore.setState(withExpandedComponents(doc, catalog, nodes, edges, new Set(useExpandedComponentsStore.getState().ids), previous));
}

useGraphStore.subscribe((s, b) => {
  if (s.doc !== b.doc) rebuild();
});
useSelectionStore.subscribe(rebuild);
useExpandedComponentsStore.subscribe(rebuild);
rebuild();
