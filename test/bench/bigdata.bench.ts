// Benchmark (opt-in, slow): a generated multi-GB CSV through data.read_csv → data.sql group-by with DuckDB bounded
// to 2 GB (PLUMB_MEMORY_LIMIT for the session, memory_limit on data.sql; while the query runs its sandbox and the
// session share the 2 GB half and half), so tables beyond it spill to the temp folder. Reports wall time and the
// peak RSS of the whole `plumb run` process (GNU time's max resident set).
// Run: PLUMB_BENCH_BIGDATA_GB=5 npm run bench -- bigdata   (skipped without the variable)
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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
