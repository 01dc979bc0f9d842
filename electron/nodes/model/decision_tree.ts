// model.decision_tree: the shared trainer (trainer.ts) with this model's fit function.
import { decisionTree as declaration } from '../../../shared/catalog/model/decision_tree.js';
import { trainerImplementation } from './trainer.js';

export const decisionTreeNode = trainerImplementation(declaration, 'decision_tree');
