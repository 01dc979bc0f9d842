// model.knn: the shared trainer (trainer.ts) with this model's fit function.
import { knn as declaration } from '../../../shared/catalog/model/knn.js';
import { trainerImplementation } from './trainer.js';

export const knnNode = trainerImplementation(declaration, 'knn');
