// The stored preprocessing chain against the nodes that fitted it: on random data with missing values, the chain
// applied to the raw rows gives exactly the table the impute/encode/scale/select nodes produced; unseen
// categories become what the encode SQL makes of them; a trainer stores its train table's chain, predictions
// from raw rows equal model.predict on the transformed table; the chain survives the table cache.
import { describe, expect, it } from 'vitest';
import { encode } from '../../../../../shared/catalog/data/encode.js';
import { impute } from '../../../../../shared/catalog/data/impute.js';
import { scale } from '../../../../../shared/catalog/data/scale.js';
import { select } from '../../../../../shared/catalog/data/select.js';
import { split } from '../../../../../shared/catalog/data/split.js';
import type { DataSession, TableRef } from '../../../../../electron/data/types.js';
import { encodeNode } from '../../../../../electron/nodes/data/encode.js';
import { imputeNode } from '../../../../../electron/nodes/data/impute.js';
import { scaleNode } from '../../../../../electron/nodes/data/scale.js';
import { selectNode } from '../../../../../electron/nodes/data/select.js';
import { splitNode } from '../../../../../electron/nodes/data/split.js';
import { chainOf, unwrapTableBytes } from '../../../../../electron/nodes/data/table-chain.js';
import { portCodecs } from '../../../../../electron/nodes/codecs.js';
import type { NodeEnv } from '../../../../../electron/nodes/env.js';
import { logisticRegressionNode } from '../../../../../electron/nodes/model/logistic_regression.js';
import { predictNode } from '../../../../../electron/nodes/model/predict.js';
import { loadModelFile, predictRawRows } from '../../../../../electron/ml/model-file.js';
import { applyPreprocessing, doubleText, inputSignature, type PreprocessingChain, type RawColumns, type RawValue } from '../../../../../electron/ml/preprocessing/index.js';
import { makeTestContext, withSession } from '../../nodes/data/context.js';

/** mulberry32: a tiny seeded generator, independent of the code under test. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sqlValue = (v: RawValue, type: string): string =>
  v === null ? `CAST(NULL AS ${type})` : typeof v === 'string' ? `'${v}'` : typeof v === 'number' && Number.isNaN(v) ? `CAST('nan' AS DOUBLE)` : `CAST(${String(v)} AS ${type})`;

const TYPES: Record<string, string> = { id: 'INTEGER', age: 'BIGINT', income: 'DOUBLE', city: 'VARCHAR', flag: 'BOOLEAN', grade: 'INTEGER', score: 'DOUBLE', target: 'VARCHAR' };

/** Random rows: about one cell in seven missing (income also NaN), categories and grades drawn from small sets. */
function randomRows(seed: number, n: number, cities = ['ams', 'ber', 'cph', 'dub', 'edi']): Record<string, RawValue>[] {
  const r = rng(seed);
  const maybe = <T extends RawValue>(v: T): T | null => (r() < 0.15 ? null : v);
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    age: maybe(18 + Math.floor(r() * 60)),
    income: r() < 0.05 ? NaN : maybe(Math.round(r() * 1e6) / 100),
    city: maybe(cities[Math.floor(r() * cities.length)]),
    flag: maybe(r() < 0.5),
    grade: maybe(1 + Math.floor(r() * 4)),
    score: maybe([0.5, 1, 2.25, 1e-5, 3][Math.floor(r() * 5)]),
    target: r() < 0.45 ? 'yes' : 'no',
  }));
}

async function rawTable(data: DataSession, rows: Record<string, RawValue>[]): Promise<TableRef> {
  const names = Object.keys(TYPES);
  const values = rows.map((row) => `(${names.map((c) => sqlValue(row[c], TYPES[c])).join(', ')})`).join(',\n');
  return data.createTable(`SELECT * FROM (VALUES ${values}) v(${names.join(', ')})`, 'raw');
}

/** A table's columns as plain cells: BIGINT as number, NaN as missing (the nodes read NaN as missing too). */
async function columnsOf(data: DataSession, table: TableRef): Promise<{ names: string[]; types: string[]; columns: Record<string, RawValue[]>; nrows: number }> {
  const specs = await data.columns(table);
  const rows = await data.all(`SELECT * FROM "${table.table}"`);
  // The session hands NaN out as the text 'NaN' (JSON-safe).
  const cell = (v: unknown, type: string): RawValue =>
    typeof v === 'bigint' ? Number(v) : (typeof v === 'number' && Number.isNaN(v)) || (type === 'DOUBLE' && v === 'NaN') ? null : (v as RawValue);
  return {
    names: specs.map((c) => c.name),
    types: specs.map((c) => c.type),
    columns: Object.fromEntries(specs.map((c) => [c.name, rows.map((r) => cell(r[c.name], c.type))])),
    nrows: rows.length,
  };
}

type Step = { node: 'impute' | 'encode' | 'scale' | 'select'; params: Record<string, unknown> };
const nodes = { impute: [imputeNode, impute], encode: [encodeNode, encode], scale: [scaleNode, scale], select: [selectNode, select] } as const;

async function runSteps(env: NodeEnv, table: TableRef, steps: Step[]): Promise<TableRef> {
  let current: TableRef = table;
  for (const [i, step] of steps.entries()) {
    const [node, declaration] = nodes[step.node];
    const ctx = makeTestContext(process.cwd(), { nodeId: `${step.node}${i}` });
    const params = declaration.params.parse(step.params) as never;
    current = (await node.run(ctx, { table: current }, params, env)).table as TableRef;
  }
  return current;
}

const PIPELINES: Record<string, Step[]> = {
  'mean + indicators, one-hot if_binary, standard, select with rename': [
    { node: 'impute', params: { strategy: 'mean', add_indicator: true } },
    { node: 'encode', params: { exclude: ['target'], drop: 'if_binary' } },
    { node: 'scale', params: { exclude: ['id'] } },
    { node: 'select', params: { drop: ['id'], rename: { age: 'years' } } },
  ],
  'most_frequent, ordinal of text/int/double, minmax': [
    { node: 'impute', params: { strategy: 'most_frequent' } },
    { node: 'encode', params: { method: 'ordinal', columns: ['city', 'grade', 'score'] } },
    { node: 'scale', params: { method: 'minmax', feature_range: [-1, 1] } },
  ],
  'median on some columns, constant text, one-hot of text/bool/double, robust': [
    { node: 'impute', params: { strategy: 'median', columns: ['age', 'income'] } },
    { node: 'impute', params: { strategy: 'constant', columns: ['city'], fill_value: 'zzz' } },
    { node: 'encode', params: { columns: ['city', 'flag', 'score'] } },
    { node: 'scale', params: { method: 'robust', exclude: ['id'] } },
  ],
  'select first, then constant fills and one-hot with drop first': [
    { node: 'select', params: { columns: ['city', 'age', 'grade', 'target'], rename: { city: 'town' } } },
    { node: 'impute', params: { strategy: 'constant', columns: ['age', 'grade'], fill_value: 0 } },
    { node: 'encode', params: { columns: ['town', 'grade'], drop: 'first' } },
  ],
};

describe('applyPreprocessing equals the nodes that fitted the chain', () => {
  for (const [title, steps] of Object.entries(PIPELINES)) {
    it(title, () =>
      withSession(async (data, env) => {
        for (const seed of [1, 2, 3]) {
          const raw = await rawTable(data, randomRows(seed, 120));
          const out = await runSteps(env, raw, steps);
          const chain = chainOf(out)!;
          expect(chain.steps.map((s) => s.kind)).toEqual(steps.map((s) => s.node));
          const expected = await columnsOf(data, out);
          const input = await columnsOf(data, raw);
          // through JSON, as the chain is stored in a model file
          const got = applyPreprocessing(JSON.parse(JSON.stringify(chain)) as PreprocessingChain, input);
          expect(got.specs.map((s) => s.name)).toEqual(expected.names);
          expect(got.specs.map((s) => s.type)).toEqual(expected.types);
          for (const name of expected.names) expect([name, got.columns[name]]).toEqual([name, expected.columns[name]]);
        }
      }),
    );
  }

  it('unseen categories: one-hot all zeros, ordinal missing, like the encode SQL with handle_unknown ignore', () =>
    withSession(async (data, env) => {
      const train = await rawTable(data, randomRows(7, 80));
      const fresh = randomRows(8, 40, ['ams', 'zrh', 'osl']).map((row, i): Record<string, RawValue> => ({ ...row, grade: i % 3 === 0 ? 9 : row.grade }));
      const freshTable = await rawTable(data, fresh);
      for (const method of ['onehot', 'ordinal'] as const) {
        const out = await runSteps(env, train, [{ node: 'encode', params: { method, columns: ['city', 'grade'] } }]);
        const chain = chainOf(out)!;
        const step = chain.steps[0];
        if (step.kind !== 'encode') throw new Error('expected an encode step');
        // The encode node itself, with the fitted levels given and unknown values ignored, on the new rows.
        const categories = Object.fromEntries(step.columns.map((c) => [c.column, c.levels.map((l) => (c.column === 'grade' ? Number(l) : l))]));
        const reference = await runSteps(env, freshTable, [{ node: 'encode', params: { method, columns: ['city', 'grade'], categories, handle_unknown: 'ignore' } }]);
        const expected = await columnsOf(data, reference);
        const got = applyPreprocessing(chain, await columnsOf(data, freshTable));
        expect(got.specs.map((s) => s.name)).toEqual(expected.names);
        for (const name of expected.names) expect([name, got.columns[name]]).toEqual([name, expected.columns[name]]);
        const unknownRow = fresh.findIndex((r) => r.city === 'zrh');
        if (method === 'onehot') expect(step.columns[0].outputs.map((o) => got.columns[o.name][unknownRow])).toEqual(step.columns[0].outputs.map(() => 0));
        else expect(got.columns.city[unknownRow]).toBeNull();
      }
    }));

  it('a column the model needs is required; others may be left out; raw JSON values are read as the training type', () =>
    withSession(async (data, env) => {
      const raw = await rawTable(data, randomRows(4, 50));
      const out = await runSteps(env, raw, PIPELINES['mean + indicators, one-hot if_binary, standard, select with rename']);
      const chain = chainOf(out)!;
      const rows: RawColumns = { nrows: 2, columns: { age: ['40', null], income: [1200.5, 'NaN'], city: ['ber', 'nowhere'] } };
      const got = applyPreprocessing(chain, rows, ['years', 'age_missing', 'city=ber', 'income']);
      const scaling = chain.steps.find((s) => s.kind === 'scale')!;
      const standard = (column: string, x: number): number => {
        const s = scaling.kind === 'scale' ? scaling.scalings.find((c) => c.column === column) : undefined;
        if (!s || !('center' in s)) throw new Error(`expected a standard scaling of ${column}`);
        return (x - s.center) / s.scale;
      };
      // the one-hot and indicator columns are integers, so the scale step standardizes them too
      expect(got.columns['city=ber']).toEqual([standard('city=ber', 1), standard('city=ber', 0)]);
      expect(got.columns.age_missing).toEqual([standard('age_missing', 0), standard('age_missing', 1)]);
      const fill = chain.steps[0].kind === 'impute' ? chain.steps[0].fills.find((f) => f.column === 'age')!.value : NaN;
      expect(got.columns.years).toEqual([standard('age', 40), standard('age', Number(fill))]);
      expect(() => applyPreprocessing(chain, { nrows: 1, columns: { age: [3] } }, ['years', 'city=ber'])).toThrow(/no column 'city'/);
      const signature = inputSignature({ features: ['years', 'city=ber', 'flag=true'], feature_levels: {}, preprocessing: chain });
      expect(signature.map((c) => c.name)).toEqual(['age', 'city', 'flag']);
      expect(signature.find((c) => c.name === 'city')!.categories).toEqual(['ams', 'ber', 'cph', 'dub', 'edi']);
    }));
});

describe('a trainer stores the chain of its train table', () => {
  it('predictions from raw rows equal model.predict on the transformed table, also after the table cache', () =>
    withSession(async (data, env) => {
      const raw = await rawTable(data, randomRows(11, 200));
      const prepared = await runSteps(env, raw, PIPELINES['mean + indicators, one-hot if_binary, standard, select with rename']);
      // Through the cache codec, as a cached upstream node hands its table on.
      const cached = await portCodecs.table.load(await portCodecs.table.save(prepared, env), env);
      expect(chainOf(cached)).toEqual(chainOf(prepared));
      const ctx = makeTestContext(process.cwd(), { nodeId: 'split' });
      const { train } = await splitNode.run(ctx, { table: cached }, split.params.parse({ test_size: 0.25, seed: 3 }), env);
      expect(chainOf(train)).toEqual(chainOf(prepared));
      const trained = await logisticRegressionNode.run(makeTestContext(), { train }, logisticRegressionNode.declaration.params.parse({ target: 'target' }) as never, env);
      const file = loadModelFile(JSON.parse(JSON.stringify(trained.model)));
      expect(file.preprocessing).toEqual(chainOf(prepared));
      expect(file.features).not.toContain('city');

      const predicted = (await predictNode.run(makeTestContext(), { model: file, data: prepared }, {} as never, env)).table as TableRef;
      const expected = await columnsOf(data, predicted);
      const { output } = predictRawRows(file, await columnsOf(data, raw));
      const classes = file.classes;
      expect(Array.from(output.prediction, (k) => classes[k])).toEqual(expected.columns.prediction);
      for (const [k, label] of classes.entries()) {
        const proba = Array.from({ length: expected.nrows }, (_, i) => output.proba![i * classes.length + k]);
        expect(proba).toEqual(expected.columns[`proba_${label}`]);
      }
      // Plain Parquet inside the cache bytes, for the output preview.
      const bytes = await portCodecs.table.save(prepared, env);
      expect(new TextDecoder().decode(unwrapTableBytes(bytes).parquet.subarray(0, 4))).toBe('PAR1');
    }));
});

describe('doubleText is DuckDB’s CAST(DOUBLE AS VARCHAR)', () => {
  it('matches DuckDB on a spread of values', () =>
    withSession(async (data) => {
      const r = rng(5);
      const values = [1, 0.1, 1e20, 1.5e-7, -2.5, 1e15, 1e16, 0.30000000000000004, 1e-4, 1e-5, 123456.789, -0.001, 2 ** 60, ...Array.from({ length: 40 }, () => (r() - 0.5) * 10 ** Math.floor(r() * 40 - 20))];
      const rows = await data.all(`SELECT CAST(x AS VARCHAR) AS v FROM (VALUES ${values.map((v) => `(CAST('${v}' AS DOUBLE))`).join(', ')}) t(x)`);
      expect(values.map(doubleText)).toEqual(rows.map((row) => row.v));
    }));
});
