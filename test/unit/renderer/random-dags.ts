// Random pipelines for property tests: SQL nodes (two table inputs, one table output) wired only forward, so the
// document is always a DAG; node i may read from any node before it.
import fc from 'fast-check';
import type { PipelineDocument } from '../../../shared/pipeline/schema.js';

export const randomDag: fc.Arbitrary<PipelineDocument> = fc
  .integer({ min: 1, max: 9 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: n, maxLength: n }),
    ),
  )
  .map(([n, wiring]) => ({
    plumb: 1 as const,
    name: 'random',
    nodes: Array.from({ length: n }, (_, i) => {
      const inputs: Record<string, string> = {};
      if (i > 0) {
        const [a, b, two] = wiring[i];
        inputs.t1 = `n${a % i}.table`;
        if (two) inputs.t2 = `n${b % i}.table`;
      }
      return { id: `n${i}`, type: 'data.sql', ...(i > 0 ? { inputs } : {}) };
    }),
  }));
