// monitor.drift through its worker: the shared reference CSVs give scipy's numbers, the report is plain JSON,
// column selection and errors name the param, and a connected model adds the drift of its predictions.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DRIFT_TEST_NAMES, drift as driftDeclaration } from '../../../../../shared/catalog/monitor/drift.js';
import { DRIFT_TESTS, driftReport, type DriftReport } from '../../../../../electron/ml/drift/index.js';
import { predictWithModel } from '../../../../../electron/ml/model-file.js';
import { canonicalJson } from '../../../../../electron/nodes/codecs.js';
import { linearRegressionNode } from '../../../../../electron/nodes/model/linear_regression.js';
import { logisticRegressionNode } from '../../../../../electron/nodes/model/logistic_regression.js';
import { driftNode } from '../../../../../electron/nodes/monitor/drift.js';
import { PlumbError } from '../../../../../shared/errors.js';
import { runNode, sharedEnv, table, throughJson, train } from '../model/run-node.js';

const { env } = sharedEnv();
const fixture = (name: string) => fileURLToPath(new URL(`../../../../fixtures/monitor/reference/${name}`, import.meta.url));
const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as Record<string, Record<string, number>>;

async function readReference() {
  const read = (name: string) => env().data.readCsv(fixture(name), { onError: 'fail' }).then((r) => r.table);
  return { reference: await read('reference.csv'), current: await read('current.csv') };
}

const rel = (a: number | null, b: number) => Math.abs((a as number) - b) / Math.abs(b);

describe('monitor.drift', () => {
  it('reproduces scipy on the reference files and returns plain JSON in SPEC order', async () => {
    const out = await runNode(driftNode, env(), await readReference(), {});
    const report = out.drift as DriftReport;
    expect(JSON.parse(canonicalJson(report))).toEqual(report);
    const [a, b, cat] = report.columns;
    expect(Object.keys(a).slice(0, 7)).toEqual(['name', 'kind', 'test', 'statistic', 'p_value', 'threshold', 'drifted']);
    expect([a.name, a.test, b.test, cat.test]).toEqual(['num_a', 'ks', 'ks', 'chi2']);
    expect(rel(a.p_value, expected.num_a.ks_p_value)).toBeLessThan(1e-9);
    expect(rel(b.statistic, expected.num_b.ks_statistic)).toBeLessThan(1e-9);
    expect(rel(cat.p_value, expected.cat.chisquare_p_value)).toBeLessThan(1e-9);
    expect(report).toMatchObject({ dataset_drift: true, share_drifted: 2 / 3, drift_share_threshold: 0.5 });
  });

  it('forces a test and threshold, compares only the listed columns, and names bad params', async () => {
    const tables = await readReference();
    const out = await runNode(driftNode, env(), tables, { test: 'wasserstein', threshold: 0.2, columns: ['num_b', 'num_a'] });
    const report = out.drift as DriftReport;
    expect(report.columns.map((c) => [c.name, c.test, c.threshold, c.drifted])).toEqual([
      ['num_b', 'wasserstein', 0.2, false],
      ['num_a', 'wasserstein', 0.2, true],
    ]);
    expect(rel(report.columns[1].statistic, expected.num_a.wasserstein_normed)).toBeLessThan(1e-9);
    const error = await runNode(driftNode, env(), tables, { columns: ['num_c'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlumbError);
    expect(error).toMatchObject({ kind: 'invalid_input', where: { param: 'columns' } });
    await expect(runNode(driftNode, env(), tables, { test: 'ks' })).rejects.toMatchObject({ kind: 'invalid_input', where: { param: 'test' } });
  });

  it('lists the same tests as ml/drift', () => {
    expect(DRIFT_TEST_NAMES).toEqual(DRIFT_TESTS);
    expect(driftDeclaration.params.parse({ test: 'kl' }).test).toBe('kl');
    expect(() => driftDeclaration.params.parse({ test: 'anderson' })).toThrow();
  });

  it('adds the drift of a regression model\'s predictions as column `prediction`', async () => {
    const data = env().data;
    const reference = await table(data, `SELECT i::DOUBLE AS x, (i % 7)::DOUBLE AS z, 3 + 2 * i + (i % 7) AS y FROM range(200) t(i)`);
    const current = await table(data, `SELECT (i + 60)::DOUBLE AS x, (i % 7)::DOUBLE AS z, 3 + 2 * i AS y FROM range(150) t(i)`);
    const { model } = await train(linearRegressionNode, env(), reference, { target: 'y' });
    const out = await runNode(driftNode, env(), { reference, current, model: throughJson(model) }, { columns: ['x', 'z'] });
    const report = out.drift as DriftReport;
    expect(report.columns.map((c) => c.name)).toEqual(['x', 'z', 'prediction']);
    // the same as the report on predictions made by hand
    const predict = (n: number, shift: number) =>
      predictWithModel(model, {
        nRows: n,
        columns: [Float64Array.from({ length: n }, (_, i) => i + shift), Float64Array.from({ length: n }, (_, i) => i % 7)],
        names: ['x', 'z'],
        levels: [null, null],
      }).prediction as Float64Array;
    const byHand = driftReport(
      { nrows: 200, columns: [{ name: 'prediction', kind: 'numeric', values: predict(200, 0) }] },
      { nrows: 150, columns: [{ name: 'prediction', kind: 'numeric', values: predict(150, 60) }] },
    ).columns[0];
    expect(report.columns[2]).toEqual(byHand);
    expect(report.columns[2]).toMatchObject({ test: 'ks', drifted: true });
  });

  it('compares a binary classifier through the probability of its last class', async () => {
    const data = env().data;
    const reference = await table(data, `SELECT (i % 10)::DOUBLE AS x, CASE WHEN i % 10 > 4 THEN 'yes' ELSE 'no' END AS label FROM range(300) t(i)`);
    const current = await table(data, `SELECT (i % 10)::DOUBLE AS x, 'no' AS label FROM range(300) t(i)`);
    const { model } = await train(logisticRegressionNode, env(), reference, { target: 'label' });
    const out = await runNode(driftNode, env(), { reference, current, model: throughJson(model) }, {});
    const prediction = (out.drift as DriftReport).columns.find((c) => c.name === 'prediction');
    // the same x in both tables: the predictions do not drift, whatever the labels did
    expect(prediction).toMatchObject({ kind: 'numeric', drifted: false, statistic: 0 });
  });
});
