// Sizes of the editor's palette, inspector and outputs panel (dragged with the splitters), and whether the outputs
// fill the editor; remembered across sessions in local storage.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export const PANEL_LIMITS = {
  palette: { min: 150, max: 480, initial: 220 },
  inspector: { min: 240, max: 640, initial: 320 },
  outputs: { min: 120, max: 2000, initial: 240 },
} as const;

export type PanelName = keyof typeof PANEL_LIMITS;

export interface PanelSizesState {
  palette: number;
  inspector: number;
  outputs: number;
  outputsMaximized: boolean;
}

export const usePanelSizes = create<PanelSizesState>()(
  persist(
    (): PanelSizesState => ({
      palette: PANEL_LIMITS.palette.initial,
      inspector: PANEL_LIMITS.inspector.initial,
      outputs: PANEL_LIMITS.outputs.initial,
      outputsMaximized: false,
    }),
    { name: 'plumb-panel-sizes' },
  ),
);

export function clampPanelSize(panel: PanelName, size: number): number {
  const { min, max } = PANEL_LIMITS[panel];
  return Math.round(Math.min(max, Math.max(min, size)));
}

export function setPanelSize(panel: PanelName, size: number): void {
  usePanelSizes.setState({ [panel]: clampPanelSize(panel, size) });
}

export function toggleOutputsMaximized(): void {
  usePanelSizes.setState((s) => ({ outputsMaximized: !s.outputsMaximized }));
}
