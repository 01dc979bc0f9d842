// Rules a model file must keep beyond its JSON shape: sizes that agree with each other, class and level indices
// in range, trees that are trees. A file that passes never makes prediction read out of bounds or loop. The rules
// of each model kind live in its estimator record; the envelope's are here.

import type { z } from 'zod';
import { estimatorOf } from '../estimators.js';
import { checkChain } from '../preprocessing/check.js';
import { Problems } from './problems.js';
import type { envelopeSchema } from './schema.js';

type Envelope = z.infer<typeof envelopeSchema>;

export function checkEnvelope(file: Envelope, model: unknown): string[] {
  const p = new Problems();
  const seen = new Set<string>();
  file.features.forEach((f, j) => {
    p.check(!seen.has(f), `features[${j}]`, `feature '${f}' is listed twice`);
    seen.add(f);
  });
  for (const name of Object.keys(file.feature_levels)) {
    p.check(seen.has(name), `feature_levels.${name}`, `'${name}' is not one of the features`);
  }
  if (file.task === 'classification') {
    p.check(file.classes.length >= 1, 'classes', 'a classifier needs at least one class');
    p.check(new Set(file.classes).size === file.classes.length, 'classes', 'a class is listed twice');
  } else {
    p.check(file.classes.length === 0, 'classes', 'a regression model has no classes');
  }
  if (file.decision_threshold !== undefined) {
    p.check(file.task === 'classification' && file.classes.length === 2, 'decision_threshold', 'only a binary classifier takes a decision threshold');
  }
  if (file.preprocessing) checkChain(p, file.preprocessing, file.features);
  estimatorOf(file.type).check(model, file, p);
  return p.list;
}
