// The counterfactual rows picked for the explanation report, per explain.counterfactual node (none picked: the
// report shows the first rows).
import { create } from 'zustand';

interface ReportRowsState {
  rows: Record<string, number[]>;
  toggle(node: string, row: number): void;
}

export const useReportRowsStore = create<ReportRowsState>()((set) => ({
  rows: {},
  toggle: (node, row) =>
    set((s) => {
      const now = s.rows[node] ?? [];
      const next = now.includes(row) ? now.filter((r) => r !== row) : [...now, row].sort((a, b) => a - b);
      return { rows: { ...s.rows, [node]: next } };
    }),
}));
