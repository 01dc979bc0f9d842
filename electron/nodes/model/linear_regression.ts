// model.linear_regression: the shared trainer (trainer.ts) with this model's fit function.
import { linearRegression as declaration } from '../../../shared/catalog/model/linear_regression.js';
import { trainerImplementation } from './trainer.js';

export const linearRegressionNode = trainerImplementation(declaration, 'linear_regression');
