// The Runs view's data: pages of the runs list fetched from SQL as the table scrolls (filters and sort applied by
// the host), the selection, the run shown in detail, a comparison, and the actions on runs (note and tags,
// re-run, delete). Answers to an older filter/sort are dropped by a generation counter.
import { create } from 'zustand';
import type { ApiResponse } from '../../shared/api/contract.js';
import type { RunComparison, RunDetailView } from '../../shared/api/lifecycle.js';
import { errorMessage, getApi } from './api.js';
import { useNoticesStore } from './notices.js';

export type RunListing = ApiResponse<'runs.list'>['runs'][number];
export type StoredRunStatus = RunListing['status'];

export const RUNS_PAGE_SIZE = 100;
export const MAX_COMPARE = 10;
/** Pages kept in memory: enough for a few screens either side of the one in view. */
const MAX_PAGES = 30;

export interface RunFilters {
  pipeline: string | null;
  status: StoredRunStatus | null;
  tag: string | null;
}

export interface RunSort {
  /** `started_at`, `seconds`, `status`, `pipeline` or `metric:<node>.<key>` */
  key: string;
  descending: boolean;
}

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: string };

export interface RunsState {
  filters: RunFilters;
  sort: RunSort;
  /** bumped whenever what the pages hold changes (filter, sort, refresh) */
  generation: number;
  /** runs matching the filters; null until the first page arrived */
  total: number | null;
  metricColumns: string[];
  pages: Record<number, RunListing[]>;
  /** the generation each page was fetched for (older ones show until refetched) */
  pageGeneration: Record<number, number>;
  /** selected run ids, in the order they were picked */
  selected: string[];
  detail: { runId: string; run: Loadable<RunDetailView> } | null;
  comparison: Loadable<RunComparison> | null;
  /** a page failed to load */
  error: string | null;
}

const initial = (): RunsState => ({
  filters: { pipeline: null, status: null, tag: null },
  sort: { key: 'started_at', descending: true },
  generation: 0,
  total: null,
  metricColumns: [],
  pages: {},
  pageGeneration: {},
  selected: [],
  detail: null,
  comparison: null,
  error: null,
});

export const useRunsStore = create<RunsState>()(initial);

/** Only for tests: back to the state at start-up. */
export const resetRunsStore = (): void => useRunsStore.setState(initial());

const loading = new Set<string>();

/** The runs.list request of one page for the filters and sort. */
export function listRequest({ filters, sort, page }: Pick<RunsState, 'filters' | 'sort'> & { page: number }) {
  return {
    ...(filters.pipeline ? { pipeline: filters.pipeline } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.tag ? { tag: filters.tag } : {}),
    sort: sort.key,
    descending: sort.descending,
    offset: page * RUNS_PAGE_SIZE,
    limit: RUNS_PAGE_SIZE,
  };
}

/** Fetches one page unless it is current or on its way. */
const sameNames = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((name, i) => name === b[i]);

export async function loadRunsPage(page: number): Promise<void> {
  const state = useRunsStore.getState();
  const { generation } = state;
  const key = `${generation}|${page}`;
  if (state.pageGeneration[page] === generation || loading.has(key)) return;
  loading.add(key);
  try {
    const answer = await getApi().call('runs.list', listRequest({ ...state, page }));
    if (useRunsStore.getState().generation !== generation) return;
    useRunsStore.setState((s) => {
      const pages = { ...s.pages, [page]: answer.runs };
      const pageGeneration = { ...s.pageGeneration, [page]: generation };
      // Forget the pages furthest from this one.
      const kept = Object.keys(pages)
        .map(Number)
        .sort((a, b) => Math.abs(a - page) - Math.abs(b - page))
        .slice(0, MAX_PAGES);
      return {
        total: answer.total,
        // the same columns keep their array, so the table's columns and memoised rows stay as they are
        metricColumns: sameNames(s.metricColumns, answer.metricColumns) ? s.metricColumns : answer.metricColumns,
        pages: Object.fromEntries(kept.map((p) => [p, pages[p]])),
        pageGeneration: Object.fromEntries(kept.map((p) => [p, pageGeneration[p]])),
        error: null,
      };
    });
  } catch (e) {
    if (useRunsStore.getState().generation === generation) useRunsStore.setState({ error: errorMessage(e) });
  } finally {
    loading.delete(key);
  }
}

/** The run at a row of the list, when its page is loaded. */
export function runAt(state: Pick<RunsState, 'pages'>, row: number): RunListing | undefined {
  return state.pages[Math.floor(row / RUNS_PAGE_SIZE)]?.[row % RUNS_PAGE_SIZE];
}

/** New filters or sort: the pages are dropped (they hold other runs now) and the first one is fetched. */
function restart(change: Partial<Pick<RunsState, 'filters' | 'sort'>>): Promise<void> {
  useRunsStore.setState((s) => ({ ...change, generation: s.generation + 1, pages: {}, pageGeneration: {}, total: null, error: null }));
  return loadRunsPage(0);
}

export const setRunFilters = (filters: Partial<RunFilters>): Promise<void> => restart({ filters: { ...useRunsStore.getState().filters, ...filters } });

/** Sort by a column; the same column again flips the direction. */
export function sortRunsBy(key: string): Promise<void> {
  const { sort } = useRunsStore.getState();
  return restart({ sort: { key, descending: sort.key === key ? !sort.descending : true } });
}

/** Runs changed (one started, ended, was deleted or annotated): refetch what is shown, keeping it on screen meanwhile. */
export function refreshRuns(): Promise<void> {
  useRunsStore.setState((s) => ({ generation: s.generation + 1 }));
  const pages = Object.keys(useRunsStore.getState().pages).map(Number);
  return Promise.all((pages.length ? pages : [0]).map((p) => loadRunsPage(p))).then(() => undefined);
}

export function toggleRunSelected(runId: string): void {
  useRunsStore.setState((s) => ({
    selected: s.selected.includes(runId) ? s.selected.filter((id) => id !== runId) : [...s.selected, runId],
  }));
}

export const clearRunSelection = (): void => useRunsStore.setState({ selected: [] });

export async function showRunDetail(runId: string): Promise<void> {
  useRunsStore.setState({ detail: { runId, run: { status: 'loading' } }, comparison: null });
  try {
    const run = await getApi().call('runs.show', { runId });
    if (useRunsStore.getState().detail?.runId === runId) useRunsStore.setState({ detail: { runId, run: { status: 'ready', value: run } } });
  } catch (e) {
    if (useRunsStore.getState().detail?.runId === runId) useRunsStore.setState({ detail: { runId, run: { status: 'error', error: errorMessage(e) } } });
  }
}

export const closeRunDetail = (): void => useRunsStore.setState({ detail: null, comparison: null });

/** Compares the selected runs (2 to 10), in the order they were picked. */
export async function compareSelectedRuns(): Promise<void> {
  const runIds = useRunsStore.getState().selected;
  if (runIds.length < 2 || runIds.length > MAX_COMPARE) return;
  useRunsStore.setState({ comparison: { status: 'loading' }, detail: null });
  try {
    const value = await getApi().call('runs.compare', { runIds });
    useRunsStore.setState({ comparison: { status: 'ready', value } });
  } catch (e) {
    useRunsStore.setState({ comparison: { status: 'error', error: errorMessage(e) } });
  }
}

const report = (e: unknown, context: string) => useNoticesStore.getState().reportError(e, context);

export async function annotateRun(runId: string, note: string | null, tags: string[]): Promise<boolean> {
  try {
    await getApi().call('runs.annotate', { runId, note, tags });
    await Promise.all([refreshRuns(), useRunsStore.getState().detail?.runId === runId ? showRunDetail(runId) : undefined]);
    return true;
  } catch (e) {
    report(e, 'Saving the note and tags');
    return false;
  }
}

/** Re-runs a run exactly; resolves to the new run's id. */
export async function rerunRun(runId: string): Promise<string | undefined> {
  try {
    const { runId: started } = await getApi().call('runs.rerun', { runId });
    await refreshRuns();
    return started;
  } catch (e) {
    report(e, 'Re-run');
    return undefined;
  }
}

/** Deletes runs (and the artifacts only they used); resolves to the number deleted. */
export async function deleteRuns(runIds: string[]): Promise<number | undefined> {
  try {
    const deleted = await getApi().call('runs.delete', { runIds });
    const gone = new Set(deleted.runs);
    useRunsStore.setState((s) => ({
      selected: s.selected.filter((id) => !gone.has(id)),
      detail: s.detail && gone.has(s.detail.runId) ? null : s.detail,
      comparison: null,
    }));
    await refreshRuns();
    return deleted.runs.length;
  } catch (e) {
    report(e, 'Delete runs');
    return undefined;
  }
}
