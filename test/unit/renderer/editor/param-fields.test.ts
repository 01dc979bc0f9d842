// The inspector form read off zod declarations: kinds, defaults, limits, help text, and value round trips.
import { describe, expect, it } from 'vitest';
import { nodeDeclarations } from '../../../../shared/catalog/index.js';
import {
  checkParamValue,
  formatListText,
  paramFields,
  parseListText,
  parseScalarText,
  storedParamValue,
  type ParamField,
} from '../../../../renderer/editor/param-fields.js';
import { gbm, readCsv, split } from '../test-catalog.js';

const byName = (fields: ParamField[], name: string) => fields.find((f) => f.name === name)!;

describe('paramFields', () => {
  it('keeps declaration order and reads kind, default, nullability, limits and help text', () => {
    const fields = paramFields(split);
    expect(fields.map((f) => f.name)).toEqual(['test_size', 'seed', 'stratify', 'shuffle']);

    const testSize = byName(fields, 'test_size');
    expect(testSize).toMatchObject({ kind: 'number', integer: false, nullable: false, description: 'Share of rows for the test set.' });
    expect(testSize.defaultValue).toEqual({ value: 0.25 });

    expect(byName(fields, 'seed')).toMatchObject({ kind: 'number', integer: true, min: 0, max: 100, defaultValue: { value: 0 } });
    expect(byName(fields, 'stratify')).toMatchObject({ kind: 'string', nullable: true, defaultValue: { value: null }, widget: { widget: 'column', port: 'table' } });
    expect(byName(fields, 'shuffle')).toMatchObject({ kind: 'boolean', defaultValue: { value: true } });
  });

  it('marks required params by having no default', () => {
    const path = byName(paramFields(readCsv), 'path');
    expect(path.defaultValue).toBeUndefined();
    expect(path).toMatchObject({ kind: 'string', widget: { widget: 'file' }, description: 'CSV file' });
  });

  it('turns enums and unions of literals into choices, lists and tuples into lists, records into JSON', () => {
    const csv = paramFields(readCsv);
    expect(byName(csv, 'header')).toMatchObject({ kind: 'choice', options: ['auto', 'true', 'false'] });
    expect(byName(csv, 'null_values')).toMatchObject({ kind: 'list', item: 'string' });
    expect(byName(csv, 'types')).toMatchObject({ kind: 'json', defaultValue: { value: {} } });

    const model = paramFields(gbm);
    expect(byName(model, 'early_stopping')).toMatchObject({ kind: 'choice', options: ['auto', true, false] });
    expect(byName(model, 'fill_value')).toMatchObject({ kind: 'scalar', nullable: true });
    expect(byName(model, 'feature_range')).toMatchObject({ kind: 'list', item: 'number', length: 2 });
    expect(byName(model, 'features')).toMatchObject({ kind: 'list', item: 'string', widget: { widget: 'columns', port: 'train' } });
    expect(byName(model, 'max_depth')).toMatchObject({ kind: 'number', integer: true, min: 1, nullable: true });
  });

  it('gives every param of the real catalog a field whose default passes its own schema', () => {
    for (const declaration of nodeDeclarations) {
      const fields = paramFields(declaration);
      expect(fields.map((f) => f.name)).toEqual(Object.keys(declaration.params.shape));
      for (const field of fields) {
        if (field.defaultValue) expect(checkParamValue(field, field.defaultValue.value), `${declaration.type}.${field.name}`).toBeUndefined();
        if (field.kind === 'choice') expect(field.options.length, `${declaration.type}.${field.name}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('checking and storing values', () => {
  const fields = paramFields(split);

  it('reports zod messages for values the schema refuses, and nothing for good ones', () => {
    expect(checkParamValue(byName(fields, 'seed'), 3)).toBeUndefined();
    expect(checkParamValue(byName(fields, 'seed'), 2.5)).toMatch(/int/i);
    expect(checkParamValue(byName(fields, 'seed'), 101)).toMatch(/100/);
    expect(checkParamValue(byName(fields, 'test_size'), -1)).toBeDefined();
  });

  it('leaves a param out of the document when it equals its default (including equal lists)', () => {
    expect(storedParamValue(byName(fields, 'seed'), 0)).toBeUndefined();
    expect(storedParamValue(byName(fields, 'seed'), 4)).toBe(4);
    expect(storedParamValue(byName(paramFields(gbm), 'feature_range'), [0, 1])).toBeUndefined();
    expect(storedParamValue(byName(paramFields(gbm), 'feature_range'), [0, 2])).toEqual([0, 2]);
    expect(storedParamValue(byName(paramFields(readCsv), 'path'), 'a.csv')).toBe('a.csv');
  });

  it('reads scalars typed as text the way a user means them', () => {
    expect(parseScalarText('0')).toBe(0);
    expect(parseScalarText(' -2.5 ')).toBe(-2.5);
    expect(parseScalarText('true')).toBe(true);
    expect(parseScalarText('missing')).toBe('missing');
    expect(parseScalarText('')).toBe('');
  });

  it('round-trips list text: one string per line, numbers comma-separated', () => {
    expect(parseListText('a\n b \n\nc', 'string')).toEqual({ value: ['a', 'b', 'c'] });
    expect(parseListText('1, 2.5  3', 'number')).toEqual({ value: [1, 2.5, 3] });
    expect(parseListText('1, x', 'number')).toEqual({ error: "'x' is not a number" });
    // As the help and YAML write it (model.mlp's hidden_layer_sizes: [64, 64]).
    expect(parseListText(' [64, 64] ', 'number')).toEqual({ value: [64, 64] });
    expect(parseListText('[]', 'number')).toEqual({ value: [] });
    expect(parseListText('[1, [2]]', 'number')).toEqual({ error: "'[1' is not a number" });
    for (const [value, item] of [[['NA', 'n/a', 'a b'], 'string'], [[0, 1.5, -3], 'number']] as const) {
      expect(parseListText(formatListText(value, item), item)).toEqual({ value });
    }
  });
});
