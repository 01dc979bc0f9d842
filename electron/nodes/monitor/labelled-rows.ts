// Labelled rows for the monitor nodes that score models: one read of the table for one or two models' features,
// the target matched to the model's classes, and rows without a target (or batch) left out.
import { invalidInput } from '../../../shared/errors.js';
import type { Frame, TableRef } from '../../data/types.js';
import type { NodeRunContext } from '../../engine/types.js';
import type { PlumbModelFile } from '../../ml/model-file.js';
import type { FeatureMatrix, Target } from '../../ml/types.js';
import type { NodeEnv } from '../env.js';
import { checkModelColumns, frameColumn, modelFeatures, modelTarget, pickRows, pickTarget, unseenLevelsWarning } from '../inputs/ml-frame.js';

export interface LabelledRows {
  frame: Frame;
  /** per model, its features for the kept rows */
  X: FeatureMatrix[];
  y: Target;
  /** kept row numbers of the table */
  keep: Int32Array;
}

function targetOf(file: PlumbModelFile): string {
  if (file.target === null) throw invalidInput('the model does not name its target column (for an imported XGBoost model, set `target` on model.import_xgboost)');
  return file.target;
}

/**
 * Reads the models' features, their (shared) target and `extra` columns; `dropRow` may leave out more rows
 * (e.g. without a batch). A class the model does not know is an error, as in evaluate.*.
 */
export async function readLabelledRows(
  ctx: NodeRunContext,
  env: NodeEnv,
  table: TableRef,
  files: readonly PlumbModelFile[],
  extra: readonly string[] = [],
  dropRow?: (frame: Frame, row: number) => boolean,
): Promise<LabelledRows> {
  const target = targetOf(files[0]);
  const names = [...new Set([...files.flatMap((f) => f.features), target, ...extra])];
  checkModelColumns(await env.data.columns(table), names, `the column${names.length === 1 ? '' : 's'}`);
  const frame = await env.data.toFrame(table, names);
  const X = files.map((file) => {
    const { X: features, unseen } = modelFeatures(frame, file);
    const warning = unseenLevelsWarning(unseen);
    if (warning) ctx.warn(warning);
    return features;
  });
  const labelled = modelTarget(frameColumn(frame, target), files[0]);
  if (labelled.unknown.size) {
    const list = [...labelled.unknown].map(([label, n]) => `'${label}' (${n} row${n === 1 ? '' : 's'})`).join(', ');
    throw invalidInput(`the data has classes the model does not know: ${list}; the model's classes are ${files[0].classes.map((c) => `'${c}'`).join(', ')}`);
  }
  const missingTarget = frame.nrows - labelled.keep.length;
  if (missingTarget) ctx.warn(`${missingTarget} row${missingTarget === 1 ? '' : 's'} with a missing target '${target}' left out`);
  let keepIndex = Int32Array.from(labelled.keep.keys());
  if (dropRow) keepIndex = keepIndex.filter((r) => !dropRow(frame, labelled.keep[r]));
  const keep = Int32Array.from(keepIndex, (r) => labelled.keep[r]);
  if (keep.length === 0) throw invalidInput(`no rows with a value in the target '${target}'`);
  return { frame, X: X.map((m) => pickRows(m, keep)), y: pickTarget(labelled.y, keepIndex), keep };
}
