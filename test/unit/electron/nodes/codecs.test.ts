import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, portCodecs } from '../../../../electron/nodes/codecs.js';
import type { TableRef } from '../../../../electron/data/types.js';
import { PORT_TYPES } from '../../../../shared/catalog/ports.js';
import { withSession } from './data/context.js';

describe('port codecs', () => {
  it('has one codec per port type', () => {
    expect(Object.keys(portCodecs).sort()).toEqual([...PORT_TYPES].sort());
    for (const type of PORT_TYPES) expect(portCodecs[type].type).toBe(type);
  });

  it('caches a table as deterministic Parquet bytes and loads it back; writes CSV', () =>
    withSession(async (data, env) => {
      const dir = mkdtempSync(join(tmpdir(), 'plumb-codecs-'));
      try {
        const t = await data.createTable(`SELECT range AS i, CASE WHEN range = 1 THEN NULL ELSE 'a,' || range END AS s FROM range(3)`, 't');
        const bytes = await portCodecs.table.save(t, env);
        expect(Buffer.compare(bytes, await portCodecs.table.save(t, env))).toBe(0);
        const back = (await portCodecs.table.load(bytes, env)) as TableRef;
        expect(await data.all(`SELECT * FROM ${back.table}`)).toEqual([
          { i: 0, s: 'a,0' },
          { i: 1, s: null },
          { i: 2, s: 'a,2' },
        ]);
        const path = join(dir, 'node', 'table.csv');
        await portCodecs.table.writeFile(back, path, env);
        expect(readFileSync(path, 'utf8')).toBe('i,s\n0,"a,0"\n1,\n2,"a,2"\n');
        await expect(portCodecs.table.save({ nope: 1 }, env)).rejects.toThrow(/expected a table/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }));

  it('caches JSON ports as stable text and writes pretty JSON', () =>
    withSession(async (_data, env) => {
      const dir = mkdtempSync(join(tmpdir(), 'plumb-codecs-'));
      try {
        const metrics = { accuracy: 0.75, n: 4, confusion_matrix: { labels: ['a', 'b'], matrix: [[1, 1], [0, 2]] } };
        const bytes = await portCodecs.metrics.save(metrics, env);
        expect(new TextDecoder().decode(bytes)).toBe(JSON.stringify(metrics));
        expect(await portCodecs.metrics.load(bytes, env)).toEqual(metrics);
        const path = join(dir, 'n', 'metrics.json');
        await portCodecs.metrics.writeFile(metrics, path, env);
        expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(metrics, null, 2)}\n`);
        const model = { weights: Float64Array.from([0.5, -1]), classes: ['x'], count: 3n };
        expect(JSON.parse(new TextDecoder().decode(await portCodecs.model.save(model, env)))).toEqual({
          weights: [0.5, -1],
          classes: ['x'],
          count: 3,
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }));

  it('canonicalJson refuses values with no JSON form', () => {
    expect(() => canonicalJson(undefined)).toThrow(/cannot serialize/);
  });
});
