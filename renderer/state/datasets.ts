// The Datasets view's data: dataset versions per source, the (up to two) versions picked, and their diff.
import { create } from 'zustand';
import type { ApiResponse } from '../../shared/api/contract.js';
import type { DatasetDiffView } from '../../shared/api/lifecycle.js';
import { errorMessage, getApi } from './api.js';
import type { Loadable } from './runs.js';

export type DatasetEntry = ApiResponse<'datasets.list'>['datasets'][number];
export type DatasetVersionEntry = DatasetEntry['versions'][number];

export interface DatasetsState {
  list: Loadable<DatasetEntry[]> | null;
  /** picked versions as `<name>@<version>`, at most two, oldest pick first */
  picked: string[];
  diff: { a: string; b: string; result: Loadable<DatasetDiffView> } | null;
}

export const useDatasetsStore = create<DatasetsState>()(() => ({ list: null, picked: [], diff: null }));

export const versionRef = (name: string, version: number): string => `${name}@${version}`;

export async function refreshDatasets(): Promise<void> {
  if (!useDatasetsStore.getState().list) useDatasetsStore.setState({ list: { status: 'loading' } });
  try {
    const { datasets } = await getApi().call('datasets.list', {});
    useDatasetsStore.setState({ list: { status: 'ready', value: datasets } });
  } catch (e) {
    useDatasetsStore.setState({ list: { status: 'error', error: errorMessage(e) } });
  }
}

/** Picks or unpicks a version; a third pick replaces the oldest. */
export function togglePickedVersion(ref: string): void {
  useDatasetsStore.setState((s) => ({ picked: s.picked.includes(ref) ? s.picked.filter((r) => r !== ref) : [...s.picked, ref].slice(-2) }));
}

/** Diffs the two picked versions, older version as `a` when both are of one dataset. */
export async function diffPickedVersions(): Promise<void> {
  const { picked } = useDatasetsStore.getState();
  if (picked.length !== 2) return;
  const [a, b] = [...picked].sort((x, y) => {
    const [nx, vx] = [x.slice(0, x.lastIndexOf('@')), Number(x.slice(x.lastIndexOf('@') + 1))];
    const [ny, vy] = [y.slice(0, y.lastIndexOf('@')), Number(y.slice(y.lastIndexOf('@') + 1))];
    return nx === ny ? vx - vy : 0;
  });
  useDatasetsStore.setState({ diff: { a, b, result: { status: 'loading' } } });
  try {
    const result = await getApi().call('datasets.diff', { a, b });
    if (useDatasetsStore.getState().diff?.a === a && useDatasetsStore.getState().diff?.b === b) useDatasetsStore.setState({ diff: { a, b, result: { status: 'ready', value: result } } });
  } catch (e) {
    if (useDatasetsStore.getState().diff?.a === a) useDatasetsStore.setState({ diff: { a, b, result: { status: 'error', error: errorMessage(e) } } });
  }
}

export const closeDatasetDiff = (): void => useDatasetsStore.setState({ diff: null });
