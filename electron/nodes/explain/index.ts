// Registry of the explanation node implementations (matches shared/catalog/explain/index.ts).
import { counterfactualNode } from './counterfactual.js';
import { interactionsNode } from './interactions.js';
import { limeNode } from './lime.js';
import { pdpNode } from './pdp.js';
import { permutationImportanceNode } from './permutation_importance.js';
import { shapNode } from './shap.js';

export const explainImplementations = [shapNode, limeNode, permutationImportanceNode, pdpNode, interactionsNode, counterfactualNode] as const;
