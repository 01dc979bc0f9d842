// Column names of the tables feeding column pickers, asked for with `outputs.columns` (the upstream node's output
// port) and kept until a run finishes or the user refreshes them.
import { create } from 'zustand';
import { errorMessage, getApi } from './api.js';

export type ColumnsEntry =
  | { status: 'loading' }
  | { status: 'ready'; columns: { name: string; type: string }[] }
  | { status: 'error'; error: string };

export interface ColumnsState {
  byOutput: Record<string, ColumnsEntry>;
}

export const useColumnsStore = create<ColumnsState>()(() => ({ byOutput: {} }));

export const columnsKey = (pipeline: string, ref: string): string => `${pipeline}|${ref}`;

/** `ref` is the upstream output, "node.port". */
export async function loadColumns(pipeline: string, ref: string, force = false): Promise<void> {
  const key = columnsKey(pipeline, ref);
  const existing = useColumnsStore.getState().byOutput[key];
  if (existing && !force && existing.status !== 'error') return;
  const dot = ref.indexOf('.');
  useColumnsStore.setState((s) => ({ byOutput: { ...s.byOutput, [key]: { status: 'loading' } } }));
  try {
    const { columns } = await getApi().call('outputs.columns', { pipeline, node: ref.slice(0, dot), port: ref.slice(dot + 1) });
    useColumnsStore.setState((s) => ({ byOutput: { ...s.byOutput, [key]: { status: 'ready', columns } } }));
  } catch (e) {
    useColumnsStore.setState((s) => ({ byOutput: { ...s.byOutput, [key]: { status: 'error', error: errorMessage(e) } } }));
  }
}

export function forgetColumns(): void {
  useColumnsStore.setState({ byOutput: {} });
}
