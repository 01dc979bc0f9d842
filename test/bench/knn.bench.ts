// kNN fit + predict against scikit-learn's KNeighborsClassifier (algorithm='auto': KD-tree at <= 15 features,
// brute force above) in the same run, on the same generated split (written to CSV with round-trip precision):
// 100k rows split 80k train / 20k test, at 20 features (our blocked brute force) and at 5 (our KD-tree).
// Both sides standardize first (ours inside fitKnn, scikit-learn's by a StandardScaler in the pipeline) and
// time fit + predict of the 20k test rows; each side reports its best of REPEATS. Ours uses its default threads
// (the caller plus the fork-join helper on 2 cores); scikit-learn runs with n_jobs=2 and with n_jobs=1 and
// OMP_NUM_THREADS=1. The load average is printed beside the figures: on a busy machine only ratios mean much.
// Run: npm run bench -- knn   (or: npx tsx test/bench/knn.bench.ts)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fitKnn, predictKnn } from '../../electron/ml/knn/index.js';
import { binaryTask, toCsv, type Task } from './trees.bench.js';

const PYTHON = '/usr/bin/python3';
const REPEATS = 3;
const GOAL = 2.0;

const SKLEARN = `
import sys, time, json
import numpy as np
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
jobs = int(sys.argv[1])
load = lambda p: np.loadtxt(p, delimiter=",", skiprows=1)
out = {}
for spec in sys.argv[2:]:
  name, train, test = spec.split("=")
  d = load(train); X, y = d[:, :-1], d[:, -1].astype(int)
  t = load(test); Xt, yt = t[:, :-1], t[:, -1].astype(int)
  seconds = []
  for _ in range(${REPEATS}):
    start = time.perf_counter()
    m = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=5, algorithm="auto", n_jobs=jobs)).fit(X, y)
    pred = m.predict(Xt)
    seconds.append(time.perf_counter() - start)
  out[name] = {"seconds": min(seconds), "accuracy": float((pred == yt).mean()), "method": m[-1]._fit_method, "pred": pred.tolist()}
print(json.dumps(out))
`;

interface Result {
  seconds: number;
  accuracy: number;
  pred: number[];
  method?: string;
}

function split(task: Task, nTrain: number): [Task, Task] {
  const part = (from: number, to: number): Task => ({
    X: { ...task.X, nRows: to - from, columns: task.X.columns.map((c) => c.slice(from, to)) },
    y: { ...task.y, codes: task.y.codes.slice(from, to) },
  });
  return [part(0, nTrain), part(nTrain, task.X.nRows)];
}

function ours(train: Task, test: Task): Result {
  let seconds = Infinity;
  let pred: Int32Array | Float64Array = new Int32Array(0);
  for (let r = 0; r < REPEATS; r++) {
    const started = performance.now();
    const model = fitKnn(train.X, train.y, { n_neighbors: 5 });
    pred = predictKnn(model, test.X);
    seconds = Math.min(seconds, (performance.now() - started) / 1000);
  }
  let hit = 0;
  for (let i = 0; i < test.X.nRows; i++) if (pred[i] === test.y.codes[i]) hit++;
  return { seconds, accuracy: hit / test.X.nRows, pred: Array.from(pred) };
}

export async function benchKnn(): Promise<void> {
  const cases = [
    { key: 'd20', label: 'kNN fit+predict 100k×20 (80k train, 20k test), k=5', task: binaryTask(100_000, 20, 11) },
    { key: 'd5', label: 'kNN fit+predict 100k×5 (80k train, 20k test), k=5', task: binaryTask(100_000, 5, 12) },
  ].map((c) => ({ ...c, parts: split(c.task, 80_000) }));
  // warm the JIT on small fits of both search paths
  for (const c of cases) {
    const [tr, te] = split(binaryTask(3000, c.task.X.columns.length, 1), 2000);
    predictKnn(fitKnn(tr.X, tr.y), te.X);
  }
  const mine: Record<string, Result> = {};
  for (const c of cases) mine[c.key] = ours(c.parts[0], c.parts[1]);

  let parallel: Record<string, Result> | undefined;
  let single: Record<string, Result> | undefined;
  if (spawnSync(PYTHON, ['-c', 'import sklearn'], { stdio: 'ignore' }).status === 0) {
    const dir = mkdtempSync(join(tmpdir(), 'plumb-bench-knn-'));
    try {
      const specs = cases.map((c) => {
        const [train, test] = [join(dir, `${c.key}-train.csv`), join(dir, `${c.key}-test.csv`)];
        toCsv(train, c.parts[0]);
        toCsv(test, c.parts[1]);
        return `${c.key}=${train}=${test}`;
      });
      const run = (jobs: number, env: NodeJS.ProcessEnv) =>
        JSON.parse(execFileSync(PYTHON, ['-c', SKLEARN, String(jobs), ...specs], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 })) as Record<string, Result>;
      parallel = run(2, {});
      single = run(1, { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    console.log('  (python3-sklearn not found at /usr/bin/python3: no reference times)');
  }

  console.log(`  best of ${REPEATS}, in seconds (fit + predict); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  for (const c of cases) {
    const o = mine[c.key];
    let line = `  ${c.label.padEnd(52)} plumb ${o.seconds.toFixed(3)} s (acc ${o.accuracy.toFixed(4)})`;
    const p = parallel?.[c.key];
    const s = single?.[c.key];
    if (p && s) {
      const ratio = o.seconds / p.seconds;
      let same = 0;
      for (let i = 0; i < o.pred.length; i++) if (o.pred[i] === p.pred[i]) same++;
      line +=
        `   sklearn n_jobs=2 ${p.seconds.toFixed(3)} s (${p.method}, acc ${p.accuracy.toFixed(4)})   ratio ${ratio.toFixed(2)}× (goal ≤ ${GOAL}×: ${ratio <= GOAL ? 'met' : 'NOT met'})` +
        `   sklearn n_jobs=1 ${s.seconds.toFixed(3)} s, ratio ${(o.seconds / s.seconds).toFixed(2)}×   same predictions ${((100 * same) / o.pred.length).toFixed(2)}%`;
    }
    console.log(line);
  }
}

if (process.argv[1] && import.meta.filename === resolve(process.argv[1])) await benchKnn();
