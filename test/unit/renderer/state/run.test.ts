// Starting and following a run through the API: pending edits are saved first, events that beat the
// runs.start answer are not lost, and a pipeline's newest recorded run is restored when it opens.
import { beforeEach, describe, expect, it } from 'vitest';
import { setParam } from '../../../../renderer/state/document/graph-edits.js';
import { setApi } from '../../../../renderer/state/api.js';
import { useGraphStore } from '../../../../renderer/state/graph.js';
import { useNoticesStore } from '../../../../renderer/state/notices.js';
import { cancelRun, handleRunEvent, restoreLatestRun, startRun, useRunStore } from '../../../../renderer/state/run.js';
import { idleRun } from '../../../../renderer/state/run-events.js';
import { markLoaded } from '../../../../renderer/state/save.js';
import { fakeApi, type FakeApi } from '../fake-api.js';
import { samplePipeline } from '../test-catalog.js';

let api: FakeApi;

describe('run store', () => {
  beforeEach(() => {
    const doc = samplePipeline();
    markLoaded(doc, 1, []);
    useGraphStore.getState().load('sample', doc);
    useRunStore.setState({ view: idleRun });
    api = fakeApi({
      'pipelines.save': () => ({ version: 2, issues: [] }),
      'runs.start': () => {
        // the host sends the first events before the answer arrives
        handleRunEvent({ kind: 'run_started', runId: 'r1', nodes: ['data'] });
        handleRunEvent({ kind: 'node_status', runId: 'r1', node: 'data', status: 'running' });
        return { runId: 'r1' };
      },
      'runs.cancel': () => ({}),
    });
    setApi(api);
  });

  it('saves pending edits, then starts the run and keeps its early events', async () => {
    useGraphStore.getState().edit((doc) => setParam(doc, 'split', 'seed', 3));
    await startRun('gbm');
    expect(api.calls.map((c) => c.method)).toEqual(['pipelines.save', 'runs.start']);
    expect(api.calls[1].request).toEqual({ pipeline: 'sample', targetNode: 'gbm' });
    const { view } = useRunStore.getState();
    expect(view).toMatchObject({ runId: 'r1', phase: 'running', nodes: { data: { status: 'running' } } });
    await cancelRun();
    expect(api.calls.at(-1)).toEqual({ method: 'runs.cancel', request: { runId: 'r1' } });
  });

  it('does not start a second run while one is going', async () => {
    await startRun();
    await startRun();
    expect(api.calls.filter((c) => c.method === 'runs.start')).toHaveLength(1);
  });

  it('shows why a run could not start and becomes idle again', async () => {
    setApi(
      fakeApi({
        'runs.start': () => {
          throw new Error("node 'gate' is missing required param 'condition'");
        },
      }),
    );
    await startRun();
    expect(useRunStore.getState().view.phase).toBe('idle');
    expect(useNoticesStore.getState().errors.at(-1)?.message).toBe("Run: node 'gate' is missing required param 'condition'");
  });

  it('restores the newest recorded run of the pipeline', async () => {
    setApi(
      fakeApi({
        'runs.list': () => {
          const listed = { pipelineVersion: 1, pipelineHash: null, finishedAt: null, note: null, tags: [], metrics: {} };
          return {
            runs: [
              { ...listed, id: 'old', pipeline: 'sample', status: 'ok' as const, startedAt: '2025-01-01T10:00:00Z', seconds: 1 },
              { ...listed, id: 'new', pipeline: 'sample', status: 'failed' as const, startedAt: '2025-01-02T10:00:00Z', seconds: 2 },
            ],
            total: 2,
            offset: 0,
            metricColumns: [],
          };
        },
        'runs.nodeStates': ({ runId }) => ({ nodes: [{ node: 'data', status: runId === 'new' ? 'done' : 'failed', seconds: 1, error: null }] }),
      }),
    );
    await restoreLatestRun('sample');
    expect(useRunStore.getState().view).toMatchObject({ runId: 'new', phase: 'failed', outputRun: { data: 'new' } });
  });
});
