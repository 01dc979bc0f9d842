// Benchmark (opt-in, slow): a generated multi-GB CSV through data.read_csv → data.sql group-by with DuckDB bounded
// to 2 GB (PLUMB_MEMORY_LIMIT for the session, memory_limit on data.sql; while the query runs its sandbox and the
// session share the 2 GB half and half), so tables beyond it spill to the temp folder. Reports wall time and the
// peak RSS of the whole `plumb run` process (GNU time's max resident set).
// Run: PLUMB_BENCH_BIGDATA_GB=5 npm run bench -- bigdata   (skipped without the variable)
// Also here: the data preview of a 10M-row output (benchPreview, always run) and the memory of a 5M-row
// read → split → GBM → SHAP run (benchMemory: PLUMB_BENCH_MEMORY_ROWS=5000000 npm run bench -- bigdata).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { parquetView, tableViewSql } from '../../electron/api/table-view.js';
import { openDataSession } from '../../electron/data/session.js';
import { columnStats } from '../../electron/data/preview.js';
import { tableSchema } from '../../electron/data/schema.js';

const ROOT = resolve(import.meta.dirname, '../..');
const MEMORY_LIMIT = '2GB';
const RSS_TARGET_GB = 3;
const CITIES = ['Oslo', 'Rome', 'Lima', 'Kyiv', 'Pune', 'Quito', 'Accra', 'Hanoi', 'Perth', 'Bern'];

/** ~`gigabytes` of CSV: id, city, day, 3 floats, a text column; deterministic (an LCG), written in blocks. */
async function generate(path: string, gigabytes: number): Promise<number> {
  const target = gigabytes * 1e9;
  const tmp = `${path}.${process.pid}.partial`;
  const out = createWriteStream(tmp);
  let seed = 12345;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  let written = 0;
  let rows = 0;
  const header = 'id,city,day,amount,score,ratio,note\n';
  out.write(header);
  written += header.length;
  while (written < target) {
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++, rows++) {
      lines.push(`${rows},${CITIES[Math.floor(next() * 10)]},${Math.floor(next() * 365)},${(next() * 1000).toFixed(2)},${(next() * 10 - 5).toFixed(4)},${next().toFixed(6)},note-${Math.floor(next() * 1e6)}`);
    }
    const block = `${lines.join('\n')}\n`;
    written += block.length;
    if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  renameSync(tmp, path);
  return rows;
}

export async function benchBigData(): Promise<void> {
  const gigabytes = Number(process.env.PLUMB_BENCH_BIGDATA_GB ?? 0);
  if (!(gigabytes > 0)) {
    console.log('skipped: set PLUMB_BENCH_BIGDATA_GB=5 to run (generates a CSV of that size in the temp folder)');
    return;
  }
  const csv = join(tmpdir(), `plumb-bench-bigdata-${gigabytes}gb-v1.csv`);
  if (!existsSync(csv)) {
    const t0 = performance.now();
    const rows = await generate(csv, gigabytes);
    console.log(`generated ${csv}: ${(statSync(csv).size / 1e9).toFixed(2)} GB, ${rows} rows in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'plumb-bench-bigdata-'));
  try {
    const pipeline = join(dir, 'bigdata.yaml');
    writeFileSync(
      pipeline,
      `plumb: 1
name: bigdata
nodes:
  - id: data
    type: data.read_csv
    params: { path: '${csv}' }
  - id: by_city_day
    type: data.sql
    inputs: { t1: data.table }
    params:
      memory_limit: ${MEMORY_LIMIT}
      query: select city, day, count(*) as n, sum(amount) as amount, avg(score) as score, max(ratio) as ratio from t1 group by city, day order by city, day
`,
    );
    const started = performance.now();
    const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(ROOT, 'bin', 'plumb.mjs'), 'run', pipeline, '--json'], {
      env: { ...process.env, PLUMB_MEMORY_LIMIT: MEMORY_LIMIT, TMPDIR: dir },
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const seconds = (performance.now() - started) / 1000;
    const peakKb = Number(/(\d+)\s*$/.exec(result.stderr.trim())?.[1] ?? NaN);
    const summary = result.stdout.trim() ? (JSON.parse(result.stdout) as { status: string; nodes: { id: string; seconds: number }[] }) : undefined;
    const peakGb = peakKb / 1024 / 1024;
    console.log(
      `${gigabytes} GB CSV → read_csv → data.sql group-by (memory_limit ${MEMORY_LIMIT}): ${summary?.status ?? `exit ${result.status}`} in ${seconds.toFixed(1)} s` +
        ` (${summary?.nodes.map((n) => `${n.id} ${n.seconds.toFixed(1)} s`).join(', ') ?? result.stderr.split('\n').slice(-4).join(' | ')}); peak RSS ${peakGb.toFixed(2)} GB` +
        ` (target ≤ ${RSS_TARGET_GB} GB: ${peakGb <= RSS_TARGET_GB ? 'met' : 'MISSED'})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PREVIEW_ROWS = 10_000_000;
const PREVIEW_PAGE = 200;
const FIRST_PAGE_GOAL_S = 1;

/**
 * The output preview of a 10M-row table as the app serves it (electron/api/outputs.ts): a view over the stored
 * Parquet bytes, its first page of rows (no stats), then the column statistics asked for separately (approximate
 * distinct counts above EXACT_DISTINCT_MAX_ROWS), a page far down as a scroll asks for it, and a sort. Loading the
 * whole table first and exact distinct counts are timed beside them for comparison.
 */
export async function benchPreview(): Promise<void> {
  const session = await openDataSession();
  try {
    const source = await session.createTable(
      `SELECT i AS id, ['Oslo','Rome','Lima','Kyiv','Pune','Quito','Accra','Hanoi','Perth','Bern'][1 + (hash(i) % 10)::INTEGER] AS city,
         (hash(i * 7) % 365)::INTEGER AS day, (hash(i * 13) % 100000) / 100.0 AS amount, (hash(i * 17) % 10000) / 1000.0 - 5 AS score,
         CASE WHEN i % 50 = 0 THEN NULL ELSE (hash(i * 19) % 1000000) / 1e6 END AS ratio, 'note-' || (hash(i * 23) % 1000000)::VARCHAR AS note
       FROM range(${PREVIEW_ROWS}) t(i)`,
      'bench_preview',
    );
    const bytes = await session.toParquetBytes(source);
    await session.exec(`DROP TABLE ${source.table}`);
    const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
      const t0 = performance.now();
      const value = await fn();
      return [value, (performance.now() - t0) / 1000];
    };
    const deep = PREVIEW_ROWS - 10 * PREVIEW_PAGE;
    const [table, viewSeconds] = await time(() => parquetView(session, bytes));
    const [page, pageSeconds] = await time(() => session.preview(table, { offset: 0, limit: PREVIEW_PAGE, stats: false }));
    const [withStats, statsSeconds] = await time(() => session.preview(table, { offset: 0, limit: 1, stats: true }));
    const [, deepSeconds] = await time(() => session.preview(table, { offset: deep, limit: PREVIEW_PAGE, stats: false }));
    const [, sortSeconds] = await time(() => session.columns(table).then((columns) => session.createTable(tableViewSql(table, columns, { sort: { column: 'amount', descending: true } }), 'sorted')));
    // for comparison: the whole table loaded first (as previews did before), and exact distinct counts
    const [loaded, loadSeconds] = await time(() => session.fromParquetBytes(bytes, 'loaded'));
    const [, loadedDeepSeconds] = await time(() => session.preview(loaded, { offset: deep, limit: PREVIEW_PAGE, stats: false }));
    const [, exactSeconds] = await time(() => session.withConnection(async ({ connection }) => columnStats(connection, loaded.table, await tableSchema(connection, loaded.table), false)));
    const first = viewSeconds + pageSeconds;
    const approximate = withStats.stats?.every((s) => s.distinctApproximate) ?? false;
    console.log(`  load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ${page.rowCount.toLocaleString('en-US')} rows × ${page.columns.length} columns, Parquet ${(bytes.length / 1e6).toFixed(0)} MB`);
    console.log(`  request → first ${PREVIEW_PAGE} rows: ${first.toFixed(2)} s (Parquet view ${viewSeconds.toFixed(2)} s + page ${pageSeconds.toFixed(3)} s; goal ≤ ${FIRST_PAGE_GOAL_S} s: ${first <= FIRST_PAGE_GOAL_S ? 'met' : 'NOT met'}); loading the whole table first took ${loadSeconds.toFixed(2)} s`);
    console.log(`  column statistics after the first page: ${statsSeconds.toFixed(2)} s (distinct ${approximate ? 'approximate' : 'exact'}); exact distinct counts take ${exactSeconds.toFixed(2)} s`);
    console.log(`  a page ${deep.toLocaleString('en-US')} rows down: ${deepSeconds.toFixed(3)} s from the view, ${loadedDeepSeconds.toFixed(3)} s from a loaded table; sorted by a column: ${sortSeconds.toFixed(2)} s`);
  } finally {
    await session.close();
  }
}

const MEMORY_PEAK_GOAL_GB = 6;
const MEMORY_FEATURES = 20;

/** RSS of a process and all its descendants (worker processes), from /proc, in bytes; 0 once it is gone. */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      total += Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      // gone
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * read_csv → split → gradient boosting → SHAP (2,000 sampled rows) on a generated rows × 20 CSV, in a child process
 * running the engine (test/bench/memory-run.ts). Peak RSS of its process tree is polled every 100 ms; the child
 * reports its RSS before the run and after dropping the run's result and collecting garbage.
 */
export async function benchMemory(): Promise<void> {
  const rows = Number(process.env.PLUMB_BENCH_MEMORY_ROWS ?? 0);
  if (!(rows > 0)) {
    console.log('skipped: set PLUMB_BENCH_MEMORY_ROWS=5000000 to run (generates a CSV of that many rows × 20 in the temp folder)');
    return;
  }
  const maxIter = Number(process.env.PLUMB_BENCH_MEMORY_ITER ?? 100);
  const csv = await memoryCsv(rows);
  const warmUpCsv = await memoryCsv(2000);
  const dir = mkdtempSync(join(tmpdir(), 'plumb-bench-memory-'));
  try {
    const pipelineOf = (path: string) => `plumb: 1
name: memory
nodes:
  - id: data
    type: data.read_csv
    params: { path: '${path}' }
  - id: split
    type: data.split
    inputs: { table: data.table }
    params: { test_size: 0.2, seed: 1 }
  - id: gbm
    type: model.gradient_boosting
    inputs: { train: split.train }
    params: { target: y, max_iter: ${maxIter} }
  - id: shap
    type: explain.shap
    inputs: { model: gbm.model, data: split.test }
    params: { max_rows: 2000 }
`;
    const [pipeline, warmUp] = [join(dir, 'memory.yaml'), join(dir, 'warm-up.yaml')];
    writeFileSync(pipeline, pipelineOf(csv));
    writeFileSync(warmUp, pipelineOf(warmUpCsv));
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'test', 'bench', 'memory-run.ts'), pipeline, warmUp], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: dir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let peak = 0;
    const poll = setInterval(() => (peak = Math.max(peak, treeRss(child.pid!))), 100);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    clearInterval(poll);
    const phases = out.trim().split('\n').flatMap((l) => (l.startsWith('{') ? [JSON.parse(l) as MemoryPhase] : []));
    const start = phases.find((p) => p.phase === 'start');
    const finished = phases.find((p) => p.phase === 'finished');
    const released = phases.find((p) => p.phase === 'released');
    const gb = (b: number) => (b / 2 ** 30).toFixed(2);
    console.log(`  load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ${rows.toLocaleString('en-US')} rows × ${MEMORY_FEATURES}, GBM max_iter ${maxIter}, SHAP 2,000 rows`);
    if (!start || !finished || !released) {
      console.log(`  run did not finish (exit ${code}): ${out.slice(-500)}`);
      return;
    }
    const s = finished.summary!;
    console.log(`  ${s.status} in ${s.seconds.toFixed(1)} s (${s.nodes.map((n) => `${n.id} ${n.seconds.toFixed(1)} s${n.error ? ` [${n.error}]` : ''}`).join(', ')})`);
    // polling misses short peaks: the child's own high-water mark (worker threads included) bounds them from below
    const peakGb = Math.max(peak, released.hwm) / 2 ** 30;
    const limit = 1.5 * start.rss + 200 * 2 ** 20;
    console.log(`  peak RSS ${peakGb.toFixed(2)} GB (polled process tree ${gb(peak)} GB, process high-water mark ${gb(released.hwm)} GB; goal ≤ ${MEMORY_PEAK_GOAL_GB} GB: ${peakGb <= MEMORY_PEAK_GOAL_GB ? 'met' : 'NOT met'})`);
    console.log(
      `  RSS before (after a 2,000-row warm-up run) ${gb(start.rss)} GB, at the end of the run ${gb(finished.rss)} GB, after releasing its result ${gb(released.rss)} GB` +
        ` (goal ≤ 1.5 × before + 200 MB = ${gb(limit)} GB: ${released.rss <= limit ? 'met' : 'NOT met'})`,
    );
    console.log(`  after release: JS heap ${gb(released.heapUsed)} GB, external ${gb(released.external)} GB (array buffers ${gb(released.arrayBuffers)} GB), the rest native (DuckDB, allocator)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface MemoryPhase {
  phase: 'start' | 'finished' | 'released';
  rss: number;
  hwm: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  summary?: { status: string; seconds: number; nodes: { id: string; seconds: number; error?: string }[] };
}

/** A deterministic CSV of `rows` × 20 features and a yes/no target in the temp folder, written by DuckDB once. */
async function memoryCsv(rows: number): Promise<string> {
  const csv = join(tmpdir(), `plumb-bench-memory-${rows}x${MEMORY_FEATURES}-v1.csv`);
  if (existsSync(csv)) return csv;
  const session = await openDataSession();
  try {
    const features = Array.from({ length: MEMORY_FEATURES }, (_, j) => `round((hash(i * ${MEMORY_FEATURES} + ${j}) % 2000000) / 1e6 - 1, 6) AS x${j}`);
    const margin = 'x0 + 0.5 * x1 - x2 * x3 + 0.3 * (hash(i) % 1000) / 1000.0 - 0.15';
    // DuckDB writes rows in insertion order (preserve_insertion_order), so the file is the same every time
    await session.exec(
      `COPY (SELECT * EXCLUDE (i), CASE WHEN ${margin} > 0 THEN 'yes' ELSE 'no' END AS y FROM (SELECT i, ${features.join(', ')} FROM range(${rows}) t(i))) TO '${csv}.partial' (HEADER, FORMAT csv)`,
    );
  } finally {
    await session.close();
  }
  renameSync(`${csv}.partial`, csv);
  return csv;
}
