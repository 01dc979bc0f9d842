// The Serving view's data: the registered models to pick from, the scoring server's status (polled while the
// view is open), and start/stop.
import { create } from 'zustand';
import type { ApiResponse } from '../../shared/api/contract.js';
import type { ServingStatus } from '../../shared/api/serving.js';
import { errorMessage, getApi } from './api.js';

export type ModelSummary = ApiResponse<'models.list'>['models'][number];

export interface ServingState {
  models: ModelSummary[];
  status: ServingStatus | null;
  busy: boolean;
  error: string | null;
}

export const useServingStore = create<ServingState>()(() => ({ models: [], status: null, busy: false, error: null }));

/** `name@alias` for every alias, then `name@vN` for every version, newest first. */
export function modelChoices(models: readonly ModelSummary[]): string[] {
  return models.flatMap((m) => [
    ...Object.keys(m.aliases).sort().map((alias) => `${m.name}@${alias}`),
    ...Array.from({ length: m.latestVersion }, (_, i) => `${m.name}@v${m.latestVersion - i}`),
  ]);
}

export async function loadServing(): Promise<void> {
  try {
    const [{ models }, status] = await Promise.all([getApi().call('models.list', {}), getApi().call('serving.status', {})]);
    useServingStore.setState({ models, status });
  } catch (e) {
    useServingStore.setState({ error: errorMessage(e) });
  }
}

export async function pollServing(): Promise<void> {
  try {
    useServingStore.setState({ status: await getApi().call('serving.status', {}) });
  } catch (e) {
    useServingStore.setState({ error: errorMessage(e) });
  }
}

async function act(call: () => Promise<ServingStatus>): Promise<void> {
  useServingStore.setState({ busy: true, error: null });
  try {
    useServingStore.setState({ status: await call(), busy: false });
  } catch (e) {
    useServingStore.setState({ busy: false, error: errorMessage(e) });
  }
}

export const startServing = (models: string[], weights?: number[]) => act(() => getApi().call('serving.start', { models, weights, port: 0 }));
export const stopServing = () => act(() => getApi().call('serving.stop', {}));
