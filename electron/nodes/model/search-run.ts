// What model.automl and model.tune run: read the rows, shuffle them once (seeded), run the search with every
// evaluation in the worker pool, fit the leaderboard's models on all rows, and build the outputs. The fitted
// models are kept with the search (by a hash of rows and params, see automl-kept.ts), so picking another row with
// `use_model` re-runs the node without searching or refitting, after an app restart too.
import { createHash } from 'node:crypto';
import type { Family, SearchMetricName } from '../../../shared/catalog/model/search-space.js';
import { invalidInput } from '../../../shared/errors.js';
import type { NodeRunContext, SeriesPoint } from '../../engine/types.js';
import { taskModule } from '../../engine/workers.js';
import { runSearch, type Candidate, type SearchResult } from '../../ml/automl/search.js';
import { defaultMetric, type SearchMetric } from '../../ml/automl/scoring.js';
import { ensembleLink, type EnsembleMemberFile, type EnsembleModel } from '../../ml/ensemble/estimator.js';
import { scoreWidth } from '../../ml/ensemble/scores.js';
import { Random } from '../../ml/random.js';
import type { PlumbModelFile } from '../../ml/model-file.js';
import type { FeatureMatrix, Target } from '../../ml/types.js';
import type { NodeEnv } from '../env.js';
import { assignFolds } from '../evaluate/folds.js';
import { pickRows, pickTarget } from '../inputs/ml-frame.js';
import { readTrainingInputs } from '../inputs/training-inputs.js';
import type * as automlTasks from './automl-task.js';
import { leaderboardFrame } from './leaderboard-table.js';
import { buildModelFile } from './model-file-build.js';
import type { SearchPlan } from './search-plan.js';
import { keepModel, keepSearch, recallModel, recallSearch, type KeptSearch } from './automl-kept.js';

export { forgetSearches } from './automl-kept.js';

const tasks = taskModule<typeof automlTasks>(new URL('./automl-task.ts', import.meta.url));
const evaluateTask = tasks.task('evaluateCandidate');
const fitTask = tasks.task('fitFull');

export interface SearchParams {
  target: string;
  features: string[];
  task: 'auto' | 'classification' | 'regression';
  metric: 'auto' | SearchMetricName;
  folds: number;
  seed: number;
  time_budget_s: number | null;
  use_model: string | null;
}

const CLASSIFICATION_ONLY: ReadonlySet<string> = new Set(['roc_auc', 'log_loss', 'accuracy', 'balanced_accuracy', 'f1_macro']);

function searchKey(tables: readonly { X: FeatureMatrix; y: Target }[], what: unknown): string {
  const h = createHash('sha256');
  for (const { X, y } of tables) {
    for (const c of X.columns) h.update(new Uint8Array(c.buffer, c.byteOffset, c.byteLength));
    h.update(JSON.stringify({ rows: X.nRows, names: X.names, levels: X.levels }));
    const t = y.task === 'classification' ? y.codes : y.values;
    h.update(new Uint8Array(t.buffer, t.byteOffset, t.byteLength));
    if (y.task === 'classification') h.update(JSON.stringify(y.classes));
  }
  h.update(JSON.stringify(what));
  return h.digest('hex');
}

function chooseMetric(params: SearchParams, y: Target): SearchMetric {
  if (params.metric === 'auto') return defaultMetric(y);
  const classification = CLASSIFICATION_ONLY.has(params.metric);
  if (classification !== (y.task === 'classification')) {
    throw invalidInput(`metric '${params.metric}' is a ${classification ? 'classification' : 'regression'} metric but this is a ${y.task} task`, { param: 'metric' });
  }
  if (params.metric === 'roc_auc' && y.task === 'classification' && y.classes.length !== 2) {
    throw invalidInput(`metric 'roc_auc' ranks binary classifiers; this target has ${y.classes.length} classes (use log_loss)`, { param: 'metric' });
  }
  return params.metric;
}

export async function runModelSearch(
  ctx: NodeRunContext,
  env: NodeEnv,
  inputs: Record<string, unknown>,
  params: SearchParams,
  makePlan: (task: 'classification' | 'regression') => SearchPlan,
  planKey: unknown,
): Promise<Record<string, unknown>> {
  const { train, valid } = await readTrainingInputs(ctx, env, inputs, params);
  ctx.throwIfCancelled();
  const metric = chooseMetric(params, train.y);
  const plan = makePlan(train.y.task);
  const what = { planKey, metric, folds: params.folds, seed: params.seed, budget: params.time_budget_s, target: train.target };
  const key = searchKey(valid ? [train, valid] : [train], what);
  let search = await recallSearch(key, env.cache);
  if (!search) {
    search = await search_(ctx, env, train, valid, params, plan, metric);
    await keepSearch(key, search, env.cache);
  } else {
    ctx.progress(1, 'search kept from an earlier run');
  }
  const { result } = search;
  const chosen = params.use_model ?? result.leaderboard[0].model_id;
  let file = search.files.get(chosen);
  if (!file) {
    const entry = result.leaderboard.find((e) => e.model_id === chosen);
    if (!entry) {
      const ids = result.leaderboard.slice(0, 8).map((e) => e.model_id);
      throw invalidInput(`'${chosen}' is not a model_id of the leaderboard (e.g. ${ids.join(', ')})`, { param: 'use_model' });
    }
    // a row that was not scored on all rows: one fit (once), not a search
    file = (await recallModel(key, chosen, env.cache)) ?? (await fitOnAll(ctx, env, train, search.candidates.get(chosen)!, params.seed));
    search.files.set(chosen, file);
    await keepModel(key, chosen, file, env.cache);
  }
  const leaderboard = await env.data.fromFrame(leaderboardFrame(result.leaderboard, metric, search.scoredOn), `${ctx.nodeId}_leaderboard`);
  return { model: file, leaderboard, history: search.history };
}

async function fitOnAll(ctx: NodeRunContext, env: NodeEnv, train: { X: FeatureMatrix; y: Target; target: string }, candidate: Candidate, seed: number): Promise<PlumbModelFile> {
  return env.workers.run(fitTask, { family: candidate.family as Family, params: candidate.params, seed, target: train.target, X: train.X, y: train.y }, { signal: ctx.signal });
}

async function search_(
  ctx: NodeRunContext,
  env: NodeEnv,
  train: { X: FeatureMatrix; y: Target; target: string },
  valid: { X: FeatureMatrix; y: Target } | undefined,
  params: SearchParams,
  plan: SearchPlan,
  metric: SearchMetric,
): Promise<KeptSearch> {
  const n = train.X.nRows;
  const k = params.folds;
  if (n < 2 * k) throw invalidInput(`${n} training rows are too few for ${k} folds`, { param: 'folds' });
  const scoredOn = valid ? validFolds(ctx, valid, k, params.seed) : undefined;
  // one seeded shuffle: rung r uses the first rows of this order (nested subsets, like a growing sample)
  const order = Int32Array.from({ length: n }, (_, i) => i);
  new Random(params.seed).shuffle(order);
  const X = pickRows(train.X, order);
  const y = pickTarget(train.y, order);
  const stratify = (rows: number) => (y.task === 'classification' ? y.codes.subarray(0, rows) : null);
  const foldsOf = (rows: number) => assignFolds(rows, k, { classes: stratify(rows), shuffle: false, seed: params.seed }).fold;
  const full = assignFolds(n, k, { classes: stratify(n), shuffle: false, seed: params.seed });
  if (full.warning) ctx.warn(full.warning);
  const K = y.task === 'classification' ? y.classes.length : 1;
  const width = scoreWidth(y.task, K);
  const history: SeriesPoint[] = [];
  const candidates = new Map([plan.baseline, ...plan.candidates].map((c) => [c.id, c]));
  const concurrency = Math.max(2, env.workers.stats().workers);

  const result = await runSearch(
    {
      candidates: plan.candidates,
      baseline: plan.baseline,
      metric,
      y,
      folds: full.fold,
      nFolds: k,
      ...(scoredOn ? { scoredOn: { y: scoredOn.y, folds: scoredOn.folds } } : {}),
      factor: 3,
      smallest: 2 * k * (y.task === 'classification' ? K : 1),
      stacking: plan.stacking,
      halving: plan.halving,
      concurrency,
      timeBudgetSeconds: params.time_budget_s ?? undefined,
      signal: ctx.signal,
    },
    {
      evaluate: (candidate, rung, signal) => {
        const rows = rung.resources;
        const subset = Int32Array.from({ length: rows }, (_, i) => i);
        return env.workers.run(
          evaluateTask,
          {
            family: candidate.family as Family,
            params: candidate.params,
            seed: params.seed,
            target: train.target,
            X: pickRows(X, subset),
            y: pickTarget(y, subset),
            folds: rows === n ? full.fold : foldsOf(rows),
            nFolds: k,
            metric,
            oofWidth: rows === n ? width : 0,
            ...(scoredOn ? { valid: scoredOn } : {}),
          },
          { signal },
        );
      },
      onEntry: (entry, progress) => {
        const point: SeriesPoint = {
          step: progress.evaluated,
          ...(progress.bestSoFar !== null ? { metric: progress.bestSoFar } : {}),
          seconds: progress.elapsedSeconds,
          detail: {
            model_id: entry.model_id,
            family: entry.family,
            params: JSON.stringify(entry.params),
            mean: Number.isFinite(entry.mean) ? entry.mean : null,
            std: Number.isFinite(entry.std) ? entry.std : null,
            rung: entry.rung,
            rungs: progress.rungs,
            rows: entry.rows,
            fit_seconds: entry.fit_seconds,
            budget_s: params.time_budget_s,
            metric_name: metric,
            scored_on: scoredOn ? 'valid' : 'cv',
          },
        };
        history.push(point);
        ctx.series('history', [point]);
        const planned = plan.candidates.length + 1;
        ctx.progress(Math.min(0.95, progress.evaluated / (planned * 1.6)), `rung ${Math.max(1, progress.rung + 1)} of ${progress.rungs}: ${entry.model_id}`);
      },
    },
  );

  // Every model scored on all rows is fitted on all rows (in parallel), so any of them can be the output.
  ctx.progress(0.96, 'fitting the leaderboard\'s models on all rows');
  const files = new Map<string, PlumbModelFile>();
  const fullIds = result.leaderboard.filter((e) => e.full && e.family !== 'stacked_ensemble').map((e) => e.model_id);
  const fitted = await Promise.all(fullIds.map((id) => fitOnAll(ctx, env, { X: train.X, y: train.y, target: train.target }, candidates.get(id)!, params.seed)));
  fullIds.forEach((id, i) => files.set(id, fitted[i]));
  if (result.stack) files.set('stacked_ensemble', ensembleFile(result.stack, files, train, K));
  return { result, metric, scoredOn: scoredOn ? 'valid' : 'cv', history, files, candidates };
}

/** The validation rows and their folds (what candidates are scored on per fold, and the ensemble is cross-validated on). */
function validFolds(ctx: NodeRunContext, valid: { X: FeatureMatrix; y: Target }, k: number, seed: number): { X: FeatureMatrix; y: Target; folds: Int32Array } {
  const m = valid.X.nRows;
  if (m < 2 * k) throw invalidInput(`the valid table has ${m} usable rows, too few for ${k} folds (it needs ${2 * k})`, { param: 'folds' });
  const assigned = assignFolds(m, k, { classes: valid.y.task === 'classification' ? valid.y.codes : null, shuffle: true, seed });
  if (assigned.warning) ctx.warn(`valid: ${assigned.warning}`);
  return { X: valid.X, y: valid.y, folds: assigned.fold };
}

/** The stacked ensemble as a model file: members with a positive weight, the meta-model's intercept. */
function ensembleFile(stack: NonNullable<SearchResult['stack']>, files: Map<string, PlumbModelFile>, train: { X: FeatureMatrix; y: Target; target: string }, K: number): PlumbModelFile {
  const members = stack.members
    .map((id, k) => ({ weight: stack.meta.weights[k], file: files.get(id)! as unknown as EnsembleMemberFile, id }))
    .filter((m) => m.weight > 0);
  const model: EnsembleModel = {
    link: ensembleLink(train.y.task, K),
    intercept: stack.meta.intercept.slice(),
    // a meta-model that weights nothing keeps the first member at weight 0: an ensemble needs a member
    members: (members.length ? members : [{ weight: 0, file: files.get(stack.members[0])! as unknown as EnsembleMemberFile, id: stack.members[0] }]).map(({ weight, file }) => ({ weight, file })),
  };
  const seconds = members.reduce((a, m) => a + (files.get(m.id)?.trained.seconds ?? 0), 0);
  return buildModelFile({ type: 'ensemble', model }, { X: train.X, y: train.y, target: train.target, params: { members: stack.members.join(','), stacking: stack.loss }, seconds });
}
