// The table transform declarations: names and ports fixed by the spec, documented params with
// scikit-learn's defaults, UI hints that point at real params and ports, and one implementation each.
import { describe, expect, it } from 'vitest';
import { dataTransformNodes } from '../../../../../shared/catalog/data/transform.js';
import { dataTransformImplementations } from '../../../../../electron/nodes/data/transform.js';

const byType = new Map(dataTransformNodes.map((d) => [d.type, d]));

describe('dataTransformNodes', () => {
  it('declares the spec names with table ports', () => {
    expect([...byType.keys()]).toEqual(['data.select', 'data.filter', 'data.impute', 'data.encode', 'data.scale', 'data.split', 'data.sample']);
    for (const d of dataTransformNodes) {
      expect(d.group).toBe('data');
      expect(Object.keys(d.inputs)).toEqual(['table']);
      expect(d.inputs.table.type).toBe('table');
      for (const port of Object.values(d.outputs)) expect(port.type).toBe('table');
    }
    expect(Object.keys(byType.get('data.split')!.outputs)).toEqual(['train', 'test']);
  });

  it('documents every param and points UI hints at real params and ports', () => {
    for (const d of dataTransformNodes) {
      for (const [name, schema] of Object.entries(d.params.shape)) {
        expect((schema as { description?: string }).description, `${d.type}.${name}`).toBeTruthy();
      }
      for (const [param, hint] of Object.entries(d.ui ?? {})) {
        expect(Object.keys(d.params.shape)).toContain(param);
        if (hint && 'port' in hint) expect(Object.keys(d.inputs)).toContain(hint.port);
      }
    }
  });

  it('fills scikit-learn style defaults', () => {
    expect(byType.get('data.split')!.params.parse({})).toEqual({ test_size: 0.25, seed: 0, stratify: null, shuffle: true });
    expect(byType.get('data.impute')!.params.parse({})).toEqual({ strategy: 'mean', fill_value: null, columns: [], add_indicator: false });
    expect(byType.get('data.scale')!.params.parse({})).toMatchObject({ method: 'standard', feature_range: [0, 1], quantile_range: [25, 75] });
    expect(byType.get('data.encode')!.params.parse({})).toMatchObject({ method: 'onehot', drop: 'none', handle_unknown: 'error' });
    expect(byType.get('data.sample')!.params.parse({})).toEqual({ n: null, fraction: null, replace: false, seed: 0, stratify: null });
    expect(byType.get('data.select')!.params.parse({})).toEqual({ columns: [], drop: [], rename: {} });
  });

  it('rejects bad param values at validation time', () => {
    const parse = (type: string, params: unknown) => byType.get(type)!.params.safeParse(params).success;
    expect(parse('data.filter', {})).toBe(false);
    expect(parse('data.filter', { expression: 'x > 1' })).toBe(true);
    expect(parse('data.split', { test_size: 0 })).toBe(false);
    expect(parse('data.split', { test_size: 1.5 })).toBe(false);
    expect(parse('data.split', { test_size: 30 })).toBe(true);
    expect(parse('data.split', { seed: -1 })).toBe(false);
    expect(parse('data.impute', { strategy: 'mode' })).toBe(false);
    expect(parse('data.scale', { feature_range: [1, 0] })).toBe(false);
  });

  it('has exactly one implementation per declaration', () => {
    expect(dataTransformImplementations.map((i) => i.declaration)).toEqual([...dataTransformNodes]);
  });
});
