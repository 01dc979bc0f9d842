// The monitor declarations: one implementation each, the SPEC's ports and params with their defaults, valid
// ui hints and a JSON Schema per node (the lead registers the arrays in the global registries).
import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../../../../shared/catalog/catalog.js';
import { monitorNodes } from '../../../../../shared/catalog/monitor/index.js';
import { MONITOR_CLASSIFICATION_METRICS, MONITOR_REGRESSION_METRICS } from '../../../../../shared/catalog/monitor/metrics.js';
import { catalogToJson } from '../../../../../electron/cli/catalog-json.js';
import { CLASSIFICATION_METRICS, REGRESSION_METRICS } from '../../../../../electron/ml/ab-test/index.js';
import { monitorImplementations } from '../../../../../electron/nodes/monitor/index.js';

describe('monitor catalog', () => {
  it('pairs every declaration with its implementation', () => {
    expect(monitorImplementations.map((i) => i.declaration)).toEqual([...monitorNodes]);
    expect(monitorNodes.map((d) => d.type)).toEqual(['monitor.drift', 'monitor.performance', 'monitor.anomaly', 'monitor.ab_test', 'monitor.alert', 'monitor.estimate_performance']);
  });

  it('declares the SPEC ports and params with their defaults', () => {
    const [drift, performance, anomaly, ab] = monitorNodes;
    expect([Object.keys(drift.inputs), Object.keys(drift.outputs)]).toEqual([['reference', 'current', 'model'], ['drift']]);
    expect(drift.inputs.model.optional).toBe(true);
    expect(drift.params.parse({})).toEqual({ test: 'auto', threshold: null, columns: [], column_tests: {}, column_kinds: {}, drift_share: 0.5 });
    expect(drift.params.safeParse({ column_tests: { age: 'anderson' } }).success).toBe(false);
    expect([Object.keys(performance.inputs), Object.keys(performance.outputs)]).toEqual([['model', 'data'], ['metrics']]);
    expect(performance.params.parse({})).toEqual({ batch_column: null, batch_size: null, metric: 'auto', max_drop: 0.1, drop: 'relative', reference_value: null });
    expect([Object.keys(anomaly.inputs), Object.keys(anomaly.outputs)]).toEqual([['table'], ['table']]);
    expect(anomaly.params.parse({})).toEqual({ n_estimators: 100, max_samples: 'auto', contamination: 'auto', features: [], seed: 0 });
    expect(anomaly.params.parse({ contamination: 0.1, max_samples: 0.5 })).toMatchObject({ contamination: 0.1, max_samples: 0.5 });
    expect(anomaly.params.safeParse({ contamination: 0.7 }).success).toBe(false);
    expect([Object.keys(ab.inputs), Object.keys(ab.outputs)]).toEqual([['model_a', 'model_b', 'data'], ['metrics']]);
    expect(ab.params.parse({})).toEqual({ metric: 'auto', test: 'auto', n_bootstrap: 1000, alpha: 0.05, seed: 0 });
  });

  it('offers the metrics ml/ab-test computes', () => {
    expect(MONITOR_CLASSIFICATION_METRICS).toEqual(CLASSIFICATION_METRICS);
    expect(MONITOR_REGRESSION_METRICS).toEqual(REGRESSION_METRICS);
  });

  it('exports a JSON Schema per node and only names real params and ports in ui hints', () => {
    const json = catalogToJson(createCatalog(monitorNodes).all());
    expect(json).toHaveLength(6);
    for (const entry of json) expect(entry.params).toMatchObject({ type: 'object' });
    for (const d of monitorNodes) {
      for (const [name, hint] of Object.entries(d.ui ?? {})) {
        expect(Object.keys(d.params.shape)).toContain(name);
        if (hint && 'port' in hint) expect([...Object.keys(d.inputs), ...Object.keys(d.outputs)]).toContain(hint.port);
      }
    }
  });
});
