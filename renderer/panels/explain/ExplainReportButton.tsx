// Export of the run's explanation report (importance, beeswarm, dependence, interactions, counterfactuals,
// fairness) from the outputs of an explanation or fairness node: a standalone HTML file, or the same page opened in
// a new tab to print as PDF.
import { useState } from 'react';
import { errorMessage, getApi } from '../../state/api.js';
import { useGraphStore } from '../../state/graph.js';
import { useRunStore } from '../../state/run.js';
import { downloadHtml, openForPrint } from './report-export.js';
import { useReportRowsStore } from './report-rows.js';

const REPORTED = /^(explain\.(shap|permutation_importance|interactions|counterfactual)|evaluate\.fairness)$/;

export function ExplainReportButton({ node }: { node: string }) {
  const type = useGraphStore((s) => s.doc.nodes.find((n) => n.id === node)?.type);
  const runId = useRunStore((s) => s.view.outputRun[node]);
  const [error, setError] = useState<string | null>(null);
  const picked = useReportRowsStore((s) => s.rows);
  if (!type || !REPORTED.test(type) || !runId) return null;
  const run = async (pdf: boolean) => {
    setError(null);
    try {
      const counterfactualRows = Object.fromEntries(Object.entries(picked).filter(([, rows]) => rows.length > 0));
      const { html } = await getApi().call('explain.exportHtml', { runId, counterfactualRows });
      if (!pdf) downloadHtml(html, `explanations-${runId.slice(0, 8)}.html`);
      else if (!openForPrint(html)) setError('The browser blocked the new tab: allow pop-ups for this page, or export HTML and print it.');
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <span className="report-export" style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
      <button type="button" onClick={() => void run(false)} title="One HTML file with every explanation and fairness output of this run (no scripts)">
        Export explanation report
      </button>
      <button type="button" onClick={() => void run(true)} title="Opens the report in a new tab: print it there and choose Save as PDF">
        Report as PDF…
      </button>
      {error && (
        <span role="alert" className="error-text small">
          {error}
        </span>
      )}
    </span>
  );
}
