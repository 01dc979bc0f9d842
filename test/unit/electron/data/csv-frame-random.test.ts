// read_csv → typed columns on generated CSVs, compared cell by cell with a plain reference parse of the same text:
// row order, column kinds, category levels and codes, missing values.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataSession, type PlumbDataSession } from '../../../../electron/data/session.js';
import type { FrameColumn } from '../../../../electron/data/types.js';
import { Random } from '../../../../electron/ml/random.js';

let data: PlumbDataSession;
let dir: string;
beforeAll(async () => {
  data = await openDataSession({ threads: 2 });
  dir = mkdtempSync(join(tmpdir(), 'plumb-csv-frame-test-'));
});
afterAll(async () => {
  await data.close();
  rmSync(dir, { recursive: true, force: true });
});

type Kind = 'float' | 'int' | 'text' | 'quoted' | 'bool' | 'date';
const KINDS: Kind[] = ['float', 'int', 'text', 'quoted', 'bool', 'date'];
const WORDS = ['Oslo', 'Rome', 'Lima', 'Kyiv', 'Zürich', 'apple', 'Apple', 'b', 'a b', 'x-1'];

interface Generated {
  text: string;
  kinds: Kind[];
  /** cells as written, '' for missing */
  cells: string[][];
}

/** Beyond the sniffer's sample (20,480 rows). */
const LATE_ROW = 25_000;

/** A CSV with a header, `rows` rows and one column per kind (twice over, in a random order), some cells empty. */
function generate(seed: number, rows: number): Generated {
  const random = new Random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random.uniform() * items.length)];
  const kinds = [...KINDS, ...KINDS].sort(() => random.uniform() - 0.5);
  const cells: string[][] = [];
  for (let r = 0; r < rows; r++) {
    // the first row has every value, so the sniffer never sees an all-empty sample column
    cells.push(
      kinds.map((kind) => {
        if (r > 0 && random.uniform() < 0.1) return '';
        switch (kind) {
          case 'float':
            return ((random.uniform() - 0.5) * 1000).toFixed(1 + Math.floor(random.uniform() * 4));
          case 'int':
            return String(Math.floor((random.uniform() - 0.3) * 100_000));
          case 'text':
            return pick(WORDS);
          case 'quoted':
            return pick(['one, two', 'say "hi"', 'plain', 'line\nbreak']);
          case 'bool':
            // other spellings only after the rows the sniffer samples, where the read must still parse them
            return pick(r < LATE_ROW ? ['true', 'false'] : ['true', 'false', 'TRUE', ' False', 'false ']);
          case 'date':
            return new Date(Date.UTC(2000, 0, 1) + Math.floor(random.uniform() * 9000) * 86_400_000).toISOString().slice(0, 10);
        }
      }),
    );
  }
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const header = kinds.map((k, i) => `${k}_${i}`).join(',');
  const text = `${header}\n${cells.map((row) => row.map(quote).join(',')).join('\n')}\n`;
  return { text, kinds, cells };
}

/** What a column must hold, from the written cells alone. */
function expected(kind: Kind, cells: readonly string[]): { kind: FrameColumn['kind']; numbers?: number[]; codes?: number[]; levels?: string[] } {
  if (kind === 'float' || kind === 'int') return { kind: 'numeric', numbers: cells.map((c) => (c === '' ? NaN : Number(c))) };
  if (kind === 'date') return { kind: 'numeric', numbers: cells.map((c) => (c === '' ? NaN : Date.parse(`${c}T00:00:00Z`) / 1000)) };
  if (kind === 'bool') return { kind: 'boolean', levels: ['false', 'true'], codes: cells.map((c) => (c === '' ? -1 : c.trim().toLowerCase() === 'true' ? 1 : 0)) };
  // code point order, like DuckDB's VARCHAR collation
  const levels = [...new Set(cells.filter((c) => c !== ''))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { kind: 'categorical', levels, codes: cells.map((c) => (c === '' ? -1 : levels.indexOf(c))) };
}

describe('read_csv into typed columns against a reference parse', () => {
  for (const [seed, rows] of [
    [1, 50],
    [2, 3000],
    [3, 30_000],
    // more than one DuckDB row group (122,880 rows), so the read's parallel batches must come back in file order
    [4, 250_000],
  ] as const) {
    it(`keeps rows, kinds, levels and missing values (seed ${seed}, ${rows} rows)`, async () => {
      const generated = generate(seed, rows);
      const path = join(dir, `random-${seed}.csv`);
      writeFileSync(path, generated.text);
      const { table } = await data.readCsv(path, { onError: 'fail' });
      const frame = await data.toFrame(table);
      expect(frame.nrows).toBe(rows);
      expect(frame.columns.map((c) => c.name)).toEqual(generated.kinds.map((k, i) => `${k}_${i}`));
      frame.columns.forEach((column, j) => {
        const want = expected(
          generated.kinds[j],
          generated.cells.map((row) => row[j]),
        );
        expect(column.kind, column.name).toBe(want.kind);
        if (column.kind === 'numeric') expect(Array.from(column.values), column.name).toEqual(want.numbers);
        else {
          expect(column.levels, column.name).toEqual(want.levels);
          expect(Array.from(column.codes), column.name).toEqual(want.codes);
        }
      });
    });
  }
});
