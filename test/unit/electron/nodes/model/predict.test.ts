// model.predict: SPEC §6 columns in the input's row order, text mapped onto the model's levels by value (unseen →
// missing), clear errors for missing or retyped columns; and model.import_xgboost feeding it.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TableRef } from '../../../../../electron/data/types.js';
import type { PlumbModelFile } from '../../../../../electron/ml/model-file.js';
import { gradientBoostingNode } from '../../../../../electron/nodes/model/gradient_boosting.js';
import { importXgboostNode } from '../../../../../electron/nodes/model/import_xgboost.js';
import { linearRegressionNode } from '../../../../../electron/nodes/model/linear_regression.js';
import { logisticRegressionNode } from '../../../../../electron/nodes/model/logistic_regression.js';
import { predictNode } from '../../../../../electron/nodes/model/predict.js';
import { makeTestContext } from '../data/context.js';
import { rows, runNode, sharedEnv, table, throughJson, train } from './run-node.js';

const { env } = sharedEnv();
const fixtures = fileURLToPath(new URL('../../../../fixtures/ml/', import.meta.url));

/** Species from colour (with gaps) and size; rows in a scrambled order with an id to check order by. */
const ANIMALS = `
  SELECT i AS id,
         CASE i % 4 WHEN 0 THEN 'blue' WHEN 1 THEN 'green' WHEN 2 THEN 'red' ELSE NULL END AS color,
         (i % 7)::DOUBLE AS size,
         CASE WHEN i % 4 = 2 OR (i % 4 = 3 AND i % 7 > 3) THEN 'fox' WHEN i % 4 = 0 THEN 'cat' ELSE 'owl' END AS species
  FROM range(120) t(i) ORDER BY hash(i)`;

async function predict(model: PlumbModelFile, data: TableRef, ctx = makeTestContext()): Promise<Record<string, unknown>[]> {
  const out = await runNode(predictNode, env(), { model, data }, {}, ctx);
  return rows(env().data, out.table as TableRef);
}

describe('model.predict', () => {
  it('adds prediction (class text) and proba_<class> to the input columns, keeping row order', async () => {
    const data = await table(env().data, ANIMALS);
    const { model } = await train(logisticRegressionNode, env(), data, { target: 'species', features: ['color', 'size'] });
    expect(model.classes).toEqual(['cat', 'fox', 'owl']);
    const input = await rows(env().data, data);
    const out = await predict(throughJson(model), data);
    expect(Object.keys(out[0])).toEqual(['id', 'color', 'size', 'species', 'prediction', 'proba_cat', 'proba_fox', 'proba_owl']);
    expect(out.map((r) => r.id)).toEqual(input.map((r) => r.id));
    for (const r of out) {
      const p = [r.proba_cat, r.proba_fox, r.proba_owl] as number[];
      expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 12);
      expect(r.prediction).toBe(model.classes[p.indexOf(Math.max(...p))]);
    }
    // Separable by colour and size: the model gets most rows right.
    expect(out.filter((r) => r.prediction === r.species).length).toBeGreaterThan(100);
  });

  it('maps text onto the training levels by value; unseen levels count as missing', async () => {
    const data = await table(env().data, ANIMALS);
    const { model } = await train(logisticRegressionNode, env(), data, { target: 'species', features: ['color', 'size'] });
    expect(model.feature_levels).toEqual({ color: ['blue', 'green', 'red'] });
    const trained = await predict(model, data);
    const probaFor = (color: string | null, size: number) => {
      const r = trained.find((t) => t.color === color && t.size === size)!;
      return [r.proba_cat, r.proba_fox, r.proba_owl];
    };
    // Own levels sort as [purple, red, white]: every code differs from the model's.
    const other = await table(
      env().data,
      `SELECT * FROM (VALUES ('red', 2.0), ('purple', 5.0), ('white', 1.0), ('red', 6.0), (NULL, 3.0)) v(color, size)`,
    );
    const ctx = makeTestContext();
    const out = await predict(model, other, ctx);
    expect([out[0].proba_cat, out[0].proba_fox, out[0].proba_owl]).toEqual(probaFor('red', 2));
    expect([out[3].proba_cat, out[3].proba_fox, out[3].proba_owl]).toEqual(probaFor('red', 6));
    // Unseen 'purple' and 'white' predict like a missing colour.
    expect([out[1].proba_cat, out[1].proba_fox, out[1].proba_owl]).toEqual(probaFor(null, 5));
    expect([out[2].proba_cat, out[2].proba_fox, out[2].proba_owl]).toEqual(probaFor(null, 1));
    expect(ctx.warnings).toEqual(["levels the model never saw were treated as missing: 2 in 'color'"]);
  });

  it('predicts numbers for a regression model: one numeric prediction column', async () => {
    const data = await table(env().data, `SELECT i::DOUBLE AS x, 1 + 4 * i AS y FROM range(20) t(i)`);
    const { model } = await train(linearRegressionNode, env(), data, { target: 'y' });
    const out = await predict(model, await table(env().data, `SELECT 2.5 AS x, 'extra' AS note`));
    expect(Object.keys(out[0])).toEqual(['x', 'note', 'prediction']);
    expect(out[0].prediction as number).toBeCloseTo(11, 9);
  });

  it('replaces an input column that has a new column\'s name, with a warning', async () => {
    const data = await table(env().data, `SELECT i::DOUBLE AS x, 1 + 4 * i AS y, 'old' AS prediction FROM range(20) t(i)`);
    const { model } = await train(linearRegressionNode, env(), data, { target: 'y', features: ['x'] });
    const ctx = makeTestContext();
    const out = await predict(model, data, ctx);
    expect(Object.keys(out[0])).toEqual(['x', 'y', 'prediction']);
    expect(out[3].prediction as number).toBeCloseTo(13, 9);
    expect(ctx.warnings).toEqual(["input column 'prediction' replaced by the prediction"]);
  });

  it('names missing feature columns and lists the available ones', async () => {
    const data = await table(env().data, ANIMALS);
    const { model } = await train(gradientBoostingNode, env(), data, { target: 'species', max_iter: 2 });
    const partial = await table(env().data, `SELECT id, size FROM (${ANIMALS})`);
    await expect(predict(model, partial)).rejects.toMatchObject({
      kind: 'invalid_input',
      message: "the table lacks the model's feature columns 'color'; it has 'id', 'size'",
    });
  });

  it('refuses a column whose kind changed since training', async () => {
    const data = await table(env().data, ANIMALS);
    const { model } = await train(gradientBoostingNode, env(), data, { target: 'species', features: ['color', 'size'], max_iter: 2 });
    const retyped = await table(env().data, `SELECT 1.5 AS color, 'big' AS size`);
    await expect(predict(model, retyped)).rejects.toMatchObject({ kind: 'invalid_input', message: expect.stringContaining("column 'color' is numeric here but was categorical") });
  });

  it('refuses something that is not a model file', async () => {
    const data = await table(env().data, ANIMALS);
    await expect(predict({ type: 'knn' } as unknown as PlumbModelFile, data)).rejects.toMatchObject({ kind: 'invalid_input' });
  });
});

describe('model.import_xgboost', () => {
  it('imports a booster that model.predict uses like XGBoost (probability = sigmoid(margin))', async () => {
    const ctx = makeTestContext(fixtures);
    const out = await runNode(importXgboostNode, env(), {}, { path: 'xgb_binary/model.json', target: 'y', classes: ['no', 'yes'] }, ctx);
    const model = out.model as PlumbModelFile;
    expect(model).toMatchObject({ type: 'xgboost', task: 'classification', classes: ['no', 'yes'], target: 'y', features: ['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'] });
    const data = (await env().data.readCsv(`${fixtures}xgb_binary/rows.csv`, { onError: 'fail' })).table;
    const margins = (await env().data.readCsv(`${fixtures}xgb_binary/margin.csv`, { onError: 'fail', header: false })).table;
    const predicted = await predict(throughJson(model), data);
    const expected = (await rows(env().data, margins)).map((r) => Object.values(r)[0] as number);
    predicted.forEach((r, i) => {
      expect(r.proba_yes as number).toBeCloseTo(1 / (1 + Math.exp(-expected[i])), 6);
      expect(r.prediction).toBe(expected[i] > 0 ? 'yes' : 'no');
    });
  });

  it('says when classes do not fit or the file is missing', async () => {
    const ctx = makeTestContext(fixtures);
    await expect(runNode(importXgboostNode, env(), {}, { path: 'xgb_multiclass/model.json', classes: ['a', 'b'] }, ctx)).rejects.toMatchObject({
      kind: 'invalid_input',
      where: { param: 'classes' },
    });
    await expect(runNode(importXgboostNode, env(), {}, { path: 'nope.json' }, ctx)).rejects.toMatchObject({ kind: 'invalid_input', where: { param: 'path' } });
  });
});
