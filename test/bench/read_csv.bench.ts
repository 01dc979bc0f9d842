// Benchmark: a 1M-row × 22-column CSV into a DuckDB table and into typed columns, against pandas.read_csv
// (rounds interleaved with pandas, fastest of each; the load average is printed because the machine is shared).
// Run directly: npx tsx test/bench/read_csv.bench.ts
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, renameSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDataSession, type PlumbDataSession } from '../../electron/data/session.js';
import type { Frame } from '../../electron/data/types.js';
import { Random } from '../../electron/ml/random.js';

const ROWS = 1_000_000;
const FILE = join(tmpdir(), 'plumb-bench-read-csv-1m-x22-v2.csv');

/** Seeded uniform draws in [0, 1), so the data is the same on every machine. */
function random(seed: number): () => number {
  const generator = new Random(seed);
  return () => generator.uniform();
}

const CITIES = ['Oslo', 'Rome', 'Lima', 'Kyiv', 'Pune', 'Quito', 'Accra', 'Hanoi', 'Perth', 'Bern'];
const PLANS = ['free', 'basic', 'pro', 'enterprise'];
const COLORS = ['red', 'green', 'blue', 'cyan', 'magenta', 'yellow', 'black'];

/** 22 columns: id, 9 floats (some with missing), 4 ints, 5 text (two with missing), 2 booleans, 1 date. */
async function generate(path: string): Promise<void> {
  const rnd = random(42);
  const header = [
    'id',
    ...Array.from({ length: 9 }, (_, i) => `x${i}`),
    ...Array.from({ length: 4 }, (_, i) => `n${i}`),
    'city',
    'plan',
    'color',
    'code',
    'note',
    'active',
    'churned',
    'signup',
  ];
  const tmp = `${path}.partial`;
  const out = createWriteStream(tmp);
  const write = (text: string) =>
    new Promise<void>((resolve) => {
      if (out.write(text)) resolve();
      else out.once('drain', resolve);
    });
  await write(`${header.join(',')}\n`);
  const lines: string[] = [];
  for (let r = 0; r < ROWS; r++) {
    const cells: string[] = [String(r)];
    for (let i = 0; i < 9; i++) cells.push(i < 3 && rnd() < 0.05 ? '' : ((rnd() - 0.5) * 10 ** (i % 4)).toFixed(4));
    for (let i = 0; i < 4; i++) cells.push(i === 3 && rnd() < 0.02 ? '' : String(Math.floor(rnd() * 10 ** (i + 1))));
    cells.push(CITIES[Math.floor(rnd() * CITIES.length)]);
    cells.push(rnd() < 0.03 ? '' : PLANS[Math.floor(rnd() * PLANS.length)]);
    cells.push(COLORS[Math.floor(rnd() * COLORS.length)]);
    cells.push(`C${Math.floor(rnd() * 500)}`);
    cells.push(rnd() < 0.1 ? '' : `n${Math.floor(rnd() * 50)}`);
    cells.push(rnd() < 0.5 ? 'true' : 'false');
    cells.push(rnd() < 0.01 ? '' : rnd() < 0.2 ? 'true' : 'false');
    const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(rnd() * 3000) * 86_400_000);
    cells.push(day.toISOString().slice(0, 10));
    lines.push(cells.join(','));
    if (lines.length === 10_000) {
      await write(`${lines.join('\n')}\n`);
      lines.length = 0;
    }
  }
  if (lines.length) await write(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  renameSync(tmp, path);
}

function pandasSeconds(path: string): Timing | undefined {
  const python = '/usr/bin/python3';
  try {
    execFileSync(python, ['-c', 'import pandas'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const script = [
    'import sys, time, pandas',
    't, c = time.perf_counter(), time.process_time()',
    'df = pandas.read_csv(sys.argv[1])',
    'print(time.perf_counter() - t, time.process_time() - c)',
  ].join('\n');
  const [wall, cpu] = execFileSync(python, ['-c', script, path], { encoding: 'utf8' }).trim().split(' ').map(Number);
  return { wall, cpu };
}

interface Timing {
  wall: number;
  /** CPU seconds of all threads: on a shared machine this moves less than wall time */
  cpu: number;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, Timing]> {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return [value, { wall: Number(process.hrtime.bigint() - start) / 1e9, cpu: (used.user + used.system) / 1e6 }];
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const show = (t: Timing, mb: number) => `${t.wall.toFixed(2)} s wall, ${t.cpu.toFixed(2)} s CPU  (${(mb / t.wall).toFixed(0)} MB/s)`;
const fastest = (timings: Timing[]) => timings.reduce((a, b) => (b.wall < a.wall ? b : a));
const minus = (a: Timing, b: Timing): Timing => ({ wall: a.wall - b.wall, cpu: a.cpu - b.cpu });

/** Rounds of plumb and pandas, interleaved so that both see the same load; the fastest of each is reported. */
const ROUNDS = 3;

interface PlumbRound {
  read: Timing;
  convert: Timing;
  total: Timing;
  /** DuckDB's own sniff, CSV parse and casts alone, into a result that is thrown away (no table, no typed columns) */
  parse: Timing;
}

async function plumbRound(data: PlumbDataSession): Promise<{ round: PlumbRound; frame: Frame }> {
  const [, parse] = await timed(() =>
    data.withConnection(async ({ connection }) => {
      await connection.run(`SELECT * FROM read_csv('${FILE}')`);
    }),
  );
  const [{ table }, read] = await timed(() => data.readCsv(FILE, { onError: 'fail' }));
  const [frame, convert] = await timed(() => data.toFrame(table));
  await data.exec(`DROP TABLE ${table.table}`);
  return { round: { read, convert, parse, total: { wall: read.wall + convert.wall, cpu: read.cpu + convert.cpu } }, frame };
}

export async function benchReadCsv(): Promise<void> {
  if (!existsSync(FILE)) {
    const start = process.hrtime.bigint();
    await generate(FILE);
    console.log(`generated ${FILE} in ${seconds(start).toFixed(1)} s`);
  }
  const mb = statSync(FILE).size / 1e6;
  const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');
  console.log(`machine: ${availableParallelism()} cores, load average ${load()} (1/5/15 min) before the runs`);
  const data = await openDataSession();
  const rounds: PlumbRound[] = [];
  const pandasRounds: Timing[] = [];
  let frame: Frame | undefined;
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const result = await plumbRound(data);
      rounds.push(result.round);
      frame = result.frame;
      const pandas = pandasSeconds(FILE);
      if (pandas) pandasRounds.push(pandas);
    }
  } finally {
    await data.close();
  }
  if (!frame) return;
  const best = rounds.reduce((a, b) => (b.total.wall < a.total.wall ? b : a));
  const kinds = frame.columns.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.kind]: (acc[c.kind] ?? 0) + 1 }), {});
  console.log(`read_csv bench: ${frame.nrows} rows × ${frame.columns.length} columns, ${mb.toFixed(1)} MB ${JSON.stringify(kinds)}`);
  console.log(`  (fastest of ${ROUNDS} rounds, interleaved with pandas; load average ${load()} after)`);
  console.log(`  read_csv → DuckDB table : ${show(best.read, mb)}`);
  const parse = fastest(rounds.map((r) => r.parse));
  console.log(`    of which CSV parse    : ${show(parse, mb)}  (sniff, parse and casts alone: a separate query into no table)`);
  console.log(`    the rest              : ${show(minus(best.read, parse), mb)}  (our sniffs, the boolean check, writing the table)`);
  console.log(`  table → typed columns   : ${show(best.convert, mb)}`);
  console.log(`  CSV → typed columns     : ${show(best.total, mb)}`);
  if (pandasRounds.length === 0) {
    console.log('  pandas: not available (/usr/bin/python3 -c "import pandas" failed)');
    return;
  }
  const pandas = fastest(pandasRounds);
  console.log(`  pandas.read_csv         : ${show(pandas, mb)}`);
  const ratio = (t: Timing) => `${(t.wall / pandas.wall).toFixed(2)}× wall, ${(t.cpu / pandas.cpu).toFixed(2)}× CPU`;
  console.log(`  ratio table / pandas    : ${ratio(best.read)}`);
  console.log(`  ratio typed / pandas    : ${ratio(best.total)}  (goal < 0.6× wall: ${best.total.wall / pandas.wall < 0.6 ? 'met' : 'NOT met'})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchReadCsv();
}
