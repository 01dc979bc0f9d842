// monitor.anomaly: the input rows in order plus the two columns, planted outliers on top, contamination as a
// share of flagged rows, default features (numbers, dates, booleans), and the same scores as ml/anomaly.
import { describe, expect, it } from 'vitest';
import { fitIsolationForest, scoreSamples } from '../../../../../electron/ml/anomaly/index.js';
import { anomalyNode } from '../../../../../electron/nodes/monitor/anomaly.js';
import type { TableRef } from '../../../../../electron/data/types.js';
import { makeTestContext } from '../data/context.js';
import { rows, runNode, sharedEnv, table } from '../model/run-node.js';

const { env } = sharedEnv();

// 300 ordinary rows on a grid-like cloud, rows 300..304 far away; a text column and a date column ride along
const SOURCE = `
  SELECT i AS id,
         CASE WHEN i >= 300 THEN 40.0 + i ELSE ((hash(i) % 1000) / 100.0) END AS a,
         CASE WHEN i >= 300 THEN -30.0 ELSE ((hash(i + 7) % 1000) / 100.0) END AS b,
         CASE i % 3 WHEN 0 THEN 'x' WHEN 1 THEN 'y' ELSE 'z' END AS tag,
         DATE '2024-01-01' + (i % 5)::INTEGER AS day
  FROM range(305) t(i)`;

async function scored(params: Record<string, unknown>, source = SOURCE): Promise<{ out: Record<string, unknown>[]; ref: TableRef }> {
  const input = await table(env().data, source);
  const result = await runNode(anomalyNode, env(), { table: input }, params);
  return { out: await rows(env().data, result.table as TableRef), ref: result.table as TableRef };
}

describe('monitor.anomaly', () => {
  it('adds anomaly_score and is_anomaly to the rows in order, with the planted outliers on top', async () => {
    const { out, ref } = await scored({});
    expect((await env().data.columns(ref)).map((c) => `${c.name}:${c.type}`)).toEqual([
      'id:BIGINT', 'a:DOUBLE', 'b:DOUBLE', 'tag:VARCHAR', 'day:DATE', 'anomaly_score:DOUBLE', 'is_anomaly:BOOLEAN',
    ]);
    expect(out.map((r) => r.id)).toEqual(Array.from({ length: 305 }, (_, i) => i));
    const top = [...out].sort((x, y) => (y.anomaly_score as number) - (x.anomaly_score as number)).slice(0, 5);
    expect(top.map((r) => r.id as number).sort((x, y) => x - y)).toEqual([300, 301, 302, 303, 304]);
    for (const r of out) {
      expect(r.anomaly_score as number).toBeGreaterThan(0);
      expect(r.anomaly_score as number).toBeLessThanOrEqual(1);
      // 'auto': sklearn's offset −0.5, i.e. anomalous above a score of 0.5
      expect(r.is_anomaly).toBe((r.anomaly_score as number) > 0.5);
    }
  });

  it('flags the contamination share, and scores like ml/anomaly on the default features (numbers, date)', async () => {
    const { out } = await scored({ contamination: 0.02, seed: 3 });
    // the offset is numpy's 2nd percentile of the 305 training scores, at sorted position 0.02 · 304 = 6.08:
    // the 7 rows at positions 0…6 lie below it
    expect(out.filter((r) => r.is_anomaly)).toHaveLength(7);
    const columns = ['id', 'a', 'b'].map((name) => Float64Array.from(out, (r) => Number(r[name])));
    // dates reach the forest as epoch seconds
    columns.push(Float64Array.from(out, (r) => Date.parse(`${r.day as string}T00:00:00Z`) / 1000));
    const forest = fitIsolationForest(columns, 305, { nEstimators: 100, maxSamples: 'auto', contamination: 0.02, seed: 3 });
    const expected = scoreSamples(forest, columns, 305);
    out.forEach((r, i) => expect(r.anomaly_score).toBeCloseTo(-expected[i], 12));
  });

  it('uses a listed text column by its codes, and replaces earlier score columns with a warning', async () => {
    const first = await scored({ features: ['a', 'tag'] });
    const ctx = makeTestContext();
    const again = await runNode(anomalyNode, env(), { table: first.ref }, { features: ['a', 'b'] }, ctx);
    const columns = (await env().data.columns(again.table as TableRef)).map((c) => c.name);
    expect(columns.filter((c) => c === 'anomaly_score' || c === 'is_anomaly')).toHaveLength(2);
    expect(ctx.warnings).toEqual(["input columns 'anomaly_score', 'is_anomaly' replaced"]);
  });

  it('asks for features when the table has no numeric column', async () => {
    await expect(scored({}, `SELECT 'a' AS t FROM range(3)`)).rejects.toMatchObject({ kind: 'invalid_input', where: { param: 'features' } });
  });
});
