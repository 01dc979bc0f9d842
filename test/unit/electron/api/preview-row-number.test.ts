// outputs.preview reads a table output through a view over its Parquet bytes, numbering the file's rows to keep
// ties in order; DuckDB cannot number the rows of a file that has a column named `file_row_number`, so such an
// output must still page, sort and search (it is loaded as a table instead).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../../../electron/api/app-service.js';

let dir: string;
let app: AppService;
let runId: string;

const rows = Array.from({ length: 30 }, (_, i) => [i, (i * 7) % 5] as const);
const pipeline = `plumb: 1
name: numbered
nodes:
  - id: data
    type: data.read_csv
    params: { path: data.csv }
  - id: renamed
    type: data.sql
    inputs: { t1: data.table }
    params: { query: "select x as file_row_number, y from t1" }
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plumb-preview-'));
  writeFileSync(join(dir, 'data.csv'), ['x,y', ...rows.map(([x, y]) => `${x},${y}`)].join('\n'));
  app = await createAppService({ projectPath: join(dir, 'p.plumb'), host: 'browser', userDataDir: join(dir, 'user'), computeBackend: () => 'test' });
  const done = new Promise<string>((resolve) => app.onRunEvent((e) => e.kind === 'run_finished' && resolve(e.status)));
  expect((await app.handlers['pipelines.importYaml']({ yaml: pipeline })).issues).toEqual([]);
  ({ runId } = await app.handlers['runs.start']({ pipeline: 'numbered' }));
  expect(await done).toBe('ok');
});

afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('outputs.preview of a table with a column named file_row_number', () => {
  it('pages, sorts (ties in table order) and searches it like any table', async () => {
    const preview = (extra: object) => app.handlers['outputs.preview']({ runId, node: 'renamed', port: 'table', offset: 0, limit: 100, stats: false, ...extra });
    const page = await preview({});
    if (page.kind !== 'table') throw new Error(`expected a table, got ${page.kind}`);
    expect(page.table.columns.map((c) => c.name)).toEqual(['file_row_number', 'y']);
    expect(page.table.rows.map((r) => r.map(Number))).toEqual(rows.map((r) => [...r]));

    const sorted = await preview({ sort: { column: 'y', descending: true } });
    if (sorted.kind !== 'table') throw new Error('expected a table');
    const expected = [...rows].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map((r) => [...r]);
    expect(sorted.table.rows.map((r) => r.map(Number))).toEqual(expected);

    const searched = await preview({ search: '17' });
    if (searched.kind !== 'table') throw new Error('expected a table');
    expect(searched.table.rows.map((r) => Number(r[0]))).toEqual([17]);
  });
});
