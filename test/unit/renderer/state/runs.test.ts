// The Runs view's store against a scripted API over 1,234 generated runs: pages are asked for by offset with
// the filters and sort, answers to an older sort are dropped, sorting the same column flips it, and the actions
// (compare, re-run, delete) call the API and keep the selection consistent.
import { beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../../../renderer/state/api.js';
import {
  compareSelectedRuns,
  deleteRuns,
  loadRunsPage,
  refreshRuns,
  rerunRun,
  resetRunsStore,
  runAt,
  RUNS_PAGE_SIZE,
  setRunFilters,
  sortRunsBy,
  toggleRunSelected,
  useRunsStore,
  type RunListing,
} from '../../../../renderer/state/runs.js';
import type { ApiRequest } from '../../../../shared/api/contract.js';
import { fakeApi, type FakeApi } from '../fake-api.js';

const TOTAL = 1234;
const all: RunListing[] = Array.from({ length: TOTAL }, (_, i) => ({
  id: `run-${i}`,
  pipeline: i % 2 ? 'a' : 'b',
  pipelineVersion: 1,
  pipelineHash: null,
  status: 'ok',
  startedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  finishedAt: null,
  seconds: i,
  note: null,
  tags: [],
  metrics: { 'e.auc': (i * 37) % 101 },
}));

/** A tiny runs.list: filter by pipeline, sort by seconds or the metric, then slice — the host does this in SQL. */
function list(request: ApiRequest<'runs.list'>) {
  const rows = all.filter((r) => !request.pipeline || r.pipeline === request.pipeline);
  const key = (r: RunListing) => (request.sort === 'metric:e.auc' ? r.metrics['e.auc'] : r.seconds!);
  rows.sort((x, y) => (request.descending === false ? key(x) - key(y) : key(y) - key(x)));
  const offset = request.offset ?? 0;
  return { runs: rows.slice(offset, offset + (request.limit ?? 200)), total: rows.length, offset, metricColumns: ['e.auc'] };
}

let api: FakeApi;
beforeEach(() => {
  resetRunsStore();
  api = fakeApi({
    'runs.list': list,
    'runs.compare': ({ runIds }) => ({ runs: runIds.map((id) => all.find((r) => r.id === id)!), params: [], metrics: [], series: [], drift: [], explanations: [] }),
    'runs.rerun': () => ({ runId: 'run-new' }),
    'runs.delete': ({ runIds }) => ({ runs: runIds, cacheEntries: 0, datasetVersions: 0, blobs: 0 }),
  });
  setApi(api);
});

describe('runs store', () => {
  it('loads a page by offset; runAt finds its rows', async () => {
    await loadRunsPage(3);
    const request = api.calls[0].request as ApiRequest<'runs.list'>;
    expect(request).toEqual({ sort: 'started_at', descending: true, offset: 3 * RUNS_PAGE_SIZE, limit: RUNS_PAGE_SIZE });
    const state = useRunsStore.getState();
    expect(state.total).toBe(TOTAL);
    expect(state.metricColumns).toEqual(['e.auc']);
    expect(runAt(state, 3 * RUNS_PAGE_SIZE + 5)).toEqual(list(request).runs[5]);
    expect(runAt(state, 0)).toBeUndefined();
    // A current page is not fetched again.
    await loadRunsPage(3);
    expect(api.calls).toHaveLength(1);
  });

  it('sorts by a metric, the same column again the other way, starting over each time', async () => {
    await loadRunsPage(0);
    await sortRunsBy('metric:e.auc');
    let state = useRunsStore.getState();
    expect(state.sort).toEqual({ key: 'metric:e.auc', descending: true });
    const top = runAt(state, 0)!;
    expect(top.metrics['e.auc']).toBe(Math.max(...all.map((r) => r.metrics['e.auc'])));
    await sortRunsBy('metric:e.auc');
    state = useRunsStore.getState();
    expect(state.sort.descending).toBe(false);
    expect(runAt(state, 0)!.metrics['e.auc']).toBe(Math.min(...all.map((r) => r.metrics['e.auc'])));
    expect(Object.keys(state.pages)).toEqual(['0']);
  });

  it('drops an answer that arrives after the filter changed', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    api = fakeApi({
      'runs.list': async (request) => {
        if (!request.pipeline) await gate;
        return list(request);
      },
    });
    setApi(api);
    const slow = loadRunsPage(0);
    await setRunFilters({ pipeline: 'a' });
    release();
    await slow;
    const state = useRunsStore.getState();
    expect(state.total).toBe(all.filter((r) => r.pipeline === 'a').length);
    expect(runAt(state, 0)!.pipeline).toBe('a');
  });

  it('refreshes the loaded pages in place', async () => {
    await loadRunsPage(0);
    await loadRunsPage(2);
    api.calls.length = 0;
    await refreshRuns();
    expect(api.calls.map((c) => (c.request as { offset: number }).offset).sort((a, b) => a - b)).toEqual([0, 2 * RUNS_PAGE_SIZE]);
  });

  it('compares 2 to 10 selected runs in the order picked', async () => {
    toggleRunSelected('run-5');
    await compareSelectedRuns();
    expect(api.calls).toHaveLength(0);
    toggleRunSelected('run-2');
    await compareSelectedRuns();
    expect(api.calls.at(-1)).toEqual({ method: 'runs.compare', request: { runIds: ['run-5', 'run-2'] } });
    expect(useRunsStore.getState().comparison?.status).toBe('ready');
    for (let i = 10; i < 19; i++) toggleRunSelected(`run-${i}`);
    const before = api.calls.length;
    await compareSelectedRuns();
    expect(api.calls).toHaveLength(before);
  });

  it('re-runs through runs.rerun and deletes runs, dropping them from the selection', async () => {
    expect(await rerunRun('run-1')).toBe('run-new');
    expect(api.calls.find((c) => c.method === 'runs.rerun')?.request).toEqual({ runId: 'run-1' });
    toggleRunSelected('run-1');
    toggleRunSelected('run-2');
    expect(await deleteRuns(['run-1'])).toBe(1);
    expect(useRunsStore.getState().selected).toEqual(['run-2']);
  });
});
