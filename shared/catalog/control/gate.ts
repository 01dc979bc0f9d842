// control.gate: stops the run (exit code 3) when a condition on metrics is false, e.g. a quality bar in CI.
import { z } from 'zod';
import { defineNode } from '../define.js';

export const gate = defineNode({
  type: 'control.gate',
  version: 1,
  group: 'control',
  title: 'Gate',
  docs:
    'Fails the run with status gate_failed (CLI exit code 3) when `condition` is false for the incoming metrics. ' +
    'The condition compares metric names with numbers, e.g. `accuracy >= 0.9 and roc_auc > 0.8`; nested values use a ' +
    'quoted dotted name such as `"difference.value" > 0`.',
  inputs: { metrics: { type: 'metrics', label: 'metrics' } },
  outputs: {},
  params: z.object({
    condition: z.string().min(1).describe('Condition that must hold, e.g. `accuracy >= 0.9`'),
  }),
  ui: { condition: { widget: 'expression', port: 'metrics' } },
});

export const controlNodes = [gate];
