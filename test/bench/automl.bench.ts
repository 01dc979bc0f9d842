// `npm run bench -- automl`: model.automl against scikit-learn's HalvingRandomSearchCV over HistGradientBoosting*
// (same number of candidates, factor 3, same folds) on three generated datasets of 12,000 training rows (binary,
// multiclass, regression; automl_sklearn.py writes them): the held-out test metric of each and both times.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataSession } from '../../electron/data/session.js';
import type { NodeRunContext, SeriesPoint } from '../../electron/engine/types.js';
import { createWorkerPool } from '../../electron/engine/workers.js';
import { metricValue, type SearchMetric } from '../../electron/ml/automl/scoring.js';
import { predictWithModel, type PlumbModelFile } from '../../electron/ml/model-file.js';
import { automlNode } from '../../electron/nodes/model/automl.js';
import type { NodeEnv } from '../../electron/nodes/env.js';
import { readLabelledData } from '../../electron/nodes/inputs/model-data.js';
import { cancelledError } from '../../shared/errors.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, 'automl_sklearn.py');
const CANDIDATES = 12;
const FOLDS = 3;
const ALL_SETS: { name: string; metric: SearchMetric }[] = [
  { name: 'binary', metric: 'roc_auc' },
  { name: 'multiclass', metric: 'log_loss' },
  { name: 'regression', metric: 'rmse' },
];
/** AUTOML_SETS=regression,multiclass runs only those rows. */
const SETS = process.env.AUTOML_SETS ? ALL_SETS.filter((s) => process.env.AUTOML_SETS!.split(',').includes(s.name)) : ALL_SETS;

function context(nodeId: string): NodeRunContext {
  const controller = new AbortController();
  return {
    nodeId,
    nodeType: 'model.automl',
    signal: controller.signal,
    throwIfCancelled: () => {
      if (controller.signal.aborted) throw cancelledError();
    },
    progress: () => undefined,
    series: () => undefined,
    warn: () => undefined,
    resolvePath: (p) => p,
  };
}

export async function benchAutoml(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'plumb-automl-bench-'));
  const data = await openDataSession({ threads: 1 });
  const workers = createWorkerPool({ size: 2 });
  const env: NodeEnv = { data, workers };
  try {
    execFileSync(PYTHON, [SCRIPT, 'write', folder]);
    console.log(`${CANDIDATES} candidates, factor 3, ${FOLDS} folds; families: all but mlp (TensorFlow.js on the pure-JS backend is slow at this size)`);
    console.log('Both: min_resources "exhaust" (2 · folds · classes), rows per rung below (ours takes all rows in the last rung); plumb also scores the');
    console.log('default gradient boosting and each unpromoted family\'s best on all rows, and stacks them.');
    console.log('| dataset | metric | plumb test | sklearn test | plumb s | sklearn s | plumb best | plumb rungs | sklearn rungs |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    const fitSecondsByFamily: string[] = [];
    for (const set of SETS) {
      const path = (part: string) => join(folder, `${set.name}_${part}.csv`);
      const train = await data.readCsv(path('train'), { onError: 'fail' });
      const started = performance.now();
      const out = await automlNode.run(
        context(set.name),
        { train: train.table },
        automlNode.declaration.params.parse({
          target: 'y',
          task: set.name === 'regression' ? 'regression' : 'classification',
          metric: set.metric,
          max_models: CANDIDATES,
          folds: FOLDS,
          families: ['logistic_regression', 'linear_regression', 'decision_tree', 'random_forest', 'gradient_boosting', 'knn', 'naive_bayes'],
        }),
        env,
      );
      const seconds = (performance.now() - started) / 1000;
      const file = out.model as PlumbModelFile;
      const test = await data.readCsv(path('test'), { onError: 'fail' });
      const ctx = context(set.name);
      const labelled = await readLabelledData(ctx, env, test.table, file, 'data', 'drop');
      const ours = metricValue(set.metric, labelled.y, predictWithModel(file, labelled.X));
      const sk = JSON.parse(execFileSync(PYTHON, [SCRIPT, 'search', folder, set.name, String(CANDIDATES), String(FOLDS)], { encoding: 'utf8' }).trim().split('\n').pop()!) as {
        test_metric: number;
        seconds: number;
        n_resources: number[];
        n_candidates: number[];
      };
      // every evaluation is a history point: candidates per halving rung (rung -1: the default and promotions, on all rows)
      const perRung = new Map<number, { n: number; rows: number }>();
      for (const p of out.history as SeriesPoint[]) {
        const rung = Number(p.detail?.rung);
        if (rung >= 0) perRung.set(rung, { n: (perRung.get(rung)?.n ?? 0) + 1, rows: Number(p.detail?.rows) });
      }
      const extra = (out.history as SeriesPoint[]).filter((p) => Number(p.detail?.rung) === -1 && p.detail?.family !== 'stacked_ensemble').length;
      const rungs = [...perRung.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => `${r.n}×${r.rows}`).join(', ') + ` (+${extra} on all rows)`;
      const skRungs = sk.n_candidates.map((c, i) => `${c}×${sk.n_resources[i]}`).join(', ');
      console.log(`| ${set.name} | ${set.metric} | ${ours.toFixed(4)} | ${sk.test_metric.toFixed(4)} | ${seconds.toFixed(1)} | ${sk.seconds.toFixed(1)} | ${file.type} | ${rungs} | ${skRungs} |`);
      fitSecondsByFamily.push(`${set.name}: ${familySeconds(out.history as SeriesPoint[])}`);
    }
    // where the search's time went: summed fold fits per family (the two workers run side by side, so this exceeds
    // wall time), the stacked ensemble's meta-model fits, not counting the final fits on all rows
    console.log(`\nfit seconds by family (all folds, both workers) — ${fitSecondsByFamily.join('; ')}`);
  } finally {
    await workers.close();
    await data.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** "gradient_boosting 123.4, random_forest 56.7, …": fold fit seconds summed per family, largest first. */
function familySeconds(history: SeriesPoint[]): string {
  const total = new Map<string, number>();
  for (const p of history) {
    const family = String(p.detail?.family);
    const folds = family === 'stacked_ensemble' ? 1 : FOLDS;
    total.set(family, (total.get(family) ?? 0) + Number(p.detail?.fit_seconds ?? 0) * folds);
  }
  return [...total.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([family, s]) => `${family} ${s.toFixed(1)}`)
    .join(', ');
}
