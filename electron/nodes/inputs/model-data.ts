// Reading model inputs from tables, for trainers, prediction and evaluation: columns checked, typed columns read
// once, rows without a target left out with a warning, text mapped onto a model's levels.
import { invalidInput } from '../../../shared/errors.js';
import type { TableRef } from '../../data/types.js';
import type { NodeRunContext } from '../../engine/types.js';
import type { ModelFileEnvelope } from '../../ml/model-file.js';
import type { FeatureMatrix, Target } from '../../ml/types.js';
import type { NodeEnv } from '../env.js';
import {
  checkModelColumns,
  chooseColumns,
  fewIntegerClassesHint,
  frameColumn,
  modelFeatures,
  modelTarget,
  pickRows,
  pickTarget,
  rowsWhere,
  tableFeatures,
  trainingTarget,
  unseenLevelsWarning,
  type TaskChoice,
} from './ml-frame.js';

export interface TrainingData {
  X: FeatureMatrix;
  y: Target;
  target: string;
}

export interface ColumnChoice {
  target: string;
  features: readonly string[];
  task: TaskChoice;
}

export function tableFrom(inputs: Record<string, unknown>, port: string): TableRef {
  const value = inputs[port] as Partial<TableRef> | undefined;
  if (!value || typeof value.table !== 'string') throw invalidInput(`input '${port}' did not get a table`);
  return value as TableRef;
}

function warnDropped(ctx: NodeRunContext, dropped: number, target: string, port: string): void {
  if (dropped > 0) ctx.warn(`${dropped} row${dropped === 1 ? '' : 's'} of '${port}' with a missing target '${target}' ${dropped === 1 ? 'was' : 'were'} left out`);
}

/** The training rows of a trainer: features (default all but the target) and the target, task per SPEC §4. */
export async function readTrainingData(ctx: NodeRunContext, env: NodeEnv, table: TableRef, choice: ColumnChoice, port = 'train'): Promise<TrainingData> {
  const chosen = chooseColumns(await env.data.columns(table), choice.target, choice.features);
  const frame = await env.data.toFrame(table, [...chosen.features, chosen.target]);
  const targetColumn = frameColumn(frame, chosen.target);
  const { y, keep } = trainingTarget(targetColumn, choice.task);
  const classesHint = choice.task === 'auto' ? fewIntegerClassesHint(targetColumn) : null;
  if (classesHint) ctx.warn(classesHint);
  warnDropped(ctx, frame.nrows - keep.length, chosen.target, port);
  if (keep.length === 0) throw invalidInput(`'${port}' has no rows with a value in the target '${chosen.target}'`, { param: 'target' });
  return { X: pickRows(tableFeatures(frame, chosen.features), keep), y, target: chosen.target };
}

/**
 * Labelled rows for a model (validation rows, evaluation data): its features mapped onto its levels and its target
 * matched to its classes. Rows without a target are left out; a class the model does not know is an error, or
 * (`unknownClasses: 'drop'`) left out with a warning.
 */
export async function readLabelledData(
  ctx: NodeRunContext,
  env: NodeEnv,
  table: TableRef,
  model: Pick<ModelFileEnvelope, 'features' | 'feature_levels' | 'task' | 'classes'> & { target: string | null },
  port: string,
  unknownClasses: 'error' | 'drop' = 'error',
): Promise<{ X: FeatureMatrix; y: Target }> {
  if (model.target === null) {
    throw invalidInput('the model does not name its target column (for an imported XGBoost model, set `target` on model.import_xgboost)');
  }
  const target = model.target;
  const columns = await env.data.columns(table);
  checkModelColumns(columns, [...model.features, target], `the model's column${model.features.length ? 's' : ''}`);
  const frame = await env.data.toFrame(table, [...model.features, target]);
  const { X, unseen } = modelFeatures(frame, model);
  const warning = unseenLevelsWarning(unseen);
  if (warning) ctx.warn(`'${port}': ${warning}`);
  const labelled = modelTarget(frameColumn(frame, target), model);
  warnDropped(ctx, frame.nrows - labelled.keep.length, target, port);
  let keep = labelled.keep;
  let y = labelled.y;
  if (labelled.unknown.size) {
    const list = [...labelled.unknown].map(([label, n]) => `'${label}' (${n} row${n === 1 ? '' : 's'})`).join(', ');
    const known = model.classes.map((c) => `'${c}'`).join(', ');
    if (unknownClasses === 'error') throw invalidInput(`'${port}' has classes the model does not know: ${list}; the model's classes are ${known}`);
    ctx.warn(`rows of '${port}' with classes the model does not know were left out: ${list}`);
    const recognised = rowsWhere(keep.length, (r) => (y as Extract<Target, { task: 'classification' }>).codes[r] >= 0);
    keep = Int32Array.from(recognised, (r) => keep[r]);
    y = pickTarget(y, recognised);
  }
  if (keep.length === 0) throw invalidInput(`'${port}' has no rows with a value in the target '${target}'`);
  return { X: pickRows(X, keep), y };
}

/** The model's features from rows to predict (all rows kept, in order). */
export async function readFeatures(ctx: NodeRunContext, env: NodeEnv, table: TableRef, model: Pick<ModelFileEnvelope, 'features' | 'feature_levels'>): Promise<FeatureMatrix> {
  checkModelColumns(await env.data.columns(table), model.features, `the model's feature column${model.features.length === 1 ? '' : 's'}`);
  const frame = await env.data.toFrame(table, model.features);
  const { X, unseen } = modelFeatures(frame, model);
  const warning = unseenLevelsWarning(unseen);
  if (warning) ctx.warn(warning);
  return X;
}

/** The buffers of feature matrices and targets, for moving them to a worker instead of copying (each once). */
export function buffersOf(...parts: (FeatureMatrix | Target | undefined)[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const part of parts) {
    if (!part) continue;
    if ('columns' in part) for (const c of part.columns) out.add(c.buffer as ArrayBuffer);
    else out.add((part.task === 'classification' ? part.codes : part.values).buffer as ArrayBuffer);
  }
  return [...out];
}
