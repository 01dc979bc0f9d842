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
  /** "<output key>[|<view>]|<page>" → rows */
  pages: Record<string, TableRow[]>;
  /** rows matching a sorted/searched view of an output ("<output key>|<view>") */
  viewRowCounts: Record<string, number>;
  /** the column statistics strip above data tables is shown */
  showStats: boolean;
}

export const PAGE_SIZE = 200;
const MAX_PAGES = 120;
const MAX_PREVIEWS = 40;

export const useOutputsStore = create<OutputsState>()(() => ({ previews: {}, pages: {}, viewRowCounts: {}, showStats: true }));

/** How a data grid shows a table: ordered by a column and/or only rows containing a text. */
export interface TableView {
  sort?: { column: string; descending: boolean };
  search?: string;
}

const isPlainView = (view: TableView | undefined): boolean => !view || (!view.sort && !view.search?.trim());

/** The key of an output's rows as a view shows them (the output key itself for the table as it is). */
export const viewKey = (key: string, view: TableView | undefined): string =>
  isPlainView(view) ? key : `${key}|${JSON.stringify([view!.sort?.column ?? null, view!.sort?.descending ?? null, view!.search?.trim() || null])}`;

export const outputKey = (runId: string, node: string, port: string): string => `${runId}|${node}|${port}`;
export const pageKey = (key: string, page: number): string => `${key}|${page}`;

const loadingPages = new Set<string>();

function keepNewest<T>(record: Record<string, T>, max: number): Record<string, T> {
  const keys = Object.keys(record);
  if (keys.length <= max) return record;
  return Object.fromEntries(keys.slice(keys.length - max).map((k) => [k, record[k]]));
}

/**
 * Fetch the first page and schema of an output, unless already there; a table's column statistics follow in a
 * second request, so the first rows never wait for them.
 */
export async function loadPreview(runId: string, node: string, port: string, force = false): Promise<void> {
  const key = outputKey(runId, node, port);
  const existing = useOutputsStore.getState().previews[key];
  if (existing && !force && existing.status !== 'error') return;
  useOutputsStore.setState((s) => ({ previews: keepNewest({ ...s.previews, [key]: { status: 'loading' } }, MAX_PREVIEWS) }));
  try {
    const preview = await getApi().call('outputs.preview', { runId, node, port, offset: 0, limit: PAGE_SIZE, stats: false });
    useOutputsStore.setState((s) => ({
      previews: { ...s.previews, [key]: { status: 'ready', preview } },
      pages: preview.kind === 'table' ? keepNewest({ ...s.pages, [pageKey(key, 0)]: preview.table.rows }, MAX_PAGES) : s.pages,
    }));
    if (preview.kind === 'table') void loadColumnStats(runId, node, port, preview);
  } catch (e) {
    useOutputsStore.setState((s) => ({ previews: { ...s.previews, [key]: { status: 'error', error: errorMessage(e) } } }));
  }
}

/** Adds the column statistics to a shown table preview (if it is still the one shown); without them the strip stays hidden. */
async function loadColumnStats(runId: string, node: string, port: string, shown: OutputPreview): Promise<void> {
  const key = outputKey(runId, node, port);
  try {
    const result = await getApi().call('outputs.preview', { runId, node, port, offset: 0, limit: 1, stats: true });
    if (result.kind !== 'table' || !result.table.stats) return;
    const stats = result.table.stats;
    useOutputsStore.setState((s) => {
      const entry = s.previews[key];
      if (entry?.status !== 'ready' || entry.preview !== shown || shown.kind !== 'table') return {};
      return { previews: { ...s.previews, [key]: { status: 'ready', preview: { ...shown, table: { ...shown.table, stats } } } } };
    });
  } catch {
    // statistics are an extra: the rows are shown without them
  }
}

/** Fetch one page of table rows (of the table as it is, or as a view sorts/filters it) unless cached or on its way. */
export async function loadPage(runId: string, node: string, port: string, page: number, view?: TableView): Promise<void> {
  const rowsKey = viewKey(outputKey(runId, node, port), view);
  const key = pageKey(rowsKey, page);
  if (useOutputsStore.getState().pages[key] || loadingPages.has(key)) return;
  loadingPages.add(key);
  try {
    const shaped = isPlainView(view) ? {} : { ...(view!.sort ? { sort: view!.sort } : {}), ...(view!.search?.trim() ? { search: view!.search.trim() } : {}) };
    const result = await getApi().call('outputs.preview', { runId, node, port, offset: page * PAGE_SIZE, limit: PAGE_SIZE, stats: false, ...shaped });
    if (result.kind === 'table') {
      useOutputsStore.setState((s) => {
        const { [key]: _old, ...rest } = s.pages;
        return {
          pages: keepNewest({ ...rest, [key]: result.table.rows }, MAX_PAGES),
          viewRowCounts: rowsKey === outputKey(runId, node, port) ? s.viewRowCounts : keepNewest({ ...s.viewRowCounts, [rowsKey]: result.table.rowCount }, MAX_PREVIEWS),
        };
      });
    }
  } catch {
    // The grid shows the rows as not loaded; scrolling there again retries.
  } finally {
    loadingPages.delete(key);
  }
}
