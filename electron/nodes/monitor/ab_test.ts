// monitor.ab_test: both models' features read once from the labelled rows, predictions and the bootstrap
// comparison computed in a worker by ml/ab-test (SPEC §6).
import { abTest as declaration } from '../../../shared/catalog/monitor/ab_test.js';
import { invalidInput } from '../../../shared/errors.js';
import { loadModelFile, type PlumbModelFile } from '../../ml/model-file.js';
import { implementNode } from '../env.js';
import { buffersOf, tableFrom } from '../inputs/model-data.js';
import { readLabelledRows } from './labelled-rows.js';
import type { CompareModelsPayload } from './monitor-tasks.js';
import { monitorTasks } from './worker-tasks.js';

/** Two models can be compared when they predict the same target the same way. */
export function checkComparable(a: PlumbModelFile, b: PlumbModelFile): void {
  if (a.task !== b.task) throw invalidInput(`model_a is a ${a.task} model but model_b is a ${b.task} model`);
  if (a.target !== null && b.target !== null && a.target !== b.target) throw invalidInput(`model_a predicts '${a.target}' but model_b predicts '${b.target}'`);
  if (a.task === 'classification' && (a.classes.length !== b.classes.length || a.classes.some((c, i) => c !== b.classes[i]))) {
    throw invalidInput(`the models know different classes: model_a ${JSON.stringify(a.classes)}, model_b ${JSON.stringify(b.classes)}`);
  }
}

export const abTestNode = implementNode({
  declaration,
  implVersion: 1,
  async run(ctx, inputs, params, env) {
    const fileA = loadModelFile(inputs.model_a);
    const fileB = loadModelFile(inputs.model_b);
    checkComparable(fileA, fileB);
    // an imported model may not name its target: borrow the other model's
    const target = fileA.target ?? fileB.target;
    const rows = await readLabelledRows(ctx, env, tableFrom(inputs, 'data'), [{ ...fileA, target }, fileB]);
    const payload: CompareModelsPayload = {
      fileA,
      fileB,
      Xa: rows.X[0],
      Xb: rows.X[1],
      y: rows.y,
      options: { metric: params.metric, test: params.test, seed: params.seed, nBootstrap: params.n_bootstrap, alpha: params.alpha, confidence: 1 - params.alpha },
    };
    const metrics = await env.workers.run(monitorTasks.abTest, payload, {
      signal: ctx.signal,
      onProgress: (fraction, message) => ctx.progress(fraction, message),
      transfer: buffersOf(rows.X[0], rows.X[1], rows.y),
    });
    return { metrics };
  },
});
