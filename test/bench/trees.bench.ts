// Fit times of our tree models against scikit-learn's in the same run, on the same generated data (the fit
// functions themselves, single thread, no table conversion). Run: npm run bench -- trees
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as cart from '../../electron/ml/tree/cart.js';
import * as forest from '../../electron/ml/tree/forest.js';
import * as gbm from '../../electron/ml/tree/hist-gbm.js';
import { Random } from '../../electron/ml/random.js';
import type { FeatureMatrix, Target } from '../../electron/ml/types.js';

const PYTHON = '/usr/bin/python3';

function binaryTask(rows: number, features: number, seed: number): { X: FeatureMatrix; y: Target } {
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
    margin += Math.sin(2 * columns[0][i]) * columns[1][i] + 0.5 * random.normal();
    codes[i] = margin > 0 ? 1 : 0;
  }
  return {
    X: { nRows: rows, columns, names: columns.map((_, j) => `x${j}`), levels: columns.map(() => null) },
    y: { task: 'classification', codes, classes: ['0', '1'] },
  };
}

function toCsv(path: string, X: FeatureMatrix, y: Target & { task: 'classification' }): void {
  const lines = [[...X.names, 'y'].join(',')];
  for (let i = 0; i < X.nRows; i++) lines.push([...X.columns.map((c) => c[i].toPrecision(8)), y.codes[i]].join(','));
  writeFileSync(path, `${lines.join('\n')}\n`);
}

function time(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return (performance.now() - started) / 1000;
}

const SKLEARN = `
import sys, time, json
import numpy as np
d = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
X, y = d[:, :-1], d[:, -1].astype(int)
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier
models = {
  "gbm": lambda: HistGradientBoostingClassifier(max_iter=100, early_stopping=False, random_state=0),
  "rf": lambda: RandomForestClassifier(n_estimators=100, n_jobs=2, random_state=0),
  "cart": lambda: DecisionTreeClassifier(random_state=0),
}
out = {}
for name in sys.argv[2].split(","):
  m = models[name](); t = time.perf_counter(); m.fit(X, y); out[name] = time.perf_counter() - t
print(json.dumps(out))
`;

export async function benchTrees(): Promise<void> {
  const big = binaryTask(80_000, 20, 1);
  const forestData = binaryTask(20_000, 20, 2);
  const ours = {
    gbm: time(() => gbm.fit(big.X, big.y, { max_iter: 100, early_stopping: false }, { seed: 0 })),
    rf: time(() => forest.fit(forestData.X, forestData.y, { n_estimators: 100 }, { seed: 0 })),
    cart: time(() => cart.fit(big.X, big.y, {}, { seed: 0 })),
  };
  let reference: Record<string, number> | undefined;
  if (spawnSync(PYTHON, ['-c', 'import sklearn'], { stdio: 'ignore' }).status === 0) {
    const bigCsv = join(tmpdir(), 'plumb-bench-trees-80k.csv');
    const forestCsv = join(tmpdir(), 'plumb-bench-trees-20k.csv');
    toCsv(bigCsv, big.X, big.y as Target & { task: 'classification' });
    toCsv(forestCsv, forestData.X, forestData.y as Target & { task: 'classification' });
    const run = (csv: string, models: string) => JSON.parse(execFileSync(PYTHON, ['-c', SKLEARN, csv, models], { encoding: 'utf8' })) as Record<string, number>;
    reference = { ...run(bigCsv, 'gbm,cart'), ...run(forestCsv, 'rf') };
  } else {
    console.log('  (python3-sklearn not found at /usr/bin/python3: no reference times)');
  }
  const rows: [string, keyof typeof ours, number][] = [
    ['HistGBM 80k×20, 100 iterations', 'gbm', 1.0],
    ['RandomForest 20k×20, 100 trees (sklearn n_jobs=2)', 'rf', 0.5],
    ['CART 80k×20', 'cart', 0.5],
  ];
  for (const [label, key, goal] of rows) {
    const ref = reference?.[key];
    const ratio = ref ? ours[key] / ref : NaN;
    console.log(
      `  ${label.padEnd(50)} plumb ${ours[key].toFixed(2)} s` +
        (ref ? `   sklearn ${ref.toFixed(2)} s   ratio ${ratio.toFixed(2)}× (goal ≤ ${goal}×: ${ratio <= goal ? 'met' : 'NOT met'})` : ''),
    );
  }
}

if (process.argv[1] && import.meta.filename === resolve(process.argv[1])) await benchTrees();
