// The scoring server's request-path shortcuts give exactly what the general path gives: answers written as JSON
// text equal JSON.stringify of the response objects byte for byte (class names that JSON orders differently,
// quotes, missing values, labels out of range), and rows read straight from JSON objects equal the zod-checked
// table encoding, while every body or row the shortcut does not take is left to the general path.
import { describe, expect, it } from 'vitest';
import type { ModelOutput, PlumbModelFile } from '../../../../electron/ml/model-file.js';
import { Random } from '../../../../electron/ml/random.js';
import { inputSignature } from '../../../../electron/serve/input-signature.js';
import { conformsMlflow, conformsTf, mlflowBody, mlflowRequestTable, objectRows, tfPredictBody, tfRequestTable } from '../../../../electron/serve/request-body.js';
import {
  mlflowJson,
  mlflowResponse,
  tfColumnarJson,
  tfColumnarResponse,
  tfRowJson,
  tfRowResponse,
  withWarningsJson,
} from '../../../../electron/serve/responses.js';

const random = new Random(7);

function output(task: 'classification' | 'regression', n: number, K: number, odd = false): ModelOutput {
  const value = () => {
    const u = random.uniform();
    if (odd && u < 0.05) return NaN;
    if (odd && u < 0.08) return -0;
    if (odd && u < 0.1) return 1e-12 * random.normal();
    return task === 'regression' ? random.normal() * 1e4 : random.uniform();
  };
  if (task === 'regression') return { prediction: Float64Array.from({ length: n }, value) };
  return { prediction: Int32Array.from({ length: n }, () => random.int(K)), proba: Float64Array.from({ length: n * K }, value) };
}

describe('answers as JSON text', () => {
  const classSets = [['no', 'yes'], ['10', '2', 'a'], ['b"q', 'é\u2028', '\\'], ['0', '1', '-1', '01', '1.5'], ['x']];
  it.each(classSets)('equal JSON.stringify of the response objects (classes %j)', (...classes) => {
    const file = { task: 'classification' as const, classes };
    for (const n of [1, 2, 17]) {
      for (const odd of [false, true]) {
        const out = output('classification', n, classes.length, odd);
        expect(tfRowJson(file, out)).toBe(JSON.stringify(tfRowResponse(file, out)));
        expect(tfColumnarJson(file, out)).toBe(JSON.stringify(tfColumnarResponse(file, out)));
        expect(mlflowJson(file, out)).toBe(JSON.stringify(mlflowResponse(file, out)));
      }
    }
  });

  it('regression values, missing values and labels out of range', () => {
    const file = { task: 'regression' as const, classes: [] };
    const out = output('regression', 30, 0, true);
    expect(tfRowJson(file, out)).toBe(JSON.stringify(tfRowResponse(file, out)));
    expect(tfColumnarJson(file, out)).toBe(JSON.stringify(tfColumnarResponse(file, out)));
    expect(mlflowJson(file, out)).toBe(JSON.stringify(mlflowResponse(file, out)));
    const classifier = { task: 'classification' as const, classes: ['a', 'b'] };
    const outside: ModelOutput = { prediction: Int32Array.of(0, -1, 2), proba: Float64Array.of(0.5, 0.5, NaN, NaN, 0, 1) };
    expect(tfRowJson(classifier, outside)).toBe(JSON.stringify(tfRowResponse(classifier, outside)));
    expect(tfColumnarJson(classifier, outside)).toBe(JSON.stringify(tfColumnarResponse(classifier, outside)));
    expect(mlflowJson(classifier, outside)).toBe(JSON.stringify(mlflowResponse(classifier, outside)));
  });

  it('warnings go last, as { ...body, warnings }', () => {
    const file = { task: 'classification' as const, classes: ['no', 'yes'] };
    const out = output('classification', 2, 2);
    const warnings = ["column 'c': 1 value the model never saw in training ('x') treated as missing"];
    expect(withWarningsJson(tfRowJson(file, out), warnings)).toBe(JSON.stringify({ ...tfRowResponse(file, out), warnings }));
    expect(withWarningsJson(mlflowJson(file, out), [])).toBe(JSON.stringify(mlflowResponse(file, out)));
  });
});

const modelFile = (features: string[], levels: Record<string, string[]>): PlumbModelFile =>
  ({ plumb_model: 1, type: 'decision_tree', features, target: 'y', task: 'classification', classes: ['a', 'b'], feature_levels: levels, params: {}, model: {} }) as unknown as PlumbModelFile;

describe('rows read straight from JSON objects', () => {
  const file = modelFile(['x', 'toString', 'color', 'z'], { color: ['blue', 'green', 'red'] });
  const signature = inputSignature(file);
  const names = signature.columns.map((c) => c.name);

  const general = (rows: unknown[]) => signature.encode(tfRequestTable({ instances: rows }, names), 'json');

  it('equal the general encoding for numbers, nulls and training categories (one row reused, many rows fresh)', () => {
    for (let trial = 0; trial < 200; trial++) {
      const n = trial % 3 === 0 ? 1 : 1 + random.int(6);
      const rows = Array.from({ length: n }, () => ({
        x: random.uniform() < 0.2 ? null : random.normal(),
        toString: random.uniform() < 0.2 ? null : random.int(100),
        color: random.uniform() < 0.2 ? null : ['blue', 'green', 'red'][random.int(3)],
        z: random.normal(),
        ...(random.uniform() < 0.3 ? { extra: 'ignored' } : {}),
      }));
      const body = { instances: rows, ...(trial % 2 ? { key: trial } : {}) };
      const objects = objectRows(JSON.parse(JSON.stringify(body)), 'tf');
      expect(objects).toBeDefined();
      expect(objects!.key).toBe(trial % 2 ? String(trial) : undefined);
      const X = signature.encodeObjects(objects!.rows, n === 1);
      const expected = general(rows);
      expect(expected.warnings).toEqual([]);
      expect(X!.nRows).toBe(n);
      expect(X!.names).toEqual(expected.X.names);
      expect(X!.levels).toEqual(expected.X.levels);
      expect(X!.columns.map((c) => Array.from(c))).toEqual(expected.X.columns.map((c) => Array.from(c)));
    }
  });

  it.each([
    ['a missing column', { x: 1, color: 'red', z: 1 }],
    ['an inherited name only', { x: 1, color: 'red', z: 1, ['to' + 'String']: undefined }],
    ['text in a numeric column', { x: '1', toString: 1, color: 'red', z: 1 }],
    ['a number in a categorical column', { x: 1, toString: 1, color: 3, z: 1 }],
    ['a category never seen in training', { x: 1, toString: 1, color: 'purple', z: 1 }],
    ['a boolean category', { x: 1, toString: 1, color: true, z: 1 }],
  ])('leaves %s to the general path', (_name, row) => {
    const rows = [JSON.parse(JSON.stringify(row)) as Record<string, unknown>];
    expect(signature.encodeObjects(rows, true)).toBeUndefined();
  });

  it.each([
    ['list rows', { instances: [[1, 2, 'red', 3]] }, 'tf'],
    ['a nested value', { instances: [{ x: 1, toString: 1, color: 'red', z: 1, extra: { a: 1 } }] }, 'tf'],
    ['an unknown top-level key (TF)', { instances: [{ x: 1 }], other: 1 }, 'tf'],
    ['instances and inputs', { instances: [{ x: 1 }], inputs: { x: [1] } }, 'tf'],
    ['no rows', { instances: [] }, 'tf'],
    ['a key that is not text or a number', { instances: [{ x: 1 }], key: [1] }, 'tf'],
    ['dataframe_records in TF', { dataframe_records: [{ x: 1 }] }, 'tf'],
    ['MLflow params', { dataframe_records: [{ x: 1 }], params: { a: 1 } }, 'mlflow'],
    ['both MLflow row formats', { dataframe_records: [{ x: 1 }], instances: [{ x: 1 }] }, 'mlflow'],
  ] as const)('objectRows leaves %s to the zod-checked path', (_name, body, protocol) => {
    expect(objectRows(body, protocol)).toBeUndefined();
  });

  it('MLflow records and instances are taken, with the same rows the zod-checked path reads', () => {
    const rows = [{ x: 1, toString: null, color: 'green', z: -2 }];
    for (const body of [{ dataframe_records: rows }, { instances: rows, key: 'k' }]) {
      const objects = objectRows(body, 'mlflow')!;
      const table = mlflowRequestTable(body, names);
      const X = signature.encodeObjects(objects.rows, false)!;
      expect(X.columns.map((c) => Array.from(c))).toEqual(signature.encode(table, 'json').X.columns.map((c) => Array.from(c)));
      expect(objects.key).toBe(table.key);
    }
  });
});

describe('request bodies checked by hand', () => {
  const pick = <T>(list: readonly T[]): T => list[random.int(list.length)];
  const cell = () => pick<unknown>([1, -2.5, 0, 'month', '', true, false, null]);
  const junk = () => pick<unknown>([{ a: 1 }, [1, [2]], undefined, { nested: { x: 1 } }, 'text', 3, null, [], {}]);
  const rowObject = () => Object.fromEntries(Array.from({ length: random.int(4) }, (_, j) => [pick(['x', 'y', 'z', `c${j}`]), random.uniform() < 0.9 ? cell() : junk()]));
  const rowList = () => Array.from({ length: random.int(4) }, () => (random.uniform() < 0.9 ? cell() : junk()));
  const rows = () => (random.uniform() < 0.1 ? junk() : Array.from({ length: random.int(4) }, () => pick([rowObject, rowList, cell, junk])()));
  const columns = () =>
    random.uniform() < 0.1 ? junk() : Object.fromEntries(Array.from({ length: random.int(3) }, (_, j) => [`c${j}`, random.uniform() < 0.7 ? Array.from({ length: random.int(3) }, cell) : pick([cell, junk])()]));
  const split = () =>
    random.uniform() < 0.1
      ? junk()
      : {
          columns: random.uniform() < 0.9 ? ['x', 'y'] : [1, 'y'],
          data: Array.from({ length: random.int(3) }, () => (random.uniform() < 0.9 ? rowList() : junk())),
          ...(random.uniform() < 0.3 ? { index: [7, 'a'] } : {}),
          ...(random.uniform() < 0.1 ? { extra: 1 } : {}),
        };
  const parts: Record<string, () => unknown> = {
    instances: rows,
    inputs: () => (random.uniform() < 0.5 ? rows() : columns()),
    key: () => pick<unknown>(['k', 7, null, [1]]),
    signature_name: () => pick<unknown>(['serving_default', 3]),
    dataframe_split: split,
    dataframe_records: () => (random.uniform() < 0.8 ? Array.from({ length: random.int(3) }, rowObject) : rows()),
    params: () => ({ a: 1 }),
    other: junk,
  };
  const body = () => {
    if (random.uniform() < 0.03) return junk();
    const names = Object.keys(parts).filter(() => random.uniform() < 0.3);
    return JSON.parse(JSON.stringify(Object.fromEntries(names.map((n) => [n, parts[n]()])))) as unknown;
  };

  it('take only bodies the zod schemas accept unchanged (5,000 random bodies per protocol)', () => {
    let tf = 0;
    let mlflow = 0;
    for (let i = 0; i < 5000; i++) {
      const b = body();
      if (conformsTf(b)) {
        tf++;
        const parsed = tfPredictBody.safeParse(b);
        expect(parsed.success, JSON.stringify(b)).toBe(true);
        expect(parsed.data).toEqual(b);
      }
      const m = body();
      if (conformsMlflow(m)) {
        mlflow++;
        const parsed = mlflowBody.safeParse(m);
        expect(parsed.success, JSON.stringify(m)).toBe(true);
        expect(parsed.data).toEqual(m);
      }
    }
    // The generator reaches the hand-checked shapes often enough to mean something.
    expect(tf).toBeGreaterThan(100);
    expect(mlflow).toBeGreaterThan(100);
  });

  it('take the shapes clients send', () => {
    expect(conformsTf({ instances: [{ x: 1 }, [1, 'a']], key: 'k', signature_name: 'serving_default' })).toBe(true);
    expect(conformsTf({ inputs: { x: [1, 2], y: ['a', null] } })).toBe(true);
    expect(conformsTf({ inputs: [[1, 'a']] })).toBe(true);
    expect(conformsMlflow({ dataframe_split: { columns: ['x', 'y'], data: [[1, 'a']], index: [0] } })).toBe(true);
    expect(conformsMlflow({ dataframe_records: [{ x: 1 }] })).toBe(true);
    expect(conformsMlflow({ inputs: { x: [1] }, key: 3 })).toBe(true);
    expect(conformsMlflow({ instances: [[1, 2]] })).toBe(true);
  });
});
