// Column names of the tables feeding column pickers: asked of `pipelines.schemas` (known without running, from
// params, file headers and DuckDB) for the document as edited, else taken from the last run (`outputs.columns`).
// Entries are keyed by the part of the document they depend on, so an edit upstream refreshes them.
import { create } from 'zustand';
import type { PipelineDocument } from '../../shared/pipeline/index.js';
import { parsePortRef, upstreamClosure } from '../../shared/pipeline/index.js';
import { errorMessage, getApi } from './api.js';

export type ColumnsEntry =
  | { status: 'loading' }
  | {
      status: 'ready';
      columns: { name: string; type: string }[];
      /** More columns appear after a run (e.g. one-hot levels read from the data). */
      partial?: boolean;
      /** Taken from the last run: the pipeline could not say them without running. */
      fromRun?: boolean;
      /** Why the columns are not known without running. */
      problem?: string;
    }
  | { status: 'error'; error: string };

export interface ColumnsState {
  byOutput: Record<string, ColumnsEntry>;
}

export const useColumnsStore = create<ColumnsState>()(() => ({ byOutput: {} }));

/** The nodes an output's columns depend on (its node and ancestors, layout aside), as text. */
export function closureSignature(doc: PipelineDocument, ref: string): string {
  let node: string;
  try {
    node = parsePortRef(ref).node;
  } catch {
    return '';
  }
  if (!doc.nodes.some((n) => n.id === node)) return '';
  return JSON.stringify(upstreamClosure(doc, node).nodes);
}

export const columnsKey = (pipeline: string, ref: string, signature: string): string => `${pipeline}|${ref}|${signature}`;

/** `ref` is the upstream output, "node.port". */
export async function loadColumns(pipeline: string, doc: PipelineDocument, ref: string, force = false): Promise<void> {
  const key = columnsKey(pipeline, ref, closureSignature(doc, ref));
  const existing = useColumnsStore.getState().byOutput[key];
  if (existing && !force && existing.status !== 'error') return;
  const set = (entry: ColumnsEntry) => useColumnsStore.setState((s) => ({ byOutput: { ...s.byOutput, [key]: entry } }));
  set({ status: 'loading' });
  try {
    const { node, port } = parsePortRef(ref);
    const document = { ...upstreamClosure(doc, node), layout: undefined };
    const inferred = await getApi().call('pipelines.schemas', { document, ref });
    if (inferred.columns) return set({ status: 'ready', columns: inferred.columns, partial: inferred.partial });
    const { columns } = await getApi().call('outputs.columns', { pipeline, node, port });
    set({ status: 'ready', columns, fromRun: columns.length > 0, problem: inferred.problem ?? undefined });
  } catch (e) {
    set({ status: 'error', error: errorMessage(e) });
  }
}

export function forgetColumns(): void {
  useColumnsStore.setState({ byOutput: {} });
}
