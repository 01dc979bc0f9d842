// model.gradient_boosting: the shared trainer (trainer.ts) with this model's fit function.
import { gradientBoosting as declaration } from '../../../shared/catalog/model/gradient_boosting.js';
import { trainerImplementation } from './trainer.js';

export const gradientBoostingNode = trainerImplementation(declaration, 'gradient_boosting');
