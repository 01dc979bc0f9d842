// The project's alerts (newest first) and the unacknowledged count for the badge; refreshed when a run finishes.
import { create } from 'zustand';
import type { AlertView } from '../../shared/api/contract.js';
import { getApi } from './api.js';
import { useNoticesStore } from './notices.js';

export interface AlertsState {
  alerts: AlertView[];
  unacknowledged: number;
}

export const useAlertsStore = create<AlertsState>()(() => ({ alerts: [], unacknowledged: 0 }));

export async function refreshAlerts(): Promise<void> {
  try {
    const { alerts, unacknowledged } = await getApi().call('alerts.list', {});
    useAlertsStore.setState({ alerts, unacknowledged });
  } catch (e) {
    useNoticesStore.getState().reportError(e, 'Loading alerts');
  }
}

export async function acknowledgeAlert(id: number): Promise<void> {
  try {
    await getApi().call('alerts.acknowledge', { id });
  } catch (e) {
    useNoticesStore.getState().reportError(e, 'Acknowledge');
  }
  await refreshAlerts();
}

export async function retrainAlert(id: number): Promise<void> {
  try {
    await getApi().call('alerts.retrain', { id });
  } catch (e) {
    useNoticesStore.getState().reportError(e, 'Retrain');
  }
  await refreshAlerts();
}

/** Keeps the alerts fresh: now, after every finished run, and when another project opens. */
export function followAlerts(): () => void {
  void refreshAlerts();
  return getApi().onRunEvent((event) => {
    if (event.kind === 'run_finished' || event.kind === 'run_started') void refreshAlerts();
  });
}
