// data.prediction_log: reads the project's prediction log (NodeEnv.models.predictions) into a table. The cache
// key holds the number of matching rows and the last row id, so new predictions re-run what reads them.
import { predictionLog as declaration } from '../../../shared/catalog/data/prediction_log.js';
import { invalidInput } from '../../../shared/errors.js';
import type { Frame, FrameColumn } from '../../data/types.js';
import { implementNode, type NodeEnv, type ServedPrediction, type ServedPredictionFilter, type ServedPredictions } from '../env.js';

interface Params {
  model: string;
  version: string | null;
  since: string | null;
  until: string | null;
}

function logOf(env: NodeEnv): ServedPredictions {
  if (!env.models?.predictions) {
    throw invalidInput('data.prediction_log reads the prediction log of a project: run it in the app or with --project FILE.plumb', { param: 'model' });
  }
  return env.models.predictions;
}

const iso = (t: string | null) => (t === null ? undefined : new Date(t).toISOString());

function filterOf(params: Params): ServedPredictionFilter {
  return { model: params.model, modelVersion: params.version ?? undefined, since: iso(params.since), until: iso(params.until) };
}

const RESERVED = new Set(['served_at', 'model_version', 'latency_ms', 'key', 'prediction']);

/** A column of plain values: numbers (and nulls) stay numeric, anything else becomes text categories. */
function valueColumn(name: string, values: readonly unknown[]): FrameColumn {
  if (values.every((v) => v === null || v === undefined || typeof v === 'number')) {
    return { name, kind: 'numeric', values: Float64Array.from(values, (v) => (typeof v === 'number' ? v : NaN)) };
  }
  const texts = values.map((v) => (v === null || v === undefined ? null : String(v)));
  const levels = [...new Set(texts.filter((t): t is string => t !== null))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const code = new Map(levels.map((l, k) => [l, k]));
  return { name, kind: 'categorical', levels, codes: Int32Array.from(texts, (t) => (t === null ? -1 : code.get(t)!)) };
}

export function predictionLogFrame(rows: readonly ServedPrediction[]): Frame {
  const inputNames: string[] = [];
  const seen = new Set<string>();
  const classes: string[] = [];
  for (const row of rows) {
    for (const name of Object.keys(row.inputs)) {
      if (seen.has(name)) continue;
      seen.add(name);
      inputNames.push(name);
    }
    for (const c of Object.keys(row.probabilities ?? {})) if (!classes.includes(c)) classes.push(c);
  }
  const clash = inputNames.find((n) => RESERVED.has(n) || n.startsWith('proba_'));
  if (clash) throw invalidInput(`the logged input column '${clash}' has the name of a column this node adds`);
  const columns: FrameColumn[] = [
    valueColumn('served_at', rows.map((r) => r.servedAt)),
    valueColumn('model_version', rows.map((r) => r.modelVersion)),
    valueColumn('latency_ms', rows.map((r) => r.latencyMs)),
    valueColumn('key', rows.map((r) => r.key)),
    ...inputNames.map((n) => valueColumn(n, rows.map((r) => r.inputs[n] ?? null))),
    valueColumn('prediction', rows.map((r) => r.prediction)),
    ...classes.map((c) => valueColumn(`proba_${c}`, rows.map((r) => r.probabilities?.[c] ?? null))),
  ];
  return { nrows: rows.length, columns };
}

export const predictionLogImplementation = implementNode({
  declaration,
  implVersion: 1,
  keyMaterial(params, env) {
    return logOf(env).stamp(filterOf(params));
  },
  async run(ctx, _inputs, params, env) {
    const rows = logOf(env).list(filterOf(params));
    if (rows.length === 0) ctx.warn(`no logged predictions of model '${params.model}'${params.version ? ` version ${params.version}` : ''} in the time range`);
    return { table: await env.data.fromFrame(predictionLogFrame(rows), ctx.nodeId) };
  },
});
