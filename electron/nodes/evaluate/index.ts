// Implementations of the evaluation nodes (declared in shared/catalog/evaluate/).
import type { NodeImplementation } from '../../engine/types.js';
import type { NodeEnv } from '../env.js';
import { evaluateClassificationNode } from './classification.js';
import { evaluateFairnessNode } from './fairness.js';
import { crossValidateNode } from './cross_validate.js';
import { evaluateRegressionNode } from './regression.js';

export const evaluateImplementations: readonly NodeImplementation<NodeEnv>[] = [
  evaluateClassificationNode,
  evaluateRegressionNode,
  crossValidateNode,
  evaluateFairnessNode,
] as readonly NodeImplementation<NodeEnv>[];
