// Fit times and test accuracy of our tree models against scikit-learn's in the same run, on the same generated
// data (written to CSV with round-trip precision, so both sides fit identical numbers). Ours run on both cores
// (HistGBM feature blocks and forest trees shared with the fork-join helper; CART on one thread);
// scikit-learn runs with its defaults (HistGBM on all cores, RandomForest n_jobs=2) and again on one thread.
// Each side reports its best of REPEATS fits.
// Run: npm run bench -- trees   (or: npx tsx test/bench/trees.bench.ts)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { warmForkJoin } from '../../electron/ml/parallel/fork-join.js';
import { BOOSTING_BLOCKS_URL } from '../../electron/ml/tree/boosting-tree.js';
import * as cart from '../../electron/ml/tree/cart.js';
import * as forest from '../../electron/ml/tree/forest.js';
import * as gbm from '../../electron/ml/tree/hist-gbm.js';
import type { TreeModel } from '../../electron/ml/tree/model.js';
import { Random } from '../../electron/ml/random.js';
import type { FeatureMatrix, Target } from '../../electron/ml/types.js';

const PYTHON = '/usr/bin/python3';
/** best of this many fits on each side: the machine is shared, so single timings are noisy */
const REPEATS = 3;

export interface Task {
  X: FeatureMatrix;
  y: Target & { task: 'classification' };
}

/** A binary task with linear, interaction and sine terms, plus label noise. */
export function binaryTask(rows: number, features: number, seed: number): Task {
  const random = new Random(seed);
  const columns = Array.from({ length: features }, () => new Float64Array(rows));
  const codes = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let margin = 0;
    for (let j = 0; j < features; j++) {
      const v = random.normal();
      columns[j][i] = v;
      if (j < features / 2) margin += (j % 3 === 0 ? 1 : -0.5) * v;
    }
    margin += Math.sin(2 * columns[0][i]) * columns[1][i] + columns[2][i] * columns[3][i] + 0.5 * random.normal();
    codes[i] = margin > 0 ? 1 : 0;
  }
  return {
    X: { nRows: rows, columns, names: columns.map((_, j) => `x${j}`), levels: columns.map(() => null) },
    y: { task: 'classification', codes, classes: ['0', '1'] },
  };
}

export function toCsv(path: string, { X, y }: Task): void {
  const lines = [[...X.names, 'y'].join(',')];
  // String(v) is the shortest text that parses back to the same double
  for (let i = 0; i < X.nRows; i++) lines.push([...X.columns.map((c) => String(c[i])), y.codes[i]].join(','));
  writeFileSync(path, `${lines.join('\n')}\n`);
}

const SKLEARN = `
import sys, time, json
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier
jobs = int(sys.argv[1])
REPEATS = ${REPEATS}
load = lambda p: np.loadtxt(p, delimiter=",", skiprows=1)
test = load(sys.argv[2]); Xt, yt = test[:, :-1], test[:, -1].astype(int)
models = {
  "gbm": lambda: HistGradientBoostingClassifier(max_iter=100, early_stopping=False, random_state=0),
  "rf": lambda: RandomForestClassifier(n_estimators=100, n_jobs=jobs, random_state=0),
  "cart": lambda: DecisionTreeClassifier(random_state=0),
}
out = {}
for spec in sys.argv[3:]:
  name, path = spec.split("=")
  d = load(path); X, y = d[:, :-1], d[:, -1].astype(int)
  seconds = []
  for _ in range(REPEATS):
    m = models[name](); t = time.perf_counter(); m.fit(X, y); seconds.append(time.perf_counter() - t)
  out[name] = {"seconds": min(seconds), "accuracy": float((m.predict(Xt) == yt).mean())}
print(json.dumps(out))
`;

type Reference = Record<string, { seconds: number; accuracy: number }>;

function timeFit(fitModel: () => TreeModel, test: Task): { seconds: number; accuracy: number } {
  let seconds = Infinity;
  let model: TreeModel | undefined;
  for (let r = 0; r < REPEATS; r++) {
    const started = performance.now();
    model = fitModel();
    seconds = Math.min(seconds, (performance.now() - started) / 1000);
  }
  const pred = cart.predict(model!, test.X);
  let hit = 0;
  for (let i = 0; i < test.X.nRows; i++) if (pred[i] === test.y.codes[i]) hit++;
  return { seconds, accuracy: hit / test.X.nRows };
}

export async function benchTrees(): Promise<void> {
  const big = binaryTask(80_000, 20, 1);
  const small = binaryTask(20_000, 20, 2);
  const test = binaryTask(20_000, 20, 3);
  // start the helper thread and warm the JIT on small fits so the first timed model pays for neither
  warmForkJoin([BOOSTING_BLOCKS_URL, forest.FOREST_BLOCKS_URL]);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  gbm.fitGradientBoosting(small.X, small.y, { max_iter: 5, early_stopping: false }, { seed: 0 });
  forest.fitRandomForest(small.X, small.y, { n_estimators: 4 }, { seed: 0 });
  const ours: Reference = {
    gbm: timeFit(() => gbm.fitGradientBoosting(big.X, big.y, { max_iter: 100, early_stopping: false }, { seed: 0 }), test),
    rf: timeFit(() => forest.fitRandomForest(small.X, small.y, { n_estimators: 100 }, { seed: 0 }), test),
    cart: timeFit(() => cart.fitDecisionTree(big.X, big.y, {}, { seed: 0 }), test),
  };

  let parallel: Reference | undefined;
  let single: Reference | undefined;
  if (spawnSync(PYTHON, ['-c', 'import sklearn'], { stdio: 'ignore' }).status === 0) {
    const dir = mkdtempSync(join(tmpdir(), 'plumb-bench-trees-'));
    try {
      const [bigCsv, smallCsv, testCsv] = ['big', 'small', 'test'].map((n) => join(dir, `${n}.csv`));
      toCsv(bigCsv, big);
      toCsv(smallCsv, small);
      toCsv(testCsv, test);
      const run = (jobs: number, env: NodeJS.ProcessEnv) =>
        JSON.parse(
          execFileSync(PYTHON, ['-c', SKLEARN, String(jobs), testCsv, `gbm=${bigCsv}`, `rf=${smallCsv}`, `cart=${bigCsv}`], {
            encoding: 'utf8',
            env: { ...process.env, ...env },
          }),
        ) as Reference;
      parallel = run(2, {});
      single = run(1, { OMP_NUM_THREADS: '1' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    console.log('  (python3-sklearn not found at /usr/bin/python3: no reference times)');
  }

  const rows: [string, string, number][] = [
    ['HistGBM 80k×20, 100 iterations, no early stopping', 'gbm', 1.0],
    ['RandomForest 20k×20, 100 trees', 'rf', 0.5],
    ['CART (full depth) 80k×20', 'cart', 0.5],
  ];
  console.log(`  best of ${REPEATS} fits, in seconds; accuracy on 20k test rows; ours on 2 threads (CART on 1)`);
  for (const [label, key, goal] of rows) {
    const o = ours[key];
    let line = `  ${label.padEnd(52)} plumb ${o.seconds.toFixed(2)} s (acc ${o.accuracy.toFixed(4)})`;
    const p = parallel?.[key];
    const s = single?.[key];
    if (p && s) {
      const ratio = o.seconds / p.seconds;
      line +=
        `   sklearn ${p.seconds.toFixed(2)} s (acc ${p.accuracy.toFixed(4)})   ratio ${ratio.toFixed(2)}× (goal ≤ ${goal}×: ${ratio <= goal ? 'met' : 'NOT met'})` +
        `   sklearn 1 thread ${s.seconds.toFixed(2)} s, ratio ${(o.seconds / s.seconds).toFixed(2)}×`;
    }
    console.log(line);
  }
}

if (process.argv[1] && import.meta.filename === resolve(process.argv[1])) await benchTrees();
