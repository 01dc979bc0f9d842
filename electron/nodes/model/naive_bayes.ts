// model.naive_bayes: the shared trainer (trainer.ts) with this model's fit function.
import { naiveBayes as declaration } from '../../../shared/catalog/model/naive_bayes.js';
import { trainerImplementation } from './trainer.js';

export const naiveBayesNode = trainerImplementation(declaration, 'naive_bayes');
