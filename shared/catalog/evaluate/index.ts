// The evaluation nodes: metrics of a model on labelled rows, and cross-validation of a trainer.
import type { NodeDeclaration } from '../define.js';
import { evaluateClassification } from './classification.js';
import { crossValidate } from './cross_validate.js';
import { evaluateFairness } from './fairness.js';
import { evaluateRegression } from './regression.js';

export const evaluateNodes: readonly NodeDeclaration[] = [evaluateClassification, evaluateRegression, crossValidate, evaluateFairness];
