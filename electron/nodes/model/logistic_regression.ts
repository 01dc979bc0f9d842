// model.logistic_regression: the shared trainer (trainer.ts) with this model's fit function.
import { logisticRegression as declaration } from '../../../shared/catalog/model/logistic_regression.js';
import { trainerImplementation } from './trainer.js';

export const logisticRegressionNode = trainerImplementation(declaration, 'logistic_regression');
