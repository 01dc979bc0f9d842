// The run status line: counts while running, and an empty pipeline says there was nothing to run instead of
// "Running: 0 of 0 nodes" or "finished in 0.0 s".
import { describe, expect, it } from 'vitest';
import { runText } from '../../../../renderer/app/StatusBar.js';
import { idleRun, type RunView } from '../../../../renderer/state/run-events.js';

const view = (patch: Partial<RunView>): RunView => ({ ...idleRun, runId: 'r1', ...patch });

describe('runText', () => {
  it('counts finished nodes while running and the seconds once done', () => {
    expect(runText(view({ phase: 'running', nodes: { a: { status: 'done' }, b: { status: 'running' } } }))).toBe('Running: 1 of 2 nodes done');
    expect(runText(view({ phase: 'ok', seconds: 1.25, nodes: { a: { status: 'done' } } }))).toBe('Run finished in 1.3 s');
  });

  it('never says 0 of 0 nodes or finished in 0.0 s for an empty pipeline', () => {
    expect(runText(view({ phase: 'running', nodes: {} }))).toBe('Starting run…');
    expect(runText(view({ phase: 'ok', seconds: 0, nodes: {} }))).toBe('Nothing to run: the pipeline has no nodes');
  });
});
