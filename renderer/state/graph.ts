// The open pipeline's document, the one slice under undo/redo (zundo). Every edit goes through `edit`, so undo,
// autosave and the canvas all see the same plain data; loading a pipeline starts a fresh history.
import { create } from 'zustand';
import { temporal } from 'zundo';
import type { PipelineDocument } from '../../shared/pipeline/schema.js';
import { positionsFor } from './document/auto-layout.js';
import { emptyDocument } from './document/graph-edits.js';

export interface GraphState {
  /** name of the open pipeline in the project; null before one is open */
  pipeline: string | null;
  doc: PipelineDocument;
  /** Open a document (see withPositions) as loaded from the project; history starts empty. */
  load(pipeline: string, doc: PipelineDocument): void;
  /** Apply one user edit (one undo step); a change that returns the same document records nothing. */
  edit(change: (doc: PipelineDocument) => PipelineDocument): void;
  /** The open pipeline was renamed in the project. */
  renamed(to: string): void;
  close(): void;
}

export const useGraphStore = create<GraphState>()(
  temporal(
    (set, get) => ({
      pipeline: null,
      doc: emptyDocument('untitled'),
      load(pipeline, doc) {
        set({ pipeline, doc });
        useGraphStore.temporal.getState().clear();
      },
      edit(change) {
        const before = get().doc;
        const after = change(before);
        if (after !== before) set({ doc: after });
      },
      // The document's own name follows the pipeline's when saved (save.ts), so undo cannot bring an old name back.
      renamed(to) {
        set({ pipeline: to });
      },
      close() {
        set({ pipeline: null, doc: emptyDocument('untitled') });
        useGraphStore.temporal.getState().clear();
      },
    }),
    {
      partialize: (s) => ({ doc: s.doc }),
      equality: (a, b) => a.doc === b.doc,
      limit: 200,
    },
  ),
);

export const undo = (): void => useGraphStore.temporal.getState().undo();
export const redo = (): void => useGraphStore.temporal.getState().redo();

/** A loaded document with a position for every node (hand-written YAML often has no layout). */
export function withPositions(doc: PipelineDocument): PipelineDocument {
  if (doc.nodes.every((n) => doc.layout?.[n.id])) return doc;
  return { ...doc, layout: positionsFor(doc) };
}
