// Autosave: edits are saved once after a pause, saves never overlap, flushSave saves at once, the saved
// document carries the pipeline's name, and the issues of the last save become the problems list.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PipelineDocument } from '../../../../shared/pipeline/schema.js';
import { setParam } from '../../../../renderer/state/document/graph-edits.js';
import { setApi } from '../../../../renderer/state/api.js';
import { useGraphStore } from '../../../../renderer/state/graph.js';
import { flushSave, markLoaded, SAVE_DELAY_MS, startAutosave, useSaveStore } from '../../../../renderer/state/save.js';
import { fakeApi, type FakeApi } from '../fake-api.js';
import { samplePipeline } from '../test-catalog.js';

let api: FakeApi;
let stop: () => void;
let version = 1;
const saved: PipelineDocument[] = [];

function open(doc: PipelineDocument) {
  markLoaded(doc, 1, []);
  useGraphStore.getState().load('sample', doc);
}

const editSeed = (seed: number) => useGraphStore.getState().edit((doc) => setParam(doc, 'split', 'seed', seed));

describe('autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    saved.length = 0;
    api = fakeApi({
      'pipelines.save': ({ document }) => {
        saved.push(document as PipelineDocument);
        const seed = document.nodes.find((n) => n.id === 'split')?.params?.seed;
        return { version: ++version, issues: seed === 99 ? [{ message: 'seed 99 is unlucky', node: 'split', key: 'seed' }] : [] };
      },
    });
    setApi(api);
    stop = startAutosave();
    open(samplePipeline());
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('saves nothing on load, and one save for a burst of edits after the pause', async () => {
    expect(useSaveStore.getState().status).toBe('saved');
    editSeed(1);
    editSeed(2);
    editSeed(3);
    expect(useSaveStore.getState().status).toBe('pending');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 1);
    expect(saved).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toHaveLength(1);
    expect(saved[0].nodes[1].params).toEqual({ seed: 3 });
    expect(useSaveStore.getState()).toMatchObject({ status: 'saved', version });
  });

  it('saves at once on flush, under the pipeline name', async () => {
    useGraphStore.setState((s) => ({ doc: { ...s.doc, name: 'old name' } }));
    editSeed(5);
    await flushSave();
    expect(saved).toHaveLength(1);
    expect(saved[0].name).toBe('sample');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 4);
    expect(saved).toHaveLength(1);
  });

  it('never runs two saves at once and saves the newest document last', async () => {
    let release: () => void = () => {};
    let inFlight = 0;
    let most = 0;
    setApi(
      fakeApi({
        'pipelines.save': async ({ document }) => {
          inFlight++;
          most = Math.max(most, inFlight);
          await new Promise<void>((r) => (release = r));
          inFlight--;
          saved.push(document as PipelineDocument);
          return { version: ++version, issues: [] };
        },
      }),
    );
    editSeed(1);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    editSeed(2);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 3);
    release();
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 3);
    release();
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 3);
    expect(most).toBe(1);
    expect(saved.map((d) => d.nodes[1].params?.seed)).toEqual([1, 2]);
    expect(useSaveStore.getState().status).toBe('saved');
  });

  it('keeps the issues of the last save as the problems', async () => {
    editSeed(99);
    await flushSave();
    expect(useSaveStore.getState().issues).toEqual([{ message: 'seed 99 is unlucky', node: 'split', key: 'seed' }]);
    editSeed(4);
    await flushSave();
    expect(useSaveStore.getState().issues).toEqual([]);
  });

  it('reports a failed save and tries again on the next edit', async () => {
    setApi(
      fakeApi({
        'pipelines.save': () => {
          throw new Error('disk full');
        },
      }),
    );
    editSeed(1);
    await flushSave();
    expect(useSaveStore.getState()).toMatchObject({ status: 'failed', error: 'disk full' });
    setApi(api);
    editSeed(2);
    await flushSave();
    expect(useSaveStore.getState().status).toBe('saved');
    expect(saved.at(-1)?.nodes[1].params).toEqual({ seed: 2 });
  });

  it('has nothing to save after undoing back to the loaded document', async () => {
    editSeed(1);
    useGraphStore.temporal.getState().undo();
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 2);
    expect(saved).toHaveLength(0);
    expect(useSaveStore.getState().status).toBe('saved');
  });
});
