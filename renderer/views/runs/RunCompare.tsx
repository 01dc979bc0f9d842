// 2–10 runs side by side: params (rows that differ highlighted, or only those), metrics with the best run per row
// marked (by the metric's direction), training curves overlaid, and drift and explanation summaries.
import { useState } from 'react';
import type { RunComparison } from '../../../shared/api/lifecycle.js';
import { closeRunDetail, showRunDetail, useRunsStore } from '../../state/runs.js';
import { CompareChart } from './CompareChart.js';
import { formatParam, RUN_COLOURS, runLabel } from './compare-data.js';
import { formatMetric } from './run-columns.js';

function RunHeads({ comparison }: { comparison: RunComparison }) {
  return (
    <>
      {comparison.runs.map((r, i) => (
        <th key={r.id} scope="col" title={`${r.id} · ${r.pipeline} v${r.pipelineVersion ?? '?'} · ${r.startedAt}`}>
          <span className="run-swatch" style={{ background: RUN_COLOURS[i % RUN_COLOURS.length] }} aria-hidden="true" />
          <button type="button" className="link-button" onClick={() => void showRunDetail(r.id)}>
            {runLabel(i, r.id)}
          </button>
        </th>
      ))}
    </>
  );
}

function ParamsTable({ comparison }: { comparison: RunComparison }) {
  const [onlyDifferences, setOnly] = useState(false);
  const differing = comparison.params.filter((p) => p.differs).length;
  // The params that differ come first: they are what the comparison is for.
  const rows = onlyDifferences ? comparison.params.filter((p) => p.differs) : [...comparison.params.filter((p) => p.differs), ...comparison.params.filter((p) => !p.differs)];
  return (
    <section aria-label="Params compared">
      <div className="section-head">
        <h3 className="panel-title">Params ({differing} differ)</h3>
        <label className="inline-check">
          <input type="checkbox" checked={onlyDifferences} onChange={(e) => setOnly(e.target.checked)} /> Only differences
        </label>
      </div>
      <div className="compare-scroll">
        <table className="data-table compact" aria-label="Params">
          <thead>
            <tr>
              <th scope="col">Param</th>
              <RunHeads comparison={comparison} />
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={`${p.node}.${p.param}`} className={p.differs ? 'differs' : undefined}>
                <th scope="row">
                  {p.node}.{p.param}
                  {p.differs && <span className="badge differs-badge">differs</span>}
                </th>
                {p.values.map((v, i) => (
                  <td key={i} className="param-value">
                    {formatParam(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function MetricsTable({ comparison }: { comparison: RunComparison }) {
  return (
    <section aria-label="Metrics compared">
      <h3 className="panel-title">Metrics</h3>
      {comparison.metrics.length === 0 ? (
        <p className="muted small">None of these runs recorded metrics.</p>
      ) : (
        <div className="compare-scroll">
          <table className="data-table compact" aria-label="Metrics">
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <RunHeads comparison={comparison} />
              </tr>
            </thead>
            <tbody>
              {comparison.metrics.map((m) => (
                <tr key={m.name}>
                  <th scope="row">
                    {m.name} {m.better && <span className="muted small">({m.better} is better)</span>}
                  </th>
                  {m.values.map((v, i) => {
                    const best = m.best.includes(i);
                    return (
                      <td key={i} className={`num${best ? ' best' : ''}`}>
                        {formatMetric(v)}
                        {best && <span className="badge best-badge">best</span>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Summaries({ comparison }: { comparison: RunComparison }) {
  if (comparison.drift.length === 0 && comparison.explanations.length === 0) return null;
  return (
    <section aria-label="Drift and explanations compared">
      <h3 className="panel-title">Drift and explanations</h3>
      <div className="compare-scroll">
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">Node</th>
              <RunHeads comparison={comparison} />
            </tr>
          </thead>
          <tbody>
            {comparison.drift.map((d) => (
              <tr key={`drift-${d.node}`}>
                <th scope="row">{d.node} (drift)</th>
                {d.values.map((v, i) => (
                  <td key={i}>
                    {v ? `${v.datasetDrift ? 'drift' : 'no drift'}: ${Math.round(v.shareDrifted * 100)}% of columns${v.drifted.length ? ` (${v.drifted.slice(0, 4).join(', ')}${v.drifted.length > 4 ? ', …' : ''})` : ''}` : '—'}
                  </td>
                ))}
              </tr>
            ))}
            {comparison.explanations.map((x) => (
              <tr key={`explain-${x.node}`}>
                <th scope="row">{x.node} (top features)</th>
                {x.values.map((v, i) => (
                  <td key={i}>{v ? <ol className="top-features">{v.slice(0, 5).map((f) => <li key={f.feature}>{f.feature} <span className="muted">{formatMetric(f.importance)}</span></li>)}</ol> : '—'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function RunCompare() {
  const comparison = useRunsStore((s) => s.comparison);
  if (!comparison) return null;
  return (
    <section className="run-compare" aria-label="Run comparison">
      <header className="detail-head">
        <h2>Comparing {comparison.status === 'ready' ? `${comparison.value.runs.length} runs` : 'runs'}</h2>
        <button type="button" className="icon-button close-panel" onClick={closeRunDetail} aria-label="Close comparison">
          ×
        </button>
      </header>
      {comparison.status === 'loading' && <p className="muted">Comparing…</p>}
      {comparison.status === 'error' && <p className="error-text">{comparison.error}</p>}
      {comparison.status === 'ready' && (
        <div className="compare-grid">
          <ParamsTable comparison={comparison.value} />
          <div className="compare-right">
            <MetricsTable comparison={comparison.value} />
            <section aria-label="Training curves">
              <h3 className="panel-title">Training curves</h3>
              <CompareChart comparison={comparison.value} />
            </section>
          </div>
          <Summaries comparison={comparison.value} />
        </div>
      )}
    </section>
  );
}
