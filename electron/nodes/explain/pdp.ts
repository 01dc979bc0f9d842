// explain.pdp: partial dependence and ICE curves per feature (one-hot columns of one original column form one
// categorical feature); feature shares run in workers.
import { pdp as declaration } from '../../../shared/catalog/explain/pdp.js';
import { invalidInput } from '../../../shared/errors.js';
import { encodedGroups, type FeatureGroups } from '../../ml/explain/group-encoded.js';
import { categoricalAxis, numericAxis, oneHotAxis, type PartialDependence, type PdpAxis } from '../../ml/explain/pdp.js';
import { loadModelFile } from '../../ml/model-file.js';
import type { FeatureMatrix } from '../../ml/types.js';
import { implementNode } from '../env.js';
import { pickRows } from '../inputs/ml-frame.js';
import { readFeatures, tableFrom } from '../inputs/model-data.js';
import { isGroup } from './explanation-json.js';
import { outputClasses } from '../../ml/explain/model-outputs.js';
import { explainTasks, runShares, sampleRows, shareCount, splitEvenly } from './worker-shares.js';

/** Label of the grid point with every one-hot column of a group at 0 (a dropped first level, or missing). */
export const OTHER_LEVEL = '(other)';

export interface PdpFeature {
  feature: string;
  kind: 'numeric' | 'categorical';
  grid: (number | string)[];
  /** average[g], or average[class][g] for multiclass */
  average: number[] | number[][];
  /** ice[row][g], or ice[class][row][g] for multiclass */
  ice: number[][] | number[][][];
  /** row index in the data table of each ICE curve */
  ice_rows: number[];
}

export const pdpNode = implementNode({
  declaration,
  implVersion: 1,
  async run(ctx, inputs, params, env) {
    const file = loadModelFile(inputs.model);
    const data = await readFeatures(ctx, env, tableFrom(inputs, 'data'), file);
    if (data.nRows === 0) throw invalidInput('the data has no rows');
    const rows = sampleRows(data.nRows, params.max_rows, params.seed);
    if (rows.length < data.nRows) ctx.warn(`averaging over ${rows.length} of ${data.nRows} rows (max_rows)`);
    const X = pickRows(data, rows);
    const iceRows = Array.from(sampleRows(X.nRows, params.ice_samples, params.seed + 1));

    const groups = encodedGroups(file.features);
    const chosen = chooseFeatures(params.features, groups, file.features);
    const axes = chosen.map(({ members, grouped }) =>
      axisOf(X, members, grouped, params.grid_resolution, params.percentiles as [number, number]),
    );
    const shares = splitEvenly(axes.length, shareCount(axes.length, 1));
    const parts = await runShares(
      ctx,
      env,
      explainTasks.partialDependence,
      shares.map((share) => ({ file, X, axes: share.map((i) => axes[i]), iceRows })),
      'partial dependence',
    );
    const results = parts.flat();
    const classes = outputClasses(file);
    const features: PdpFeature[] = results.map((pd, i) => ({
      feature: chosen[i].name,
      kind: axes[i].kind,
      grid: axes[i].labels,
      ...curves(pd),
      ice_rows: iceRows.map((r) => rows[r]),
    }));
    return {
      explanation: {
        output: file.task === 'classification' ? 'probability' : 'prediction',
        ...(classes ? { classes } : {}),
        features,
      },
    };
  },
});

interface ChosenFeature {
  name: string;
  members: number[];
  grouped: boolean;
}

/** Requested names → features: an original column of one-hot columns, or a model feature; empty = all. */
function chooseFeatures(requested: readonly string[], groups: FeatureGroups, features: readonly string[]): ChosenFeature[] {
  const all = groups.names.map((name, g) => ({ name, members: groups.members[g], grouped: isGroup(groups, g, features) }));
  if (requested.length === 0) return all;
  return requested.map((name) => {
    const group = all.find((c) => c.name === name);
    if (group) return group;
    const j = features.indexOf(name);
    if (j >= 0) return { name, members: [j], grouped: false };
    throw invalidInput(`'${name}' is not a feature of the model; it reads ${groups.names.map((n) => `'${n}'`).join(', ')}`, { param: 'features' });
  });
}

function axisOf(X: FeatureMatrix, members: number[], grouped: boolean, resolution: number, percentiles: [number, number]): PdpAxis {
  if (grouped) {
    const levels = members.map((j) => X.names[j].slice(X.names[j].indexOf('=') + 1));
    let someZero = false;
    for (let r = 0; r < X.nRows && !someZero; r++) someZero = members.every((j) => X.columns[j][r] !== 1);
    return oneHotAxis(members, levels, someZero ? OTHER_LEVEL : undefined);
  }
  const j = members[0];
  const levels = X.levels[j];
  return levels ? categoricalAxis(j, levels) : numericAxis(X.columns[j], j, resolution, percentiles);
}

function curves(pd: PartialDependence): Pick<PdpFeature, 'average' | 'ice'> {
  const { nOutputs: k, nPoints: g } = pd;
  const nIce = pd.iceRows.length;
  const average = Array.from({ length: k }, (_, o) => Array.from(pd.average.subarray(o * g, (o + 1) * g)));
  const ice = Array.from({ length: k }, (_, o) =>
    Array.from({ length: nIce }, (_, i) => Array.from(pd.ice.subarray((o * nIce + i) * g, (o * nIce + i + 1) * g))),
  );
  return k === 1 ? { average: average[0], ice: ice[0] } : { average, ice };
}
