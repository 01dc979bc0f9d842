// evaluate.fairness: the model's decisions on labelled rows grouped by sensitive columns, scored by ml/fairness with
// Fairlearn's definitions; flat disparity keys first so control.gate can test them.
import { evaluateFairness as declaration } from '../../../shared/catalog/evaluate/fairness.js';
import { invalidInput } from '../../../shared/errors.js';
import type { Frame } from '../../data/types.js';
import { fairnessMetrics, groupRates, type FairnessResult } from '../../ml/fairness/index.js';
import { loadModelFile } from '../../ml/model-file.js';
import { resolveColumn } from '../data/table-columns.js';
import { implementNode } from '../env.js';
import { frameColumn, numberLabel } from '../inputs/ml-frame.js';
import { tableFrom } from '../inputs/model-data.js';
import { predictInWorker } from '../inputs/predict-rows.js';
import { readLabelledRows } from '../monitor/labelled-rows.js';

export interface FairnessMetrics extends FairnessResult {
  positive: string;
  sensitive: string[];
  n: number;
}

/** A row's value of one column as text, or null when missing. */
function cellText(frame: Frame, name: string, row: number): string | null {
  const column = frameColumn(frame, name);
  if (column.kind === 'numeric') return Number.isNaN(column.values[row]) ? null : numberLabel(column.values[row]);
  return column.codes[row] < 0 ? null : column.levels[column.codes[row]];
}

export const evaluateFairnessNode = implementNode({
  declaration,
  implVersion: 1,
  async run(ctx, inputs, params, env) {
    const file = loadModelFile(inputs.model);
    if (file.task !== 'classification') throw invalidInput('fairness metrics need a classification model; this one is a regressor');
    if (params.sensitive.length === 0) throw invalidInput('name at least one sensitive column', { param: 'sensitive' });
    const positive = params.positive ?? file.classes[file.classes.length - 1];
    const posCode = file.classes.indexOf(positive);
    if (posCode < 0) throw invalidInput(`positive class '${positive}' is not one of the model's classes (${file.classes.join(', ')})`, { param: 'positive' });
    const table = tableFrom(inputs, 'data');
    const columns = await env.data.columns(table);
    const sensitive = params.sensitive.map((name) => resolveColumn(columns, name, 'sensitive').name);
    let missing = 0;
    const rows = await readLabelledRows(ctx, env, table, [file], sensitive, (frame, row) => {
      const absent = sensitive.some((name) => cellText(frame, name, row) === null);
      if (absent) missing++;
      return absent;
    });
    if (missing) ctx.warn(`${missing} row${missing === 1 ? '' : 's'} with a missing ${sensitive.join(' or ')} left out`);
    // One group per combination of values, named like "F" or "F, 30-40", sorted by name.
    const keys = Array.from(rows.keep, (row) => sensitive.map((name) => cellText(rows.frame, name, row)).join(', '));
    const names = [...new Set(keys)].sort();
    const index = new Map(names.map((g, k) => [g, k]));
    const groupOf = Int32Array.from(keys, (k) => index.get(k) as number);
    if (rows.y.task !== 'classification') throw invalidInput('the target is not categorical');
    const actual = Int32Array.from(rows.y.codes, (c) => (c === posCode ? 1 : 0));
    const out = await predictInWorker(ctx, env, file, rows.X[0]);
    const predicted = Int32Array.from(out.prediction, (c) => (c === posCode ? 1 : 0));
    const result = fairnessMetrics(groupRates(actual, predicted, groupOf, names));
    const { groups, ...disparities } = result;
    const metrics: FairnessMetrics = { ...disparities, positive, sensitive, n: rows.keep.length, groups };
    return { metrics };
  },
});
