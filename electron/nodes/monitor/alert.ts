// monitor.alert: evaluates its rule over the connected drift report / metrics and says whether it fired,
// with the values it used. Pure: recording the alert and retraining are the run recorder's and the app's job.
import { alert as declaration, type AlertSeverity } from '../../../shared/catalog/monitor/alert.js';
import { invalidInput } from '../../../shared/errors.js';
import { ExpressionError } from '../../data/expression/ast.js';
import { parseExpression } from '../../data/expression/parse.js';
import { evaluateCondition } from '../control/condition.js';
import { implementNode } from '../env.js';

type Value = number | string | boolean | null;

export interface AlertOutput {
  fired: boolean;
  rule: string;
  severity: AlertSeverity;
  message: string;
  evidence: Record<string, Value | string[]>;
  retrain_pipeline: string | null;
  retrain: 'manual' | 'auto';
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What the condition reads: one input as it is, or both merged (metrics win) with `drift.` / `metrics.` prefixes. */
export function alertScope(drift: unknown, metrics: unknown): Record<string, unknown> {
  if (isObject(drift) && isObject(metrics)) return { ...drift, ...metrics, drift, metrics };
  if (isObject(metrics)) return metrics;
  if (isObject(drift)) return drift;
  throw invalidInput('connect a drift report or metrics to check the condition on');
}

function driftedColumns(drift: unknown): string[] | undefined {
  if (!isObject(drift) || !Array.isArray(drift.columns)) return undefined;
  return drift.columns.filter((c): c is { name: string } => isObject(c) && c.drifted === true && typeof c.name === 'string').map((c) => c.name);
}

const shown = (v: Value | string[]): string => (typeof v === 'number' ? String(Number(v.toPrecision(4))) : Array.isArray(v) ? v.join(', ') : JSON.stringify(v));

export const alertNode = implementNode({
  declaration,
  implVersion: 1,
  async run(_ctx, inputs, params) {
    const scope = alertScope(inputs.drift, inputs.metrics);
    const used = new Map<string, Value>();
    let result: unknown;
    try {
      result = evaluateCondition(parseExpression(params.condition), scope, used);
    } catch (e) {
      if (e instanceof ExpressionError) throw invalidInput(`condition: ${e.message} (column ${e.position})`, { param: 'condition' }, e.pointAt(params.condition));
      throw e;
    }
    if (typeof result !== 'boolean') throw invalidInput(`condition must be true or false, got ${JSON.stringify(result)}`, { param: 'condition' });
    const evidence: Record<string, Value | string[]> = Object.fromEntries(used);
    const drifted = driftedColumns(inputs.drift);
    if (drifted) evidence.drifted_columns = drifted;
    const seen = Object.entries(evidence).map(([k, v]) => `${k} = ${shown(v)}`).join('; ');
    const output: AlertOutput = {
      fired: result,
      rule: params.condition,
      severity: params.severity,
      message: params.message || `${params.condition}${seen ? ` (${seen})` : ''}`,
      evidence,
      retrain_pipeline: params.retrain_pipeline,
      retrain: params.retrain,
    };
    return { alert: output };
  },
});
