// Export of the run's explanation report (importance, beeswarm, dependence, interactions, counterfactuals,
// fairness) from the outputs of an explanation or fairness node: a standalone HTML file, or a PDF (saved by the
// desktop app, or the same page opened in a new tab to print in the browser).
import { useState } from 'react';
import { errorMessage, getApi } from '../../state/api.js';
import { useGraphStore } from '../../state/graph.js';
import { useRunStore } from '../../state/run.js';
import { downloadHtml, exportReportPdf, savesPdfFile } from './report-export.js';
import { useReportRowsStore } from './report-rows.js';

const REPORTED = /^(explain\.(shap|permutation_importance|interactions|counterfactual)|evaluate\.fairness)$/;

export function ExplainReportButton({ node }: { node: string }) {
  const type = useGraphStore((s) => s.doc.nodes.find((n) => n.id === node)?.type);
  const runId = useRunStore((s) => s.view.outputRun[node]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const picked = useReportRowsStore((s) => s.rows);
  if (!type || !REPORTED.test(type) || !runId) return null;
  const source = () => ({ runId, counterfactualRows: Object.fromEntries(Object.entries(picked).filter(([, rows]) => rows.length > 0)) });
  const exportHtml = async () => {
    setError(null);
    setSaved(null);
    try {
      const { html } = await getApi().call('explain.exportHtml', source());
      downloadHtml(html, `explanations-${runId.slice(0, 8)}.html`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const exportPdf = async () => {
    setError(null);
    setSaved(null);
    try {
      const outcome = await exportReportPdf({ report: 'explanation', source: source() });
      if (outcome.kind === 'saved') setSaved(outcome.path);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <span className="report-export" style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
      <button type="button" onClick={() => void exportHtml()} title="One HTML file with every explanation and fairness output of this run (no scripts)">
        Export explanation report
      </button>
      <button type="button" onClick={() => void exportPdf()} title={savesPdfFile() ? 'Saves the report as an A4 PDF file' : 'Opens the report in a new tab: print it there and choose Save as PDF'}>
        Report as PDF…
      </button>
      {saved && (
        <span role="status" className="small muted">
          Saved {saved}
        </span>
      )}
      {error && (
        <span role="alert" className="error-text small">
          {error}
        </span>
      )}
    </span>
  );
}
