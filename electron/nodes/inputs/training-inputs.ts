// What every trainer reads first: its `train` rows and, when the optional `valid` port is wired, validation rows
// read against the training features, levels and classes (rows of classes not seen in training left out).
import type { NodeRunContext } from '../../engine/types.js';
import type { FeatureMatrix, Target } from '../../ml/types.js';
import type { NodeEnv } from '../env.js';
import { featureLevels } from '../model/model-file-build.js';
import { readLabelledData, readTrainingData, tableFrom, type ColumnChoice, type TrainingData } from './model-data.js';

export interface TrainingInputs {
  train: TrainingData;
  valid?: { X: FeatureMatrix; y: Target };
}

export async function readTrainingInputs(ctx: NodeRunContext, env: NodeEnv, inputs: Record<string, unknown>, choice: ColumnChoice): Promise<TrainingInputs> {
  const train = await readTrainingData(ctx, env, tableFrom(inputs, 'train'), choice);
  if (inputs.valid === undefined || inputs.valid === null) return { train };
  const y = train.y;
  const valid = await readLabelledData(
    ctx,
    env,
    tableFrom(inputs, 'valid'),
    { features: train.X.names, feature_levels: featureLevels(train.X), task: y.task, classes: y.task === 'classification' ? y.classes : [], target: train.target },
    'valid',
    'drop',
  );
  return { train, valid };
}
