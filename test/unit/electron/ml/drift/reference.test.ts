// The shared drift reference (test/fixtures/monitor/reference, scipy 1.10.1): default tests on a
// 600-row reference (KS for numbers, χ² for the category), forced Wasserstein and Jensen–Shannon.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { driftReport } from '../../../../../electron/ml/drift/report.js';
import type { DriftTable } from '../../../../../electron/ml/drift/types.js';
import { relativeError } from '../stats/samples.js';
import { categorical, numeric, table } from './tables.js';

const dir = (name: string) => fileURLToPath(new URL(`../../../../fixtures/monitor/reference/${name}`, import.meta.url));

function readTable(name: string): DriftTable {
  const [header, ...lines] = readFileSync(dir(name), 'utf8').trim().split('\n');
  const rows = lines.map((l) => l.split(','));
  const names = header.split(',');
  return table(
    numeric(names[0], rows.map((r) => Number(r[0]))),
    numeric(names[1], rows.map((r) => Number(r[1]))),
    categorical(names[2], rows.map((r) => r[2])),
  );
}

interface Expected {
  num_a: { ks_statistic: number; ks_p_value: number; wasserstein_normed: number };
  num_b: { ks_statistic: number; ks_p_value: number; wasserstein_normed: number };
  cat: { chisquare_statistic: number; chisquare_p_value: number; jensenshannon: number };
}
const expected = JSON.parse(readFileSync(dir('expected.json'), 'utf8')) as Expected;
const reference = readTable('reference.csv');
const current = readTable('current.csv');
const close = (got: number | null, want: number) => expect(relativeError(got as number, want)).toBeLessThanOrEqual(1e-9);

describe('drift reference files', () => {
  it('picks KS and χ² for a 600-row reference and matches scipy', () => {
    const report = driftReport(reference, current);
    const [a, b, cat] = report.columns;
    expect([a.test, b.test, cat.test]).toEqual(['ks', 'ks', 'chi2']);
    close(a.statistic, expected.num_a.ks_statistic);
    close(a.p_value, expected.num_a.ks_p_value);
    close(b.statistic, expected.num_b.ks_statistic);
    close(b.p_value, expected.num_b.ks_p_value);
    close(cat.statistic, expected.cat.chisquare_statistic);
    close(cat.p_value, expected.cat.chisquare_p_value);
    expect([a.drifted, b.drifted, cat.drifted]).toEqual([true, false, true]);
    expect(report).toMatchObject({ dataset_drift: true, share_drifted: 2 / 3, drift_share_threshold: 0.5 });
  });

  it('matches the normed Wasserstein distance and the Jensen–Shannon distance', () => {
    const w = driftReport(reference, current, { test: 'wasserstein', columns: ['num_a', 'num_b'] });
    close(w.columns[0].statistic, expected.num_a.wasserstein_normed);
    close(w.columns[1].statistic, expected.num_b.wasserstein_normed);
    expect(w.columns.map((c) => [c.p_value, c.drifted])).toEqual([
      [null, true],
      [null, false],
    ]);
    const js = driftReport(reference, current, { columnTests: { cat: 'jensenshannon' }, columns: ['cat'] });
    close(js.columns[0].statistic, expected.cat.jensenshannon);
  });
});
