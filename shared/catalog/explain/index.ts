// The explanation nodes: SHAP values, LIME, permutation importance and partial dependence.
import type { NodeDeclaration } from '../define.js';
import { lime } from './lime.js';
import { pdp } from './pdp.js';
import { permutationImportance } from './permutation_importance.js';
import { shap } from './shap.js';

export { lime, pdp, permutationImportance, shap };

export const explainNodes: readonly NodeDeclaration[] = [shap, lime, permutationImportance, pdp];
