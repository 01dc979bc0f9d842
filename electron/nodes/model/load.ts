// model.load: reads a registered model version through NodeEnv.models. The version is resolved once per run, for
// the cache key, and the same version is loaded (an alias moved mid-run does not mix versions).
import { load as declaration } from '../../../shared/catalog/model/load.js';
import { invalidInput } from '../../../shared/errors.js';
import { loadModelFile } from '../../ml/model-file.js';
import { implementNode, type ModelLookup, type NodeEnv, type RegisteredModel } from '../env.js';

const resolved = new WeakMap<ModelLookup, Map<string, RegisteredModel>>();

function resolveOnce(env: NodeEnv, ref: string): RegisteredModel {
  if (!env.models) {
    throw invalidInput('model.load needs a project file to read registered models from: run it in the app or with --project FILE.plumb', { param: 'model' });
  }
  let byRef = resolved.get(env.models);
  if (!byRef) resolved.set(env.models, (byRef = new Map()));
  let found = byRef.get(ref);
  if (!found) byRef.set(ref, (found = env.models.resolve(ref)));
  return found;
}

export const loadNode = implementNode({
  declaration,
  implVersion: 1,
  keyMaterial(params, env) {
    const { name, version, hash } = resolveOnce(env, params.model);
    return { name, version, hash };
  },
  async run(_ctx, _inputs, params, env) {
    const found = resolveOnce(env, params.model);
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(found.read()));
    } catch (e) {
      throw invalidInput(`model '${found.name}' version ${found.version} is not a readable model file: ${(e as Error).message}`, { param: 'model' });
    }
    return { model: loadModelFile(json) };
  },
});
