// The alerts list: when, how serious, what and by which rule, the run that raised it, and Acknowledge / Retrain
// (with the retraining run's status).
import type { AlertView } from '../../../shared/api/contract.js';
import { Dialog } from '../../ui/Dialog.js';
import { acknowledgeAlert, retrainAlert, useAlertsStore } from '../../state/alerts.js';
import { openPipeline } from '../../state/project.js';
import { showRunDetail } from '../../state/runs.js';
import { showView } from '../../state/views.js';

const SEVERITY_STYLE: Record<AlertView['severity'], { background: string; color: string }> = {
  info: { background: '#eef0f2', color: '#333' },
  warning: { background: '#fff4e0', color: '#8a5300' },
  critical: { background: '#fdecea', color: '#a61b1b' },
};

function AlertRow({ alert, onOpenRun }: { alert: AlertView; onOpenRun(pipeline: string, runId: string): void }) {
  const retrainText = alert.retrainRunId ? `Retrain run ${alert.retrainRunId.slice(0, 8)}: ${alert.retrainStatus ?? 'unknown'}` : undefined;
  return (
    <tr aria-label={`Alert ${alert.id}: ${alert.message}`} style={{ opacity: alert.acknowledged ? 0.6 : 1 }}>
      <td style={{ whiteSpace: 'nowrap' }}>{new Date(alert.createdAt).toLocaleString()}</td>
      <td>
        <span style={{ ...SEVERITY_STYLE[alert.severity], borderRadius: 8, padding: '0 7px' }}>{alert.severity}</span>
      </td>
      <td>{alert.message}</td>
      <td>
        <code>{alert.rule ?? '—'}</code>
      </td>
      <td>
        {alert.pipeline && alert.runId ? (
          <button type="button" aria-label={`Open run ${alert.runId.slice(0, 8)} of ${alert.pipeline}`} title={`${alert.pipeline}, node ${alert.node ?? ''}, run ${alert.runId}`} onClick={() => onOpenRun(alert.pipeline as string, alert.runId as string)}>
            {alert.pipeline} / {alert.node}
          </button>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="alert-actions">
        <button type="button" onClick={() => void acknowledgeAlert(alert.id)} disabled={alert.acknowledged}>
          {alert.acknowledged ? 'Acknowledged' : 'Acknowledge'}
        </button>{' '}
        {alert.retrainPipeline && (
          <button type="button" onClick={() => void retrainAlert(alert.id)} disabled={alert.retrainRunId !== null} title={`Run ${alert.retrainPipeline} on the current data`}>
            Retrain
          </button>
        )}
        {retrainText && (
          <span role="status" aria-label="Retrain status" className="small retrain-status">
            {retrainText}
          </span>
        )}
        {alert.retrained.map((r) => (
          <RetrainedComparison key={`${r.name}@${r.version}`} retrained={r} />
        ))}
        {alert.retrainStatus === 'ok' && alert.retrained.length === 0 && <p className="small muted">No model is registered from {alert.retrainPipeline} yet, so none got a challenger: register one from the Runs view.</p>}
      </td>
    </tr>
  );
}

/** The retrained version (now `challenger`) against the version it would replace, metric by metric. */
function RetrainedComparison({ retrained: r }: { retrained: AlertView['retrained'][number] }) {
  const against = r.comparedWith === null ? 'nothing before' : `v${r.comparedWith}${r.comparedAlias ? ` (${r.comparedAlias})` : ''}`;
  const label = `${r.name}: retrained v${r.version} (challenger) against ${against}`;
  return (
    <table className="retrained-metrics small" aria-label={label}>
      <caption>{label}</caption>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col">{r.comparedWith === null ? 'before' : `v${r.comparedWith}`}</th>
          <th scope="col">v{r.version}</th>
        </tr>
      </thead>
      <tbody>
        {r.metrics.slice(0, 8).map((m) => (
          <tr key={m.key}>
            <th scope="row">{m.key}</th>
            <td>{formatMetricValue(m.old)}</td>
            <td>{formatMetricValue(m.new)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const formatMetricValue = (v: number | null) => (v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(4));

export function AlertsDialog({ onClose }: { onClose(): void }) {
  const alerts = useAlertsStore((s) => s.alerts);
  // Opens the pipeline in the editor and the exact run that raised the alert in the Runs view.
  const openRun = (pipeline: string, runId: string) => {
    onClose();
    void openPipeline(pipeline).then(() => {
      showView('runs');
      return showRunDetail(runId);
    });
  };
  return (
    <Dialog title="Alerts" onClose={onClose} wide>
      {alerts.length === 0 ? (
        <p className="muted">No alerts yet. A monitor.alert node raises one when its rule holds in a run.</p>
      ) : (
        <div className="dialog-scroll" role="region" aria-label="Alerts" tabIndex={0}>
        <table aria-label="Alerts list" className="small" style={{ borderCollapse: 'collapse', width: '100%' }}>
          <thead>
            <tr>
              {['time', 'severity', 'message', 'rule', 'run', ''].map((h) => (
                <th key={h} scope="col" style={{ textAlign: 'left' }}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => (
              <AlertRow key={a.id} alert={a} onOpenRun={openRun} />
            ))}
          </tbody>
        </table>
        </div>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
