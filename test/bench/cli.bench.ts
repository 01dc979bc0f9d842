// Benchmark: the `plumb` command as a user runs it, whole process (start-up, bundle freshness check, run, exit).
// Medians of 10 runs of `--version`, `nodes`, `validate`, the overhead of `run` over its nodes' summed time, and
// a read_csv + data.sql run on a generated 100k × 22 CSV against pandas' whole process on the same file. Wall time
// is what the targets are about; the CPU time beside it (user + system, Linux) and the load average say how much a
// busy machine inflated it.
// Run: npm run bench -- cli   (PLUMB_BENCH_TSX=0 skips the comparison with running from the sources through tsx)
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Random } from '../../electron/ml/random.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'plumb.mjs');
const RUNS = 10;
const ROWS = 100_000;
const CSV = join(tmpdir(), 'plumb-bench-cli-100k-x22-v1.csv');
const PYTHON = '/usr/bin/python3';
const PANDAS_SCRIPT = 'import sys, pandas; df = pandas.read_csv(sys.argv[1]); print(df.select_dtypes("number").sum().sum())';

const TARGETS = { version: 0.15, nodes: 0.3, validate: 0.3, runOverhead: 0.4, pandasRatio: 0.6 };

const CITIES = ['Oslo', 'Rome', 'Lima', 'Kyiv', 'Pune', 'Quito', 'Accra', 'Hanoi', 'Perth', 'Bern'];
const PLANS = ['free', 'basic', 'pro', 'enterprise'];

/** 22 columns: id, 10 floats (two with missing), 4 ints, 4 text, 2 booleans, 1 date; seeded, same everywhere. */
async function generate(path: string): Promise<void> {
  const random = new Random(7);
  const rnd = () => random.uniform();
  const header = ['id', ...Array.from({ length: 10 }, (_, i) => `x${i}`), ...Array.from({ length: 4 }, (_, i) => `n${i}`), 'city', 'plan', 'code', 'note', 'active', 'churned', 'signup'];
  const tmp = `${path}.${process.pid}.partial`;
  const out = createWriteStream(tmp);
  const lines = [header.join(',')];
  for (let r = 0; r < ROWS; r++) {
    const cells = [String(r)];
    for (let i = 0; i < 10; i++) cells.push(i < 2 && rnd() < 0.05 ? '' : ((rnd() - 0.5) * 10 ** (i % 4)).toFixed(4));
    for (let i = 0; i < 4; i++) cells.push(String(Math.floor(rnd() * 10 ** (i + 1))));
    cells.push(CITIES[Math.floor(rnd() * CITIES.length)], PLANS[Math.floor(rnd() * PLANS.length)], `C${Math.floor(rnd() * 500)}`, rnd() < 0.1 ? '' : `n${Math.floor(rnd() * 50)}`);
    cells.push(rnd() < 0.5 ? 'true' : 'false', rnd() < 0.2 ? 'true' : 'false');
    cells.push(new Date(Date.UTC(2015, 0, 1) + Math.floor(rnd() * 3000) * 86_400_000).toISOString().slice(0, 10));
    lines.push(cells.join(','));
    if (lines.length >= 10_000) {
      if (!out.write(`${lines.join('\n')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      lines.length = 0;
    }
  }
  out.write(lines.length ? `${lines.join('\n')}\n` : '');
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  renameSync(tmp, path);
}

interface Sample {
  seconds: number;
  /** CPU seconds (user + system) of the process and its children; NaN where /proc is not there. */
  cpu: number;
  stdout: string;
}

/** CPU seconds of this process's waited-for children so far (cutime + cstime of /proc/self/stat, in clock ticks). */
function childrenCpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Wall and CPU seconds of one whole process. */
function time(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Sample {
  const cpuBefore = childrenCpuSeconds();
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 500)}`);
  return { seconds, cpu: childrenCpuSeconds() - cpuBefore, stdout: result.stdout };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (s: number) => `${s.toFixed(3)} s`;
const fmtCpu = (s: number) => (Number.isNaN(s) ? '' : `  (cpu ${s.toFixed(2)} s)`);
const loadAverage = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const verdict = (value: number, target: number) => (value <= target ? `≤ ${target}: met` : `≤ ${target}: NOT met`);

/** Medians of wall and CPU seconds. */
function plumbMedian(args: string[], runs: number, env: NodeJS.ProcessEnv = {}): { wall: number; cpu: number } {
  time(process.execPath, [BIN, ...args], env); // warm-up (and the bundle's build when stale), not counted
  const samples = Array.from({ length: runs }, () => time(process.execPath, [BIN, ...args], env));
  return { wall: median(samples.map((s) => s.seconds)), cpu: median(samples.map((s) => s.cpu)) };
}

/** Medians of whole-process seconds and of that minus the summed seconds of the run's nodes (`--json`). */
function runMedians(pipeline: string, runs: number, env: NodeJS.ProcessEnv = {}): { wall: number; cpu: number; overhead: number; nodes: number } {
  const args = ['run', pipeline, '--json'];
  time(process.execPath, [BIN, ...args], env);
  const samples = Array.from({ length: runs }, () => {
    const { seconds, cpu, stdout } = time(process.execPath, [BIN, ...args], env);
    const summary = JSON.parse(stdout) as { status: string; nodes: { seconds: number }[] };
    if (summary.status !== 'ok') throw new Error(`run of ${pipeline} ended ${summary.status}`);
    const nodes = summary.nodes.reduce((sum, n) => sum + n.seconds, 0);
    return { wall: seconds, cpu, nodes, overhead: seconds - nodes };
  });
  const of = (key: keyof (typeof samples)[number]) => median(samples.map((s) => s[key]));
  return { wall: of('wall'), cpu: of('cpu'), overhead: of('overhead'), nodes: of('nodes') };
}

function pandasAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0;
}

export async function benchCli(): Promise<void> {
  if (!existsSync(CSV)) await generate(CSV);
  const dir = mkdtempSync(join(tmpdir(), 'plumb-bench-cli-'));
  try {
    // Sequential pipelines, so the summed node time is the time the nodes really took.
    const sqlPipeline = join(dir, 'csv-sql.yaml');
    writeFileSync(
      sqlPipeline,
      [
        'plumb: 1',
        'name: csv_sql',
        'nodes:',
        '  - id: data',
        '    type: data.read_csv',
        `    params: { path: ${JSON.stringify(CSV)} }`,
        '  - id: totals',
        '    type: data.sql',
        '    inputs: { t1: data.table }',
        '    params:',
        '      query: select city, count(*) as n, sum(x0) as x0, sum(x5) as x5, avg(n3) as n3 from t1 group by city order by city',
        '',
      ].join('\n'),
    );
    const trainPipeline = join(dir, 'train.yaml');
    writeFileSync(
      trainPipeline,
      [
        'plumb: 1',
        'name: train',
        'nodes:',
        '  - id: data',
        '    type: data.read_csv',
        `    params: { path: ${JSON.stringify(join(ROOT, 'assets', 'datasets', 'churn.csv'))} }`,
        '  - id: clean',
        '    type: data.impute',
        '    inputs: { table: data.table }',
        '  - id: encode',
        '    type: data.encode',
        '    inputs: { table: clean.table }',
        '    params: { exclude: [churn] }',
        '  - id: logistic',
        '    type: model.logistic_regression',
        '    inputs: { train: encode.table }',
        '    params: { target: churn }',
        '',
      ].join('\n'),
    );
    const validateTarget = join(ROOT, 'assets', 'pipelines', 'churn.yaml');
    const mb = statSync(CSV).size / 1e6;
    console.log(`cli bench: whole-process medians of ${RUNS} runs (node ${process.version}, ${CSV}: ${ROWS} rows × 22 columns, ${mb.toFixed(1)} MB)`);
    console.log(`  load average at start: ${loadAverage()}`);

    const modes: { name: string; env: NodeJS.ProcessEnv; runs: number }[] = [{ name: 'bundle', env: {}, runs: RUNS }];
    if (process.env.PLUMB_BENCH_TSX !== '0') modes.push({ name: 'tsx (sources, for comparison)', env: { PLUMB_CLI: 'tsx' }, runs: Math.ceil(RUNS / 2) });
    let bundled: { sql: ReturnType<typeof runMedians> } | undefined;
    for (const mode of modes) {
      const version = plumbMedian(['--version'], mode.runs, mode.env);
      const nodes = plumbMedian(['nodes'], mode.runs, mode.env);
      const validate = plumbMedian(['validate', validateTarget], mode.runs, mode.env);
      const sql = runMedians(sqlPipeline, mode.runs, mode.env);
      const train = runMedians(trainPipeline, mode.runs, mode.env);
      const first = mode === modes[0];
      console.log(`  ${mode.name}${first ? '' : ` (medians of ${mode.runs})`}:`);
      console.log(`    plumb --version            ${fmt(version.wall)}${first ? `   (${verdict(version.wall, TARGETS.version)})` : ''}${fmtCpu(version.cpu)}`);
      console.log(`    plumb nodes                ${fmt(nodes.wall)}${first ? `   (${verdict(nodes.wall, TARGETS.nodes)})` : ''}${fmtCpu(nodes.cpu)}`);
      console.log(`    plumb validate             ${fmt(validate.wall)}${first ? `   (${verdict(validate.wall, TARGETS.validate)})` : ''}${fmtCpu(validate.cpu)}`);
      console.log(`    run read_csv + sql (100k)  ${fmt(sql.wall)}  nodes ${fmt(sql.nodes)}  overhead ${fmt(sql.overhead)}${first ? `   (${verdict(sql.overhead, TARGETS.runOverhead)})` : ''}${fmtCpu(sql.cpu)}`);
      console.log(`    run → logistic (workers)   ${fmt(train.wall)}  nodes ${fmt(train.nodes)}  overhead ${fmt(train.overhead)}${first ? `   (${verdict(train.overhead, TARGETS.runOverhead)})` : ''}${fmtCpu(train.cpu)}`);
      if (first) bundled = { sql };
    }

    if (!pandasAvailable()) {
      console.log(`  pandas: not available (${PYTHON} -c "import pandas" failed; apt-get install python3-pandas), ratio skipped`);
    } else if (bundled) {
      time(PYTHON, ['-c', PANDAS_SCRIPT, CSV]);
      const samples = Array.from({ length: RUNS }, () => time(PYTHON, ['-c', PANDAS_SCRIPT, CSV]));
      const pandas = median(samples.map((s) => s.seconds));
      const ratio = bundled.sql.wall / pandas;
      console.log(`  pandas whole process (import, read_csv, sum)  ${fmt(pandas)}${fmtCpu(median(samples.map((s) => s.cpu)))}`);
      console.log(`  ratio plumb run (read_csv + sql) / pandas     ${ratio.toFixed(2)}×   (goal ${verdict(ratio, TARGETS.pandasRatio)})`);
    }
    console.log(`  load average at end: ${loadAverage()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchCli();
}
