// model.import_xgboost: an XGBoost JSON booster file read into a Plumb model file of type 'xgboost'.
import { importXgboost as declaration } from '../../../shared/catalog/model/import_xgboost.js';
import { invalidInput } from '../../../shared/errors.js';
import { loadModelFile, MODEL_FILE_VERSION, type PlumbModelFile } from '../../ml/model-file.js';
import { ensembleToJson } from '../../ml/tree/json.js';
import { importXgboostJson, type ImportedXgbModel } from '../../ml/xgboost/import.js';
import { implementNode } from '../env.js';
import { readImportedFile } from './imported-file.js';

/**
 * The Plumb model file for an imported booster; `classes` renames XGBoost's class codes "0", "1", ….
 * `source` (the booster's file) is named in errors (as their location).
 */
export function xgboostModelFile(imported: ImportedXgbModel, target: string | null, classes: string[] | null, source?: string): PlumbModelFile {
  const { ensemble, featureNames, classes: codes, task, ...facts } = imported;
  let labels = codes ?? [];
  if (classes !== null) {
    if (task !== 'classification') throw invalidInput('`classes` only applies to a classifier; this booster is a regression model', { param: 'classes' });
    if (classes.length !== labels.length) {
      throw invalidInput(`the booster has ${labels.length} classes, \`classes\` names ${classes.length}`, { param: 'classes', ...(source === undefined ? {} : { file: source }) });
    }
    if (new Set(classes).size !== classes.length) throw invalidInput('`classes` lists a label twice', { param: 'classes' });
    labels = classes.slice();
  }
  const file: PlumbModelFile = {
    plumb_model: MODEL_FILE_VERSION,
    type: 'xgboost',
    features: featureNames.slice(),
    target,
    task,
    classes: labels,
    feature_levels: {},
    params: {},
    model: { ...facts, ensemble: ensembleToJson(ensemble) },
    trained: { rows: 0, seconds: 0, ...(facts.xgboostVersion ? { backend: `xgboost ${facts.xgboostVersion.join('.')}` } : {}) },
  };
  return loadModelFile(file);
}

export const importXgboostNode = implementNode({
  declaration,
  implVersion: 1,
  async run(ctx, _inputs, params) {
    const { path, bytes } = await readImportedFile(ctx, params.path);
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch (e) {
      throw invalidInput(
        `not a JSON file (${(e as Error).message}); XGBoost's binary .ubj format cannot be read: save the booster with a .json name`,
        { file: path, param: 'path' },
      );
    }
    return { model: xgboostModelFile(importXgboostJson(json, path), params.target, params.classes, path) };
  },
});
