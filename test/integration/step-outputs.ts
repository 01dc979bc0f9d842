// Compares a step-by-step output folder (tables as Parquet, the rest JSON) with a single-process `--out` folder
// (tables as CSV): Parquet is turned into CSV by the same writer `--out` uses, JSON is compared minus timing fields.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openDataSession } from '../../electron/data/session.js';

/** Timing fields differ between any two runs: seconds, timestamps, measured latencies. */
const TIMING_KEY = /^(seconds|timestamp|elapsed_s|latency_ms|.*_at)$/;

export function withoutTiming(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTiming);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([k]) => !TIMING_KEY.test(k)).map(([k, v]) => [k, withoutTiming(v)]));
  }
  return value;
}

/** `<node>/<port>.<ext>` files directly under each node folder (shard folders are not outputs). */
export function portFiles(dir: string): string[] {
  const files: string[] = [];
  for (const node of readdirSync(dir)) {
    if (node.startsWith('.') || !statSync(join(dir, node)).isDirectory()) continue;
    for (const file of readdirSync(join(dir, node))) {
      if (statSync(join(dir, node, file)).isFile()) files.push(`${node}/${file}`);
    }
  }
  return files.sort();
}

/** Every output file of `fullDir` has its step twin in `stepsDir` with the same content (timing aside). */
export async function expectSameOutputs(fullDir: string, stepsDir: string): Promise<number> {
  const session = await openDataSession();
  let compared = 0;
  try {
    const full = portFiles(fullDir);
    // A table's preprocessing chain travels beside its Parquet file; the full run keeps it in memory.
    const steps = portFiles(stepsDir)
      .filter((f) => !f.endsWith('.preprocessing.json'))
      .map((f) => f.replace(/\.parquet$/, '.csv'));
    expect(steps).toEqual(full);
    for (const file of full) {
      const expected = readFileSync(join(fullDir, file), 'utf8');
      if (file.endsWith('.csv')) {
        const parquet = join(stepsDir, file.replace(/\.csv$/, '.parquet'));
        const table = await session.fromParquetBytes(readFileSync(parquet), 'step');
        const csvPath = `${parquet}.as.csv`;
        await session.writeCsv(table, csvPath);
        expect(readFileSync(csvPath, 'utf8'), file).toBe(expected);
      } else {
        const actual = JSON.parse(readFileSync(join(stepsDir, file), 'utf8')) as unknown;
        expect(withoutTiming(actual), file).toEqual(withoutTiming(JSON.parse(expected)));
      }
      compared++;
    }
  } finally {
    await session.close();
  }
  return compared;
}
