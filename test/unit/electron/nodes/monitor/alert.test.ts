// monitor.alert: fires exactly when its condition holds for the connected drift report / metrics, reports the
// values it read (and the drifted columns) as evidence, and refuses bad conditions or a missing input.
import { describe, expect, it } from 'vitest';
import { alert } from '../../../../../shared/catalog/monitor/alert.js';
import { alertNode, alertScope, type AlertOutput } from '../../../../../electron/nodes/monitor/alert.js';
import type { NodeEnv } from '../../../../../electron/nodes/env.js';
import { makeTestContext } from '../data/context.js';

const DRIFT = {
  dataset_drift: false,
  share_drifted: 1 / 3,
  drift_share_threshold: 0.5,
  columns: [
    { name: 'age', kind: 'numeric', test: 'ks', statistic: 0.4, p_value: 0.001, threshold: 0.05, drifted: true },
    { name: 'city', kind: 'categorical', test: 'chi2', statistic: 1.2, p_value: 0.5, threshold: 0.05, drifted: false },
    { name: 'plan', kind: 'categorical', test: 'z', statistic: 0.1, p_value: 0.9, threshold: 0.05, drifted: false },
  ],
};
const PERFORMANCE = { metric: 'accuracy', reference: 0.9, batches: [{ batch: 1, n: 100, value: 0.78, degraded: true }], degraded: true };

async function fire(inputs: { drift?: unknown; metrics?: unknown }, params: Record<string, unknown>): Promise<AlertOutput> {
  const out = await alertNode.run(makeTestContext(), inputs, alert.params.parse(params), {} as NodeEnv);
  return (out as { alert: AlertOutput }).alert;
}

describe('monitor.alert', () => {
  it('fires on a drift report when the rule holds, with the values read and the drifted columns as evidence', async () => {
    const out = await fire({ drift: DRIFT }, { condition: 'dataset_drift or share_drifted >= 0.3', severity: 'critical', retrain_pipeline: 'churn', retrain: 'auto' });
    expect(out).toEqual({
      fired: true,
      rule: 'dataset_drift or share_drifted >= 0.3',
      severity: 'critical',
      message: 'dataset_drift or share_drifted >= 0.3 (dataset_drift = false; share_drifted = 0.3333; drifted_columns = age)',
      evidence: { dataset_drift: false, share_drifted: 1 / 3, drifted_columns: ['age'] },
      retrain_pipeline: 'churn',
      retrain: 'auto',
    });
  });

  it('does not fire when the rule is false, and keeps the user message', async () => {
    const out = await fire({ drift: DRIFT }, { condition: 'share_drifted >= 0.5', message: 'customers moved' });
    expect(out).toMatchObject({ fired: false, message: 'customers moved', severity: 'warning', retrain_pipeline: null, retrain: 'manual' });
    expect(out.evidence).toEqual({ share_drifted: 1 / 3, drifted_columns: ['age'] });
  });

  it('reads nested metrics by quoted dotted names, and both inputs with metrics first', async () => {
    expect((await fire({ metrics: PERFORMANCE }, { condition: '"batches.0.value" < 0.8' })).fired).toBe(true);
    expect((await fire({ metrics: PERFORMANCE }, { condition: '"batches.0.value" < 0.7' })).fired).toBe(false);
    const both = await fire({ drift: DRIFT, metrics: PERFORMANCE }, { condition: 'degraded and "drift.share_drifted" > 0.3' });
    expect(both.fired).toBe(true);
    expect(both.evidence).toMatchObject({ degraded: true, 'drift.share_drifted': 1 / 3 });
    expect(alertScope(DRIFT, { dataset_drift: 'metrics win' })).toMatchObject({ dataset_drift: 'metrics win', share_drifted: 1 / 3 });
  });

  it('refuses a condition that is not true/false, names an unknown metric, or has nothing to read', async () => {
    await expect(fire({ drift: DRIFT }, { condition: 'share_drifted + 1' })).rejects.toMatchObject({ kind: 'invalid_input' });
    await expect(fire({ drift: DRIFT }, { condition: 'accuracy < 0.5' })).rejects.toThrow(/unknown metric 'accuracy'/);
    await expect(fire({}, { condition: 'dataset_drift' })).rejects.toThrow(/connect a drift report or metrics/);
  });

  it('declares two optional inputs, one metrics output and the documented defaults', () => {
    expect(alert.inputs.drift).toMatchObject({ type: 'drift', optional: true });
    expect(alert.inputs.metrics).toMatchObject({ type: 'metrics', optional: true });
    expect(alert.outputs.alert.type).toBe('metrics');
    expect(alert.params.parse({ condition: 'dataset_drift' })).toEqual({ condition: 'dataset_drift', severity: 'warning', message: '', retrain_pipeline: null, retrain: 'manual' });
    expect(alert.params.safeParse({ condition: 'x', severity: 'error' }).success).toBe(false);
  });
});
