// `glob: true` on data.read_csv / data.read_parquet: a pattern or a folder reads every matching file in sorted order,
// equal to reading the files' concatenation; every matched file is in the cache key; literal paths stay literal.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { expandDataPath } from '../../electron/engine/file-glob.js';
import { plumb, tempDir } from './cli-helpers.js';

const HEADER = 'id,city,amount,when';
/** Three parts whose sorted order (a, b, c) differs from the order they are written in. */
const PARTS: Record<string, string[]> = {
  'part-b.csv': ['4,Oslo,2.5,2024-01-04', '5,"Rome, IT",,2024-01-05'],
  'part-c.csv': ['6,Lima,7.25,2024-01-06'],
  'part-a.csv': ['1,Kyiv,10,2024-01-01', '2,Quito,0.5,2024-01-02', '3,Pune,3,2024-01-03'],
};

function setup() {
  const dir = tempDir('plumb-glob-');
  mkdirSync(join(dir, 'parts'));
  for (const [name, rows] of Object.entries(PARTS)) writeFileSync(join(dir, 'parts', name), `${HEADER}\n${rows.join('\n')}\n`);
  writeFileSync(join(dir, 'parts', 'notes.md'), 'not data\n');
  const sorted = Object.keys(PARTS).sort();
  writeFileSync(join(dir, 'all.csv'), `${HEADER}\n${sorted.flatMap((n) => PARTS[n]).join('\n')}\n`);
  return dir;
}

const pipeline = (type: string, path: string, glob: boolean) => `plumb: 1
name: read
nodes:
  - id: data
    type: ${type}
    params: { path: '${path}'${glob ? ', glob: true' : ''} }
`;

async function runTable(dir: string, name: string, yaml: string, extra: string[] = []): Promise<{ csv: string; json: { nodes: { status: string }[] } }> {
  writeFileSync(join(dir, `${name}.yaml`), yaml);
  const out = join(dir, `out-${name}`);
  const r = await plumb(['run', join(dir, `${name}.yaml`), '--out', out, '--json', ...extra]);
  expect(r.stderr).not.toMatch(/error/);
  expect(r.code).toBe(0);
  return { csv: readFileSync(join(out, 'data', 'table.csv'), 'utf8'), json: JSON.parse(r.stdout) as { nodes: { status: string }[] } };
}

describe('glob: true', () => {
  it('expands patterns and folders to sorted files (checked against the listing)', async () => {
    const dir = setup();
    mkdirSync(join(dir, 'parts', 'deep'));
    writeFileSync(join(dir, 'parts', 'deep', 'part-z.csv'), `${HEADER}\n9,Nuuk,1,2024-01-09\n`);
    const abs = (...names: string[]) => names.map((n) => join(dir, 'parts', n));
    expect(await expandDataPath(join(dir, 'parts', '*.csv'), { glob: true, extensions: ['csv'] })).toEqual(abs('part-a.csv', 'part-b.csv', 'part-c.csv'));
    expect(await expandDataPath(join(dir, 'parts', 'part-[ab].csv'), { glob: true, extensions: [] })).toEqual(abs('part-a.csv', 'part-b.csv'));
    expect(await expandDataPath(join(dir, 'parts', 'part-?.csv'), { glob: true, extensions: [] })).toEqual(abs('part-a.csv', 'part-b.csv', 'part-c.csv'));
    expect(await expandDataPath(join(dir, 'parts', '**', '*.csv'), { glob: true, extensions: [] })).toEqual(abs('deep/part-z.csv', 'part-a.csv', 'part-b.csv', 'part-c.csv'));
    // A folder: its own files with the declared extensions, not its subfolders' nor notes.md.
    expect(await expandDataPath(join(dir, 'parts'), { glob: true, extensions: ['csv'] })).toEqual(abs('part-a.csv', 'part-b.csv', 'part-c.csv'));
    expect(await expandDataPath(join(dir, 'parts', '*.csv'), { glob: false, extensions: ['csv'] })).toEqual([join(dir, 'parts', '*.csv')]);
    await expect(expandDataPath(join(dir, 'parts', '*.tsv'), { glob: true, extensions: [] })).rejects.toThrow(/no files match/);
  });

  it('a globbed CSV read equals reading the concatenated file; a folder reads the same', async () => {
    const dir = setup();
    const expected = (await runTable(dir, 'concat', pipeline('data.read_csv', 'all.csv', false))).csv;
    expect(expected.split('\n')[1]).toMatch(/^1,Kyiv/);
    expect((await runTable(dir, 'pattern', pipeline('data.read_csv', 'parts/part-*.csv', true))).csv).toBe(expected);
    expect((await runTable(dir, 'folder', pipeline('data.read_csv', 'parts', true))).csv).toBe(expected);
  }, 120_000);

  it('a globbed Parquet read equals the concatenation, types kept', async () => {
    const dir = setup();
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    for (const name of Object.keys(PARTS)) {
      await c.run(`COPY (SELECT * FROM read_csv('${join(dir, 'parts', name)}')) TO '${join(dir, 'parts', name.replace('.csv', '.parquet'))}' (FORMAT parquet)`);
    }
    c.closeSync();
    const expected = (await runTable(dir, 'csv', pipeline('data.read_csv', 'all.csv', false))).csv;
    expect((await runTable(dir, 'pq', pipeline('data.read_parquet', 'parts/*.parquet', true))).csv).toBe(expected);
  }, 120_000);

  it('every matched file is in the cache key; without glob a pattern is a literal path', async () => {
    const dir = setup();
    const cache = join(dir, 'cache');
    const yaml = pipeline('data.read_csv', 'parts/*.csv', true);
    expect((await runTable(dir, 'c1', yaml, ['--cache', cache])).json.nodes[0].status).toBe('done');
    expect((await runTable(dir, 'c2', yaml, ['--cache', cache])).json.nodes[0].status).toBe('cached');
    writeFileSync(join(dir, 'parts', 'part-c.csv'), `${HEADER}\n6,Lima,8.25,2024-01-06\n`);
    const changed = await runTable(dir, 'c3', yaml, ['--cache', cache]);
    expect(changed.json.nodes[0].status).toBe('done');
    expect(changed.csv).toContain('8.25');
    writeFileSync(join(dir, 'parts', 'part-d.csv'), `${HEADER}\n7,Baku,1,2024-01-07\n`);
    const added = await runTable(dir, 'c4', yaml, ['--cache', cache]);
    expect(added.json.nodes[0].status).toBe('done');
    expect(added.csv.trimEnd().split('\n').at(-1)).toMatch(/^7,Baku/);

    writeFileSync(join(dir, 'literal.yaml'), pipeline('data.read_csv', 'parts/*.csv', false));
    const literal = await plumb(['run', join(dir, 'literal.yaml')]);
    expect(literal.code).toBe(2);
    expect(literal.stderr).toMatch(/^error: data: .*not found/m);
  }, 120_000);
});
