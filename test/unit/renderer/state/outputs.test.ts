// Output previews: the first page comes without waiting for column stats (they follow in a second request), later
// pages are fetched once each by offset, and only the most recently used pages stay cached.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setApi } from '../../../../renderer/state/api.js';
import { loadPage, loadPreview, outputKey, pageKey, PAGE_SIZE, useOutputsStore } from '../../../../renderer/state/outputs.js';
import { fakeApi, type FakeApi } from '../fake-api.js';

const ROWS = 1_000_000;
let api: FakeApi;

describe('outputs store', () => {
  beforeEach(() => {
    useOutputsStore.setState({ previews: {}, pages: {} });
    api = fakeApi({
      'outputs.preview': ({ offset = 0, limit = 100, stats }) => ({
        kind: 'table',
        port: 'table',
        table: {
          columns: [{ name: 'i', type: 'BIGINT' }],
          rowCount: ROWS,
          offset,
          rows: Array.from({ length: Math.min(limit, ROWS - offset) }, (_, k) => [offset + k]),
          ...(stats ? { stats: [{ name: 'i', count: ROWS }] } : {}),
        },
      }),
    });
    setApi(api);
  });

  it('loads the first page once, shows it before the column stats arrive, then adds them', async () => {
    let releaseStats = () => {};
    const statsHeld = new Promise<void>((r) => (releaseStats = r));
    api = fakeApi({
      'outputs.preview': async ({ offset = 0, limit = 100, stats }) => {
        if (stats) await statsHeld;
        return {
          kind: 'table',
          port: 'table',
          table: { columns: [{ name: 'i', type: 'BIGINT' }], rowCount: ROWS, offset, rows: Array.from({ length: limit }, (_, k) => [offset + k]), ...(stats ? { stats: [{ name: 'i', count: ROWS }] } : {}) },
        };
      },
    });
    setApi(api);
    await loadPreview('r', 'n', 'table');
    await loadPreview('r', 'n', 'table');
    const request = { runId: 'r', node: 'n', port: 'table', offset: 0 };
    expect(api.calls).toEqual([
      { method: 'outputs.preview', request: { ...request, limit: PAGE_SIZE, stats: false } },
      { method: 'outputs.preview', request: { ...request, limit: 1, stats: true } },
    ]);
    const shown = () => {
      const entry = useOutputsStore.getState().previews[outputKey('r', 'n', 'table')];
      return entry.status === 'ready' && entry.preview.kind === 'table' ? entry.preview.table : undefined;
    };
    expect(shown()?.stats).toBeUndefined();
    expect(useOutputsStore.getState().pages[pageKey(outputKey('r', 'n', 'table'), 0)]).toHaveLength(PAGE_SIZE);
    releaseStats();
    await vi.waitFor(() => expect(shown()?.stats).toEqual([{ name: 'i', count: ROWS }]));
    expect(shown()?.rows).toHaveLength(PAGE_SIZE);
  });

  it('fetches a page by offset once, even when asked for twice at the same time', async () => {
    await Promise.all([loadPage('r', 'n', 'table', 4321), loadPage('r', 'n', 'table', 4321)]);
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0].request).toMatchObject({ offset: 4321 * PAGE_SIZE, limit: PAGE_SIZE, stats: false });
    const rows = useOutputsStore.getState().pages[pageKey(outputKey('r', 'n', 'table'), 4321)];
    expect(rows[0]).toEqual([4321 * PAGE_SIZE]);
    expect(rows.at(-1)).toEqual([4321 * PAGE_SIZE + PAGE_SIZE - 1]);
  });

  it('forgets the least recently fetched pages beyond its budget', async () => {
    for (let page = 0; page < 200; page++) await loadPage('r', 'n', 'table', page);
    const cached = Object.keys(useOutputsStore.getState().pages);
    expect(cached.length).toBeLessThan(200);
    expect(cached).toContain(pageKey(outputKey('r', 'n', 'table'), 199));
    expect(cached).not.toContain(pageKey(outputKey('r', 'n', 'table'), 0));
  });
});
