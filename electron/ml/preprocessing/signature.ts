// Which original columns a model needs, and how a caller must send them (its raw input signature): traced
// backwards through the chain from the model's features, with the categories the encode steps (or the model) know.
import type { ModelFileEnvelope } from '../model-file/envelope.js';
import type { InputColumn, PreprocessingChain } from './types.js';
import { kindOfType } from './values.js';

/** The chain's input columns that the output columns `wanted` depend on, in the chain's input order. */
export function requiredInputs(chain: PreprocessingChain, wanted: readonly string[]): string[] {
  let need = new Set(wanted);
  for (let s = chain.steps.length - 1; s >= 0; s--) {
    const step = chain.steps[s];
    const before = new Set<string>();
    for (const name of need) {
      if (step.kind === 'impute') {
        const indicated = step.indicators.find((c) => `${c}_missing` === name);
        before.add(indicated ?? name);
      } else if (step.kind === 'encode' && step.method === 'onehot') {
        const source = step.columns.find((c) => c.outputs.some((o) => o.name === name));
        before.add(source ? source.column : name);
      } else if (step.kind === 'select') {
        const kept = step.columns.find((c) => c.to === name);
        if (kept) before.add(kept.from);
      } else {
        before.add(name);
      }
    }
    need = before;
  }
  return chain.input.filter((c) => need.has(c.name)).map((c) => c.name);
}

type SignatureSource = Pick<ModelFileEnvelope, 'features' | 'feature_levels'> & { preprocessing?: PreprocessingChain };

/**
 * The columns a caller sends to predict: with a chain, the original columns the model's features depend on
 * (categories from the encode step that read them, or the model's levels when they reach it as text); without
 * one, the model's own features.
 */
export function inputSignature(file: SignatureSource): InputColumn[] {
  const chain = file.preprocessing;
  if (!chain || chain.steps.length === 0) {
    return file.features.map((name) => {
      const levels = file.feature_levels[name];
      return levels ? { name, type: 'VARCHAR', kind: 'text', categories: levels.slice() } : { name, type: 'DOUBLE', kind: 'number' };
    });
  }
  const required = new Set(requiredInputs(chain, file.features));
  return chain.input
    .filter((c) => required.has(c.name))
    .map((c) => {
      const categories = categoriesOf(chain, c.name) ?? file.feature_levels[finalName(chain, c.name) ?? ''];
      const kind = kindOfType(c.type);
      return { name: c.name, type: c.type, kind, ...(categories && kind !== 'number' ? { categories: categories.slice() } : {}) };
    });
}

/** The levels of the first encode step that reads `column` (followed through renames), if any. */
function categoriesOf(chain: PreprocessingChain, column: string): string[] | undefined {
  let name: string | undefined = column;
  for (const step of chain.steps) {
    if (name === undefined) return undefined;
    if (step.kind === 'encode') {
      const found = step.columns.find((c) => c.column === name);
      if (found) return found.levels;
    } else if (step.kind === 'select') {
      name = step.columns.find((c) => c.from === name)?.to;
    }
  }
  return undefined;
}

/** The name `column` has at the end of the chain when no step replaces it (select may rename it). */
function finalName(chain: PreprocessingChain, column: string): string | undefined {
  let name: string | undefined = column;
  for (const step of chain.steps) {
    if (name === undefined) return undefined;
    if (step.kind === 'select') name = step.columns.find((c) => c.from === name)?.to;
  }
  return name;
}
