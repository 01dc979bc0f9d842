// Which component nodes are shown expanded on the canvas (view state, not part of the document or its undo):
// forgotten when another pipeline opens or the node stops being a component.
import { create } from 'zustand';
import { componentNameOf } from '../../../shared/pipeline/components.js';
import { useGraphStore } from '../graph.js';

export interface ExpandedComponentsState {
  ids: string[];
  toggle(id: string): void;
}

export const useExpandedComponentsStore = create<ExpandedComponentsState>()((set, get) => ({
  ids: [],
  toggle: (id) => set({ ids: get().ids.includes(id) ? get().ids.filter((i) => i !== id) : [...get().ids, id] }),
}));

export const isExpanded = (id: string) => (s: ExpandedComponentsState): boolean => s.ids.includes(id);

useGraphStore.subscribe((graph, before) => {
  const { ids } = useExpandedComponentsStore.getState();
  if (ids.length === 0) return;
  if (graph.pipeline !== before.pipeline) {
    useExpandedComponentsStore.setState({ ids: [] });
    return;
  }
  if (graph.doc === before.doc) return;
  const components = new Set(graph.doc.nodes.filter((n) => componentNameOf(n.type) !== undefined && graph.doc.components?.[componentNameOf(n.type)!]).map((n) => n.id));
  const kept = ids.filter((id) => components.has(id));
  if (kept.length !== ids.length) useExpandedComponentsStore.setState({ ids: kept });
});
