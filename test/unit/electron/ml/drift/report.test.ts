// driftReport's rules: Evidently's default test on both sides of each switch (1000/1001 reference values,
// 2/3 and 5/6 distinct, 20/21 for binning), drift directions at the threshold, dataset drift share,
// overrides, missing values, level alignment by text, the UI distribution, and input errors.
import { describe, expect, it } from 'vitest';
import { driftReport, defaultTest } from '../../../../../electron/ml/drift/report.js';
import { PlumbError } from '../../../../../shared/errors.js';
import { categorical, numeric, table } from './tables.js';

const cycle = (n: number, k: number, offset = 0) => Array.from({ length: n }, (_, i) => (i % k) + offset);
const only = (ref: number[], cur: number[], options = {}) => driftReport(table(numeric('x', ref)), table(numeric('x', cur)), options).columns[0];

describe('default test per column (Evidently legacy registry)', () => {
  it('numeric: KS up to 1000 reference values, Wasserstein above; χ² for 3–5 distinct, z for ≤ 2', () => {
    expect(only(cycle(1000, 6), cycle(50, 6)).test).toBe('ks');
    expect(only(cycle(1001, 6), cycle(50, 6)).test).toBe('wasserstein');
    expect(only(cycle(1000, 5), cycle(50, 5)).test).toBe('chi2');
    expect(only(cycle(1000, 3), cycle(50, 3)).test).toBe('chi2');
    expect(only(cycle(1000, 2), cycle(50, 2)).test).toBe('z');
    expect(only(cycle(1001, 5), cycle(50, 5)).test).toBe('jensenshannon');
    expect(only(cycle(1001, 2), cycle(50, 2)).test).toBe('jensenshannon');
  });

  it('counts distinct values over reference ∪ current, and reference values without the missing ones', () => {
    expect(only(cycle(100, 2), cycle(50, 3)).test).toBe('chi2');
    expect(only(cycle(100, 5), cycle(50, 6)).test).toBe('ks');
    expect(only([...cycle(1000, 6), Number.NaN, Number.POSITIVE_INFINITY], cycle(50, 6)).test).toBe('ks');
  });

  it('categorical: χ² above 2 categories, z for 2, Jensen–Shannon above 1000 reference values', () => {
    const letters = (n: number, k: number) => cycle(n, k).map((i) => 'abcdef'[i]);
    const cat = (ref: string[], cur: string[]) => driftReport(table(categorical('c', ref)), table(categorical('c', cur))).columns[0];
    expect(cat(letters(1000, 3), letters(30, 3)).test).toBe('chi2');
    expect(cat(letters(1000, 2), letters(30, 2)).test).toBe('z');
    expect(cat(letters(1000, 2), letters(30, 3)).test).toBe('chi2');
    expect(cat(letters(1001, 2), letters(30, 2)).test).toBe('jensenshannon');
    expect(defaultTest('categorical', 5000, 40)).toBe('jensenshannon');
  });
});

describe('statistics and drift decisions', () => {
  it('reports no drift between identical samples: KS p = 1, distances 0, χ²/z p = 1', () => {
    const x = Array.from({ length: 300 }, (_, i) => Math.sin(i) * 10);
    const codes = cycle(300, 4);
    for (const test of ['ks', 'wasserstein', 'jensenshannon', 'psi', 'kl'] as const) {
      const c = only(x, x, { test });
      expect([c.statistic, c.drifted], test).toEqual([0, false]);
      expect(c.p_value, test).toBe(test === 'ks' ? 1 : null);
    }
    expect(only(codes, codes, { test: 'chi2' })).toMatchObject({ statistic: 0, p_value: 1, drifted: false });
    expect(only(codes, codes, { test: 'z' })).toMatchObject({ statistic: 0, p_value: 1, drifted: false });
    expect(only([7, 7, 7], [7, 7], { test: 'z' })).toMatchObject({ p_value: 1, drifted: false });
  });

  it('drifts at p ≤ threshold for KS but only p < threshold for χ²; distances at ≥ threshold', () => {
    const ref = cycle(200, 7);
    const cur = cycle(150, 7, 1);
    const ks = only(ref, cur, { test: 'ks' });
    expect(only(ref, cur, { test: 'ks', threshold: ks.p_value }).drifted).toBe(true);
    const chi = only(cycle(200, 4), [...cycle(150, 4), 0, 0, 0, 0, 0], { test: 'chi2' });
    expect(only(cycle(200, 4), [...cycle(150, 4), 0, 0, 0, 0, 0], { test: 'chi2', threshold: chi.p_value }).drifted).toBe(false);
    const w = only(ref, cur, { test: 'wasserstein' });
    expect(only(ref, cur, { test: 'wasserstein', threshold: w.statistic }).drifted).toBe(true);
    expect(only(ref, cur, { test: 'wasserstein', threshold: (w.statistic as number) * 1.0001 }).drifted).toBe(false);
    expect(w.threshold).toBe(0.1);
    expect(ks.threshold).toBe(0.05);
  });

  it('bins numbers for JS/PSI/KL only above 20 distinct reference values (Sturges over both samples)', () => {
    // up to 20 values: one bin per value, i.e. the same as comparing the values as categories
    const ref20 = cycle(400, 20);
    const cur20 = cycle(300, 20, 3);
    const asCategories = (v: number[]) => v.map(String);
    for (const test of ['jensenshannon', 'psi', 'kl'] as const) {
      const n = only(ref20, cur20, { test });
      const c = driftReport(table(categorical('x', asCategories(ref20))), table(categorical('x', asCategories(cur20))), { test }).columns[0];
      expect(n.statistic, test).toBeCloseTo(c.statistic as number, 14);
    }
    // 21 values: Sturges bins (ceil(log2(800)) + 1 = 11 bins here), not 24 per-value bins
    const ref21 = [...cycle(400, 21), ...cycle(100, 7, 2)];
    const cur21 = cycle(300, 21, 3);
    const binned = only(ref21, cur21, { test: 'jensenshannon' });
    const perValue = driftReport(table(categorical('x', asCategories(ref21))), table(categorical('x', asCategories(cur21))), {
      test: 'jensenshannon',
    }).columns[0];
    expect(binned.statistic).not.toBeCloseTo(perValue.statistic as number, 6);
    expect(binned.distribution).toMatchObject({ type: 'bins' });
    if (binned.distribution.type === 'bins') expect(binned.distribution.edges).toHaveLength(12);
  });

  it('gives the KS method, and null statistics with a note when one side has no values', () => {
    expect(only(cycle(50, 9), cycle(40, 9), { test: 'ks' }).method).toBe('exact');
    const empty = only(cycle(50, 9), [Number.NaN, Number.NaN]);
    expect(empty).toMatchObject({ statistic: null, p_value: null, drifted: false, note: 'no values in the current table' });
    expect(empty.missing).toEqual({ reference: 0, current: 1 });
    expect(empty.count).toEqual({ reference: 50, current: 0 });
  });
});

describe('the report', () => {
  const ref = table(
    numeric('a', cycle(100, 10)),
    numeric('b', cycle(100, 10)),
    categorical('c', cycle(100, 3).map((i) => 'xyz'[i])),
    numeric('d', cycle(100, 10)),
  );
  const cur = table(
    numeric('a', cycle(100, 10, 5)),
    numeric('b', cycle(100, 10)),
    categorical('c', cycle(100, 3).map((i) => (i === 0 ? 'x' : 'w'))),
    numeric('d', [...cycle(99, 10), Number.NaN]),
  );

  it('has the SPEC fields in order, and dataset drift when at least half the columns drift', () => {
    const report = driftReport(ref, cur);
    expect(Object.keys(report).slice(0, 4)).toEqual(['dataset_drift', 'share_drifted', 'drift_share_threshold', 'columns']);
    expect(Object.keys(report.columns[0]).slice(0, 7)).toEqual(['name', 'kind', 'test', 'statistic', 'p_value', 'threshold', 'drifted']);
    expect(report.columns.map((c) => [c.name, c.kind, c.test, c.drifted])).toEqual([
      ['a', 'numeric', 'ks', true],
      ['b', 'numeric', 'ks', false],
      ['c', 'categorical', 'chi2', true],
      ['d', 'numeric', 'ks', false],
    ]);
    expect(report).toMatchObject({ dataset_drift: true, share_drifted: 0.5, drift_share_threshold: 0.5, number_of_drifted_columns: 2 });
    expect(report.rows).toEqual({ reference: 100, current: 100 });
    expect(report.columns[3].missing).toEqual({ reference: 0, current: 0.01 });
    const strict = driftReport(ref, cur, { driftShare: 0.6 });
    expect(strict).toMatchObject({ dataset_drift: false, drift_share_threshold: 0.6 });
  });

  it('aligns categories by text and reports category counts for the drift view', () => {
    const c = driftReport(ref, cur, { columns: ['c'] }).columns[0];
    expect(c.distribution).toEqual({ type: 'categories', categories: ['w', 'x', 'y', 'z'], reference: [0, 34, 33, 33], current: [66, 34, 0, 0] });
    // a category the reference never had: χ² is infinite (null in JSON) and p = 0
    expect(c).toMatchObject({ statistic: null, p_value: 0, drifted: true });
  });

  it('forces one test, per-column tests, column kinds and column selection', () => {
    const forced = driftReport(ref, cur, { test: 'psi', columnTests: { a: 'wasserstein' }, columnKinds: { d: 'categorical' } });
    expect(forced.columns.map((c) => [c.name, c.kind, c.test])).toEqual([
      ['a', 'numeric', 'wasserstein'],
      ['b', 'numeric', 'psi'],
      ['c', 'categorical', 'psi'],
      ['d', 'categorical', 'psi'],
    ]);
    const picked = driftReport(ref, cur, { columns: ['d', 'a'] });
    expect(picked.columns.map((c) => c.name)).toEqual(['d', 'a']);
    const numbersAsText = table(categorical('n', ['1.5', '2', '10', '2']));
    const asNumbers = driftReport(numbersAsText, numbersAsText, { columnKinds: { n: 'numeric' } }).columns[0];
    expect(asNumbers).toMatchObject({ kind: 'numeric', test: 'chi2' });
    expect(asNumbers.distribution).toMatchObject({ categories: ['1.5', '2', '10'], reference: [1, 2, 1] });
  });

  it('compares a numeric column with a text column as categories', () => {
    const c = driftReport(table(numeric('v', [1, 2, 2, 3])), table(categorical('v', ['1', '2', '3', '3']))).columns[0];
    expect(c.kind).toBe('categorical');
    expect(c.distribution).toEqual({ type: 'categories', categories: ['1', '2', '3'], reference: [1, 2, 1], current: [1, 1, 2] });
  });

  it('sums the smallest categories into `other` beyond 50 categories', () => {
    const labels = Array.from({ length: 60 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    const values = labels.flatMap((l, i) => Array<string>(i + 1).fill(l));
    const c = driftReport(table(categorical('c', values)), table(categorical('c', values))).columns[0];
    if (c.distribution.type !== 'categories') throw new Error('expected categories');
    expect(c.distribution.categories).toEqual(labels.slice(10));
    expect(c.distribution.other).toEqual({ reference: 55, current: 55 });
  });

  it('rejects numeric tests on categories, unknown columns and unreadable numbers as invalid input', () => {
    const fail = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(PlumbError);
        return e as PlumbError;
      }
      throw new Error('expected an error');
    };
    expect(fail(() => driftReport(ref, cur, { test: 'ks' }))).toMatchObject({ kind: 'invalid_input', where: { param: 'test' } });
    expect(fail(() => driftReport(ref, cur, { columnTests: { c: 'wasserstein' } })).where.param).toBe('column_tests');
    expect(fail(() => driftReport(ref, cur, { columns: ['nope'] })).where.param).toBe('columns');
    expect(fail(() => driftReport(ref, cur, { columnTests: { nope: 'ks' } })).where.param).toBe('column_tests');
    expect(fail(() => driftReport(ref, cur, { columnKinds: { c: 'numeric' } })).message).toMatch(/cannot be read as numbers: "x"/);
  });
});
