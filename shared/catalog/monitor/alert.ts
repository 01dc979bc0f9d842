// monitor.alert: a rule over drift or metrics outputs that raises an alert (stored in the project) and can
// ask for a retraining run of another pipeline.
import { z } from 'zod';
import { defineNode } from '../define.js';

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const alert = defineNode({
  type: 'monitor.alert',
  version: 1,
  group: 'monitor',
  title: 'Alert',
  docs:
    'Fires when `condition` is true for the connected drift report and/or metrics, e.g. `dataset_drift`, ' +
    '`share_drifted >= 0.3` or `"batches.0.value" < 0.8` (the language of control.gate; with both inputs connected, ' +
    'names are looked up in the metrics first, then the drift report, and `drift.x` / `metrics.x` name one of them). ' +
    'The output says whether it fired and which values it used. When it fires in a recorded run (the app, or ' +
    '`plumb run --project`), an alert with this severity and message is added to the project. `retrain_pipeline` ' +
    'names a pipeline of the project to re-run on the current data: with `retrain: manual` the alert offers a Retrain ' +
    'button, with `retrain: auto` the app starts that run once when the alert is raised. The CLI records alerts but ' +
    'never retrains, and a retraining run never triggers another retraining of the same pipeline.',
  inputs: {
    drift: { type: 'drift', optional: true, docs: 'A drift report (monitor.drift).' },
    metrics: { type: 'metrics', optional: true, docs: 'Metrics, e.g. monitor.performance or evaluate.* output.' },
  },
  outputs: {
    alert: { type: 'metrics', docs: '{ fired, rule, severity, message, evidence, retrain_pipeline, retrain }' },
  },
  params: z.object({
    condition: z.string().min(1).describe('When to alert, e.g. `dataset_drift or share_drifted >= 0.3`'),
    severity: z.enum(ALERT_SEVERITIES).default('warning').describe('How serious the alert is.'),
    message: z.string().default('').describe('What the alert says; empty means the condition and the values seen.'),
    retrain_pipeline: z.string().min(1).nullable().default(null).describe('Pipeline of the project to re-run when the alert fires.'),
    retrain: z.enum(['manual', 'auto']).default('manual').describe('manual: a Retrain button on the alert; auto: the app retrains at once.'),
  }),
  ui: { condition: { widget: 'expression', port: 'drift' } },
});
