// Estimator record of naive Bayes: a classifier; SHAP explains its probabilities (its joint log-likelihood is a
// margin for prediction only).

import { z } from 'zod';
import type { Estimator } from '../estimator.js';
import { mostProbableClass } from '../metrics/decision.js';
import { count } from '../model-file/parts.js';
import { checkClasses, levelsOf } from '../model-file/problems.js';
import { fitNaiveBayes, jointLogLikelihood, naiveBayesDefaults, predictProbaNaiveBayes, type NaiveBayesModel, type NaiveBayesParams } from './naive-bayes.js';

export const naiveBayesEstimator: Estimator<'naive_bayes', NaiveBayesModel, NaiveBayesParams> = {
  type: 'naive_bayes',
  tasks: ['classification'],
  defaults: naiveBayesDefaults,
  fit: (X, y, params, control) => fitNaiveBayes(X, y, params, control),
  schema: z.object({
    kind: z.literal('naive_bayes'),
    task: z.literal('classification'),
    classes: z.array(z.string()),
    params: z.record(z.string(), z.unknown()),
    nFeatures: count,
    classCount: z.array(z.number().min(0)),
    epsilon: z.number(),
    gaussian: z.array(z.object({ feature: count, mean: z.array(z.number()), variance: z.array(z.number().positive()) })),
    categorical: z.array(z.object({ feature: count, logProb: z.array(z.array(z.number())) })),
  }),
  check(model, file, p) {
    const K = file.classes.length;
    const levels = levelsOf(file);
    p.check(file.task === 'classification', 'task', 'naive Bayes is a classifier');
    checkClasses(p, model.classes, file.classes, 1);
    p.check(model.nFeatures === file.features.length, 'model.nFeatures', `expected ${file.features.length}`);
    p.check(model.classCount.length === K, 'model.classCount', `expected ${K} counts`);
    model.gaussian.forEach((g, i) => {
      p.check(g.feature < file.features.length && levels[g.feature] === null, `model.gaussian[${i}].feature`, 'is not a numeric feature');
      p.check(g.mean.length === K && g.variance.length === K, `model.gaussian[${i}]`, `expected ${K} means and variances`);
    });
    model.categorical.forEach((c, i) => {
      const featureLevels = levels[c.feature];
      if (!p.check(c.feature < file.features.length && featureLevels !== null && featureLevels !== undefined, `model.categorical[${i}].feature`, 'is not a categorical feature')) return;
      p.check(c.logProb.length === K && c.logProb.every((row) => row.length === featureLevels!.length), `model.categorical[${i}].logProb`, `expected ${K} × ${featureLevels!.length} values`);
    });
  },
  predict(model, X, file) {
    const proba = predictProbaNaiveBayes(model, X);
    return { prediction: mostProbableClass(proba, X.nRows, file.classes.length), proba, margin: jointLogLikelihood(model, X) };
  },
  hasMargin: false,
};
