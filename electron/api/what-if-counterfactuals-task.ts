// Worker task of whatIf.counterfactuals: the seeded search for one what-if row runs in the worker pool, so the app's
// main process (which serves every other API call) never waits on a model predicting thousands of candidates.
// The model travels as its stored JSON bytes (a copy of bytes is cheap; a cloned forest object is not) and each
// worker keeps the few models it last parsed and checked, by the bytes' hash.
import { createHash } from 'node:crypto';
import type { FormColumn } from '../../shared/api/what-if.js';
import { taskModule, type WorkerPool } from '../engine/workers.js';
import { loadModelFile, type PlumbModelFile } from '../ml/model-file.js';
import { whatIfCounterfactuals, type CounterfactualRequest, type WhatIfCounterfactuals } from './what-if-counterfactuals.js';
import type { Cell } from './what-if-space.js';

export interface WhatIfCounterfactualsPayload {
  /** the model file as stored (JSON bytes) */
  model: Uint8Array;
  columns: FormColumn[];
  referenceRows: Cell[][];
  request: CounterfactualRequest;
}

const KEPT_MODELS = 4;
const models = new Map<string, PlumbModelFile>();

function modelOf(bytes: Uint8Array): PlumbModelFile {
  const key = createHash('sha256').update(bytes).digest('hex');
  let file = models.get(key);
  if (file) {
    models.delete(key);
  } else {
    file = loadModelFile(JSON.parse(new TextDecoder().decode(bytes)) as unknown);
    if (models.size >= KEPT_MODELS) models.delete(models.keys().next().value!);
  }
  models.set(key, file);
  return file;
}

export function searchWhatIfCounterfactuals(payload: WhatIfCounterfactualsPayload): WhatIfCounterfactuals {
  return whatIfCounterfactuals(modelOf(payload.model), payload.columns, payload.referenceRows, payload.request);
}

const searchTask = taskModule<{ searchWhatIfCounterfactuals: typeof searchWhatIfCounterfactuals }>(
  new URL('./what-if-counterfactuals-task.ts', import.meta.url),
).task('searchWhatIfCounterfactuals');

/** whatIfCounterfactuals in the worker pool (the model as its stored JSON bytes): the same seeded search, off this thread. */
export function whatIfCounterfactualsInWorker(workers: WorkerPool, model: Uint8Array, columns: FormColumn[], referenceRows: Cell[][], request: CounterfactualRequest): Promise<WhatIfCounterfactuals> {
  return workers.run(searchTask, { model, columns, referenceRows, request });
}
