// Which top-level view the app shows (editor, runs, models, datasets, serving), and what a view was asked to
// focus on when another view linked to it (a run's detail, a dataset, a model).
import { create } from 'zustand';

export const APP_VIEWS = ['editor', 'runs', 'models', 'datasets', 'serving'] as const;
export type AppView = (typeof APP_VIEWS)[number];

export interface ViewsState {
  view: AppView;
  /** the dataset name the Datasets view scrolls to and highlights */
  focusDataset: string | null;
}

export const useViewsStore = create<ViewsState>()(() => ({ view: 'editor', focusDataset: null }));

export function showView(view: AppView): void {
  useViewsStore.setState({ view });
}

export function showDataset(name: string): void {
  useViewsStore.setState({ view: 'datasets', focusDataset: name });
}
