// The canvas quick-add search: closed, or open at a point of the canvas (double-click) or beside the selection (`/`).
import { create } from 'zustand';

export interface QuickAddState {
  /** null when closed; `flow` is where the new node goes, absent = beside the selection or in view */
  open: { screen?: { x: number; y: number }; flow?: { x: number; y: number } } | null;
  show(at?: { screen: { x: number; y: number }; flow: { x: number; y: number } }): void;
  hide(): void;
}

export const useQuickAddStore = create<QuickAddState>()((set) => ({
  open: null,
  show: (at) => set({ open: at ? { screen: at.screen, flow: at.flow } : {} }),
  hide: () => set({ open: null }),
}));
