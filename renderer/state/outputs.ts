// Output previews of finished nodes, by run, node and port; tables come in pages fetched when scrolled to, and only
// the most recently used pages stay in memory.
import { create } from 'zustand';
import type { ApiResponse } from '../../shared/api/contract.js';
import { errorMessage, getApi } from './api.js';

export type OutputPreview = ApiResponse<'outputs.preview'>;
export type TableRow = (number | string | boolean | null)[];

export type PreviewEntry = { status: 'loading' } | { status: 'ready'; preview: OutputPreview } | { status: 'error'; error: string };

export interface OutputsState {
  previews: Record<string, PreviewEntry>;
  /** "<output key>|<page>" → rows */
  pages: Record<string, TableRow[]>;
  /** the column statistics strip above data tables is shown */
  showStats: boolean;
}

export const PAGE_SIZE = 200;
const MAX_PAGES = 120;
const MAX_PREVIEWS = 40;

export const useOutputsStore = create<OutputsState>()(() => ({ previews: {}, pages: {}, showStats: true }));

export const outputKey = (runId: string, node: string, port: string): string => `${runId}|${node}|${port}`;
export const pageKey = (key: string, page: number): string => `${key}|${page}`;

const loadingPages = new Set<string>();

function keepNewest<T>(record: Record<string, T>, max: number): Record<string, T> {
  const keys = Object.keys(record);
  if (keys.length <= max) return record;
  return Object.fromEntries(keys.slice(keys.length - max).map((k) => [k, record[k]]));
}

/** Fetch the first page, schema and column stats of an output, unless already there. */
export async function loadPreview(runId: string, node: string, port: string, force = false): Promise<void> {
  const key = outputKey(runId, node, port);
  const existing = useOutputsStore.getState().previews[key];
  if (existing && !force && existing.status !== 'error') return;
  useOutputsStore.setState((s) => ({ previews: keepNewest({ ...s.previews, [key]: { status: 'loading' } }, MAX_PREVIEWS) }));
  try {
    const preview = await getApi().call('outputs.preview', { runId, node, port, offset: 0, limit: PAGE_SIZE, stats: true });
    useOutputsStore.setState((s) => ({
      previews: { ...s.previews, [key]: { status: 'ready', preview } },
      pages: preview.kind === 'table' ? keepNewest({ ...s.pages, [pageKey(key, 0)]: preview.table.rows }, MAX_PAGES) : s.pages,
    }));
  } catch (e) {
    useOutputsStore.setState((s) => ({ previews: { ...s.previews, [key]: { status: 'error', error: errorMessage(e) } } }));
  }
}

/** Fetch one page of table rows if it is neither cached nor on its way. */
export async function loadPage(runId: string, node: string, port: string, page: number): Promise<void> {
  const key = pageKey(outputKey(runId, node, port), page);
  if (useOutputsStore.getState().pages[key] || loadingPages.has(key)) return;
  loadingPages.add(key);
  try {
    const result = await getApi().call('outputs.preview', { runId, node, port, offset: page * PAGE_SIZE, limit: PAGE_SIZE, stats: false });
    if (result.kind === 'table') {
      useOutputsStore.setState((s) => {
        const { [key]: _old, ...rest } = s.pages;
        return { pages: keepNewest({ ...rest, [key]: result.table.rows }, MAX_PAGES) };
      });
    }
  } catch {
    // The grid shows the rows as not loaded; scrolling there again retries.
  } finally {
    loadingPages.delete(key);
  }
}
