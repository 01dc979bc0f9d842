// The "Alerts" button with a badge counting unacknowledged alerts; opens the alerts list.
import { useEffect, useState } from 'react';
import { followAlerts, refreshAlerts, useAlertsStore } from '../../state/alerts.js';
import { useProjectStore } from '../../state/project.js';
import { AlertsDialog } from './AlertsDialog.js';

export function AlertsButton() {
  const [open, setOpen] = useState(false);
  const unacknowledged = useAlertsStore((s) => s.unacknowledged);
  const projectPath = useProjectStore((s) => s.info?.path);
  useEffect(() => followAlerts(), []);
  useEffect(() => {
    if (projectPath) void refreshAlerts();
  }, [projectPath]);
  return (
    <span className="alerts-button">
      <button type="button" onClick={() => setOpen(true)} title="Alerts raised by monitoring rules">
        Alerts
      </button>
      {unacknowledged > 0 && (
        <span role="status" aria-label="Unacknowledged alerts" className="status-badge status-failed" style={{ marginLeft: 4 }}>
          {unacknowledged}
        </span>
      )}
      {open && <AlertsDialog onClose={() => setOpen(false)} />}
    </span>
  );
}
