// Every drift test on generated samples against scipy/numpy with Evidently's binning (drift.json), run
// through driftReport with the test forced, so binning, level alignment and the statistics are all checked.
import { describe, expect, it } from 'vitest';
import { driftReport } from '../../../../../electron/ml/drift/report.js';
import { DRIFT_TESTS, type DriftTest } from '../../../../../electron/ml/drift/types.js';
import { monitorFixture, relativeError, sample, type SampleSpec } from '../stats/samples.js';
import { categorical, numeric, table } from './tables.js';

interface Case {
  reference: SampleSpec;
  current: SampleSpec;
  tests: Partial<Record<DriftTest, [number | null, number | null]>>;
}
const fixture = monitorFixture<{ numeric: Case[]; categorical: Case[] }>('drift.json');

const letters = (spec: SampleSpec) => Array.from(sample(spec), (v) => `cat_${String.fromCharCode(97 + Math.floor(v))}`);

function expectMatches(got: { statistic: number | null; p_value: number | null }, want: [number | null, number | null], label: string) {
  const [statistic, pValue] = want;
  if (statistic === null) expect(got.statistic, label).toBeNull();
  else expect(relativeError(got.statistic as number, statistic), `${label} statistic ${got.statistic} vs ${statistic}`).toBeLessThanOrEqual(1e-9);
  if (pValue === null) expect(got.p_value, label).toBeNull();
  else if (pValue === 0) expect(got.p_value, label).toBe(0);
  else expect(relativeError(got.p_value as number, pValue), `${label} p ${got.p_value} vs ${pValue}`).toBeLessThanOrEqual(1e-9);
}

describe('drift tests against scipy (numeric columns)', () => {
  it.each(fixture.numeric.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    const reference = table(numeric('x', sample(c.reference)));
    const current = table(numeric('x', sample(c.current)));
    for (const test of DRIFT_TESTS) {
      const want = c.tests[test];
      if (!want) continue;
      const column = driftReport(reference, current, { test }).columns[0];
      expect(column.test).toBe(test);
      expectMatches(column, want, `${test} case ${_i}`);
    }
  });
});

describe('drift tests against scipy (categorical columns)', () => {
  it.each(fixture.categorical.map((c, i) => [i, c] as const))('case %i, levels listed in opposite orders', (_i, c) => {
    const ref = letters(c.reference);
    const cur = letters(c.current);
    const reference = table(categorical('c', ref));
    // the current table's codes index its own levels, in another order: matching must go by text
    const current = table(categorical('c', cur, [...new Set(cur)].sort().reverse()));
    for (const test of ['chi2', 'z', 'jensenshannon', 'psi', 'kl'] as const) {
      const column = driftReport(reference, current, { test }).columns[0];
      expectMatches(column, c.tests[test] as [number | null, number | null], `${test} case ${_i}`);
    }
  });
});
