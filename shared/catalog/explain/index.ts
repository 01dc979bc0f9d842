// The explanation nodes: SHAP values, LIME, permutation importance, partial dependence and SHAP interaction values.
import type { NodeDeclaration } from '../define.js';
import { counterfactual } from './counterfactual.js';
import { interactions } from './interactions.js';
import { lime } from './lime.js';
import { pdp } from './pdp.js';
import { permutationImportance } from './permutation_importance.js';
import { shap } from './shap.js';

export { counterfactual, interactions, lime, pdp, permutationImportance, shap };

export const explainNodes: readonly NodeDeclaration[] = [shap, lime, permutationImportance, pdp, interactions, counterfactual];
