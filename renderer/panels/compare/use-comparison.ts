// Asks the main side for a model comparison whenever the chosen models, table or class change; stale answers
// (the choice changed while one was on its way) are dropped.
import { useEffect, useState } from 'react';
import type { ModelComparison } from '../../../shared/api/model-compare.js';
import { errorMessage, getApi } from '../../state/api.js';

export interface OutputRef {
  runId: string;
  node: string;
  port: string;
}

export type ComparisonState = { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; result: ModelComparison };

export function useComparison(models: readonly OutputRef[], data: OutputRef | null, positive: string | undefined): ComparisonState {
  const [state, setState] = useState<ComparisonState>({ status: 'idle' });
  const key = JSON.stringify([models, data, positive]);
  useEffect(() => {
    if (models.length === 0 || !data) {
      setState({ status: 'idle' });
      return;
    }
    let live = true;
    setState({ status: 'loading' });
    getApi()
      .call('models.compare', { models: [...models], data, positive })
      .then((result) => live && setState({ status: 'ready', result }))
      .catch((e: unknown) => live && setState({ status: 'error', error: errorMessage(e) }));
    return () => {
      live = false;
    };
    // `key` stands for the three inputs (their arrays are rebuilt on every render).
  }, [key]);
  return state;
}
