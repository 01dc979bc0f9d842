// model.predict: the input rows plus `prediction` and, for classifiers, `proba_<class>` columns (SPEC §6), in the
// input's row order (the prediction table is joined back by position).
import { predict as declaration } from '../../../shared/catalog/model/predict.js';
import { invalidInput } from '../../../shared/errors.js';
import { quoteIdent } from '../../data/sql-text.js';
import type { Frame, FrameColumn } from '../../data/types.js';
import { loadModelFile, type ModelOutput, type PlumbModelFile } from '../../ml/model-file.js';
import { implementNode } from '../env.js';
import { tableFrom } from '../inputs/model-data.js';
import { predictTable } from '../inputs/predict-rows.js';

/** The new columns as a frame: class labels as text for classifiers, one probability column per class. */
export function predictionFrame(file: Pick<PlumbModelFile, 'task' | 'classes'>, out: ModelOutput): Frame {
  const n = out.prediction.length;
  const columns: FrameColumn[] = [];
  if (file.task === 'regression') {
    columns.push({ name: 'prediction', kind: 'numeric', values: Float64Array.from(out.prediction) });
    return { nrows: n, columns };
  }
  columns.push({ name: 'prediction', kind: 'categorical', codes: Int32Array.from(out.prediction), levels: file.classes.slice() });
  const K = file.classes.length;
  const seen = new Map<string, string>();
  file.classes.forEach((label, k) => {
    const name = `proba_${label}`;
    // DuckDB column names ignore case, so two classes may not differ by case alone.
    const other = seen.get(name.toLowerCase());
    if (other !== undefined) throw invalidInput(`classes '${other}' and '${label}' would both make column '${name}' (DuckDB ignores case)`);
    seen.set(name.toLowerCase(), label);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = out.proba![i * K + k];
    columns.push({ name, kind: 'numeric', values });
  });
  return { nrows: n, columns };
}

export const predictNode = implementNode({
  declaration,
  implVersion: 1,
  async run(ctx, inputs, _params, env) {
    const file = loadModelFile(inputs.model);
    const data = tableFrom(inputs, 'data');
    const out = await predictTable(ctx, env, file, data);
    const added = await env.data.fromFrame(predictionFrame(file, out), `${ctx.nodeId}_prediction`);
    const newNames = new Set((await env.data.columns(added)).map((c) => c.name.toLowerCase()));
    const replaced = (await env.data.columns(data)).filter((c) => newNames.has(c.name.toLowerCase())).map((c) => c.name);
    if (replaced.length) ctx.warn(`input column${replaced.length === 1 ? '' : 's'} ${replaced.map((c) => `'${c}'`).join(', ')} replaced by the prediction`);
    const kept = replaced.length ? `input.* EXCLUDE (${replaced.map(quoteIdent).join(', ')})` : 'input.*';
    const table = await env.data.createTable(
      `SELECT ${kept}, added.* FROM ${quoteIdent(data.table)} AS input POSITIONAL JOIN ${quoteIdent(added.table)} AS added`,
      ctx.nodeId,
    );
    await env.data.exec(`DROP TABLE ${quoteIdent(added.table)}`);
    return { table };
  },
});
