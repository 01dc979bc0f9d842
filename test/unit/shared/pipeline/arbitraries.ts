// fast-check generators for the pipeline tests: YAML-hostile text, any YAML data, and valid random pipelines (DAGs).
import fc from 'fast-check';
import { z } from 'zod';
import type { NodeDeclaration } from '../../../../shared/catalog/define.js';
import type { PipelineDocument, PipelineNodeSpec } from '../../../../shared/pipeline/schema.js';
import { testDeclarations } from './test-catalog.js';

/** Strings that YAML writers get wrong: look-alike scalars, indicators, quotes, line breaks, unicode, controls. */
export const TRICKY_TEXT = [
  '', ' ', '  lead', 'trail ', 'yes', 'no', 'on', 'off', 'y', 'n', 'true', 'False', 'NULL', 'null', '~',
  '1', '-1', '+1', '007', '0.5', '1e3', '.5', '1_000', '0x1F', '0o17', '.inf', '-.Inf', '.nan', '2025-01-01',
  '#', 'a #b', 'a# b', 'a: b', 'a:b', 'http://x', '- x', '-', '?', '? x', ':', '[x]', '{y}', 'x, y', ',',
  '*star', '&amp', '!bang', '%pct', '@at', '`tick', '|', '>', '|-', "'", '"', "it's", 'say "hi"', '\\', '\\n',
  '\t', 'a\tb', '\n', 'line1\nline2', 'a\n\n', '\n\nlead', 'tail\n\n\n', '\r\n', 'x\ry', ' \n ', 'a \nb',
  '---', '...', '--- x', '<<', '__proto__x', 'ü', 'naïve café', '日本語', '🎉', 'e\u0301', '\u0085', '\u00a0',
  '\u2028', '\ufeff', '\u0000', '\u001b[31m', '\ud800', 'x'.repeat(120), 'word '.repeat(30),
];

export const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY_TEXT) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...TRICKY_TEXT), fc.string({ maxLength: 8 })), { minLength: 2, maxLength: 4 })
      .chain((parts) => fc.constantFrom('\n', ' ', '').map((glue) => parts.join(glue))),
  },
);

/** Keys of free-form maps; `__proto__` is left out because JavaScript objects cannot hold it as data. */
const mapKey = text.filter((k) => k !== '__proto__');

export const anyNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 0.1, 1e21, 1e-7, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity),
);

/** Any value YAML can hold in the core schema (as plain data). */
export const yamlData: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  data: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    anyNumber,
    fc.boolean(),
    fc.constant(null),
    tie('list'),
    tie('map'),
  ),
  list: fc.array(tie('data'), { maxLength: 4 }),
  map: fc.dictionary(mapKey, tie('data'), { maxKeys: 4, noNullPrototype: true }),
})).data;

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** Valid values for each param of the test catalog. */
const PARAM_VALUES: Record<string, Record<string, fc.Arbitrary<unknown>>> = {
  'data.read_csv': {
    path: text,
    delimiter: text,
    header: fc.boolean(),
    null_values: fc.array(text, { maxLength: 4 }),
    on_error: fc.constantFrom('fail', 'skip'),
  },
  'data.split': {
    test_size: finite(Number.EPSILON, 1 - Number.EPSILON),
    seed: fc.maxSafeInteger(),
    stratify: fc.option(text, { nil: null }),
  },
  'data.sql': { query: text },
  'model.gradient_boosting': {
    target: text,
    features: fc.option(fc.array(text, { maxLength: 5 }), { nil: null }),
    task: fc.constantFrom('auto', 'classification', 'regression'),
    max_iter: fc.integer({ min: 1 }),
    learning_rate: finite(Number.MIN_VALUE, Number.MAX_VALUE),
    max_depth: fc.option(fc.integer({ min: 1 }), { nil: null }),
    seed: fc.maxSafeInteger(),
  },
  'evaluate.classification': {},
  'explain.shap': {
    method: fc.constantFrom('auto', 'tree', 'kernel', 'linear', 'exact'),
    max_rows: fc.integer({ min: 1 }),
    settings: yamlData,
    options: fc.dictionary(mapKey, yamlData, { maxKeys: 4, noNullPrototype: true }),
  },
  'control.gate': { condition: text },
};

/** Written independently of paramDefault: parse params without the key and look at what zod filled in. */
function defaultOf(declaration: NodeDeclaration, name: string): { value: unknown } | undefined {
  const result = z.object({ [name]: declaration.params.shape[name] }).safeParse({});
  return result.success && result.data[name] !== undefined ? { value: result.data[name] } : undefined;
}

const isRequired = (declaration: NodeDeclaration, name: string) =>
  !z.object({ [name]: declaration.params.shape[name] }).safeParse({}).success;

/** Params for one node: required ones always, others absent, equal to their default, or random. */
export function paramsFor(declaration: NodeDeclaration): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.keys(declaration.params.shape).map((name) => {
    const random = PARAM_VALUES[declaration.type][name];
    const fallback = defaultOf(declaration, name);
    const required = isRequired(declaration, name);
    const choices = required
      ? random
      : fc.oneof(fc.constant(undefined), fallback ? fc.constant(fallback.value) : random, random);
    return choices.map((value) => [name, value] as const);
  });
  return fc.tuple(...entries).map((pairs) => Object.fromEntries(pairs.filter(([, v]) => v !== undefined)));
}

export const nodeId = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);

interface NodeRecipe {
  typePick: number;
  inputPicks: number[];
  useOptional: boolean[];
  reverseKeys: boolean;
}

const recipe: fc.Arbitrary<NodeRecipe> = fc.record({
  typePick: fc.nat(),
  inputPicks: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
  useOptional: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  reverseKeys: fc.boolean(),
});

const reversed = <T>(record: Record<string, T>, reverse: boolean): Record<string, T> =>
  reverse ? Object.fromEntries(Object.entries(record).reverse()) : record;

/**
 * Nodes built in a valid run order: each node's type is one whose required inputs some earlier node can feed,
 * and each input reads an earlier output of the same port type. The document then lists them shuffled.
 */
function buildNodes(ids: string[], recipes: NodeRecipe[]): { node: PipelineNodeSpec; declaration: NodeDeclaration }[] {
  const outputs: { ref: string; type: string }[] = [];
  return ids.map((id, k) => {
    const { typePick, inputPicks, useOptional, reverseKeys } = recipes[k];
    const feedable = testDeclarations.filter((d) =>
      Object.values(d.inputs).every((p) => p.optional || outputs.some((o) => o.type === p.type)),
    );
    const declaration = feedable[typePick % feedable.length] as NodeDeclaration;
    const inputs: Record<string, string> = {};
    Object.entries(declaration.inputs).forEach(([port, input], i) => {
      const sources = outputs.filter((o) => o.type === input.type);
      if (sources.length === 0 || (input.optional && !useOptional[i])) return;
      inputs[port] = sources[inputPicks[i] % sources.length].ref;
    });
    for (const [port, output] of Object.entries(declaration.outputs)) outputs.push({ ref: `${id}.${port}`, type: output.type });
    const node: PipelineNodeSpec = { id, type: declaration.type };
    if (Object.keys(inputs).length > 0 || reverseKeys) node.inputs = reversed(inputs, reverseKeys);
    return { node, declaration };
  });
}

const position = fc.record({ x: finite(-1e7, 1e7), y: finite(-1e7, 1e7) });

/** A valid pipeline over the test catalog, with the run order hidden by shuffling, and random layout. */
export const pipeline: fc.Arbitrary<PipelineDocument> = fc
  .uniqueArray(nodeId, { minLength: 0, maxLength: 8 })
  .chain((ids) =>
    fc.record({
      ids: fc.constant(ids),
      recipes: fc.array(recipe, { minLength: ids.length, maxLength: ids.length }),
      order: fc.shuffledSubarray([...ids.keys()], { minLength: ids.length, maxLength: ids.length }),
      name: text.filter((n) => n.length > 0),
      description: fc.option(text, { nil: undefined }),
      placed: fc.subarray(ids),
    }),
  )
  .chain(({ ids, recipes, order, name, description, placed }) => {
    const built = buildNodes(ids, recipes);
    return fc
      .record({
        params: fc.tuple(...built.map(({ declaration }) => paramsFor(declaration))),
        positions: fc.array(position, { minLength: placed.length, maxLength: placed.length }),
      })
      .map(({ params, positions }) => {
        const nodes = built.map(({ node }, k) => {
          const written = reversed(params[k], recipes[k].reverseKeys);
          return Object.keys(written).length > 0 ? { ...node, params: written } : node;
        });
        const doc: PipelineDocument = { plumb: 1, name, nodes: order.map((k) => nodes[k]) };
        if (description !== undefined) doc.description = description;
        if (placed.length > 0) doc.layout = Object.fromEntries(placed.map((id, i) => [id, positions[i]]));
        return doc;
      });
  });
