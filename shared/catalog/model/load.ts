// model.load: a model version registered in the project, named by alias or version number.
import { z } from 'zod';
import { defineNode } from '../define.js';

/** `name@alias` or `name@3` (`name@v3` too): the registry's own reference syntax. */
export const MODEL_REFERENCE = /^[^@:\s](?:[^@:]*[^@:\s])?@[A-Za-z0-9_-]{1,255}$/;

export const load = defineNode({
  type: 'model.load',
  version: 1,
  group: 'model',
  title: 'Load registered model',
  docs:
    'Brings a model registered in the project into the pipeline: `churn@champion` follows the alias, `churn@3` pins ' +
    'version 3. The version an alias names is resolved when the run starts and is part of the cache key, so moving ' +
    'the alias re-runs everything downstream. Needs a project (the app, or `plumb run --project FILE.plumb`).',
  inputs: {},
  outputs: { model: { type: 'model', docs: 'The registered model file, exactly as it was trained.' } },
  params: z.object({
    model: z
      .string()
      .regex(MODEL_REFERENCE, 'expected name@alias or name@version, e.g. churn@champion or churn@3')
      .describe('The registered model: name@alias or name@version.'),
  }),
});
