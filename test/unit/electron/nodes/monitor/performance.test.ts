// monitor.performance: per-batch metrics equal to the model's accuracy / rmse on each batch computed by hand,
// the reference and degradation rules, batches by column (numbers, dates), by size and by default, latency.
import { describe, expect, it } from 'vitest';
import { predictWithModel } from '../../../../../electron/ml/model-file.js';
import { linearRegressionNode } from '../../../../../electron/nodes/model/linear_regression.js';
import { naiveBayesNode } from '../../../../../electron/nodes/model/naive_bayes.js';
import { dropFrom, performanceNode, type PerformanceMetrics } from '../../../../../electron/nodes/monitor/performance.js';
import { makeTestContext } from '../data/context.js';
import { runNode, sharedEnv, table, throughJson, train } from '../model/run-node.js';
import { modelRows, subset } from './model-rows.js';

const { env } = sharedEnv();

// label follows a in weeks 1–2; in weeks 3–4 a growing share of labels is flipped
const LABELLED = `
  SELECT i, 1 + i // 100 AS week, DATE '2024-03-04' + (7 * (i // 100))::INTEGER AS day, a,
         CASE WHEN (a > 0.5) != (i // 100 >= 2 AND hash(i) % 10 < 2 * (i // 100 - 1)) THEN 'yes' ELSE 'no' END AS label
  FROM (SELECT i, (hash(i + 99) % 1000) / 1000.0 AS a FROM range(400) t(i))`;

async function setup() {
  const data = env().data;
  const train_ = await table(data, `SELECT (hash(i) % 1000) / 1000.0 AS a, CASE WHEN (hash(i) % 1000) / 1000.0 > 0.5 THEN 'yes' ELSE 'no' END AS label FROM range(500) t(i)`);
  const { model } = await train(naiveBayesNode, env(), train_, { target: 'label' });
  const labelled = await table(data, LABELLED);
  const { X, all } = await modelRows(data, labelled, model);
  const predicted = predictWithModel(model, X).prediction;
  const accuracyWhere = (keep: (i: number) => boolean) => {
    const rows = all.map((_, i) => i).filter(keep);
    return rows.filter((i) => model.classes[predicted[i]] === all[i].label).length / rows.length;
  };
  return { model: throughJson(model), labelled, all, accuracyWhere };
}

describe('monitor.performance', () => {
  it('scores each batch of a batch column like the model\'s accuracy on those rows, flagging degraded weeks', async () => {
    const { model, labelled, all, accuracyWhere } = await setup();
    const out = (await runNode(performanceNode, env(), { model, data: labelled }, { batch_column: 'week' })).metrics as PerformanceMetrics;
    const weekly = [1, 2, 3, 4].map((w) => accuracyWhere((i) => all[i].week === w));
    expect(Object.keys(out).slice(0, 4)).toEqual(['metric', 'reference', 'batches', 'degraded']);
    expect(out.metric).toBe('accuracy');
    expect(out.batches.map((b) => [b.batch, b.n])).toEqual([[1, 100], [2, 100], [3, 100], [4, 100]]);
    out.batches.forEach((b, k) => expect(b.value).toBeCloseTo(weekly[k], 14));
    expect(out.reference).toBe(out.batches[0].value);
    // relative drop > 0.1 of the first week's accuracy
    expect(out.batches.map((b) => b.degraded)).toEqual(weekly.map((v) => (weekly[0] - v) / weekly[0] > 0.1));
    expect(out.batches[3].degraded).toBe(true);
    expect(out.degraded).toBe(true);
    expect(out.latency_ms).toMatchObject({ rows: 200 });
    const { p50, p95, p99 } = out.latency_ms as { p50: number; p95: number; p99: number };
    expect(p50).toBeLessThanOrEqual(p95);
    expect(p95).toBeLessThanOrEqual(p99);
  });

  it('labels date batches as ISO dates, and uses reference_value with an absolute drop', async () => {
    const { model, labelled } = await setup();
    const out = (await runNode(performanceNode, env(), { model, data: labelled }, { batch_column: 'day', reference_value: 1, drop: 'absolute', max_drop: 0.25 }))
      .metrics as PerformanceMetrics;
    expect(out.batches.map((b) => b.batch)).toEqual(['2024-03-04', '2024-03-11', '2024-03-18', '2024-03-25']);
    expect(out.reference).toBe(1);
    expect(out.batches.map((b) => b.degraded)).toEqual(out.batches.map((b) => 1 - (b.value as number) > 0.25));
  });

  it('cuts rows into 10 batches by default or into batch_size rows, and leaves out rows without a target', async () => {
    const { model, labelled } = await setup();
    const tenths = (await runNode(performanceNode, env(), { model, data: labelled }, {})).metrics as PerformanceMetrics;
    expect(tenths.batches.map((b) => [b.batch, b.n])).toEqual(Array.from({ length: 10 }, (_, k) => [k + 1, 40]));
    const holes = await table(env().data, `SELECT * REPLACE (CASE WHEN i % 50 = 0 THEN NULL ELSE label END AS label) FROM (${LABELLED})`);
    const ctx = makeTestContext();
    const sized = (await runNode(performanceNode, env(), { model, data: holes }, { batch_size: 150 }, ctx)).metrics as PerformanceMetrics;
    expect(sized.batches.map((b) => [b.batch, b.n])).toEqual([[1, 150], [2, 150], [3, 92]]);
    expect(ctx.warnings).toEqual(["8 rows with a missing target 'label' left out"]);
  });

  it('tracks rmse of a regressor, where higher values are worse', async () => {
    const data = env().data;
    const source = `SELECT i, i // 50 AS part, i::DOUBLE AS x, 1 + 2 * i + (CASE WHEN i >= 100 THEN (i % 7) * 3 ELSE (i % 7) * 0.1 END) AS y FROM range(150) t(i)`;
    const trainRows = await table(data, `SELECT * FROM (${source}) WHERE i < 100`);
    const { model } = await train(linearRegressionNode, env(), trainRows, { target: 'y', features: ['x'] });
    const labelled = await table(data, source);
    const out = (await runNode(performanceNode, env(), { model: throughJson(model), data: labelled }, { batch_column: 'part' })).metrics as PerformanceMetrics;
    const { X, all } = await modelRows(data, labelled, model);
    const rmse = (p: number) => {
      const part = subset(X, (i) => all[i].part === p);
      const yhat = predictWithModel(model, part).prediction;
      const ys = all.filter((r) => r.part === p).map((r) => r.y as number);
      return Math.sqrt(ys.reduce((s, y, k) => s + (y - yhat[k]) ** 2, 0) / ys.length);
    };
    expect(out).toMatchObject({ metric: 'rmse', higher_is_better: false });
    out.batches.forEach((b, k) => expect(b.value).toBeCloseTo(rmse(k), 10));
    expect(out.batches.map((b) => b.degraded)).toEqual([false, false, true]);
  });

  it('measures drops in the metric\'s direction', () => {
    expect(dropFrom(0.9, 0.81, true, 'relative')).toBeCloseTo(0.1, 14);
    expect(dropFrom(2, 2.5, false, 'absolute')).toBe(0.5);
    expect(dropFrom(2, 1.5, false, 'relative')).toBe(-0.25);
  });
});
