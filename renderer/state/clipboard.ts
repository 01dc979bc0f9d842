// Copied nodes, kept in memory (reading the system clipboard would need a permission prompt in the browser host).
import { create } from 'zustand';
import type { NodeClip } from './document/graph-edits.js';

export interface ClipboardState {
  clip: NodeClip | null;
  /** pastes since the last copy, so repeated pastes do not stack on one spot */
  pastes: number;
}

export const useClipboardStore = create<ClipboardState>()(() => ({ clip: null, pastes: 0 }));
