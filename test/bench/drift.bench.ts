// Benchmark: driftReport on 1M × 20 reference vs 1M × 20 current typed columns (goal ≤ 2 s), with
// peak memory. Run directly: npx tsx test/bench/drift.bench.ts
import { pathToFileURL } from 'node:url';
import { driftReport } from '../../electron/ml/drift/report.js';
import type { DriftColumn, DriftOptions, DriftTable } from '../../electron/ml/drift/types.js';
import { Random } from '../../electron/ml/random.js';

const ROWS = 1_000_000;
const GOAL_SECONDS = 2;

/** Seeded uniform draws in [0, 1), so the data is the same on every machine. */
function random(seed: number): () => number {
  const generator = new Random(seed);
  return () => generator.uniform();
}

interface ColumnRecipe {
  name: string;
  /** one value from uniform draws; `drift` is 0 for the reference and the column's shift for the current */
  draw: (u: () => number, drift: number) => number;
  shift: number;
  levels?: number;
  missing?: number;
}

const normal = (u: () => number) => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());

/** 14 continuous, 3 low-cardinality numeric, 3 categorical columns; 8 of them shifted in the current table. */
const RECIPES: ColumnRecipe[] = [
  ...Array.from({ length: 6 }, (_, i): ColumnRecipe => ({ name: `normal_${i}`, draw: (u, d) => normal(u) * (1 + i) + d, shift: i < 3 ? 0.3 * (1 + i) : 0, missing: i === 0 ? 0.05 : 0 })),
  ...Array.from({ length: 4 }, (_, i): ColumnRecipe => ({ name: `lognormal_${i}`, draw: (u, d) => Math.exp(normal(u) + d), shift: i === 0 ? 0.2 : 0 })),
  { name: 'uniform', draw: (u, d) => u() * 100 + d, shift: 0 },
  { name: 'integers', draw: (u, d) => Math.floor(u() * 1000 + d), shift: 50 },
  { name: 'heavy_tail', draw: (u, d) => 1 / (1 - u()) ** 2 + d, shift: 0 },
  { name: 'with_outliers', draw: (u, d) => (u() < 0.001 ? 1e9 : u()) + d, shift: 0 },
  { name: 'rating', draw: (u, d) => Math.min(4, Math.floor(u() * 4 + d)), shift: 0.3 },
  { name: 'flag', draw: (u, d) => (u() < 0.3 + d ? 1 : 0), shift: 0 },
  { name: 'grade', draw: (u, d) => Math.floor(u() * 5 + d) % 5, shift: 0 },
  { name: 'city', draw: (u, d) => Math.floor(u() ** (1 + d) * 10), shift: 0.5, levels: 10 },
  { name: 'product', draw: (u, d) => Math.floor(u() * 50 + d) % 50, shift: 0, levels: 50 },
  { name: 'code', draw: (u, d) => Math.floor(u() ** (1 + d) * 500), shift: 0.1, levels: 500, missing: 0.02 },
];

function makeTable(seed: number, current: boolean): DriftTable {
  const u = random(seed);
  const columns: DriftColumn[] = RECIPES.map((r) => {
    const drift = current ? r.shift : 0;
    if (r.levels) {
      const codes = new Int32Array(ROWS);
      for (let i = 0; i < ROWS; i++) codes[i] = r.missing && u() < r.missing ? -1 : r.draw(u, drift);
      const levels = Array.from({ length: r.levels }, (_, k) => `${r.name}_${String(k).padStart(3, '0')}`);
      return { name: r.name, kind: 'categorical', codes, levels };
    }
    const values = new Float64Array(ROWS);
    for (let i = 0; i < ROWS; i++) values[i] = r.missing && u() < r.missing ? Number.NaN : r.draw(u, drift);
    return { name: r.name, kind: 'numeric', values };
  });
  return { nrows: ROWS, columns };
}

interface Run {
  wall: number;
  cpu: number;
  drifted: string[];
  tests: Record<string, number>;
}

function run(reference: DriftTable, current: DriftTable, options: DriftOptions): Run {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const report = driftReport(reference, current, options);
  const used = process.cpuUsage(cpu);
  const tests: Record<string, number> = {};
  for (const c of report.columns) tests[c.test] = (tests[c.test] ?? 0) + 1;
  return {
    wall: Number(process.hrtime.bigint() - start) / 1e9,
    cpu: (used.user + used.system) / 1e6,
    drifted: report.columns.filter((c) => c.drifted).map((c) => c.name),
    tests,
  };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

export async function benchDrift(): Promise<void> {
  const t0 = process.hrtime.bigint();
  const reference = makeTable(1, false);
  const current = makeTable(2, true);
  const inputBytes = [reference, current].reduce(
    (sum, t) => sum + t.columns.reduce((s, c) => s + (c.kind === 'numeric' ? c.values.byteLength : c.codes.byteLength), 0),
    0,
  );
  console.log(`drift bench: ${ROWS} rows × ${RECIPES.length} columns per table, generated in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s`);
  console.log(`  input typed arrays      : ${mb(inputBytes)}; RSS before: ${mb(process.memoryUsage().rss)}`);
  const runs: [string, DriftOptions][] = [
    ['default tests (1st run)', {}],
    ['default tests (2nd run)', {}],
    ['test: psi', { test: 'psi' }],
    ['test: ks (asymptotic)', { test: 'ks', columns: RECIPES.filter((r) => !r.levels).map((r) => r.name) }],
  ];
  for (const [label, options] of runs) {
    const r = run(reference, current, options);
    console.log(`  ${label.padEnd(24)}: ${r.wall.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU  ${JSON.stringify(r.tests)}`);
    if (label.startsWith('default tests (2nd')) {
      console.log(`  drifted columns         : ${r.drifted.length} (${r.drifted.join(', ')})`);
      console.log(`  ${`goal ≤ ${GOAL_SECONDS} s`.padEnd(24)}: ${r.wall <= GOAL_SECONDS ? 'met' : 'NOT met'}`);
    }
  }
  // maxRSS is in kilobytes; it includes the inputs.
  console.log(`  peak RSS (maxRSS)       : ${mb(process.resourceUsage().maxRSS * 1024)}; RSS now ${mb(process.memoryUsage().rss)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchDrift();
}
