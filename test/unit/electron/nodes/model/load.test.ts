// model.load: its cache-key material is the version the reference names now, and it needs a project.
import { describe, expect, it } from 'vitest';
import { loadNode } from '../../../../../electron/nodes/model/load.js';
import type { ModelLookup, NodeEnv } from '../../../../../electron/nodes/env.js';
import { cacheKey } from '../../../../../electron/engine/cache-key.js';
import { MODEL_REFERENCE } from '../../../../../shared/catalog/model/load.js';

const file = (v: number) => new TextEncoder().encode(JSON.stringify({ plumb_model: 1, type: 'knn', v }));

/** A registry whose `champion` alias can be moved between two versions. */
function registry(): ModelLookup & { champion: number; reads: number[] } {
  const lookup = {
    champion: 1,
    reads: [] as number[],
    resolve(ref: string) {
      const version = ref === 'churn@champion' ? lookup.champion : Number(ref.split('@')[1]);
      return { name: 'churn', version, hash: `hash${version}`, read: () => (lookup.reads.push(version), file(version)) };
    },
  };
  return lookup;
}

const env = (models?: ModelLookup) => ({ models }) as unknown as NodeEnv;
const keyFor = (extra: unknown) => cacheKey({ type: 'model.load', version: 1, implVersion: 1, params: { model: 'churn@champion' }, inputs: {}, files: {}, extra });

describe('model.load', () => {
  it('puts the resolved version in the cache key, so a moved alias makes a new key', () => {
    const models = registry();
    const before = keyFor(loadNode.keyMaterial!({ model: 'churn@champion' }, env(models)));
    models.champion = 2;
    // A new run (a new env, so a fresh lookup) sees the moved alias.
    const movedModels = { ...models, resolve: models.resolve } as ModelLookup;
    const after = keyFor(loadNode.keyMaterial!({ model: 'churn@champion' }, env(movedModels)));
    expect(after).not.toBe(before);
    expect(keyFor(loadNode.keyMaterial!({ model: 'churn@1' }, env(registry())))).toBe(before);
  });

  it('loads the same version its key named, even when the alias moves during the run', async () => {
    const models = registry();
    const runEnv = env(models);
    loadNode.keyMaterial!({ model: 'churn@champion' }, runEnv);
    models.champion = 2;
    // The stand-in bytes are not a whole model file: what matters is which version was read.
    await expect(loadNode.run({} as never, {}, { model: 'churn@champion' }, runEnv)).rejects.toThrow(/not a Plumb model file/);
    expect(models.reads).toEqual([1]);
    expect(() => loadNode.keyMaterial!({ model: 'churn@champion' }, env(undefined))).toThrow(
      expect.objectContaining({ kind: 'invalid_input', message: expect.stringMatching(/needs a project file/) }),
    );
  });

  it.each(['churn@champion', 'churn@3', 'churn@v3', 'my model@prod_2'])('accepts the reference %s', (ref) => expect(MODEL_REFERENCE.test(ref)).toBe(true));
  it.each(['churn', '@champion', 'churn@', 'a@b@c', 'churn@two words', ' churn@x'])('refuses the reference %j', (ref) =>
    expect(MODEL_REFERENCE.test(ref)).toBe(false),
  );
});
