// model.random_forest: the shared trainer (trainer.ts) with this model's fit function.
import { randomForest as declaration } from '../../../shared/catalog/model/random_forest.js';
import { trainerImplementation } from './trainer.js';

export const randomForestNode = trainerImplementation(declaration, 'random_forest');
