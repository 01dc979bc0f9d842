// A popped-out output: one node's output alone in a browser tab or desktop window. It shows the run it was popped
// out from, then follows the pipeline: when a later run finishes with this node's output, that run's is shown.
import { useEffect, useState } from 'react';
import type { OutputRoute } from '../../shared/api/output-window.js';
import { errorMessage, getApi } from '../state/api.js';
import { OutputView } from '../panels/OutputPanel.js';

/** The newest run of `pipeline` that holds `node`'s output (done or cached there), if any. */
async function newestOutputRun(pipeline: string, node: string): Promise<string | undefined> {
  const { runs } = await getApi().call('runs.list', { pipeline });
  const newest = [...runs].filter((r) => r.pipeline === pipeline).sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
  if (!newest) return undefined;
  const { nodes } = await getApi().call('runs.nodeStates', { runId: newest.id });
  const state = nodes.find((n) => n.node === node)?.status;
  return state === 'done' || state === 'cached' ? newest.id : undefined;
}

export function PoppedOutput({ route }: { route: OutputRoute }) {
  const { pipeline, node, port } = route;
  const [runId, setRunId] = useState(route.run);
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    document.title = `${node}.${port} (${pipeline}) — Plumb`;
    return getApi().onRunEvent((event) => {
      if (event.kind !== 'run_finished') return;
      newestOutputRun(pipeline, node)
        .then((next) => {
          setProblem(undefined);
          if (next) setRunId(next);
        })
        .catch((e: unknown) => setProblem(errorMessage(e)));
    });
  }, [pipeline, node, port]);

  return (
    <div className="popped-output">
      <header className="popped-output-head">
        <h1>
          {node}.{port}
        </h1>
        <span className="muted small" role="status" aria-label="Shown run" title={runId}>
          {pipeline} · run <code>{runId.slice(0, 8)}</code> · updates when the pipeline runs again
        </span>
      </header>
      {problem && (
        <p role="alert" className="error-text small">
          Could not follow the latest run: {problem}
        </p>
      )}
      <main className="output-body popped-output-body" aria-label={`Output ${node}.${port}`}>
        <OutputView key={runId} runId={runId} node={node} port={port} />
      </main>
    </div>
  );
}
