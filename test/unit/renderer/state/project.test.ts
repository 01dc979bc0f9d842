// Opening, creating and deleting pipelines: a loaded pipeline is not saved back until edited, pending edits are
// saved before switching, and a deleted pipeline is never saved again.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PipelineDocument } from '../../../../shared/pipeline/schema.js';
import { setParam } from '../../../../renderer/state/document/graph-edits.js';
import { setApi } from '../../../../renderer/state/api.js';
import { useGraphStore } from '../../../../renderer/state/graph.js';
import { deletePipeline, openPipeline, useProjectStore } from '../../../../renderer/state/project.js';
import { SAVE_DELAY_MS, startAutosave, useSaveStore } from '../../../../renderer/state/save.js';
import { fakeApi, type FakeApi } from '../fake-api.js';
import { samplePipeline } from '../test-catalog.js';

let api: FakeApi;
let stop: () => void;
const store = new Map<string, PipelineDocument>();

describe('pipelines in the project', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    const { layout: _none, ...bare } = samplePipeline();
    store.clear();
    store.set('one', { ...bare, name: 'one' });
    store.set('two', { ...samplePipeline(), name: 'two' });
    api = fakeApi({
      'pipelines.load': ({ name }) => ({ name, version: 1, document: store.get(name)!, issues: [{ message: 'a problem', node: 'gate' }] }),
      'pipelines.save': ({ name, document }) => {
        store.set(name, document as PipelineDocument);
        return { version: 2, issues: [] };
      },
      'pipelines.list': () => ({ pipelines: [...store.keys()].map((name) => ({ name, version: 1, savedAt: '' })) }),
      'pipelines.delete': ({ name }) => {
        store.delete(name);
        return {};
      },
      'runs.list': () => ({ runs: [], total: 0, offset: 0, metricColumns: [] }),
    });
    setApi(api);
    stop = startAutosave();
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  const methods = () => api.calls.map((c) => c.method);

  it('opens a pipeline with positions for every node and its issues, without saving it back', async () => {
    await openPipeline('one');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 3);
    expect(methods()).not.toContain('pipelines.save');
    expect(Object.keys(useGraphStore.getState().doc.layout ?? {})).toHaveLength(5);
    expect(useSaveStore.getState().issues).toEqual([{ message: 'a problem', node: 'gate' }]);
  });

  it('saves pending edits before switching to another pipeline', async () => {
    await openPipeline('one');
    useGraphStore.getState().edit((doc) => setParam(doc, 'split', 'seed', 11));
    await openPipeline('two');
    expect(methods().slice(-3)).toEqual(['pipelines.save', 'pipelines.load', 'runs.list']);
    expect(store.get('one')!.nodes[1].params).toEqual({ seed: 11 });
    expect(useGraphStore.getState().pipeline).toBe('two');
  });

  it('deletes the open pipeline and opens the next one, never saving the deleted one again', async () => {
    await openPipeline('two');
    useGraphStore.getState().edit((doc) => setParam(doc, 'split', 'seed', 12));
    await deletePipeline('two');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 3);
    expect(store.has('two')).toBe(false);
    expect(useGraphStore.getState().pipeline).toBe('one');
    expect(useProjectStore.getState().pipelines.map((p) => p.name)).toEqual(['one']);
  });
});
