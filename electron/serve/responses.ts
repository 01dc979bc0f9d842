// Prediction responses as each protocol pairs them: TF Serving rows → `predictions` of `{label, probabilities}`,
// columnar → `outputs` with `label` and `probabilities` as columns; MLflow → `predictions` (labels or values).
import type { ModelOutput, PlumbModelFile } from '../ml/model-file.js';

type File = Pick<PlumbModelFile, 'task' | 'classes'>;

/** One row's answer in plain values: the label (or value) and class probabilities. */
export function rowAnswer(file: File, out: ModelOutput, i: number): { prediction: string | number; probabilities: Record<string, number> | null } {
  if (file.task === 'regression') return { prediction: out.prediction[i], probabilities: null };
  const K = file.classes.length;
  const probabilities: Record<string, number> = {};
  for (let k = 0; k < K; k++) probabilities[file.classes[k]] = out.proba![i * K + k];
  return { prediction: file.classes[out.prediction[i]], probabilities };
}

export function tfRowResponse(file: File, out: ModelOutput): { predictions: unknown[] } {
  const n = out.prediction.length;
  const predictions: unknown[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const { prediction, probabilities } = rowAnswer(file, out, i);
    predictions[i] = probabilities ? { label: prediction, probabilities } : prediction;
  }
  return { predictions };
}

export function tfColumnarResponse(file: File, out: ModelOutput): { outputs: unknown } {
  const n = out.prediction.length;
  if (file.task === 'regression') return { outputs: Array.from(out.prediction) };
  const K = file.classes.length;
  const probabilities: Record<string, number[]> = {};
  file.classes.forEach((c, k) => {
    const column = new Array<number>(n);
    for (let i = 0; i < n; i++) column[i] = out.proba![i * K + k];
    probabilities[c] = column;
  });
  return { outputs: { label: Array.from(out.prediction, (code) => file.classes[code]), probabilities } };
}

export function mlflowResponse(file: File, out: ModelOutput): { predictions: (string | number)[] } {
  if (file.task === 'regression') return { predictions: Array.from(out.prediction) };
  return { predictions: Array.from(out.prediction, (code) => file.classes[code]) };
}
