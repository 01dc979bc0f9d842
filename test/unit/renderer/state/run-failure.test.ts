// A run that ends failed selects its failed node, asks the canvas to centre it and announces it; a failed run
// restored from the project (opening a pipeline) does neither.
import { beforeEach, describe, expect, it } from 'vitest';
import { useNoticesStore } from '../../../../renderer/state/notices.js';
import { useRunStore } from '../../../../renderer/state/run.js';
import { failedNodes, idleRun, restoredRun, type RunView } from '../../../../renderer/state/run-events.js';
import { useSelectionStore } from '../../../../renderer/state/selection.js';

const running: RunView = { ...idleRun, runId: 'r1', phase: 'running', nodes: { read: { status: 'done' }, train: { status: 'running' } } };

describe('after a failed run', () => {
  beforeEach(() => {
    useRunStore.setState({ view: idleRun });
    useSelectionStore.setState({ nodes: [], edges: [], focus: null });
    useNoticesStore.setState({ failure: null });
  });

  it('selects and focuses the failed node and raises a failure notice naming it', () => {
    useRunStore.setState({ view: running });
    useRunStore.setState({ view: { ...running, phase: 'failed', nodes: { read: { status: 'done' }, train: { status: 'failed', error: 'target missing' } } } });
    expect(useSelectionStore.getState().nodes).toEqual(['train']);
    expect(useSelectionStore.getState().focus?.node).toBe('train');
    expect(useNoticesStore.getState().failure).toEqual({ node: 'train', message: 'target missing' });
  });

  it('does nothing when a failed run is only restored', () => {
    useRunStore.setState({ view: restoredRun('r0', 'failed', [{ node: 'train', status: 'failed', seconds: 1, error: 'x' }]) });
    expect(useSelectionStore.getState().nodes).toEqual([]);
    expect(useNoticesStore.getState().failure).toBeNull();
  });

  it('lists failures in run order with their messages', () => {
    expect(failedNodes({ ...running, nodes: { a: { status: 'failed' }, b: { status: 'done' }, c: { status: 'failed', error: 'boom' } } })).toEqual([
      { node: 'a', message: 'failed without a message' },
      { node: 'c', message: 'boom' },
    ]);
  });
});
