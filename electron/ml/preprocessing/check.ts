// Rules a stored chain must keep beyond its JSON shape: every step reads columns that exist at that point, and
// the model's features are columns at its end. A chain that passes never makes applyPreprocessing guess.
import type { Problems } from '../model-file/problems.js';
import type { ColumnSpec, PreprocessingChain } from './types.js';

export function checkChain(p: Problems, chain: PreprocessingChain, features: readonly string[]): void {
  let columns: readonly ColumnSpec[] = chain.input;
  chain.steps.forEach((step, s) => {
    const at = `preprocessing.steps[${s}]`;
    const known = new Set(columns.map((c) => c.name));
    const read =
      step.kind === 'impute'
        ? [...step.fills.map((f) => f.column), ...step.indicators]
        : step.kind === 'encode'
          ? step.columns.map((c) => c.column)
          : step.kind === 'scale'
            ? [...step.scalings.map((c) => c.column), ...step.cast]
            : step.columns.map((c) => c.from);
    for (const name of read) p.check(known.has(name), at, `reads column '${name}', which the table does not have at that step`);
    columns = step.output;
  });
  const last = new Set(columns.map((c) => c.name));
  for (const f of features) p.check(last.has(f), 'preprocessing', `feature '${f}' is not a column at the end of the chain`);
}
