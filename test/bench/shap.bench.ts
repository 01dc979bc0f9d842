// SHAP speed: exact TreeSHAP on 2000 rows × 100 trees of depth 6 against xgboost's pred_contribs on one thread
// and on two (ours: threads 1, and rows shared with the fork-join helper) on the same model in the same run, SHAP
// interaction values of 1000 of those rows against pred_interactions on one thread, and KernelSHAP time per row for
// M = 20 with 50 background points.
// Run: npm run bench -- shap
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { kernelShap } from '../../electron/ml/explain/kernel-shap.js';
import { TREE_SHAP_BLOCKS_URL, treeShap } from '../../electron/ml/explain/tree-shap.js';
import { treeShapInteractions } from '../../electron/ml/explain/tree-shap-interactions.js';
import { warmForkJoin } from '../../electron/ml/parallel/fork-join.js';
import { Random } from '../../electron/ml/random.js';
import { ensembleMargin } from '../../electron/ml/xgboost/margin.js';
import { importXgboostJson } from '../../electron/ml/xgboost/import.js';
import type { FeatureMatrix } from '../../electron/ml/types.js';

const PYTHON = '/usr/bin/python3';
const ROWS = 2000;
const FEATURES = 20;
const INTERACTION_ROWS = 1000;

const XGBOOST = `
import sys, time, json
import numpy as np, xgboost as xgb
X = np.loadtxt(sys.argv[1], delimiter=",")
y = (X[:, 0] + X[:, 1] * X[:, 2] - X[:, 3] ** 2 > 0).astype(int)
booster = xgb.train({"objective": "binary:logistic", "max_depth": 6, "eta": 0.1, "nthread": 1, "seed": 0}, xgb.DMatrix(X, label=y), num_boost_round=100)
booster.save_model(sys.argv[2])
d = xgb.DMatrix(X)
out = {}
for threads in (1, 2):
    booster.set_param({"nthread": threads})
    best = 1e9
    for _ in range(3):
        t = time.perf_counter(); booster.predict(d, pred_contribs=True); best = min(best, time.perf_counter() - t)
    out[str(threads)] = best
# pred_interactions conditions on every feature (2M + 1 TreeSHAP passes): tens of seconds, so timed once
booster.set_param({"nthread": 1})
d_inter = xgb.DMatrix(X[:int(sys.argv[3])])
t = time.perf_counter(); booster.predict(d_inter, pred_interactions=True); inter = time.perf_counter() - t
print(json.dumps({"seconds": out["1"], "seconds2": out["2"], "interactions": inter}))
`;

function matrix(rows: number, features: number, seed: number): FeatureMatrix {
  const random = new Random(seed);
  const columns = Array.from({ length: features }, () => Float64Array.from({ length: rows }, () => random.normal()));
  return { nRows: rows, columns, names: columns.map((_, j) => `x${j}`), levels: columns.map(() => null) };
}

function bestOf(times: number, fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    fn();
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  return best;
}

export async function benchShap(): Promise<void> {
  const X = matrix(ROWS, FEATURES, 11);
  if (spawnSync(PYTHON, ['-c', 'import xgboost'], { stdio: 'ignore' }).status === 0) {
    const csv = join(tmpdir(), 'plumb-bench-shap.csv');
    const modelPath = join(tmpdir(), 'plumb-bench-shap-model.json');
    const lines: string[] = [];
    for (let i = 0; i < ROWS; i++) lines.push(X.columns.map((c) => c[i].toPrecision(9)).join(','));
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const reference = JSON.parse(execFileSync(PYTHON, ['-c', XGBOOST, csv, modelPath, String(INTERACTION_ROWS)], { encoding: 'utf8' })) as {
      seconds: number;
      seconds2: number;
      interactions: number;
    };
    const { ensemble } = importXgboostJson(JSON.parse(readFileSync(modelPath, 'utf8')) as unknown, modelPath);
    warmForkJoin([TREE_SHAP_BLOCKS_URL]);
    await new Promise((r) => setTimeout(r, 1500));
    const ours = bestOf(3, () => treeShap(ensemble, X.columns, undefined, { threads: 1 }));
    const ours2 = bestOf(3, () => treeShap(ensemble, X.columns, undefined, { threads: 2 }));
    const check = treeShap(ensemble, X.columns, [0]);
    const margin = ensembleMargin(ensemble, X.columns, [0])[0];
    const sum = check.baseValue[0] + check.values.slice(0, FEATURES).reduce((a, b) => a + b, 0);
    console.log(`  TreeSHAP 2000 rows × 100 trees depth 6: plumb ${ours.toFixed(3)} s, xgboost pred_contribs (nthread=1) ${reference.seconds.toFixed(3)} s, ratio ${(ours / reference.seconds).toFixed(2)}× (goal ≤ 0.9×: ${ours <= 0.9 * reference.seconds ? 'met' : 'NOT met'}); local accuracy error ${Math.abs(sum - margin).toExponential(1)}`);
    const ratio2 = ours2 / reference.seconds2;
    console.log(`  TreeSHAP on 2 threads: plumb ${ours2.toFixed(3)} s, xgboost pred_contribs (nthread=2) ${reference.seconds2.toFixed(3)} s, ratio ${ratio2.toFixed(2)}× (goal ≤ 0.6×: ${ratio2 <= 0.6 ? 'met' : 'NOT met'})`);
    const interactionRows = Int32Array.from({ length: INTERACTION_ROWS }, (_, i) => i);
    const oursInteractions = bestOf(3, () => treeShapInteractions(ensemble, X.columns, interactionRows));
    const ratioI = oursInteractions / reference.interactions;
    console.log(`  SHAP interaction values ${INTERACTION_ROWS} rows × 100 trees depth 6: plumb ${oursInteractions.toFixed(3)} s, xgboost pred_interactions (nthread=1, one run) ${reference.interactions.toFixed(3)} s, ratio ${ratioI.toFixed(2)}× (goal ≤ 1.0×: ${ratioI <= 1 ? 'met' : 'NOT met'})`);
  } else {
    console.log('  (python3-xgboost not found at /usr/bin/python3: no TreeSHAP reference time)');
  }

  // KernelSHAP: M = 20, 50 background rows, a smooth nonlinear model (cheap to evaluate, so the time is KernelSHAP's).
  const background = matrix(50, FEATURES, 12);
  const model = {
    nOutputs: 1,
    predict(Z: FeatureMatrix): Float64Array {
      const out = new Float64Array(Z.nRows);
      for (let i = 0; i < Z.nRows; i++) {
        let s = 0;
        for (let j = 0; j < FEATURES; j++) s += (j % 2 ? 0.5 : -0.3) * Z.columns[j][i];
        out[i] = Math.tanh(s) + Z.columns[0][i] * Z.columns[1][i];
      }
      return out;
    },
  };
  const rows = 20;
  const seconds = bestOf(2, () => kernelShap(model, X, { columns: background.columns }, { rows: Array.from({ length: rows }, (_, i) => i), nsamples: 'auto', seed: 0 }));
  const perRow = (seconds / rows) * 1000;
  console.log(`  KernelSHAP M = 20, 50 background points, nsamples auto (2088): ${perRow.toFixed(1)} ms per row (goal ≤ 100 ms: ${perRow <= 100 ? 'met' : 'NOT met'})`);
}

if (process.argv[1] && import.meta.filename === resolve(process.argv[1])) await benchShap();
