// The rows behind one confusion-matrix cell of an evaluate node: its model scored again on its data (the same
// predictions the node counted), filtered to the picked (true, predicted) pair.
import { memo, useMemo } from 'react';
import { useGraphStore } from '../../state/graph.js';
import { useRunStore } from '../../state/run.js';
import { PredictionRows } from '../compare/PredictionRows.js';
import { useComparison, type OutputRef } from '../compare/use-comparison.js';

/** The evaluate node's `model` and `data` inputs as run outputs, when both have been produced. */
export function useEvaluatedInputs(node: string): { model: OutputRef; data: OutputRef } | null {
  const inputs = useGraphStore((s) => s.doc.nodes.find((n) => n.id === node)?.inputs);
  const outputRun = useRunStore((s) => s.view.outputRun);
  return useMemo(() => {
    const ref = (value: string | undefined): OutputRef | null => {
      const dot = value?.indexOf('.') ?? -1;
      if (!value || dot <= 0) return null;
      const source = value.slice(0, dot);
      return outputRun[source] ? { runId: outputRun[source], node: source, port: value.slice(dot + 1) } : null;
    };
    const model = ref(inputs?.model);
    const data = ref(inputs?.data);
    return model && data ? { model, data } : null;
  }, [inputs, outputRun]);
}

export const ConfusionRows = memo(function ConfusionRows({ inputs, actual, predicted, onClose }: { inputs: { model: OutputRef; data: OutputRef }; actual: string; predicted: string; onClose: () => void }) {
  const models = useMemo(() => [inputs.model], [inputs.model]);
  const state = useComparison(models, inputs.data, undefined);
  const cell = useMemo(() => ({ model: 0, actual, predicted }), [actual, predicted]);
  if (state.status === 'error') return <p role="alert" className="error-text">Could not list the rows: {state.error}</p>;
  if (state.status !== 'ready') return <p className="muted">Listing the rows with true {actual}, predicted {predicted}…</p>;
  return <PredictionRows comparison={state.result} cell={cell} onClearCell={onClose} clearLabel="Close" allRows />;
});
