// monitor.drift: the compared columns read as typed columns (plus the model's predictions when a model is
// connected), the report computed in a worker by ml/drift.
import { drift as declaration } from '../../../shared/catalog/monitor/drift.js';
import { invalidInput } from '../../../shared/errors.js';
import type { ColumnInfo, Frame, FrameColumn } from '../../data/types.js';
import { loadModelFile, type ModelOutput, type PlumbModelFile } from '../../ml/model-file.js';
import { resolveColumns } from '../data/table-columns.js';
import { implementNode } from '../env.js';
import { tableFrom } from '../inputs/model-data.js';
import { predictTable } from '../inputs/predict-rows.js';
import type { DriftPayload } from './monitor-tasks.js';
import { monitorTasks } from './worker-tasks.js';

const PREDICTION = 'prediction';

/** The listed columns (which both tables must have), or every column both have, in reference order. */
export function comparedColumns(reference: readonly ColumnInfo[], current: readonly ColumnInfo[], listed: readonly string[]): string[] {
  if (listed.length) {
    const inReference = resolveColumns(reference, listed, 'columns').map((c) => c.name);
    resolveColumns(current, inReference, 'columns');
    return inReference;
  }
  const inCurrent = new Set(current.map((c) => c.name));
  return reference.filter((c) => inCurrent.has(c.name)).map((c) => c.name);
}

/** What drifts in a model's output: the value (regression), P(last class) (binary), or the predicted class. */
export function predictionColumn(file: Pick<PlumbModelFile, 'task' | 'classes'>, out: ModelOutput): FrameColumn {
  if (file.task === 'regression') return { name: PREDICTION, kind: 'numeric', values: Float64Array.from(out.prediction) };
  const K = file.classes.length;
  if (K === 2 && out.proba) {
    return { name: PREDICTION, kind: 'numeric', values: Float64Array.from({ length: out.prediction.length }, (_, i) => (out.proba as Float64Array)[2 * i + 1]) };
  }
  return { name: PREDICTION, kind: 'categorical', codes: Int32Array.from(out.prediction), levels: file.classes.slice() };
}

function buffersOfFrame(frame: Frame): ArrayBuffer[] {
  return frame.columns.map((c) => (c.kind === 'numeric' ? c.values.buffer : c.codes.buffer) as ArrayBuffer);
}

export const driftNode = implementNode({
  declaration,
  implVersion: 1,
  async run(ctx, inputs, params, env) {
    const reference = tableFrom(inputs, 'reference');
    const current = tableFrom(inputs, 'current');
    const names = comparedColumns(await env.data.columns(reference), await env.data.columns(current), params.columns);
    const withModel = inputs.model !== undefined && inputs.model !== null;
    const dataNames = withModel ? names.filter((n) => n !== PREDICTION) : names;
    if (withModel && dataNames.length < names.length) ctx.warn(`the tables' column '${PREDICTION}' is replaced by the model's predictions`);
    if (dataNames.length === 0 && !withModel) throw invalidInput('the reference and current tables have no column in common', { param: 'columns' });
    const referenceFrame = await env.data.toFrame(reference, dataNames);
    const currentFrame = await env.data.toFrame(current, dataNames);
    if (withModel) {
      const file = loadModelFile(inputs.model);
      referenceFrame.columns.push(predictionColumn(file, await predictTable(ctx, env, file, reference)));
      ctx.throwIfCancelled();
      currentFrame.columns.push(predictionColumn(file, await predictTable(ctx, env, file, current)));
    }
    const payload: DriftPayload = {
      reference: referenceFrame,
      current: currentFrame,
      options: {
        test: params.test,
        threshold: params.threshold,
        columnTests: params.column_tests,
        columnKinds: params.column_kinds,
        driftShare: params.drift_share,
      },
    };
    const drift = await env.workers.run(monitorTasks.drift, payload, {
      signal: ctx.signal,
      onProgress: (fraction, message) => ctx.progress(fraction, message),
      transfer: [...buffersOfFrame(referenceFrame), ...buffersOfFrame(currentFrame)],
    });
    return { drift };
  },
});
