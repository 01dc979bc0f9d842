// Estimator record of k-nearest neighbours: both tasks, no margin (SHAP explains its probabilities or values).

import { z } from 'zod';
import type { Estimator } from '../estimator.js';
import { mostProbableClass } from '../metrics/decision.js';
import { count, encodingSchema, taskSchema } from '../model-file/parts.js';
import { checkClasses, checkEncoding, levelsOf } from '../model-file/problems.js';
import { fitKnn, knnDefaults, predictKnn, predictProbaKnn, type KnnModel, type KnnParams } from './knn.js';

export const knnEstimator: Estimator<'knn', KnnModel, KnnParams> = {
  type: 'knn',
  tasks: ['classification', 'regression'],
  defaults: knnDefaults,
  fit: (X, y, params, control) => fitKnn(X, y, params, control),
  schema: z.object({
    kind: z.literal('knn'),
    task: taskSchema,
    classes: z.array(z.string()),
    params: z.object({ n_neighbors: z.number().int().min(1), weights: z.enum(['uniform', 'distance']), standardize: z.boolean() }),
    encoding: encodingSchema,
    nTrain: count,
    train: z.array(z.number()),
    targets: z.array(z.number()),
  }),
  check(model, file, p) {
    const K = file.classes.length;
    checkEncoding(p, model.encoding, levelsOf(file));
    p.check(model.task === file.task, 'model.task', `does not match the file's task '${file.task}'`);
    p.check(model.train.length === model.nTrain * model.encoding.feature.length, 'model.train', 'size does not match nTrain × encoded columns');
    p.check(model.targets.length === model.nTrain, 'model.targets', `expected ${model.nTrain} values`);
    p.check(model.params.n_neighbors <= model.nTrain, 'model.params.n_neighbors', 'is more than the training rows');
    if (file.task === 'classification') {
      checkClasses(p, model.classes, file.classes, 1);
      p.check(model.targets.every((c) => Number.isInteger(c) && c >= 0 && c < K), 'model.targets', 'holds a class code outside the classes');
    }
  },
  predict(model, X, file) {
    if (file.task === 'regression') return { prediction: predictKnn(model, X) };
    const proba = predictProbaKnn(model, X);
    return { prediction: mostProbableClass(proba, X.nRows, file.classes.length), proba };
  },
  hasMargin: false,
};
