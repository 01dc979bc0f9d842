// The editor's component commands: group the selection into a component (saved to the project library too),
// ungroup a component node back into its nodes, expand or collapse one in place. Each edit is one undo step.
import { create } from 'zustand';
import { componentNameOf } from '../../shared/pipeline/components.js';
import { useCanvasStore } from '../state/canvas.js';
import { saveToLibrary, useComponentLibraryStore } from '../state/component-library.js';
import { catalogFor } from '../state/document/catalog.js';
import { groupIntoComponent, selectionProblem, ungroupComponent, type ExposedParam } from '../state/document/component-edits.js';
import { useExpandedComponentsStore } from '../state/document/expanded-components.js';
import type { Layout } from '../state/document/graph-edits.js';
import { useGraphStore } from '../state/graph.js';
import { useNoticesStore } from '../state/notices.js';
import { useSelectionStore } from '../state/selection.js';

const graph = () => useGraphStore.getState();
const refuse = (reason: string) => useNoticesStore.getState().refuseConnection(reason);

/** The node ids the group dialog is open for; null when closed. */
export const useGroupDialogStore = create<{ ids: string[] | null }>()(() => ({ ids: null }));

/** Open the group dialog for the selected nodes, or say why they cannot be grouped. */
export function askToGroupSelection(): void {
  if (!graph().pipeline) return;
  const ids = useSelectionStore.getState().nodes;
  const problem = selectionProblem(graph().doc, ids);
  if (problem) refuse(problem);
  else useGroupDialogStore.setState({ ids: [...ids] });
}

export function closeGroupDialog(): void {
  useGroupDialogStore.setState({ ids: null });
}

/** Names a new component must not take: the pipeline's own components and the library's. */
export function takenComponentNames(): string[] {
  return [...Object.keys(graph().doc.components ?? {}), ...useComponentLibraryStore.getState().components.map((c) => c.name)];
}

function canvasPositions(): Layout {
  return Object.fromEntries(useCanvasStore.getState().nodes.filter((n) => !n.data.inner).map((n) => [n.id, n.position]));
}

/** Replace `ids` by one component node; returns why not, or undefined once done (and saved to the library). */
export function groupNodes(ids: readonly string[], name: string, exposed: readonly ExposedParam[]): string | undefined {
  const doc = graph().doc;
  const result = groupIntoComponent(doc, { ids, name, exposed }, catalogFor(doc), canvasPositions(), useComponentLibraryStore.getState().components.map((c) => c.name));
  if (!result.ok) return result.reason;
  graph().edit(() => result.doc);
  useSelectionStore.getState().reveal(result.id);
  void saveToLibrary(name, result.component);
  return undefined;
}

/** The one selected node when it is a component node. */
function selectedComponent(): string | undefined {
  const { nodes } = useSelectionStore.getState();
  if (nodes.length !== 1) return undefined;
  const node = graph().doc.nodes.find((n) => n.id === nodes[0]);
  return node && componentNameOf(node.type) !== undefined ? node.id : undefined;
}

export const canUngroupSelection = (): boolean => selectedComponent() !== undefined;

/** Inline component node `id` (the selected one by default) into its nodes, which end up selected. */
export function ungroupNode(id = selectedComponent()): void {
  if (!id) {
    refuse('Select one component node to ungroup');
    return;
  }
  const result = ungroupComponent(graph().doc, id);
  if (!result.ok) {
    refuse(result.reason);
    return;
  }
  graph().edit(() => result.doc);
  useSelectionStore.getState().select(result.ids);
}

export function toggleComponentExpanded(id: string): void {
  useExpandedComponentsStore.getState().toggle(id);
}
